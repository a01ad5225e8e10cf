"""Journey (c): an official creates an event, approves registrations, runs the scheduler and
publishes; an SME downloads its agenda as PDF and iCalendar; both on the Vietnamese pages, as
the Department's officials use the portal (issue 6)."""

from django.contrib.auth.models import Group
from playwright.sync_api import expect

from accounts.models import OFFICIALS_GROUP
from events.models import Event, MeetingRequest, Registration
from partners.models import Membership
from tests.browser.conftest import log_in, shot, vi
from tests.conftest import PASSWORD
from tests.factories import (
    ForeignOrganizationFactory,
    OrganizationFactory,
    RegistrationFactory,
    UserFactory,
)


def _move_to(status) -> str:
    return vi("Move to “%(label)s”", label=status.label)


def test_official_sets_up_schedules_and_publishes_and_the_sme_gets_its_agenda(page):
    host = OrganizationFactory(
        name="Sở Khoa học và Công nghệ Hải Phòng", kind="government_agency", tax_code=""
    )
    official = UserFactory(email="canbo@sokhcn.example.vn", is_staff=True)
    official.groups.add(Group.objects.get(name=OFFICIALS_GROUP))
    log_in(page, official.email, PASSWORD)

    page.goto("/events/manage/new/")
    expect(page.locator("html")).to_have_attribute("lang", "vi")
    page.fill("#id_title", "Phiên kết nối Việt Nam – Hàn Quốc 2030")
    page.fill("#id_title_en", "Vietnam–Korea connection session 2030")
    page.fill("#id_starts_on", "2030-05-20")
    page.fill("#id_ends_on", "2030-05-20")
    page.select_option("#id_host", str(host.pk))
    page.fill("#id_max_meetings", "3")
    page.get_by_role("button", name=vi("Save"), exact=True).click()
    event = Event.objects.get(title_en="Vietnam–Korea connection session 2030")

    page.goto(f"/events/{event.pk}/manage/sessions/")
    page.fill("#id_sessions-0-name", "Morning")
    page.fill("#id_sessions-0-date", "2030-05-20")
    page.fill("#id_sessions-0-start", "08:30")
    page.fill("#id_sessions-0-end", "09:45")
    page.get_by_role("button", name=vi("Save"), exact=True).click()
    page.goto(f"/events/{event.pk}/manage/tables/")
    page.fill("#id_tables-0-label", "T1")
    page.fill("#id_tables-1-label", "T2")
    page.get_by_role("button", name=vi("Save"), exact=True).click()
    page.get_by_role("button", name=_move_to(Event.Status.REGISTRATION_OPEN)).click()
    shot(page, "c1-event-set-up")

    # Organisations register (their journey is tested separately): two suppliers, two SMEs.
    sme = OrganizationFactory(name="Công ty TNHH Cơ khí Kiến An", name_en="Kien An Mechanical")
    sme_user = Membership.objects.create(
        user=UserFactory(email="an@kienan.example.vn"), organization=sme, role="admin"
    ).user
    other_sme = OrganizationFactory(name="Công ty CP Thủy sản Cát Hải")
    suppliers = [ForeignOrganizationFactory(name=f"Hanbit Robotics {i}") for i in (1, 2)]
    registrations = {
        org.pk: RegistrationFactory(event=event, organization=org, status="pending")
        for org in (sme, other_sme, *suppliers)
    }

    page.goto(f"/events/{event.pk}/manage/registrations/")
    for _ in registrations:
        page.get_by_role("button", name=vi("Approve"), exact=True).first.click()
    assert set(Registration.objects.filter(event=event).values_list("status", flat=True)) == {
        "approved"
    }
    for seeker in (sme, other_sme):
        for supplier in suppliers:
            MeetingRequest.objects.create(
                event=event,
                requester=registrations[seeker.pk],
                status="accepted",
                recipient=registrations[supplier.pk],
            )

    page.goto(f"/events/{event.pk}/manage/")
    page.get_by_role("button", name=_move_to(Event.Status.REGISTRATION_CLOSED)).click()
    page.goto(f"/events/{event.pk}/manage/schedule/")
    page.get_by_role("button", name=vi("Run the scheduler")).click()
    placed = vi(
        "%(placed)d of %(asked)d requested meeting placed",
        "%(placed)d of %(asked)d requested meetings placed",
        4,
        placed=4,
        asked=4,
    )
    expect(page.get_by_text(placed)).to_be_visible()
    shot(page, "c2-schedule")
    page.get_by_role("button", name=vi("Publish and notify participants")).click()
    event.refresh_from_db()
    assert event.status == "published"

    page.context.clear_cookies()
    log_in(page, sme_user.email, PASSWORD)
    page.goto(f"/events/{event.pk}/r/{registrations[sme.pk].pk}/agenda/")
    rows = page.locator("table tbody tr")
    expect(rows).to_have_count(2)
    shot(page, "c3-agenda")
    # The browser session fetches both files as a participant would (a PDF may open inline).
    pdf_url = page.get_by_role("link", name=vi("PDF to print")).get_attribute("href")
    pdf = page.context.request.get(pdf_url)
    assert (pdf.status, pdf.headers["content-type"]) == (200, "application/pdf")
    assert pdf.body().startswith(b"%PDF")
    ics_url = page.get_by_role("link", name=vi("Add to my calendar")).get_attribute("href")
    calendar = page.context.request.get(ics_url)
    assert calendar.headers["content-type"].startswith("text/calendar")
    assert calendar.text().count("BEGIN:VEVENT") == 2
