"""Write actions on organisations, memberships and invitations."""

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

from accounts.models import User
from core.mail import send_mail_after_commit
from partners.models import Invitation, Membership, Organization


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

    The organisation starts unverified: officials verify it before its offers are published.
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


@transaction.atomic
def invitation_create(
    *,
    organization: Organization,
    email: str,
    role: str,
    invited_by: User,
    language: str | None = None,
) -> tuple[Invitation, str]:
    """Invite a person to join an organisation.

    Side effects: an email with a one-time link is sent after the transaction commits. Returns
    the invitation and the clear token (only its hash is stored).
    """
    require_org_admin(invited_by, organization)
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
    link = settings.SITE_URL + reverse("partners:invitation_accept", args=[token])
    with translation.override(language or translation.get_language()):
        context = {"invitation": invitation, "link": link, "inviter": invited_by}
        send_mail_after_commit(
            subject=_("Invitation to join %(org)s") % {"org": organization},
            body=render_to_string("partners/email/invitation.txt", context),
            to=[email],
        )
    return invitation, token


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


@transaction.atomic
def organization_update(*, organization: Organization, user: User, fields: dict, sectors=None):
    """Save an organisation's profile; only its administrators and officials may."""
    require_org_admin(user, organization)
    for name, value in fields.items():
        setattr(organization, name, value)
    organization.full_clean()
    organization.save()
    if sectors is not None:
        organization.sectors.set(sectors)
    return organization


@transaction.atomic
def organization_verify(*, organization: Organization, official: User) -> Organization:
    if not official.is_official:
        raise PermissionDenied(_("Only officials can verify organisations."))
    organization.verified = True
    organization.verified_by = official
    organization.verified_at = timezone.now()
    organization.save(update_fields=["verified", "verified_by", "verified_at", "updated_at"])
    return organization
