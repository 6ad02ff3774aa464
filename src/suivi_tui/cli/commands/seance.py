"""`suivi seance list` and `suivi seance show COMITE DATE`: the séances, and one séance's relevé de décisions."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from suivi_tui.cli.commands.common import add_command, add_contrat_option, choose_contrat
from suivi_tui.cli.options import chemin_option
from suivi_tui.cli.ouverture import open_db
from suivi_tui.cli.sortie import EXIT_BAD_INPUT, EXIT_FAILURE, Sortie
from suivi_tui.texte import pluriel

if TYPE_CHECKING:
    import datetime as dt

    from suivi_tui.db.database import Database
    from suivi_tui.services.seances.journal import ComiteResume


def register(commands: Any) -> None:
    parser = add_command(
        commands,
        "seance",
        "les séances des comités : la liste, ou le relevé de décisions d'une séance",
        "suivi --today 2021-04-12 seance show insertion 15/03/2021",
        _sans_sous_commande,
    )
    actions = parser.add_subparsers(dest="seance_command", title="actions", metavar="ACTION")
    liste = add_command(
        actions,
        "list",
        "lister les séances du contrat, les plus récentes d'abord",
        "suivi seance list --comite insertion",
        run_list,
    )
    liste.add_argument("--comite", metavar="NOM", help="seulement ce comité (une partie du nom suffit)")
    add_contrat_option(liste)
    show = add_command(
        actions,
        "show",
        "afficher le relevé de décisions d'une séance (Markdown), ou l'écrire en HTML",
        "suivi seance show insertion 15/03/2021 --html releve.html",
        run_show,
    )
    show.add_argument("comite", metavar="COMITE", help="le comité : une partie de son nom, sans souci d'accents")
    show.add_argument("date", metavar="DATE", nargs="+", help="le jour de la séance : « 15/03/2021 », « 15 mars 2021 »")
    show.add_argument(
        "--html",
        metavar="FICHIER",
        type=chemin_option,
        help="écrit le relevé en page HTML imprimable au lieu de l'afficher",
    )
    show.add_argument("--force", action="store_true", help="remplace le fichier HTML s'il existe déjà")
    show.add_argument(
        "--include-confidential",
        action="store_true",
        help="inclut les notes confidentielles (elles peuvent nommer des habitants)",
    )
    add_contrat_option(show)


def _sans_sous_commande(args: argparse.Namespace) -> int:
    raise Sortie("précisez une action : « suivi seance list » ou « suivi seance show COMITE DATE ».", EXIT_BAD_INPUT)


def choose_comite(db: Database, contrat_id: int, wanted: str) -> ComiteResume:
    """The one comité whose name contains wanted (case and accents ignored); Sortie(2) otherwise."""
    from suivi_tui.dates import apercu
    from suivi_tui.services.seances.journal import lister_comites
    from suivi_tui.services.seances.registre import trouver_comites

    trouves = trouver_comites(db, contrat_id, wanted)
    if len(trouves) == 1:
        return trouves[0]
    tous = trouves or lister_comites(db, contrat_id)
    noms = ", ".join(f"« {c.nom} »" for c in tous) or "aucun (créez-en un dans l'application)"
    if trouves:
        raise Sortie(f"« {apercu(wanted)} » désigne plusieurs comités : {noms}. Précisez le nom.")
    raise Sortie(f"Aucun comité ne correspond à « {apercu(wanted)} ». Comités du contrat : {noms}.")


def parse_jour(texte: str) -> dt.date:
    """A French date that names one day; Sortie(2) with the parser's message otherwise."""
    from suivi_tui.dates import DateInvalide
    from suivi_tui.dates import parse_jour as lire
    from suivi_tui.today import today

    try:
        return lire(texte, today())
    except DateInvalide as exc:
        raise Sortie(exc.message) from None


def run_list(args: argparse.Namespace) -> int:
    from suivi_tui.dates import format_date
    from suivi_tui.services.contrats import contrat_par_id
    from suivi_tui.services.seances.registre import lister_seances

    db = open_db(args)
    try:
        contrat_id = choose_contrat(db, args.contrat)
        comite = choose_comite(db, contrat_id, args.comite) if args.comite else None
        seances = lister_seances(db, contrat_id, comite_id=comite.id if comite else None)
        contrat = contrat_par_id(db, contrat_id)
    finally:
        db.close()
    print(f"Séances — {contrat.titre if contrat else ''}")
    if not seances:
        print("Aucune séance enregistrée." if comite is None else f"Aucune séance du comité « {comite.nom} ».")
        return 0
    largeur = max(len(s.comite) for s in seances)
    for s in seances:
        contenu = (
            f"{pluriel(s.decisions, 'décision')} · {pluriel(s.actions, 'action')} · "
            f"{pluriel(s.notes, 'note')} · {pluriel(s.changements, 'changement')}"
        )
        lieu = f" · {s.lieu}" if s.lieu else ""
        ouverte = " · ouverte" if s.ouverte else ""
        print(f"{format_date(s.date)}  {s.comite.ljust(largeur)}  {contenu}{lieu}{ouverte}")
    return 0


def run_show(args: argparse.Namespace) -> int:
    from suivi_tui.services.seances.releve import releve_seance

    jour = parse_jour(" ".join(args.date))
    db = open_db(args)
    try:
        contrat_id = choose_contrat(db, args.contrat)
        comite = choose_comite(db, contrat_id, args.comite)
        seance_id = _seance(db, contrat_id, comite, jour)
        releve = releve_seance(db, seance_id, inclure_confidentiel=args.include_confidential)
    finally:
        db.close()
    assert releve is not None
    if args.html:
        _ecrire_html(releve, Path(args.html), args.force)
    else:
        from suivi_tui.services.export.releve_md import releve_markdown

        sys.stdout.write(releve_markdown(releve))
    if releve.confidentielles_omises:
        from suivi_tui.services.vocabulaire import confidentielles_de_cote

        omises = confidentielles_de_cote(releve.confidentielles_omises)
        print(f"({omises} ; --include-confidential pour les inclure)", file=sys.stderr)
    return 0


def _seance(db: Database, contrat_id: int, comite: ComiteResume, jour: dt.date) -> int:
    from suivi_tui.dates import format_date
    from suivi_tui.services.seances.registre import lister_seances, trouver_seance

    seance = trouver_seance(db, comite.id, jour)
    if seance is not None:
        return seance.id
    dates = [format_date(s.date) for s in lister_seances(db, contrat_id, comite_id=comite.id)]
    autres = f"Séances de ce comité : {', '.join(dates[:12])}." if dates else "Ce comité n'a encore aucune séance."
    raise Sortie(f"Aucune séance du comité « {comite.nom} » le {format_date(jour)}. {autres}")


def _ecrire_html(releve: Any, cible: Path, force: bool) -> None:
    from suivi_tui.atomic import CibleSpeciale, FichierExistant
    from suivi_tui.services.export.releve_html import ecrire_releve_html

    if not cible.parent.is_dir():
        raise Sortie(f"Le dossier {cible.parent} n'existe pas : rien n'a été écrit.")
    try:
        ecrire_releve_html(releve, cible, force=force)
    except (FichierExistant, CibleSpeciale) as exc:
        raise Sortie(str(exc)) from None
    except OSError as exc:
        raise Sortie(f"Impossible d'écrire {cible} ({exc.strerror}) : rien n'a été écrit.", EXIT_FAILURE) from None
    print(f"Relevé écrit : {cible}")
