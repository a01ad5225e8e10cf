"""Write actions of the partners app, one module per subject.

- ``organizations``: sign-up, profiles, memberships, invitations, verification;
- ``delegations``: visiting groups of foreign organisations;
- ``agreements``: cooperation agreements and their life from letter of intent to expiry.

Views, the admin and commands call these functions; each docstring lists its side effects.
"""

from partners.services.agreements import (
    agreement_save,
    agreement_transition,
    next_statuses,
)
from partners.services.delegations import delegation_save
from partners.services.organizations import (
    delegation_member_invite,
    hash_token,
    invitation_accept,
    invitation_by_token,
    invitation_create,
    membership_role,
    organization_return,
    organization_sign_up,
    organization_update,
    organization_verify,
    require_official,
    require_org_admin,
)

__all__ = [
    "agreement_save",
    "agreement_transition",
    "delegation_member_invite",
    "delegation_save",
    "hash_token",
    "invitation_accept",
    "invitation_by_token",
    "invitation_create",
    "membership_role",
    "next_statuses",
    "organization_return",
    "organization_sign_up",
    "organization_update",
    "organization_verify",
    "require_official",
    "require_org_admin",
]
