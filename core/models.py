from django.conf import settings
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


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
    """A piece of work done by the worker (scoring, scheduling) whose progress users follow."""

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
    # Refreshed while a worker runs it: a run whose heartbeat stopped lost its worker, and the
    # redelivered task may take it over (see ``claim``).
    heartbeat_at = models.DateTimeField(_("last sign of life"), null=True, blank=True)

    STALE_AFTER_SECONDS = 90

    class Meta:
        abstract = True
        ordering = ["-created_at"]

    @property
    def is_active(self) -> bool:
        return self.status in (self.Status.QUEUED, self.Status.RUNNING)

    @classmethod
    def claim(cls, pk: int) -> bool:
        """Start the run: exactly one executor wins, a second delivery of the task does nothing.

        A run still marked running whose heartbeat is stale lost its worker; the redelivered task
        takes it over.
        """
        from datetime import timedelta

        from django.db.models import Q
        from django.utils import timezone

        now = timezone.now()
        stale = now - timedelta(seconds=cls.STALE_AFTER_SECONDS)
        return bool(
            cls.objects.filter(pk=pk)
            .filter(
                Q(status=cls.Status.QUEUED)
                | Q(status=cls.Status.RUNNING, heartbeat_at__lt=stale)
                | Q(status=cls.Status.RUNNING, heartbeat_at__isnull=True, started_at__lt=stale)
            )
            .update(status=cls.Status.RUNNING, started_at=now, heartbeat_at=now)
        )
