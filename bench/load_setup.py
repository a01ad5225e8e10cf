"""The people and events bench/load.py plays with, created in the benchmark's database.

    manage.py shell -c "from bench.load_setup import setup; setup(participants=80)"

- ``participants`` organisations (Korean suppliers and Vietnamese SMEs alternately), each with
  one log-in (``load-N@bench.test``) and an approved registration in two events:
  - "open": registration open, where participants ask one another for meetings;
  - "closed": registration closed, three accepted requests per participant, which an
    official re-schedules again and again;
- one official (``load-official@bench.test``).

Every account has the password ``PASSWORD``. Returns (and prints, as JSON) what the locust
file needs: the accounts with their registration ids, and the two event ids.
"""

from __future__ import annotations

import json
from datetime import date, time, timedelta

PASSWORD = "bench-load-2026-not-secret"


def setup(*, participants: int = 80) -> dict:
    from django.contrib.auth.hashers import make_password
    from django.db import transaction

    from accounts.models import User
    from accounts.permissions import sync_officials_group
    from events.models import Event, EventSession, MeetingRequest, Registration, Table
    from events.services import event_generate_slots
    from partners.models import Membership, Organization

    hashed = make_password(PASSWORD)  # once: hashing is deliberately slow
    with transaction.atomic():
        official, _ = User.objects.get_or_create(
            email="load-official@bench.test",
            defaults={"full_name": "Load official", "password": hashed, "is_staff": True},
        )
        official.groups.add(sync_officials_group())
        host, _ = Organization.objects.get_or_create(
            name="Sở Khoa học và Công nghệ (load test)",
            defaults={"country": "VN", "kind": Organization.Kind.GOVERNMENT_AGENCY},
        )
        accounts = []
        for n in range(participants):
            korean = n % 2 == 0
            organization, _ = Organization.objects.get_or_create(
                name=f"{'Hanbit Tech' if korean else 'Công ty Thử tải'} {n} (load test)",
                defaults={
                    "country": "KR" if korean else "VN",
                    "kind": Organization.Kind.SME,
                    "verified": True,
                },
            )
            user, _ = User.objects.get_or_create(
                email=f"load-{n}@bench.test",
                defaults={"full_name": f"Load participant {n}", "password": hashed},
            )
            Membership.objects.get_or_create(
                user=user, organization=organization, defaults={"role": Membership.Role.ADMIN}
            )
            accounts.append({"email": user.email, "organization": organization})

        start = date.today() + timedelta(days=60)
        events = {}
        for kind, status in (
            ("open", Event.Status.REGISTRATION_OPEN),
            ("closed", Event.Status.REGISTRATION_CLOSED),
        ):
            event = Event.objects.create(
                title=f"Phiên kết nối tải thử ({kind})",
                title_en=f"Load-test connection session ({kind})",
                starts_on=start,
                ends_on=start,
                host=host,
                status=Event.Status.REGISTRATION_OPEN,
                meeting_minutes=20,
                break_minutes=5,
                max_meetings=6,
            )
            EventSession.objects.create(
                event=event, name="Sáng", date=start, start=time(8, 30), end=time(11, 50)
            )
            event_generate_slots(event=event)
            Table.objects.bulk_create(
                Table(event=event, label=f"Bàn {k}", position=k) for k in range(1, 21)
            )
            registrations = Registration.objects.bulk_create(
                Registration(
                    event=event,
                    organization=account["organization"],
                    registered_by=User.objects.get(email=account["email"]),
                    status=Registration.Status.APPROVED,
                )
                for account in accounts
            )
            for account, registration in zip(accounts, registrations, strict=True):
                account[kind] = registration.pk
            if kind == "closed":
                MeetingRequest.objects.bulk_create(
                    MeetingRequest(
                        event=event,
                        requester=registrations[i],
                        recipient=registrations[(i + step) % len(registrations)],
                        status=MeetingRequest.Status.ACCEPTED,
                    )
                    for i in range(len(registrations))
                    for step in (1, 3, 7)
                )
                Event.objects.filter(pk=event.pk).update(status=status)
            events[kind] = event.pk

    result = {
        "password": PASSWORD,
        "official": official.email,
        "events": events,
        "accounts": [
            {"email": a["email"], "open": a["open"], "closed": a["closed"]} for a in accounts
        ],
    }
    print(json.dumps(result))
    return result
