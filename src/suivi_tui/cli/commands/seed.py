"""`suivi seed [ANNEXE] [--dry-run]`: import or refresh an annexe, idempotently."""

from __future__ import annotations

import argparse
import shutil
from pathlib import Path
from typing import Any

from suivi_tui.cli.commands.common import add_command
from suivi_tui.cli.options import chemin_option
from suivi_tui.cli.ouverture import open_db
from suivi_tui.cli.sortie import Sortie


def register(commands: Any) -> None:
    parser = add_command(
        commands,
        "seed",
        "importer ou rafraîchir une annexe : PDF, Word (.docx), OpenDocument (.odt), Markdown ou texte "
        "(sans rien perdre de ce qui a été saisi)",
        "suivi --db antony.db seed seed/annexe-contrat-de-ville-antony-2020-2022.md --dry-run",
        run_seed,
    )
    parser.add_argument(
        "annexe",
        nargs="?",
        metavar="ANNEXE",
        type=chemin_option,
        help="le fichier de l'annexe, .pdf, .docx, .odt, .md ou .txt, reconnu à son contenu "
        "(défaut : l'annexe d'Antony livrée avec suivi)",
    )
    parser.add_argument(
        "--dry-run",
        action="store_true",
        help="montre l'arbre lu (axes, parties, engagements, comités, lignes mises de côté) et ce qui changerait, "
        "sans rien écrire",
    )


def run_seed(args: argparse.Namespace) -> int:
    from suivi_tui.annexe import AnnexeIllisible
    from suivi_tui.services.seed import bundled_annexe, lire_annexe_source, seed

    source = Path(args.annexe) if args.annexe else bundled_annexe()
    try:
        # Read the whole annexe before opening the base: a bad file must leave the base untouched.
        lue = lire_annexe_source(source)
    except AnnexeIllisible as exc:
        raise Sortie(f"annexe refusée, la base n'a pas été modifiée. {exc}") from None
    if args.dry_run:
        _print_tree(lue)
    # A dry run works on a copy in memory: no backup, no -wal, no folder, not a byte written.
    db = open_db(args, create=True, en_memoire=args.dry_run)
    try:
        rapport = seed(db, lue.annexe, source.name, lue.sha256, dry_run=args.dry_run)
    finally:
        db.close()
    _print_report(rapport, dry_run=args.dry_run, source=source)
    return 0


def _print_tree(lue: Any) -> None:
    """The preview: the tree that would be imported, cut to the terminal's width."""
    from suivi_tui.services.apercu import arbre

    largeur = shutil.get_terminal_size((100, 24)).columns
    print("\n".join(arbre(lue, largeur)))
    print()


def _print_report(rapport: Any, *, dry_run: bool, source: Path) -> None:
    from suivi_tui.services.apercu import lignes_du_rapport

    if dry_run:
        print("Dans la base :")
    # The preview's tree already listed the lines set aside.
    print("\n".join(lignes_du_rapport(rapport, dry_run=dry_run, source_nom=source.name, ignorees=not dry_run)))
    if dry_run:
        print("(simulation : rien n'a été écrit)")
