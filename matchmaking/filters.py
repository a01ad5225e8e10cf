"""The catalogue's filters (django-filter): every choice lives in the URL, so a filtered list
can be bookmarked and shared."""

from decimal import Decimal

import django_filters
from django import forms
from django.core.cache import cache
from django.db.models import Q
from django.http import QueryDict
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from core import cache as catalogue_cache
from core.widgets import FastCheckboxSelectMultiple, FastSelect
from matchmaking import search
from matchmaking.forms import sector_choices
from matchmaking.models import TechnologyOffer, TransferMode
from matchmaking.selectors import in_sector
from partners.models import Organization

PRICE_CURRENCIES = [("USD", "USD"), ("VND", "VND")]


def vocabulary_choices() -> tuple[list, list]:
    """The sector and transfer-mode choices in the visitor's language.

    Cached under the catalogue's version, which moves on when a sector or a transfer mode
    changes (``matchmaking.signals``): a catalogue page served from the cache checks its
    filters without a query, and a renamed sector shows at once. The filters take it as a
    callable, read each time the choices are (a filter's form field outlives the request).
    """
    key = catalogue_cache.key("catalogue", get_language() or "", "vocabulary")
    choices = cache.get(key)
    if choices is None:
        choices = (sector_choices(), [(m.code, m.name) for m in TransferMode.objects.all()])
        cache.set(key, choices, catalogue_cache.TTL_SECONDS)
    return choices


def _text(value) -> str:
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")  # 8, 8.0 and 8.00 are one search
    return str(getattr(value, "pk", value))


class OfferFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="filter_text", max_length=200)
    sector = django_filters.ChoiceFilter(
        label=_("Sector"),
        choices=lambda: vocabulary_choices()[0],
        method="filter_sector",
        empty_label=_("All sectors"),
        widget=FastSelect,
    )
    country = django_filters.ChoiceFilter(
        label=_("Supplier's country"),
        field_name="organization__country",
        choices=lambda: list(countries),
        empty_label=_("All countries"),
        widget=FastSelect,
    )
    kind = django_filters.ChoiceFilter(
        label=_("Kind of organisation"),
        field_name="organization__kind",
        choices=Organization.Kind.choices,
        empty_label=_("All kinds"),
        widget=FastSelect,
    )
    trl_min = django_filters.NumberFilter(
        label=_("TRL from"),
        field_name="trl",
        lookup_expr="gte",
        min_value=1,
        max_value=9,
        widget=forms.NumberInput(attrs={"min": 1, "max": 9}),
    )
    trl_max = django_filters.NumberFilter(
        label=_("TRL to"),
        field_name="trl",
        lookup_expr="lte",
        min_value=1,
        max_value=9,
        widget=forms.NumberInput(attrs={"min": 1, "max": 9}),
    )
    mode = django_filters.MultipleChoiceFilter(
        label=_("Transfer modes"),
        choices=lambda: vocabulary_choices()[1],
        widget=FastCheckboxSelectMultiple,
        method="filter_modes",
    )
    ip = django_filters.MultipleChoiceFilter(
        label=_("Intellectual property"),
        field_name="ip_status",
        choices=TechnologyOffer.IPStatus.choices,
        widget=FastCheckboxSelectMultiple,
    )
    price_from = django_filters.NumberFilter(
        label=_("Price from"), method="filter_price", min_value=0, decimal_places=2
    )
    price_to = django_filters.NumberFilter(
        label=_("Price up to"), method="filter_price", min_value=0, decimal_places=2
    )
    price_currency = django_filters.ChoiceFilter(
        label=_("in"),
        choices=PRICE_CURRENCIES,
        method="filter_none",
        empty_label=None,
        widget=FastSelect,
    )
    sort = django_filters.OrderingFilter(
        label=_("Sort by"),
        widget=FastSelect,
        fields=(
            ("published_at", "published"),
            ("trl", "trl"),
            ("price_min_vnd", "price"),
            ("title", "title"),
        ),
        field_labels={
            "-published": _("Newest first"),
            "-trl": _("Most mature first"),
            "price": _("Cheapest first"),
            "title": _("Title A–Z"),
        },
        empty_label=_("Best match"),
    )

    class Meta:
        model = TechnologyOffer
        fields = []

    def canonical_query(self) -> QueryDict:
        """The valid filters as one canonical query: unknown parameters dropped, values as the
        form cleaned them, choices sorted. Equal searches share one cache entry and the same
        pagination links, however their URL was written."""
        query = QueryDict(mutable=True)
        for name, value in self.form.cleaned_data.items():
            if value in (None, "") or (isinstance(value, list | tuple) and not value):
                continue
            if isinstance(self.filters[name], django_filters.OrderingFilter):
                query[name] = ",".join(value)  # the order of sort keys matters
            elif isinstance(value, list | tuple):
                query.setlist(name, sorted({_text(v) for v in value}))
            else:
                query[name] = _text(value)
        return query

    def filter_text(self, queryset, name, value):
        return search.search(queryset, value)

    def filter_sector(self, queryset, name, value):
        return in_sector(queryset, value)

    def filter_modes(self, queryset, name, value):
        # Any of the chosen modes, as a semi-join: no DISTINCT over the catalogue's wide rows.
        if not value:
            return queryset
        through = TechnologyOffer.transfer_modes.through
        return queryset.filter(
            pk__in=through.objects.filter(transfermode_id__in=value).values("technologyoffer_id")
        )

    def filter_none(self, queryset, name, value):
        return queryset  # the currency only qualifies the price bounds

    def filter_price(self, queryset, name, value):
        if value is None:
            return queryset
        currency = self.form.cleaned_data.get("price_currency") or "USD"
        amount = search.in_vnd(Decimal(value), currency)
        if name == "price_from":
            # The offer's range reaches the lower bound (an offer without a price stays out).
            return queryset.filter(
                Q(price_max_vnd__gte=amount)
                | Q(price_max_vnd__isnull=True, price_min_vnd__gte=amount)
            )
        return queryset.filter(price_min_vnd__lte=amount)

    @property
    def qs(self):
        queryset = super().qs
        if not self.form.cleaned_data.get("sort"):
            # Without an explicit order: relevance for a search, else the newest first.
            if self.form.cleaned_data.get("q"):
                return queryset.order_by("-relevance", "-published_at", "id")
            return queryset.order_by("-published_at", "id")
        return queryset.order_by(*queryset.query.order_by, "id")
