"""PostgreSQL: a stored tsvector of the search document, so ranking reads a column instead of
re-parsing every matching record's text (the expression index of 0005 could filter, not rank)."""

from django.db import migrations

from core.migration_ops import VendorSQL

TABLES = ("matchmaking_technologyoffer", "matchmaking_technologyneed")

FORWARD = [
    statement
    for table in TABLES
    for statement in (
        f"DROP INDEX IF EXISTS {table}_search_fts",
        f"ALTER TABLE {table} ADD COLUMN search_vector tsvector GENERATED ALWAYS AS "
        f"(to_tsvector('simple'::regconfig, COALESCE(search_document, ''))) STORED",
        f"CREATE INDEX {table}_search_vector ON {table} USING gin (search_vector)",
    )
]
BACKWARD = [
    statement
    for table in TABLES
    for statement in (
        f"DROP INDEX IF EXISTS {table}_search_vector",
        f"ALTER TABLE {table} DROP COLUMN search_vector",
        f"CREATE INDEX {table}_search_fts ON {table} USING gin "
        f"(to_tsvector('simple'::regconfig, COALESCE(search_document, '')))",
    )
]


class Migration(migrations.Migration):
    dependencies = [("matchmaking", "0006_updated_at_index")]

    operations = [VendorSQL(sql={"postgresql": FORWARD}, reverse_sql={"postgresql": BACKWARD})]
