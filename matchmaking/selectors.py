from django.db.models import Q, QuerySet

from matchmaking.models import PublicationStatus, Sector, TechnologyNeed, TechnologyOffer


def published_offers() -> QuerySet[TechnologyOffer]:
    return (
        TechnologyOffer.objects.filter(status=PublicationStatus.PUBLISHED)
        .select_related("organization")
        .prefetch_related("sectors", "transfer_modes")
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
    needs = TechnologyNeed.objects.select_related("organization").prefetch_related("sectors")
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
    if sector:
        queryset = queryset.filter(
            Q(sectors__code=sector) | Q(sectors__parent_id=sector)
        ).distinct()
    if country:
        queryset = queryset.filter(organization__country=country)
    return queryset
