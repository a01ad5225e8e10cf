"""Cache invalidation: every committed change to offers (or their organisations), and to the
sectors and transfer modes the filter panel lists, moves the catalogue's cache version on,
whatever made it (services, admin, imports)."""

from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save

from core import cache
from matchmaking.models import Sector, TechnologyOffer, TransferMode
from partners.models import Organization


def _bump(**kwargs) -> None:
    # Now, so this process stops serving the old pages at once; and again after commit, so a
    # page another process rendered meanwhile from the not-yet-committed state is dropped too.
    cache.bump("catalogue")
    transaction.on_commit(lambda: cache.bump("catalogue"))


def connect() -> None:
    for model in (TechnologyOffer, Organization, Sector, TransferMode):
        post_save.connect(_bump, sender=model, dispatch_uid=f"catalogue-save-{model.__name__}")
        post_delete.connect(_bump, sender=model, dispatch_uid=f"catalogue-delete-{model.__name__}")
    for through in (TechnologyOffer.sectors.through, TechnologyOffer.transfer_modes.through):
        m2m_changed.connect(_bump, sender=through, dispatch_uid=f"catalogue-m2m-{through.__name__}")
