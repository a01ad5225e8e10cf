"""Catalogue search: accent-insensitive, word by word, typo-tolerant on PostgreSQL.

Each offer and need keeps a ``search_document``: its titles, summaries, keywords, references and
its organisation's names, lower-cased and accent-folded with the matching engine's own folding
(so "nuoi tom" finds "nuôi tôm", exactly as the scores treat them). PostgreSQL searches it with
full-text search (a stored tsvector with a GIN index), and with trigram word similarity (a
trigram GIN index) when a typo leaves nothing; SQLite, the embedded demo, requires every folded
word as a substring.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from decimal import Decimal

from django.conf import settings
from django.contrib.postgres.search import TrigramWordSimilarity
from django.db import connection
from django.db.models import BooleanField, FloatField, QuerySet, Value
from django.db.models.expressions import RawSQL

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
    """Records containing every word of ``text``, best first; annotated with ``relevance``.

    PostgreSQL: full-text search on the stored ``search_vector`` column (a generated tsvector
    of ``search_document`` with a GIN index, added by migration 0007); only when nothing matches
    does it fall back to trigram word similarity, which forgives typos but costs more.
    """
    words = folded_words(text)[:MAX_QUERY_WORDS]
    if not words:
        return queryset
    if connection.vendor == "postgresql":
        phrase = " ".join(words)
        table = queryset.model._meta.db_table
        tsquery = "plainto_tsquery('simple'::regconfig, %s)"
        matched = queryset.alias(
            matched=RawSQL(
                f'"{table}"."search_vector" @@ {tsquery}', [phrase], output_field=BooleanField()
            )
        ).filter(matched=True)
        if matched.exists():
            return matched.annotate(
                relevance=RawSQL(
                    f'ts_rank("{table}"."search_vector", {tsquery})',
                    [phrase],
                    output_field=FloatField(),
                )
            )
        return queryset.filter(search_document__trigram_word_similar=phrase).annotate(
            relevance=TrigramWordSimilarity(phrase, "search_document")
        )
    for word in words:
        queryset = queryset.filter(search_document__contains=word)
    return queryset.annotate(relevance=Value(0.0, output_field=FloatField()))
