from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from core.models import BackgroundRun, TimeStamped, WebAddressField, localized
from matchmaking.models import Language


class Event(TimeStamped):
    class Kind(models.TextChoices):
        CONNECTION_SESSION = "connection_session", _("Supply–demand connection session")
        B2B = "b2b", _("B2B matchmaking")
        TECHFEST = "techfest", _("Techfest")
        CONFERENCE = "conference", _("Conference")
        DELEGATION_VISIT = "delegation_visit", _("Delegation visit")
        SIGNING = "signing", _("Signing ceremony")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        REGISTRATION_OPEN = "registration_open", _("Registration open")
        REGISTRATION_CLOSED = "registration_closed", _("Registration closed")
        SCHEDULED = "scheduled", _("Scheduled")
        PUBLISHED = "published", _("Schedule published")
        RUNNING = "running", _("Running")
        FINISHED = "finished", _("Finished")

    title = models.CharField(_("title"), max_length=255)
    title_en = models.CharField(_("English title"), max_length=255, blank=True)
    kind = models.CharField(_("kind"), max_length=24, choices=Kind.choices, default=Kind.B2B)
    description = models.TextField(_("description"), blank=True)
    description_en = models.TextField(_("English description"), blank=True)
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    venue = models.CharField(_("venue"), max_length=255, blank=True)
    city = models.CharField(_("city"), max_length=100, default="Hải Phòng")
    timezone = models.CharField(_("time zone"), max_length=64, default="Asia/Ho_Chi_Minh")
    host = models.ForeignKey(
        "partners.Organization",
        verbose_name=_("host"),
        on_delete=models.PROTECT,
        related_name="hosted_events",
    )
    partners = models.ManyToManyField(
        "partners.Organization",
        verbose_name=_("partner organisations"),
        blank=True,
        related_name="partner_events",
    )
    delegations = models.ManyToManyField(
        "partners.Delegation", verbose_name=_("delegations"), blank=True, related_name="events"
    )
    sectors = models.ManyToManyField(
        "matchmaking.Sector", verbose_name=_("sectors"), blank=True, related_name="events"
    )
    status = models.CharField(
        _("status"), max_length=24, choices=Status.choices, default=Status.DRAFT
    )
    is_public = models.BooleanField(_("listed publicly"), default=True)
    registration_deadline = models.DateTimeField(_("registration deadline"), null=True, blank=True)
    request_deadline = models.DateTimeField(_("meeting request deadline"), null=True, blank=True)
    meeting_minutes = models.PositiveSmallIntegerField(_("meeting length (minutes)"), default=20)
    break_minutes = models.PositiveSmallIntegerField(
        _("break between meetings (minutes)"), default=5
    )
    min_meetings = models.PositiveSmallIntegerField(
        _("minimum meetings per participant"), default=0
    )
    max_meetings = models.PositiveSmallIntegerField(
        _("maximum meetings per participant"), default=8
    )
    max_open_requests = models.PositiveSmallIntegerField(
        _("open requests per participant"), default=15
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    schedule_version = models.PositiveIntegerField(
        _("schedule version"),
        default=0,
        editable=False,
        help_text=_("How many times the schedule has been published (the calendars' SEQUENCE)."),
    )
    schedule_published_at = models.DateTimeField(
        _("schedule published at"), null=True, blank=True, editable=False
    )

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ["-starts_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on")), name="event_ends_after_start"
            ),
            models.CheckConstraint(
                condition=Q(min_meetings__lte=F("max_meetings")), name="event_min_le_max_meetings"
            ),
            models.CheckConstraint(
                condition=Q(meeting_minutes__gt=0), name="event_meeting_length_positive"
            ),
        ]

    def __str__(self):
        return self.display_title

    @property
    def display_title(self) -> str:
        return localized(self.title, self.title_en)

    @property
    def display_description(self) -> str:
        return localized(self.description, self.description_en)

    # What each state allows (the moves between states are in events.services.setup).

    @property
    def accepts_registrations(self) -> bool:
        return self.status == self.Status.REGISTRATION_OPEN and not _passed(
            self.registration_deadline
        )

    @property
    def accepts_requests(self) -> bool:
        """Participants ask for and answer meeting requests until the request deadline."""
        return self.status in (
            self.Status.REGISTRATION_OPEN,
            self.Status.REGISTRATION_CLOSED,
        ) and not _passed(self.request_deadline)

    @property
    def can_schedule(self) -> bool:
        return self.status in (self.Status.REGISTRATION_CLOSED, self.Status.SCHEDULED)

    @property
    def can_publish(self) -> bool:
        return self.status in (self.Status.SCHEDULED, self.Status.PUBLISHED)

    @property
    def schedule_editable(self) -> bool:
        """Officials adjust meetings until the event runs."""
        return self.status in (self.Status.SCHEDULED, self.Status.PUBLISHED)

    @property
    def agenda_published(self) -> bool:
        return self.status in (self.Status.PUBLISHED, self.Status.RUNNING, self.Status.FINISHED)


