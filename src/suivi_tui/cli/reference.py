"""docs/ligne-de-commande.md: every command's `--help`, taken from the parser itself (`make docs`).

A test compares the file with what this module prints, as sqlite-utils checks its reference with
cog: a new option, a changed help line or a new command cannot be missing from the docs. The help
is formatted at a fixed width (argparse reads the terminal's otherwise), so the file is the same on
every machine that runs the reference Python (argparse's layout changes a little between versions).
"""

from __future__ import annotations

import argparse
import functools
import sys
from collections.abc import Iterator

from suivi_tui.cli import build_parser

LARGEUR = 100
# The Python whose argparse lays the file out; the test compares the text only under it.
PYTHON_DE_REFERENCE = (3, 11)

INTRO = """# La ligne de commande

Chaque commande de `suivi`, avec son aide (`suivi COMMANDE --help`) telle que le programme
l'affiche. Ce qui vaut pour toutes les commandes (dates, codes de sortie, choix du contrat) est
dans [l'aperçu](#ce-qui-vaut-pour-toutes-les-commandes) ; ce que fait chacune est raconté dans les
autres pages de la documentation ([la liste](../README.md#documentation)).

Ce fichier est produit par `make docs` depuis le code (`src/suivi_tui/cli/reference.py`, qui lit
l'analyseur de la commande, mis en forme par Python {python} sur {largeur} colonnes) ; un test
vérifie qu'il est à jour : ne le modifiez pas à la main.

## Ce qui vaut pour toutes les commandes

- **`--db CHEMIN`** choisit la base, **`--today DATE`** la date du jour (pour préparer une
  réunion ou rejouer une démonstration). Elles se placent avant la commande :
  `suivi --db ~/antony.db --today 2021-03-15 status`. La date s'écrit comme partout :
  « 15/03/2021 », « 15 mars 2021 » ou « 2021-03-15 » ; une période (« T3 2021 », « mars 2021 »)
  n'est pas un jour et est refusée.
- **Codes de sortie** : 0 si tout va bien ; 1 en cas d'échec (disque plein…) ; 2 pour une saisie
  invalide (option, annexe illisible, date impossible, base absente, fichier qui n'est pas une
  base suivi, chemin impossible : un nom de plus de 255 octets ou un caractère nul est refusé
  avant tout accès au disque), et rien n'est modifié. Les messages sont en français ; un nom trop
  long saisi pour `--contrat` ou `--comite` est cité raccourci (« xxxx… »), comme une date
  illisible.
- **Sortie standard, sortie d'erreur** : le document demandé va sur la sortie standard, les
  rappels sur la sortie d'erreur (« 1 note confidentielle masquée… ») :
  `suivi changes --since mars 2021 > changements.txt` n'écrit que le document. Une commande dont
  la sortie est coupée (`suivi status | head -1`) s'arrête sans message, avec le code 141
  (128 + SIGPIPE), comme `cat` ou `grep` dans la même situation.
- **`--contrat`** choisit le contrat quand la base en contient plusieurs : un nombre désigne
  d'abord le contrat de ce numéro (tous les titres des protocoles 2020-2022 contiennent « 2020 »),
  sinon une partie du titre ; `--contrat ""` est refusé. Sans `--contrat`, les commandes prennent
  le dernier contrat ouvert dans l'application (sauf `export`, voir
  [Exports](exports.md#plusieurs-contrats-dans-la-base)).
- **`--comite`** désigne un comité par une partie de son nom, sans souci de majuscules ni
  d'accents (« insertion », « GUSP », « proximite »).
- Chaque commande a son aide et un exemple : `suivi COMMANDE --help`.

## Exemples

```sh
suivi --db ~/antony.db seed                      # crée la base à partir de l'annexe livrée
suivi --db ~/antony.db --today 2021-03-15 status # l'état au 15 mars 2021
suivi --db ~/antony.db seed annexe-v2.md --dry-run
suivi --db ~/antony.db export fiche-ddets.xlsx --pour DDETS          # la fiche à envoyer au pilote
suivi --db ~/antony.db import fiche-ddets-retour.xlsx --comite insertion --dry-run   # sa réponse, en aperçu
```
"""


def _sous_commandes(parser: argparse.ArgumentParser) -> list[tuple[str, argparse.ArgumentParser, str]]:
    """(name, parser, one-line help) of the subcommands of a parser, in the order they were added."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            aides = {choix.dest: choix.help or "" for choix in action._choices_actions}
            return [(nom, sous, aides.get(nom, "")) for nom, sous in action.choices.items()]
    return []


def commandes(
    parser: argparse.ArgumentParser | None = None, chemin: tuple[str, ...] = ()
) -> Iterator[tuple[tuple[str, ...], argparse.ArgumentParser, str]]:
    """Every command below `suivi`, depth first: (("seance", "show"), its parser, its one-line help)."""
    for nom, sous, aide in _sous_commandes(parser or build_parser()):
        yield (*chemin, nom), sous, aide
        yield from commandes(sous, (*chemin, nom))


def aide(parser: argparse.ArgumentParser) -> str:
    """The parser's `--help` text at LARGEUR columns, whatever the terminal, without colours."""
    classe = parser.formatter_class
    parser.formatter_class = functools.partial(classe, width=LARGEUR)  # type: ignore[assignment]
    couleur = getattr(parser, "color", None)  # Python 3.14 colours help on a terminal
    if couleur is not None:
        parser.color = False  # type: ignore[attr-defined]
    try:
        return parser.format_help()
    finally:
        parser.formatter_class = classe
        if couleur is not None:
            parser.color = couleur  # type: ignore[attr-defined]


def _ancre(titre: str) -> str:
    """GitHub's anchor of a heading made of lowercase words: « suivi seance list » → suivi-seance-list."""
    return titre.replace(" ", "-")


def _section(niveau: str, titre: str, parser: argparse.ArgumentParser) -> list[str]:
    return [f"{niveau} {titre}", "", "```text", aide(parser).rstrip("\n"), "```", ""]


def reference() -> str:
    """docs/ligne-de-commande.md: the intro, a summary of the commands, then each one's --help."""
    parser = build_parser()
    toutes = list(commandes(parser))
    python = ".".join(map(str, PYTHON_DE_REFERENCE))
    sortie = [INTRO.format(python=python, largeur=LARGEUR), "## Les commandes", ""]
    sortie.append(f"- [`suivi`](#{_ancre('suivi')}) : ouvrir l'application (sans commande)")
    for chemin, _, ligne in toutes:
        titre = " ".join(("suivi", *chemin))
        retrait = "  " * (len(chemin) - 1)
        sortie.append(f"{retrait}- [`{titre}`](#{_ancre(titre)}) : {ligne}")
    sortie.append("")
    sortie += _section("##", "suivi", parser)
    for chemin, sous, _ in toutes:
        sortie += _section("#" * (len(chemin) + 1), " ".join(("suivi", *chemin)), sous)
    return "\n".join(sortie)


if __name__ == "__main__":  # make docs
    if sys.version_info[:2] != PYTHON_DE_REFERENCE:
        ici, attendu = (".".join(map(str, v)) for v in (sys.version_info[:2], PYTHON_DE_REFERENCE))
        print(f"attention : Python {ici} met l'aide en forme autrement que Python {attendu}", file=sys.stderr)
    print(reference(), end="")
