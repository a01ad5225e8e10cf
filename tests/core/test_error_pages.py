"""Friendly 403, 404 and CSRF failure pages, in the visitor's language, within the CSP."""

import pytest
from django.test import Client

from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("prefix", "lang", "heading"),
    [("", "vi", "Không tìm thấy trang"), ("/en", "en", "Page not found")],
)
def test_unknown_page_gets_the_friendly_404(client, prefix, lang, heading):
    response = client.get(f"{prefix}/khong-ton-tai/")
    page = response.content.decode()
    assert response.status_code == 404
    assert (f'<html lang="{lang}">' in page, f'<h1 class="h3">{heading}</h1>' in page) == (
        True,
        True,
    )


@pytest.mark.parametrize(
    ("prefix", "lang", "heading"),
    [
        ("", "vi", "Bạn không có quyền thực hiện thao tác này"),
        ("/en", "en", "You are not allowed to do this"),
    ],
)
def test_refused_page_gets_the_friendly_403(client, owner, prefix, lang, heading):
    client.force_login(owner)
    response = client.get(f"{prefix}/review/")
    page = response.content.decode()
    assert response.status_code == 403
    assert (f'<html lang="{lang}">' in page, f'<h1 class="h3">{heading}</h1>' in page) == (
        True,
        True,
    )


@pytest.mark.parametrize(("prefix", "lang"), [("", "vi"), ("/en", "en")])
def test_a_form_sent_without_its_csrf_token_gets_the_portals_page(owner, prefix, lang):
    browser = Client(enforce_csrf_checks=True)
    response = browser.post(
        f"{prefix}/accounts/login/", {"username": owner.email, "password": PASSWORD}
    )
    page = response.content.decode()
    assert response.status_code == 403
    assert [t.name for t in response.templates][:2] == ["403_csrf.html", "base.html"]
    assert f'<html lang="{lang}">' in page
    # Django's own page has an inline <style>, which the Content-Security-Policy would block.
    assert ("<style" in page, "style=" in page) == (False, False)
    assert "style-src 'self'" in response["Content-Security-Policy"]
    assert "_auth_user_id" not in browser.session


def test_csrf_failure_page_explains_what_to_do_in_english(owner):
    response = Client(enforce_csrf_checks=True).post("/en/accounts/login/", {})
    page = response.content.decode()
    assert '<h1 class="h3">The form could not be sent</h1>' in page
    assert "fill in the form and send it once more" in page
