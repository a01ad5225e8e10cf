"""Past connection sessions with their meetings and deals, and an event open for registration.

The rows reproduce the figures the Department publishes: over 10 sessions with Korean
enterprises up to 2023 with 600 1:1 meetings and contracts worth over 100 billion VND; nearly 20
connection events since 2020 (Taiwan, Japan, Korea, Israel, the Netherlands); 5 sessions in 2023.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from core.demo import generate
from events.models import (
    Event,
    EventSession,
    InterpreterCapacity,
    Meeting,
    MeetingRequest,
    Registration,
    Table,
)
from events.services import event_generate_slots
from matchmaking.models import Deal
from partners.models import Organization

TZ = ZoneInfo("Asia/Ho_Chi_Minh")
COUNTRY_NAMES = {
    "KR": ("Hàn Quốc", "Korea"),
    "TW": ("Đài Loan (Trung Quốc)", "Taiwan"),
    "JP": ("Nhật Bản", "Japan"),
    "IL": ("Israel", "Israel"),
    "NL": ("Hà Lan", "the Netherlands"),
}
POOL_SIZES = {"KR": 14, "TW": 9, "JP": 7, "IL": 4, "NL": 4}
SEEKER_POOL = 24


@dataclass(frozen=True)
class Session:
    day: date
    country: str
    suppliers: int
    slots: int
    partner: str = ""  # key of a real partner organisation
    title: str = ""
    title_en: str = ""
    kind: str = "connection_session"
    approximate: bool = True


# Korean sessions up to 2023: 10 × 6 suppliers × 9 slots + 1 × 6 × 10 = 600 meetings.
SESSIONS = [
    Session(date(2017, 11, 16), "KR", 6, 9),
    Session(date(2018, 11, 22), "KR", 6, 9),
    Session(date(2019, 5, 16), "KR", 6, 9),
    Session(date(2019, 11, 14), "KR", 6, 9, partner="cbtp"),
    Session(date(2020, 10, 22), "KR", 6, 9),
    Session(date(2020, 12, 10), "JP", 4, 8),
    Session(date(2021, 6, 17), "KR", 6, 9, partner="jeonnam"),
    Session(date(2021, 9, 23), "IL", 4, 6),
    Session(date(2021, 11, 25), "KR", 6, 9),
    Session(date(2021, 12, 9), "NL", 4, 6),
    Session(date(2022, 6, 23), "KR", 6, 9),
    Session(date(2022, 9, 15), "JP", 4, 8),
    Session(date(2022, 10, 13), "TW", 5, 8),
    Session(date(2022, 11, 17), "KR", 6, 9, partner="cbtp"),
    Session(date(2023, 3, 16), "IL", 4, 6),
    Session(date(2023, 5, 18), "KR", 6, 9),
    Session(
        date(2023, 7, 20),
        "TW",
        6,
        8,
        partner="tw-lead",
        title=(
            "Phiên kết nối cung cầu công nghệ giữa doanh nghiệp Việt Nam và Đài Loan (Trung Quốc)"
        ),
        title_en="Technology supply–demand connection session: Vietnam and Taiwan enterprises",
    ),
    Session(date(2023, 10, 19), "JP", 4, 8),
    Session(
        date(2023, 12, 15),
        "KR",
        6,
        10,
        partner="cbtp",
        kind="b2b",
        title=(
            "Hội nghị kết nối doanh nghiệp đổi mới sáng tạo Việt Nam – Hàn Quốc "
            "(Techfest Hải Phòng 2023)"
        ),
        title_en=(
            "Vietnam–Korea innovation enterprise connection conference (Techfest Hai Phong 2023)"
        ),
    ),
    Session(date(2024, 5, 23), "NL", 4, 6),
    Session(date(2024, 9, 12), "TW", 5, 8),
    Session(date(2024, 11, 21), "KR", 6, 9),
]

# Contracts signed after the Korean sessions up to 2023, in billions of VND (104.3 in all).
KOREAN_CONTRACTS_BN = [12.5, 8.2, 9.6, 15.0, 6.8, 7.4, 11.3, 5.9, 10.2, 4.7, 6.1, 6.6]
OTHER_CONTRACTS_BN = [3.2, 5.5, 2.4, 7.8]


def participant_pools(ensure_orgs, report) -> tuple[dict[str, list], list]:
    specs = {c: [generate.foreign_org(c, k) for k in range(n)] for c, n in POOL_SIZES.items()}
    seekers = [generate.vietnamese_org(j) for j in range(SEEKER_POOL)]
    orgs = ensure_orgs([s for group in specs.values() for s in group] + seekers, report)
    pools = {c: [orgs[s.key] for s in group] for c, group in specs.items()}
    return pools, [orgs[s.key] for s in seekers]


def _titles(session: Session, number: int) -> tuple[str, str]:
    if session.title:
        return session.title, session.title_en
    vi, en = COUNTRY_NAMES[session.country]
    return (
        f"Phiên kết nối cung cầu công nghệ Việt Nam – {vi} {session.day.year} (lần {number})",
        f"Vietnam–{en} technology supply–demand connection session "
        f"{session.day.year} (no. {number})",
    )


def _create_session_event(session, number, host, partner, suppliers, seekers, report):
    title, title_en = _titles(session, number)
    if Event.objects.filter(title=title, starts_on=session.day).exists():
        return None
    vi, en = COUNTRY_NAMES[session.country]
    note = " (Ngày tổ chức là ước lượng.)" if session.approximate else ""
    event = Event.objects.create(
        title=title,
        title_en=title_en,
        kind=session.kind,
        starts_on=session.day,
        ends_on=session.day,
        venue="Trung tâm Hội nghị thành phố Hải Phòng",
        host=host,
        status=Event.Status.FINISHED,
        meeting_minutes=20,
        break_minutes=5,
        max_meetings=session.slots,
        description=(
            f"Doanh nghiệp {vi} giới thiệu công nghệ và gặp doanh nghiệp Việt Nam "
            f"theo lịch hẹn 1:1.{note}"
        ),
        description_en=(
            f"Companies from {en} present their technologies and meet Vietnamese firms "
            "in pre-scheduled 1:1 meetings."
        ),
    )
    # Without a named co-organiser, the session's first supplier stands for its country.
    event.partners.add(partner or suppliers[0])
    # The sectors its suppliers work in: what the reports count the session under.
    event.sectors.set(
        Organization.sectors.through.objects.filter(organization__in=suppliers)
        .values_list("sector_id", flat=True)
        .distinct()
    )
    start = datetime.combine(session.day, time(8, 30))
    end = start + timedelta(minutes=25 * session.slots)
    EventSession.objects.create(
        event=event, name="Phiên B2B", date=session.day, start=start.time(), end=end.time()
    )
    slots = event_generate_slots(event=event)
    supplier_regs = Registration.objects.bulk_create(
        [
            Registration(
                event=event,
                organization=org,
                role=Registration.Role.OFFERING,
                status=Registration.Status.APPROVED,
                languages="en",
                interpreter_language="ko" if session.country == "KR" else "",
                checked_in_at=datetime.combine(session.day, time(8, 0), tzinfo=TZ),
            )
            for org in suppliers
        ]
    )
    seeker_regs = Registration.objects.bulk_create(
        [
            Registration(
                event=event,
                organization=org,
                role=Registration.Role.SEEKING,
                status=Registration.Status.APPROVED,
                languages="vi",
                checked_in_at=datetime.combine(session.day, time(8, 10), tzinfo=TZ),
            )
            for org in seekers
        ]
    )
    tables = Table.objects.bulk_create(
        [
            Table(
                event=event,
                label=f"Bàn {i + 1}",
                host=reg,
                position=i,
                interpreter_language="ko" if session.country == "KR" else "",
            )
            for i, reg in enumerate(supplier_regs)
        ]
    )
    if session.country == "KR":
        InterpreterCapacity.objects.create(event=event, language="ko", count=len(tables))
    # Supplier i meets seeker (i + s) mod M in slot s: nobody twice in a slot, no pair twice.
    meetings = [
        Meeting(
            event=event,
            slot=slot,
            table=tables[i],
            registration_a=supplier_regs[i],
            registration_b=seeker_regs[(i + s + number) % len(seeker_regs)],
            status=Meeting.Status.HELD,
        )
        for s, slot in enumerate(slots)
        for i in range(len(supplier_regs))
    ]
    _requests_and_no_shows(event, session, meetings, slots)
    Meeting.objects.bulk_create(meetings)
    report.add("events", 1)
    report.add("meetings", len(meetings))
    return event


def _requests_and_no_shows(event, session, meetings, slots) -> None:
    """Two meetings in three came from a seeker's request, accepted by the supplier (the
    organisers suggested the others); at sessions other than the Korean ones, whose published
    figure is 600 meetings held, one meeting in the last slot was missed."""
    answered = datetime.combine(session.day - timedelta(days=5), time(10, 0), tzinfo=TZ)
    asked = [
        (k, meeting)
        for k, meeting in enumerate(meetings)
        if k % 3 != 2  # every third one was the organisers' idea
    ]
    requests = MeetingRequest.objects.bulk_create(
        [
            MeetingRequest(
                event=event,
                requester=meeting.registration_b,
                recipient=meeting.registration_a,
                priority=MeetingRequest.Priority.MUST
                if k % 4 == 0
                else MeetingRequest.Priority.WOULD_LIKE,
                status=MeetingRequest.Status.ACCEPTED,
                responded_at=answered,
            )
            for k, meeting in asked
        ]
    )
    for (_, meeting), request in zip(asked, requests, strict=True):
        meeting.request = request
    if session.country != "KR":
        missed = next(m for m in meetings if m.slot == slots[-1])
        missed.status = Meeting.Status.NO_SHOW


def seed_history(orgs, pools, seekers, report) -> None:
    host = orgs["dost"]
    counters: dict[tuple[str, int], int] = {}
    created = []
    for index, session in enumerate(SESSIONS):
        key = (session.country, session.day.year)
        counters[key] = counters.get(key, 0) + 1
        pool = pools[session.country]
        suppliers = [pool[(index + k) % len(pool)] for k in range(session.suppliers)]
        chosen_seekers = [seekers[(index * 3 + k) % len(seekers)] for k in range(12)]
        partner = orgs.get(session.partner) if session.partner else None
        event = _create_session_event(
            session, counters[key], host, partner, suppliers, chosen_seekers, report
        )
        if event is not None:
            created.append((session, event))
    if created:
        _seed_deals(created, report)
    _seed_signings(orgs, report)


def _seed_deals(created, report) -> None:
    korean = [e for s, e in created if s.country == "KR" and s.day.year <= 2023]
    others = [e for s, e in created if s.country != "KR"]
    deals = []

    def deal_for(event, k, stage, value_bn=None):
        meeting = (
            Meeting.objects.filter(event=event)
            .select_related("registration_a", "registration_b")
            .order_by("slot__starts_at", "table__position")[k]
        )
        supplier, seeker = meeting.registration_a.organization, meeting.registration_b.organization
        signed = stage == Deal.Stage.CONTRACT_SIGNED
        deals.append(
            Deal(
                title=f"{supplier.name} – {seeker.name}",
                supplier=supplier,
                seeker=seeker,
                source_meeting=meeting,
                stage=stage,
                contract_value=Decimal(str(value_bn)) * 1_000_000_000 if value_bn else None,
                currency="VND",
                rate_to_vnd=Decimal(1) if value_bn else None,
                signed_on=event.starts_on + timedelta(days=120 + 7 * k) if signed else None,
            )
        )

    for n, value in enumerate(KOREAN_CONTRACTS_BN):
        if korean:
            deal_for(korean[n % len(korean)], (n * 7) % 40, Deal.Stage.CONTRACT_SIGNED, value)
    for n, stage in enumerate(
        [
            Deal.Stage.NDA,
            Deal.Stage.NDA,
            Deal.Stage.NEGOTIATING,
            Deal.Stage.NEGOTIATING,
            Deal.Stage.LOST,
            Deal.Stage.LOST,
        ]
    ):
        if korean:
            deal_for(korean[(n * 3 + 1) % len(korean)], 41 + n, stage)
    for n, value in enumerate(OTHER_CONTRACTS_BN):
        if others:
            deal_for(others[n % len(others)], n * 5, Deal.Stage.CONTRACT_SIGNED, value)
    Deal.objects.bulk_create(deals)
    report.add("deals", len(deals))


def _seed_signings(orgs, report) -> None:
    signings = [
        (
            "Lễ ký kết thỏa thuận hợp tác hữu nghị về KH&CN với tỉnh Jeollanam-do",
            "Signing of the science and technology friendship agreement with Jeollanam-do",
            date(2023, 7, 27),
            "jeonnam",
            "Hải Phòng",
        ),
        (
            "Buổi làm việc với Hội đồng Doanh nghiệp Canada-ASEAN và ký ý định thư",
            "Working session with the Canada-ASEAN Business Council "
            "and signing of a letter of intent",
            date(2024, 10, 14),
            "cabc",
            "Canada",
        ),
    ]
    for title, title_en, day, partner_key, city in signings:
        event, created = Event.objects.get_or_create(
            title=title,
            starts_on=day,
            defaults={
                "title_en": title_en,
                "kind": Event.Kind.SIGNING,
                "ends_on": day,
                "city": city,
                "host": orgs["dost"],
                "status": Event.Status.FINISHED,
                "max_meetings": 0,
            },
        )
        if created:
            event.partners.add(orgs[partner_key])
            report.add("events", 1)


def seed_upcoming(orgs, pools, seekers, users, delegation, report) -> None:
    """A Vietnam–Korea session in December 2026, open for registration."""
    title = "Phiên kết nối cung cầu công nghệ Việt Nam – Hàn Quốc 2026"
    day = date(2026, 12, 10)
    if Event.objects.filter(title=title, starts_on=day).exists():
        return
    event = Event.objects.create(
        title=title,
        title_en="Vietnam–Korea technology supply–demand connection session 2026",
        kind=Event.Kind.CONNECTION_SESSION,
        starts_on=day,
        ends_on=day,
        venue="Trung tâm Hội nghị thành phố Hải Phòng",
        host=orgs["dost"],
        status=Event.Status.REGISTRATION_OPEN,
        registration_deadline=datetime(2026, 12, 3, 17, 0, tzinfo=TZ),
        request_deadline=datetime(2026, 12, 7, 17, 0, tzinfo=TZ),
        meeting_minutes=20,
        break_minutes=5,
        min_meetings=2,
        max_meetings=8,
        description=(
            "Đoàn doanh nghiệp Chungbuk và Jeollanam-do giới thiệu công nghệ năng lượng tái tạo, "
            "nông nghiệp thông minh, mỹ phẩm và thiết bị an toàn; "
            "gặp doanh nghiệp Hải Phòng theo lịch 1:1."
        ),
        description_en=(
            "Companies from Chungbuk and Jeollanam-do present renewable energy, smart farming, "
            "cosmetics and safety technologies and meet Hai Phong firms in 1:1 meetings."
        ),
    )
    event.partners.add(orgs["cbtp"], orgs["jeonnam"])
    event.delegations.add(delegation)
    event.sectors.set(["ENE.SOL", "ENE.WIN", "AGR.CRP", "BIO.PHA", "SAF.OHS"])
    EventSession.objects.create(
        event=event, name="Sáng", date=day, start=time(8, 30), end=time(11, 45)
    )
    EventSession.objects.create(
        event=event, name="Chiều", date=day, start=time(13, 30), end=time(16, 30)
    )
    event_generate_slots(event=event)
    suppliers = pools["KR"][:8]
    registrations = [
        Registration(
            event=event,
            organization=org,
            delegation=delegation,
            role=Registration.Role.OFFERING,
            status=Registration.Status.APPROVED,
            languages="ko,en",
            interpreter_language="ko",
        )
        for org in suppliers
    ] + [
        Registration(
            event=event,
            organization=org,
            role=Registration.Role.SEEKING,
            status=Registration.Status.APPROVED if k < 9 else Registration.Status.PENDING,
            languages="vi",
        )
        for k, org in enumerate(seekers[:12])
    ]
    Registration.objects.bulk_create(registrations)
    regs = {r.organization_id: r for r in event.registrations.all()}
    Table.objects.bulk_create(
        [
            Table(
                event=event,
                label=f"Bàn {k + 1}",
                position=k,
                interpreter_language="ko" if k < 4 else "",
            )
            for k in range(10)
        ]
    )
    InterpreterCapacity.objects.create(event=event, language="ko", count=4)
    seeker_regs = [regs[org.pk] for org in seekers[:9]]
    supplier_regs = [regs[org.pk] for org in suppliers]
    requests = []
    for k, seeker in enumerate(seeker_regs):
        for j in (k % 8, (k + 3) % 8):
            requests.append(
                MeetingRequest(
                    event=event,
                    requester=seeker,
                    recipient=supplier_regs[j],
                    priority=MeetingRequest.Priority.MUST
                    if j == k % 8
                    else MeetingRequest.Priority.WOULD_LIKE,
                    status=MeetingRequest.Status.ACCEPTED
                    if (k + j) % 3
                    else MeetingRequest.Status.PENDING,
                    message="Chúng tôi quan tâm đến công nghệ của quý công ty.",
                )
            )
    MeetingRequest.objects.bulk_create(requests)
    report.add("events", 1)
