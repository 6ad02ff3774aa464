"""The argument types the command line shares (--today, paths): refused in French, exit 2, before any work."""

from __future__ import annotations

import argparse
import datetime as dt
import os
from pathlib import Path


def date_option(value: str) -> dt.date:
    """--today: one day, written as anywhere else (« 15/03/2021 », « 15 mars 2021 », « 2021-03-15 »)."""
    from suivi_tui.dates import DateInvalide, parse_jour

    try:
        return parse_jour(value, dt.date.today())
    except DateInvalide as exc:
        raise argparse.ArgumentTypeError(exc.message) from None


# The longest file or folder name the usual filesystems accept (ext4, APFS, NTFS: 255).
NOM_MAX = 255


def chemin_option(value: str) -> str:
    """A path argument, refused in French (exit 2) before anything touches the disk when no system could use it."""
    from suivi_tui.dates import apercu

    if "\x00" in value:
        raise argparse.ArgumentTypeError("un chemin ne peut pas contenir de caractère nul")
    for nom in Path(value).parts:
        if len(os.fsencode(nom)) > NOM_MAX:
            raise argparse.ArgumentTypeError(
                f"le nom « {apercu(nom)} » est trop long pour un nom de fichier ou de dossier "
                f"({len(os.fsencode(nom))} octets ; {NOM_MAX} au plus, une lettre accentuée en comptant deux)"
            )
    return value
