"""The real `suivi` in a pseudo-terminal, as a user's terminal runs it: read its screen, type keys, send signals."""

from __future__ import annotations

import os
import pty
import select
import subprocess
import sys
import time
from pathlib import Path


class Terminal:
    """`with Terminal("--db", base) as t:` starts `python -m suivi_tui …` on a 140×45 pseudo-terminal."""

    def __init__(self, *args: str) -> None:
        self.args = args
        self.lu = b""  # everything the program wrote so far

    def __enter__(self) -> Terminal:
        self.maitre, esclave = pty.openpty()
        env = {**os.environ, "COLUMNS": "140", "LINES": "45", "TERM": "xterm-256color"}
        self.processus = subprocess.Popen(
            [sys.executable, "-m", "suivi_tui", *self.args],
            stdin=esclave,
            stdout=esclave,
            stderr=esclave,
            env=env,
            close_fds=True,
            cwd=Path(__file__).resolve().parents[2],
        )
        os.close(esclave)
        return self

    def __exit__(self, *_exc: object) -> None:
        if self.processus.poll() is None:
            self.processus.kill()
            self.processus.wait(timeout=10)
        os.close(self.maitre)

    def _lire(self, delai: float) -> None:
        pret, _, _ = select.select([self.maitre], [], [], delai)
        if pret:
            try:
                self.lu += os.read(self.maitre, 65536)
            except OSError:  # the program is gone and the terminal closed
                time.sleep(delai)

    def attendre(self, texte: str, delai: float = 20.0) -> bool:
        """Read until texte appears in what the program wrote (since it started); True if it did."""
        attendu, fin = texte.encode(), time.monotonic() + delai
        while attendu not in self.lu and time.monotonic() < fin:
            self._lire(0.2)
        return attendu in self.lu

    def taper(self, touches: str) -> None:
        os.write(self.maitre, touches.encode())

    def fin(self, delai: float = 20.0) -> int | None:
        """Wait for the program to end, reading all along (a full terminal would block it); its exit code."""
        fin = time.monotonic() + delai
        while self.processus.poll() is None and time.monotonic() < fin:
            self._lire(0.2)
        self._lire(0.2)
        return self.processus.poll()

    @property
    def texte(self) -> str:
        return self.lu.decode(errors="replace")
