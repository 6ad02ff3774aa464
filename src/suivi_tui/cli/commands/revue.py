"""`suivi revue ANNEE [FICHIER]`: the yearly review — Markdown on the standard output, or a .md or .html file."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from suivi_tui.cli.commands.common import add_command, add_contrat_option, choose_contrat
from suivi_tui.cli.options import chemin_option
from suivi_tui.cli.ouverture import open_db
from suivi_tui.cli.sortie import EXIT_BAD_INPUT, EXIT_FAILURE, Sortie
from suivi_tui.texte import taille


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
    parser.add_argument(
        "sortie",
        metavar="FICHIER",
        nargs="?",
        type=chemin_option,
        help="le fichier à écrire (.md ou .html) ; sans fichier, le Markdown va sur la sortie standard",
    )
    parser.add_argument(
        "--format", choices=("md", "html"), metavar="FORMAT", help="md ou html, si l'extension ne le dit pas"
    )
    parser.add_argument("--force", action="store_true", help="remplace le fichier s'il existe déjà")
    parser.add_argument(
        "--include-confidential",
        action="store_true",
        help="montre le texte des décisions confidentielles (elles peuvent nommer des habitants)",
    )
    add_contrat_option(parser)


def run_revue(args: argparse.Namespace) -> int:
    from suivi_tui.atomic import CibleSpeciale, FichierExistant
    from suivi_tui.services.export import decrire_echec
    from suivi_tui.services.export.demande import ExportImpossible, ExportInvalide
    from suivi_tui.services.export.revue_fichier import ecrire_revue, format_revue, rendre_revue
    from suivi_tui.services.export.revue_md import masquees
    from suivi_tui.services.revue import lire_revue
    from suivi_tui.today import today

    chemin = Path(args.sortie) if args.sortie is not None else None
    try:
        fmt = format_revue(chemin, args.format)  # refused before the base is even opened
        if chemin is None and fmt != "md":
            raise Sortie(f"La revue en {fmt} s'écrit dans un fichier : donnez son nom (par exemple revue.{fmt}).")
        db = open_db(args)
        try:
            contrat_id = choose_contrat(db, args.contrat)
            if chemin is None:
                revue = lire_revue(db, contrat_id, args.annee, today(), inclure_confidentiel=args.include_confidential)
                sys.stdout.write(rendre_revue(revue, "md"))
            else:
                try:
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
                except (FichierExistant, CibleSpeciale):
                    raise
                except OSError as exc:
                    raise ExportImpossible(decrire_echec(exc, chemin)) from exc
                revue = ecrit.revue
                print(f"Revue {args.annee} écrite : {ecrit.chemin}")
                print(f"Contrat : {revue.titre} · {fmt} · {taille(ecrit.octets)}")
        finally:
            db.close()
    except (ExportInvalide, FichierExistant, CibleSpeciale) as exc:
        raise Sortie(getattr(exc, "message", None) or str(exc), EXIT_BAD_INPUT) from None
    except ExportImpossible as exc:
        raise Sortie(exc.message, EXIT_FAILURE) from None
    if revue.decisions_masquees:  # a reminder, not part of the document: on stderr
        print(f"({masquees(revue.decisions_masquees)} ; --include-confidential pour les montrer)", file=sys.stderr)
    return 0
