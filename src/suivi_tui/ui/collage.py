"""Pastes arrive as text: the terminal's escape sequences inside a bracketed paste are removed first.

Textual's parser ends a bracketed paste at the first ESC inside it and replays what follows as
keys: a pasted `AB⎋[31mCD` was saved as `^[31mCDAB`, and a pasted `X⎋[31mY⏎Z` pressed Enter by
itself. Text copied from a terminal, a mail or a web page can hold such sequences (colours, links).
`FiltreCollage` removes them from the stream before Textual reads it, so a paste is one Paste event
again, whose text holds no escape sequence; the fields then decide what to do with its newlines.
Outside a paste nothing changes: keys, mouse and the lone Escape key pass through untouched.
"""

from __future__ import annotations

import importlib
import re
import sys
from collections.abc import Iterable
from typing import Any

from textual._xterm_parser import XTermParser

DEBUT = "\x1b[200~"
FIN = "\x1b[201~"
_ESC = "\x1b"
# One escape sequence, complete: CSI (ESC [ parameters intermediates final), OSC or DCS/APC/PM/SOS
# strings (ended by BEL or ESC \), or ESC and one character.
_SEQUENCE = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]"
    r"|\x1b[\]P^_X][^\x07\x1b]*(?:\x07|\x1b\\)"
    r"|\x1b[^\[\]P^_X\x1b]",
    re.DOTALL,
)
# The start of a sequence that the next read will complete.
_INACHEVEE = re.compile(r"\x1b(?:\[[0-?]*[ -/]*|[\]P^_X][^\x07\x1b]*(?:\x1b)?)?\Z", re.DOTALL)


class FiltreCollage:
    """Fed the terminal's input read by read; returns it with the sequences inside pastes removed."""

    def __init__(self) -> None:
        self.dans_collage = False
        self._attente = ""  # inside a paste: the start of a sequence cut by the end of a read
        self._queue = ""  # outside: the last characters passed, where a cut DEBUT may start

    def filtrer(self, donnees: str) -> str:
        sortie: list[str] = []
        reste = self._attente + donnees
        self._attente = ""
        while reste:
            if not self.dans_collage:
                fenetre = self._queue + reste
                debut = fenetre.find(DEBUT)
                if debut < 0:
                    sortie.append(reste)
                    self._queue = fenetre[-(len(DEBUT) - 1) :]
                    return "".join(sortie)
                coupure = debut + len(DEBUT) - len(self._queue)
                sortie.append(reste[:coupure])
                reste = reste[coupure:]
                self._queue = ""
                self.dans_collage = True
                continue
            esc = reste.find(_ESC)
            if esc < 0:
                sortie.append(reste)
                return "".join(sortie)
            sortie.append(reste[:esc])
            reste = reste[esc:]
            if reste.startswith(FIN):
                sortie.append(FIN)
                reste = reste[len(FIN) :]
                self.dans_collage = False
                continue
            if FIN.startswith(reste) or _INACHEVEE.match(reste):
                self._attente = reste  # wait for the rest of the sequence
                return "".join(sortie)
            sequence = _SEQUENCE.match(reste)
            reste = reste[sequence.end() if sequence else 1 :]
        return "".join(sortie)


class ParseurCollage(XTermParser):
    """Textual's parser, fed through FiltreCollage."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._filtre = FiltreCollage()

    def feed(self, data: str) -> Iterable[Any]:
        if not data:  # the end of input, passed as it is
            return super().feed(data)
        filtre = self._filtre.filtrer(data)
        # A read that held only the start of a sequence gives nothing yet ("" would mean the end).
        return super().feed(filtre) if filtre else ()


def proteger_les_collages() -> None:
    """Make the terminal drivers read through ParseurCollage (they name the parser class at module level)."""
    nom = "textual.drivers.win32" if sys.platform == "win32" else "textual.drivers.linux_driver"
    module = importlib.import_module(nom)
    module.XTermParser = ParseurCollage  # type: ignore[attr-defined]
