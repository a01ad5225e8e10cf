"""Two officials put a meeting into the same free place at the same moment, through the pages:
exactly one succeeds, the other is told the place is taken, and neither waits forever.

Each request runs in its own thread with its own database connection (PostgreSQL: the row
locks behind ``select_for_update`` are what serialise the two changes). A barrier releases both
requests together; a thread still alive after the join's timeout (a deadlock) fails the test.
"""

import threading

import pytest
from django.db import connection, connections
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from events.models import Event, Meeting
from tests.events.conftest import set_status
from tests.factories import MeetingFactory, RegistrationFactory

# serialized_rollback: the flush after a transactional test must not lose the migrated rows.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

JOIN_TIMEOUT = 60


def _actions(event, slots, tables):
    """Each action: (POST url, data, name of the form in the page) putting one meeting at the
    last slot of the second table, the same place for all of them."""
    slot, table = slots[3], tables[1]
    regs = [RegistrationFactory(event=event, checked_in_at=timezone.now()) for _ in range(8)]

    def meeting(a, b, at):
        return MeetingFactory(
            event=event, slot=slots[at], table=tables[0], registration_a=a, registration_b=b
        )

    moving = [meeting(regs[0], regs[1], 0), meeting(regs[2], regs[3], 1)]
    place = {"slot": slot.pk, "table": table.pk}
    pairs = iter([(regs[4], regs[5]), (regs[6], regs[7])])

    def move():
        m = moving.pop()
        return reverse("events:meeting_move", args=[event.pk, m.pk]), place, "move_form"

    def add():
        a, b = next(pairs)
        data = {"registration_a": a.pk, "registration_b": b.pk, **place}
        return reverse("events:meeting_add", args=[event.pk]), data, "form"

    def on_site():
        a, b = next(pairs)
        url = reverse("events:meeting_add_on_site", args=[event.pk, slot.pk, table.pk])
        return url, {"registration_a": a.pk, "registration_b": b.pk}, "form"

    return {"move": move, "add": add, "on_site": on_site}, slot, table


@pytest.mark.parametrize(
    "kinds",
    [("move", "move"), ("add", "add"), ("on_site", "on_site"), ("move", "add"), ("add", "on_site")],
    ids="+".join,
)
def test_two_officials_filling_the_same_free_place_at_once_exactly_one_wins(
    event, slots, tables, official, kinds
):
    if connection.vendor != "postgresql":
        pytest.skip("needs row locks (select_for_update): PostgreSQL")
    set_status(event, Event.Status.PUBLISHED)
    actions, slot, table = _actions(event, slots, tables)
    requests = [actions[kind]() for kind in kinds]
    barrier = threading.Barrier(len(requests))
    responses: dict[int, object] = {}

    def post(index, url, data):
        client = Client()
        client.force_login(official)
        try:
            barrier.wait(timeout=JOIN_TIMEOUT)
            responses[index] = client.post(url, data)
        finally:
            connections.close_all()

    threads = [
        threading.Thread(target=post, args=(i, url, data), daemon=True)
        for i, (url, data, _form) in enumerate(requests)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=JOIN_TIMEOUT)
    assert not any(thread.is_alive() for thread in threads), "a request never finished"

    statuses = sorted(response.status_code for response in responses.values())
    assert statuses == [302, 409]
    loser = next(i for i, response in responses.items() if response.status_code == 409)
    winner = Meeting.objects.exclude(status="cancelled").get(slot=slot, table=table)
    errors = responses[loser].context[requests[loser][2]].non_field_errors()
    assert errors[0] == f"Table {table.label} is taken at 07/01 09:45 ({winner})."
    assert Meeting.objects.filter(slot=slot, table=table).count() == 1
