from rest_framework import serializers

from api.serializers import strict
from api.serializers.common import DownloadUrlField, KeywordsField, countries_field
from matchmaking import reasons
from matchmaking.models import MatchScore, Sector, TechnologyNeed, TechnologyOffer, TransferMode
from partners.models import Organization


class SectorSerializer(strict.ModelSerializer):
    parent = strict.SlugRelatedField(slug_field="code", read_only=True, allow_null=True)

    class Meta:
        model = Sector
        fields = ["code", "parent", "name", "name_vi", "name_en", "position"]


class TransferModeSerializer(strict.ModelSerializer):
    class Meta:
        model = TransferMode
        fields = ["code", "name", "name_vi", "name_en", "position"]


class _OrganizationRef(strict.ModelSerializer):
    class Meta:
        model = Organization
        fields = ["id", "display_name", "country"]


class _RecordSerializer(strict.ModelSerializer):
    """What offers and needs share. ``organization`` is chosen at creation among the person's
    own organisations (the service refuses another) and never changes afterwards."""

    organization = strict.PrimaryKeyRelatedField(
        queryset=Organization.objects.all(),
        required=False,
        help_text="The owning organisation; needed at creation only when you belong to several.",
    )
    organization_name = strict.CharField(source="organization.display_name", read_only=True)
    keywords = KeywordsField()
    sectors = strict.SlugRelatedField(
        slug_field="code", many=True, queryset=Sector.objects.all(), allow_empty=False
    )
    transfer_modes = strict.SlugRelatedField(
        slug_field="code", many=True, queryset=TransferMode.objects.all(), required=False
    )
    url = strict.CharField(source="get_absolute_url", read_only=True)

    RECORD_READ_ONLY = [
        "reference",
        "status",
        "review_note",
        "published_at",
        "created_at",
        "updated_at",
    ]


class OfferSerializer(_RecordSerializer):
    target_countries = countries_field(required=False)
    brochure = DownloadUrlField(source="brochure_url")

    class Meta:
        model = TechnologyOffer
        fields = [
            "reference",
            "organization",
            "organization_name",
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
            "status",
            "review_note",
            "published_at",
            "created_at",
            "updated_at",
            "url",
        ]
        read_only_fields = _RecordSerializer.RECORD_READ_ONLY


class NeedSerializer(_RecordSerializer):
    preferred_countries = countries_field(required=False)

    class Meta:
        model = TechnologyNeed
        fields = [
            "reference",
            "organization",
            "organization_name",
            "language",
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
            "status",
            "review_note",
            "published_at",
            "created_at",
            "updated_at",
            "url",
        ]
        read_only_fields = [*_RecordSerializer.RECORD_READ_ONLY, "language"]


class _RecordRef(serializers.Serializer):
    reference = strict.CharField()
    display_title = strict.CharField()
    organization_name = strict.CharField(source="organization.display_name")


class MatchScoreSerializer(strict.ModelSerializer):
    offer = _RecordRef(read_only=True)
    need = _RecordRef(read_only=True)
    reasons = serializers.SerializerMethodField()

    class Meta:
        model = MatchScore
        fields = ["id", "offer", "need", "score", "components", "reasons", "computed_at"]

    def get_reasons(self, score) -> list[str]:
        """Why the pair scores, in the request's language."""
        return [reasons.render(reason) for reason in score.reasons or []]
