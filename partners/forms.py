from django import forms
from django.db.models import F
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from accounts.forms import PasswordFieldsMixin
from accounts.models import User
from core.uploads import clean_image
from matchmaking.forms import SectorsField
from matchmaking.models import Sector
from partners.models import Agreement, Delegation, Membership, Organization


class SectorChoiceField(forms.ModelMultipleChoiceField):
    """Leaf sectors grouped under their parent, named in the visitor's language."""

    def __init__(self, **kwargs):
        kwargs.setdefault("queryset", Sector.objects.filter(parent__isnull=False))
        kwargs.setdefault("widget", forms.SelectMultiple(attrs={"size": 10}))
        super().__init__(**kwargs)

    def label_from_instance(self, obj):
        return obj.name


class OrganizationFieldsMixin:
    def clean(self):
        cleaned = super().clean()
        country, kind = cleaned.get("country"), cleaned.get("kind")
        tax_code = cleaned.get("tax_code") or ""
        if country and str(country) != "VN" and tax_code:
            self.add_error("tax_code", _("Only Vietnamese organisations have a tax code here."))
        if str(country) == "VN" and kind in Organization.COMPANY_KINDS and not tax_code:
            self.add_error("tax_code", _("A Vietnamese firm must give its tax code."))
        return cleaned


class OrganizationForm(OrganizationFieldsMixin, forms.ModelForm):
    sectors = SectorChoiceField(label=_("Sectors"), required=False)

    class Meta:
        model = Organization
        fields = [
            "name",
            "name_en",
            "country",
            "kind",
            "size",
            "tax_code",
            "website",
            "email",
            "phone",
            "address",
            "province",
            "description",
            "description_en",
            "sectors",
            "logo",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 4}),
            "description_en": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # A plain file field: clean_logo checks size, type and picture (with Pillow) in that
        # order, so an oversized logo is told it is too large, not that it is no image.
        image_field = self.fields["logo"]
        self.fields["logo"] = forms.FileField(
            label=image_field.label,
            required=False,
            widget=image_field.widget,
            help_text=image_field.help_text,
        )

    def clean_logo(self):
        return clean_image(self.cleaned_data["logo"])


class SignUpForm(OrganizationFieldsMixin, PasswordFieldsMixin, forms.ModelForm):
    """An organisation and its first administrator, in one form."""

    sectors = SectorChoiceField(label=_("Sectors"), required=False)
    full_name = forms.CharField(label=_("Your full name"), max_length=150)
    job_title = forms.CharField(label=_("Your job title"), max_length=150, required=False)
    email = forms.EmailField(label=_("Your email address"))
    language = forms.ChoiceField(
        label=_("Preferred language"), choices=User._meta.get_field("language").choices
    )

    class Meta:
        model = Organization
        fields = [
            "name",
            "name_en",
            "country",
            "kind",
            "size",
            "tax_code",
            "province",
            "website",
            "sectors",
        ]

    field_order = [
        "name",
        "name_en",
        "country",
        "kind",
        "size",
        "tax_code",
        "province",
        "website",
        "sectors",
        "full_name",
        "job_title",
        "email",
        "language",
        "password1",
        "password2",
    ]

    def clean_email(self):
        email = self.cleaned_data["email"].strip().lower()
        if User.objects.filter(email__iexact=email).exists():
            raise forms.ValidationError(
                _("An account with this email already exists. Log in, or reset your password.")
            )
        return email

    def clean(self):
        cleaned = super().clean()
        self.validate_password_for(
            User(email=cleaned.get("email", ""), full_name=cleaned.get("full_name", ""))
        )
        return cleaned

    def organization_fields(self) -> dict:
        return {name: self.cleaned_data[name] for name in self._meta.fields if name != "sectors"}


class InvitationForm(forms.Form):
    email = forms.EmailField(label=_("Email address"))
    role = forms.ChoiceField(
        label=_("Role"), choices=Membership.Role.choices, initial=Membership.Role.MEMBER
    )


class AcceptInvitationForm(PasswordFieldsMixin, forms.Form):
    full_name = forms.CharField(label=_("Your full name"), max_length=150)
    language = forms.ChoiceField(
        label=_("Preferred language"), choices=User._meta.get_field("language").choices
    )
    field_order = ["full_name", "language", "password1", "password2"]

    def __init__(self, *args, email: str, **kwargs):
        self.email = email
        super().__init__(*args, **kwargs)

    def clean(self):
        cleaned = super().clean()
        self.validate_password_for(User(email=self.email, full_name=cleaned.get("full_name", "")))
        return cleaned


# --- Officials' pages --------------------------------------------------------------------------

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _country_choices(empty_label):
    return [("", empty_label), *countries]


class OrganizationFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    country = forms.ChoiceField(label=_("Country"), required=False)
    kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=[("", _("All kinds")), *Organization.Kind.choices]
    )
    state = forms.ChoiceField(
        label=_("Verification"),
        required=False,
        choices=[
            ("", _("All")),
            ("to_verify", _("To verify")),
            ("returned", _("Sent back")),
            ("verified", _("Verified")),
        ],
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["country"].choices = _country_choices(_("All countries"))

    def filters(self) -> dict:
        data = self.cleaned_data if self.is_valid() else {}
        return {
            "text": data.get("q", ""),
            "country": data.get("country", ""),
            "kind": data.get("kind", ""),
            "state": data.get("state", ""),
        }


class ReturnForm(forms.Form):
    reason = forms.CharField(
        label=_("What must be corrected (sent to the organisation)"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class OrganizationLabelMixin:
    @staticmethod
    def organization_label(organization) -> str:
        return f"{organization.display_name} ({organization.country.code})"


class DelegationInviteForm(OrganizationLabelMixin, forms.Form):
    """An official invites a person into an existing organisation or a new foreign one."""

    email = forms.EmailField(label=_("Email address of the person invited"))
    organization = forms.ModelChoiceField(
        label=_("Existing organisation"),
        queryset=Organization.objects.order_by("name"),
        required=False,
        help_text=_("Or leave empty and name a new organisation below."),
    )
    new_name = forms.CharField(
        label=_("New organisation: name in its own language"), max_length=255, required=False
    )
    new_name_en = forms.CharField(
        label=_("New organisation: English name"), max_length=255, required=False
    )
    new_country = forms.ChoiceField(label=_("New organisation: country"), required=False)
    new_kind = forms.ChoiceField(
        label=_("New organisation: kind"),
        choices=Organization.Kind.choices,
        initial=Organization.Kind.SME,
        required=False,
    )
    role = forms.ChoiceField(
        label=_("Role in the organisation"),
        choices=Membership.Role.choices,
        initial=Membership.Role.ADMIN,
        help_text=_("An administrator completes the organisation's profile."),
    )
    delegation = forms.ModelChoiceField(
        label=_("Delegation"),
        queryset=Delegation.objects.order_by(F("arrives_on").desc(nulls_last=True), "name"),
        required=False,
        help_text=_("The organisation joins this delegation's members."),
    )
    language = forms.ChoiceField(
        label=_("Language of the invitation"),
        choices=User._meta.get_field("language").choices,
        initial="en",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].label_from_instance = self.organization_label
        self.fields["new_country"].choices = _country_choices("—")

    def clean(self):
        cleaned = super().clean()
        existing, name = cleaned.get("organization"), cleaned.get("new_name", "").strip()
        if existing and name:
            self.add_error("new_name", _("Choose an existing organisation or a new one, not both."))
        elif not existing and not name:
            self.add_error("organization", _("Choose an organisation or name a new one."))
        elif name:
            country = cleaned.get("new_country")
            if not country:
                self.add_error("new_country", _("Give the new organisation's country."))
            elif country == "VN":
                self.add_error(
                    "new_country",
                    _("Vietnamese organisations register themselves with their tax code."),
                )
        return cleaned

    def organization_fields(self) -> dict | None:
        if self.cleaned_data.get("organization"):
            return None
        return {
            "name": self.cleaned_data["new_name"].strip(),
            "name_en": self.cleaned_data["new_name_en"].strip(),
            "country": self.cleaned_data["new_country"],
            "kind": self.cleaned_data["new_kind"] or Organization.Kind.SME,
        }


class DelegationFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    country = forms.ChoiceField(label=_("Country"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["country"].choices = _country_choices(_("All countries"))

    def filters(self) -> dict:
        data = self.cleaned_data if self.is_valid() else {}
        return {"text": data.get("q", ""), "country": data.get("country", "")}


class DelegationForm(OrganizationLabelMixin, forms.ModelForm):
    events = forms.ModelMultipleChoiceField(
        label=_("Events"),
        queryset=None,
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )

    class Meta:
        model = Delegation
        fields = [
            "name",
            "name_en",
            "country",
            "lead_partner",
            "head",
            "head_name",
            "members",
            "arrives_on",
            "departs_on",
            "description",
            "events",
        ]
        widgets = {
            "arrives_on": DATE,
            "departs_on": DATE,
            "description": forms.Textarea(attrs={"rows": 3}),
            "members": forms.SelectMultiple(attrs={"size": 10}),
        }

    def __init__(self, *args, head_candidates, events, **kwargs):
        super().__init__(*args, **kwargs)
        organizations = Organization.objects.order_by("name")
        self.fields["lead_partner"].queryset = organizations
        self.fields["lead_partner"].label_from_instance = self.organization_label
        self.fields["members"].queryset = organizations
        self.fields["members"].label_from_instance = self.organization_label
        self.fields["head"].queryset = head_candidates
        self.fields["head"].label_from_instance = lambda user: f"{user.full_name} <{user.email}>"
        self.fields["head"].help_text = _(
            "A member of the lead partner or of a member organisation, with an account: they "
            "see the delegation's registrations and meetings."
        )
        self.fields["events"].queryset = events
        self.fields["events"].label_from_instance = lambda event: (
            f"{event.display_title} ({event.starts_on:%d/%m/%Y})"
        )
        if self.instance.pk:
            self.initial["events"] = list(self.instance.events.values_list("pk", flat=True))

    def clean(self):
        cleaned = super().clean()
        arrives, departs = cleaned.get("arrives_on"), cleaned.get("departs_on")
        if arrives and departs and departs < arrives:
            self.add_error("departs_on", _("The departure must not be before the arrival."))
        return cleaned


class AgreementFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("All")), *Agreement.Status.choices]
    )
    kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=[("", _("All kinds")), *Agreement.Kind.choices]
    )
    partner = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def filters(self) -> dict:
        data = self.cleaned_data if self.is_valid() else {}
        return {
            "text": data.get("q", ""),
            "status": data.get("status", ""),
            "kind": data.get("kind", ""),
            "partner": data.get("partner"),
        }


_ENDED = (Agreement.Status.EXPIRED, Agreement.Status.TERMINATED)


class AgreementForm(OrganizationLabelMixin, forms.ModelForm):
    sectors = SectorsField(label=_("Sectors"), required=False)
    document = forms.FileField(
        label=_("Document"),
        required=False,
        help_text=_("PDF, Office document or image, at most 10 MB. Replaces the current one."),
    )

    class Meta:
        model = Agreement
        fields = [
            "title",
            "title_en",
            "kind",
            "partner",
            "counterpart",
            "follows",
            "expected_on",
            "signed_on",
            "starts_on",
            "ends_on",
            "summary",
        ]
        widgets = {
            "expected_on": DATE,
            "signed_on": DATE,
            "starts_on": DATE,
            "ends_on": DATE,
            "summary": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        organizations = Organization.objects.order_by("name")
        self.fields["partner"].queryset = organizations
        self.fields["partner"].label_from_instance = self.organization_label
        self.fields["counterpart"].queryset = organizations.filter(country="VN")
        self.fields["counterpart"].label_from_instance = self.organization_label
        earlier = Agreement.objects.select_related("partner").order_by("-created_at")
        if self.instance.pk:
            earlier = earlier.exclude(pk=self.instance.pk)
        self.fields["follows"].queryset = earlier
        self.fields["follows"].label_from_instance = lambda agreement: (
            f"{agreement.display_title} · {agreement.partner.display_name} "
            f"({agreement.get_kind_display()})"
        )
        # Signing and entry into force are recorded by the status steps; once reached, their
        # dates may be corrected here.
        status = self.instance.status
        if status not in (Agreement.Status.SIGNED, Agreement.Status.ACTIVE, *_ENDED):
            del self.fields["signed_on"]
        if status not in (Agreement.Status.ACTIVE, *_ENDED):
            del self.fields["starts_on"]
        if self.instance.pk:
            self.initial["sectors"] = list(self.instance.sectors.values_list("code", flat=True))

    def clean(self):
        cleaned = super().clean()
        starts = cleaned.get("starts_on", self.instance.starts_on)
        ends = cleaned.get("ends_on")
        if starts and ends and ends < starts:
            self.add_error("ends_on", _("The end must not be before the start."))
        partner, counterpart = cleaned.get("partner"), cleaned.get("counterpart")
        if partner and counterpart and partner == counterpart:
            self.add_error("counterpart", _("The two parties must be different organisations."))
        return cleaned


class AgreementTransitionForm(forms.Form):
    to = forms.ChoiceField(label=_("Next step"))
    on = forms.DateField(
        label=_("Date of this step"),
        required=False,
        widget=DATE,
        help_text=_("Signing date, first day in force, or last day. Empty: the usual default."),
    )
    ends_on = forms.DateField(
        label=_("In force until (when it comes into force)"), required=False, widget=DATE
    )

    def __init__(self, *args, statuses, **kwargs):
        super().__init__(*args, **kwargs)
        labels = dict(Agreement.Status.choices)
        self.fields["to"].choices = [(status, labels[status]) for status in statuses]
