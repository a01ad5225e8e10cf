"""The figures departments report, computed from the rows: per event, per year, per partner
country and per sector, with the same filters everywhere.

Scope: the events *held* (running or finished), filtered by year of their first day, event kind,
partner country and sector. What each figure counts:

- events held; sessions with 1:1 meetings (events held with at least one meeting held);
- organisations and delegations taking part: distinct organisations with an approved
  registration, distinct delegations named on the event or on a registration;
- meetings requested (requests sent, withdrawn ones excepted), scheduled (every meeting not
  cancelled), held, no-show, and the no-show rate = no-shows / (held + no-shows);
- deals by stage, contracts signed and their total value in VND (each contract's value × its
  rate on the signing date), counted under the event of the meeting the deal came from (deals
  not linked to a meeting are counted apart, see ``Report.unlinked_deals``);
- cooperation agreements by status, under their partner's country, their sectors and the year
  of their signing (else expected signing, else creation). The event-kind filter does not
  apply to agreements.

An event's partner countries are those of its partner organisations and delegations; its
sectors are the top-level groups of the sectors it lists. An event with two partner countries
counts under each in the per-country table (so the rows may add up to more than the total).
A handful of grouped queries, whatever the number of events, then sums in Python.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Q
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from events.models import Event, Meeting, MeetingRequest, Registration
from matchmaking.models import Deal, Sector
from partners.models import Agreement

HELD_EVENT = (Event.Status.RUNNING, Event.Status.FINISHED)
NONE_KEY = ""


@dataclass(frozen=True)
class Filters:
    year_from: int | None = None
    year_to: int | None = None
    country: str = ""
    sector: str = ""
    kind: str = ""


# (key, label) of every figure, in the order of the tables and exports.
METRICS: list[tuple[str, str]] = [
    ("events_held", _("Events held")),
    ("sessions_with_meetings", _("Sessions with 1:1 meetings")),
    ("organisations", _("Organisations taking part")),
    ("delegations", _("Delegations")),
    ("meetings_requested", _("Meetings requested")),
    ("meetings_scheduled", _("Meetings scheduled")),
    ("meetings_held", _("Meetings held")),
    ("no_shows", _("No-shows")),
    ("no_show_rate", _("No-show rate (%)")),
    *[
        (f"deals_{stage}", format_lazy(_("Deals: {stage}"), stage=label))
        for stage, label in Deal.Stage.choices
    ],
    ("contracts_signed", _("Contracts signed")),
    ("contract_value_vnd", _("Contract value (VND)")),
    ("agreements", _("Cooperation agreements")),
    *[
        (f"agreements_{status}", format_lazy(_("Agreements: {status}"), status=label))
        for status, label in Agreement.Status.choices
    ],
]
AGREEMENT_KEYS = [f"agreements_{status}" for status in Agreement.Status.values]


@dataclass
class Tally:
    """One row of figures (a group of events, and the agreements that fall in it)."""

    events: set = field(default_factory=set)
    sessions: set = field(default_factory=set)
    organisations: set = field(default_factory=set)
    delegations: set = field(default_factory=set)
    counts: dict = field(default_factory=lambda: defaultdict(int))
    value: Decimal = Decimal(0)

    def figures(self) -> dict:
        c = self.counts
        known = c["meetings_held"] + c["no_shows"]
        rate = round(Decimal(100 * c["no_shows"]) / known, 1) if known else None
        return {
            "events_held": len(self.events),
            "sessions_with_meetings": len(self.sessions),
            "organisations": len(self.organisations),
            "delegations": len(self.delegations),
            "meetings_requested": c["meetings_requested"],
            "meetings_scheduled": c["meetings_scheduled"],
            "meetings_held": c["meetings_held"],
            "no_shows": c["no_shows"],
            "no_show_rate": rate,
            **{f"deals_{stage}": c[f"deals_{stage}"] for stage in Deal.Stage.values},
            "contracts_signed": c["deals_contract_signed"],
            "contract_value_vnd": self.value.quantize(Decimal(1)),
            "agreements": sum(c[key] for key in AGREEMENT_KEYS),
            **{key: c[key] for key in AGREEMENT_KEYS},
        }


@dataclass
class Row:
    key: object
    label: str
    figures: dict
    extra: dict = field(default_factory=dict)


@dataclass
class Report:
    filters: Filters
    total: dict
    by_event: list[Row]
    by_year: list[Row]
    by_country: list[Row]
    by_sector: list[Row]
    unlinked_deals: int
    contracts_without_rate: int

    def breakdowns(self) -> list[tuple[str, str, list[Row]]]:
        return [
            ("event", str(_("By event")), self.by_event),
            ("year", str(_("By year")), self.by_year),
            ("country", str(_("By partner country")), self.by_country),
            ("sector", str(_("By sector")), self.by_sector),
        ]


def _sector_group(code: str, parents: dict[str, str | None]) -> str:
    return parents.get(code) or code


def held_events(filters: Filters):
    """The events in the report's scope (a queryset, for subqueries)."""
    events = Event.objects.filter(status__in=HELD_EVENT)
    if filters.year_from:
        events = events.filter(starts_on__year__gte=filters.year_from)
    if filters.year_to:
        events = events.filter(starts_on__year__lte=filters.year_to)
    if filters.kind:
        events = events.filter(kind=filters.kind)
    if filters.country:
        events = events.filter(
            Q(partners__country=filters.country) | Q(delegations__country=filters.country)
        )
    if filters.sector:
        events = events.filter(Q(sectors__code=filters.sector) | Q(sectors__parent=filters.sector))
    return events.distinct()


