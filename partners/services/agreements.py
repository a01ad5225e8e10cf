"""Write actions on cooperation agreements: from a letter of intent to an active MOU.

The life of an agreement: proposed → negotiating → signed → active → expired, or terminated
on the way. Each step records its date. A later agreement may ``follow`` an earlier one with
the same partner (an MOU follows a letter of intent, a cooperation agreement follows either).
"""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from core.uploads import DOCUMENTS, check_upload
from partners.models import Agreement
from partners.services.organizations import require_official

S = Agreement.Status
K = Agreement.Kind

TRANSITIONS: dict[str, tuple[str, ...]] = {
    S.PROPOSED: (S.NEGOTIATING, S.SIGNED, S.TERMINATED),
    S.NEGOTIATING: (S.SIGNED, S.TERMINATED),
    S.SIGNED: (S.ACTIVE, S.TERMINATED),
    S.ACTIVE: (S.EXPIRED, S.TERMINATED),
    S.EXPIRED: (),
    S.TERMINATED: (),
}
# A later kind may follow an earlier one: LOI → MOU → cooperation agreement.
KIND_ORDER = {K.LETTER_OF_INTENT: 0, K.MOU: 1, K.COOPERATION: 2}


def _check_follows(agreement: Agreement) -> None:
    earlier = agreement.follows
    if earlier is None:
        return
    if agreement.pk is not None and earlier.pk == agreement.pk:
        raise ValidationError({"follows": _("An agreement cannot follow itself.")})
    if earlier.partner_id != agreement.partner_id:
        raise ValidationError(
            {"follows": _("The earlier agreement must be with the same partner.")}
        )
    if KIND_ORDER[earlier.kind] >= KIND_ORDER[agreement.kind]:
        raise ValidationError(
            {
                "follows": _(
                    "An MOU follows a letter of intent; a cooperation agreement follows a "
                    "letter of intent or an MOU."
                )
            }
        )


@transaction.atomic
def agreement_save(
    *, agreement: Agreement, official: User, sectors=None, document=None
) -> Agreement:
    """Create or edit an agreement; its status moves only through ``agreement_transition``.

    ``document`` (optional) replaces the stored document: at most ``UPLOAD_DOCUMENT_MAX_BYTES``
    (10 MB), a PDF, an Office or OpenDocument file or an image, recognised by its content.
    Side effects: none.
    """
    require_official(official)
    _check_follows(agreement)
    if agreement.starts_on and agreement.ends_on and agreement.ends_on < agreement.starts_on:
        raise ValidationError({"ends_on": _("The end must not be before the start.")})
    if document is not None:
        check_upload(
            document,
            max_bytes=settings.UPLOAD_DOCUMENT_MAX_BYTES,
            allowed=DOCUMENTS,
            field="document",
        )
        agreement.document = document
    agreement.full_clean()
    agreement.save()
    if sectors is not None:
        agreement.sectors.set(sectors)
    return agreement


def next_statuses(agreement: Agreement) -> tuple[str, ...]:
    return TRANSITIONS[agreement.status]


@transaction.atomic
def agreement_transition(
    *,
    agreement: Agreement,
    official: User,
    to: str,
    on: date | None = None,
    ends_on: date | None = None,
) -> Agreement:
    """Move an agreement one step along its life, recording the step's date.

    - signed: ``on`` is the signing date (default today; not in the future);
    - active: ``on`` is the first day in force (default the signing date), ``ends_on`` the
      planned end (optional);
    - expired, terminated: ``on`` is the last day (default the planned end, else today; not
      in the future).

    The status is changed by a conditional update, so two officials cannot both move it.
    Side effects: none.
    """
    require_official(official)
    if to not in TRANSITIONS[agreement.status]:
        raise ValidationError(
            {
                "to": _("An agreement that is “%(current)s” cannot become “%(next)s”.")
                % {
                    "current": agreement.get_status_display(),
                    "next": dict(S.choices).get(to, to),
                }
            }
        )
    today = timezone.localdate()
    changes: dict = {"status": to}
    if to == S.SIGNED:
        signed_on = on or today
        if signed_on > today:
            raise ValidationError({"on": _("The signing date cannot be in the future.")})
        changes["signed_on"] = signed_on
    elif to == S.ACTIVE:
        starts_on = on or agreement.signed_on or today
        end = ends_on or agreement.ends_on
        if end and end < starts_on:
            raise ValidationError({"ends_on": _("The end must not be before the start.")})
        changes.update(starts_on=starts_on, ends_on=end)
    elif to in (S.EXPIRED, S.TERMINATED):
        planned = agreement.ends_on
        end = on or (planned if planned and planned <= today else today)
        if end > today:
            raise ValidationError({"on": _("This date has not come yet.")})
        if agreement.starts_on and end < agreement.starts_on:
            raise ValidationError({"on": _("The end must not be before the start.")})
        changes["ends_on"] = end
    moved = Agreement.objects.filter(pk=agreement.pk, status=agreement.status).update(
        **changes, updated_at=timezone.now()
    )
    if not moved:
        raise ValidationError(_("The agreement has just been changed by someone else."))
    for name, value in changes.items():
        setattr(agreement, name, value)
    return agreement
