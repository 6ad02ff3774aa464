"""Helpers shared by the subcommands: adding a parser, picking the contrat, French numbers."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from suivi_tui.cli import Sortie

if TYPE_CHECKING:  # not at run time: building the parser must not load SQLAlchemy (see cli.open_db)
    from suivi_tui.db.engine import Database


def add_command(commands: Any, name: str, help: str, example: str, handler: Any) -> argparse.ArgumentParser:
    """A subcommand whose help ends with an example (a test checks every command has one)."""
    parser: argparse.ArgumentParser = commands.add_parser(
        name, help=help, description=help[0].upper() + help[1:] + ".", epilog=f"Exemple : {example}",
    )
    parser.set_defaults(handler=handler)
    return parser


def add_contrat_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--contrat", metavar="ID|TITRE",
                        help="le contrat (numéro ou partie du titre ; défaut : le dernier utilisé)")


def choose_contrat(db: Database, wanted: str | None) -> int:
    """The contrat named by --contrat, else the last one used, else the only/first one."""
    from suivi_tui.services.contrats import lister_contrats
    from suivi_tui.services.reglages import DERNIER_CONTRAT, lire_reglage

    contrats = lister_contrats(db)
    if not contrats:
        raise Sortie("La base ne contient aucun contrat. Importez une annexe avec : suivi seed", 1)
    if wanted:
        matches = [c for c in contrats if str(c.id) == wanted or wanted.lower() in c.titre.lower()]
        if len(matches) != 1:
            noms = ", ".join(f"{c.id} ({c.titre})" for c in contrats[:10])
            raise Sortie(f"Contrat « {wanted} » {'ambigu' if matches else 'introuvable'}. Contrats : {noms}")
        return matches[0].id
    last = lire_reglage(db, DERNIER_CONTRAT)
    ids = {c.id for c in contrats}
    return int(last) if last and last.isdigit() and int(last) in ids else contrats[0].id


def nombre(n: int) -> str:
    """French thousands separator (narrow no-break space)."""
    return f"{n:,}".replace(",", "\u202f")


def pluriel(n: int, singulier: str, pluriel_: str | None = None) -> str:
    """« 1 réalisé », « 3 réalisés » (French: 0 and 1 take the singular)."""
    return f"{nombre(n)} {singulier if n <= 1 else (pluriel_ or singulier + 's')}"
