"""The API documentation page works in a real browser under the site's CSP."""

from playwright.sync_api import expect

from tests.browser.conftest import shot


def test_api_docs_render_the_operations_without_csp_violations(page):
    page.goto("/api/docs/")
    expect(page.locator(".opblock").first).to_be_visible(timeout=15_000)
    expect(page.locator(".opblock-summary-path", has_text="/api/v1/offers/").first).to_be_visible()
    page.locator(".opblock-summary", has_text="/api/v1/sectors/").first.click()
    page.get_by_role("button", name="Try it out").click()
    page.get_by_role("button", name="Execute").click()
    status = page.locator(".live-responses-table tbody .response-col_status").first
    expect(status).to_have_text("200")
    shot(page, "api-docs")
