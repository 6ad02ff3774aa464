"""`suivi bilan [FICHIER]`: the contrat's bilan — Markdown on the standard output, or a .md, .html or .xlsx file."""

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


def register(commands: Any) -> None:
    parser = add_command(
        commands,
        "bilan",
        "le bilan du contrat : axes × parties, avancement mois par mois, engagements à reporter",
        "suivi bilan ~/Documents/bilan-antony.html",
        run_bilan,
    )
    add_document_arguments(parser, ("md", "html", "xlsx"))


def run_bilan(args: argparse.Namespace) -> int:
    from suivi_tui.services.export.bilan_fichier import format_bilan

    def ecrire(db: Database, contrat_id: int, chemin: Path | None, fmt: str) -> int:
        from suivi_tui.services.bilan import lire_bilan
        from suivi_tui.services.export.bilan_fichier import ecrire_bilan, rendre_texte
        from suivi_tui.today import today

        if chemin is None:
            bilan = lire_bilan(db, contrat_id, today(), inclure_confidentiel=args.include_confidential)
            sys.stdout.write(rendre_texte(bilan, "md"))
            return bilan.decisions_masquees
        ecrit = ecrire_bilan(
            db, contrat_id, chemin, fmt, today(), force=args.force, inclure_confidentiel=args.include_confidential
        )
        print(f"Bilan écrit : {ecrit.chemin}")
        print(f"Contrat : {ecrit.bilan.titre} · {fmt} · {taille(ecrit.octets)}")
        return ecrit.bilan.decisions_masquees

    return produire_document(args, "Le bilan", "bilan", format_bilan, ecrire)
