"""Human reasons for a match, in English and Vietnamese, built only for the pairs that are kept."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from matchmaking.scoring.defaults import to_base
from matchmaking.scoring.records import TRANSFER_MODES, NeedRecord, OfferRecord, Reason
from matchmaking.scoring.taxonomy import Taxonomy

SHOWN_TERMS = 3
SHOWN_SECTORS = 2

MODE_NAMES: dict[str, tuple[str, str]] = {
    "licence": ("licence", "li-xăng"),
    "equipment_supply": ("equipment supply", "cung cấp thiết bị"),
    "turnkey": ("turnkey", "chìa khóa trao tay"),
    "joint_venture": ("joint venture", "liên doanh"),
    "rnd_cooperation": ("R&D cooperation", "hợp tác nghiên cứu & phát triển"),
    "technical_assistance": ("technical assistance", "hỗ trợ kỹ thuật"),
    "training": ("training", "đào tạo"),
    "other": ("other", "khác"),
}


def term_labels(
    feature_ids: Iterable[int],
    names: Sequence[str],
    spellings: Mapping[str, str],
    limit: int = SHOWN_TERMS,
) -> list[str]:
    """Readable shared terms, best first, without repeating a word already inside a shown phrase.

    `feature_ids` are folded features by contribution; a word is shown in its usual written form
    ("nuoi tom" → "nuôi tôm", "ras" → "RAS") when the corpus has one.
    """
    chosen: list[list[str]] = []  # phrases as word lists, best first
    for fid in feature_ids:
        if fid < 0:
            break
        feature = names[fid]
        if " " not in feature:
            if not any(feature in c for c in chosen):
                chosen.append([feature])
            continue
        a, b = feature.split(" ")
        if any(_has_pair(c, a, b) for c in chosen):
            continue
        # A phrase absorbs its single words; overlapping bigrams chain ("điện mặt" + "mặt trời"
        # → "điện mặt trời") unless the shared word is a different word in each.
        chosen = [c for c in chosen if len(c) > 1 or (c[0] != a and c[0] != b)]
        for c in chosen:
            if c[-1] == a and _same_word(c[-2], a, b, spellings):
                c.append(b)
                break
            if c[0] == b and _same_word(a, b, c[1], spellings):
                c.insert(0, a)
                break
        else:
            chosen.append([a, b])
    return [_spell(c, spellings) for c in chosen[:limit]]


def _spell(words: list[str], spellings: Mapping[str, str]) -> str:
    """Each word as spelled in the bigram it starts or ends, else on its own."""
    shown = []
    for i, word in enumerate(words):
        after = spellings.get(f"{word} {words[i + 1]}") if i + 1 < len(words) else None
        before = spellings.get(f"{words[i - 1]} {word}") if i > 0 else None
        if after is not None:
            shown.append(after.split(" ")[0])
        elif before is not None:
            shown.append(before.split(" ")[1])
        else:
            shown.append(spellings.get(word, word))
    return " ".join(shown)


def _same_word(before: str, word: str, after: str, spellings: Mapping[str, str]) -> bool:
    """Whether `word` is spelled alike after `before` and before `after`, i.e. the two bigrams
    may be one three-word phrase (not "cảnh báo" + "bảo quản")."""
    left = spellings.get(f"{before} {word}")
    right = spellings.get(f"{word} {after}")
    alone = spellings.get(word, word)
    return (left.split(" ")[1] if left else alone) == (right.split(" ")[0] if right else alone)


def _has_pair(phrase: list[str], a: str, b: str) -> bool:
    return any(phrase[i] == a and phrase[i + 1] == b for i in range(len(phrase) - 1))


def _join(items: Iterable[str]) -> str:
    return ", ".join(items)


def build_reasons(
    offer: OfferRecord,
    need: NeedRecord,
    components: Mapping[str, float],
    terms: Sequence[str],
    taxonomy: Taxonomy,
    rates: Mapping[str, float],
) -> list[Reason]:
    """Reasons in a fixed order: sector, shared terms, TRL, modes, budget, country."""
    return [
        render_reason(code, params, taxonomy)
        for code, params in reason_params(offer, need, components, terms, taxonomy, rates)
    ]


def reason_params(
    offer: OfferRecord,
    need: NeedRecord,
    components: Mapping[str, float],
    terms: Sequence[str],
    taxonomy: Taxonomy,
    rates: Mapping[str, float],
) -> list[tuple[str, dict[str, Any]]]:
    """The reasons as (code, parameters) only: what a front end needs to word them itself, and
    much cheaper than wording them when millions of pairs are stored."""
    reasons: list[tuple[str, dict[str, Any]]] = []
    exact, tops = taxonomy.shared(offer.sectors, need.sectors)
    if exact:
        reasons.append(("sector_same", {"sectors": [s.code for s in exact[:SHOWN_SECTORS]]}))
    elif tops:
        reasons.append(("sector_related", {"sectors": [s.code for s in tops[:SHOWN_SECTORS]]}))
    if terms:
        reasons.append(("terms_shared", {"terms": list(terms)}))
    if need.min_trl and offer.trl:
        code = "trl_ok" if offer.trl >= need.min_trl else "trl_below"
        reasons.append((code, {"trl": offer.trl, "min_trl": need.min_trl}))
    shared_modes = [
        m for m in TRANSFER_MODES if m in need.transfer_modes and m in offer.transfer_modes
    ]
    if shared_modes:
        reasons.append(("modes_shared", {"modes": shared_modes}))
    budget = _budget_code(offer, need, components.get("budget", 1.0), rates)
    if budget:
        reasons.append(budget)
    country = (offer.country or "").upper()
    if country and country in {c.upper() for c in need.preferred_countries}:
        reasons.append(("country_preferred", {"country": country}))
    return reasons


def render_reason(code: str, params: Mapping[str, Any], taxonomy: Taxonomy) -> Reason:
    """Word one reason in English and Vietnamese."""
    p = dict(params)
    if code in ("sector_same", "sector_related"):
        sectors = [taxonomy.sectors[c] for c in p["sectors"] if c in taxonomy.sectors]
        en, vi = (
            ("same sector: ", "cùng lĩnh vực: ")
            if code == "sector_same"
            else (
                "related sector: ",
                "lĩnh vực liên quan: ",
            )
        )
        return Reason(
            code, p, en + _join(s.name_en for s in sectors), vi + _join(s.name_vi for s in sectors)
        )
    if code == "terms_shared":
        terms = _join(p["terms"])
        return Reason(code, p, "shared terms: " + terms, "từ khóa chung: " + terms)
    if code == "trl_ok":
        return Reason(
            code,
            p,
            f"TRL {p['trl']} ≥ {p['min_trl']}",
            f"mức sẵn sàng công nghệ TRL {p['trl']} ≥ {p['min_trl']}",
        )
    if code == "trl_below":
        return Reason(
            code,
            p,
            f"TRL {p['trl']} below the required {p['min_trl']}",
            f"TRL {p['trl']} thấp hơn mức yêu cầu {p['min_trl']}",
        )
    if code == "modes_shared":
        return Reason(
            code,
            p,
            "transfer modes: " + _join(MODE_NAMES[m][0] for m in p["modes"]),
            "phương thức chuyển giao: " + _join(MODE_NAMES[m][1] for m in p["modes"]),
        )
    if code in BUDGET_TEXT:
        return Reason(code, p, *BUDGET_TEXT[code])
    if code == "country_preferred":
        return Reason(
            code, p, f"preferred country: {p['country']}", f"quốc gia ưu tiên: {p['country']}"
        )
    raise ValueError(f"unknown reason code {code!r}")


BUDGET_TEXT = {
    "budget_fit": ("price within budget", "giá phù hợp ngân sách"),
    "budget_above": ("price above budget", "giá cao hơn ngân sách"),
    "budget_below": ("price below the minimum budget", "giá thấp hơn ngân sách tối thiểu"),
}


def _budget_code(
    offer: OfferRecord, need: NeedRecord, fit: float, rates: Mapping[str, float]
) -> tuple[str, dict[str, Any]] | None:
    has_price = offer.price_min is not None or offer.price_max is not None
    has_budget = need.budget_min is not None or need.budget_max is not None
    price_lo = to_base(
        offer.price_min if offer.price_min is not None else offer.price_max, offer.currency, rates
    )
    if not (has_price and has_budget) or price_lo != price_lo:  # NaN: no rate for the currency
        return None
    if fit >= 1.0:
        return ("budget_fit", {})
    budget_hi = to_base(need.budget_max, need.currency, rates)
    if budget_hi == budget_hi and price_lo > budget_hi:
        return ("budget_above", {"fit": fit})
    return ("budget_below", {"fit": fit})
