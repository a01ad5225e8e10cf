from django.db.models import Q, QuerySet

from matchmaking import search
from matchmaking.models import (
    MatchScore,
    PublicationStatus,
    ScoringRun,
    Sector,
    TechnologyNeed,
    TechnologyOffer,
)


def published_offers() -> QuerySet[TechnologyOffer]:
    return (
        TechnologyOffer.objects.filter(status=PublicationStatus.PUBLISHED)
        .select_related("organization")
        .prefetch_related("sectors", "transfer_modes")
    )


def catalogue_offers() -> QuerySet[TechnologyOffer]:
    """Published offers for the cards of the list pages: without the long texts and the
    transfer modes the cards never show."""
    return (
        TechnologyOffer.objects.filter(status=PublicationStatus.PUBLISHED)
        .select_related("organization")
        .prefetch_related("sectors")
        .defer("description", "search_document")
    )


def offers_visible_to(user) -> QuerySet[TechnologyOffer]:
    """Published offers, plus every offer of the user's organisations; officials see all."""
    offers = TechnologyOffer.objects.select_related("organization").prefetch_related(
        "sectors", "transfer_modes"
    )
    if user.is_authenticated and user.is_official:
        return offers
    visible = Q(status=PublicationStatus.PUBLISHED)
    if user.is_authenticated:
        visible |= Q(organization__memberships__user=user)
    return offers.filter(visible).distinct()


def needs_visible_to(user) -> QuerySet[TechnologyNeed]:
    """Published public needs; members-only needs for logged-in users; own needs always."""
    needs = TechnologyNeed.objects.select_related("organization").prefetch_related(
        "sectors", "transfer_modes"
    )
    if user.is_authenticated and user.is_official:
        return needs
    visible = Q(status=PublicationStatus.PUBLISHED, visibility=TechnologyNeed.Visibility.PUBLIC)
    if user.is_authenticated:
        visible |= Q(status=PublicationStatus.PUBLISHED)
        visible |= Q(organization__memberships__user=user)
    return needs.filter(visible).distinct()


def sector_tree() -> list[tuple[Sector, list[Sector]]]:
    """Top-level sectors with their leaves, in taxonomy order (one query)."""
    sectors = list(Sector.objects.all())
    children: dict[str, list[Sector]] = {}
    for sector in sectors:
        if sector.parent_id:
            children.setdefault(sector.parent_id, []).append(sector)
    return [(s, children.get(s.code, [])) for s in sectors if s.parent_id is None]


def search_offers(
    queryset: QuerySet[TechnologyOffer], *, text: str = "", sector: str = "", country: str = ""
) -> QuerySet[TechnologyOffer]:
    """Simple filtering for the public list (the full catalogue search comes with the portal)."""
    if text:
        words = text.split()
        for word in words:
            queryset = queryset.filter(
                Q(title__icontains=word)
                | Q(title_en__icontains=word)
                | Q(summary__icontains=word)
                | Q(summary_en__icontains=word)
                | Q(organization__name__icontains=word)
            )
    queryset = in_sector(queryset, sector)
    if country:
        queryset = queryset.filter(organization__country=country)
    return queryset


def published_needs_for(user) -> QuerySet[TechnologyNeed]:
    """Published needs a visitor may browse: members-only ones need a logged-in user."""
    needs = (
        TechnologyNeed.objects.filter(status=PublicationStatus.PUBLISHED)
        .select_related("organization")
        .prefetch_related("sectors")
    )
    if not user.is_authenticated:
        needs = needs.filter(visibility=TechnologyNeed.Visibility.PUBLIC)
    return needs


def search_needs(queryset: QuerySet[TechnologyNeed], *, text: str = "", sector: str = ""):
    """Needs with every word of ``text``, accent-insensitive as in the catalogue ("nuoi tom"
    finds "nuôi tôm"), annotated with ``relevance`` when searching; in a sector or its leaves."""
    if text.strip():
        queryset = search.search(queryset, text)
    return in_sector(queryset, sector)


def needs_of_member(user) -> QuerySet[TechnologyNeed]:
    return (
        TechnologyNeed.objects.filter(organization__memberships__user=user)
        .select_related("organization")
        .prefetch_related("sectors")
        .order_by("status", "-updated_at")
    )


def offers_of_member(user) -> QuerySet[TechnologyOffer]:
    return (
        TechnologyOffer.objects.filter(organization__memberships__user=user)
        .select_related("organization")
        .prefetch_related("sectors")
        .order_by("status", "-updated_at")
    )


def recommended_offers(need: TechnologyNeed, limit: int = 10) -> QuerySet[MatchScore]:
    """The best published offers for a need, with their components and reasons."""
    return (
        MatchScore.objects.filter(need=need, offer__status=PublicationStatus.PUBLISHED)
        .select_related("offer__organization")
        .order_by("-score", "offer__reference")[:limit]
    )


