from django import forms
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from events.models import Event
from matchmaking.forms import sector_choices
from reports.selectors import Filters


class ReportFilterForm(forms.Form):
    year_from = forms.IntegerField(
        label=_("From year"), required=False, min_value=1990, max_value=2100
    )
    year_to = forms.IntegerField(label=_("To year"), required=False, min_value=1990, max_value=2100)
    country = forms.ChoiceField(label=_("Partner country"), required=False)
    sector = forms.ChoiceField(label=_("Sector"), required=False)
    kind = forms.ChoiceField(
        label=_("Event kind"), required=False, choices=[("", _("All kinds")), *Event.Kind.choices]
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["country"].choices = [("", _("All countries")), *countries]
        self.fields["sector"].choices = [("", _("All sectors")), *sector_choices()]

    def clean(self):
        data = super().clean()
        start, end = data.get("year_from"), data.get("year_to")
        if start and end and start > end:
            self.add_error("year_to", _("The last year comes after the first."))
        return data

    def filters(self) -> Filters:
        if not self.is_bound or not self.is_valid():
            return Filters()
        data = self.cleaned_data
        return Filters(
            year_from=data.get("year_from"),
            year_to=data.get("year_to"),
            country=data.get("country") or "",
            sector=data.get("sector") or "",
            kind=data.get("kind") or "",
        )
