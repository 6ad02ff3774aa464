"""argparse in French: its own words (usage, errors, help titles) translated, errors exit 2."""

from __future__ import annotations

import argparse
import sys
from typing import NoReturn

_FR = {
    "usage: ": "utilisation : ",
    "positional arguments": "arguments",
    "options": "options",
    "optional arguments": "options",
    "show this help message and exit": "affiche cette aide et quitte",
    "the following arguments are required: %s": "arguments obligatoires manquants : %s",
    "unrecognized arguments: %s": "arguments non reconnus : %s",
    "invalid choice: %(value)r (choose from %(choices)s)": "choix invalide : %(value)r (possibles : %(choices)s)",
    "argument %(argument_name)s: %(message)s": "argument %(argument_name)s : %(message)s",
    "expected one argument": "une valeur est attendue",
    "invalid %(type)s value: %(value)r": "valeur invalide : %(value)r",
    "ambiguous option: %(option)s could match %(matches)s": "option ambiguë : %(option)s (%(matches)s ?)",
    "not allowed with argument %s": "incompatible avec l'argument %s",
    "%(prog)s: error: %(message)s\n": "%(prog)s : erreur : %(message)s\n",
}


def _translate(message: str) -> str:
    return _FR.get(message, message)


# argparse looks its messages up through its module-level gettext alias.
argparse._ = _translate  # type: ignore[attr-defined]


class FrenchHelpFormatter(argparse.RawDescriptionHelpFormatter):
    def add_usage(self, usage, actions, groups, prefix=None):  # type: ignore[no-untyped-def]
        return super().add_usage(usage, actions, groups, "utilisation : " if prefix is None else prefix)


class FrenchParser(argparse.ArgumentParser):
    """An ArgumentParser whose messages are French and whose errors exit with code 2."""

    def __init__(self, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
        kwargs.setdefault("formatter_class", FrenchHelpFormatter)
        kwargs.setdefault("add_help", False)
        super().__init__(*args, **kwargs)
        self.add_argument("-h", "--help", action="help", help="affiche cette aide et quitte")

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog} : erreur : {message}\n")
