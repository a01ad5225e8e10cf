"""Write actions on events, one module per stage of an event's life.

- ``setup``: the event, its sessions and slots, tables, interpreters; the status machine;
- ``registration``: organisations registering, officials approving or rejecting;
- ``requests``: meeting requests between participants, their answers and expiry;
- ``scheduling``: scheduler runs (started here, executed by the worker) and their results;
- ``schedule``: officials' changes to the schedule, and its publication.
- ``dayof``: the day of the event: check-in, meetings held or missed, last-minute meetings;
- ``feedback``: the after-event and six-month feedback, its daily emails, answers into deals.

Every view, command and task calls these functions; each one's docstring lists its side effects.
"""

from events.services.registration import (
    registration_approve,
    registration_cancel,
    registration_reject,
    registration_save,
)
from events.services.requests import (
    request_accept,
    request_decline,
    request_send,
    request_withdraw,
    requests_expire_due,
)
from events.services.schedule import (
    event_publish,
    meeting_add,
    meeting_cancel,
    meeting_lock,
    meeting_move,
    meeting_swap,
)
from events.services.scheduling import (
    schedule_run_cancel,
    schedule_run_execute,
    schedule_run_start,
)
from events.services.setup import (
    event_generate_slots,
    event_interpreters_update,
    event_save,
    event_sessions_update,
    event_tables_update,
    event_transition,
)

__all__ = [
    "event_generate_slots",
    "event_interpreters_update",
    "event_publish",
    "event_save",
    "event_sessions_update",
    "event_tables_update",
    "event_transition",
    "meeting_add",
    "meeting_cancel",
    "meeting_lock",
    "meeting_move",
    "meeting_swap",
    "registration_approve",
    "registration_cancel",
    "registration_reject",
    "registration_save",
    "request_accept",
    "request_decline",
    "request_send",
    "request_withdraw",
    "requests_expire_due",
    "schedule_run_cancel",
    "schedule_run_execute",
    "schedule_run_start",
]
