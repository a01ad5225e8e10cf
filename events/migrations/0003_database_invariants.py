"""Invariants of meetings that Django's constraints cannot express.

- the slot, the table and both registrations of a meeting (and both sides of a meeting request,
  and a table's fixed host) belong to the same event: composite foreign keys on PostgreSQL,
  triggers on SQLite;
- a participant has at most one non-cancelled meeting per slot: an exclusion constraint on
  PostgreSQL (deferrable, so a swap can run in one transaction), triggers on SQLite.

SQLite rebuilds a table on some later schema changes and drops its triggers then: a migration
that alters these tables must run this SQL again (tests/events/test_invariants.py catches it).
"""

from django.db import migrations

from core.migration_ops import VendorSQL

SAME_EVENT_FKS = [
    # (table, constraint, columns, referenced table)
    ("events_meeting", "meeting_registration_a_same_event", "registration_a_id", "events_registration"),
    ("events_meeting", "meeting_registration_b_same_event", "registration_b_id", "events_registration"),
    ("events_meeting", "meeting_slot_same_event", "slot_id", "events_slot"),
    ("events_meeting", "meeting_table_same_event", "table_id", "events_table"),
    ("events_meetingrequest", "request_requester_same_event", "requester_id", "events_registration"),
    ("events_meetingrequest", "request_recipient_same_event", "recipient_id", "events_registration"),
    ("events_table", "table_host_same_event", "host_id", "events_registration"),
]

PG_FORWARD = ["CREATE EXTENSION IF NOT EXISTS btree_gist"] + [
    f"ALTER TABLE {table} ADD CONSTRAINT {name} FOREIGN KEY ({column}, event_id) "
    f"REFERENCES {ref} (id, event_id)"
    for table, name, column, ref in SAME_EVENT_FKS
] + [
    "ALTER TABLE events_meeting ADD CONSTRAINT meeting_participant_once_per_slot "
    "EXCLUDE USING gist (slot_id WITH =, "
    "int8multirange(int8range(registration_a_id, registration_a_id, '[]'), "
    "int8range(registration_b_id, registration_b_id, '[]')) WITH &&) "
    "WHERE (status <> 'cancelled') DEFERRABLE INITIALLY IMMEDIATE"
]
PG_BACKWARD = ["ALTER TABLE events_meeting DROP CONSTRAINT meeting_participant_once_per_slot"] + [
    f"ALTER TABLE {table} DROP CONSTRAINT {name}" for table, name, _, _ in SAME_EVENT_FKS
]


def _sqlite_same_event(table, columns_refs, message):
    mismatch = " OR ".join(
        f"(NEW.{column} IS NOT NULL AND "
        f"(SELECT event_id FROM {ref} WHERE id = NEW.{column}) IS NOT NEW.event_id)"
        for column, ref in columns_refs
    )
    return [
        f"CREATE TRIGGER {table}_same_event_{when} BEFORE {when.upper()} ON {table} "
        f"WHEN {mismatch} BEGIN SELECT RAISE(ABORT, '{message}'); END"
        for when in ("insert", "update")
    ]


_OVERLAP = (
    "EXISTS (SELECT 1 FROM events_meeting m WHERE m.slot_id = NEW.slot_id "
    "AND m.status <> 'cancelled' {extra}"
    "AND (m.registration_a_id IN (NEW.registration_a_id, NEW.registration_b_id) "
    "OR m.registration_b_id IN (NEW.registration_a_id, NEW.registration_b_id)))"
)
SQLITE_FORWARD = [
    *_sqlite_same_event(
        "events_meeting",
        [
            ("registration_a_id", "events_registration"),
            ("registration_b_id", "events_registration"),
            ("slot_id", "events_slot"),
            ("table_id", "events_table"),
        ],
        "meeting: slot, table and participants must belong to the event",
    ),
    *_sqlite_same_event(
        "events_meetingrequest",
        [("requester_id", "events_registration"), ("recipient_id", "events_registration")],
        "meeting request: both participants must belong to the event",
    ),
    *_sqlite_same_event(
        "events_table",
        [("host_id", "events_registration")],
        "table: the fixed host must belong to the event",
    ),
    "CREATE TRIGGER events_meeting_participant_once_per_slot_insert BEFORE INSERT "
    "ON events_meeting WHEN NEW.status <> 'cancelled' AND " + _OVERLAP.format(extra="")
    + " BEGIN SELECT RAISE(ABORT, 'a participant already has a meeting in this slot'); END",
    "CREATE TRIGGER events_meeting_participant_once_per_slot_update BEFORE UPDATE "
    "ON events_meeting WHEN NEW.status <> 'cancelled' AND "
    + _OVERLAP.format(extra="AND m.id <> NEW.id ")
    + " BEGIN SELECT RAISE(ABORT, 'a participant already has a meeting in this slot'); END",
]
SQLITE_BACKWARD = [
    f"DROP TRIGGER IF EXISTS {name}"
    for name in (
        "events_meeting_same_event_insert",
        "events_meeting_same_event_update",
        "events_meetingrequest_same_event_insert",
        "events_meetingrequest_same_event_update",
        "events_table_same_event_insert",
        "events_table_same_event_update",
        "events_meeting_participant_once_per_slot_insert",
        "events_meeting_participant_once_per_slot_update",
    )
]


class Migration(migrations.Migration):
    dependencies = [("events", "0002_initial")]

    operations = [
        VendorSQL(
            sql={"postgresql": PG_FORWARD, "sqlite": SQLITE_FORWARD},
            reverse_sql={"postgresql": PG_BACKWARD, "sqlite": SQLITE_BACKWARD},
        )
    ]
