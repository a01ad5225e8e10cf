"""Officials work through their queues in place (htmx) under the strict CSP."""

import re

import pytest
from playwright.sync_api import expect

from matchmaking.models import PublicationStatus
from partners.models import Organization
from tests.browser.conftest import log_in, shot
from tests.conftest import PASSWORD
from tests.factories import ForeignOrganizationFactory, MembershipFactory, OfferFactory


@pytest.fixture
def official(transactional_db):
    """An official, with the officials group made again if an earlier transactional test
    flushed it (tests/conftest.py's fixture expects the group from the migration)."""
    from accounts.permissions import sync_officials_group
    from tests.factories import UserFactory

    user = UserFactory(full_name="Cán bộ Sở", is_staff=True)
    user.groups.add(sync_officials_group())
    return user


def test_official_verifies_sends_back_and_publishes_in_place(page, official):
    keep = ForeignOrganizationFactory(name="Hanbit Sensors")
    doubtful = ForeignOrganizationFactory(name="Mystery Trading")
    MembershipFactory(organization=doubtful, role="admin")
    offer = OfferFactory(
        title="Drone crop spraying", status=PublicationStatus.PENDING_REVIEW, published_at=None
    )
    log_in(page, official.email, PASSWORD, language="en")
    page.get_by_role("link", name="Officials").click()
    expect(page.locator("h1")).to_have_text("What needs your attention")
    shot(page, "officials-dashboard")

    page.get_by_role("link", name="Open the verification queue").click()
    row = page.locator(f"#organization-{keep.pk}")
    row.get_by_role("button", name="Verify").click()
    expect(page.locator(f"#organization-{keep.pk}")).to_contain_text("Verified")
    doubtful_row = page.locator(f"#organization-{doubtful.pk}")
    doubtful_row.get_by_role("textbox").fill("Which company registration number do you have?")
    doubtful_row.get_by_role("button", name="Send back").click()
    expect(page.locator(f"#organization-{doubtful.pk}")).to_contain_text(
        "Sent back; the administrators have been emailed."
    )
    expect(page).to_have_url(re.compile(r"/en/organisations/manage/verification/$"))
    shot(page, "officials-verification-in-place")
    keep.refresh_from_db()
    doubtful.refresh_from_db()
    assert (keep.verified, doubtful.verified, doubtful.review_note) == (
        True,
        False,
        "Which company registration number do you have?",
    )
    assert Organization.objects.filter(verified=False, returned_at__isnull=False).count() == 1

    page.goto("/en/review/")
    page.locator(f"#review-offers-{offer.pk}").get_by_role("button", name="Publish").click()
    expect(page.locator(f"#review-offers-{offer.pk}")).to_contain_text("Published")
    shot(page, "officials-review-in-place")
    offer.refresh_from_db()
    assert offer.status == PublicationStatus.PUBLISHED
