"""`suivi demo --contrats N [--forme 2030] [--seed S] [--ajouter]`: realistic generated data, up to national scale."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from suivi_tui.cli.commands.common import add_command
from suivi_tui.cli.ouverture import open_db
from suivi_tui.cli.sortie import Sortie
from suivi_tui.texte import nombre, pluriel


def _entier(value: str) -> int:
    from suivi_tui.dates import apercu

    brut = value.strip()
    # int() refuses more than 4300 digits with a ValueError of its own: a seed needs far fewer.
    if not (brut.isascii() and brut.lstrip("-").isdigit() and len(brut) <= 30):
        raise argparse.ArgumentTypeError(f"« {apercu(value)} » n'est pas un nombre entier (30 chiffres au plus)")
    return int(brut)


def _nombre_de_contrats(value: str) -> int:
    from suivi_tui.services.demo.generateur import CONTRATS_MAX

    n = _entier(value)
    if not 1 <= n <= CONTRATS_MAX:
        raise argparse.ArgumentTypeError(f"entre 1 et {CONTRATS_MAX} (reçu : {n})")
    return n


def register(commands: Any) -> None:
    parser = add_command(
        commands,
        "demo",
        "générer des données réalistes (contrats, échéances, séances, notes), jusqu'à l'échelle nationale",
        "suivi --db /tmp/national-2030.db demo --contrats 435 --forme 2030 --seed 1",
        run_demo,
    )
    parser.add_argument(
        "--contrats",
        type=_nombre_de_contrats,
        required=True,
        metavar="N",
        help="le nombre de contrats à générer (435 : l'échelle nationale)",
    )
    parser.add_argument(
        "--seed",
        type=_entier,
        default=1,
        metavar="S",
        help="la graine : la même graine donne les mêmes données (défaut : 1)",
    )
    parser.add_argument(
        "--forme",
        choices=("2020", "2030"),
        default="2020",
        metavar="FORME",
        help="2020 : protocoles 2020-2022 (axes à plat, défaut) ; 2030 : contrats « Engagements Quartiers 2030 » "
        "(enjeux, orientations, objectifs, 10 à 30 signataires, indicateurs, programmation)",
    )
    parser.add_argument(
        "--ajouter",
        action="store_true",
        help="accepte une base qui contient déjà des contrats et y ajoute les contrats générés",
    )


def run_demo(args: argparse.Namespace) -> int:
    from suivi_tui.paths import resolve_db_path
    from suivi_tui.services.demo.generateur import DemoRefusee, generer

    if not args.ajouter and resolve_db_path(args.db).exists():
        _refuser_si_occupee(args)
    db = open_db(args, create=True)
    try:
        rapport = generer(
            db, args.contrats, seed=args.seed, progression=_progression, ajouter=args.ajouter, forme=args.forme
        )
        ouvert = _contrat_ouvert(db, rapport.premier_titre)
    except DemoRefusee as exc:
        raise Sortie(exc.message) from None
    finally:
        db.close()
    duree = f"{rapport.duree:.1f}".replace(".", ",")
    print(f"{pluriel(rapport.contrats, 'contrat généré', 'contrats générés')} dans {db.path} en {duree} s :")
    print(
        f"  {pluriel(rapport.engagements, 'engagement')}, {pluriel(rapport.echeances, 'échéance')}, "
        f"{pluriel(rapport.comites, 'comité')}, {pluriel(rapport.seances, 'séance')}, "
        f"{pluriel(rapport.notes, 'note')}, {pluriel(rapport.historique, 'modification')} dans l'historique."
    )
    if args.forme == "2030":
        print(
            f"  {pluriel(rapport.indicateurs, 'indicateur')}, {pluriel(rapport.mesures, 'mesure')}, "
            f"{pluriel(rapport.actions, 'action programmée', 'actions programmées')} (2024 et 2025)."
        )
    if ouvert == rapport.premier_titre:
        print(
            f"  Premier contrat : {rapport.premier_titre}, celui que l'application ouvre (graine {nombre(args.seed)})."
        )
    else:
        print(
            f"  Premier contrat généré : {rapport.premier_titre} (graine {nombre(args.seed)}) ; l'application "
            f"rouvre {ouvert}, « c » pour changer de contrat."
        )
    return 0


def _contrat_ouvert(db: Any, premier: str) -> str:
    """The title of the contrat the app will open: the generated first one, unless one was opened before."""
    from suivi_tui.services.contrats import lister_contrats
    from suivi_tui.services.reglages import DERNIER_CONTRAT, ecrire_reglage, lire_reglage

    contrats = {str(c.id): c.titre for c in lister_contrats(db)}
    dernier = lire_reglage(db, DERNIER_CONTRAT)
    if dernier is not None and dernier in contrats:
        return contrats[dernier]
    ecrire_reglage(db, DERNIER_CONTRAT, next(i for i, titre in contrats.items() if titre == premier))
    return premier


def _refuser_si_occupee(args: argparse.Namespace) -> None:
    """Refuse a base that holds contrats before opening it for writing (which may take a backup)."""
    from suivi_tui.services.contrats import lister_contrats
    from suivi_tui.services.demo.generateur import message_base_occupee

    db = open_db(args, readonly=True)
    try:
        contrats = len(lister_contrats(db))
    finally:
        db.close()
    if contrats:
        raise Sortie(message_base_occupee(contrats))


def _progression(fait: int, total: int) -> None:
    fin = "\n" if fait == total else ""
    print(f"\rGénération : {fait}/{total} contrats", end=fin, file=sys.stderr, flush=True)
