"""`suivi programmation [ANNEE]` and `suivi programmation import FICHIER`: what was funded; importing a year's table."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from suivi_tui.cli.commands.common import add_command, add_contrat_option, choose_contrat
from suivi_tui.cli.commands.revue import annee_option
from suivi_tui.cli.options import chemin_option
from suivi_tui.cli.ouverture import open_db
from suivi_tui.cli.sortie import EXIT_BAD_INPUT, Sortie
from suivi_tui.texte import court, pluriel


def register(commands: Any) -> None:
    parser = add_command(
        commands,
        "programmation",
        "la programmation annuelle : ce qui a été financé, par année et par objectif ; importer un tableau",
        "suivi programmation import programmation-2025.xlsx --annee 2025",
        run_programmation,
    )
    parser.add_argument(
        "quoi",
        metavar="ANNEE|import",
        nargs="?",
        help="une année (ex. : 2025) pour ne montrer qu'elle, ou « import » suivi du fichier",
    )
    parser.add_argument("fichier", metavar="FICHIER", nargs="?", type=chemin_option, help="le tableau .xlsx ou .csv")
    parser.add_argument("--annee", type=annee_option, help="l'année des lignes qui n'en disent pas (import)")
    parser.add_argument("--dry-run", action="store_true", help="montre ce que l'import écrirait, sans rien écrire")
    add_contrat_option(parser)


def run_programmation(args: argparse.Namespace) -> int:
    if args.quoi == "import":
        return _importer(args)
    annee = annee_option(args.quoi) if args.quoi else None
    if args.fichier is not None:
        raise Sortie("Un fichier ne se donne qu'après « import » : suivi programmation import FICHIER.")
    from suivi_tui.services.programmation import annees_programmees, euros, lire_programmation

    db = open_db(args)
    try:
        contrat_id = choose_contrat(db, args.contrat)
        annees = [annee] if annee is not None else annees_programmees(db, contrat_id)
        programmations = [lire_programmation(db, contrat_id, a) for a in annees]
    finally:
        db.close()
    if not any(p.actions for p in programmations):
        print("Aucune action programmée" + (f" en {annee}." if annee else " : suivi programmation import FICHIER."))
        return 0
    for p in programmations:
        print(
            f"Programmation {p.annee} — {pluriel(len(p.actions), 'action')} : {euros(p.demande)} demandés, "
            f"{euros(p.accorde)} accordés"
        )
        for a in p.actions:
            dauphin = f" · Dauphin {a.dauphin}" if a.dauphin else ""
            objectifs = f" · objectifs {', '.join(a.objectifs)}" if a.objectifs else ""
            print(
                f"  {court(a.porteur, 28):<28}  {court(a.intitule, 40):<40}  {euros(a.accorde):>12}{dauphin}{objectifs}"
            )
        print("  Par objectif : " + " ; ".join(f"{n} {euros(acc)}" for n, (_d, acc) in p.par_objectif.items()))
        print()
    return 0


def _importer(args: argparse.Namespace) -> int:
    from suivi_tui.services.programmation import euros
    from suivi_tui.services.programmation_import import TableauIllisible, appliquer, lire_tableau

    if args.fichier is None:
        raise Sortie("Donnez le tableau à importer : suivi programmation import FICHIER.xlsx")
    try:
        apercu = lire_tableau(Path(args.fichier), args.annee)  # read before the base is opened
    except TableauIllisible as exc:
        raise Sortie(f"tableau refusé, la base n'a pas été modifiée. {exc.message}", EXIT_BAD_INPUT) from None
    print(f"{apercu.source} : {pluriel(len(apercu.actions), 'action')}")
    for a in apercu.actions:
        montants = "; ".join(
            f"{f} {euros(acc if acc is not None else dem)}" for f, (dem, acc) in a.financements.items()
        )
        print(f"  {a.annee}  {court(a.porteur, 28):<28}  {court(a.intitule, 40):<40}  {montants}")
    if apercu.financeur_par_defaut:
        print("  (pas de colonne « Financeur » : les montants sont comptés pour l'État, crédits politique de la ville)")
    db = open_db(args, en_memoire=args.dry_run)
    try:
        contrat_id = choose_contrat(db, args.contrat)
        try:
            fait = appliquer(db, contrat_id, apercu)
        except TableauIllisible as exc:
            raise Sortie(f"tableau refusé, la base n'a pas été modifiée. {exc.message}", EXIT_BAD_INPUT) from None
    finally:
        db.close()
    verbe = "ajouterait" if args.dry_run else "a ajouté"
    print(
        f"L'import {verbe} {pluriel(fait.ajoutees, 'action')}, en mettrait à jour {fait.mises_a_jour} "
        f"({pluriel(fait.financements, 'financement')})."
        if args.dry_run
        else f"L'import {verbe} {pluriel(fait.ajoutees, 'action')} et mis à jour {fait.mises_a_jour} "
        f"({pluriel(fait.financements, 'financement')})."
    )
    if args.dry_run:
        print("(simulation : rien n'a été écrit)")
    return 0
