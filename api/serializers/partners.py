from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from api.serializers import strict
from api.serializers.common import CountryCodeField, DownloadUrlField
from matchmaking.models import Sector
from partners.models import Organization

PUBLIC_FIELDS = [
    "id",
    "name",
    "name_en",
    "display_name",
    "country",
    "kind",
    "size",
    "website",
    "province",
    "description",
    "description_en",
    "sectors",
    "verified",
    "logo",
]


class OrganizationPublicSerializer(strict.ModelSerializer):
    """What anyone may see of an organisation (no contact details, no tax code)."""

    country = CountryCodeField(read_only=True)
    sectors = strict.SlugRelatedField(slug_field="code", many=True, read_only=True)
    logo = DownloadUrlField(source="logo_url")

    class Meta:
        model = Organization
        fields = PUBLIC_FIELDS
        # Not marked read-only (it is only ever used for output): the schema then keeps what
        # the fields may hold, e.g. an empty website or size.


class OrganizationSerializer(strict.ModelSerializer):
    """An organisation's full profile, for its members; its administrators may change it.

    Verification (``verified``, the reviewer's note) is the officials' business: read-only.
    """

    country = CountryCodeField(required=False)
    sectors = strict.SlugRelatedField(
        slug_field="code", many=True, queryset=Sector.objects.all(), required=False
    )
    logo = DownloadUrlField(source="logo_url")
    role = serializers.SerializerMethodField()

    class Meta:
        model = Organization
        fields = [
            *PUBLIC_FIELDS,
            "tax_code",
            "email",
            "phone",
            "address",
            "role",
            "verified_at",
            "review_note",
            "returned_at",
            "created_at",
            "updated_at",
        ]
        read_only_fields = [
            "id",
            "display_name",
            "verified",
            "verified_at",
            "review_note",
            "returned_at",
            "created_at",
            "updated_at",
        ]

    def get_role(self, organization) -> str | None:
        """The requesting person's role in the organisation (null for officials)."""
        return getattr(organization, "my_role", None)

    def validate(self, attrs):
        # The same rules as the profile form (partners.forms.OrganizationFieldsMixin).
        country = str(attrs.get("country", getattr(self.instance, "country", "VN")))
        kind = attrs.get("kind", getattr(self.instance, "kind", Organization.Kind.SME))
        tax_code = attrs.get("tax_code", getattr(self.instance, "tax_code", ""))
        if country != "VN" and tax_code:
            raise serializers.ValidationError(
                {"tax_code": _("Only Vietnamese organisations have a tax code here.")}
            )
        if country == "VN" and kind in Organization.COMPANY_KINDS and not tax_code:
            raise serializers.ValidationError(
                {"tax_code": _("A Vietnamese firm must give its tax code.")}
            )
        return attrs
