"""Catalogue search: accent-insensitive, word by word, typo-tolerant on PostgreSQL.

Each offer and need keeps a ``search_document``: its titles, summaries, keywords, references and
its organisation's names, lower-cased and accent-folded with the matching engine's own folding
(so "nuoi tom" finds "nuôi tôm", exactly as the scores treat them). PostgreSQL searches it with
full-text search (an expression GIN index) OR trigram word similarity (a trigram GIN index) for
typos; SQLite, the embedded demo, requires every folded word as a substring.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from decimal import Decimal

from django.conf import settings
from django.contrib.postgres.search import (
    SearchQuery,
    SearchRank,
    SearchVector,
    TrigramWordSimilarity,
)
from django.db import connection
from django.db.models import FloatField, Q, QuerySet, Value

from matchmaking.scoring.stopwords import fold

_WORD = re.compile(r"[^\W_]+")
MAX_QUERY_WORDS = 12


def folded_words(text: str) -> list[str]:
    return [fold(word.lower()) for word in _WORD.findall(unicodedata.normalize("NFKC", text))]


def _document(parts: Iterable[str]) -> str:
    return " ".join(word for part in parts if part for word in folded_words(str(part)))


def offer_document(offer) -> str:
    org = offer.organization
    return _document(
        [
            offer.reference,
            offer.title,
            offer.title_en,
            offer.summary,
            offer.summary_en,
            " ".join(offer.keywords or []),
            org.name,
            org.name_en,
        ]
    )


def need_document(need) -> str:
    org = need.organization
    return _document(
        [
            need.reference,
            need.title,
            need.title_en,
            need.description,
            need.summary_en,
            " ".join(need.keywords or []),
            org.name,
            org.name_en,
        ]
    )


def in_vnd(amount, currency: str) -> Decimal | None:
    if amount is None:
        return None
    rate = settings.CURRENCY_RATES_VND.get(currency)
    return None if rate is None else (Decimal(amount) * Decimal(str(rate))).quantize(Decimal(1))


def refresh_offer(offer) -> None:
    """Set the derived fields of an offer before it is saved."""
    offer.search_document = offer_document(offer)
    offer.price_min_vnd = in_vnd(offer.price_min, offer.currency)
    offer.price_max_vnd = in_vnd(offer.price_max, offer.currency)


def refresh_need(need) -> None:
    need.search_document = need_document(need)


def search(queryset: QuerySet, text: str) -> QuerySet:
    """Records matching every word of ``text`` (PostgreSQL: or close to it), best first."""
    words = folded_words(text)[:MAX_QUERY_WORDS]
    if not words:
        return queryset
    if connection.vendor == "postgresql":
        phrase = " ".join(words)
        vector = SearchVector("search_document", config="simple")
        query = SearchQuery(phrase, config="simple", search_type="plain")
        return queryset.annotate(
            document_vector=vector,
            relevance=SearchRank(vector, query) + TrigramWordSimilarity(phrase, "search_document"),
        ).filter(Q(document_vector=query) | Q(search_document__trigram_word_similar=phrase))
    for word in words:
        queryset = queryset.filter(search_document__contains=word)
    return queryset.annotate(relevance=Value(0.0, output_field=FloatField()))
