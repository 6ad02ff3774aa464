"""SIGTERM and SIGHUP (a closed terminal) end suivi cleanly: a write in progress commits or rolls back.

Without a handler these signals kill the process where it stands: SQLite still keeps the
database whole, but temporary export or backup files stay behind and connections are never
closed. With it, the signal becomes an exception in the main thread, so every `with` block
unwinds: the open transaction is rolled back (or was already committed), staged files are
removed, the database is closed and its WAL checkpointed.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Callable
from types import FrameType

# SIGHUP does not exist on Windows.
HANDLED = tuple(s for s in (signal.SIGTERM, getattr(signal, "SIGHUP", None)) if s is not None)


class Interruption(SystemExit):
    """Raised in the main thread by the handler; exits with 128 + the signal number, like a shell."""

    def __init__(self, signum: int) -> None:
        super().__init__(128 + signum)
        self.signum = signum

    @property
    def nom(self) -> str:
        return signal.Signals(self.signum).name


def install_signal_handlers(on_exit: Callable[[], None] | None = None) -> bool:
    """Handle SIGTERM and SIGHUP from now on; returns False when called outside the main thread.

    With on_exit (the app's way to leave, e.g. scheduling App.exit), the handler calls it
    instead of raising; it runs in the main thread, between two Python instructions, so it must
    only schedule the exit. Without it, the handler raises Interruption. A second signal during
    the unwinding is ignored, so that it cannot interrupt a rollback.
    """
    if threading.current_thread() is not threading.main_thread():
        return False

    def handler(signum: int, _frame: FrameType | None) -> None:
        for other in HANDLED:
            signal.signal(other, signal.SIG_IGN)
        if on_exit is not None:
            on_exit()
            return
        raise Interruption(signum)

    for signum in HANDLED:
        signal.signal(signum, handler)
    return True
