"""The portal's rows as the scoring engine's records, and each process's fitted index.

Loading is a handful of queries (records, then their sector and mode rows), never one per record.
The fitted index (vocabulary, IDF, matrices) is kept per process: single-record rescoring then
costs milliseconds. It is refreshed when the database moved on without it: records changed since
it was built are applied one by one, or the whole index is refitted when there are many.
"""

from __future__ import annotations

import threading
from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.db.models import Max

from matchmaking import scoring
from matchmaking.models import PublicationStatus, Sector, TechnologyNeed, TechnologyOffer

# Beyond this many changed records, refitting is cheaper than applying them one by one.
INCREMENTAL_LIMIT = 200

_OFFER_FIELDS = [
    "id",
    "organization_id",
    "organization__country",
    "language",
    "title",
    "summary",
    "description",
    "title_en",
    "summary_en",
    "keywords",
    "trl",
    "ip_status",
    "price_min",
    "price_max",
    "currency",
    "target_countries",
    "status",
]
_NEED_FIELDS = [
    "id",
    "organization_id",
    "organization__country",
    "language",
    "title",
    "description",
    "title_en",
    "summary_en",
    "keywords",
    "min_trl",
    "budget_min",
    "budget_max",
    "currency",
    "preferred_countries",
    "status",
]


def taxonomy() -> scoring.Taxonomy:
    return scoring.Taxonomy(
        scoring.Sector(code=s.code, parent=s.parent_id, name_vi=s.name_vi, name_en=s.name_en)
        for s in Sector.objects.order_by("position", "code")
    )


def rates() -> dict[str, float]:
    return {code: float(rate) for code, rate in settings.CURRENCY_RATES_VND.items()}


def _codes(through, key: str, ids, value: str) -> dict[int, list[str]]:
    codes: dict[int, list[str]] = defaultdict(list)
    rows = through.objects.values_list(key, value).order_by(key, value)
    if ids is not None:
        rows = rows.filter(**{f"{key}__in": ids})
    for record_id, code in rows.iterator(chunk_size=10_000):
        codes[record_id].append(code)
    return codes


def _countries(value) -> list[str]:
    # CountryField(multiple=True) gives Country objects; values() gives the stored text.
    if not value:
        return []
    if isinstance(value, str):
        return [c for c in value.split(",") if c]
    return [str(c) for c in value]


def _number(value) -> float | None:
    return None if value is None else float(value)


def _rows(model, fields, ids, published_only):
    """The records' values, and their sector and transfer-mode codes: three queries."""
    rows = model.objects.values(*fields).order_by("id")
    if published_only:
        rows = rows.filter(status=PublicationStatus.PUBLISHED)
    if ids is not None:
        rows = rows.filter(id__in=ids)
    rows = list(rows)
    selected = None if ids is None else [r["id"] for r in rows]
    key = f"{model._meta.model_name}_id"
    sectors = _codes(model.sectors.through, key, selected, "sector_id")
    modes = _codes(model.transfer_modes.through, key, selected, "transfermode_id")
    return rows, sectors, modes


def _common(row, sectors, modes) -> dict:
    """The fields offers and needs share, in the engine's terms."""
    return {
        "id": str(row["id"]),
        "organization": str(row["organization_id"]),
        "title": row["title"],
        "country": row["organization__country"] or None,
        "language": row["language"] or None,
        "description": row["description"],
        "title_en": row["title_en"],
        "summary_en": row["summary_en"],
        "keywords": tuple(row["keywords"] or ()),
        "sectors": tuple(sectors.get(row["id"], ())),
        "transfer_modes": tuple(modes.get(row["id"], ())),
        "currency": row["currency"] or None,
        "status": row["status"],
    }


def load_offers(ids=None, *, published_only: bool = True) -> list[scoring.OfferRecord]:
    rows, sectors, modes = _rows(TechnologyOffer, _OFFER_FIELDS, ids, published_only)
    return [
        scoring.OfferRecord(
            **_common(r, sectors, modes),
            summary=r["summary"],
            trl=r["trl"],
            ip_status=r["ip_status"] or None,
            price_min=_number(r["price_min"]),
            price_max=_number(r["price_max"]),
            target_countries=tuple(_countries(r["target_countries"])),
        )
        for r in rows
    ]


def load_needs(ids=None, *, published_only: bool = True) -> list[scoring.NeedRecord]:
    rows, sectors, modes = _rows(TechnologyNeed, _NEED_FIELDS, ids, published_only)
    return [
        scoring.NeedRecord(
            **_common(r, sectors, modes),
            min_trl=r["min_trl"],
            budget_min=_number(r["budget_min"]),
            budget_max=_number(r["budget_max"]),
            preferred_countries=tuple(_countries(r["preferred_countries"])),
        )
        for r in rows
    ]


def current_watermark() -> datetime | None:
    """When the newest offer or need changed (any status: archiving also changes the corpus)."""
    stamps = [
        model.objects.aggregate(latest=Max("updated_at"))["latest"]
        for model in (TechnologyOffer, TechnologyNeed)
    ]
    stamps = [s for s in stamps if s is not None]
    return max(stamps) if stamps else None


@dataclass
class _Cached:
    index: scoring.CorpusIndex
    watermark: datetime | None


_cache: _Cached | None = None
_lock = threading.Lock()


def build_index() -> scoring.CorpusIndex:
    return scoring.CorpusIndex.build(
        load_offers(), load_needs(), rates=rates(), taxonomy=taxonomy()
    )


def remember(index: scoring.CorpusIndex, watermark: datetime | None) -> None:
    """Keep a freshly fitted index (a full run hands over its own)."""
    global _cache
    with _lock:
        _cache = _Cached(index, watermark)


def forget() -> None:
    global _cache
    with _lock:
        _cache = None


def current_index() -> scoring.CorpusIndex:
    """This process's index, brought up to date with the database."""
    global _cache
    with _lock:
        latest = current_watermark()
        if _cache is None:
            _cache = _Cached(build_index(), latest)
            return _cache.index
        if latest is None or (_cache.watermark is not None and latest <= _cache.watermark):
            return _cache.index
        changed_offers = _changed(TechnologyOffer, _cache.watermark)
        changed_needs = _changed(TechnologyNeed, _cache.watermark)
        if len(changed_offers) + len(changed_needs) > INCREMENTAL_LIMIT:
            _cache = _Cached(build_index(), latest)
            return _cache.index
        index = _cache.index
        for record in load_offers(changed_offers, published_only=False):
            index = index.with_offer(record)
        for record in load_needs(changed_needs, published_only=False):
            index = index.with_need(record)
        _cache = _Cached(index, latest)
        return index


def _changed(model, since: datetime | None) -> list[int]:
    rows = model.objects.all()
    if since is not None:
        rows = rows.filter(updated_at__gt=since)
    return list(rows.values_list("id", flat=True))
