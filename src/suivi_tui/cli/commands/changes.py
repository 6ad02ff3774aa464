"""`suivi changes`: what changed in the contrat since a date, or since a comité's last séance.

- `--since DATE` (French: « 01/03/2021 », « 1er mars 2021 », « mars 2021 » = from 01/03/2021):
  every change of the contrat from that day on, and every comité's notes;
- `--comite NOM` alone, or with `--since derniere`: since the comité's last séance before today
  (that séance's day included), with that comité's notes only;
- `--since DATE --comite NOM`: from DATE, with that comité's notes only.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from typing import TYPE_CHECKING, Any

from suivi_tui.cli.commands.common import add_command, add_contrat_option, choose_contrat
from suivi_tui.cli.commands.seance import choose_comite
from suivi_tui.cli.ouverture import open_db
from suivi_tui.cli.sortie import EXIT_BAD_INPUT, Sortie
from suivi_tui.texte import pluriel, sans_accents

if TYPE_CHECKING:
    from suivi_tui.services.seances.depuis import Depuis

# « --since derniere »: the comité's last séance, however it is spelled.
DERNIERE = ("derniere", "derniere seance", "la derniere seance", "dernier")


def register(commands: Any) -> None:
    parser = add_command(
        commands,
        "changes",
        "ce qui a changé depuis une date, ou depuis la dernière séance d'un comité",
        "suivi --today 2021-04-12 changes --comite insertion",
        run_changes,
    )
    parser.add_argument(
        "--since",
        metavar="DATE",
        nargs="+",
        help="depuis ce jour inclus (« 01/03/2021 », « mars 2021 ») ou « derniere » (la dernière séance du comité)",
    )
    parser.add_argument(
        "--comite", metavar="NOM", help="le comité : ses notes seulement ; sans --since, depuis sa dernière séance"
    )
    parser.add_argument(
        "--include-confidential", action="store_true", help="affiche le texte des notes confidentielles (masqué sinon)"
    )
    add_contrat_option(parser)


def _depuis_date(texte: str) -> dt.date:
    from suivi_tui.dates import DateInvalide, debut_de_periode, parse_date
    from suivi_tui.today import today

    try:
        return debut_de_periode(parse_date(texte, today()))
    except DateInvalide as exc:
        raise Sortie(exc.message) from None


def run_changes(args: argparse.Namespace) -> int:

    since = " ".join(args.since) if args.since else None
    derniere = since is None or sans_accents(since) in DERNIERE
    if derniere and not args.comite:
        raise Sortie(
            "précisez --since DATE (par exemple --since 01/03/2021) ou --comite NOM (depuis sa dernière séance).",
            EXIT_BAD_INPUT,
        )
    depuis = None if derniere or since is None else _depuis_date(since)
    db = open_db(args)
    try:
        contrat_id = choose_contrat(db, args.contrat)
        comite = choose_comite(db, contrat_id, args.comite) if args.comite else None
        resultat = _changements(db, contrat_id, comite, depuis, args.include_confidential)
    finally:
        db.close()
    _afficher(resultat, args.include_confidential)
    return 0


def _changements(db: Any, contrat_id: int, comite: Any, depuis: dt.date | None, confidentiel: bool) -> Depuis:
    from suivi_tui.dates import format_date
    from suivi_tui.services.seances.depuis import changements_depuis, depuis_derniere_seance
    from suivi_tui.today import today

    if depuis is not None:
        return changements_depuis(
            db, contrat_id, depuis, comite_id=comite.id if comite else None, inclure_confidentiel=confidentiel
        )
    resultat = depuis_derniere_seance(db, comite.id, today(), inclure_confidentiel=confidentiel)
    if resultat is None:
        raise Sortie(
            f"Le comité « {comite.nom} » n'a aucune séance avant le {format_date(today())} : précisez --since DATE."
        )
    return resultat


def _afficher(resultat: Depuis, confidentiel: bool) -> None:
    from suivi_tui.dates import format_date
    from suivi_tui.services.seances.depuis import rendre_depuis

    titre = f"Changements depuis le {format_date(resultat.depuis)}"
    if resultat.seance_precedente is not None:
        titre += f" (dernière séance du comité « {resultat.comite} »)"
    elif resultat.comite:
        titre += f" (notes du comité « {resultat.comite} »)"
    print(titre)
    if not resultat.total:
        print("Aucun changement.")
        return
    print(pluriel(resultat.total, "changement") + "\n")
    print("\n".join(rendre_depuis(resultat)))
    masquees = sum(1 for a in resultat.axes for e in a.engagements for ligne in e.lignes if ligne.confidentielle)
    masquees += sum(1 for ligne in resultat.notes_generales if ligne.confidentielle)
    if masquees and not confidentiel:  # a reminder, not part of the document: on stderr, as `seance show` does
        print(
            f"({pluriel(masquees, 'note confidentielle masquée', 'notes confidentielles masquées')} ; "
            "--include-confidential pour les afficher)",
            file=sys.stderr,
        )
