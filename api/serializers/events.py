from zoneinfo import ZoneInfo, available_timezones

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from api.serializers import strict
from events.figures import run_details, run_percent, run_summary
from events.models import (
    Event,
    EventSession,
    Meeting,
    MeetingRequest,
    Registration,
    ScheduleRun,
    Slot,
    Table,
)
from events.services.scheduling import MAX_TIME_LIMIT
from matchmaking.models import (
    Language,
    PublicationStatus,
    Sector,
    TechnologyNeed,
    TechnologyOffer,
)
from partners.models import Organization


class _OrganizationRef(strict.ModelSerializer):
    class Meta:
        model = Organization
        fields = ["id", "display_name", "country"]


# --- Events -----------------------------------------------------------------------------------


class EventSerializer(strict.ModelSerializer):
    """An event as the public sees it."""

    host = _OrganizationRef(read_only=True)
    sectors = strict.SlugRelatedField(slug_field="code", many=True, read_only=True)
    participant_count = strict.IntegerField(read_only=True)
    meeting_count = strict.IntegerField(read_only=True)
    accepts_registrations = strict.BooleanField(read_only=True)
    accepts_requests = strict.BooleanField(read_only=True)

    class Meta:
        model = Event
        fields = [
            "id",
            "title",
            "title_en",
            "display_title",
            "kind",
            "description",
            "description_en",
            "starts_on",
            "ends_on",
            "venue",
            "city",
            "timezone",
            "host",
            "sectors",
            "status",
            "registration_deadline",
            "request_deadline",
            "meeting_minutes",
            "break_minutes",
            "max_meetings",
            "max_open_requests",
            "participant_count",
            "meeting_count",
            "accepts_registrations",
            "accepts_requests",
            "schedule_version",
        ]
        read_only_fields = fields


class SlotSerializer(strict.ModelSerializer):
    class Meta:
        model = Slot
        fields = ["id", "session", "starts_at", "ends_at"]
        read_only_fields = fields


class EventManageSerializer(strict.ModelSerializer):
    """An event as officials set it up; the status moves through its own endpoints."""

    host = strict.PrimaryKeyRelatedField(
        queryset=Organization.objects.exclude(kind__in=Organization.COMPANY_KINDS)
    )
    sectors = strict.SlugRelatedField(
        slug_field="code",
        many=True,
        required=False,
        queryset=Sector.objects.all(),
    )
    registration_count = strict.IntegerField(read_only=True)
    pending_count = strict.IntegerField(read_only=True)
    meeting_count = strict.IntegerField(read_only=True)

    class Meta:
        model = Event
        fields = [
            "id",
            "title",
            "title_en",
            "kind",
            "description",
            "description_en",
            "starts_on",
            "ends_on",
            "venue",
            "city",
            "timezone",
            "host",
            "sectors",
            "is_public",
            "registration_deadline",
            "request_deadline",
            "meeting_minutes",
            "break_minutes",
            "min_meetings",
            "max_meetings",
            "max_open_requests",
            "status",
            "schedule_version",
            "schedule_published_at",
            "registration_count",
            "pending_count",
            "meeting_count",
            "created_at",
            "updated_at",
        ]
        read_only_fields = [
            "status",
            "schedule_version",
            "schedule_published_at",
            "created_at",
            "updated_at",
        ]

    # The same rules as the officials' event form (events.forms.EventForm).
    def validate_timezone(self, value):
        value = value.strip()
        if value not in available_timezones():
            raise serializers.ValidationError(
                _("Unknown time zone; write it like Asia/Ho_Chi_Minh.")
            )
        ZoneInfo(value)
        return value

    def validate(self, attrs):
        def get(name):
            return attrs.get(name, getattr(self.instance, name, None))

        registration, requests = get("registration_deadline"), get("request_deadline")
        if registration and requests and requests < registration:
            raise serializers.ValidationError(
                {"request_deadline": _("Requests should close after registration, not before.")}
            )
        low, high = get("min_meetings"), get("max_meetings")
        if low is not None and high is not None and low > high:
            raise serializers.ValidationError(
                {"max_meetings": _("The maximum must not be below the minimum.")}
            )
        return attrs


class EventTransitionSerializer(serializers.Serializer):
    to = strict.ChoiceField(choices=Event.Status.choices)


