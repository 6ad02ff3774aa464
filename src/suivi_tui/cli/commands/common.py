"""Helpers shared by the subcommands: adding a parser, picking the contrat, French numbers."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from suivi_tui.cli.sortie import Sortie
from suivi_tui.texte import nombre

if TYPE_CHECKING:  # not at run time: building the parser must not load SQLAlchemy (see cli.open_db)
    from suivi_tui.db.database import Database


def add_command(commands: Any, name: str, help: str, example: str, handler: Any) -> argparse.ArgumentParser:
    """A subcommand whose help ends with an example (a test checks every command has one)."""
    parser: argparse.ArgumentParser = commands.add_parser(
        name,
        help=help,
        description=help[0].upper() + help[1:] + ".",
        epilog=f"Exemple : {example}",
    )
    parser.set_defaults(handler=handler)
    return parser


def add_contrat_option(parser: argparse.ArgumentParser, defaut: str = "le dernier utilisé") -> None:
    parser.add_argument(
        "--contrat",
        metavar="ID|TITRE",
        type=_contrat_option,
        help=f"le contrat (numéro ou partie du titre ; défaut : {defaut})",
    )


def _contrat_option(value: str) -> str:
    if not value.strip():
        raise argparse.ArgumentTypeError("vide : donnez le numéro du contrat ou une partie de son titre")
    return value


def choose_contrat(db: Database, wanted: str | None) -> int:
    """The contrat named by --contrat (an integer is an id first), else the last one used, else the first one."""
    from suivi_tui.services.contrats import lister_contrats
    from suivi_tui.services.reglages import DERNIER_CONTRAT, lire_reglage

    contrats = lister_contrats(db)
    if not contrats:
        raise Sortie("La base ne contient aucun contrat. Importez une annexe avec : suivi seed", 1)
    if wanted is not None:
        return _contrat_nomme(contrats, wanted).id
    last = lire_reglage(db, DERNIER_CONTRAT)
    ids = {c.id for c in contrats}
    return int(last) if last and last.isdigit() and int(last) in ids else contrats[0].id


def _contrat_nomme(contrats: list[Any], wanted: str) -> Any:
    """Every title of a 2020-2022 protocole contains « 2020 »: a number names an id before a title."""
    from suivi_tui.dates import apercu

    cherche = " ".join(wanted.split())
    if cherche.isascii() and cherche.isdigit():
        par_id = [c for c in contrats if c.id == int(cherche)]
        if par_id:
            return par_id[0]
    matches = [c for c in contrats if cherche.lower() in c.titre.lower()]
    if len(matches) == 1:
        return matches[0]
    raise Sortie(
        f"Contrat « {apercu(wanted)} » {'ambigu' if matches else 'introuvable'}. {liste_contrats(matches or contrats)}"
    )


def liste_contrats(contrats: list[Any], n: int = 10) -> str:
    """« Contrats : 1 (Contrat de ville d'Angers…), 2 (…) et 433 autres » for a refusal message."""
    noms = ", ".join(f"{c.id} ({c.titre})" for c in contrats[:n])
    reste = f" et {nombre(len(contrats) - n)} autres" if len(contrats) > n else ""
    return f"Contrats : {noms}{reste}."
