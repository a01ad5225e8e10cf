"""Reports for officials: every figure equals a count made here from the rows; exports carry the
same figures; the demo reproduces the published Korean figures (issue 8)."""

import csv
import io
from datetime import date
from decimal import Decimal

import openpyxl
import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation

from events.models import Event, Meeting, MeetingRequest, Registration
from matchmaking.models import Deal
from partners.models import Agreement, Delegation
from reports import exports
from reports.selectors import METRICS, Filters, report
from tests.factories import (
    EventFactory,
    ForeignOrganizationFactory,
    MeetingFactory,
    OrganizationFactory,
    RegistrationFactory,
    SlotFactory,
    TableFactory,
)

pytestmark = pytest.mark.django_db
S = Meeting.Status
HELD_EVENT = [Event.Status.RUNNING, Event.Status.FINISHED]


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def _event(day, kind, status, partners, sectors, meetings, deals=(), requests=0):
    """An event with its partners, sectors, approved (and one pending) participants, meetings
    of the given statuses, deals on its first meetings and ``requests`` requests."""
    event = EventFactory(starts_on=day, ends_on=day, kind=kind, status=status)
    event.partners.set(partners)
    event.sectors.set(sectors)
    table = TableFactory(event=event)
    RegistrationFactory(event=event, status=Registration.Status.PENDING)
    rows = []
    for status_ in meetings:
        rows.append(
            MeetingFactory(event=event, slot=SlotFactory(event=event), table=table, status=status_)
        )
    for meeting, (stage, value, currency, rate) in zip(rows, deals, strict=False):
        Deal.objects.create(
            supplier=meeting.registration_a.organization,
            seeker=meeting.registration_b.organization,
            source_meeting=meeting,
            stage=stage,
            contract_value=value,
            currency=currency,
            rate_to_vnd=rate,
            signed_on=day if stage == Deal.Stage.CONTRACT_SIGNED else None,
        )
    regs = list(event.registrations.filter(status=Registration.Status.APPROVED))
    for k in range(requests):
        MeetingRequest.objects.create(
            event=event,
            requester=regs[k],
            recipient=regs[k + 1],
            status="withdrawn" if k == 0 else "accepted",
        )
    return event


@pytest.fixture
def data(db):
    kr, jp = ForeignOrganizationFactory(country="KR"), ForeignOrganizationFactory(country="JP")
    signed = Deal.Stage.CONTRACT_SIGNED
    e1 = _event(
        date(2022, 6, 23),
        "connection_session",
        Event.Status.FINISHED,
        [kr],
        ["AQU.FAR"],
        [S.HELD, S.HELD, S.NO_SHOW, S.CANCELLED],
        deals=[
            (signed, Decimal("12500000000"), "VND", Decimal(1)),
            (Deal.Stage.NDA, None, "VND", None),
        ],
        requests=3,
    )
    e2 = _event(
        date(2023, 3, 16),
        "b2b",
        Event.Status.FINISHED,
        [jp],
        ["ENE.SOL"],
        [S.HELD, S.HELD, S.HELD, S.SCHEDULED],
        deals=[
            (signed, Decimal("1000000"), "JPY", Decimal("168")),
            (Deal.Stage.LOST, None, "VND", None),
        ],
    )
    e3 = _event(
        date(2023, 11, 17),
        "connection_session",
        Event.Status.RUNNING,
        [kr, jp],
        [],
        [S.HELD, S.NO_SHOW],
        deals=[(signed, Decimal("50000000"), "KRW", Decimal("18.4"))],
        requests=2,
    )
    delegation = Delegation.objects.create(name="Đoàn Chungbuk", country="KR", lead_partner=kr)
    e3.delegations.add(delegation)
    upcoming = _event(
        date(2030, 1, 7),
        "connection_session",
        Event.Status.PUBLISHED,
        [kr],
        ["AQU.FAR"],
        [S.SCHEDULED],
        requests=1,
    )
    Deal.objects.create(supplier=kr, seeker=OrganizationFactory(), stage=signed)  # no meeting
    host = OrganizationFactory(kind="government_agency", tax_code="")
    Agreement.objects.create(
        title="MOU",
        kind="mou",
        status="active",
        partner=kr,
        counterpart=host,
        signed_on=date(2023, 7, 27),
    )
    Agreement.objects.create(
        title="LOI",
        kind="loi",
        status="proposed",
        partner=jp,
        counterpart=host,
        expected_on=date(2024, 5, 1),
    )
    return {"e1": e1, "e2": e2, "e3": e3, "upcoming": upcoming, "kr": kr, "jp": jp}


