"""How values look on screen: statut colours, delays in days, truncation, masked text, French instants."""

from __future__ import annotations

import datetime as dt

from rich.text import Text
from textual.content import Content

from suivi_tui.dates import format_date, format_echeance
from suivi_tui.services import vocabulaire
from suivi_tui.services.vocabulaire import TYPES_NOTE, libelle_statut

# Content styles (theme variables): the statut picker uses the same ones.
STYLES_STATUT: dict[str, str] = {
    "a_venir": "$text-muted",
    "en_cours": "$text-primary",
    "realise": "bold $text-success",
    "en_pause": "$text-warning",
    "bloque": "bold $text-error",
    "abandonne": "$text-disabled strike",
}
# The same, for the tables (Rich styles: the theme's colours are resolved by the caller).
VARIABLES_STATUT: dict[str, tuple[str | None, str]] = {
    "a_venir": (None, "dim"),
    "en_cours": ("text-primary", ""),
    "realise": ("text-success", "bold"),
    "en_pause": ("text-warning", ""),
    "bloque": ("text-error", "bold"),
    "abandonne": (None, "dim strike"),
}
STYLES_NOTE: dict[str, str] = {"info": "$text-muted", "decision": "bold $text-success", "action": "bold $text-accent"}
MASQUE = "•••"
VIDE = "—"

# Code points that join or restyle the emoji around them (zero-width joiner, variation selectors,
# skin tones, keycap): a terminal draws « 👩‍👩‍👧 » in 2 cells where Textual counts 6, and every border
# after it shifts. Shown without them, each emoji is drawn as wide as it is counted. The text kept
# in the base is not touched.
_JOINTS_EMOJI = dict.fromkeys([0x200D, 0xFE0E, 0xFE0F, 0x20E3, *range(0x1F3FB, 0x1F400)])


def affichable(texte: str) -> str:
    """texte as the terminal can draw it at the width Textual measures (emoji sequences taken apart)."""
    return texte.translate(_JOINTS_EMOJI)


def tronquer(texte: str, largeur: int) -> str:
    """One line of at most largeur characters, ending with « … » when cut."""
    propre = " ".join(affichable(texte).split())
    if largeur <= 0:
        return ""
    return propre if len(propre) <= largeur else propre[: largeur - 1] + "…"


def statut_content(code: str) -> Content:
    return Content.styled(libelle_statut(code), STYLES_STATUT.get(code, ""))


def statut_text(code: str, couleurs: dict[str, str]) -> Text:
    """The statut label for a table cell; couleurs are the theme's variables (hex)."""
    variable, extra = VARIABLES_STATUT.get(code, (None, ""))
    couleur = couleurs.get(variable, "") if variable else ""
    return Text(libelle_statut(code), style=f"{extra} {hex_sans_alpha(couleur)}".strip(), no_wrap=True)


def hex_sans_alpha(couleur: str) -> str:
    """« #E0E0E099 » -> « #E0E0E0 »: Rich does not take an alpha channel."""
    return couleur[:7] if couleur.startswith("#") and len(couleur) == 9 else couleur


def delai(jours: int, *, court: bool = False) -> str:
    """« en retard de 12 j », « aujourd'hui », « dans 5 j » (court: « retard 12 j »)."""
    if jours < 0:
        return f"retard {-jours} j" if court else f"en retard de {-jours} j"
    if jours == 0:
        return "aujourd'hui"
    return f"dans {jours} j"


# « janv. 2021 » rather than « janvier 2021 »: échéance columns stay 10 wide.
MOIS_COURTS = ("janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.", "nov.", "déc.")


def echeance_courte(date: dt.date | None, precision: str | None) -> str:
    """« 30/06/2021 », « T2 2021 », « sept. 2021 », « 2022 »: at most 10 characters."""
    if date is None:
        return VIDE
    if precision == "mois":
        return f"{MOIS_COURTS[date.month - 1]} {date.year}"
    return format_echeance(date, precision) if precision else format_date(date)


def instant(le: str) -> str:
    """An ISO UTC instant shown in local time: « 15/03/2021 14:02 »."""
    try:
        moment = dt.datetime.fromisoformat(le.replace("Z", "+00:00")).astimezone()
    except ValueError:
        return le
    return f"{format_date(moment.date())} {moment:%H:%M}"


def pilote(nom: str | None, presentation: bool) -> str:
    if not nom:
        return VIDE
    return MASQUE if presentation else nom


def type_note(code: str) -> Content:
    return Content.styled(TYPES_NOTE.get(code, code), STYLES_NOTE.get(code, ""))


def valeur_historique(champ: str, valeur: str | None, presentation: bool) -> str:
    """A historique value in words, with the pilote masked on a shared screen."""
    if champ == "pilote" and presentation and valeur:
        return MASQUE
    return vocabulaire.valeur_historique(champ, valeur)


def raison(exc: BaseException) -> str:
    """Why something failed, in one sentence: our exceptions carry French; SQLite's own are cut short."""
    message = getattr(exc, "message", None)
    if isinstance(message, str) and message:
        return message
    origine = getattr(exc, "orig", None)  # a SQLAlchemy error: SQLite's sentence, not the SQL text
    return str(origine if origine is not None else exc)
