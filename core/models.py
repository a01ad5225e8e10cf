from datetime import timedelta

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _


class WebAddressField(models.URLField):
    """A URL column whose forms take an address typed without a scheme as ``https://``
    (Django 6's default, chosen here rather than through the deprecated transitional setting).
    Migrations see a plain ``URLField``: only the form differs."""

    def formfield(self, **kwargs):
        return super().formfield(**{"assume_scheme": "https", **kwargs})

    def deconstruct(self):
        name, _path, args, kwargs = super().deconstruct()
        return name, "django.db.models.URLField", args, kwargs


class TimeStamped(models.Model):
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        abstract = True


def localized(native: str, english: str) -> str:
    """The English version for English visitors when there is one, else the original text."""
    if english and (get_language() or "vi").startswith("en"):
        return english
    return native


class BackgroundRun(models.Model):
    """A piece of work done by the worker (scoring, scheduling) whose progress users follow.

    Exactly one execution completes a run, even when the broker delivers its task again:
    ``claim`` lets an execution start (or take over) the run and numbers it (``attempt``),
    ``finish`` records the outcome only for the execution that still holds it, and a run whose
    worker is gone is noticed by its stale heartbeat (``is_stale``) so that it blocks nothing.
    """

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Running")
        SUCCEEDED = "succeeded", _("Succeeded")
        FAILED = "failed", _("Failed")

    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.QUEUED
    )
    error = models.TextField(_("error"), blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    # Refreshed while a worker runs it (``core.background.heartbeat``): a run whose heartbeat
    # stopped lost its worker.
    heartbeat_at = models.DateTimeField(_("last sign of life"), null=True, blank=True)
    # The worker task executing it, and how many executions started it: a delivery of the same
    # task again means the previous execution died (see ``claim``).
    task_id = models.CharField(_("worker task"), max_length=64, blank=True, editable=False)
    attempt = models.PositiveSmallIntegerField(_("attempts"), default=0, editable=False)

    # A running worker refreshes the heartbeat every HEARTBEAT_SECONDS; after STALE_AFTER_SECONDS
    # without one, its worker is gone.
    HEARTBEAT_SECONDS = 20
    STALE_AFTER_SECONDS = 90
    # Queued this long, no worker took the message: it was lost, or no worker is running.
    QUEUED_STALE_AFTER_SECONDS = 15 * 60
    # A run that killed its worker this many times (out of memory, say) is not tried again.
    MAX_ATTEMPTS = 3

    class Meta:
        abstract = True
        ordering = ["-created_at"]

    @property
    def is_active(self) -> bool:
        return self.status in (self.Status.QUEUED, self.Status.RUNNING)

    @classmethod
    def stale_q(cls, now=None) -> Q:
        """Runs still marked queued or running whose worker is gone or never came."""
        now = now or timezone.now()
        dead = now - timedelta(seconds=cls.STALE_AFTER_SECONDS)
        forgotten = now - timedelta(seconds=cls.QUEUED_STALE_AFTER_SECONDS)
        return (
            Q(status=cls.Status.RUNNING, heartbeat_at__lt=dead)
            | Q(status=cls.Status.RUNNING, heartbeat_at__isnull=True, started_at__lt=dead)
            | Q(status=cls.Status.QUEUED, created_at__lt=forgotten)
        )

    @property
    def is_stale(self) -> bool:
        now = timezone.now()
        if self.status == self.Status.QUEUED:
            return self.created_at < now - timedelta(seconds=self.QUEUED_STALE_AFTER_SECONDS)
        if self.status == self.Status.RUNNING:
            beat = self.heartbeat_at or self.started_at
            return beat is not None and beat < now - timedelta(seconds=self.STALE_AFTER_SECONDS)
        return False

    @classmethod
    def claim(cls, pk: int, *, task_id: str = "") -> int:
        """Start the run for one execution; return its attempt number, or 0 (do nothing).

        A queued run is started. A run already running is taken over when this is a new
        delivery of the task that runs it (the broker hands a late-acknowledged task out again
        only when the worker executing it died, and every task's time limit is below the
        broker's visibility timeout) or when its heartbeat went stale. Any other execution gets
        0: a duplicate message, a run cancelled, finished or given up. The UPDATE is conditional
        on the attempt number read, so of two executions claiming at once exactly one wins.
        After MAX_ATTEMPTS lost executions the run is failed instead of started again.
        """
        now = timezone.now()
        row = cls.objects.filter(pk=pk).values("attempt").first()
        if row is None:
            return 0
        dead = now - timedelta(seconds=cls.STALE_AFTER_SECONDS)
        claimable = (
            Q(status=cls.Status.QUEUED)
            | Q(status=cls.Status.RUNNING, heartbeat_at__lt=dead)
            | Q(status=cls.Status.RUNNING, heartbeat_at__isnull=True, started_at__lt=dead)
        )
        if task_id:
            claimable |= Q(status=cls.Status.RUNNING, task_id=task_id)
        attempt = row["attempt"]
        rows = cls.objects.filter(claimable, pk=pk, attempt=attempt)
        if attempt >= cls.MAX_ATTEMPTS:
            rows.update(
                status=cls.Status.FAILED,
                finished_at=now,
                error=gettext(
                    "The worker running it was lost %(count)d times (out of memory, or stopped): "
                    "it is not tried again. Look at the worker's logs."
                )
                % {"count": attempt},
            )
            return 0
        won = rows.update(
            status=cls.Status.RUNNING,
            task_id=task_id[:64],
            attempt=attempt + 1,
            started_at=now,
            heartbeat_at=now,
        )
        return attempt + 1 if won else 0

    @classmethod
    def finish(cls, pk: int, *, attempt: int, **fields) -> bool:
        """Record the outcome (status and figures in ``fields``) if execution ``attempt`` still
        holds the run; False when it was cancelled, given up or taken over meanwhile. Called
        inside the transaction that writes the results, which is rolled back on False."""
        return bool(
            cls.objects.filter(pk=pk, status=cls.Status.RUNNING, attempt=attempt).update(**fields)
        )
