"""Personal API tokens: created and revoked on the profile's token page, stored as a hash,
accepted as ``Authorization: Bearer``, refused once revoked."""

import hashlib
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from rest_framework.test import APIClient

from api import services
from api.models import ApiToken
from tests.api.conftest import client_with_token, problem
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _url(name, *args):
    with translation.override("en"):
        return reverse(name, args=args)


def test_token_create_stores_only_a_hash_of_the_token(member):
    token, clear = services.token_create(user=member, name="ERP sync")
    stored = ApiToken.objects.get(pk=token.pk)
    assert clear.startswith("tc_")
    assert stored.token_hash == hashlib.sha256(clear.encode()).hexdigest()
    assert clear not in {stored.token_hash, stored.prefix, stored.name}
    assert stored.prefix == clear[:10]
    assert (stored.user, stored.name, stored.revoked_at, stored.last_used_at) == (
        member,
        "ERP sync",
        None,
        None,
    )


def test_token_create_refuses_a_blank_name_and_more_than_the_cap(member):
    with pytest.raises(services.ValidationError):
        services.token_create(user=member, name="   ")
    for k in range(services.MAX_ACTIVE_TOKENS):
        services.token_create(user=member, name=f"token {k}")
    with pytest.raises(services.ValidationError):
        services.token_create(user=member, name="one too many")
    assert ApiToken.objects.filter(user=member).count() == services.MAX_ACTIVE_TOKENS


def test_token_authenticates_as_its_owner_and_records_its_use(member, org_a):
    client = client_with_token(member)
    response = client.get("/api/v1/organisations/mine/")
    assert response.status_code == 200
    assert [row["id"] for row in response.json()["results"]] == [org_a.pk]
    assert ApiToken.objects.get(user=member).last_used_at is not None


def test_token_last_use_is_written_at_most_once_a_minute(member, django_assert_num_queries):
    token, clear = services.token_create(user=member, name="script")
    with django_assert_num_queries(2):  # the token with its user; the "last used" update
        services.token_authenticate(clear)
    with django_assert_num_queries(1):  # within the minute: the token only
        services.token_authenticate(clear)
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=timezone.now() - timedelta(minutes=2))
    with django_assert_num_queries(2):
        services.token_authenticate(clear)


def test_revoked_token_is_refused_on_the_next_request(member):
    client = client_with_token(member)
    assert client.get("/api/v1/offers/mine/").status_code == 200
    token = ApiToken.objects.get(user=member)
    services.token_revoke(token=token, user=member)
    response = client.get("/api/v1/offers/mine/")
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == 'Bearer realm="api"'
    assert problem(response)["code"] == "authentication_failed"
    # Even on a public endpoint: a bad token is an error, not an anonymous visit.
    assert client.get("/api/v1/offers/").status_code == 401


@pytest.mark.parametrize(
    "header",
    ["Bearer tc_not-a-token", "Bearer", "Bearer two parts", "Bearer tc_é"],
)
def test_wrong_tokens_are_refused(api, member, header):
    api.credentials(HTTP_AUTHORIZATION=header)
    response = api.get("/api/v1/offers/")
    assert response.status_code == 401
    assert problem(response)["status"] == 401


def test_token_of_an_inactive_user_is_refused(member):
    client = client_with_token(member)
    member.is_active = False
    member.save()
    assert client.get("/api/v1/offers/mine/").status_code == 401


def test_token_revoke_is_for_the_owner_only(member, outsider):
    token, _clear = services.token_create(user=member, name="script")
    with pytest.raises(services.PermissionDenied):
        services.token_revoke(token=token, user=outsider)
    assert ApiToken.objects.get(pk=token.pk).revoked_at is None


# --- The token page ----------------------------------------------------------------------------


def test_token_page_needs_a_log_in(client):
    response = client.get(_url("api_tokens:list"))
    assert response.status_code == 302
    assert response["Location"].startswith(_url("accounts:login"))


def test_profile_links_to_the_token_page(client, member):
    client.force_login(member)
    response = client.get(_url("accounts:profile"))
    assert _url("api_tokens:list") in response.content.decode()


def test_token_page_shows_the_new_token_once(client, member):
    client.force_login(member)
    response = client.post(_url("api_tokens:list"), {"name": "ERP sync"})
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"
    clear = response.context["clear_token"]
    assert clear.startswith("tc_")
    assert clear in response.content.decode()
    again = client.get(_url("api_tokens:list")).content.decode()
    assert clear not in again
    assert "ERP sync" in again
    api = APIClient()  # the token shown works
    api.credentials(HTTP_AUTHORIZATION=f"Bearer {clear}")
    assert api.get("/api/v1/offers/mine/").status_code == 200


def test_token_page_lists_only_the_persons_tokens(client, member, outsider):
    services.token_create(user=member, name="mine")
    services.token_create(user=outsider, name="someone else's")
    client.force_login(member)
    response = client.get(_url("api_tokens:list"))
    assert [t.name for t in response.context["tokens"]] == ["mine"]


def test_token_page_revokes_a_token(client, member):
    token, clear = services.token_create(user=member, name="old script")
    client.force_login(member)
    response = client.post(_url("api_tokens:revoke", token.pk))
    assert response.status_code == 302
    assert ApiToken.objects.get(pk=token.pk).revoked_at is not None
    assert services.token_authenticate(clear) is None


def test_token_page_does_not_revoke_another_persons_token(client, member):
    token, _clear = services.token_create(user=UserFactory(), name="theirs")
    client.force_login(member)
    assert client.post(_url("api_tokens:revoke", token.pk)).status_code == 404
    assert ApiToken.objects.get(pk=token.pk).revoked_at is None


def test_token_page_shows_a_blank_name_error(client, member):
    client.force_login(member)
    response = client.post(_url("api_tokens:list"), {"name": ""})
    assert response.status_code == 200
    assert response.context["clear_token"] is None
    assert ApiToken.objects.count() == 0
