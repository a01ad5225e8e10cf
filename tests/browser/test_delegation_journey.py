"""Journey (b): a foreign delegation member, from the official's invitation to an event.

An official invites a member of a Korean delegation; the member opens the one-time link,
sets a password, completes the organisation's profile in English, uploads the delegation's
spreadsheet (first with a broken row: the preview shows it and nothing is saved; then fixed),
confirms the import, sees the 8 technologies and registers for an open event.
"""

import re
from datetime import date, time, timedelta

import pytest
from django.core import mail
from playwright.sync_api import expect

from events.models import EventSession, Registration
from events.services import event_generate_slots
from matchmaking.models import PublicationStatus, TechnologyOffer
from partners.models import Delegation, Membership, Organization
from tests.browser.conftest import log_in, shot
from tests.conftest import PASSWORD, wait_for
from tests.factories import EventFactory, ForeignOrganizationFactory
from tests.spreadsheets import technology_rows, xlsx_bytes

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture
def official(transactional_db):
    """An official, with the officials group made again if an earlier transactional test
    flushed it (tests/conftest.py's fixture expects the group from the migration)."""
    from accounts.permissions import sync_officials_group
    from tests.factories import UserFactory

    user = UserFactory(full_name="Cán bộ Sở", is_staff=True)
    user.groups.add(sync_officials_group())
    return user


def _spreadsheet(rows) -> dict:
    return {"name": "chungbuk-delegation.xlsx", "mimeType": XLSX, "buffer": xlsx_bytes(rows)}


def test_delegation_member_joins_imports_technologies_and_registers(page, official):
    lead = ForeignOrganizationFactory(name="Chungbuk Technopark", kind="technopark")
    delegation = Delegation.objects.create(
        name="Chungbuk delegation", country="KR", lead_partner=lead
    )
    day = date.today() + timedelta(days=30)
    event = EventFactory(
        title="Phiên kết nối công nghệ Hàn Quốc",
        title_en="Korea technology connection session",
        starts_on=day,
        ends_on=day,
    )
    EventSession.objects.create(
        event=event, name="Morning", date=day, start=time(8, 30), end=time(10)
    )
    event_generate_slots(event=event)
    delegation.events.add(event)

    # The official invites the delegate into a new Korean organisation of the delegation.
    log_in(page, official.email, PASSWORD, language="en")
    page.goto(f"/en/organisations/manage/invite/?delegation={delegation.pk}")
    page.locator("#id_email").fill("minjun.kim@smartfarm.example.kr")
    page.locator("#id_new_name").fill("스마트팜 주식회사")
    page.locator("#id_new_name_en").fill("Smart Farm Korea Co.")
    page.locator("#id_new_country").select_option("KR")
    expect(page.locator("#id_delegation")).to_have_value(str(delegation.pk))
    shot(page, "delegation-1-official-invites")
    page.locator("main form button[type=submit]").click()
    expect(page.locator(".alert-success")).to_contain_text("minjun.kim@smartfarm.example.kr")
    assert wait_for(lambda: len(mail.outbox) == 1)
    link = re.search(r"https?://[^/\s]+(/\S+)", mail.outbox[0].body).group(1)
    assert link.startswith("/en/organisations/invitations/")

    # The delegate opens the one-time link and sets a password.
    page.context.clear_cookies()
    page.goto(link)
    page.locator("#id_full_name").fill("Kim Min-jun")
    page.locator("#id_language").select_option("en")
    page.locator("#id_password1").fill("green onions in jeonju 42")
    page.locator("#id_password2").fill("green onions in jeonju 42")
    shot(page, "delegation-2-sets-password")
    page.locator("main form button[type=submit]").click()

    # … lands on the organisation's profile and completes it in English.
    organization = Organization.objects.get(name="스마트팜 주식회사")
    expect(page).to_have_url(re.compile(rf"/en/organisations/{organization.pk}/edit/$"))
    page.locator("#id_size").select_option("small")
    page.locator("#id_website").fill("https://smartfarm.example.kr")
    page.locator("#id_description_en").fill("Vertical farms and greenhouse climate control.")
    page.locator("#id_sectors").select_option(["AGR.CRP"])
    shot(page, "delegation-3-profile-in-english")
    page.locator("main form button[type=submit]").click()
    expect(page.locator("h1")).to_have_text("Smart Farm Korea Co.")
    organization.refresh_from_db()
    assert organization.description_en == "Vertical farms and greenhouse climate control."

    # A spreadsheet with one broken row: the preview shows its error and nothing is saved.
    page.goto("/en/offers/mine/")
    page.get_by_role("link", name="Import from a spreadsheet").click()
    broken = technology_rows(8)
    broken[3][4] = 12  # row 5 of the file: a TRL of 12
    page.locator("#id_file").set_input_files(_spreadsheet(broken))
    page.locator("main form button[type=submit]").click()
    error_row = page.locator("table.import-errors tbody tr")
    expect(error_row).to_have_count(1)
    expect(error_row).to_have_text(
        re.compile(r"5\s*TRL\s*The TRL must be a whole number from 1 to 9\.")
    )
    expect(page.get_by_role("button", name=re.compile("^Import"))).to_have_count(0)
    shot(page, "delegation-4-preview-with-error")
    assert TechnologyOffer.objects.count() == 0

    # The fixed file passes; confirming imports all 8 and sends them for review.
    page.locator("#id_file").set_input_files(_spreadsheet(technology_rows(8)))
    page.get_by_role("button", name="Check the file").click()
    confirm = page.get_by_role("button", name="Import 8 technologies and send them for review")
    expect(confirm).to_be_visible()
    shot(page, "delegation-5-preview-clean")
    confirm.click()
    expect(page.locator(".alert-success")).to_contain_text("8 technologies have been imported")
    expect(page.locator("main table tbody tr")).to_have_count(8)
    shot(page, "delegation-6-eight-technologies")
    statuses = TechnologyOffer.objects.filter(organization=organization).values_list(
        "status", flat=True
    )
    assert list(statuses) == [PublicationStatus.PENDING_REVIEW] * 8

    # Registration for the open event, with its availability.
    page.goto(f"/en/events/{event.pk}/")
    page.get_by_role("link", name="Register Smart Farm Korea Co.").click()
    page.locator("input[name=languages][value=en]").check()
    page.locator("input[name=unavailable_slots]").first.check()
    shot(page, "delegation-7-registration-form")
    page.get_by_role("button", name="Save").click()
    expect(page.locator(".badge.registration-pending")).to_be_visible()
    shot(page, "delegation-8-registered")
    registration = Registration.objects.get(event=event, organization=organization)
    assert (
        registration.status,
        registration.languages,
        registration.unavailable_slots.count(),
    ) == (
        Registration.Status.PENDING,
        "vi,en",
        1,
    )
    assert Membership.objects.get(organization=organization).user.email == (
        "minjun.kim@smartfarm.example.kr"
    )
