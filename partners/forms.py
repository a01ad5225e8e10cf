from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.forms import PasswordFieldsMixin
from accounts.models import User
from matchmaking.models import Sector
from partners.models import Membership, Organization


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
