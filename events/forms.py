from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from django import forms
from django.core.validators import validate_email
from django.forms import modelformset_factory
from django.utils import formats
from django.utils.translation import gettext_lazy as _

from events.models import (
    Event,
    EventSession,
    Feedback,
    InterpreterCapacity,
    Meeting,
    MeetingRequest,
    Registration,
    Slot,
    Table,
)
from matchmaking.forms import SectorsField
from matchmaking.models import Currency, Language
from partners.models import Organization

DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TIME = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


def slot_label(slot: Slot, tz: str) -> str:
    start = slot.starts_at.astimezone(ZoneInfo(tz))
    end = slot.ends_at.astimezone(ZoneInfo(tz))
    return f"{formats.date_format(start, 'SHORT_DATE_FORMAT')} {start:%H:%M}–{end:%H:%M}"


class SlotChoiceMixin:
    """Slot fields labelled with the event's local time."""

    def label_slots(self, field_name: str, event: Event) -> None:
        field = self.fields[field_name]
        field.queryset = event.slots.order_by("starts_at")
        field.label_from_instance = lambda slot: slot_label(slot, event.timezone)


class EventForm(forms.ModelForm):
    sectors = SectorsField(label=_("Sectors"), required=False)

    class Meta:
        model = Event
        fields = [
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
            "is_public",
            "registration_deadline",
            "request_deadline",
            "meeting_minutes",
            "break_minutes",
            "min_meetings",
            "max_meetings",
            "max_open_requests",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 4}),
            "description_en": forms.Textarea(attrs={"rows": 4}),
            "starts_on": DATE,
            "ends_on": DATE,
            "registration_deadline": DATETIME,
            "request_deadline": DATETIME,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["host"].queryset = Organization.objects.exclude(
            kind__in=Organization.COMPANY_KINDS
        ).order_by("name")
        if self.instance.pk:
            self.initial["sectors"] = list(self.instance.sectors.values_list("code", flat=True))

    def clean_timezone(self):
        value = self.cleaned_data["timezone"].strip()
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise forms.ValidationError(
                _("Unknown time zone; write it like Asia/Ho_Chi_Minh.")
            ) from exc
        if value not in available_timezones():
            raise forms.ValidationError(_("Unknown time zone; write it like Asia/Ho_Chi_Minh."))
        return value

    def clean(self):
        cleaned = super().clean()
        registration, requests = (
            cleaned.get("registration_deadline"),
            cleaned.get("request_deadline"),
        )
        if registration and requests and requests < registration:
            self.add_error(
                "request_deadline",
                _("Requests should close after registration, not before."),
            )
        low, high = cleaned.get("min_meetings"), cleaned.get("max_meetings")
        if low is not None and high is not None and low > high:
            self.add_error("max_meetings", _("The maximum must not be below the minimum."))
        return cleaned


class SessionForm(forms.ModelForm):
    class Meta:
        model = EventSession
        fields = ["name", "date", "start", "end"]
        widgets = {"date": DATE, "start": TIME, "end": TIME}


SessionFormSet = modelformset_factory(EventSession, form=SessionForm, extra=2, can_delete=True)


