"""The one place where "today" comes from: --today, else $SUIVI_TODAY, else the clock."""

from __future__ import annotations

import datetime as dt
import os

ENV_TODAY = "SUIVI_TODAY"
_override: dt.date | None = None


def set_today(value: dt.date | None) -> None:
    """Pin today's date for this process (the --today option)."""
    global _override
    _override = value


def _pinned() -> dt.date | None:
    if _override is not None:
        return _override
    env = os.environ.get(ENV_TODAY)
    return dt.date.fromisoformat(env) if env else None


def today() -> dt.date:
    """Today's date as the app sees it; raises ValueError on a malformed $SUIVI_TODAY."""
    return _pinned() or dt.date.today()


def now_utc() -> str:
    """The current instant as ISO UTC text, the form every *_le column stores.

    With a pinned today, the instant falls on that day (at the clock's time), so that what is
    recorded during a rehearsed or replayed meeting is dated like the meeting.
    """
    now = dt.datetime.now(dt.UTC)
    pinned = _pinned()
    if pinned is not None:
        now = now.replace(year=pinned.year, month=pinned.month, day=pinned.day)
    return iso_utc(now)


def iso_utc(instant: dt.datetime) -> str:
    """An aware instant as the ISO UTC text every *_le column stores."""
    return instant.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def now_local() -> dt.datetime:
    """The current instant, aware, in the laptop's time zone: what an export says it was made at.

    With a pinned today, the local date is that day and the time the clock's (« le 15/03/2021 à
    20:52 » for an export rehearsed with --today 2021-03-15 at 20:52), so that a report is dated
    like the meeting it prepares; the offset is the one of that day (summer or winter time).
    """
    now = dt.datetime.now()
    pinned = _pinned()
    if pinned is not None:
        now = now.replace(year=pinned.year, month=pinned.month, day=pinned.day)
    return now.astimezone()
