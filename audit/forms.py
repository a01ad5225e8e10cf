from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from audit.models import AuditEntry
from audit.selectors import audit_actions

APPS = [
    ("", _("All")),
    ("events", _("Events and schedules")),
    ("partners", _("Organisations and verification")),
    ("matchmaking", _("Offers, needs and deals")),
]


class AuditFilterForm(forms.Form):
    actor = forms.ModelChoiceField(
        label=_("Who"),
        queryset=get_user_model().objects.none(),
        required=False,
        empty_label=_("Anyone"),
    )
    app = forms.ChoiceField(label=_("Area"), choices=APPS, required=False)
    action = forms.ChoiceField(label=_("Action"), required=False)
    since = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    until = forms.DateField(
        label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["actor"].queryset = (
            get_user_model()
            .objects.filter(pk__in=AuditEntry.objects.values("actor_id"))
            .order_by("full_name", "email")
        )
        self.fields["actor"].label_from_instance = lambda u: u.get_full_name() or u.email
        self.fields["action"].choices = [("", _("All"))] + [(a, a) for a in audit_actions()]

    def filters(self) -> dict:
        if not self.is_valid():
            return {}
        data = self.cleaned_data
        return {
            "actor": data["actor"].pk if data.get("actor") else None,
            "app": data.get("app") or "",
            "action": data.get("action") or "",
            "since": data.get("since"),
            "until": data.get("until"),
        }
