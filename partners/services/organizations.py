"""Write actions on organisations, memberships, invitations and their verification."""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

import audit
from accounts.models import User
from core.mail import send_mail_after_commit
from partners.models import Delegation, Invitation, Membership, Organization


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@transaction.atomic
def organization_sign_up(
    *,
    organization_fields: dict,
    sectors=(),
    email: str,
    full_name: str,
    password: str,
    language: str = "vi",
    job_title: str = "",
) -> Membership:
    """Create an organisation with its first member, who becomes its administrator.

    The organisation starts unverified, in the officials' verification queue.
    """
    organization = Organization.objects.create(**organization_fields)
    organization.sectors.set(sectors)
    user = User.objects.create_user(
        email=email,
        password=password,
        full_name=full_name,
        language=language,
        job_title=job_title,
    )
    return Membership.objects.create(
        user=user, organization=organization, role=Membership.Role.ADMIN
    )


def membership_role(user, organization) -> str | None:
    if not user.is_authenticated:
        return None
    membership = Membership.objects.filter(user=user, organization=organization).first()
    return membership.role if membership else None


def require_org_admin(user, organization) -> None:
    if user.is_official:
        return
    if membership_role(user, organization) != Membership.Role.ADMIN:
        raise PermissionDenied(_("Only the organisation's administrators can do this."))


def require_official(user) -> None:
    if not (user.is_authenticated and user.is_official):
        raise PermissionDenied(_("Only the Department's officials can do this."))


@transaction.atomic
def invitation_create(
    *,
    organization: Organization,
    email: str,
    role: str,
    invited_by: User,
    language: str | None = None,
    delegation: Delegation | None = None,
) -> tuple[Invitation, str]:
    """Invite a person to join an organisation.

    Organisation administrators invite colleagues; officials invite anyone, for example a
    member of a foreign delegation, and may then attach the organisation to the delegation.
    Side effects: the organisation joins ``delegation``'s members; an email with a one-time
    link, in ``language``, is sent after the transaction commits. Returns the invitation and
    the clear token (only its hash is stored).
    """
    require_org_admin(invited_by, organization)
    if delegation is not None:
        require_official(invited_by)
    email = email.strip().lower()
    if Membership.objects.filter(organization=organization, user__email__iexact=email).exists():
        raise ValidationError(
            {"email": _("This person is already a member of %(org)s.") % {"org": organization}}
        )
    token = secrets.token_urlsafe(32)
    invitation = Invitation.objects.create(
        organization=organization,
        email=email,
        role=role,
        invited_by=invited_by,
        token_hash=hash_token(token),
        expires_at=timezone.now() + timedelta(days=settings.INVITATION_VALID_DAYS),
    )
    if delegation is not None:
        delegation.members.add(organization)
    with translation.override(language or translation.get_language()):
        # The link opens the portal in the language of the email (/en/… for English).
        link = settings.SITE_URL + reverse("partners:invitation_accept", args=[token])
        context = {
            "invitation": invitation,
            "link": link,
            "inviter": invited_by,
            "delegation": delegation,
        }
        send_mail_after_commit(
            subject=_("Invitation to join %(org)s") % {"org": organization},
            body=render_to_string("partners/email/invitation.txt", context),
            to=[email],
        )
    return invitation, token


@transaction.atomic
def delegation_member_invite(
    *,
    official: User,
    email: str,
    role: str = Membership.Role.ADMIN,
    language: str = "en",
    organization: Organization | None = None,
    organization_fields: dict | None = None,
    delegation: Delegation | None = None,
) -> tuple[Invitation, str]:
    """An official invites a person into an organisation, creating it when it is new.

    A new organisation (typically a foreign delegation's company) starts unverified with the
    fields given; the invited person, usually its administrator, completes its profile.
    Side effects: those of ``invitation_create`` (delegation membership, email after commit).
    """
    require_official(official)
    if organization is None:
        if not organization_fields:
            raise ValidationError(_("Choose an organisation or name a new one."))
        organization = Organization(**organization_fields)
        if Organization.objects.filter(
            name__iexact=organization.name, country=organization.country
        ).exists():
            raise ValidationError(
                _(
                    "An organisation with this name already exists in this country: "
                    "choose it in the list."
                )
            )
        organization.full_clean()
        organization.save()
    return invitation_create(
        organization=organization,
        email=email,
        role=role,
        invited_by=official,
        language=language,
        delegation=delegation,
    )


def invitation_by_token(token: str) -> Invitation | None:
    return (
        Invitation.objects.select_related("organization", "invited_by")
        .filter(token_hash=hash_token(token))
        .first()
    )


