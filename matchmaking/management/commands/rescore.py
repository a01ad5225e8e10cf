import time

from django.core.management.base import BaseCommand

from matchmaking import scoring, services
from matchmaking.models import PublicationStatus, ScoringRun, TechnologyNeed, TechnologyOffer
from matchmaking.services.scores import current_weights


class Command(BaseCommand):
    help = (
        "Rescore the offers and needs changed since the last full recompute, or with --all "
        "recompute every score now (in this process, with progress)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--all", action="store_true", help="Full recompute of every score.")

    def handle(self, *args, all, **options):
        started = time.perf_counter()
        if all:
            self._full()
        else:
            self._changed()
        self.stdout.write(f"Done in {time.perf_counter() - started:.1f} s.")

    def _full(self):
        run = ScoringRun.objects.create(
            kind=ScoringRun.Kind.FULL,
            algorithm_version=scoring.ALGORITHM_VERSION,
            weights=current_weights(),
        )
        run = services.scores_recompute(run_id=run.pk)
        self.stdout.write(f"Full recompute: {run.pairs_kept} pairs kept for {run.total} needs.")

    def _changed(self):
        last = (
            ScoringRun.objects.filter(kind=ScoringRun.Kind.FULL, status=ScoringRun.Status.SUCCEEDED)
            .order_by("-finished_at")
            .values_list("started_at", flat=True)
            .first()
        )
        if last is None:
            self.stdout.write("No full recompute yet: running one.")
            return self._full()
        for model, rescore, key in (
            (TechnologyOffer, services.scores_rescore_offer, "offer_id"),
            (TechnologyNeed, services.scores_rescore_need, "need_id"),
        ):
            ids = list(
                model.objects.filter(updated_at__gt=last)
                .exclude(status=PublicationStatus.DRAFT)
                .values_list("id", flat=True)
            )
            for pk in ids:
                rescore(**{key: pk})
            self.stdout.write(f"{model._meta.verbose_name_plural}: {len(ids)} rescored.")
