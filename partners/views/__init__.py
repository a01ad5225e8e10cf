"""Pages of the partners app, one module per audience.

- ``organizations``: sign-up, profiles, members and invitations (organisations' own staff);
- ``officials``: organisations list and detail, the verification queue, inviting delegates;
- ``delegations``: delegations (officials manage them; the head reads its own);
- ``agreements``: cooperation agreements (officials).
"""

from partners.views.organizations import (
    invitation_accept,
    organization_detail,
    organization_edit,
    organization_logo,
    organization_members,
    sign_up,
)

__all__ = [
    "invitation_accept",
    "organization_detail",
    "organization_edit",
    "organization_logo",
    "organization_members",
    "sign_up",
]