def _passed(moment) -> bool:
    from django.utils import timezone

    return moment is not None and moment <= timezone.now()


class EventSession(models.Model):
    """A window of meetings on one day (a morning, an afternoon); slots are cut from it."""

    event = models.ForeignKey(
        Event, verbose_name=_("event"), on_delete=models.CASCADE, related_name="sessions"
    )
    name = models.CharField(_("name"), max_length=100, blank=True)
    date = models.DateField(_("date"))
    start = models.TimeField(_("starts at"))
    end = models.TimeField(_("ends at"))

    class Meta:
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        ordering = ["date", "start"]
        constraints = [
            models.CheckConstraint(condition=Q(end__gt=F("start")), name="session_ends_after_start")
        ]

    def __str__(self):
        return f"{self.name or self.date} {self.start:%H:%M}–{self.end:%H:%M}"


class Slot(models.Model):
    event = models.ForeignKey(
        Event, verbose_name=_("event"), on_delete=models.CASCADE, related_name="slots"
    )
    session = models.ForeignKey(
        EventSession,
        verbose_name=_("session"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="slots",
    )
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))

    class Meta:
        verbose_name = _("slot")
        verbose_name_plural = _("slots")
        ordering = ["starts_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")), name="slot_ends_after_start"
            ),
            models.UniqueConstraint(fields=["event", "starts_at"], name="slot_event_start_uniq"),
            # Target of the composite keys that tie meetings to their event's slots.
            models.UniqueConstraint(fields=["id", "event"], name="slot_id_event_uniq"),
        ]

    def __str__(self):
        return f"{self.starts_at:%d/%m %H:%M}–{self.ends_at:%H:%M}"