def report(filters: Filters) -> Report:
    """Every figure of the report, for the filters. 13 queries, whatever the number of events."""
    parents = dict(Sector.objects.values_list("code", "parent_id"))
    events = list(
        held_events(filters)
        .order_by("starts_on", "pk")
        .only("pk", "title", "title_en", "starts_on", "kind", "status")
    )
    scope = held_events(filters).values("pk")
    wanted_sector = _sector_group(filters.sector, parents) if filters.sector else ""

    countries_of: dict[int, set] = defaultdict(set)
    delegations_of: dict[int, set] = defaultdict(set)
    for event_id, country in Event.partners.through.objects.filter(event_id__in=scope).values_list(
        "event_id", "organization__country"
    ):
        countries_of[event_id].add(country)
    for event_id, delegation_id, country in Event.delegations.through.objects.filter(
        event_id__in=scope
    ).values_list("event_id", "delegation_id", "delegation__country"):
        countries_of[event_id].add(country)
        delegations_of[event_id].add(delegation_id)
    sectors_of: dict[int, set] = defaultdict(set)
    for event_id, code in Event.sectors.through.objects.filter(event_id__in=scope).values_list(
        "event_id", "sector_id"
    ):
        sectors_of[event_id].add(_sector_group(code, parents))

    def keys(event: Event) -> dict[str, list]:
        found_countries = sorted(countries_of[event.pk]) or [NONE_KEY]
        if filters.country:
            found_countries = [filters.country]
        found_sectors = sorted(sectors_of[event.pk]) or [NONE_KEY]
        if wanted_sector:
            found_sectors = [wanted_sector]
        return {
            "event": [event.pk],
            "year": [event.starts_on.year],
            "country": found_countries,
            "sector": found_sectors,
        }

    tallies: dict[str, dict] = {
        d: defaultdict(Tally) for d in ("event", "year", "country", "sector")
    }
    total = Tally()
    groups = {event.pk: keys(event) for event in events}

    def each(event_id: int):
        yield total
        for dimension, found in groups[event_id].items():
            for key in found:
                yield tallies[dimension][key]

    for event in events:
        for tally in each(event.pk):
            tally.events.add(event.pk)
            tally.delegations.update(delegations_of[event.pk])
    for event_id, organization_id, delegation_id in Registration.objects.filter(
        event_id__in=scope, status=Registration.Status.APPROVED
    ).values_list("event_id", "organization_id", "delegation_id"):
        for tally in each(event_id):
            tally.organisations.add(organization_id)
            if delegation_id:
                tally.delegations.add(delegation_id)
    status = Meeting.Status
    for event_id, meeting_status, count in (
        Meeting.objects.filter(event_id__in=scope)
        .values("event_id", "status")
        .annotate(n=Count("pk"))
        .values_list("event_id", "status", "n")
    ):
        for tally in each(event_id):
            if meeting_status != status.CANCELLED:
                tally.counts["meetings_scheduled"] += count
            if meeting_status == status.HELD:
                tally.counts["meetings_held"] += count
                tally.sessions.add(event_id)
            elif meeting_status == status.NO_SHOW:
                tally.counts["no_shows"] += count
    for event_id, count in (
        MeetingRequest.objects.filter(event_id__in=scope)
        .exclude(status=MeetingRequest.Status.WITHDRAWN)
        .values("event_id")
        .annotate(n=Count("pk"))
        .values_list("event_id", "n")
    ):
        for tally in each(event_id):
            tally.counts["meetings_requested"] += count
    without_rate = 0
    for event_id, stage, value, currency, rate in Deal.objects.filter(
        source_meeting__event_id__in=scope
    ).values_list("source_meeting__event_id", "stage", "contract_value", "currency", "rate_to_vnd"):
        vnd = None
        if stage == Deal.Stage.CONTRACT_SIGNED and value is not None:
            vnd = value if currency == "VND" else (value * rate if rate else None)
            without_rate += vnd is None
        for tally in each(event_id):
            tally.counts[f"deals_{stage}"] += 1
            if vnd is not None:
                tally.value += vnd

    _agreements(filters, parents, total, tallies, wanted_sector)
    unlinked = Deal.objects.filter(source_meeting__isnull=True).count()

    titles = {event.pk: event for event in events}
    sector_names = {s.code: s.name for s in Sector.objects.filter(parent__isnull=True)}

    def rows(dimension: str, order, label) -> list[Row]:
        return [
            Row(key=key, label=label(key), figures=tally.figures())
            for key, tally in sorted(tallies[dimension].items(), key=lambda kv: order(kv[0]))
        ]

    by_event = [
        Row(
            key=pk,
            label=titles[pk].display_title,
            figures=tally.figures(),
            extra={"date": titles[pk].starts_on, "kind": titles[pk].get_kind_display()},
        )
        for pk, tally in tallies["event"].items()
    ]
    by_event.sort(key=lambda row: (row.extra["date"], row.key))
    return Report(
        filters=filters,
        total=total.figures(),
        by_event=by_event,
        by_year=rows("year", lambda y: y, str),
        by_country=rows(
            "country",
            lambda c: (c == NONE_KEY, str(countries.name(c)) if c else ""),
            lambda c: str(countries.name(c)) if c else str(_("No partner country")),
        ),
        by_sector=rows(
            "sector",
            lambda s: (s == NONE_KEY, sector_names.get(s, s)),
            lambda s: sector_names.get(s, s) if s else str(_("No sector given")),
        ),
        unlinked_deals=unlinked,
        contracts_without_rate=without_rate,
    )


