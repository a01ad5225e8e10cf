"""Every officials' page refuses anonymous visitors (log-in) and other users (403)."""

import pytest
from django.urls import reverse

from events.models import Event
from events.services.dayof import checkin_token
from tests.events.conftest import set_status
from tests.factories import MeetingFactory, ScheduleRunFactory

pytestmark = pytest.mark.django_db

GET, POST = "get", "post"
OFFICIAL_VIEWS = [
    ("manage_list", GET, ()),
    ("create", GET, ()),
    ("create", POST, ()),
    ("manage", GET, ("event",)),
    ("edit", GET, ("event",)),
    ("edit", POST, ("event",)),
    ("status", POST, ("event",)),
    ("sessions", GET, ("event",)),
    ("sessions", POST, ("event",)),
    ("tables", GET, ("event",)),
    ("tables", POST, ("event",)),
    ("interpreters", GET, ("event",)),
    ("interpreters", POST, ("event",)),
    ("registrations", GET, ("event",)),
    ("registration_approve", POST, ("event", "registration")),
    ("registration_reject", POST, ("event", "registration")),
    ("schedule", GET, ("event",)),
    ("schedule_participant", GET, ("event", "registration")),
    ("run_start", POST, ("event",)),
    ("run_status", GET, ("event", "run")),
    ("run_cancel", POST, ("event", "run")),
    ("meeting_add", GET, ("event",)),
    ("meeting_add", POST, ("event",)),
    ("publish", POST, ("event",)),
    ("meeting", GET, ("event", "meeting")),
    ("meeting_move", POST, ("event", "meeting")),
    ("meeting_swap", POST, ("event", "meeting")),
    ("meeting_cancel", POST, ("event", "meeting")),
    ("meeting_lock", POST, ("event", "meeting")),
    ("door_list", GET, ("event",)),
    ("table_signs", GET, ("event",)),
    ("checkin", GET, ("event",)),
    ("checkin_participant", POST, ("event", "registration")),
    ("checkin_token", GET, ("event", "token")),
    ("checkin_token", POST, ("event", "token")),
    ("live", GET, ("event",)),
    ("meeting_add_on_site", GET, ("event", "slot", "table")),
    ("meeting_add_on_site", POST, ("event", "slot", "table")),
    ("meeting_mark", POST, ("event", "meeting")),
    ("badges", GET, ("event",)),
]


@pytest.fixture
def objects(event, tables, reg_a, reg_b, slots):
    set_status(event, Event.Status.SCHEDULED)
    meeting = MeetingFactory(
        event=event, slot=slots[0], table=tables[0], registration_a=reg_a, registration_b=reg_b
    )
    return {
        "event": event.pk,
        "registration": reg_a.pk,
        "meeting": meeting.pk,
        "run": ScheduleRunFactory(event=event).pk,
        "token": checkin_token(reg_a),
        "slot": slots[1].pk,
        "table": tables[1].pk,
    }


def _url(name, args, objects):
    return reverse(f"events:{name}", args=[objects[a] for a in args])


def test_every_manage_url_is_in_the_refusal_list():
    from events.urls import urlpatterns

    manage = {p.name for p in urlpatterns if "manage" in str(p.pattern)}
    assert manage == {name for name, _method, _args in OFFICIAL_VIEWS}


@pytest.mark.parametrize(("name", "method", "args"), OFFICIAL_VIEWS)
def test_official_view_sends_anonymous_visitor_to_log_in(client, objects, name, method, args):
    url = _url(name, args, objects)
    response = getattr(client, method)(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


@pytest.mark.parametrize(("name", "method", "args"), OFFICIAL_VIEWS)
def test_official_view_refuses_participant(client, objects, owner, name, method, args):
    client.force_login(owner)
    response = getattr(client, method)(_url(name, args, objects))
    assert response.status_code == 403


@pytest.mark.parametrize(("name", "args"), [(n, a) for n, m, a in OFFICIAL_VIEWS if m == GET])
def test_official_view_opens_for_official(client, objects, official, name, args):
    client.force_login(official)
    response = client.get(_url(name, args, objects))
    assert response.status_code == 200
