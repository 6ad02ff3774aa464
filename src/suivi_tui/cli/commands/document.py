"""What `suivi bilan` and `suivi revue` share: a document in Markdown on the standard output, or in a file."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from suivi_tui.cli.commands.common import add_contrat_option, choose_contrat
from suivi_tui.cli.options import chemin_option
from suivi_tui.cli.ouverture import open_db
from suivi_tui.cli.sortie import EXIT_BAD_INPUT, EXIT_FAILURE, Sortie
from suivi_tui.texte import pluriel

if TYPE_CHECKING:  # not at run time: building the parser must not load SQLAlchemy
    from suivi_tui.db.database import Database

# Writes the document of a contrat in a format, to the file or (None) the standard output, and
# says how many confidential decisions it masked.
Ecrire = Callable[["Database", int, Path | None, str], int]

_EXTENSIONS = {"md": ".md", "html": ".html", "xlsx": ".xlsx"}


def add_document_arguments(parser: argparse.ArgumentParser, formats: tuple[str, ...]) -> None:
    """FICHIER, --format, --force, --include-confidential and --contrat, worded the same for every document."""
    extensions = [_EXTENSIONS[f] for f in formats]
    parser.add_argument(
        "sortie",
        metavar="FICHIER",
        nargs="?",
        type=chemin_option,
        help=f"le fichier à écrire ({_ou(extensions)}) ; sans fichier, le Markdown va sur la sortie standard",
    )
    parser.add_argument(
        "--format", choices=formats, metavar="FORMAT", help=f"{_ou(list(formats))}, si l'extension ne le dit pas"
    )
    parser.add_argument("--force", action="store_true", help="remplace le fichier s'il existe déjà")
    parser.add_argument(
        "--include-confidential",
        action="store_true",
        help="montre le texte des décisions confidentielles (elles peuvent nommer des habitants)",
    )
    add_contrat_option(parser)


def produire_document(
    args: argparse.Namespace, nom: str, exemple: str, formater: Callable[[Path | None, str | None], str], ecrire: Ecrire
) -> int:
    """Check the name and format before opening the base, write, and map every refusal to its exit code.

    nom is the document with its article (« Le bilan »), exemple the file name suggested (« bilan »).
    """
    from suivi_tui.atomic import CibleSpeciale, FichierExistant
    from suivi_tui.services.export import decrire_echec
    from suivi_tui.services.export.demande import ExportImpossible, ExportInvalide

    chemin = Path(args.sortie) if args.sortie is not None else None
    try:
        fmt = formater(chemin, args.format)  # a bad name or format is refused before the base is even opened
        if chemin is None and fmt != "md":
            raise Sortie(f"{nom} en {fmt} s'écrit dans un fichier : donnez son nom (par exemple {exemple}.{fmt}).")
        db = open_db(args)
        try:
            contrat_id = choose_contrat(db, args.contrat)
            try:
                masquees = ecrire(db, contrat_id, chemin, fmt)
            except (FichierExistant, CibleSpeciale):
                raise  # a refusal of the request (exit 2), not a failed write
            except OSError as exc:
                if chemin is None:
                    raise
                raise ExportImpossible(decrire_echec(exc, chemin)) from exc
        finally:
            db.close()
    except (ExportInvalide, FichierExistant, CibleSpeciale) as exc:
        raise Sortie(getattr(exc, "message", None) or str(exc), EXIT_BAD_INPUT) from None
    except ExportImpossible as exc:
        raise Sortie(exc.message, EXIT_FAILURE) from None
    if masquees:  # a reminder, not part of the document: on stderr
        print(
            f"({pluriel(masquees, 'décision confidentielle masquée', 'décisions confidentielles masquées')} ; "
            "--include-confidential pour les montrer)",
            file=sys.stderr,
        )
    return 0


def _ou(mots: list[str]) -> str:
    """« md, html ou xlsx »."""
    return mots[0] if len(mots) == 1 else f"{', '.join(mots[:-1])} ou {mots[-1]}"