def needs_matching_offer(offer: TechnologyOffer, user, limit: int = 10) -> QuerySet[MatchScore]:
    """Needs an offer answers, as far as the visitor may see them (visibility respected)."""
    scores = MatchScore.objects.filter(offer=offer, need__status=PublicationStatus.PUBLISHED)
    if not user.is_authenticated:
        scores = scores.filter(need__visibility=TechnologyNeed.Visibility.PUBLIC)
    return scores.select_related("need__organization").order_by("-score", "need__reference")[:limit]


def in_sector(queryset, sector: str):
    """Records in a leaf sector, or in any leaf of a parent sector (or naming the parent).

    A semi-join on the sector rows rather than a join: no DISTINCT over wide rows.
    """
    if not sector:
        return queryset
    through = queryset.model.sectors.through
    # The codes first (a parent has a handful of leaves): "sector_id IN (…)" reads the index,
    # where "sector = X OR sector.parent = X" joins every row of the sector table.
    codes = [sector, *Sector.objects.filter(parent_id=sector).values_list("code", flat=True)]
    record_ids = through.objects.filter(sector_id__in=codes).values(
        f"{queryset.model._meta.model_name}_id"
    )
    return queryset.filter(pk__in=record_ids)


def matches_for_officials(
    *, sector: str = "", country: str = "", min_score: float = 0.0
) -> QuerySet[MatchScore]:
    """Stored pairs of published records, best first; sector and country may be either side's."""
    matches = MatchScore.objects.filter(
        offer__status=PublicationStatus.PUBLISHED, need__status=PublicationStatus.PUBLISHED
    )
    if min_score:
        matches = matches.filter(score__gte=min_score)
    if sector:
        in_sector = Q(sectors__code=sector) | Q(sectors__parent_id=sector)
        matches = matches.filter(
            Q(offer__in=TechnologyOffer.objects.filter(in_sector))
            | Q(need__in=TechnologyNeed.objects.filter(in_sector))
        )
    if country:
        matches = matches.filter(
            Q(offer__organization__country=country) | Q(need__organization__country=country)
        )
    return matches.select_related("offer__organization", "need__organization").order_by(
        "-score", "need_id", "offer_id"
    )


def latest_full_run() -> ScoringRun | None:
    return ScoringRun.objects.filter(kind=ScoringRun.Kind.FULL).order_by("-created_at").first()


def _record_rows(queryset, kind: str, limit: int | None):
    """One side of a union of offers and needs: the columns lists show, plus the side's total."""
    from django.db.models import CharField, Count, F, Value, Window
    from django.db.models.functions import RowNumber

    rows = queryset.annotate(kind=Value(kind, output_field=CharField()), total=Window(Count("pk")))
    if limit is not None:
        rows = rows.annotate(
            rank=Window(RowNumber(), order_by=[F("updated_at").asc(), F("pk").asc()])
        ).filter(rank__lte=limit)
    return rows.order_by().values(
        "kind",
        "pk",
        "reference",
        "title",
        "title_en",
        "status",
        "review_note",
        "organization_id",
        "organization__name",
        "organization__name_en",
        "updated_at",
        "total",
    )


def records_overview(
    offers: QuerySet[TechnologyOffer], needs: QuerySet[TechnologyNeed], *, limit: int | None = None
) -> tuple[list[dict], dict[str, int]]:
    """Offers and needs in one query (a UNION): rows, oldest change first, and each side's total.

    With ``limit``, only the first rows of each side are returned, the totals still count all.
    """
    from core.models import localized

    rows = list(
        _record_rows(offers, "offer", limit).union(_record_rows(needs, "need", limit), all=True)
    )
    totals = {"offer": 0, "need": 0}
    for row in rows:
        totals[row["kind"]] = row["total"]
        row["display_title"] = localized(row["title"], row["title_en"])
        row["organization_name"] = localized(
            row["organization__name"], row["organization__name_en"]
        )
    rows.sort(key=lambda row: (row["kind"] != "offer", row["updated_at"], row["pk"]))
    return rows, totals


def records_pending_review() -> tuple[QuerySet[TechnologyOffer], QuerySet[TechnologyNeed]]:
    """Offers and needs waiting for an official's review, the longest waiting first."""
    pending = {"status": PublicationStatus.PENDING_REVIEW}
    return (
        TechnologyOffer.objects.filter(**pending)
        .select_related("organization")
        .prefetch_related("sectors")
        .order_by("updated_at", "pk"),
        TechnologyNeed.objects.filter(**pending)
        .select_related("organization")
        .prefetch_related("sectors")
        .order_by("updated_at", "pk"),
    )