class Table(models.Model):
    event = models.ForeignKey(
        Event, verbose_name=_("event"), on_delete=models.CASCADE, related_name="tables"
    )
    label = models.CharField(_("label"), max_length=40)
    host = models.ForeignKey(
        "Registration",
        verbose_name=_("fixed host"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="hosted_tables",
        help_text=_("A participant who receives all its meetings here, e.g. a delegation's booth."),
    )
    interpreter_language = models.CharField(
        _("interpreter language"), max_length=2, choices=Language.choices, blank=True
    )
    is_virtual = models.BooleanField(_("virtual"), default=False)
    meeting_link = WebAddressField(_("meeting link"), blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("table")
        verbose_name_plural = _("tables")
        ordering = ["position", "label"]
        constraints = [
            models.UniqueConstraint(fields=["event", "label"], name="table_event_label_uniq"),
            models.UniqueConstraint(fields=["id", "event"], name="table_id_event_uniq"),
            models.UniqueConstraint(
                fields=["host"], condition=Q(host__isnull=False), name="table_one_per_host"
            ),
            models.CheckConstraint(
                condition=Q(is_virtual=False) | ~Q(meeting_link=""),
                name="table_virtual_has_link",
            ),
        ]

    def __str__(self):
        return self.label


class InterpreterCapacity(models.Model):
    event = models.ForeignKey(
        Event, verbose_name=_("event"), on_delete=models.CASCADE, related_name="interpreters"
    )
    language = models.CharField(_("language"), max_length=2, choices=Language.choices)
    count = models.PositiveSmallIntegerField(_("interpreters at once"))

    class Meta:
        verbose_name = _("interpreters")
        verbose_name_plural = _("interpreters")
        constraints = [
            models.UniqueConstraint(
                fields=["event", "language"], name="interpreter_event_language_uniq"
            )
        ]

    def __str__(self):
        return f"{self.get_language_display()}: {self.count}"


class Registration(TimeStamped):
    class Role(models.TextChoices):
        OFFERING = "offering", _("Offering technology")
        SEEKING = "seeking", _("Seeking technology")
        BOTH = "both", _("Both")

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending approval")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")
        CANCELLED = "cancelled", _("Cancelled")

    event = models.ForeignKey(
        Event, verbose_name=_("event"), on_delete=models.CASCADE, related_name="registrations"
    )
    organization = models.ForeignKey(
        "partners.Organization",
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="registrations",
    )
    delegation = models.ForeignKey(
        "partners.Delegation",
        verbose_name=_("delegation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="registrations",
    )
    role = models.CharField(_("role"), max_length=16, choices=Role.choices, default=Role.BOTH)
    representatives = models.JSONField(
        _("representatives"),
        default=list,
        blank=True,
        help_text=_("People attending: name, job title, email, phone."),
    )
    languages = models.CharField(
        _("languages spoken"),
        max_length=40,
        default="vi",
        help_text=_("ISO 639-1 codes separated by commas, e.g. vi,en."),
    )
    interpreter_language = models.CharField(
        _("interpreter needed for"), max_length=2, choices=Language.choices, blank=True
    )
    offers = models.ManyToManyField(
        "matchmaking.TechnologyOffer",
        verbose_name=_("offers presented"),
        blank=True,
        related_name="registrations",
    )
    needs = models.ManyToManyField(
        "matchmaking.TechnologyNeed",
        verbose_name=_("needs presented"),
        blank=True,
        related_name="registrations",
    )
    unavailable_slots = models.ManyToManyField(
        Slot, verbose_name=_("unavailable slots"), blank=True, related_name="+"
    )
    max_meetings = models.PositiveSmallIntegerField(
        _("maximum meetings"),
        null=True,
        blank=True,
        help_text=_("Leave empty for the event's maximum."),
    )
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.PENDING
    )
    checked_in_at = models.DateTimeField(_("checked in at"), null=True, blank=True)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("registered by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["event", "organization__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "organization"], name="registration_event_org_uniq"
            ),
            models.UniqueConstraint(fields=["id", "event"], name="registration_id_event_uniq"),
        ]

    def __str__(self):
        return f"{self.organization} @ {self.event}"

    @property
    def meeting_limit(self) -> int:
        """The most meetings this participant may get (its own limit within the event's)."""
        if self.max_meetings is None:
            return self.event.max_meetings
        return min(self.max_meetings, self.event.max_meetings)

    @property
    def language_list(self) -> list[str]:
        return [code.strip() for code in self.languages.split(",") if code.strip()]


class MeetingRequest(TimeStamped):
    class Priority(models.TextChoices):
        MUST = "must", _("Must meet")
        WOULD_LIKE = "would_like", _("Would like to meet")

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")
        WITHDRAWN = "withdrawn", _("Withdrawn")
        EXPIRED = "expired", _("Expired")

    event = models.ForeignKey(
        Event, verbose_name=_("event"), on_delete=models.CASCADE, related_name="meeting_requests"
    )
    requester = models.ForeignKey(
        Registration,
        verbose_name=_("from"),
        on_delete=models.CASCADE,
        related_name="requests_sent",
    )
    recipient = models.ForeignKey(
        Registration,
        verbose_name=_("to"),
        on_delete=models.CASCADE,
        related_name="requests_received",
    )
    offer = models.ForeignKey(
        "matchmaking.TechnologyOffer",
        verbose_name=_("about offer"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    need = models.ForeignKey(
        "matchmaking.TechnologyNeed",
        verbose_name=_("about need"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    priority = models.CharField(
        _("priority"), max_length=16, choices=Priority.choices, default=Priority.WOULD_LIKE
    )
    message = models.TextField(_("message"), blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.PENDING
    )
    responded_at = models.DateTimeField(_("answered at"), null=True, blank=True)

    class Meta:
        verbose_name = _("meeting request")
        verbose_name_plural = _("meeting requests")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(requester=F("recipient")), name="request_parties_differ"
            ),
            models.UniqueConstraint(
                fields=["requester", "recipient"], name="request_requester_recipient_uniq"
            ),
        ]

    def __str__(self):
        return f"{self.requester.organization} → {self.recipient.organization}"


class ScheduleRun(BackgroundRun):
    """One run of the scheduler for an event, with what it achieved and what it could prove."""

    event = models.ForeignKey(
        Event, verbose_name=_("event"), on_delete=models.CASCADE, related_name="schedule_runs"
    )
    solver = models.CharField(_("solver"), max_length=64, blank=True)
    solver_status = models.CharField(_("solver result"), max_length=16, blank=True)
    objective = models.JSONField(_("objective"), default=dict, blank=True)
    bound = models.JSONField(_("bound"), default=dict, blank=True)
    gap = models.FloatField(_("gap"), null=True, blank=True)
    seconds = models.FloatField(_("solver time (s)"), null=True, blank=True)
    counts = models.JSONField(_("counts"), default=dict, blank=True)
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    log = models.TextField(_("log"), blank=True)
    time_limit = models.PositiveIntegerField(_("time limit (s)"), default=30)
    seed = models.PositiveIntegerField(_("seed"), default=0)

    class Meta:
        verbose_name = _("schedule run")
        verbose_name_plural = _("schedule runs")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(progress__lte=100), name="schedule_run_progress_le_100"
            )
        ]

    def __str__(self):
        return f"{self.event} #{self.pk} ({self.get_status_display()})"


