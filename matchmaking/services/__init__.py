"""Write actions of the matchmaking app: records (offers, needs) and their match scores."""

from matchmaking.services.records import (
    need_publish,
    need_save,
    offer_save,
    offer_submit,
    record_approve,
    record_archive,
    record_return,
    require_member,
)
from matchmaking.services.scores import (
    scores_recompute,
    scores_rescore_need,
    scores_rescore_offer,
    scoring_run_start,
)

__all__ = [
    "need_publish",
    "need_save",
    "offer_save",
    "offer_submit",
    "record_approve",
    "record_archive",
    "record_return",
    "require_member",
    "scores_recompute",
    "scores_rescore_need",
    "scores_rescore_offer",
    "scoring_run_start",
]
