"""`suivi import FICHIER`: a partner's answer to a fiche de suivi, previewed, then applied in one transaction.

The file is read before the base is opened (a bad file leaves the base untouched); the preview is
computed on the base opened read-only; only then, with something to write and no --dry-run, is
the base opened for writing (with its rolling backup) and the kept changes applied.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from suivi_tui.cli.commands.common import add_command
from suivi_tui.cli.options import chemin_option
from suivi_tui.cli.ouverture import open_db
from suivi_tui.cli.sortie import EXIT_BAD_INPUT, Sortie


def register(commands: Any) -> None:
    parser = add_command(
        commands,
        "import",
        "importer le retour d'une fiche de suivi (.xlsx ou .csv) : aperçu de ce qui changerait, puis écriture",
        "suivi --db antony.db import ~/Téléchargements/fiche-ddets.xlsx --comite insertion --dry-run",
        run_import,
    )
    parser.add_argument(
        "fichier", metavar="FICHIER", type=chemin_option, help="la fiche remplie par le partenaire (.xlsx ou .csv)"
    )
    parser.add_argument("--dry-run", action="store_true", help="montre ce qui changerait, sans rien écrire")
    parser.add_argument(
        "--comite",
        metavar="NOM",
        help="le comité dont le journal reçoit les commentaires (défaut : celui de la séance ouverte)",
    )
    parser.add_argument(
        "--accepter-conflits",
        action="store_true",
        help="applique aussi les statuts en conflit (changés dans la base ET dans la fiche depuis l'export) : "
        "la valeur de la fiche l'emporte",
    )


def run_import(args: argparse.Namespace) -> int:
    from suivi_tui.services.retour.comparaison import FicheRefusee
    from suivi_tui.services.retour.fichier import lire_fiche
    from suivi_tui.services.retour.lecture import FicheIllisible

    try:
        fiche = lire_fiche(Path(args.fichier).expanduser())
    except FicheIllisible as exc:
        raise Sortie(f"fiche refusée, la base n'a pas été modifiée. {exc.message}", EXIT_BAD_INPUT) from None
    db = open_db(args, readonly=True)
    try:
        apercu = _apercu(db, fiche, args.comite)
        comites = [c.nom for c in _comites(db, apercu.contrat_id)]
    except FicheRefusee as exc:
        raise Sortie(exc.message, EXIT_BAD_INPUT) from None
    finally:
        db.close()
    gardees = apercu.par_defaut(accepter_conflits=args.accepter_conflits)
    _afficher_apercu(apercu, gardees)
    if args.dry_run:
        print("Simulation : rien n'a été écrit.")
        return 0
    if not gardees:
        print("Rien à écrire : la base n'a pas été modifiée.")
        return 0
    _verifier_comite(apercu, gardees, comites)
    return _appliquer(args, apercu, gardees)


def _comites(db: Any, contrat_id: int) -> Any:
    from suivi_tui.services.seances.journal import lister_comites

    return lister_comites(db, contrat_id)


def _apercu(db: Any, fiche: Any, comite: str | None) -> Any:
    from suivi_tui.cli.commands.seance import choose_comite
    from suivi_tui.services.retour.comparaison import comparer

    apercu = comparer(db, fiche)
    if comite is None:
        return apercu
    return comparer(db, fiche, comite_id=choose_comite(db, apercu.contrat_id, comite).id)


def _afficher_apercu(apercu: Any, gardees: frozenset[int]) -> None:
    from suivi_tui.services.retour.texte import lignes_apercu

    for ligne in lignes_apercu(apercu, gardees):
        print(ligne)
    ecartes = [p for p in apercu.conflits if p.numero not in gardees]
    if ecartes:
        print(
            f"{_conflits(len(ecartes))} : la base et la fiche ont changé depuis l'export ; "
            "relancez avec --accepter-conflits pour appliquer la valeur de la fiche."
        )


def _conflits(n: int) -> str:
    from suivi_tui.texte import pluriel

    return pluriel(n, "conflit non appliqué", "conflits non appliqués")


def _verifier_comite(apercu: Any, gardees: frozenset[int], comites: list[str]) -> None:
    """Comments need a journal: refused before anything is written when no comité was given."""
    from suivi_tui.texte import pluriel

    notes = [p for p in apercu.propositions if p.genre == "note" and p.numero in gardees]
    if not notes or apercu.comite_id is not None:
        return
    noms = ", ".join(f"« {nom} »" for nom in comites) or "aucun (créez-en un dans l'application)"
    raise Sortie(
        f"La fiche contient {pluriel(len(notes), 'commentaire')} : précisez avec --comite NOM le comité dont le "
        f"journal les recevra (comités du contrat : {noms}). Rien n'a été modifié."
    )


def _appliquer(args: argparse.Namespace, apercu: Any, gardees: frozenset[int]) -> int:
    from suivi_tui.services.retour.application import appliquer
    from suivi_tui.today import today

    db = open_db(args)
    try:
        resultat = appliquer(db, apercu, gardees, today())
    finally:
        db.close()
    for proposition, raison in resultat.ignorees:
        print(f"Laissé de côté (la base a changé depuis l'aperçu) : {_ligne(proposition)} — {raison}.")
    if resultat.changement is None:
        print("Rien n'a été écrit : la base disait déjà tout.")
        return 0
    from suivi_tui.services.retour.texte import resume, source

    print(f"Importé : {resume(apercu, {p.numero for p in resultat.appliquees})}")
    print(f"Source notée dans l'historique : {source(apercu)}.")
    return 0


def _ligne(proposition: Any) -> str:
    from suivi_tui.services.retour.texte import ligne

    return str(ligne(proposition))
