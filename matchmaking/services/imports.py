"""Importing a delegation's spreadsheet of technology offers: all rows or none.

The file is read and checked by ``matchmaking.importing`` (no database writes); this service
creates the offers of a checked sheet, each exactly as the offer form does (through
``offer_save``), then submits each for the officials' review (``offer_submit``).
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import ngettext

from matchmaking.importing import Sheet, Vocabulary, check_sheet
from matchmaking.models import TechnologyOffer
from matchmaking.services.records import offer_save, offer_submit, require_member
from partners.models import Organization


@transaction.atomic
def offers_import(*, organization: Organization, user, sheet: Sheet) -> list[TechnologyOffer]:
    """Create one offer per row of ``sheet`` for ``organization``, in one transaction.

    The sheet is checked again here, so nothing reaches the database unless every row is
    valid; a failure on any row (including the model's own validation) saves nothing.
    Side effects: those of ``offer_save`` and ``offer_submit`` for each offer (an official's
    import is published at once and rescored after commit; anyone else's waits for review).
    """
    require_member(user, organization)
    result = check_sheet(sheet, Vocabulary.load())
    if not result.is_valid:
        count = len(result.errors)
        raise ValidationError(
            ngettext(
                "The file has %(count)d error: nothing was imported.",
                "The file has %(count)d errors: nothing was imported.",
                count,
            )
            % {"count": count}
        )
    offers = []
    for row in result.rows:
        offer = offer_save(
            offer=TechnologyOffer(organization=organization, **row.fields),
            user=user,
            sectors=row.sectors,
            transfer_modes=row.transfer_modes,
        )
        offers.append(offer_submit(offer=offer, user=user))
    return offers
