"""Write actions on delegations: the visiting groups of foreign organisations."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import User
from partners.models import Delegation, Membership
from partners.services.organizations import require_official


@transaction.atomic
def delegation_save(*, delegation: Delegation, official: User, members=(), events=()) -> Delegation:
    """Create or change a delegation with its member organisations and events.

    The head, when the delegation has one with an account, must belong to the lead partner or
    to one of the member organisations: the head sees those organisations' registrations and
    meetings. Side effects: none.
    """
    require_official(official)
    members = list(members)
    if (
        delegation.arrives_on
        and delegation.departs_on
        and delegation.departs_on < delegation.arrives_on
    ):
        raise ValidationError({"departs_on": _("The departure must not be before the arrival.")})
    if delegation.head_id is not None:
        organizations = {org.pk for org in members} | {delegation.lead_partner_id}
        if not Membership.objects.filter(
            user_id=delegation.head_id, organization_id__in=organizations
        ).exists():
            raise ValidationError(
                {
                    "head": _(
                        "The head must be a member of the lead partner or of a member organisation."
                    )
                }
            )
    delegation.full_clean()
    delegation.save()
    delegation.members.set(members)
    delegation.events.set(events)
    return delegation
