"""Sectors, transfer modes, organisations, offers, needs and match scores."""

from django.db.models import Q
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.filters import OrderingFilter
from rest_framework.permissions import AllowAny, IsAuthenticated, IsAuthenticatedOrReadOnly
from rest_framework.response import Response

from api import filters
from api.serializers.matchmaking import (
    MatchScoreSerializer,
    NeedSerializer,
    OfferSerializer,
    SectorSerializer,
    TransferModeSerializer,
)
from api.serializers.partners import OrganizationPublicSerializer, OrganizationSerializer
from api.views.common import for_schema, single_organization, with_my_role
from matchmaking import selectors as matchmaking_selectors
from matchmaking import services as matchmaking_services
from matchmaking.models import MatchScore, PublicationStatus, Sector, TransferMode
from partners import selectors as partners_selectors
from partners import services as partners_services
from partners.models import Organization


@extend_schema_view(
    list=extend_schema(summary="Sectors (two-level taxonomy)"),
    retrieve=extend_schema(summary="A sector"),
)
class SectorViewSet(viewsets.ReadOnlyModelViewSet):
    queryset = Sector.objects.select_related("parent").order_by("position", "code")
    serializer_class = SectorSerializer
    permission_classes = [AllowAny]
    lookup_value_regex = r"[^/]+"
    pagination_class = None
    filter_backends = []


@extend_schema_view(list=extend_schema(summary="Transfer modes"))
class TransferModeViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    queryset = TransferMode.objects.order_by("position", "code")
    serializer_class = TransferModeSerializer
    permission_classes = [AllowAny]
    pagination_class = None
    filter_backends = []


@extend_schema_view(
    list=extend_schema(summary="Organisations (public profile)"),
    retrieve=extend_schema(summary="An organisation (public profile)"),
    update=extend_schema(
        summary="Change your organisation's profile (its administrators)",
        responses=OrganizationSerializer,
    ),
    partial_update=extend_schema(
        summary="Change part of your organisation's profile (its administrators)",
        responses=OrganizationSerializer,
    ),
    mine=extend_schema(
        summary="Your organisations, with their full profile and your role",
        responses=OrganizationSerializer(many=True),
    ),
)
class OrganizationViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    permission_classes = [IsAuthenticatedOrReadOnly]
    filterset_class = filters.OrganizationFilter
    ordering_fields = ["name", "created_at"]
    ordering = ["name", "pk"]

    def get_queryset(self):
        if for_schema(self):
            return Organization.objects.none()
        if self.action == "mine":
            organizations = partners_selectors.organizations_of(self.request.user)
        else:
            organizations = Organization.objects.all()
        organizations = organizations.prefetch_related("sectors").order_by("name", "pk")
        if self.action in ("mine", "update", "partial_update"):
            organizations = with_my_role(organizations, self.request.user)
        return organizations

    def get_serializer_class(self):
        if self.action in ("list", "retrieve"):
            return OrganizationPublicSerializer
        return OrganizationSerializer

    def perform_update(self, serializer):
        fields = dict(serializer.validated_data)
        sectors = fields.pop("sectors", None)
        partners_services.organization_update(
            organization=serializer.instance,
            user=self.request.user,
            fields=fields,
            sectors=sectors,
        )

    @action(detail=False, permission_classes=[IsAuthenticated])
    def mine(self, request):
        page = self.paginate_queryset(self.filter_queryset(self.get_queryset()))
        return self.get_paginated_response(self.get_serializer(page, many=True).data)


class _RecordViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """Offers and needs: public reads of published records (and of the person's own); the
    person's organisation creates, edits, publishes and archives its own through the services.
    """

    permission_classes = [IsAuthenticatedOrReadOnly]
    lookup_field = "reference"
    lookup_value_regex = r"[^/]+"
    save_service = None  # set by the subclasses

    def visible(self):
        raise NotImplementedError

    def get_queryset(self):
        return self.visible().prefetch_related("transfer_modes")

    def filter_queryset(self, queryset):
        # The list's filters and sorting apply to the list only (not to one record's lookup).
        return super().filter_queryset(queryset) if self.action == "list" else queryset

    def _save(self, record, serializer):
        fields = dict(serializer.validated_data)
        sectors = fields.pop("sectors", None)
        modes = fields.pop("transfer_modes", None)
        for name, value in fields.items():
            setattr(record, name, value)
        if record.pk:  # a partial change keeps the record's sectors and modes
            sectors = list(record.sectors.all()) if sectors is None else sectors
            modes = list(record.transfer_modes.all()) if modes is None else modes
        return type(self).save_service(
            record, user=self.request.user, sectors=sectors or [], transfer_modes=modes or []
        )

    def perform_create(self, serializer):
        organization = serializer.validated_data.pop("organization", None)
        if organization is None:
            organization_id = single_organization(self.request.user)
            if organization_id is None:
                raise serializers.ValidationError(
                    {"organization": _("Choose one of your organisations.")}
                )
        else:
            organization_id = organization.pk
        record = serializer.Meta.model(organization_id=organization_id)
        serializer.instance = self._save(record, serializer)

    def perform_update(self, serializer):
        serializer.validated_data.pop("organization", None)  # chosen at creation only
        self._save(serializer.instance, serializer)

    def _respond(self, record):
        return Response(self.get_serializer(record).data)

    def _mine(self, records):
        page = self.paginate_queryset(records.prefetch_related("transfer_modes"))
        return self.get_paginated_response(self.get_serializer(page, many=True).data)


