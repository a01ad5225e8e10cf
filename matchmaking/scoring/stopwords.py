"""Compact stop-word lists for Vietnamese and English technology texts.

Vietnamese is written in syllables and accent folding ("được" → "duoc") makes many function
words look like content words ("dược" = pharmacy, "trồng" = to farm, "tái" = re-). A folded form
is therefore only a stop word when it is not also the folding of a useful content syllable:
`VI_FOLDED_AMBIGUOUS` lists the collisions we know, and text typed without diacritics keeps them.
"""

from __future__ import annotations

import unicodedata

# Function words only: words that carry meaning in technology texts ("không" in "không khí" = air,
# "theo" in "theo dõi" = to monitor, "ai" = AI) are deliberately absent.
_VI_STOP = """
và của cho các những là có được trong với để này đó một đã sẽ đang từ tại về như khi thì mà nhưng
hoặc hay cũng rất nhiều lại ra vào lên bị bởi nên vì nếu còn đến trên dưới sau trước giữa cùng
mỗi mọi nhằm qua vẫn đây ấy nào gì chúng tôi họ cần việc sự hơn nhất đều rồi vậy thế ở nhé ạ
đối với bằng gồm bao những cái chiếc hãy phải nữa đó đấy thì chỉ luôn đang điều này kia
"""

# Folded Vietnamese forms that are also the folding of content syllables in our domain.
VI_FOLDED_AMBIGUOUS = frozenset(
    """
    cua co duoc trong da do tu tai ve nhu khi thi ma nhung cung lai bi boi nen vi con den sau qua
    van day chung toi ho can su nhat roi the moi bao gom doi bang chi
    """.split()  # noqa: SIM905 - a word block reads better than 40 quoted strings
)

_EN_STOP = """
a about above after again against all also am an and any are as at be because been before being
below between both but by can could did do does doing down during each etc few for from further
had has have having he her here hers herself him himself his how i if in into is it its itself
just may more most must my no nor not of off on once only or other our ours out over own per same
she should so some such than that the their theirs them then there these they this those through
to too under until up upon us very via was we were what when where which while who whom why will
with within would you your yours
"""

# English stop words that are also common Vietnamese syllables once folded ("in" = to print,
# "so" = number, "he" = system, "an" = to eat): dropped only from fields known to be English.
EN_AMBIGUOUS = frozenset(
    {"an", "at", "be", "can", "do", "he", "in", "me", "my", "no", "on", "so", "to"}
)


def fold(text: str) -> str:
    """NFKC-normalise, lower-case and strip diacritics ("Đầm Nuôi Tôm" → "dam nuoi tom")."""
    text = unicodedata.normalize("NFKC", text).lower().replace("đ", "d").replace("ð", "d")
    decomposed = unicodedata.normalize("NFD", text)
    return unicodedata.normalize(
        "NFC", "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    )


def _words(block: str) -> frozenset[str]:
    return frozenset(unicodedata.normalize("NFC", w) for w in block.split())


VI_STOP = _words(_VI_STOP)
EN_STOP = _words(_EN_STOP)
# Applied to tokens typed without diacritics.
VI_STOP_FOLDED = frozenset(fold(w) for w in VI_STOP) - VI_FOLDED_AMBIGUOUS
