"""`suivi export OUTPUT`: the contrat as a SQLite base, a workbook, a CSV, a report or a calendar."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from suivi_tui.cli.commands.common import (
    add_command,
    add_contrat_option,
    choose_contrat,
    liste_contrats,
)
from suivi_tui.cli.options import chemin_option
from suivi_tui.cli.ouverture import open_db
from suivi_tui.cli.sortie import EXIT_BAD_INPUT, EXIT_FAILURE, Sortie
from suivi_tui.services.export import FORMATS, NOMS_FORMATS, TABLES_CSV, UNITES
from suivi_tui.services.vocabulaire import confidentielles_de_cote
from suivi_tui.texte import nombre, pluriel, taille


def register(commands: Any) -> None:
    parser = add_command(
        commands,
        "export",
        "exporter le contrat : base SQLite, classeur Excel, CSV, rapport Markdown ou HTML, calendrier",
        "suivi --db antony.db export ~/Documents/point-etape.html",
        run_export,
    )
    parser.add_argument(
        "sortie",
        metavar="FICHIER",
        type=chemin_option,
        help="le fichier à écrire : .sqlite/.db, .xlsx, .csv, .md, .html ou .ics",
    )
    parser.add_argument(
        "--format",
        choices=FORMATS,
        metavar="FORMAT",
        help=f"le format, si l'extension ne le dit pas ({', '.join(FORMATS)})",
    )
    parser.add_argument("--force", action="store_true", help="remplace le fichier s'il existe déjà")
    parser.add_argument(
        "--include-confidential",
        action="store_true",
        help="inclut les notes confidentielles (elles peuvent nommer des habitants)",
    )
    add_contrat_option(
        parser,
        "le seul contrat de la base ; s'il y en a plusieurs, toute la base en .sqlite, "
        "à préciser pour les autres formats",
    )
    parser.add_argument(
        "--table",
        choices=TABLES_CSV,
        default="engagements",
        metavar="TABLE",
        help=f"pour le CSV : la table à exporter ({', '.join(TABLES_CSV)} ; défaut : engagements)",
    )
    parser.add_argument(
        "--pour",
        metavar="PARTIE|PILOTE",
        help="une fiche de suivi à remplir (.xlsx ou .csv) pour une partie ou un pilote, sans souci d'accents "
        "ni de majuscules (« partie:NOM » ou « pilote:NOM » si le nom désigne les deux) ; "
        "exemple : suivi export fiche-ddets.xlsx --pour DDETS",
    )


def run_export(args: argparse.Namespace) -> int:
    from suivi_tui.atomic import CibleSpeciale, FichierExistant
    from suivi_tui.services.export import DemandeExport, ExportImpossible, ExportInvalide, exporter, format_demande
    from suivi_tui.today import today

    demande = DemandeExport(
        chemin=Path(args.sortie),
        format=args.format,
        force=args.force,
        inclure_confidentiel=args.include_confidential,
        table=args.table,
        pour=args.pour,
    )
    try:
        # Refuse a bad name before even opening the base.
        fmt = format_demande(demande)
        db = open_db(args)
        try:
            demande = _avec_contrat(db, demande, fmt, args.contrat)
            resultat = exporter(db, demande, today())
        finally:
            db.close()
    except (ExportInvalide, FichierExistant, CibleSpeciale) as exc:
        raise Sortie(_message(exc), EXIT_BAD_INPUT) from None
    except ExportImpossible as exc:
        raise Sortie(exc.message, EXIT_FAILURE) from None
    _afficher(resultat)
    return 0


def _avec_contrat(db: Any, demande: Any, fmt: str, voulu: str | None) -> Any:
    """The contrat to export: the one --contrat names; with several in the base and none named, the
    SQLite snapshot holds them all, and the other formats (one contrat each) ask which one."""
    from dataclasses import replace

    from suivi_tui.services.contrats import lister_contrats

    if voulu is None:
        if fmt == "sqlite":
            return demande
        contrats = lister_contrats(db)
        if len(contrats) > 1:
            raise Sortie(
                f"La base contient {nombre(len(contrats))} contrats, et ce format n'en tient qu'un : "
                "précisez lequel avec --contrat (son numéro ou une partie de son titre), ou exportez "
                f"toute la base en .sqlite. {liste_contrats(contrats)}"
            )
    return replace(demande, contrat_id=choose_contrat(db, voulu))


def _message(exc: Exception) -> str:
    return getattr(exc, "message", None) or str(exc)


def _afficher(resultat: Any) -> None:
    print(f"Export écrit : {resultat.chemin}")
    if resultat.pour:
        print(f"Fiche de suivi pour {resultat.pour} : à remplir puis à importer avec « suivi import FICHIER ».")
    if len(resultat.contrats) == 1:
        print(f"Contrat : {resultat.contrats[0]}")
    else:
        print(f"Contrats : toute la base ({pluriel(len(resultat.contrats), 'contrat')})")
    print(
        f"Format : {NOMS_FORMATS[resultat.format]} · {taille(resultat.octets)} · "
        f"{nombre(resultat.lignes)} {UNITES[resultat.format]}"
    )
    if resultat.pour:
        print("Aucune note confidentielle : une fiche de suivi n'en contient jamais.")
    elif resultat.format == "ics":
        print("Le calendrier ne contient aucune note : échéances et séances seulement.")
    elif resultat.confidentiel_inclus:
        print("Notes confidentielles incluses : ce fichier ne doit pas quitter le poste sans précaution.")
    elif resultat.notes_exclues:
        print(
            f"{confidentielles_de_cote(resultat.notes_exclues).capitalize()} (--include-confidential pour les inclure)."
        )
    else:
        print("Aucune note confidentielle à laisser de côté.")
