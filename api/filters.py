"""Query filters of the list endpoints (django-filter). Offers reuse the catalogue's own
``matchmaking.filters.OfferFilter``, so the API filters exactly as the HTML catalogue does."""

import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from events.models import (
    Event,
    EventSession,
    Meeting,
    MeetingRequest,
    Registration,
    ScheduleRun,
    Table,
)
from matchmaking import filters as matchmaking_filters
from matchmaking import selectors as matchmaking_selectors
from matchmaking.models import MatchScore, TechnologyNeed, TransferMode
from partners.models import Organization

__all__ = [
    "EventFilter",
    "MatchScoreFilter",
    "MeetingFilter",
    "MeetingRequestFilter",
    "NeedFilter",
    "OfferFilter",
    "OrganizationFilter",
    "RegistrationFilter",
    "ScheduleRunFilter",
    "SessionFilter",
    "TableFilter",
]

BOOLEAN = [("true", "true"), ("false", "false")]


class FilterBackend(DjangoFilterBackend):
    """django-filter, except that a parameter given empty (``?event=``) is refused rather than
    ignored, unless it is free text: an empty value is not a date, a number or a choice."""

    def get_filterset(self, request, queryset, view):
        filterset = super().get_filterset(request, queryset, view)
        if filterset is None:
            return None
        empty = {
            name: _("Give a value or leave the parameter out.")
            for name, declared in filterset.filters.items()
            if not isinstance(declared, django_filters.CharFilter)
            and "" in request.query_params.getlist(name)
        }
        if empty:
            raise serializers.ValidationError(empty)
        return filterset


@extend_schema_field(OpenApiTypes.INT)
class IdFilter(django_filters.Filter):
    """A row id: a whole number (a decimal or a word is refused, not ignored)."""

    field_class = forms.IntegerField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", 2**63 - 1)
        super().__init__(*args, **kwargs)


class IntegerFilter(django_filters.NumberFilter):
    """A whole number (django-filter's NumberFilter also takes decimals)."""

    field_class = forms.IntegerField


@extend_schema_field({"type": "string", "description": "A transfer mode code (repeatable)."})
class TransferModesFilter(django_filters.ModelMultipleChoiceFilter):
    """Transfer mode codes; typed for the schema, which must not read the database (the schema
    is built in CI before any migration)."""


class OfferFilter(matchmaking_filters.OfferFilter):
    """The catalogue's filters; the API takes the TRL bounds as whole numbers (as documented)
    and the type hints tell the schema the types."""

    trl_min = IntegerFilter(field_name="trl", lookup_expr="gte", min_value=1, max_value=9)
    trl_max = IntegerFilter(field_name="trl", lookup_expr="lte", min_value=1, max_value=9)
    mode = TransferModesFilter(
        label=_("Transfer modes"),
        field_name="transfer_modes",
        queryset=TransferMode.objects.all(),
        distinct=True,
    )

    def filter_sector(self, queryset, name, value: str):
        return super().filter_sector(queryset, name, value)


class OrganizationFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="filter_text", max_length=200)
    country = django_filters.CharFilter(label=_("Country (ISO code)"), max_length=2)
    kind = django_filters.ChoiceFilter(choices=Organization.Kind.choices)
    sector = django_filters.CharFilter(label=_("Sector code"), method="filter_sector")
    verified = django_filters.ChoiceFilter(choices=BOOLEAN, method="filter_verified")

    class Meta:
        model = Organization
        fields = []

    def filter_text(self, queryset, name, value):
        for word in value.split():
            queryset = queryset.filter(Q(name__icontains=word) | Q(name_en__icontains=word))
        return queryset

    def filter_sector(self, queryset, name, value):
        return queryset.filter(Q(sectors__code=value) | Q(sectors__parent_id=value)).distinct()

    def filter_verified(self, queryset, name, value: str):
        return queryset.filter(verified=value == "true")


class NeedFilter(django_filters.FilterSet):
    """The needs list's filters, as on the HTML page (words and a sector)."""

    q = django_filters.CharFilter(label=_("Search"), method="filter_text", max_length=200)
    sector = django_filters.CharFilter(label=_("Sector code"), method="filter_sector")
    visibility = django_filters.ChoiceFilter(choices=TechnologyNeed.Visibility.choices)

    class Meta:
        model = TechnologyNeed
        fields = []

    def filter_text(self, queryset, name, value):
        return matchmaking_selectors.search_needs(queryset, text=value)

    def filter_sector(self, queryset, name, value):
        return matchmaking_selectors.in_sector(queryset, value)


class MatchScoreFilter(django_filters.FilterSet):
    offer = django_filters.CharFilter(field_name="offer__reference", label=_("Offer reference"))
    need = django_filters.CharFilter(field_name="need__reference", label=_("Need reference"))
    min_score = django_filters.NumberFilter(
        field_name="score", lookup_expr="gte", min_value=0, max_value=1
    )

    class Meta:
        model = MatchScore
        fields = []


class EventFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(choices=Event.Status.choices)
    kind = django_filters.ChoiceFilter(choices=Event.Kind.choices)
    starts_from = django_filters.DateFilter(field_name="starts_on", lookup_expr="gte")
    starts_until = django_filters.DateFilter(field_name="starts_on", lookup_expr="lte")

    class Meta:
        model = Event
        fields = []


class RegistrationFilter(django_filters.FilterSet):
    event = IdFilter(field_name="event_id")
    status = django_filters.ChoiceFilter(choices=Registration.Status.choices)

    class Meta:
        model = Registration
        fields = []


class MeetingRequestFilter(django_filters.FilterSet):
    event = IdFilter(field_name="event_id")
    status = django_filters.ChoiceFilter(choices=MeetingRequest.Status.choices)
    direction = django_filters.ChoiceFilter(
        choices=[("sent", _("Sent")), ("received", _("Received"))],
        method="filter_direction",
        label=_("Sent by or received by the person's organisations"),
    )

    class Meta:
        model = MeetingRequest
        fields = []

    def filter_direction(self, queryset, name, value):
        side = "requester" if value == "sent" else "recipient"
        user = self.request.user
        return queryset.filter(**{f"{side}__organization__memberships__user": user})


class MeetingFilter(django_filters.FilterSet):
    event = IdFilter(field_name="event_id")
    status = django_filters.ChoiceFilter(choices=Meeting.Status.choices)

    class Meta:
        model = Meeting
        fields = []


class SessionFilter(django_filters.FilterSet):
    event = IdFilter(field_name="event_id")

    class Meta:
        model = EventSession
        fields = []


class TableFilter(django_filters.FilterSet):
    event = IdFilter(field_name="event_id")

    class Meta:
        model = Table
        fields = []


class ScheduleRunFilter(django_filters.FilterSet):
    event = IdFilter(field_name="event_id")
    status = django_filters.ChoiceFilter(choices=ScheduleRun.Status.choices)

    class Meta:
        model = ScheduleRun
        fields = []
