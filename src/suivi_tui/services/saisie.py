"""What is typed, pasted or imported, before it is saved: cleaned, checked, refused in French."""

from __future__ import annotations

from suivi_tui.erreurs import ErreurSuivi


class SaisieInvalide(ErreurSuivi, ValueError):
    """The input cannot be saved as it is; the message (French) says why. Nothing was written."""


# C0 controls but tab and line feed (a note holds several lines), DEL and the C1 controls, and the
# Unicode bidi controls (embeddings, overrides, isolates, marks): invisible, they reorder what a
# line shows (« Trojan Source ») in the app, a report or a spreadsheet.
_CONTROLES = dict.fromkeys(
    [
        *(c for c in range(32) if chr(c) not in "\n\t"),
        *range(0x7F, 0xA0),
        0x061C,
        0x200E,
        0x200F,
        *range(0x202A, 0x202F),
        *range(0x2066, 0x206A),
    ]
)


def nettoyer_saisie(texte: str) -> str:
    """Typed, pasted or imported text without control characters (a NUL would cut the text in SQLite)."""
    return texte.translate(_CONTROLES)


PILOTE_MAX = 200


def pilote_valide(pilote: str | None) -> str | None:
    """The pilote as it will be saved (None: no pilote); SaisieInvalide when it cannot be. The dialog asks it too."""
    propre = " ".join(nettoyer_saisie(pilote or "").split()) or None
    if propre is not None and len(propre) > PILOTE_MAX:
        raise SaisieInvalide(
            f"Le nom du pilote est trop long ({len(propre)} caractères, {PILOTE_MAX} au plus) : raccourcissez-le."
        )
    return propre


def lire_annee(texte: str) -> int:
    """A year typed in full (« 2025 »), between 1900 and 2200 as the base keeps them; SaisieInvalide otherwise."""
    propre = "".join(texte.split())
    if not (propre.isascii() and propre.isdigit() and len(propre) == 4 and 1900 <= int(propre) <= 2200):
        raise SaisieInvalide(f"« {texte.strip()[:20]} » n'est pas une année : écrivez-la en entier (ex. : 2025).")
    return int(propre)