class TableForm(forms.ModelForm):
    class Meta:
        model = Table
        fields = ["label", "position", "host", "interpreter_language", "is_virtual", "meeting_link"]

    def __init__(self, *args, event: Event, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["host"].queryset = (
            Registration.objects.filter(event=event, status=Registration.Status.APPROVED)
            .select_related("organization")
            .order_by("organization__name")
        )
        self.fields["host"].label_from_instance = lambda r: r.organization.display_name

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("is_virtual") and not cleaned.get("meeting_link"):
            self.add_error("meeting_link", _("A virtual table needs its meeting link."))
        return cleaned


TableFormSet = modelformset_factory(Table, form=TableForm, extra=3, can_delete=True)


class InterpreterForm(forms.ModelForm):
    class Meta:
        model = InterpreterCapacity
        fields = ["language", "count"]


InterpreterFormSet = modelformset_factory(
    InterpreterCapacity, form=InterpreterForm, extra=2, can_delete=True
)


class RepresentativesField(forms.CharField):
    """One person per line: name | job title | email | phone (stored as a list of objects)."""

    widget = forms.Textarea(attrs={"rows": 3})

    def prepare_value(self, value):
        if isinstance(value, list):
            keys = ("name", "title", "email", "phone")
            return "\n".join(" | ".join(p.get(k, "") for k in keys).rstrip(" |") for p in value)
        return value

    def to_python(self, value):
        people = []
        for number, line in enumerate((value or "").splitlines(), start=1):
            if not line.strip():
                continue
            parts = [part.strip() for part in line.split("|")] + ["", "", "", ""]
            name, title, email, phone = parts[:4]
            if not name:
                raise forms.ValidationError(
                    _("Line %(line)d: write the person's name first.") % {"line": number}
                )
            if email:
                try:
                    validate_email(email)
                except forms.ValidationError as exc:
                    raise forms.ValidationError(
                        _("Line %(line)d: “%(email)s” is not an email address.")
                        % {"line": number, "email": email}
                    ) from exc
            people.append({"name": name, "title": title, "email": email, "phone": phone})
        if len(people) > 10:
            raise forms.ValidationError(_("At most 10 representatives."))
        return people


class RegistrationForm(SlotChoiceMixin, forms.ModelForm):
    representatives = RepresentativesField(
        label=_("Representatives"),
        required=False,
        help_text=_("One person per line: name | job title | email | phone."),
    )
    languages = forms.MultipleChoiceField(
        label=_("Languages spoken"),
        choices=Language.choices,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Registration
        fields = [
            "role",
            "representatives",
            "languages",
            "interpreter_language",
            "offers",
            "needs",
            "unavailable_slots",
            "max_meetings",
        ]
        widgets = {
            "offers": forms.CheckboxSelectMultiple,
            "needs": forms.CheckboxSelectMultiple,
            "unavailable_slots": forms.CheckboxSelectMultiple,
        }
        help_texts = {
            "unavailable_slots": _("Tick the times when you cannot meet."),
            "offers": _("Your organisation's published technology offers."),
            "needs": _("Your organisation's published technology needs."),
        }

    def __init__(self, *args, event: Event, offers, needs, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["offers"].queryset = offers
        self.fields["offers"].label_from_instance = lambda o: o.display_title
        self.fields["needs"].queryset = needs
        self.fields["needs"].label_from_instance = lambda n: n.display_title
        self.label_slots("unavailable_slots", event)
        self.fields["max_meetings"].widget.attrs["max"] = event.max_meetings
        self.initial["languages"] = self.instance.language_list or ["vi"]

    def clean_languages(self):
        return ",".join(self.cleaned_data["languages"])


class RejectForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason (sent to the organisation)"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class StatusForm(forms.Form):
    to = forms.ChoiceField(label=_("New state"), choices=Event.Status.choices)


class RequestForm(forms.ModelForm):
    class Meta:
        model = MeetingRequest
        fields = ["priority", "offer", "need", "message"]
        widgets = {
            "priority": forms.RadioSelect,
            "message": forms.Textarea(attrs={"rows": 3, "maxlength": 2000}),
        }

    def __init__(self, *args, requester: Registration, recipient: Registration, **kwargs):
        super().__init__(*args, **kwargs)
        offers = [*requester.offers.all(), *recipient.offers.all()]
        needs = [*requester.needs.all(), *recipient.needs.all()]
        self.fields["offer"].queryset = self.fields["offer"].queryset.filter(
            pk__in=[o.pk for o in offers]
        )
        self.fields["offer"].label_from_instance = lambda o: o.display_title
        self.fields["need"].queryset = self.fields["need"].queryset.filter(
            pk__in=[n.pk for n in needs]
        )
        self.fields["need"].label_from_instance = lambda n: n.display_title
        self.fields["priority"].initial = MeetingRequest.Priority.WOULD_LIKE


class ParticipantFilterForm(forms.Form):
    country = forms.ChoiceField(label=_("Country"), required=False)
    sector = forms.ChoiceField(label=_("Sector"), required=False)
    min_score = forms.TypedChoiceField(
        label=_("Match score at least"),
        required=False,
        coerce=float,
        empty_value=None,
        choices=[("", _("Any")), ("0.3", "30 %"), ("0.5", "50 %"), ("0.7", "70 %")],
    )

    def __init__(self, *args, countries, sectors, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["country"].choices = [("", _("All countries")), *countries]
        self.fields["sector"].choices = [("", _("All sectors")), *sectors]


class MoveForm(SlotChoiceMixin, forms.Form):
    slot = forms.ModelChoiceField(label=_("Slot"), queryset=Slot.objects.none())
    table = forms.ModelChoiceField(label=_("Table"), queryset=Table.objects.none())

    def __init__(self, *args, event: Event, **kwargs):
        super().__init__(*args, **kwargs)
        self.label_slots("slot", event)
        self.fields["table"].queryset = event.tables.all()


class SwapForm(forms.Form):
    other = forms.ModelChoiceField(label=_("Swap places with"), queryset=Meeting.objects.none())

    def __init__(self, *args, meeting: Meeting, **kwargs):
        super().__init__(*args, **kwargs)
        event = meeting.event
        field = self.fields["other"]
        field.queryset = (
            Meeting.objects.filter(event=event)
            .exclude(status=Meeting.Status.CANCELLED)
            .exclude(pk=meeting.pk)
            .select_related(
                "slot", "table", "registration_a__organization", "registration_b__organization"
            )
            .order_by("slot__starts_at", "table__position")
        )
        field.label_from_instance = lambda m: (
            f"{slot_label(m.slot, event.timezone)} · {m.table} · {m}"
        )


class AddMeetingForm(SlotChoiceMixin, forms.Form):
    registration_a = forms.ModelChoiceField(
        label=_("Participant"), queryset=Registration.objects.none()
    )
    registration_b = forms.ModelChoiceField(label=_("Meets"), queryset=Registration.objects.none())
    slot = forms.ModelChoiceField(label=_("Slot"), queryset=Slot.objects.none())
    table = forms.ModelChoiceField(label=_("Table"), queryset=Table.objects.none())
    beyond_maximum = forms.BooleanField(
        label=_("Add beyond the maximum"),
        required=False,
        help_text=_("Even if a participant already has its maximum number of meetings."),
    )

    def __init__(self, *args, event: Event, **kwargs):
        super().__init__(*args, **kwargs)
        participants = (
            Registration.objects.filter(event=event, status=Registration.Status.APPROVED)
            .select_related("organization")
            .order_by("organization__name")
        )
        for name in ("registration_a", "registration_b"):
            self.fields[name].queryset = participants
            self.fields[name].label_from_instance = lambda r: r.organization.display_name
        self.label_slots("slot", event)
        self.fields["table"].queryset = event.tables.all()


class RunForm(forms.Form):
    time_limit = forms.IntegerField(
        label=_("Time limit (seconds)"), min_value=5, max_value=300, initial=30
    )
    seed = forms.IntegerField(label=_("Seed"), min_value=0, initial=0, required=False)


# --- The day of the event and feedback ----------------------------------------------------------


class OnSiteMeetingForm(forms.Form):
    """A last-minute meeting: two checked-in participants free in the chosen slot."""

    registration_a = forms.ModelChoiceField(
        label=_("Participant"), queryset=Registration.objects.none()
    )
    registration_b = forms.ModelChoiceField(label=_("Meets"), queryset=Registration.objects.none())
    beyond_maximum = forms.BooleanField(
        label=_("Add beyond the maximum"),
        required=False,
        help_text=_("Even if a participant already has its maximum number of meetings."),
    )

    def __init__(self, *args, participants=(), **kwargs):
        super().__init__(*args, **kwargs)
        queryset = Registration.objects.filter(pk__in=[r.pk for r in participants])
        names = {r.pk: r.organization.display_name for r in participants}
        for name in ("registration_a", "registration_b"):
            self.fields[name].queryset = queryset.select_related("organization").order_by(
                "organization__name"
            )
            self.fields[name].label_from_instance = lambda r: names.get(r.pk, str(r))


INTEREST_CHOICES = [("", "—")] + [(str(k), str(k)) for k in range(1, 6)]


class AfterEventFeedbackForm(forms.Form):
    """One meeting's answer right after the event (every field may stay blank)."""

    interest = forms.TypedChoiceField(
        label=_("Interest (1 = none, 5 = very high)"),
        choices=INTEREST_CHOICES,
        coerce=int,
        empty_value=None,
        required=False,
        widget=forms.RadioSelect(attrs={"class": "form-check-input"}),
    )
    next_step = forms.ChoiceField(
        label=_("Next step"),
        choices=[("", "—"), *Feedback.NextStep.choices],
        required=False,
    )
    comment = forms.CharField(
        label=_("Comment"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class FollowUpFeedbackForm(forms.Form):
    """One meeting's answer at the six-month follow-up."""

    outcome = forms.ChoiceField(
        label=_("What came of it"),
        choices=[("", "—"), *Feedback.Outcome.choices],
        required=False,
    )
    contract_value = forms.DecimalField(
        label=_("Contract value"),
        required=False,
        min_value=0,
        max_digits=20,
        decimal_places=2,
        help_text=_("When a contract was signed."),
    )
    currency = forms.ChoiceField(label=_("Currency"), choices=Currency.choices, initial="VND")
    comment = forms.CharField(
        label=_("Comment"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def clean(self):
        data = super().clean()
        if (
            data.get("outcome") == Feedback.Outcome.CONTRACT_SIGNED
            and data.get("contract_value") is None
        ):
            self.add_error("contract_value", _("Give the contract's value."))
        return data
