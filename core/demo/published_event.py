"""A B2B event whose schedule is published: made by the portal's own services and scheduler.

Korean and Japanese suppliers (the demo delegation member's company among them) meet Hải Phòng
firms (the demo SME among them): registrations, meeting requests (accepted, mutual, pending,
declined), unavailable slots, tables with interpreters and a delegation booth, then a real
scheduler run (``schedule_run_execute``, the worker's path, run in-process with a fixed seed)
and the publication. Deterministic and idempotent: nothing is done when the event exists.
"""

from __future__ import annotations

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from django.utils import timezone

from events.models import (
    Event,
    EventSession,
    InterpreterCapacity,
    MeetingRequest,
    Registration,
    ScheduleRun,
    Table,
)
from events.services import (
    event_generate_slots,
    event_publish,
    meeting_lock,
    schedule_run_execute,
)
from matchmaking.models import PublicationStatus, TechnologyNeed, TechnologyOffer

TITLE = "Ngày kết nối B2B công nghệ Việt Nam – Hàn Quốc – Nhật Bản 2027"
TITLE_EN = "Vietnam–Korea–Japan B2B technology matchmaking day 2027"
DAY = date(2027, 3, 18)
SOLVER_SECONDS = 5
SEEKERS = 10


def seed_published_event(orgs, pools, seekers, users, report) -> Event | None:
    """Create the published event unless it exists; return it (None when it existed)."""
    if Event.objects.filter(title=TITLE, starts_on=DAY).exists():
        return None
    official = users["dost"]
    zone = ZoneInfo("Asia/Ho_Chi_Minh")
    event = Event.objects.create(
        title=TITLE,
        title_en=TITLE_EN,
        kind=Event.Kind.B2B,
        starts_on=DAY,
        ends_on=DAY,
        venue="Trung tâm Hội nghị thành phố Hải Phòng",
        host=orgs["dost"],
        status=Event.Status.REGISTRATION_CLOSED,
        registration_deadline=datetime(2027, 3, 4, 17, 0, tzinfo=zone),
        request_deadline=datetime(2027, 3, 11, 17, 0, tzinfo=zone),
        meeting_minutes=20,
        break_minutes=5,
        min_meetings=2,
        max_meetings=6,
        created_by=official,
        description=(
            "Doanh nghiệp Hàn Quốc và Nhật Bản giới thiệu công nghệ nuôi trồng thủy sản, năng "
            "lượng tái tạo và nông nghiệp thông minh; gặp doanh nghiệp Hải Phòng theo lịch 1:1 "
            "do cổng thông tin xếp."
        ),
        description_en=(
            "Korean and Japanese companies present aquaculture, renewable energy and smart "
            "farming technologies and meet Hai Phong firms in 1:1 meetings scheduled by the portal."
        ),
    )
    event.partners.add(orgs["cbtp"])
    event.sectors.set(["AQU.FAR", "ENE.SOL", "AGR.CRP"])
    EventSession.objects.create(
        event=event, name="Sáng", date=DAY, start=time(8, 30), end=time(11, 45)
    )
    EventSession.objects.create(
        event=event, name="Chiều", date=DAY, start=time(13, 30), end=time(15, 10)
    )
    slots = event_generate_slots(event=event)

    korean, japanese = pools["KR"][:4], pools["JP"][:3]
    suppliers = [*korean, *japanese]
    local = seekers[:SEEKERS]
    demo_users = {orgs["vn-0"].pk: users["vn-0"], orgs["kr-0"].pk: users["kr-0"]}
    Registration.objects.bulk_create(
        [
            Registration(
                event=event,
                organization=org,
                role=Registration.Role.OFFERING,
                status=Registration.Status.APPROVED,
                languages="ko,en" if org in korean else "ja,en",
                interpreter_language="ko" if org in korean else "ja",
                registered_by=demo_users.get(org.pk),
            )
            for org in suppliers
        ]
        + [
            Registration(
                event=event,
                organization=org,
                role=Registration.Role.SEEKING,
                status=Registration.Status.APPROVED,
                languages="vi",
                registered_by=demo_users.get(org.pk),
            )
            for org in local
        ]
    )
    by_org = {r.organization_id: r for r in event.registrations.all()}
    supplier_regs = [by_org[o.pk] for o in suppliers]
    seeker_regs = [by_org[o.pk] for o in local]
    _present_records(supplier_regs + seeker_regs)
    # Two firms cannot stay for the afternoon.
    afternoon = [s for s in slots if s.starts_at.astimezone(zone).hour >= 13]
    for registration in seeker_regs[7:9]:
        registration.unavailable_slots.set(afternoon)

    booth = supplier_regs[len(korean)]  # the first Japanese company receives at its booth
    Table.objects.bulk_create(
        [
            Table(
                event=event,
                label=f"Bàn {k + 1}",
                position=k,
                interpreter_language="ko" if k < 2 else "",
            )
            for k in range(5)
        ]
        + [
            Table(
                event=event,
                label="Gian Nhật Bản",
                position=9,
                host=booth,
                interpreter_language="ja",
            )
        ]
    )
    InterpreterCapacity.objects.bulk_create(
        [
            InterpreterCapacity(event=event, language="ko", count=2),
            InterpreterCapacity(event=event, language="ja", count=1),
        ]
    )
    _requests(event, supplier_regs, seeker_regs)

    run = ScheduleRun.objects.create(
        event=event, requested_by=official, time_limit=SOLVER_SECONDS, seed=0
    )
    schedule_run_execute(run_id=run.pk)
    run.refresh_from_db()
    if run.status != ScheduleRun.Status.SUCCEEDED:
        raise RuntimeError(f"demo schedule failed: {run.error}")
    first = event.meetings.order_by("slot__starts_at", "table__position").first()
    meeting_lock(meeting=first, official=official, locked=True)
    event_publish(event=event, official=official, notify_participants=False)
    report.add("events", 1)
    report.add("meetings", event.meetings.count())
    return event