class Meeting(TimeStamped):
    """A 1:1 meeting of two registrations of one event, at a table in a slot.

    Beyond the constraints below, the database itself (migration 0002) ties the slot, the table
    and both registrations to the meeting's event, and on PostgreSQL excludes any two
    non-cancelled meetings that share a participant in the same slot.
    """

    class Origin(models.TextChoices):
        SOLVER = "solver", _("Scheduler")
        MANUAL = "manual", _("Added by an official")

    class Status(models.TextChoices):
        SCHEDULED = "scheduled", _("Scheduled")
        CONFIRMED = "confirmed", _("Confirmed")
        CANCELLED = "cancelled", _("Cancelled")
        HELD = "held", _("Held")
        NO_SHOW = "no_show", _("No-show")

    event = models.ForeignKey(
        Event, verbose_name=_("event"), on_delete=models.CASCADE, related_name="meetings"
    )
    slot = models.ForeignKey(
        Slot, verbose_name=_("slot"), on_delete=models.RESTRICT, related_name="meetings"
    )
    table = models.ForeignKey(
        Table, verbose_name=_("table"), on_delete=models.RESTRICT, related_name="meetings"
    )
    registration_a = models.ForeignKey(
        Registration,
        verbose_name=_("participant A"),
        on_delete=models.CASCADE,
        related_name="meetings_as_a",
    )
    registration_b = models.ForeignKey(
        Registration,
        verbose_name=_("participant B"),
        on_delete=models.CASCADE,
        related_name="meetings_as_b",
    )
    request = models.ForeignKey(
        MeetingRequest,
        verbose_name=_("request"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="meetings",
    )
    score = models.FloatField(_("match score"), null=True, blank=True)
    origin = models.CharField(
        _("origin"), max_length=8, choices=Origin.choices, default=Origin.SOLVER
    )
    locked = models.BooleanField(
        _("locked"), default=False, help_text=_("A re-run of the scheduler keeps it as it is.")
    )
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.SCHEDULED
    )
    run = models.ForeignKey(
        ScheduleRun,
        verbose_name=_("schedule run"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="meetings",
    )

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["slot__starts_at", "table__position", "table__label"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(registration_a=F("registration_b")), name="meeting_parties_differ"
            ),
            models.UniqueConstraint(
                fields=["slot", "table"],
                condition=~Q(status="cancelled"),
                name="meeting_one_per_table_slot",
            ),
        ]

    def __str__(self):
        return f"{self.registration_a.organization} × {self.registration_b.organization}"


