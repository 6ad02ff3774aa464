"""French text helpers every layer shares: numbers and agreement, short lines, byte sizes, accent-free keys.

Pure (stdlib only): the command line, the exports and the interface all print with these.
"""

from __future__ import annotations

import unicodedata


def nombre(n: int) -> str:
    """« 1 250 »: French thousands separator (narrow no-break space)."""
    return f"{n:,}".replace(",", "\u202f")


def accord(n: int, singulier: str, pluriel_: str | None = None) -> str:
    """The word alone, agreed with n (for a number set apart, « <strong>3</strong> réalisés »)."""
    return singulier if n <= 1 else (pluriel_ or singulier + "s")


def pluriel(n: int, singulier: str, pluriel_: str | None = None) -> str:
    """« 1 réalisé », « 3 réalisés », « 1 250 engagements » (French: 0 and 1 take the singular)."""
    return f"{nombre(n)} {accord(n, singulier, pluriel_)}"


def court(texte: str, n: int) -> str:
    """texte on one line (spaces collapsed), cut to n characters with « … » when longer."""
    ligne = " ".join(texte.split())
    return ligne if len(ligne) <= n else ligne[: n - 1].rstrip() + "…"


def taille(octets: int) -> str:
    """« 512 octets », « 224 Ko », « 1,2 Mo »: a file's size as a French reader writes it."""
    if octets < 1024:
        return f"{octets} octets"
    if octets < 1024 * 1024:
        return f"{round(octets / 1024)} Ko"
    return f"{octets / 1_048_576:.1f} Mo".replace(".", ",")


def sans_accents(texte: str) -> str:
    """Lowercase, accents removed, spaces collapsed: how typed names and words are compared."""
    decompose = unicodedata.normalize("NFD", texte.casefold())
    return " ".join("".join(c for c in decompose if not unicodedata.combining(c)).split())