def _present_records(registrations: list[Registration]) -> None:
    """Each participant presents its organisation's published offers and needs (up to 2)."""
    for registration in registrations:
        offers = TechnologyOffer.objects.filter(
            organization_id=registration.organization_id, status=PublicationStatus.PUBLISHED
        ).order_by("reference")[:2]
        needs = TechnologyNeed.objects.filter(
            organization_id=registration.organization_id, status=PublicationStatus.PUBLISHED
        ).order_by("reference")[:2]
        registration.offers.set(offers)
        registration.needs.set(needs)


def _requests(event, suppliers, seekers) -> None:
    """Seeker k asks supplier k mod 7 (must meet) and (k + 3) mod 7 (would like); answers
    follow a fixed pattern; one supplier asks a firm itself (still unanswered)."""
    S = MeetingRequest.Status
    now = timezone.now()
    rows = []
    for k, seeker in enumerate(seekers):
        for j, priority in (
            (k % len(suppliers), MeetingRequest.Priority.MUST),
            ((k + 3) % len(suppliers), MeetingRequest.Priority.WOULD_LIKE),
        ):
            status = [S.ACCEPTED, S.ACCEPTED, S.PENDING, S.DECLINED][(k + j) % 4]
            rows.append(
                MeetingRequest(
                    event=event,
                    requester=seeker,
                    recipient=suppliers[j],
                    priority=priority,
                    status=status,
                    responded_at=None if status == S.PENDING else now,
                    message="Chúng tôi quan tâm đến công nghệ của quý công ty.",
                )
            )
    rows.append(
        MeetingRequest(
            event=event,
            requester=suppliers[0],
            recipient=seekers[5],
            priority=MeetingRequest.Priority.WOULD_LIKE,
            message="We would like to present our system to you.",
        )
    )
    MeetingRequest.objects.bulk_create(rows)
