"""Forms of the deal pages."""

from django import forms
from django.utils.translation import gettext_lazy as _

from matchmaking.models import Deal, TechnologyNeed, TechnologyOffer


class DealForm(forms.ModelForm):
    """A deal's editable fields; its two organisations and source meeting stay as they are
    (see ``matchmaking.services.deals.deal_save``)."""

    class Meta:
        model = Deal
        fields = [
            "title",
            "stage",
            "offer",
            "need",
            "contract_value",
            "currency",
            "signed_on",
            "rate_to_vnd",
            "notes",
        ]
        widgets = {
            "signed_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "notes": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "contract_value": _("In the contract's currency; required once it is signed."),
            "rate_to_vnd": _(
                "VND per unit of the contract currency on the signing date; left empty, the "
                "portal's rate of the day is used when the deal is signed."
            ),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        deal = self.instance
        self.fields["offer"].queryset = TechnologyOffer.objects.filter(
            organization_id=deal.supplier_id
        ).order_by("title")
        self.fields["need"].queryset = TechnologyNeed.objects.filter(
            organization_id=deal.seeker_id
        ).order_by("title")
        self.fields["offer"].label_from_instance = lambda o: o.display_title
        self.fields["need"].label_from_instance = lambda n: n.display_title


class DealMoveForm(forms.Form):
    stage = forms.ChoiceField(label=_("Stage"), choices=Deal.Stage.choices)


class DealFilterForm(forms.Form):
    """The officials' board: deals of one partner country (either side)."""

    country = forms.ChoiceField(label=_("Country"), required=False)

    def __init__(self, *args, **kwargs):
        from django_countries import countries

        super().__init__(*args, **kwargs)
        self.fields["country"].choices = [("", _("All countries")), *countries]