class SessionSerializer(strict.ModelSerializer):
    """A window of meetings; saving one recuts the event's slots."""

    class Meta:
        model = EventSession
        fields = ["id", "event", "name", "date", "start", "end"]


class TableSerializer(strict.ModelSerializer):
    class Meta:
        model = Table
        fields = [
            "id",
            "event",
            "label",
            "position",
            "host",
            "interpreter_language",
            "is_virtual",
            "meeting_link",
        ]

    def validate(self, attrs):
        # As the tables form: a virtual table needs its link.
        is_virtual = attrs.get("is_virtual", getattr(self.instance, "is_virtual", False))
        link = attrs.get("meeting_link", getattr(self.instance, "meeting_link", ""))
        if is_virtual and not link:
            raise serializers.ValidationError(
                {"meeting_link": _("A virtual table needs its meeting link.")}
            )
        return attrs


# --- Registrations ----------------------------------------------------------------------------


class RepresentativeSerializer(serializers.Serializer):
    name = strict.CharField(max_length=150)
    title = strict.CharField(max_length=150, required=False, allow_blank=True, default="")
    email = strict.EmailField(required=False, allow_blank=True, default="")
    phone = strict.CharField(max_length=40, required=False, allow_blank=True, default="")


class LanguagesField(serializers.ListField):
    """Languages spoken, stored as "vi,en"."""

    def __init__(self, **kwargs):
        super().__init__(
            child=strict.ChoiceField(choices=Language.choices),
            min_length=1,
            max_length=len(Language.choices),
            **kwargs,
        )

    def to_internal_value(self, data):
        return ",".join(dict.fromkeys(super().to_internal_value(data)))

    def to_representation(self, value):
        return [code.strip() for code in (value or "").split(",") if code.strip()]


