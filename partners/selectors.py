from __future__ import annotations

from datetime import timedelta

from django.db.models import Count, F, IntegerField, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from accounts.models import User
from events.models import Event, Meeting, Registration
from partners.models import Agreement, Delegation, Invitation, Membership, Organization


def organizations_of(user) -> QuerySet[Organization]:
    if not user.is_authenticated:
        return Organization.objects.none()
    return Organization.objects.filter(memberships__user=user)


def organization_members(organization: Organization) -> QuerySet[Membership]:
    return organization.memberships.select_related("user").order_by("user__full_name")


def _count_of(queryset, field: str):
    """A correlated COUNT(*) (no join, so several counts do not multiply each other)."""
    counted = (
        queryset.filter(**{field: OuterRef("pk")})
        .order_by()
        .values(field)
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


# --- Organisations, for officials -------------------------------------------------------------

ORGANIZATION_STATES = ("to_verify", "returned", "verified")


def organizations_for_officials(
    *, text: str = "", country: str = "", kind: str = "", state: str = ""
) -> QuerySet[Organization]:
    """Every organisation with its member and offer counts, filtered and searched."""
    from matchmaking.models import TechnologyNeed, TechnologyOffer

    organizations = Organization.objects.annotate(
        member_count=_count_of(Membership.objects.all(), "organization"),
        offer_count=_count_of(TechnologyOffer.objects.all(), "organization"),
        need_count=_count_of(TechnologyNeed.objects.all(), "organization"),
    )
    for word in text.split():
        organizations = organizations.filter(
            Q(name__icontains=word)
            | Q(name_en__icontains=word)
            | Q(tax_code__icontains=word)
            | Q(email__icontains=word)
            | Q(province__icontains=word)
        )
    if country:
        organizations = organizations.filter(country=country)
    if kind:
        organizations = organizations.filter(kind=kind)
    if state == "to_verify":
        organizations = organizations.filter(verified=False, returned_at__isnull=True)
    elif state == "returned":
        organizations = organizations.filter(verified=False, returned_at__isnull=False)
    elif state == "verified":
        organizations = organizations.filter(verified=True)
    return organizations.order_by("name", "pk")


def organization_for_officials(pk: int) -> Organization | None:
    return (
        Organization.objects.select_related("verified_by")
        .prefetch_related("sectors")
        .filter(pk=pk)
        .first()
    )


def pending_invitations(organization: Organization) -> QuerySet[Invitation]:
    return organization.invitations.filter(
        accepted_at__isnull=True, expires_at__gt=timezone.now()
    ).select_related("invited_by")


def organization_registrations(organization: Organization) -> QuerySet[Registration]:
    return (
        Registration.objects.filter(organization=organization)
        .select_related("event")
        .order_by("-event__starts_on", "pk")
    )


def _admins():
    return Prefetch(
        "memberships",
        queryset=Membership.objects.filter(role=Membership.Role.ADMIN).select_related("user"),
        to_attr="admins",
    )


def verification_queue(limit: int = 50) -> tuple[list[Organization], list[Organization]]:
    """Organisations to verify (oldest first) and those sent back, waiting for a correction."""
    unverified = Organization.objects.filter(verified=False).prefetch_related(_admins())
    to_verify = unverified.filter(returned_at__isnull=True).order_by("created_at", "pk")
    returned = unverified.filter(returned_at__isnull=False).order_by("returned_at", "pk")
    return list(to_verify[:limit]), list(returned[:limit])


def organization_with_admins(pk: int) -> Organization | None:
    return Organization.objects.prefetch_related(_admins()).filter(pk=pk).first()


# --- Delegations -------------------------------------------------------------------------------


def delegations_for_officials(*, text: str = "", country: str = "") -> QuerySet[Delegation]:
    delegations = Delegation.objects.select_related("lead_partner", "head").annotate(
        member_count=Count("members", distinct=True),
        event_count=Count("events", distinct=True),
    )
    for word in text.split():
        delegations = delegations.filter(
            Q(name__icontains=word)
            | Q(name_en__icontains=word)
            | Q(lead_partner__name__icontains=word)
            | Q(lead_partner__name_en__icontains=word)
            | Q(head_name__icontains=word)
        )
    if country:
        delegations = delegations.filter(country=country)
    # Latest visits first; a delegation without dates yet comes last on every database.
    return delegations.order_by(F("arrives_on").desc(nulls_last=True), "name", "pk")


def delegation_by_pk(pk: int) -> Delegation | None:
    return Delegation.objects.select_related("lead_partner", "head").filter(pk=pk).first()


def delegations_headed_by(user) -> QuerySet[Delegation]:
    if not user.is_authenticated:
        return Delegation.objects.none()
    return Delegation.objects.filter(head=user).order_by(
        F("arrives_on").desc(nulls_last=True), "name"
    )


def delegation_head_candidates(current_head_id: int | None = None) -> QuerySet[User]:
    """People who may head a delegation: members of organisations outside Viet Nam."""
    condition = Q(memberships__organization__in=_foreign())
    if current_head_id:
        condition |= Q(pk=current_head_id)
    return User.objects.filter(condition, is_active=True).distinct().order_by("full_name", "email")


def _foreign() -> QuerySet[Organization]:
    return Organization.objects.exclude(country="VN")


def delegation_overview(delegation: Delegation) -> dict:
    """What the delegation page shows: its organisations, events, registrations, meetings.

    Registrations are those of the lead partner and member organisations for the delegation's
    events (or marked with the delegation); with no event listed yet, all of them. Five
    queries whatever the sizes.
    """
    from matchmaking.models import TechnologyOffer

    organizations = list(
        Organization.objects.filter(Q(delegations=delegation) | Q(pk=delegation.lead_partner_id))
        .annotate(offer_count=_count_of(TechnologyOffer.objects.all(), "organization"))
        .distinct()
        .order_by("name", "pk")
    )
    events = list(delegation.events.order_by("starts_on", "pk"))
    registrations = Registration.objects.filter(organization__in=[o.pk for o in organizations])
    if events:
        registrations = registrations.filter(
            Q(event__in=[e.pk for e in events]) | Q(delegation=delegation)
        )
    registrations = list(
        registrations.select_related("event", "organization").order_by(
            "event__starts_on", "event_id", "organization__name", "pk"
        )
    )
    ids = [r.pk for r in registrations]
    meetings = list(
        Meeting.objects.filter(Q(registration_a__in=ids) | Q(registration_b__in=ids))
        .exclude(status=Meeting.Status.CANCELLED)
        .select_related(
            "event",
            "slot",
            "table",
            "registration_a__organization",
            "registration_b__organization",
        )
        .order_by("slot__starts_at", "table__position", "pk")
    )
    return {
        "organizations": organizations,
        "events": events,
        "registrations": registrations,
        "meetings": meetings,
    }


# --- Agreements --------------------------------------------------------------------------------


def agreements_for_officials(
    *, text: str = "", status: str = "", kind: str = "", partner: int | None = None
) -> QuerySet[Agreement]:
    agreements = Agreement.objects.select_related("partner", "counterpart", "follows")
    for word in text.split():
        agreements = agreements.filter(
            Q(title__icontains=word)
            | Q(title_en__icontains=word)
            | Q(partner__name__icontains=word)
            | Q(partner__name_en__icontains=word)
        )
    if status:
        agreements = agreements.filter(status=status)
    if kind:
        agreements = agreements.filter(kind=kind)
    if partner:
        agreements = agreements.filter(partner_id=partner)
    return agreements.order_by("-created_at", "-pk")


def agreement_by_pk(pk: int) -> Agreement | None:
    return (
        Agreement.objects.select_related("partner", "counterpart", "follows")
        .prefetch_related("sectors", "followed_by")
        .filter(pk=pk)
        .first()
    )


EXPIRY_WARNING_DAYS = 90


def agreements_expiring(today=None) -> QuerySet[Agreement]:
    """Agreements in force whose end comes within 90 days (or has passed: mark them expired)."""
    today = today or timezone.localdate()
    return Agreement.objects.filter(
        status__in=(Agreement.Status.SIGNED, Agreement.Status.ACTIVE),
        ends_on__lte=today + timedelta(days=EXPIRY_WARNING_DAYS),
    )


def agreements_overdue(today=None) -> QuerySet[Agreement]:
    """Agreements not signed yet whose expected signing date has passed."""
    today = today or timezone.localdate()
    return Agreement.objects.filter(
        status__in=(Agreement.Status.PROPOSED, Agreement.Status.NEGOTIATING),
        expected_on__lt=today,
    )


def events_for_delegation_form() -> QuerySet[Event]:
    return Event.objects.order_by("-starts_on", "pk")
