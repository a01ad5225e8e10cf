"""Writing match scores: COPY on PostgreSQL (millions of rows), batched inserts elsewhere.

Wording a pair's reasons costs tens of microseconds of Python, so a full recompute of 1.4 M pairs
spends about a minute here. Doing it in forked processes was tried and dropped: forking a process
that runs other threads (a live server, a broker heartbeat) can deadlock the children.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator

from django.db import connection
from django.utils import timezone

from matchmaking import scoring
from matchmaking.models import MatchScore, ScoringRun

WRITE_BATCH = 20_000
COPY_COLUMNS = (
    "offer_id, need_id, score, components, reasons, algorithm_version, run_id, computed_at"
)


def reasons_json(row: scoring.PairRow) -> list[dict]:
    return [{"code": code, "params": params} for code, params in row.reasons]


def _batches(rows: Iterable, size: int) -> Iterator[list]:
    batch = []
    for row in rows:
        batch.append(row)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _write_csv(rows: Iterable[scoring.PairRow], run_id: int, handle) -> None:
    writer = csv.writer(handle)
    now = timezone.now().isoformat()
    for r in rows:
        writer.writerow(
            [
                r.offer_id,
                r.need_id,
                r.score,
                json.dumps(r.components, separators=(",", ":")),
                json.dumps(reasons_json(r), ensure_ascii=False, separators=(",", ":")),
                scoring.ALGORITHM_VERSION,
                run_id,
                now,
            ]
        )


def _copy(handle) -> None:
    with connection.cursor() as cursor:
        cursor.cursor.copy_expert(
            f"COPY {MatchScore._meta.db_table} ({COPY_COLUMNS}) FROM STDIN WITH (FORMAT csv)",
            handle,
        )


def insert(rows: Iterable[scoring.PairRow], run: ScoringRun, *, heartbeat: bool = False) -> int:
    """Store pairs inside the caller's transaction: COPY on PostgreSQL, batched inserts else."""
    count = 0
    for batch in _batches(rows, WRITE_BATCH):
        if connection.vendor == "postgresql":
            buffer = io.StringIO()
            _write_csv(batch, run.pk, buffer)
            buffer.seek(0)
            _copy(buffer)
        else:
            MatchScore.objects.bulk_create(
                [
                    MatchScore(
                        offer_id=int(r.offer_id),
                        need_id=int(r.need_id),
                        score=r.score,
                        components=r.components,
                        reasons=reasons_json(r),
                        algorithm_version=scoring.ALGORITHM_VERSION,
                        run=run,
                    )
                    for r in batch
                ]
            )
        count += len(batch)
        if heartbeat:
            ScoringRun.objects.filter(pk=run.pk).update(heartbeat_at=timezone.now())
    return count


FLOOR_BATCH = 10_000


def update_floors(model, floors: dict[int, float]) -> None:
    """Set ``score_floor`` of each record ``pk`` to its value where it differs: on PostgreSQL
    one UPDATE per 10,000 records (joined to the arrays of ids and values), elsewhere one per
    distinct value. A full recompute sets 40,000 floors: that took 5,000 UPDATEs and 19 s."""
    if not floors:
        return
    if connection.vendor == "postgresql":
        table = connection.ops.quote_name(model._meta.db_table)
        items = list(floors.items())
        with connection.cursor() as cursor:
            for start in range(0, len(items), FLOOR_BATCH):
                chunk = items[start : start + FLOOR_BATCH]
                cursor.execute(
                    f"UPDATE {table} AS t SET score_floor = v.floor "
                    "FROM unnest(%s::bigint[], %s::double precision[]) AS v(id, floor) "
                    "WHERE t.id = v.id AND t.score_floor IS DISTINCT FROM v.floor",
                    [[pk for pk, _ in chunk], [floor for _, floor in chunk]],
                )
        return
    by_value: dict[float, list[int]] = {}
    for pk, floor in floors.items():
        by_value.setdefault(floor, []).append(pk)
    # Scores have 4 decimals, so there are at most 10,001 distinct floors: one UPDATE each.
    for floor, pks in by_value.items():
        for start in range(0, len(pks), 900):
            model.objects.filter(pk__in=pks[start : start + 900]).exclude(score_floor=floor).update(
                score_floor=floor
            )


def replace_all(result: scoring.RankResult, run: ScoringRun) -> int:
    """Replace every stored score by the pairs of `result`; call it inside a transaction so the
    old set stays readable (and comes back after a crash) until that transaction commits."""
    MatchScore.objects.all().delete()
    return insert(result.rows(), run, heartbeat=True)