class RegistrationSerializer(strict.ModelSerializer):
    """An organisation's registration for an event. ``event`` and ``organization`` are chosen
    at creation and never change; the status is the officials' business."""

    event = strict.PrimaryKeyRelatedField(queryset=Event.objects.all(), required=False)
    organization = strict.PrimaryKeyRelatedField(
        queryset=Organization.objects.all(), required=False
    )
    organization_name = strict.CharField(source="organization.display_name", read_only=True)
    representatives = RepresentativeSerializer(many=True, required=False, max_length=10)
    languages = LanguagesField(required=False)
    offers = strict.SlugRelatedField(
        slug_field="reference",
        many=True,
        required=False,
        queryset=TechnologyOffer.objects.filter(status=PublicationStatus.PUBLISHED),
    )
    needs = strict.SlugRelatedField(
        slug_field="reference",
        many=True,
        required=False,
        queryset=TechnologyNeed.objects.filter(status=PublicationStatus.PUBLISHED),
    )
    unavailable_slots = strict.PrimaryKeyRelatedField(
        many=True, required=False, queryset=Slot.objects.all()
    )

    class Meta:
        model = Registration
        fields = [
            "id",
            "event",
            "organization",
            "organization_name",
            "role",
            "representatives",
            "languages",
            "interpreter_language",
            "offers",
            "needs",
            "unavailable_slots",
            "max_meetings",
            "status",
            "checked_in_at",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["status", "checked_in_at", "created_at", "updated_at"]
        # One registration per organisation and event: the service says so (and makes a
        # cancelled one again), not a generic uniqueness error.
        validators = []

    def validate(self, attrs):
        if self.instance is not None:
            attrs.pop("event", None)  # chosen at creation, never changed
            attrs.pop("organization", None)
            return attrs
        missing = {
            name: _("This field is required.")
            for name in ("event", "organization")
            if attrs.get(name) is None
        }
        if missing:
            raise serializers.ValidationError(missing, code="required")
        return attrs


class RejectSerializer(serializers.Serializer):
    reason = strict.CharField(max_length=1000, required=False, allow_blank=True, default="")


class ParticipantSerializer(strict.ModelSerializer):
    """Another approved participant of an event, as participants see each other."""

    organization = _OrganizationRef(read_only=True)
    languages = LanguagesField(read_only=True)
    offers = strict.SlugRelatedField(slug_field="reference", many=True, read_only=True)
    needs = strict.SlugRelatedField(slug_field="reference", many=True, read_only=True)

    class Meta:
        model = Registration
        fields = ["id", "organization", "role", "languages", "offers", "needs"]
        read_only_fields = fields


# --- Meeting requests and meetings ------------------------------------------------------------


class MeetingRequestSerializer(strict.ModelSerializer):
    """A request from one of the person's registrations (``requester``) to another approved
    participant of the same event (``recipient``)."""

    requester = strict.PrimaryKeyRelatedField(queryset=Registration.objects.all())
    recipient = strict.PrimaryKeyRelatedField(queryset=Registration.objects.all())
    requester_name = strict.CharField(source="requester.organization.display_name", read_only=True)
    recipient_name = strict.CharField(source="recipient.organization.display_name", read_only=True)
    offer = strict.SlugRelatedField(
        slug_field="reference",
        required=False,
        allow_null=True,
        queryset=TechnologyOffer.objects.filter(status=PublicationStatus.PUBLISHED),
    )
    need = strict.SlugRelatedField(
        slug_field="reference",
        required=False,
        allow_null=True,
        queryset=TechnologyNeed.objects.filter(status=PublicationStatus.PUBLISHED),
    )
    message = strict.CharField(max_length=2000, required=False, allow_blank=True, default="")

    class Meta:
        model = MeetingRequest
        fields = [
            "id",
            "event",
            "requester",
            "requester_name",
            "recipient",
            "recipient_name",
            "offer",
            "need",
            "priority",
            "message",
            "status",
            "responded_at",
            "created_at",
        ]
        read_only_fields = ["event", "status", "responded_at", "created_at"]
        validators = []  # the service decides (a withdrawn request may be sent again)


class _SlotRef(strict.ModelSerializer):
    class Meta:
        model = Slot
        fields = ["id", "starts_at", "ends_at"]


class _TableRef(strict.ModelSerializer):
    class Meta:
        model = Table
        fields = ["id", "label", "is_virtual", "meeting_link"]


class _ParticipantRef(strict.ModelSerializer):
    organization = _OrganizationRef(read_only=True)

    class Meta:
        model = Registration
        fields = ["id", "organization"]


class MeetingSerializer(strict.ModelSerializer):
    slot = _SlotRef(read_only=True)
    table = _TableRef(read_only=True)
    registration_a = _ParticipantRef(read_only=True)
    registration_b = _ParticipantRef(read_only=True)

    class Meta:
        model = Meeting
        fields = [
            "id",
            "event",
            "slot",
            "table",
            "registration_a",
            "registration_b",
            "request",
            "score",
            "origin",
            "locked",
            "status",
        ]
        read_only_fields = fields


class MeetingMoveSerializer(serializers.Serializer):
    slot = strict.PrimaryKeyRelatedField(queryset=Slot.objects.all())
    table = strict.PrimaryKeyRelatedField(queryset=Table.objects.all())


class MeetingLockSerializer(serializers.Serializer):
    locked = strict.BooleanField(
        default=True, help_text=_("True: a re-run keeps the meeting; false: it may move it.")
    )


# --- Scheduler runs ---------------------------------------------------------------------------


class ScheduleRunStartSerializer(serializers.Serializer):
    event = strict.PrimaryKeyRelatedField(queryset=Event.objects.all())
    time_limit = strict.IntegerField(min_value=5, max_value=MAX_TIME_LIMIT, default=30)
    seed = strict.IntegerField(min_value=0, max_value=2**31 - 1, default=0)


class ScheduleRunSerializer(strict.ModelSerializer):
    """A scheduler run: poll it until ``status`` is succeeded or failed."""

    percent = serializers.SerializerMethodField()
    summary = serializers.SerializerMethodField()
    details = serializers.SerializerMethodField()

    class Meta:
        model = ScheduleRun
        fields = [
            "id",
            "event",
            "status",
            "percent",
            "error",
            "summary",
            "details",
            "solver",
            "solver_status",
            "objective",
            "bound",
            "gap",
            "seconds",
            "counts",
            "log",
            "time_limit",
            "seed",
            "created_at",
            "started_at",
            "finished_at",
        ]
        read_only_fields = fields

    def get_percent(self, run) -> int:
        """Progress, 0–100 (estimated while the solver works)."""
        return run_percent(run)

    def get_summary(self, run) -> str:
        """What a finished run achieved, in one sentence (empty until it succeeded)."""
        return run_summary(run) if run.status == ScheduleRun.Status.SUCCEEDED else ""

    def get_details(self, run) -> list[str]:
        return run_details(run) if run.status == ScheduleRun.Status.SUCCEEDED else []
