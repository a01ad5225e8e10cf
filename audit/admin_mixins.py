"""Changes made in the admin site leave audit entries too: the admin is an official's tool like
the portal's pages, and the log must not have a door that bypasses it."""

from __future__ import annotations

from django.db import models, transaction

import audit


def _fields(instance, names) -> list[str]:
    """The changed form fields the snapshot can hold: concrete columns, not many-to-many and
    not files (an upload is named among the changes, its content is not the log's business)."""
    concrete = {
        f.name for f in instance._meta.concrete_fields if not isinstance(f, models.FileField)
    }
    return [name for name in names if name in concrete]


class AuditedAdmin:
    """A ModelAdmin mixin: every add, change and delete is recorded as ``admin.<model>.<verb>``
    with the changed fields before and after (many-to-many and file changes are named, not
    valued)."""

    def _action(self, verb: str) -> str:
        return f"admin.{self.model._meta.model_name}.{verb}"

    def save_model(self, request, obj, form, change):
        names = _fields(obj, form.changed_data)
        m2m = [name for name in form.changed_data if name not in names]  # and files
        before = None
        if change and (names or m2m):
            stored = type(obj)._default_manager.filter(pk=obj.pk).first()
            before = audit.snapshot(stored, names) if stored is not None else None
        with transaction.atomic():
            super().save_model(request, obj, form, change)
            if change and not (names or m2m):
                return
            after = audit.snapshot(obj, names)
            if m2m:
                after["changed"] = m2m
            audit.record(
                actor=request.user,
                action=self._action("change" if change else "add"),
                target=obj,
                before=before,
                after=after,
            )

    def delete_model(self, request, obj):
        with transaction.atomic():
            self._record_delete(request, obj)
            super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        with transaction.atomic():
            for obj in queryset:
                self._record_delete(request, obj)
            super().delete_queryset(request, queryset)

    def _record_delete(self, request, obj) -> None:
        names = [
            f.name
            for f in obj._meta.concrete_fields
            if not f.primary_key and not isinstance(f, models.FileField | models.JSONField)
        ]
        audit.record(
            actor=request.user,
            action=self._action("delete"),
            target=obj,
            before=audit.snapshot(obj, names),
        )