RECORD_ACTION = {"request": None}


@extend_schema_view(
    list=extend_schema(
        summary="Published technology offers (the catalogue's filters and sorting)",
    ),
    retrieve=extend_schema(summary="An offer (published, or one of your organisation's)"),
    create=extend_schema(summary="Create an offer of your organisation (a draft)"),
    update=extend_schema(summary="Change your organisation's offer"),
    partial_update=extend_schema(summary="Change part of your organisation's offer"),
    submit=extend_schema(
        summary="Send the offer to the officials' review (an official's own is published)",
        **RECORD_ACTION,
    ),
    archive=extend_schema(summary="Archive the offer (its match scores go)", **RECORD_ACTION),
    mine=extend_schema(
        summary="Your organisations' offers, every status", responses=OfferSerializer(many=True)
    ),
)
class OfferViewSet(_RecordViewSet):
    serializer_class = OfferSerializer
    filter_backends = [filters.FilterBackend]  # the catalogue's filter sorts by itself (?sort=)

    filterset_class = filters.OfferFilter

    @staticmethod
    def save_service(record, **kwargs):
        return matchmaking_services.offer_save(offer=record, **kwargs)

    def visible(self):
        if self.action == "list":
            return matchmaking_selectors.published_offers()
        return matchmaking_selectors.offers_visible_to(self.request.user)

    @action(detail=True, methods=["post"])
    def submit(self, request, reference=None):
        offer = matchmaking_services.offer_submit(offer=self.get_object(), user=request.user)
        return self._respond(offer)

    @action(detail=True, methods=["post"])
    def archive(self, request, reference=None):
        offer = matchmaking_services.record_archive(record=self.get_object(), user=request.user)
        return self._respond(offer)

    @action(detail=False, permission_classes=[IsAuthenticated], filter_backends=[])
    def mine(self, request):
        return self._mine(matchmaking_selectors.offers_of_member(request.user))


@extend_schema_view(
    list=extend_schema(
        summary="Published technology needs (members-only ones need a log-in)",
    ),
    retrieve=extend_schema(summary="A need (published and visible to you, or your own)"),
    create=extend_schema(summary="Create a need of your organisation (a draft)"),
    update=extend_schema(summary="Change your organisation's need"),
    partial_update=extend_schema(summary="Change part of your organisation's need"),
    publish=extend_schema(summary="Publish the need (no review wait)", **RECORD_ACTION),
    archive=extend_schema(summary="Archive the need (its match scores go)", **RECORD_ACTION),
    mine=extend_schema(
        summary="Your organisations' needs, every status", responses=NeedSerializer(many=True)
    ),
)
class NeedViewSet(_RecordViewSet):
    serializer_class = NeedSerializer
    filter_backends = [filters.FilterBackend, OrderingFilter]
    ordering_fields = ["published_at", "deadline", "title"]
    ordering = ["-published_at", "-pk"]

    filterset_class = filters.NeedFilter

    @staticmethod
    def save_service(record, **kwargs):
        return matchmaking_services.need_save(need=record, **kwargs)

    def visible(self):
        if self.action == "list":
            return matchmaking_selectors.published_needs_for(self.request.user)
        return matchmaking_selectors.needs_visible_to(self.request.user)

    @action(detail=True, methods=["post"])
    def publish(self, request, reference=None):
        need = matchmaking_services.need_publish(need=self.get_object(), user=request.user)
        return self._respond(need)

    @action(detail=True, methods=["post"])
    def archive(self, request, reference=None):
        need = matchmaking_services.record_archive(record=self.get_object(), user=request.user)
        return self._respond(need)

    @action(detail=False, permission_classes=[IsAuthenticated], filter_backends=[])
    def mine(self, request):
        return self._mine(matchmaking_selectors.needs_of_member(request.user))


@extend_schema_view(
    list=extend_schema(
        summary="Match scores of your organisations' offers and needs",
        description=(
            "Pairs where one side is your organisation's record and the other a published "
            "record; officials see every stored pair. Best first."
        ),
    ),
    retrieve=extend_schema(summary="A match score of one of your records"),
)
class MatchScoreViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = MatchScoreSerializer
    permission_classes = [IsAuthenticated]
    filterset_class = filters.MatchScoreFilter
    ordering_fields = ["score", "computed_at"]
    ordering = ["-score", "pk"]

    def get_queryset(self):
        user = self.request.user
        if for_schema(self):
            return MatchScore.objects.none()
        if user.is_official:
            return matchmaking_selectors.matches_for_officials()
        mine = partners_selectors.organizations_of(user).values("pk")
        published = PublicationStatus.PUBLISHED
        return MatchScore.objects.filter(
            Q(offer__organization__in=mine, need__status=published)
            | Q(need__organization__in=mine, offer__status=published)
        ).select_related("offer__organization", "need__organization")


__all__ = [
    "MatchScoreViewSet",
    "NeedViewSet",
    "OfferViewSet",
    "OrganizationViewSet",
    "SectorViewSet",
    "TransferModeViewSet",
]
