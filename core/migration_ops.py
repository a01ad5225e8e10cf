"""Migration operations for invariants Django cannot declare: SQL per database vendor."""

from django.db import migrations


class VendorSQL(migrations.RunSQL):
    """``RunSQL`` whose statements depend on the database vendor.

    ``sql`` and ``reverse_sql`` map a vendor ("postgresql", "sqlite") to a list of statements;
    a vendor without an entry gets nothing, like a no-op.
    """

    def __init__(self, sql: dict[str, list[str]], reverse_sql: dict[str, list[str]], **kwargs):
        self.vendor_sql = sql
        self.vendor_reverse_sql = reverse_sql
        super().__init__(sql=[], reverse_sql=[], **kwargs)

    def deconstruct(self):
        name, args, kwargs = super().deconstruct()
        kwargs["sql"] = self.vendor_sql
        kwargs["reverse_sql"] = self.vendor_reverse_sql
        return name, args, kwargs

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        self._run(app_label, schema_editor, self.vendor_sql)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        self._run(app_label, schema_editor, self.vendor_reverse_sql)

    def _run(self, app_label, schema_editor, statements_by_vendor):
        from django.db import router

        if not router.allow_migrate(schema_editor.connection.alias, app_label, **self.hints):
            return
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement, params=None)

    @property
    def reversible(self):
        return True

    def describe(self):
        return "Vendor-specific SQL"