class Feedback(TimeStamped):
    """A participant's word on a meeting: right after the event, then at the follow-up."""

    class Stage(models.TextChoices):
        AFTER_EVENT = "after_event", _("Right after the event")
        FOLLOW_UP = "follow_up", _("Six-month follow-up")

    class NextStep(models.TextChoices):
        NONE = "none", _("No further contact")
        EXCHANGE_INFO = "exchange_info", _("Exchange more information")
        SITE_VISIT = "site_visit", _("Site visit or demonstration")
        NEGOTIATE = "negotiate", _("Start negotiating")

    class Outcome(models.TextChoices):
        NEGOTIATING = "negotiating", _("Negotiating")
        NDA = "nda", _("NDA signed")
        CONTRACT_SIGNED = "contract_signed", _("Contract signed")
        NO_RESULT = "no_result", _("No result")

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="feedback"
    )
    registration = models.ForeignKey(
        Registration,
        verbose_name=_("participant"),
        on_delete=models.CASCADE,
        related_name="feedback",
    )
    stage = models.CharField(
        _("stage"), max_length=16, choices=Stage.choices, default=Stage.AFTER_EVENT
    )
    interest = models.PositiveSmallIntegerField(_("interest (1–5)"), null=True, blank=True)
    next_step = models.CharField(
        _("next step"), max_length=16, choices=NextStep.choices, blank=True
    )
    outcome = models.CharField(_("outcome"), max_length=16, choices=Outcome.choices, blank=True)
    contract_value = models.DecimalField(
        _("contract value"), max_digits=20, decimal_places=2, null=True, blank=True
    )
    currency = models.CharField(_("currency"), max_length=3, default="VND")
    comment = models.TextField(_("comment"), blank=True)

    class Meta:
        verbose_name = _("feedback")
        verbose_name_plural = _("feedback")
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "registration", "stage"], name="feedback_once_per_stage"
            ),
            models.CheckConstraint(
                condition=Q(interest__isnull=True) | Q(interest__gte=1, interest__lte=5),
                name="feedback_interest_1_5",
            ),
        ]

    def __str__(self):
        return f"{self.registration} · {self.meeting}"


class FeedbackInvitation(TimeStamped):
    """The feedback email of one participant for one stage: sent at most once, reminded at most
    once, and neither once the participant has answered.

    ``sent_at`` and ``reminded_at`` are set by a conditional UPDATE (``… WHERE sent_at IS
    NULL``) before the email is queued, so two runs of the reminder task never both send.
    """

    registration = models.ForeignKey(
        Registration,
        verbose_name=_("participant"),
        on_delete=models.CASCADE,
        related_name="feedback_invitations",
    )
    stage = models.CharField(_("stage"), max_length=16, choices=Feedback.Stage.choices)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    reminded_at = models.DateTimeField(_("reminded at"), null=True, blank=True)
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)

    class Meta:
        verbose_name = _("feedback invitation")
        verbose_name_plural = _("feedback invitations")
        constraints = [
            models.UniqueConstraint(
                fields=["registration", "stage"], name="feedback_invitation_once_per_stage"
            )
        ]

    def __str__(self):
        return f"{self.registration} · {self.get_stage_display()}"


class CalendarEntry(models.Model):
    """What the agendas' calendar files have said about one pair of participants of an event.

    A calendar program that imported an agenda keeps its meetings until the file says
    otherwise, so a meeting that was cancelled, or dropped by a re-run of the scheduler, must
    stay in the file as cancelled; and any change needs a higher SEQUENCE to be taken. The row
    remembers the place and time last served and the SEQUENCE they were served with
    (``events.services.calendar``).
    """

    event = models.ForeignKey(
        Event, verbose_name=_("event"), on_delete=models.CASCADE, related_name="calendar_entries"
    )
    # The pair, lower registration id first (as in the calendar UID).
    registration_a = models.ForeignKey(
        Registration, verbose_name=_("participant A"), on_delete=models.CASCADE, related_name="+"
    )
    registration_b = models.ForeignKey(
        Registration, verbose_name=_("participant B"), on_delete=models.CASCADE, related_name="+"
    )
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    table_label = models.CharField(_("table"), max_length=40)
    meeting_link = WebAddressField(_("meeting link"), blank=True)
    cancelled = models.BooleanField(_("cancelled"), default=False)
    sequence = models.PositiveIntegerField(_("sequence"), default=0)
    changed_at = models.DateTimeField(_("changed at"))

    class Meta:
        verbose_name = _("calendar entry")
        verbose_name_plural = _("calendar entries")
        constraints = [
            models.UniqueConstraint(
                fields=["event", "registration_a", "registration_b"],
                name="calendar_entry_pair_uniq",
            ),
            models.CheckConstraint(
                condition=Q(registration_a__lt=F("registration_b")),
                name="calendar_entry_pair_ordered",
            ),
        ]

    def __str__(self):
        return f"{self.event_id}: {self.registration_a_id} × {self.registration_b_id}"
