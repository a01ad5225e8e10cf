"""Journey (a): an SME signs up, posts a need, sees recommended offers with their reasons and asks
for a meeting at an upcoming event, all on the Vietnamese pages (issue 6)."""

from datetime import date, time

from playwright.sync_api import expect

from events import services as event_services
from events.models import Event, EventSession, Registration
from matchmaking.models import Sector
from tests.browser.conftest import shot, vi
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
        price_min=150_000,
        price_max=400_000,
        currency="USD",
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
    # The whole journey on the Vietnamese pages, as a Hải Phòng SME uses the portal.
    offer, event = _supplier_at_an_open_event()
    firm = "Công ty TNHH Nuôi tôm Tiên Lãng"
    water = Sector.objects.get(code="ENV.WAT").name_vi

    page.goto("/organisations/sign-up/")
    expect(page.locator("html")).to_have_attribute("lang", "vi")
    page.fill("#id_name", firm)
    page.fill("#id_name_en", "Tien Lang Shrimp Farming Co., Ltd.")
    page.select_option("#id_kind", "sme")
    page.fill("#id_tax_code", "0209876543")
    page.fill("#id_full_name", "Phạm Văn Hải")
    page.fill("#id_email", "hai@tienlang.example.vn")
    page.fill("#id_password1", "tôm sú và nước sạch 2030")
    page.fill("#id_password2", "tôm sú và nước sạch 2030")
    shot(page, "a1-sign-up")
    page.get_by_role("button", name=vi("Register"), exact=True).click()
    expect(page.get_by_role("heading", name=firm)).to_be_visible()

    page.goto("/needs/new/")
    page.fill("#id_title", "Xử lý nước thải ao nuôi tôm")
    page.fill(
        "#id_description", "Khu nuôi tôm 50 ha cần xử lý nước thải ao tôm trước khi xả ra sông."
    )
    page.fill("#id_title_en", "Shrimp-pond wastewater treatment")
    page.fill("#id_keywords", "nước thải, ao tôm, wastewater")
    page.select_option("#id_sectors", ["ENV.WAT"])
    page.fill("#id_min_trl", "6")
    page.get_by_role("button", name=vi("Save"), exact=True).click()
    page.get_by_role("button", name=vi("Publish"), exact=True).click()
    expect(page.get_by_role("heading", name=vi("Recommended offers"))).to_be_visible()
    first = page.locator("#reco-title ~ article").first
    expect(first).to_contain_text("Shrimp-pond wastewater treatment with biofilters")
    expect(first).to_contain_text(vi("same sector: %(sectors)s", sectors=water))
    expect(first).to_contain_text(vi("TRL %(trl)s ≥ %(min_trl)s", trl=8, min_trl=6))
    shot(page, "a2-recommended-offers")

    first.get_by_role("link", name="Shrimp-pond wastewater treatment with biofilters").click()
    # The price as Vietnamese write it: dots between thousands, a decimal comma.
    expect(page.get_by_test_id("price")).to_have_text("150.000,00 – 400.000,00\u00a0USD")
    page.get_by_role("link", name=vi("Register to ask for a meeting")).click()
    page.get_by_role("link", name=vi("Register %(org)s", org=firm)).click()
    page.get_by_label(vi("Vietnamese")).check()
    page.get_by_role("button", name=vi("Save"), exact=True).click()
    expect(
        page.get_by_text(vi("Registration sent: the organisers will confirm it."))
    ).to_be_visible()

    # Until the officials approve the registration, the offer page says so.
    page.goto(f"/offers/{offer.reference}/")
    expect(page.get_by_test_id("registration-pending")).to_be_visible()
    expect(page.get_by_role("link", name=vi("Ask for a meeting"), exact=True)).to_have_count(0)

    # An official approves the registration (their own journey is tested separately).
    official = UserFactory(is_superuser=True)
    mine = Registration.objects.get(event=event, organization__name=firm)
    event_services.registration_approve(registration=mine, official=official)

    page.goto(f"/offers/{offer.reference}/")
    page.get_by_role("link", name=vi("Ask for a meeting"), exact=True).click()
    page.get_by_label(vi("Must meet")).check()
    page.fill("#id_message", "Chúng tôi muốn xem bộ lọc sinh học của quý công ty hoạt động.")
    shot(page, "a3-meeting-request")
    page.get_by_role("button", name=vi("Send the request")).click()
    expect(
        page.get_by_text(
            vi("Your request has been sent to %(org)s.", org="Penghu Aquatech Co., Ltd.")
        )
    ).to_be_visible()