@transaction.atomic
def invitation_accept(
    *,
    invitation: Invitation,
    user: User | None = None,
    full_name: str = "",
    password: str = "",
    language: str = "vi",
) -> Membership:
    """Use an invitation: join with the logged-in account, or create one with a password.

    The invitation is consumed by a conditional update so a link works exactly once, even
    when it is opened twice at the same moment.
    """
    now = timezone.now()
    claimed = Invitation.objects.filter(
        pk=invitation.pk, accepted_at__isnull=True, expires_at__gt=now
    ).update(accepted_at=now)
    if not claimed:
        raise ValidationError(_("This invitation has already been used or has expired."))
    if user is None:
        if User.objects.filter(email__iexact=invitation.email).exists():
            raise ValidationError(
                _("An account with this email already exists: log in first, then open the link.")
            )
        user = User.objects.create_user(
            email=invitation.email, password=password, full_name=full_name, language=language
        )
    Invitation.objects.filter(pk=invitation.pk).update(accepted_by=user)
    membership, _created = Membership.objects.get_or_create(
        user=user, organization=invitation.organization, defaults={"role": invitation.role}
    )
    return membership


# What the officials checked when they verified an organisation: changing one of these makes it
# a different organisation as far as verification goes.
VERIFIED_FIELDS = ("name", "tax_code", "country")
# The names its offers and needs are found by in the catalogue.
SEARCHED_FIELDS = ("name", "name_en")


@transaction.atomic
def organization_update(*, organization: Organization, user: User, fields: dict, sectors=None):
    """Save an organisation's profile; only its administrators and officials may.

    An organisation sent back by the officials returns to the verification queue when one of
    its administrators saves the profile again. A verified organisation whose administrator
    changes its name, tax code or country loses its verified flag and goes back to the queue
    (an official's own correction keeps it: officials are the ones who verify). Its published
    offers stay published; what it submits next waits for the new verification.
    Side effects: a renamed organisation's offers and needs are found by the new name.
    """
    require_org_admin(user, organization)
    # The form may already have set the new values on ``organization``: compare with the row.
    stored = Organization.objects.filter(pk=organization.pk).values(
        *VERIFIED_FIELDS, *SEARCHED_FIELDS, "verified"
    )[0]
    for name, value in fields.items():
        setattr(organization, name, value)
    if organization.returned_at is not None and not user.is_official:
        organization.returned_at = None
    organization.full_clean()
    changed = {
        name
        for name in {*VERIFIED_FIELDS, *SEARCHED_FIELDS}
        if str(getattr(organization, name)) != str(stored[name])
    }
    unverify = stored["verified"] and not user.is_official and changed & set(VERIFIED_FIELDS)
    if unverify:
        organization.verified = False
        organization.verified_by = None
        organization.verified_at = None
        organization.returned_at = None
    organization.save()
    if sectors is not None:
        organization.sectors.set(sectors)
    if changed & set(SEARCHED_FIELDS):
        from matchmaking.services.records import refresh_search_of_organization

        refresh_search_of_organization(organization)
    if unverify:
        audit.record(
            actor=user,
            action="partners.organization_update",
            target=organization,
            before={"verified": True, **{name: str(stored[name]) for name in VERIFIED_FIELDS}},
            after={
                "verified": False,
                **{name: str(getattr(organization, name)) for name in VERIFIED_FIELDS},
            },
        )
    return organization


@transaction.atomic
def organization_verify(*, organization: Organization, official: User) -> Organization:
    """Mark an organisation as verified (its offers and needs may then be published)."""
    if not official.is_official:
        raise PermissionDenied(_("Only officials can verify organisations."))
    audit.record(
        actor=official,
        action="partners.organization_verify",
        target=organization,
        before={"verified": organization.verified},
        after={"verified": True},
    )
    organization.verified = True
    organization.verified_by = official
    organization.verified_at = timezone.now()
    organization.returned_at = None
    organization.review_note = ""
    organization.save(
        update_fields=[
            "verified",
            "verified_by",
            "verified_at",
            "returned_at",
            "review_note",
            "updated_at",
        ]
    )
    return organization


@transaction.atomic
def organization_return(*, organization: Organization, official: User, reason: str) -> Organization:
    """Send an unverified organisation back to its administrators, saying what to fix.

    It stays unverified and leaves the queue until an administrator saves its profile again.
    Side effects: an email with the reason to each administrator, in their own language,
    after commit.
    """
    require_official(official)
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": _("Say what the organisation must correct.")})
    if organization.verified:
        raise ValidationError(_("This organisation is already verified."))
    organization.review_note = reason
    organization.returned_at = timezone.now()
    organization.save(update_fields=["review_note", "returned_at", "updated_at"])
    audit.record(
        actor=official,
        action="partners.organization_return",
        target=organization,
        after={"review_note": reason},
    )
    admins = organization.memberships.filter(role=Membership.Role.ADMIN).select_related("user")
    by_language: dict[str, list[str]] = {}
    for membership in admins:
        by_language.setdefault(membership.user.language, []).append(membership.user.email)
    for language, emails in sorted(by_language.items()):
        with translation.override(language):
            link = settings.SITE_URL + reverse("partners:edit", args=[organization.pk])
            send_mail_after_commit(
                subject=_("%(org)s: please complete your registration") % {"org": organization},
                body=render_to_string(
                    "partners/email/organization_returned.txt",
                    {"organization": organization, "reason": reason, "link": link},
                ),
                to=emails,
            )
    return organization
