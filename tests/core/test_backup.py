"""The backup command dumps the database, restores it into a new one and compares every table."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from matchmaking.models import TechnologyOffer
from tests.factories import OfferFactory


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_backup_restores_into_a_new_database_with_the_same_rows(tmp_path, capsys):
    if connection.vendor != "postgresql":
        pytest.skip("backups are of the PostgreSQL database")
    OfferFactory.create_batch(3)
    dump = tmp_path / "portal.dump"
    call_command("backup_database", output=str(dump))
    out = capsys.readouterr().out
    assert dump.stat().st_size > 0
    offers = TechnologyOffer.objects.count()
    line = next(
        row for row in out.splitlines() if row.startswith("public.matchmaking_technologyoffer ")
    )
    assert line.split() == ["public.matchmaking_technologyoffer", str(offers), str(offers)]
    assert "differs" not in out
    assert "Restore verified" in out
    scratch = f"{connection.settings_dict['NAME']}_restore_check"
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM pg_database WHERE datname = %s", [scratch])
        assert cursor.fetchone()[0] == 0  # the restored copy was dropped


def test_backup_needs_postgresql(db):
    if connection.vendor == "postgresql":
        pytest.skip("the refusal is for other databases")
    with pytest.raises(CommandError, match="PostgreSQL"):
        call_command("backup_database")
