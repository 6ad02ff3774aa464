"""Today comes from one place: --today, else $SUIVI_TODAY, else the clock; instants follow it."""

from __future__ import annotations

import datetime as dt

import pytest

from suivi_tui.today import now_utc, set_today, today


def test_clock_by_default() -> None:
    assert today() == dt.date.today()
    assert now_utc().startswith(dt.datetime.now(dt.UTC).strftime("%Y-%m-%d"))


def test_environment_then_option(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SUIVI_TODAY", "2021-04-12")
    assert today() == dt.date(2021, 4, 12)
    set_today(dt.date(2021, 3, 15))
    assert today() == dt.date(2021, 3, 15)


def test_recorded_instants_fall_on_the_pinned_day() -> None:
    set_today(dt.date(2021, 3, 15))
    stamp = now_utc()
    assert stamp.startswith("2021-03-15T") and stamp.endswith("Z")
    assert dt.datetime.strptime(stamp, "%Y-%m-%dT%H:%M:%SZ")
