"""Back up the PostgreSQL database and prove the backup restores (docs/operations.md).

    manage.py backup_database [--output FILE] [--no-verify] [--keep-restored]

1. In one REPEATABLE READ transaction, export a snapshot and count the rows of every table;
2. ``pg_dump --format=custom --snapshot=…`` writes exactly that state (the portal keeps
   running: the counts and the dump see the same rows);
3. unless ``--no-verify``: ``pg_restore`` into a new database ``<name>_restore_check``, count
   its rows the same way, print both per table and fail (exit status 1) on any difference;
   the restored database is dropped afterwards unless ``--keep-restored``.

Needs the PostgreSQL client programs (pg_dump, pg_restore, createdb, dropdb) of the server's
major version, and a role that may create databases for the verification.
"""

from __future__ import annotations

import os
import subprocess
from datetime import datetime
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

COUNT_EVERY_TABLE = """
SELECT table_schema || '.' || table_name,
       (xpath('/row/n/text()', query_to_xml(
           format('SELECT count(*) AS n FROM %I.%I', table_schema, table_name),
           false, true, '')))[1]::text::bigint
FROM information_schema.tables
WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema')
ORDER BY 1
"""


def _libpq_env(database: dict) -> dict[str, str]:
    env = dict(os.environ)
    for variable, key in (
        ("PGHOST", "HOST"),
        ("PGPORT", "PORT"),
        ("PGUSER", "USER"),
        ("PGPASSWORD", "PASSWORD"),
    ):
        if database.get(key):
            env[variable] = str(database[key])
    return env


def _connect(database: dict, name: str):
    import psycopg2

    return psycopg2.connect(
        dbname=name,
        host=database.get("HOST") or None,
        port=database.get("PORT") or None,
        user=database.get("USER") or None,
        password=database.get("PASSWORD") or None,
    )


def _counts(cursor) -> dict[str, int]:
    cursor.execute(COUNT_EVERY_TABLE)
    return dict(cursor.fetchall())


class Command(BaseCommand):
    help = (
        "Dump the PostgreSQL database (pg_dump, custom format), restore the dump into a new "
        "database and compare the row counts of every table."
    )

    def add_arguments(self, parser):
        parser.add_argument("--output", help="dump file (default var/backups/<db>-<time>.dump)")
        parser.add_argument("--no-verify", action="store_true", help="only write the dump")
        parser.add_argument(
            "--keep-restored", action="store_true", help="keep the restored database"
        )

    def handle(self, *args, output, no_verify, keep_restored, **options):
        if connection.vendor != "postgresql":
            raise CommandError("backup_database works on PostgreSQL (DATABASE_URL=postgres://…).")
        database = connection.settings_dict
        name = database["NAME"]
        env = _libpq_env(database)
        path = Path(output) if output else self._default_path(name)
        path.parent.mkdir(parents=True, exist_ok=True)

        source = _connect(database, name)
        try:
            source.set_session(isolation_level="REPEATABLE READ", readonly=True)
            with source.cursor() as cursor:
                cursor.execute("SELECT pg_export_snapshot()")
                snapshot = cursor.fetchone()[0]
                expected = _counts(cursor)
                self._run(
                    [
                        "pg_dump",
                        "--format=custom",
                        f"--snapshot={snapshot}",
                        f"--file={path}",
                        name,
                    ],
                    env,
                )
        finally:
            source.close()
        rows = sum(expected.values())
        self.stdout.write(
            f"Dump written: {path} ({path.stat().st_size:,} bytes, {len(expected)} tables, "
            f"{rows:,} rows)."
        )
        if no_verify:
            return

        scratch = f"{name}_restore_check"[:63]
        self._run(["dropdb", "--if-exists", scratch], env)
        self._run(["createdb", scratch], env)
        try:
            self._run(
                [
                    "pg_restore",
                    "--no-owner",
                    "--no-privileges",
                    "--exit-on-error",
                    f"--dbname={scratch}",
                    str(path),
                ],
                env,
            )
            restored_connection = _connect(database, scratch)
            try:
                with restored_connection.cursor() as cursor:
                    restored = _counts(cursor)
            finally:
                restored_connection.close()
        finally:
            if not keep_restored:
                self._run(["dropdb", "--if-exists", scratch], env)
        self._report(expected, restored, scratch if keep_restored else None)

    def _default_path(self, name: str) -> Path:
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        return Path(settings.VAR_DIR) / "backups" / f"{name}-{stamp}.dump"

    def _run(self, command: list[str], env: dict[str, str]) -> None:
        try:
            subprocess.run(command, env=env, check=True, capture_output=True, text=True)
        except FileNotFoundError:
            raise CommandError(f"{command[0]} is not installed (PostgreSQL client).") from None
        except subprocess.CalledProcessError as exc:
            raise CommandError(f"{command[0]} failed: {exc.stderr.strip()[-2000:]}") from None

    def _report(self, expected: dict[str, int], restored: dict[str, int], kept: str | None):
        width = max(map(len, expected | restored), default=5)
        self.stdout.write(f"{'table':<{width}} {'database':>10} {'restored':>10}")
        differences = []
        for table in sorted(expected.keys() | restored.keys()):
            before, after = expected.get(table), restored.get(table)
            mark = "" if before == after else "  <-- differs"
            if mark:
                differences.append(table)
            self.stdout.write(
                f"{table:<{width}} {before if before is not None else '-':>10} "
                f"{after if after is not None else '-':>10}{mark}"
            )
        if kept:
            self.stdout.write(f"The restored database {kept} was kept.")
        if differences:
            raise CommandError(
                f"The restored copy differs in {len(differences)} table(s): "
                + ", ".join(differences)
            )
        self.stdout.write(
            self.style.SUCCESS(
                f"Restore verified: {len(expected)} tables, "
                f"{sum(expected.values()):,} rows, the same in the copy."
            )
        )
