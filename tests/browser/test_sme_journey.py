"""Journey (a): an SME signs up, posts a need, sees recommended offers with their reasons and asks
for a meeting at an upcoming event (issue 6)."""

from datetime import date, time

from playwright.sync_api import expect

from events import services as event_services
from events.models import Event, EventSession, Registration
from tests.browser.conftest import shot
from tests.factories import (
    EventFactory,
    ForeignOrganizationFactory,
    OfferFactory,
    RegistrationFactory,
    UserFactory,
)


def _supplier_at_an_open_event():
    supplier = ForeignOrganizationFactory(name="Penghu Aquatech Co., Ltd.", country="TW")
    offer = OfferFactory(
        organization=supplier,
        title="Shrimp-pond wastewater treatment with biofilters",
        summary="Treats shrimp-pond effluent to national standards and recycles the water.",
        keywords=["wastewater", "shrimp pond", "biofilter"],
        sectors=["ENV.WAT"],
        trl=8,
    )
    OfferFactory(
        title="Rooftop solar panels", summary="Panels for factory roofs.", sectors=["ENE.SOL"]
    )
    event = EventFactory(
        title="Phiên kết nối Việt Nam – Đài Loan",
        title_en="Vietnam–Taiwan connection session",
        status=Event.Status.REGISTRATION_OPEN,
        starts_on=date(2030, 3, 14),
        ends_on=date(2030, 3, 14),
    )
    EventSession.objects.create(
        event=event, date=event.starts_on, start=time(8, 30), end=time(11, 0)
    )
    event_services.event_generate_slots(event=event)
    registration = RegistrationFactory(event=event, organization=supplier)
    registration.offers.set([offer])
    return offer, event


def test_sme_signs_up_posts_a_need_sees_recommendations_and_asks_for_a_meeting(page):
    offer, event = _supplier_at_an_open_event()

    page.goto("/en/organisations/sign-up/")
    page.fill("#id_name", "Công ty TNHH Nuôi tôm Tiên Lãng")
    page.fill("#id_name_en", "Tien Lang Shrimp Farming Co., Ltd.")
    page.select_option("#id_kind", "sme")
    page.fill("#id_tax_code", "0209876543")
    page.fill("#id_full_name", "Phạm Văn Hải")
    page.fill("#id_email", "hai@tienlang.example.vn")
    page.fill("#id_password1", "tôm sú và nước sạch 2030")
    page.fill("#id_password2", "tôm sú và nước sạch 2030")
    shot(page, "a1-sign-up")
    page.get_by_role("button", name="Register").click()
    expect(page.get_by_role("heading", name="Tien Lang Shrimp Farming Co., Ltd.")).to_be_visible()

    page.goto("/en/needs/new/")
    page.fill("#id_title", "Xử lý nước thải ao nuôi tôm")
    page.fill(
        "#id_description", "Khu nuôi tôm 50 ha cần xử lý nước thải ao tôm trước khi xả ra sông."
    )
    page.fill("#id_title_en", "Shrimp-pond wastewater treatment")
    page.fill("#id_keywords", "nước thải, ao tôm, wastewater")
    page.select_option("#id_sectors", ["ENV.WAT"])
    page.fill("#id_min_trl", "6")
    page.get_by_role("button", name="Save").click()
    page.get_by_role("button", name="Publish").click()
    expect(page.get_by_role("heading", name="Recommended offers")).to_be_visible()
    first = page.locator("#reco-title ~ article").first
    expect(first).to_contain_text("Shrimp-pond wastewater treatment with biofilters")
    expect(first).to_contain_text("same sector: Water & wastewater treatment")
    expect(first).to_contain_text("TRL 8 ≥ 6")
    shot(page, "a2-recommended-offers")

    first.get_by_role("link", name="Shrimp-pond wastewater treatment with biofilters").click()
    page.get_by_role("link", name="Register to ask for a meeting").click()
    page.get_by_role("link", name="Register Tien Lang Shrimp Farming Co., Ltd.").click()
    page.get_by_label("Vietnamese").check()
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Registration sent")).to_be_visible()

    # An official approves the registration (their own journey is tested separately).
    official = UserFactory(is_superuser=True)
    mine = Registration.objects.get(event=event, organization__name_en__startswith="Tien Lang")
    event_services.registration_approve(registration=mine, official=official)

    page.goto(f"/en/offers/{offer.reference}/")
    page.get_by_role("link", name="Ask for a meeting").click()
    page.get_by_label("Must meet").check()
    page.fill("#id_message", "We would like to see your biofilters at work.")
    shot(page, "a3-meeting-request")
    page.get_by_role("button", name="Send the request").click()
    expect(
        page.get_by_text("Your request has been sent to Penghu Aquatech Co., Ltd.")
    ).to_be_visible()
