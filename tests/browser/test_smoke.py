"""The layout works in a real browser, in both languages, on a phone and on a desktop."""

from playwright.sync_api import expect

from tests.browser.conftest import shot
from tests.factories import OfferFactory


def test_home_and_catalogue_in_both_languages_without_csp_violations(page):
    OfferFactory(title="Recirculating shrimp farming system", language="en")
    page.goto("/")
    expect(page.locator("html")).to_have_attribute("lang", "vi")
    expect(page.locator("[data-figure=offers]")).to_have_text("1")
    page.get_by_role("button", name="EN").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    page.get_by_role("link", name="Technologies", exact=True).first.click()
    expect(page.get_by_text("Recirculating shrimp farming system")).to_be_visible()
    shot(page, "catalogue-en-desktop")


def test_menu_collapses_and_opens_on_a_phone(page):
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto("/")
    menu = page.locator("#nav-main")
    expect(menu).to_be_hidden()
    page.locator(".navbar-toggler").click()
    expect(menu).to_be_visible()
    shot(page, "home-vi-phone-menu")