def _agreements(filters: Filters, parents, total: Tally, tallies: dict, wanted_sector) -> None:
    """Agreements by status into the total and the year, country and sector rows. 2 queries."""
    agreements = Agreement.objects.all()
    if filters.country:
        agreements = agreements.filter(partner__country=filters.country)
    if filters.sector:
        agreements = agreements.filter(
            Q(sectors__code=filters.sector) | Q(sectors__parent=filters.sector)
        ).distinct()
    rows = list(
        agreements.values_list(
            "pk", "status", "signed_on", "expected_on", "created_at", "partner__country"
        )
    )
    sectors_of: dict[int, set] = defaultdict(set)
    for agreement_id, code in Agreement.sectors.through.objects.filter(
        agreement_id__in=agreements.values("pk")
    ).values_list("agreement_id", "sector_id"):
        sectors_of[agreement_id].add(_sector_group(code, parents))
    for pk, status, signed_on, expected_on, created_at, country in rows:
        year = (signed_on or expected_on or created_at).year
        if (filters.year_from and year < filters.year_from) or (
            filters.year_to and year > filters.year_to
        ):
            continue
        key = f"agreements_{status}"
        sectors = [wanted_sector] if wanted_sector else (sorted(sectors_of[pk]) or [NONE_KEY])
        for tally in (
            total,
            tallies["year"][year],
            tallies["country"][country or NONE_KEY],
            *(tallies["sector"][s] for s in sectors),
        ):
            tally.counts[key] += 1
