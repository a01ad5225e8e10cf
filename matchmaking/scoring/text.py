"""Text features: accent-folded word unigrams and bigrams, field-weighted, TF-IDF in both languages.

Vietnamese words are usually two syllables ("nuôi tôm", "thủy sản"), so bigrams of adjacent
syllables act as words; bigrams never span punctuation, stop words or field boundaries. Folding
("nuôi tôm" → "nuoi tom") lets text typed without diacritics match.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence

import numpy as np
from scipy import sparse
from sklearn.feature_extraction.text import TfidfVectorizer

from matchmaking.scoring.records import NeedRecord, OfferRecord
from matchmaking.scoring.stopwords import (
    EN_AMBIGUOUS,
    EN_STOP,
    VI_STOP,
    VI_STOP_FOLDED,
    fold,
)

# Repeating a field's features `weight` times weighs its term counts; with sublinear tf a title
# word then counts 1 + ln 3 ≈ 2.1 times a word seen once in the description.
TITLE_WEIGHT = 3
KEYWORD_WEIGHT = 3
SUMMARY_WEIGHT = 2
DESCRIPTION_WEIGHT = 1

# A word run, or a run of punctuation (which breaks bigrams).
_TOKEN_RE = re.compile(r"[^\W_]+|[^\w\s]+")

Field = tuple[str, int, str | None]  # text, weight, language (None: unknown)


def record_fields(record: OfferRecord | NeedRecord) -> list[Field]:
    """The weighted text fields of a record; `*_en` fields are English whatever `language` says."""
    lang = record.language
    fields: list[Field] = [(record.title, TITLE_WEIGHT, lang)]
    # Keywords are often English inside Vietnamese records: language unknown.
    fields.extend((k, KEYWORD_WEIGHT, None) for k in record.keywords)
    if isinstance(record, OfferRecord):
        fields.append((record.summary, SUMMARY_WEIGHT, lang))
    fields.append((record.description, DESCRIPTION_WEIGHT, lang))
    fields.append((record.title_en, TITLE_WEIGHT, "en"))
    fields.append((record.summary_en, SUMMARY_WEIGHT, "en"))
    return fields


def _stop_rule(lang: str | None) -> str:
    if lang == "vi":
        return "vi"
    if lang == "en":
        return "en"
    return "any"


class Analyzer:
    """Turns weighted fields into features; remembers the usual spelling of each folded word.

    The fold cache maps each raw token once to its folded form (or None for stop words and
    punctuation), so a document costs one dict lookup per token.
    """

    def __init__(self) -> None:
        self._caches: dict[str, dict[str, str | None]] = {"vi": {}, "en": {}, "any": {}}
        self._spellings: Counter[str] = Counter()
        self.collect_spellings = False

    def __getstate__(self) -> dict[str, object]:
        # The caches are rebuilt on demand; pickling them would only bloat a cached index.
        return {"_caches": {"vi": {}, "en": {}, "any": {}}, "_spellings": Counter()}

    def __setstate__(self, state: dict[str, object]) -> None:
        self.__dict__.update(state)
        self.collect_spellings = False

    @staticmethod
    def _fold_token(raw: str, rule: str) -> str | None:
        if not raw[0].isalnum():
            return None
        lower = raw.lower()
        folded = fold(lower)
        if len(folded) < 2:
            return None
        vi_stop = (folded in VI_STOP_FOLDED) if lower.isascii() else (lower in VI_STOP)
        if rule == "vi":
            return None if vi_stop else folded
        en_stop = lower in EN_STOP
        if rule == "en":
            return None if en_stop else folded
        return None if vi_stop or (en_stop and lower not in EN_AMBIGUOUS) else folded

    def field_features(self, text: str, lang: str | None) -> list[str]:
        """Unigrams and adjacent bigrams of one field, in order."""
        rule = _stop_rule(lang)
        cache = self._caches[rule]
        grams: list[str] = []
        kept: list[str] = []
        prev: str | None = None
        prev_raw = ""
        # Tokens keep their case (for showing them); the cache folds each distinct one once.
        for raw in _TOKEN_RE.findall(unicodedata.normalize("NFKC", text)):
            try:
                folded = cache[raw]
            except KeyError:
                folded = cache[raw] = self._fold_token(raw, rule)
            if folded is None:
                prev = None
                continue
            grams.append(folded)
            if self.collect_spellings:
                kept.append(raw)
                if prev is not None:
                    kept.append(prev_raw + " " + raw)
                prev_raw = raw
            if prev is not None:
                grams.append(prev + " " + folded)
            prev = folded
        if kept:
            self._spellings.update(kept)
        return grams

    def features(self, fields: Iterable[Field]) -> list[str]:
        out: list[str] = []
        for text, weight, lang in fields:
            if text:
                grams = self.field_features(text, lang)
                out.extend(grams * weight if weight > 1 else grams)
        return out

    def take_spellings(self) -> dict[str, str]:
        """Folded word or bigram → how to show it, where that differs from the folded form.

        A spelling with diacritics wins over one without ("tom" shows as "tôm"), then the most
        frequent. Capitalised words count as lower case (usually a sentence start), while
        acronyms and mixed case stay ("RAS", "IoT"). Bigrams are kept only where the context
        changes a word: "bao" is mostly "bảo", but "canh bao" is "cảnh báo".
        """
        counts: Counter[str] = Counter()
        for raw, count in self._spellings.items():
            counts[" ".join(_display_case(word) for word in raw.split(" "))] += count
        self._spellings = Counter()
        best: dict[str, tuple[bool, int, str]] = {}
        for shown, count in counts.items():
            folded = fold(shown)
            candidate = (not shown.isascii(), count, shown)
            if folded not in best or candidate > best[folded]:
                best[folded] = candidate
        words = {f: c[2] for f, c in best.items() if " " not in f}
        spellings = {f: shown for f, shown in words.items() if shown != f}
        for folded, (_, _, shown) in best.items():
            if " " not in folded:
                continue
            composed = [words.get(w, w) for w in folded.split(" ")]
            # Only a context that changes the accents counts, never one that drops them.
            if shown.split(" ") != composed and all(
                not s.isascii() or c.isascii()
                for s, c in zip(shown.split(" "), composed, strict=True)
            ):
                spellings[folded] = shown
        return spellings


def _display_case(word: str) -> str:
    return word.lower() if word[:1].isupper() and word[1:].islower() else word


def _identity(features: list[str]) -> list[str]:
    # Module-level so that a fitted vectorizer (and the index holding it) can be pickled.
    return features


def make_vectorizer() -> TfidfVectorizer:
    """TF-IDF over pre-analysed feature lists (the Analyzer does folding and n-grams)."""
    return TfidfVectorizer(
        analyzer=_identity,
        lowercase=False,
        token_pattern=None,
        sublinear_tf=True,
        dtype=np.float32,
        norm="l2",
    )


def fit_text(
    analyzer: Analyzer, records: Sequence[OfferRecord | NeedRecord]
) -> tuple[TfidfVectorizer | None, sparse.csr_matrix, dict[str, str]]:
    """Fit TF-IDF on all records (one pass, a generator keeps only one feature list alive).

    Returns the vectorizer (None when no record has any word), the row-normalised matrix and the
    spelling map for displaying shared terms.
    """
    vectorizer = make_vectorizer()
    analyzer.collect_spellings = True
    try:
        matrix = vectorizer.fit_transform(analyzer.features(record_fields(r)) for r in records)
    except ValueError:
        # Empty vocabulary: every text is empty or only stop words; text similarity is then 0.
        analyzer.collect_spellings = False
        return None, sparse.csr_matrix((len(records), 0), dtype=np.float32), {}
    analyzer.collect_spellings = False
    return vectorizer, _canonical(matrix), analyzer.take_spellings()


def transform_text(
    vectorizer: TfidfVectorizer | None,
    analyzer: Analyzer,
    records: Sequence[OfferRecord | NeedRecord],
) -> sparse.csr_matrix:
    """Vectorise records with the existing vocabulary and IDF (words unseen at fit time drop)."""
    if vectorizer is None:
        return sparse.csr_matrix((len(records), 0), dtype=np.float32)
    matrix = vectorizer.transform([analyzer.features(record_fields(r)) for r in records])
    return _canonical(matrix)


def _canonical(matrix: sparse.spmatrix | sparse.sparray) -> sparse.csr_matrix:
    """float32 CSR with sorted column indices: scikit-learn renumbers the vocabulary after
    counting, which leaves rows unsorted, and the tie-breaks below rely on feature order."""
    out = sparse.csr_matrix(matrix, dtype=np.float32)
    out.sort_indices()
    return out


def strongest_features(
    matrix: sparse.csr_matrix, keep: int, batch: int = 8_192
) -> sparse.csr_matrix:
    """Each row reduced to its `keep` largest entries (ties to the smaller feature id).

    Shared terms are looked for among these only: a term that is not among the strongest of
    either text would not be worth showing, and the pair products become small.
    """
    matrix = sparse.csr_matrix(matrix)
    counts = np.diff(matrix.indptr)
    if counts.max(initial=0) <= keep:
        return matrix
    kept = np.zeros(matrix.nnz, dtype=bool)
    for start in range(0, matrix.shape[0], batch):
        stop = min(start + batch, matrix.shape[0])
        lo, hi = matrix.indptr[start], matrix.indptr[stop]
        rows_counts = counts[start:stop]
        row_of = np.repeat(np.arange(stop - start), rows_counts)
        slot = np.arange(hi - lo) - np.repeat(matrix.indptr[start:stop] - lo, rows_counts)
        dense = np.full((stop - start, int(rows_counts.max(initial=1))), -np.inf)
        # A vanishing tilt by position (= feature order) makes values distinct: ties → lower id.
        dense[row_of, slot] = matrix.data[lo:hi].astype(np.float64) - slot * 1e-13
        take = min(keep, dense.shape[1])
        best = np.argpartition(-dense, take - 1, axis=1)[:, :take]
        picked = np.zeros_like(dense, dtype=bool)
        np.put_along_axis(picked, best, True, axis=1)
        kept[lo:hi] = picked[row_of, slot]
    row_of_all = np.repeat(np.arange(matrix.shape[0]), counts)
    return sparse.csr_matrix(
        (matrix.data[kept], (row_of_all[kept], matrix.indices[kept])),
        shape=matrix.shape,
        dtype=matrix.dtype,
    )


def shared_features(
    left: sparse.csr_matrix,
    right: sparse.csr_matrix,
    left_rows: np.ndarray,
    right_rows: np.ndarray,
    top: int,
    batch: int = 100_000,
) -> np.ndarray:
    """The features contributing most to each pair's cosine, best first, padded with -1.

    Pass the `strongest_features` matrices: products then have a few entries per pair, laid out
    densely (pairs × widest product) so one `argpartition` handles a whole batch.
    """
    n_pairs = len(left_rows)
    ids = np.full((n_pairs, top), -1, dtype=np.int32)
    if left.shape[1] == 0:
        return ids
    for start in range(0, n_pairs, batch):
        stop = min(start + batch, n_pairs)
        product = left[left_rows[start:stop]].multiply(right[right_rows[start:stop]]).tocsr()
        product.eliminate_zeros()
        counts = np.diff(product.indptr)
        width = int(counts.max(initial=0))
        if width == 0:
            continue
        row_of = np.repeat(np.arange(stop - start), counts)
        slot = np.arange(product.nnz) - np.repeat(product.indptr[:-1], counts)
        dense = np.full((stop - start, width), -np.inf)
        dense[row_of, slot] = product.data.astype(np.float64) - slot * 1e-13
        columns = np.full((stop - start, width), -1, dtype=np.int32)
        columns[row_of, slot] = product.indices
        take = min(top, width)
        best = np.argpartition(-dense, take - 1, axis=1)[:, :take]
        values = np.take_along_axis(dense, best, axis=1)
        order = np.argsort(-values, axis=1)
        best = np.take_along_axis(best, order, axis=1)
        chosen = np.take_along_axis(columns, best, axis=1)
        ids[start:stop, :take] = np.where(
            np.isfinite(np.take_along_axis(values, order, axis=1)), chosen, -1
        )
    return ids