def expected(events) -> dict:
    """The figures counted straight from the rows, without the report's code."""
    ids = list(events.values_list("pk", flat=True))
    meetings = Meeting.objects.filter(event__in=ids)
    deals = Deal.objects.filter(source_meeting__event__in=ids)
    signed = deals.filter(stage=Deal.Stage.CONTRACT_SIGNED)
    held, no_show = (
        meetings.filter(status=S.HELD).count(),
        meetings.filter(status=S.NO_SHOW).count(),
    )
    return {
        "events_held": len(ids),
        "sessions_with_meetings": events.filter(meetings__status=S.HELD).distinct().count(),
        "organisations": Registration.objects.filter(event__in=ids, status="approved")
        .values("organization")
        .distinct()
        .count(),
        "delegations": Delegation.objects.filter(events__in=ids).distinct().count(),
        "meetings_requested": MeetingRequest.objects.filter(event__in=ids)
        .exclude(status="withdrawn")
        .count(),
        "meetings_scheduled": meetings.exclude(status=S.CANCELLED).count(),
        "meetings_held": held,
        "no_shows": no_show,
        "no_show_rate": round(Decimal(100 * no_show) / (held + no_show), 1)
        if held + no_show
        else None,
        **{f"deals_{s}": deals.filter(stage=s).count() for s in Deal.Stage.values},
        "contracts_signed": signed.count(),
        "contract_value_vnd": sum((d.value_vnd for d in signed), Decimal(0)).quantize(Decimal(1)),
    }


def _events(**filters):
    return Event.objects.filter(status__in=HELD_EVENT, **filters).distinct()


def _without_agreements(figures: dict) -> dict:
    return {k: v for k, v in figures.items() if not k.startswith("agreements")}


def test_totals_equal_counts_from_the_rows(data):
    result = report(Filters())
    assert _without_agreements(result.total) == expected(_events())
    assert result.total["contract_value_vnd"] == Decimal("12500000000") + 168_000_000 + 920_000_000
    assert (result.unlinked_deals, result.contracts_without_rate) == (1, 0)
    assert (result.total["agreements_active"], result.total["agreements_proposed"]) == (1, 1)


def test_rows_per_year_country_sector_and_event(data):
    result = report(Filters())
    by_year = {row.key: _without_agreements(row.figures) for row in result.by_year}
    assert by_year == {
        2022: expected(_events(starts_on__year=2022)),
        2023: expected(_events(starts_on__year=2023)),
        2024: expected(Event.objects.none()),  # the letter of intent expected in 2024
    }
    by_country = {row.key: _without_agreements(row.figures) for row in result.by_country}
    assert by_country == {
        "KR": expected(_events(partners__country="KR")),
        "JP": expected(_events(partners__country="JP")),
    }
    by_sector = {row.key: _without_agreements(row.figures) for row in result.by_sector}
    assert by_sector == {
        "AQU": expected(_events(sectors__parent="AQU")),
        "ENE": expected(_events(sectors__parent="ENE")),
        "": expected(_events(sectors__isnull=True)),
    }
    assert [row.key for row in result.by_event] == [data["e1"].pk, data["e2"].pk, data["e3"].pk]
    assert {row.key: row.figures["meetings_held"] for row in result.by_event} == {
        data[k].pk: Meeting.objects.filter(event=data[k], status=S.HELD).count()
        for k in ("e1", "e2", "e3")
    }
    korea = next(row for row in result.by_country if row.key == "KR")
    assert (korea.figures["agreements_active"], korea.figures["agreements_proposed"]) == (1, 0)


@pytest.mark.parametrize(
    ("filters", "lookups"),
    [
        (Filters(country="JP"), {"partners__country": "JP"}),
        (Filters(kind="b2b"), {"kind": "b2b"}),
        (Filters(sector="AQU"), {"sectors__parent": "AQU"}),
        (Filters(sector="ENE.SOL"), {"sectors": "ENE.SOL"}),
        (Filters(year_from=2023, year_to=2023), {"starts_on__year": 2023}),
        (
            Filters(country="KR", year_to=2022),
            {"partners__country": "KR", "starts_on__year__lte": 2022},
        ),
    ],
)
def test_filters_narrow_every_figure(data, filters, lookups):
    assert _without_agreements(report(filters).total) == expected(_events(**lookups))


def test_filtered_by_country_the_country_table_has_that_country_only(data):
    assert [row.key for row in report(Filters(country="JP")).by_country] == ["JP"]


