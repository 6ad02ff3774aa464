"""`suivi seed [ANNEXE] [--dry-run]`: import or refresh an annexe, idempotently."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from suivi_tui.cli.commands.common import add_command
from suivi_tui.cli.options import chemin_option
from suivi_tui.cli.ouverture import open_db
from suivi_tui.cli.sortie import Sortie
from suivi_tui.texte import nombre, pluriel


def register(commands: Any) -> None:
    parser = add_command(
        commands,
        "seed",
        "importer ou rafraîchir une annexe (sans rien perdre de ce qui a été saisi)",
        "suivi --db antony.db seed seed/annexe-contrat-de-ville-antony-2020-2022.md --dry-run",
        run_seed,
    )
    parser.add_argument(
        "annexe",
        nargs="?",
        metavar="ANNEXE",
        type=chemin_option,
        help="le fichier de l'annexe (défaut : l'annexe d'Antony livrée avec suivi)",
    )
    parser.add_argument("--dry-run", action="store_true", help="montre ce qui changerait, sans rien écrire")


def run_seed(args: argparse.Namespace) -> int:
    from suivi_tui.annexe import AnnexeIllisible
    from suivi_tui.services.seed import bundled_annexe, lire_source, seed

    source = Path(args.annexe) if args.annexe else bundled_annexe()
    try:
        # Read the annexe before opening the base: a bad file must leave the base untouched.
        annexe, sha = lire_source(source)
    except AnnexeIllisible as exc:
        raise Sortie(f"annexe refusée, la base n'a pas été modifiée. {exc}") from None
    # A dry run works on a copy in memory: no backup, no -wal, no folder, not a byte written.
    db = open_db(args, create=True, en_memoire=args.dry_run)
    try:
        rapport = seed(db, annexe, source.name, sha, dry_run=args.dry_run)
    finally:
        db.close()
    _print_report(rapport, dry_run=args.dry_run, source=source)
    return 0


def _niveau(nom: str, n: int) -> str:
    """« 12 objectifs opérationnels » : the level's name in the plural, first word and adjective alike."""
    mots = nom.lower().split(" ")
    return pluriel(n, nom.lower(), " ".join(_au_pluriel(m) for m in mots))


def _au_pluriel(mot: str) -> str:
    if mot.endswith(("s", "x")):
        return mot
    return mot + ("x" if mot.endswith(("eu", "au")) else "s")


def _print_report(rapport: Any, *, dry_run: bool, source: Path) -> None:
    verbe = "changerait" if dry_run else "a changé"
    print(f"{rapport.contrat_titre} — {rapport.engagements} engagements lus dans {source.name}")
    if rapport.vide:
        print("Aucun changement : la base est déjà à jour.")
    elif rapport.contrat_cree:
        verbe = "serait créé" if dry_run else "créé"
        # A Quartiers 2030 tree says its levels (« 3 enjeux, 6 orientations, 12 objectifs opérationnels »).
        axes = ", ".join(_niveau(nom, n) for nom, n in rapport.niveaux.items()) or pluriel(rapport.axes, "axe")
        indicateurs = f", {pluriel(rapport.indicateurs, 'indicateur')}" if rapport.indicateurs else ""
        print(
            f"Contrat {verbe} : {axes}, {pluriel(rapport.parties, 'partie')}, "
            f"{pluriel(rapport.engagements, 'engagement')}{indicateurs}, "
            f"{pluriel(rapport.comites, 'comité technique', 'comités techniques')}."
        )
    else:
        print(f"L'import {verbe} {pluriel(len(rapport.changements), 'élément')} :")
        for ligne in rapport.changements[:200]:
            print(f"  + {ligne}")
    for ligne in rapport.conserves:
        print(f"  = {ligne}")
    if rapport.lignes_ignorees:
        print(f"Lignes ignorées ({nombre(len(rapport.lignes_ignorees))}) :")
        for ligne in rapport.lignes_ignorees:
            print(f"  - {ligne}")
    if dry_run:
        print("(simulation : rien n'a été écrit)")
