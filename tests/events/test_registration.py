"""Organisations register through their members; officials approve or reject, with an email."""

import pytest
from django.core import mail
from django.urls import reverse

from events.models import Event, Registration
from tests.events.conftest import set_status
from tests.factories import NeedFactory, OfferFactory, RegistrationFactory

pytestmark = pytest.mark.django_db
R = Registration.Status


def _form(**extra):
    return {"role": "seeking", "languages": ["vi", "en"], **extra}


def test_member_registers_the_organisation_as_pending(client, event, slots, org_a, member):
    need = NeedFactory(organization=org_a)
    client.force_login(member)
    response = client.post(
        reverse("events:register", args=[event.pk]) + f"?organization={org_a.pk}",
        _form(
            needs=[need.pk],
            unavailable_slots=[slots[3].pk],
            representatives="Nguyễn Thị Lan | Giám đốc | lan@doson.vn | 0912 345 678",
        ),
    )
    registration = Registration.objects.get()
    assert response.status_code == 302
    assert (registration.status, registration.registered_by, registration.languages) == (
        R.PENDING,
        member,
        "vi,en",
    )
    assert list(registration.needs.all()) == [need]
    assert list(registration.unavailable_slots.all()) == [slots[3]]
    assert registration.representatives == [
        {"name": "Nguyễn Thị Lan", "title": "Giám đốc", "email": "lan@doson.vn",
         "phone": "0912 345 678"}
    ]  # fmt: skip


def test_registration_offers_only_the_organisations_own_published_records(
    client, event, org_a, org_b, member
):
    own = OfferFactory(organization=org_a)
    OfferFactory(organization=org_a, status="draft")
    foreign = OfferFactory(organization=org_b)
    client.force_login(member)
    url = reverse("events:register", args=[event.pk]) + f"?organization={org_a.pk}"
    page = client.get(url)
    response = client.post(url, _form(offers=[foreign.pk]))
    assert list(page.context["form"].fields["offers"].queryset) == [own]
    assert response.status_code == 200
    assert Registration.objects.count() == 0


def test_outsider_cannot_register_another_organisation(client, event, org_a, outsider):
    client.force_login(outsider)
    response = client.post(
        reverse("events:register", args=[event.pk]) + f"?organization={org_a.pk}", _form()
    )
    assert response.status_code == 403
    assert Registration.objects.count() == 0


def test_registration_is_refused_once_registration_is_closed(client, event, org_a, member):
    set_status(event, Event.Status.REGISTRATION_CLOSED)
    client.force_login(member)
    response = client.post(
        reverse("events:register", args=[event.pk]) + f"?organization={org_a.pk}", _form()
    )
    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == ["Registration for this event is closed."]
    assert Registration.objects.count() == 0


def test_outsider_cannot_see_or_change_another_registration(client, reg_a, outsider):
    client.force_login(outsider)
    url = reverse("events:registration_edit", args=[reg_a.event_id, reg_a.pk])
    assert client.get(url).status_code == 404
    assert client.post(url, _form(role="offering")).status_code == 404
    reg_a.refresh_from_db()
    assert reg_a.role == Registration.Role.BOTH


def test_official_approves_and_the_registrant_gets_an_email(
    client, event, org_a, owner, official, django_capture_on_commit_callbacks
):
    owner.language = "en"
    owner.save()
    registration = RegistrationFactory(
        event=event, organization=org_a, registered_by=owner, status=R.PENDING
    )
    client.force_login(official)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("events:registration_approve", args=[event.pk, registration.pk])
        )
    registration.refresh_from_db()
    assert response.status_code == 302
    assert registration.status == R.APPROVED
    assert [(m.to, m.subject) for m in mail.outbox] == [
        ([owner.email], f"Your registration for {event} is approved")
    ]


def test_official_rejects_with_a_reason_sent_to_the_registrant(
    client, event, org_a, owner, official, django_capture_on_commit_callbacks
):
    registration = RegistrationFactory(
        event=event, organization=org_a, registered_by=owner, status=R.PENDING
    )
    client.force_login(official)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("events:registration_reject", args=[event.pk, registration.pk]),
            {"reason": "Hồ sơ chưa đủ thông tin."},
        )
    registration.refresh_from_db()
    assert registration.status == R.REJECTED
    assert [m.to for m in mail.outbox] == [[owner.email]]
    assert "Hồ sơ chưa đủ thông tin." in mail.outbox[0].body


def test_member_withdraws_the_registration(client, reg_a, owner):
    client.force_login(owner)
    response = client.post(reverse("events:registration_cancel", args=[reg_a.event_id, reg_a.pk]))
    reg_a.refresh_from_db()
    assert response.status_code == 302
    assert reg_a.status == R.CANCELLED


def test_event_page_offers_registration_to_the_members_organisations(client, event, org_a, owner):
    client.force_login(owner)
    response = client.get(reverse("events:detail", args=[event.pk]))
    assert response.context["can_register"] == [org_a]
    assert response.context["my_registrations"] == []


def test_event_page_lists_the_members_registrations_instead(client, reg_a, owner):
    client.force_login(owner)
    response = client.get(reverse("events:detail", args=[reg_a.event_id]))
    assert (response.context["can_register"], response.context["my_registrations"]) == ([], [reg_a])


def test_an_unlisted_event_opens_for_its_registrants_and_with_its_link_only(
    client, event, reg_a, owner, outsider, official
):
    Event.objects.filter(pk=event.pk).update(is_public=False)
    url = reverse("events:detail", args=[event.pk])
    client.force_login(official)
    share = client.get(reverse("events:manage", args=[event.pk])).context["share_link"]
    assert share == f"http://testserver{url}?k={share.rsplit('=', 1)[1]}"
    client.logout()
    assert client.get(url).status_code == 404
    assert client.get(url, {"k": "forged"}).status_code == 404
    assert client.get(share).status_code == 200
    assert event not in client.get(reverse("events:list")).context["page"]
    client.force_login(owner)  # a member of a registered organisation
    assert client.get(url).status_code == 200
    client.force_login(outsider)  # org B, not registered, but has the link: may register
    page = client.get(share)
    assert (page.status_code, page.context["can_register"]) == (
        200,
        [outsider.memberships.get().organization],
    )


def test_a_draft_event_page_is_for_officials_only(client, event, owner, official):
    set_status(event, Event.Status.DRAFT)
    url = reverse("events:detail", args=[event.pk])
    client.force_login(owner)
    assert client.get(url).status_code == 404
    client.force_login(official)
    assert client.get(url).status_code == 200
