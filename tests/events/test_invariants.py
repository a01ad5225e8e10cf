"""Meetings can never double-book a table or a participant, nor mix events: the database says no.

Each test writes through the ORM with no validation, so only the database constraints (and, on
SQLite, the triggers of events migration 0003) stand in the way.
"""

from datetime import timedelta

import pytest
from django.db import IntegrityError, connection, transaction

from events.models import Meeting, Registration
from tests.factories import (
    EventFactory,
    MeetingFactory,
    OrganizationFactory,
    RegistrationFactory,
    SlotFactory,
    TableFactory,
)

pytestmark = pytest.mark.django_db


def _violates(statement):
    with pytest.raises(IntegrityError), transaction.atomic():
        statement()


@pytest.fixture
def event():
    return EventFactory()


@pytest.fixture
def slot(event):
    return SlotFactory(event=event)


@pytest.fixture
def regs(event):
    return [RegistrationFactory(event=event) for _ in range(4)]


def _meeting(event, slot, table, a, b, **extra):
    return Meeting.objects.create(
        event=event, slot=slot, table=table, registration_a=a, registration_b=b, **extra
    )


def test_slot_must_end_after_it_starts(event):
    slot = SlotFactory.build(event=event)
    slot.ends_at = slot.starts_at - timedelta(minutes=1)
    _violates(slot.save)


def test_one_meeting_per_table_per_slot(event, slot, regs):
    table = TableFactory(event=event)
    _meeting(event, slot, table, regs[0], regs[1])
    _violates(lambda: _meeting(event, slot, table, regs[2], regs[3]))


def test_cancelled_meeting_frees_its_table(event, slot, regs):
    table = TableFactory(event=event)
    _meeting(event, slot, table, regs[0], regs[1], status=Meeting.Status.CANCELLED)
    assert _meeting(event, slot, table, regs[2], regs[3]).status == Meeting.Status.SCHEDULED


@pytest.mark.parametrize(
    ("first", "second"),
    [((0, 1), (0, 2)), ((0, 1), (2, 0)), ((0, 1), (1, 2)), ((0, 1), (2, 1))],
    ids=["a-a", "a-b", "b-a", "b-b"],
)
def test_participant_in_at_most_one_meeting_per_slot(event, slot, regs, first, second):
    _meeting(event, slot, TableFactory(event=event), regs[first[0]], regs[first[1]])
    _violates(
        lambda: _meeting(event, slot, TableFactory(event=event), regs[second[0]], regs[second[1]])
    )


def test_participant_may_meet_in_another_slot(event, slot, regs):
    _meeting(event, slot, TableFactory(event=event), regs[0], regs[1])
    later = SlotFactory(event=event)
    assert _meeting(event, later, TableFactory(event=event), regs[0], regs[2]).pk


def test_moving_a_meeting_onto_a_busy_participant_is_refused(event, slot, regs):
    _meeting(event, slot, TableFactory(event=event), regs[0], regs[1])
    other = _meeting(event, SlotFactory(event=event), TableFactory(event=event), regs[0], regs[2])
    other.slot = slot
    _violates(other.save)


def test_meeting_parties_differ(event, slot, regs):
    _violates(lambda: _meeting(event, slot, TableFactory(event=event), regs[0], regs[0]))


def test_meeting_registration_from_another_event_is_refused(event, slot, regs):
    stranger = RegistrationFactory(event=EventFactory())
    _violates(lambda: _meeting(event, slot, TableFactory(event=event), regs[0], stranger))


def test_meeting_slot_from_another_event_is_refused(event, regs):
    foreign_slot = SlotFactory(event=EventFactory())
    _violates(lambda: _meeting(event, foreign_slot, TableFactory(event=event), regs[0], regs[1]))


def test_meeting_table_from_another_event_is_refused(event, slot, regs):
    foreign_table = TableFactory(event=EventFactory())
    _violates(lambda: _meeting(event, slot, foreign_table, regs[0], regs[1]))


def test_registration_is_unique_per_event_and_organization(event):
    organization = OrganizationFactory()
    Registration.objects.create(event=event, organization=organization)
    _violates(lambda: Registration.objects.create(event=event, organization=organization))


def test_event_deletion_removes_its_meetings():
    meeting = MeetingFactory()
    meeting.event.delete()
    assert Meeting.objects.count() == 0


def test_sqlite_triggers_survive_migrations():
    """SQLite drops triggers when a migration rebuilds a table: they must all still be there."""
    if connection.vendor != "sqlite":
        pytest.skip("triggers are the SQLite form of these invariants")
    with connection.cursor() as cursor:
        cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger' ORDER BY name")
        names = [row[0] for row in cursor.fetchall()]
    assert names == sorted(
        [
            "events_meeting_participant_once_per_slot_insert",
            "events_meeting_participant_once_per_slot_update",
            "events_meeting_same_event_insert",
            "events_meeting_same_event_update",
            "events_meetingrequest_same_event_insert",
            "events_meetingrequest_same_event_update",
            "events_table_same_event_insert",
            "events_table_same_event_update",
        ]
    )