def test_excel_export_holds_the_same_figures(client, data, official):
    client.force_login(official)
    response = client.get(reverse("reports:export_xlsx"), {"year_to": "2023"})
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    result = report(Filters(year_to=2023))
    summary = {row[0]: row[1] for row in book["Summary"].iter_rows(values_only=True) if row}
    for key, label in METRICS:
        value = result.total[key]
        assert summary[str(label)] == (
            None if value is None else float(value) if key == "no_show_rate" else int(value)
        ), key
    sheet = list(book["By year"].iter_rows(values_only=True))
    assert sheet[0][1:] == tuple(str(label) for _k, label in METRICS)
    assert [row[0] for row in sheet[1:]] == ["2022", "2023"]
    assert [row[1 + [k for k, _l in METRICS].index("meetings_held")] for row in sheet[1:]] == [
        r.figures["meetings_held"] for r in result.by_year
    ]
    assert book.sheetnames == ["Summary", "By event", "By year", "By partner country", "By sector"]


def test_csv_export_holds_the_same_figures(client, data, official):
    client.force_login(official)
    response = client.get(reverse("reports:export_csv"), {"country": "KR"})
    text = response.content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    keys = [k for k, _l in METRICS]
    result = report(Filters(country="KR"))
    total = dict(zip(keys, rows[1][2:], strict=True))
    assert rows[1][:2] == ["total", "All"]
    assert total["meetings_held"] == str(result.total["meetings_held"])
    assert total["contract_value_vnd"] == str(int(result.total["contract_value_vnd"]))
    breakdowns = [row[0] for row in rows[2:]]
    assert breakdowns.count("event") == len(result.by_event) == 2
    assert exports.rows(result)[1:] == [[r[0], r[1], *[_parse(v) for v in r[2:]]] for r in rows[1:]]


def _parse(value: str):
    if value == "":
        return None
    return float(value) if "." in value else int(value)


def test_page_shows_the_figures_and_charts(client, data, official):
    client.force_login(official)
    response = client.get(reverse("reports:index"), {"country": "KR"})
    assert response.status_code == 200
    result = response.context["report"]
    assert (
        result.total["meetings_held"] == expected(_events(partners__country="KR"))["meetings_held"]
    )
    content = response.content.decode()
    assert content.count('<svg class="chart') == 3
    assert "style=" not in content.split('<main id="main"')[1]


def test_year_range_must_be_in_order(client, official):
    client.force_login(official)
    response = client.get(reverse("reports:index"), {"year_from": "2024", "year_to": "2020"})
    assert response.status_code == 200
    assert response.context["form"].errors == {"year_to": ["The last year comes after the first."]}


@pytest.mark.parametrize("name", ["index", "export_xlsx", "export_csv"])
def test_reports_refuse_anonymous_and_participants(client, member, name):
    url = reverse(f"reports:{name}")
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))
    client.force_login(member)
    assert client.get(url).status_code == 403


@pytest.fixture(params=[1, 3])
def events(request, db):
    for k in range(request.param):
        _event(
            date(2021 + k, 5, 1),
            "connection_session",
            Event.Status.FINISHED,
            [ForeignOrganizationFactory(country="KR")],
            ["AQU.FAR"],
            [S.HELD, S.NO_SHOW],
            deals=[(Deal.Stage.CONTRACT_SIGNED, Decimal(100), "VND", Decimal(1))],
            requests=2,
        )
    return request.param


def test_report_page_query_count(client, events, official, django_assert_num_queries):
    client.force_login(official)
    # 4 common; the report: sector parents, events, partner countries, delegations, sectors,
    # registrations, meetings, requests, deals, agreements, agreements' sectors, unlinked
    # deals, sector names; the filter form's sector choices
    with django_assert_num_queries(18):
        response = client.get(reverse("reports:index"))
    assert len(response.context["report"].by_event) == events


def test_demo_reproduces_the_korean_figures(client, official):
    """ "Over 10 connection sessions with Korean enterprises, 600 1:1 meetings in total,
    contracts recorded worth over 100 billion VND" — from the demo's rows, up to 2023."""
    call_command("seed_demo", scale=10, stdout=io.StringIO())
    result = report(Filters(country="KR", year_to=2023))
    assert (
        result.total["sessions_with_meetings"],
        result.total["meetings_held"],
        result.total["contracts_signed"],
        result.total["contract_value_vnd"],
    ) == (11, 600, 12, Decimal("104300000000"))
    client.force_login(official)
    page = client.get(reverse("reports:index"), {"country": "KR", "year_to": "2023"})
    content = page.content.decode()
    assert '<div class="fs-3 fw-bold" id="kpi-sessions">11</div>' in content
    assert '<div class="fs-3 fw-bold" id="kpi-value">104.3</div>' in content
