"""An event ready for each stage: slots, tables, and approved participants A (org_a: owner and
member) and B (org_b: outsider), plus C and D from other organisations."""

from datetime import date, time

import pytest
from django.utils import translation

from events.models import Event, EventSession, Registration
from events.services import event_generate_slots
from tests.factories import EventFactory, RegistrationFactory, TableFactory


@pytest.fixture(autouse=True)
def _english():
    """URLs and messages in English (/en/…), so exact messages do not depend on the catalogue."""
    with translation.override("en"):
        yield


@pytest.fixture
def event(db):
    event = EventFactory(
        status=Event.Status.REGISTRATION_OPEN,
        meeting_minutes=20,
        break_minutes=5,
        max_meetings=4,
        starts_on=date(2030, 1, 7),
        ends_on=date(2030, 1, 7),
    )
    EventSession.objects.create(
        event=event, name="Sáng", date=date(2030, 1, 7), start=time(8, 30), end=time(10, 10)
    )
    event_generate_slots(event=event)  # 4 slots: 8:30, 8:55, 9:20, 9:45
    return event


@pytest.fixture
def slots(event):
    return list(event.slots.order_by("starts_at"))


@pytest.fixture
def tables(event):
    return [TableFactory(event=event, label=f"Bàn {k}", position=k) for k in range(1, 3)]


@pytest.fixture
def reg_a(event, org_a, owner):
    return RegistrationFactory(event=event, organization=org_a, registered_by=owner)


@pytest.fixture
def reg_b(event, org_b, outsider):
    return RegistrationFactory(event=event, organization=org_b, registered_by=outsider)


@pytest.fixture
def reg_c(event):
    return RegistrationFactory(event=event)


@pytest.fixture
def reg_d(event):
    return RegistrationFactory(event=event)


def set_status(event, status) -> Event:
    Event.objects.filter(pk=event.pk).update(status=status)
    event.refresh_from_db()
    return event


def approved(event) -> list[Registration]:
    return list(event.registrations.filter(status=Registration.Status.APPROVED).order_by("pk"))
