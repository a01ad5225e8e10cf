"""The user admin: officials edit people's details, only superusers hand out powers."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse
from django.utils import translation

from accounts.models import OFFICIALS_GROUP, User
from tests.conftest import PASSWORD
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


@pytest.fixture
def superuser(db):
    return User.objects.create_superuser("root@example.org", PASSWORD, full_name="Quản trị")


def _change_form(user, **changes) -> dict:
    """The user change form as the admin page posts it, with ``changes`` applied."""
    data = {
        "email": user.email,
        "full_name": user.full_name,
        "job_title": user.job_title,
        "phone": user.phone,
        "language": user.language,
        "is_active": "on",
        "last_login_0": "",
        "last_login_1": "",
        "date_joined_0": user.date_joined.strftime("%Y-%m-%d"),
        "date_joined_1": user.date_joined.strftime("%H:%M:%S"),
        "memberships-TOTAL_FORMS": "0",
        "memberships-INITIAL_FORMS": "0",
        "memberships-MIN_NUM_FORMS": "0",
        "memberships-MAX_NUM_FORMS": "1000",
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def _escalation(user) -> dict:
    everything = Permission.objects.values_list("pk", flat=True)
    return _change_form(
        user,
        full_name="Renamed by an official",
        is_staff="on",
        is_superuser="on",
        groups=[str(pk) for pk in Group.objects.values_list("pk", flat=True)],
        user_permissions=[str(pk) for pk in everything],
    )


def test_official_cannot_make_themselves_superuser_through_the_admin(client, official):
    Group.objects.get_or_create(name="auditors")
    client.force_login(official)
    url = reverse("admin:accounts_user_change", args=[official.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert "is_superuser" not in page.context["adminform"].form.fields
    response = client.post(url, _escalation(official))
    assert response.status_code == 302
    official.refresh_from_db()
    assert official.full_name == "Renamed by an official"  # the details were saved…
    assert official.is_superuser is False  # …the powers were not
    assert list(official.groups.values_list("name", flat=True)) == [OFFICIALS_GROUP]
    assert official.user_permissions.count() == 0


def test_official_cannot_grant_powers_to_another_account(client, official, member):
    client.force_login(official)
    url = reverse("admin:accounts_user_change", args=[member.pk])
    assert client.post(url, _escalation(member)).status_code == 302
    member.refresh_from_db()
    assert (member.is_staff, member.is_superuser) == (False, False)
    assert (member.groups.count(), member.user_permissions.count()) == (0, 0)


def test_official_cannot_change_a_superusers_account_or_password(client, official, superuser):
    client.force_login(official)
    change = reverse("admin:accounts_user_change", args=[superuser.pk])
    assert client.post(change, _change_form(superuser, email="mine@example.org")).status_code == (
        403
    )
    password = reverse("admin:auth_user_password_change", args=[superuser.pk])
    assert client.get(password).status_code == 403
    response = client.post(
        password,
        {"password1": "taken over 12345", "password2": "taken over 12345", "usable_password": "1"},
    )
    assert response.status_code == 403
    superuser.refresh_from_db()
    assert superuser.email == "root@example.org"
    assert superuser.check_password(PASSWORD)


def test_official_cannot_take_over_another_officials_account(client, official):
    colleague = UserFactory(full_name="Cán bộ khác", is_staff=True)
    colleague.groups.add(Group.objects.get(name=OFFICIALS_GROUP))
    client.force_login(official)
    change = reverse("admin:accounts_user_change", args=[colleague.pk])
    response = client.post(change, _change_form(colleague, email="mine@example.org"))
    assert response.status_code == 403
    password = reverse("admin:auth_user_password_change", args=[colleague.pk])
    response = client.post(
        password,
        {"password1": "taken over 12345", "password2": "taken over 12345", "usable_password": "1"},
    )
    assert response.status_code == 403
    delete = reverse("admin:accounts_user_delete", args=[colleague.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 403
    colleague.refresh_from_db()
    assert colleague.email != "mine@example.org"
    assert colleague.check_password("correct horse battery")
    # Their own account stays theirs to edit.
    own = reverse("admin:accounts_user_change", args=[official.pk])
    assert client.get(own).status_code == 200


def test_superuser_can_grant_powers(client, superuser):
    target = UserFactory()
    client.force_login(superuser)
    url = reverse("admin:accounts_user_change", args=[target.pk])
    officials = Group.objects.get(name=OFFICIALS_GROUP)
    response = client.post(url, _change_form(target, is_staff="on", groups=[str(officials.pk)]))
    assert response.status_code == 302
    target.refresh_from_db()
    assert target.is_staff is True
    assert target.is_official is True
