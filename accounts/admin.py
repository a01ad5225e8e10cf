from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from partners.models import Membership

# What makes an account powerful: only a superuser may grant or take it away.
PRIVILEGE_FIELDS = ("is_staff", "is_superuser", "groups", "user_permissions")


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["organization"]


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    ordering = ["email"]
    list_display = ["email", "full_name", "language", "is_staff", "is_active", "date_joined"]
    list_filter = ["is_staff", "is_superuser", "is_active", "language", "groups"]
    search_fields = ["email", "full_name", "memberships__organization__name"]
    inlines = [MembershipInline]
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        (_("Personal info"), {"fields": ("full_name", "job_title", "phone", "language")}),
        (
            _("Permissions"),
            {"fields": ("is_active", "is_staff", "is_superuser", "groups", "user_permissions")},
        ),
        (_("Important dates"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = (
        (None, {"classes": ("wide",), "fields": ("email", "full_name", "password1", "password2")}),
    )

    def get_readonly_fields(self, request, obj=None):
        readonly = tuple(super().get_readonly_fields(request, obj))
        if request.user.is_superuser:
            return readonly
        return readonly + PRIVILEGE_FIELDS

    @staticmethod
    def _out_of_reach(request, obj) -> bool:
        """Officials may change people's details and their own account, never another
        official's or a superuser's: its email or password would hand them that account
        (and whatever it may do that theirs may not), with nothing to show who acted."""
        if obj is None or request.user.is_superuser:
            return False
        return obj.is_superuser or (obj.is_staff and obj.pk != request.user.pk)

    def has_change_permission(self, request, obj=None):
        if self._out_of_reach(request, obj):
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        if self._out_of_reach(request, obj):
            return False
        return super().has_delete_permission(request, obj)
