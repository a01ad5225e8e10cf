import re

import pytest
from django.core import mail
from django.urls import reverse

from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db


def test_login_with_email_and_password_opens_a_session(client, member):
    response = client.post(
        reverse("accounts:login"), {"username": member.email.upper(), "password": PASSWORD}
    )
    assert response.status_code == 302
    assert client.get(reverse("accounts:profile")).context["user"] == member


def test_login_with_a_wrong_password_says_so_and_stays_anonymous(client, member):
    response = client.post(reverse("accounts:login"), {"username": member.email, "password": "x"})
    assert response.status_code == 200
    assert "Please enter a correct" in response.content.decode() or "Vui lòng" in (
        response.content.decode()
    )
    assert not response.context["user"].is_authenticated


def test_logout_ends_the_session(client, member):
    client.force_login(member)
    assert client.post(reverse("accounts:logout")).status_code == 302
    response = client.get(reverse("accounts:profile"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_password_reset_emails_a_link_that_sets_a_new_password(client, member):
    response = client.post(reverse("accounts:password_reset"), {"email": member.email})
    assert response.status_code == 302
    assert [m.to for m in mail.outbox] == [[member.email]]
    link = re.search(r"https?://[^/]+(/\S+/)\s", mail.outbox[0].body).group(1)
    form_page = client.get(link, follow=True)
    assert form_page.context["validlink"] is True
    done = client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": "a fresh passphrase 42", "new_password2": "a fresh passphrase 42"},
    )
    assert done.status_code == 302
    member.refresh_from_db()
    assert member.check_password("a fresh passphrase 42")


def test_password_reset_for_an_unknown_email_sends_nothing_and_reveals_nothing(client):
    response = client.post(reverse("accounts:password_reset"), {"email": "nobody@example.org"})
    assert response.status_code == 302
    assert mail.outbox == []


def test_profile_requires_login(client):
    response = client.get(reverse("accounts:profile"))
    assert response.status_code == 302


@pytest.mark.parametrize("method", ["get", "post"])
def test_password_change_sends_anonymous_visitors_to_log_in(client, method):
    response = getattr(client, method)(
        reverse("accounts:password_change"),
        {"old_password": "x", "new_password1": "y", "new_password2": "y"},
    )
    assert (response.status_code, response["Location"].split("?")[0]) == (
        302,
        reverse("accounts:login"),
    )
