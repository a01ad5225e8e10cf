import re

from django import forms
from django.utils.translation import gettext_lazy as _

from core.uploads import clean_document
from matchmaking.models import Sector, TechnologyNeed, TechnologyOffer, TransferMode


def sector_choices() -> list:
    """Sectors grouped by parent; a parent itself can be chosen to mean all of its leaves."""
    sectors = list(Sector.objects.all())
    groups: dict[str, list] = {}
    parents = [s for s in sectors if s.parent_id is None]
    for sector in sectors:
        if sector.parent_id:
            groups.setdefault(sector.parent_id, []).append((sector.code, sector.name))
    return [
        (
            parent.name,
            [
                (parent.code, _("%(sector)s — all") % {"sector": parent.name}),
                *groups.get(parent.code, []),
            ],
        )
        for parent in parents
    ]


class SectorsField(forms.MultipleChoiceField):
    def __init__(self, **kwargs):
        kwargs.setdefault("choices", sector_choices)
        kwargs.setdefault("widget", forms.SelectMultiple(attrs={"size": 8}))
        super().__init__(**kwargs)

    def prepare_value(self, value):
        if value and not isinstance(value, str):
            return [getattr(item, "code", item) for item in value]
        return value


class KeywordsField(forms.CharField):
    """Keywords typed as one line separated by commas or semicolons; stored as a list."""

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("max_length", 500)
        kwargs.setdefault(
            "help_text", _("Separated by commas, e.g. shrimp farming, recirculating, RAS.")
        )
        super().__init__(**kwargs)

    def prepare_value(self, value):
        if isinstance(value, list):
            return ", ".join(value)
        return value

    def to_python(self, value):
        text = super().to_python(value)
        words = [word.strip() for word in re.split(r"[,;\n]", text or "")]
        unique = list(dict.fromkeys(word for word in words if word))
        if len(unique) > 20:
            raise forms.ValidationError(_("At most 20 keywords."))
        return unique


class RangeMixin:
    """Refuses a lower bound above the upper one, naming the fields the user typed."""

    range_fields: tuple[str, str] = ("", "")

    def clean(self):
        cleaned = super().clean()
        low_name, high_name = self.range_fields
        low, high = cleaned.get(low_name), cleaned.get(high_name)
        if low is not None and high is not None and low > high:
            self.add_error(high_name, _("The upper bound must not be below the lower bound."))
        return cleaned


class OrganizationChoiceMixin:
    """The record's organisation: one of the user's, asked only when there are several."""

    def setup_organization(self, organizations):
        field = self.fields["organization"]
        field.queryset = organizations
        field.empty_label = None
        if organizations.count() == 1:
            field.widget = forms.HiddenInput()
            if not self.initial.get("organization"):
                # A new record's model_to_dict gives None, which would hide the only choice.
                self.initial["organization"] = organizations.first().pk


class NeedForm(OrganizationChoiceMixin, RangeMixin, forms.ModelForm):
    range_fields = ("budget_min", "budget_max")
    sectors = SectorsField(label=_("Sectors"))
    keywords = KeywordsField(label=_("Keywords"))
    transfer_modes = forms.ModelMultipleChoiceField(
        label=_("Wanted transfer modes"),
        queryset=TransferMode.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = TechnologyNeed
        fields = [
            "organization",
            "title",
            "description",
            "title_en",
            "summary_en",
            "keywords",
            "sectors",
            "min_trl",
            "transfer_modes",
            "budget_min",
            "budget_max",
            "currency",
            "deadline",
            "preferred_countries",
            "visibility",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 5}),
            "summary_en": forms.Textarea(attrs={"rows": 3}),
            "deadline": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }

    def __init__(self, *args, organizations, **kwargs):
        super().__init__(*args, **kwargs)
        self.setup_organization(organizations)


class OfferForm(OrganizationChoiceMixin, RangeMixin, forms.ModelForm):
    range_fields = ("price_min", "price_max")
    sectors = SectorsField(label=_("Sectors"))
    keywords = KeywordsField(label=_("Keywords"))
    transfer_modes = forms.ModelMultipleChoiceField(
        label=_("Transfer modes"),
        queryset=TransferMode.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = TechnologyOffer
        fields = [
            "organization",
            "language",
            "title",
            "summary",
            "title_en",
            "summary_en",
            "description",
            "keywords",
            "sectors",
            "trl",
            "transfer_modes",
            "ip_status",
            "price_min",
            "price_max",
            "currency",
            "target_countries",
            "brochure",
        ]
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 3}),
            "summary_en": forms.Textarea(attrs={"rows": 3}),
            "description": forms.Textarea(attrs={"rows": 6}),
        }

    def __init__(self, *args, organizations, **kwargs):
        super().__init__(*args, **kwargs)
        self.setup_organization(organizations)

    def clean_brochure(self):
        return clean_document(self.cleaned_data["brochure"])


class OfferImportForm(OrganizationChoiceMixin, forms.Form):
    """A delegation's spreadsheet of technologies (.xlsx or .csv) for one organisation."""

    organization = forms.ModelChoiceField(label=_("Organisation"), queryset=None)
    file = forms.FileField(
        label=_("Spreadsheet"),
        help_text=_("An Excel workbook (.xlsx) or a CSV file (UTF-8), at most 2 MB."),
        widget=forms.ClearableFileInput(
            attrs={
                "accept": ".xlsx,.csv,text/csv,application/vnd.ms-excel,"
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            }
        ),
    )

    def __init__(self, *args, organizations, **kwargs):
        super().__init__(*args, **kwargs)
        self.setup_organization(organizations)


class ReviewNoteForm(forms.Form):
    note = forms.CharField(
        label=_("What must change before publication"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
