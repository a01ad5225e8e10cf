"""A small portal with one real object behind every URL parameter of the permission matrix.

Organisation A owns every record the URLs point at (its offers, needs, registrations, meetings,
deal, invitation, token); organisation B is a stranger to all of it; organisation D belongs to a
foreign delegation whose head is D's administrator; C is a third party without a user, the other
side of A's meetings and requests, so that neither B nor D is ever a party.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib.auth.tokens import default_token_generator
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from accounts.permissions import sync_officials_group
from api import services as api_services
from audit.models import AuditEntry
from events.models import Event, EventSession, Feedback, Meeting, MeetingRequest, ScheduleRun
from events.services import event_generate_slots
from events.services.dayof import checkin_token
from events.services.feedback import feedback_token
from matchmaking.models import Deal, MatchScore, PublicationStatus, ScoringRun
from partners.models import Agreement, Delegation, Membership
from partners.services.organizations import invitation_create
from tests.factories import (
    EventFactory,
    ForeignOrganizationFactory,
    MeetingFactory,
    MembershipFactory,
    NeedFactory,
    OfferFactory,
    OrganizationFactory,
    RegistrationFactory,
    TableFactory,
    UserFactory,
)

ROLES = ("anonymous", "org_a", "org_b", "delegation", "official")


@dataclass
class World:
    users: dict  # role → user (None for anonymous)
    values: dict  # name → the value a URL parameter takes (a pk, a reference, a token)
    rows: dict  # name → model instance, for the checks that rows stay unchanged


def _event(status, day: date) -> tuple[Event, list, list]:
    event = EventFactory(status=status, starts_on=day, ends_on=day, max_meetings=4)
    EventSession.objects.create(event=event, name="Sáng", date=day, start=time(8, 30), end=time(10))
    slots = event_generate_slots(event=event)
    tables = [TableFactory(event=event, label=f"Bàn {k}", position=k) for k in (1, 2)]
    return event, slots, tables


def _png() -> bytes:
    from io import BytesIO

    from PIL import Image

    buffer = BytesIO()
    Image.new("RGB", (2, 2), "white").save(buffer, format="PNG")
    return buffer.getvalue()


def build_world() -> World:
    org_a = OrganizationFactory(name="Công ty A", name_en="Company A")
    org_b = OrganizationFactory(name="Công ty B", name_en="Company B")
    org_c = OrganizationFactory(name="Công ty C", name_en="Company C")
    org_d = ForeignOrganizationFactory(name="Delegate Tech D")
    lead = ForeignOrganizationFactory(name="Technopark lead")
    user_a = MembershipFactory(organization=org_a, role=Membership.Role.ADMIN).user
    user_b = MembershipFactory(organization=org_b, role=Membership.Role.ADMIN).user
    user_d = MembershipFactory(organization=org_d, role=Membership.Role.ADMIN).user
    # Someone without a role in the matrix, so that no log-in of a role spoils their reset link.
    forgetful = MembershipFactory(organization=org_c).user
    official = UserFactory(full_name="Cán bộ Sở", is_staff=True)
    official.groups.add(sync_officials_group())
    delegation = Delegation.objects.create(
        name="Delegation D", country="KR", lead_partner=lead, head=user_d
    )
    delegation.members.add(org_d)

    draft_offer = OfferFactory(
        organization=org_a, status=PublicationStatus.DRAFT, published_at=None, title="A draft"
    )
    draft_offer.brochure.save("brochure.pdf", ContentFile(b"%PDF-1.4\n%%EOF\n"))
    org_a.logo.save("logo.png", ContentFile(_png()))
    pending_offer = OfferFactory(
        organization=org_a, status=PublicationStatus.PENDING_REVIEW, published_at=None
    )
    published_offer = OfferFactory(organization=org_a, title="A published")
    draft_need = NeedFactory(organization=org_a, status=PublicationStatus.DRAFT, published_at=None)
    published_need = NeedFactory(organization=org_a)
    c_offer = OfferFactory(organization=org_c)
    score = MatchScore.objects.create(
        offer=c_offer, need=published_need, score=0.7, components={}, algorithm_version="t"
    )
    scoring_run = ScoringRun.objects.create(kind=ScoringRun.Kind.FULL)

    # An event taking registrations: A and C registered, requests both ways.
    open_event, _slots, open_tables = _event(Event.Status.REGISTRATION_OPEN, date(2030, 1, 7))
    reg_a = RegistrationFactory(event=open_event, organization=org_a, registered_by=user_a)
    reg_c = RegistrationFactory(event=open_event, organization=org_c)
    to_a = MeetingRequest.objects.create(event=open_event, requester=reg_c, recipient=reg_a)
    from_a = MeetingRequest.objects.create(event=open_event, requester=reg_a, recipient=reg_c)
    # A published event: A meets C; a schedule run; a deal from the meeting.
    published, slots, tables = _event(Event.Status.PUBLISHED, date(2030, 2, 4))
    preg_a = RegistrationFactory(event=published, organization=org_a, registered_by=user_a)
    preg_c = RegistrationFactory(event=published, organization=org_c)
    meeting = MeetingFactory(
        event=published,
        slot=slots[0],
        table=tables[0],
        registration_a=preg_a,
        registration_b=preg_c,
        status=Meeting.Status.SCHEDULED,
    )
    run = ScheduleRun.objects.create(event=published, status=ScheduleRun.Status.SUCCEEDED)
    deal = Deal.objects.create(
        title="A and C", supplier=org_c, seeker=org_a, source_meeting=meeting
    )
    department = OrganizationFactory(name="Sở KH&CN", kind="government_agency", tax_code="")
    agreement = Agreement.objects.create(
        title="MOU with A",
        kind=Agreement.Kind.MOU,
        partner=org_a,
        counterpart=department,
    )
    agreement.document.save("mou.pdf", ContentFile(b"%PDF-1.4\n%%EOF\n"))
    _invitation, invitation_token = invitation_create(
        organization=org_a, email="new.colleague@example.org", role="member", invited_by=user_a
    )
    api_token, _clear = api_services.token_create(user=user_a, name="A's script")
    # Rows for the admin pages of the models nothing above creates.
    Feedback.objects.create(
        meeting=meeting, registration=preg_a, stage=Feedback.Stage.AFTER_EVENT, interest=4
    )
    AuditEntry.objects.create(actor=official, action="test", target_label="A row for the admin")
    AccessAttempt.objects.create(
        username=user_b.email, ip_address="192.0.2.1", user_agent="", failures_since_start=1
    )
    AccessLog.objects.create(username=user_b.email, ip_address="192.0.2.1", user_agent="")
    AccessFailureLog.objects.create(username=user_b.email, ip_address="192.0.2.1", user_agent="")

    values = {
        "org_a": org_a.pk,
        "delegation": delegation.pk,
        "draft_offer": draft_offer.reference,
        "pending_offer": pending_offer.reference,
        "published_offer": published_offer.reference,
        "draft_need": draft_need.reference,
        "published_need": published_need.reference,
        "offers": "offers",
        "sector": "AQU.FAR",
        "score": score.pk,
        "scoring_run": scoring_run.pk,
        "open_event": open_event.pk,
        "session": open_event.sessions.first().pk,
        "open_table": open_tables[0].pk,
        "reg_a": reg_a.pk,
        "reg_c": reg_c.pk,
        "to_a": to_a.pk,
        "from_a": from_a.pk,
        "published": published.pk,
        "preg_a": preg_a.pk,
        "meeting": meeting.pk,
        "free_slot": slots[1].pk,
        "free_table": tables[1].pk,
        "run": run.pk,
        "checkin_token": checkin_token(preg_a),
        "feedback_token": feedback_token(preg_a, "after_event"),
        "deal": deal.pk,
        "agreement": agreement.pk,
        "invitation_token": invitation_token,
        "api_token": api_token.pk,
        "import_token": "no-such-upload",
        "uidb64": urlsafe_base64_encode(force_bytes(forgetful.pk)),
        "reset_token": default_token_generator.make_token(forgetful),
        "view_on_site": {
            "content_type_id": ContentType.objects.get_for_model(published_offer).pk,
            "object_id": published_offer.pk,
        },
    }
    rows = {
        "offer": draft_offer,
        "need": draft_need,
        "registration": reg_a,
        "meeting": meeting,
        "deal": deal,
        "agreement": agreement,
    }
    users = {
        "anonymous": None,
        "org_a": user_a,
        "org_b": user_b,
        "delegation": user_d,
        "official": official,
    }
    return World(users=users, values=values, rows=rows)
