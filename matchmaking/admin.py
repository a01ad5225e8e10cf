from django.contrib import admin

from audit.admin_mixins import AuditedAdmin
from matchmaking.models import (
    Deal,
    MatchScore,
    ScoringRun,
    Sector,
    TechnologyNeed,
    TechnologyOffer,
    TransferMode,
)


@admin.register(Sector)
class SectorAdmin(admin.ModelAdmin):
    list_display = ["code", "name_vi", "name_en", "parent"]
    list_filter = ["parent"]
    search_fields = ["code", "name_vi", "name_en"]


@admin.register(TransferMode)
class TransferModeAdmin(admin.ModelAdmin):
    list_display = ["code", "name_vi", "name_en"]


@admin.register(TechnologyOffer)
class TechnologyOfferAdmin(AuditedAdmin, admin.ModelAdmin):
    list_display = ["reference", "title", "organization", "trl", "status", "published_at"]
    list_filter = [
        "status",
        "trl",
        "ip_status",
        "language",
        "sectors__parent",
        "organization__country",
    ]
    search_fields = ["reference", "title", "title_en", "summary", "organization__name"]
    autocomplete_fields = ["organization", "sectors", "created_by"]
    readonly_fields = ["reference", "created_at", "updated_at"]
    # Brochures are uploaded on the offer's page, where their content is checked.
    exclude = ["brochure"]
    filter_horizontal = ["transfer_modes"]
    list_select_related = ["organization"]


@admin.register(TechnologyNeed)
class TechnologyNeedAdmin(AuditedAdmin, admin.ModelAdmin):
    list_display = [
        "reference",
        "title",
        "organization",
        "min_trl",
        "visibility",
        "status",
        "deadline",
    ]
    list_filter = ["status", "visibility", "language", "sectors__parent", "organization__country"]
    search_fields = ["reference", "title", "title_en", "description", "organization__name"]
    autocomplete_fields = ["organization", "sectors", "created_by"]
    readonly_fields = ["reference", "created_at", "updated_at"]
    filter_horizontal = ["transfer_modes"]
    list_select_related = ["organization"]


@admin.register(MatchScore)
class MatchScoreAdmin(admin.ModelAdmin):
    list_display = ["offer", "need", "score", "algorithm_version", "computed_at"]
    list_filter = ["algorithm_version"]
    search_fields = ["offer__title", "need__title", "offer__reference", "need__reference"]
    raw_id_fields = ["offer", "need", "run"]
    list_select_related = ["offer", "need"]


@admin.register(ScoringRun)
class ScoringRunAdmin(admin.ModelAdmin):
    list_display = [
        "id",
        "kind",
        "status",
        "done",
        "total",
        "pairs_kept",
        "created_at",
        "finished_at",
    ]
    list_filter = ["kind", "status"]


@admin.register(Deal)
class DealAdmin(AuditedAdmin, admin.ModelAdmin):
    list_display = [
        "__str__",
        "supplier",
        "seeker",
        "stage",
        "contract_value",
        "currency",
        "signed_on",
    ]
    list_filter = ["stage", "currency", "supplier__country"]
    search_fields = ["title", "supplier__name", "seeker__name"]
    autocomplete_fields = ["supplier", "seeker", "offer", "need"]
    raw_id_fields = ["source_meeting"]
    date_hierarchy = "signed_on"
