from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from audit.admin_mixins import AuditedAdmin
from partners import services
from partners.models import Agreement, Delegation, Invitation, Membership, Organization


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["user"]


@admin.register(Organization)
class OrganizationAdmin(AuditedAdmin, admin.ModelAdmin):
    list_display = ["name", "name_en", "country", "kind", "size", "province", "verified"]
    list_filter = ["verified", "kind", "size", "country"]
    search_fields = ["name", "name_en", "tax_code", "email"]
    autocomplete_fields = ["sectors"]
    readonly_fields = ["verified_by", "verified_at", "created_at", "updated_at"]
    # Logos are uploaded on the organisation's page, where their content is checked.
    exclude = ["logo"]
    inlines = [MembershipInline]
    actions = ["verify"]

    @admin.action(description=_("Verify the selected organisations"))
    def verify(self, request, queryset):
        for organization in queryset.filter(verified=False):
            services.organization_verify(organization=organization, official=request.user)


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "organization", "role", "created_at"]
    list_filter = ["role"]
    search_fields = ["user__email", "user__full_name", "organization__name"]
    autocomplete_fields = ["user", "organization"]


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = ["email", "organization", "role", "invited_by", "expires_at", "accepted_at"]
    list_filter = ["role"]
    search_fields = ["email", "organization__name"]
    readonly_fields = ["token_hash", "accepted_at", "accepted_by"]
    autocomplete_fields = ["organization", "invited_by"]


@admin.register(Agreement)
class AgreementAdmin(AuditedAdmin, admin.ModelAdmin):
    list_display = ["title", "partner", "kind", "status", "signed_on", "expected_on", "ends_on"]
    list_filter = ["kind", "status", "partner__country"]
    search_fields = ["title", "title_en", "partner__name", "partner__name_en"]
    autocomplete_fields = ["partner", "counterpart", "follows", "sectors"]
    date_hierarchy = "signed_on"
    # Documents go through the agreement's page: checked on the way in, officials-only out.
    exclude = ["document"]


@admin.register(Delegation)
class DelegationAdmin(AuditedAdmin, admin.ModelAdmin):
    list_display = ["name", "country", "lead_partner", "head", "arrives_on", "departs_on"]
    list_filter = ["country"]
    search_fields = ["name", "name_en", "lead_partner__name", "head_name"]
    autocomplete_fields = ["lead_partner", "head", "members"]
