"""`suivi revue ANNEE [FICHIER]`: the yearly review — Markdown on the standard output, or a .md or .html file."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from suivi_tui.cli.commands.common import add_command
from suivi_tui.cli.commands.document import add_document_arguments, produire_document
from suivi_tui.texte import taille

if TYPE_CHECKING:
    from suivi_tui.db.database import Database


def annee_option(texte: str) -> int:
    """A year written in full (« 2025 »); argparse says the French reason otherwise (exit 2)."""
    if not texte.strip().isdigit() or not 1900 <= int(texte) <= 2200:
        raise argparse.ArgumentTypeError(f"« {texte[:20]} » n'est pas une année (par exemple 2025)")
    return int(texte)


def register(commands: Any) -> None:
    parser = add_command(
        commands,
        "revue",
        "la revue annuelle : par enjeu et objectif, engagements, indicateurs, décisions, programmation",
        "suivi revue 2025 ~/Documents/revue-2025.html",
        run_revue,
    )
    parser.add_argument("annee", metavar="ANNEE", type=annee_option, help="l'année passée en revue (ex. : 2025)")
    add_document_arguments(parser, ("md", "html"))


def run_revue(args: argparse.Namespace) -> int:
    from suivi_tui.services.export.revue_fichier import format_revue

    def ecrire(db: Database, contrat_id: int, chemin: Path | None, fmt: str) -> int:
        from suivi_tui.services.export.revue_fichier import ecrire_revue, rendre_revue
        from suivi_tui.services.revue import lire_revue
        from suivi_tui.today import today

        if chemin is None:
            revue = lire_revue(db, contrat_id, args.annee, today(), inclure_confidentiel=args.include_confidential)
            sys.stdout.write(rendre_revue(revue, "md"))
            return revue.decisions_masquees
        ecrit = ecrire_revue(
            db,
            contrat_id,
            args.annee,
            chemin,
            fmt,
            today(),
            force=args.force,
            inclure_confidentiel=args.include_confidential,
        )
        print(f"Revue {args.annee} écrite : {ecrit.chemin}")
        print(f"Contrat : {ecrit.revue.titre} · {fmt} · {taille(ecrit.octets)}")
        return ecrit.revue.decisions_masquees

    return produire_document(args, "La revue", "revue", format_revue, ecrire)
