"""Cutting a session's time window into meeting slots (pure, no database)."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo


def slot_windows(
    *, day: date, start: time, end: time, meeting_minutes: int, break_minutes: int, tz: str
) -> list[tuple[datetime, datetime]]:
    """Consecutive meetings of ``meeting_minutes`` separated by ``break_minutes``.

    A last meeting that would run past ``end`` is dropped rather than shortened.
    """
    if meeting_minutes <= 0:
        raise ValueError("meeting_minutes must be positive")
    zone = ZoneInfo(tz)
    cursor = datetime.combine(day, start, tzinfo=zone)
    stop = datetime.combine(day, end, tzinfo=zone)
    length, pause = timedelta(minutes=meeting_minutes), timedelta(minutes=break_minutes)
    windows = []
    while cursor + length <= stop:
        windows.append((cursor, cursor + length))
        cursor += length + pause
    return windows
