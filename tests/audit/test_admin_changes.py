"""Officials' changes through the admin site are in the audit log like those made on the
portal's pages: who, what, before and after."""

from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import translation

from audit.models import AuditEntry
from matchmaking.models import Deal
from tests.factories import MeetingFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def _posted(form) -> dict:
    """The admin change form's data as the browser would send it back, unchanged."""
    data = {}
    for name, field in form.fields.items():
        value = form[name].value()
        if value is None:
            continue
        if isinstance(value, list | tuple):
            data[name] = [str(v) for v in value]
        elif isinstance(value, bool):
            if value:
                data[name] = "on"
        else:
            data[name] = (
                field.widget.format_value(value) if hasattr(field.widget, "format_value") else value
            )
    return {k: v for k, v in data.items() if v is not None}


def test_an_officials_deal_change_in_the_admin_is_audited(client, official, org_a, org_b):
    deal = Deal.objects.create(title="Hệ thống RAS", supplier=org_b, seeker=org_a)
    client.force_login(official)
    url = reverse("admin:matchmaking_deal_change", args=[deal.pk])
    form = client.get(url).context["adminform"].form
    data = {**_posted(form), "stage": "negotiating", "notes": "Met again in Seoul"}
    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    entry = AuditEntry.objects.get(action="admin.deal.change")
    assert (entry.actor, entry.target_id) == (official, str(deal.pk))
    assert entry.before == {"stage": "contacted", "notes": ""}
    assert entry.after == {"stage": "negotiating", "notes": "Met again in Seoul"}


def test_saving_without_a_change_writes_no_entry(client, official, org_a, org_b):
    deal = Deal.objects.create(title="Hệ thống RAS", supplier=org_b, seeker=org_a)
    client.force_login(official)
    url = reverse("admin:matchmaking_deal_change", args=[deal.pk])
    form = client.get(url).context["adminform"].form
    assert client.post(url, _posted(form)).status_code == 302
    assert not AuditEntry.objects.filter(action__startswith="admin.").exists()


def test_deleting_a_meeting_in_the_admin_keeps_what_it_was(client, official):
    meeting = MeetingFactory()
    client.force_login(official)
    url = reverse("admin:events_meeting_delete", args=[meeting.pk])
    assert client.post(url, {"post": "yes"}).status_code == 302
    entry = AuditEntry.objects.get(action="admin.meeting.delete")
    assert entry.before["slot"] == meeting.slot_id
    assert entry.before["registration_a"] == meeting.registration_a_id
    assert entry.actor == official


def test_a_bulk_delete_records_each_row(client, official, org_a, org_b):
    deals = [
        Deal.objects.create(
            title=f"Deal {i}", supplier=org_b, seeker=org_a, contract_value=Decimal(i)
        )
        for i in range(2)
    ]
    client.force_login(official)
    response = client.post(
        reverse("admin:matchmaking_deal_changelist"),
        {"action": "delete_selected", "_selected_action": [d.pk for d in deals], "post": "yes"},
    )
    assert response.status_code == 302
    assert Deal.objects.count() == 0
    assert sorted(
        AuditEntry.objects.filter(action="admin.deal.delete").values_list("target_id", flat=True)
    ) == sorted(str(d.pk) for d in deals)
