from django.contrib import admin

from audit.admin_mixins import AuditedAdmin
from events.models import (
    Event,
    EventSession,
    Feedback,
    InterpreterCapacity,
    Meeting,
    MeetingRequest,
    Registration,
    ScheduleRun,
    Slot,
    Table,
)


class SessionInline(admin.TabularInline):
    model = EventSession
    extra = 0


class TableInline(admin.TabularInline):
    model = Table
    extra = 0
    raw_id_fields = ["host"]


class InterpreterInline(admin.TabularInline):
    model = InterpreterCapacity
    extra = 0


@admin.register(Event)
class EventAdmin(AuditedAdmin, admin.ModelAdmin):
    list_display = ["title", "kind", "starts_on", "city", "host", "status"]
    list_filter = ["status", "kind", "starts_on"]
    search_fields = ["title", "title_en", "venue", "host__name"]
    autocomplete_fields = ["host", "partners", "delegations", "sectors", "created_by"]
    date_hierarchy = "starts_on"
    inlines = [SessionInline, TableInline, InterpreterInline]


@admin.register(Slot)
class SlotAdmin(AuditedAdmin, admin.ModelAdmin):
    list_display = ["event", "starts_at", "ends_at", "session"]
    list_filter = ["event"]
    list_select_related = ["event", "session"]


@admin.register(Registration)
class RegistrationAdmin(AuditedAdmin, admin.ModelAdmin):
    list_display = ["organization", "event", "role", "status", "checked_in_at"]
    list_filter = ["status", "role", "event", "organization__country"]
    search_fields = ["organization__name", "organization__name_en", "event__title"]
    autocomplete_fields = [
        "organization",
        "event",
        "delegation",
        "offers",
        "needs",
        "registered_by",
    ]
    list_select_related = ["organization", "event"]


@admin.register(MeetingRequest)
class MeetingRequestAdmin(AuditedAdmin, admin.ModelAdmin):
    list_display = ["requester", "recipient", "priority", "status", "created_at"]
    list_filter = ["status", "priority", "event"]
    search_fields = ["requester__organization__name", "recipient__organization__name"]
    raw_id_fields = ["requester", "recipient", "offer", "need"]


@admin.register(Meeting)
class MeetingAdmin(AuditedAdmin, admin.ModelAdmin):
    list_display = ["__str__", "event", "slot", "table", "status", "origin", "locked"]
    list_filter = ["status", "origin", "locked", "event"]
    search_fields = ["registration_a__organization__name", "registration_b__organization__name"]
    raw_id_fields = ["slot", "table", "registration_a", "registration_b", "request", "run"]
    list_select_related = [
        "event",
        "slot",
        "table",
        "registration_a__organization",
        "registration_b__organization",
    ]


@admin.register(ScheduleRun)
class ScheduleRunAdmin(admin.ModelAdmin):
    list_display = ["event", "status", "solver_status", "gap", "seconds", "created_at"]
    list_filter = ["status", "event"]
    readonly_fields = ["objective", "bound", "counts", "log"]


@admin.register(Feedback)
class FeedbackAdmin(admin.ModelAdmin):
    list_display = ["meeting", "registration", "stage", "interest", "next_step", "outcome"]
    list_filter = ["stage", "next_step", "outcome"]
    raw_id_fields = ["meeting", "registration"]
