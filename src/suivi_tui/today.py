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


def today() -> dt.date:
    """Today's date as the app sees it; raises ValueError on a malformed $SUIVI_TODAY."""
    if _override is not None:
        return _override
    env = os.environ.get(ENV_TODAY)
    if env:
        return dt.date.fromisoformat(env)
    return dt.date.today()


def now_utc() -> str:
    """The current instant as ISO UTC text, the form every *_le column stores."""
    return dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
