"""Les fiches actions et les indicateurs d'un contrat « Quartiers 2030 » : champs, valeurs, années, unités.

Une fiche action s'ouvre par une ligne « Fiche action 1.1.1-A – Titre » (titre Markdown, gras ou
ligne simple) et porte des champs « Pilote : », « Partenaires : », « Calendrier : »,
« Indicateurs : » (suivi d'une liste). Un indicateur s'écrit sur une ligne :

    Enfants accueillis en crèche (enfants) : référence 48 en 2023 ; cible 90 en 2028 ; source : CAF

le libellé (avec son unité entre parenthèses, ou après le nombre : « 18 % », « 400 personnes »),
puis, séparés par « ; », la référence, la cible (chacune avec son année, « en 2023 » ou
« (2023) ») et la source. Un morceau que l'on ne sait pas lire fait refuser l'annexe.
"""

from __future__ import annotations

import re

from .balisage import fusionner_espaces, plier
from .modele import IndicateurLu

_RE_FICHE = re.compile(
    r"fiche(?:[\s-]+action)?\s*(?:n°\s*)?(?P<num>[\w.-]*\d[\w.-]*)?\s*(?:[:.–—-]\s*)?(?P<titre>.*)", re.IGNORECASE
)
CHAMPS = {
    "pilote": "pilote",
    "porteur": "pilote",
    "pilotes": "pilote",
    "signataire": "signataire",
    "partenaire": "partenaires",
    "partenaires": "partenaires",
    "calendrier": "calendrier",
    "echeancier": "calendrier",
    "indicateur": "indicateurs",
    "indicateurs": "indicateurs",
    "indicateurs de suivi": "indicateurs",
    "indicateurs de resultat": "indicateurs",
    "indicateurs de l'objectif": "indicateurs",
}
_RE_CHAMP = re.compile(r"(?P<champ>[^\W\d_][\w' ’-]{2,40}?)\s*:\s*(?P<valeur>.*)")
_NOMBRE = r"(?P<n>[-−]?\d[\d\s\u00a0\u202f]*(?:[.,]\d+)?)"
_RE_VALEUR = re.compile(
    rf"(?P<quoi>valeur\s+de\s+r[ée]f[ée]rence|r[ée]f[ée]rence|r[ée]f\.?|situation\s+initiale|valeur\s+cible|cible|objectif)"
    rf"\s*:?\s*(?:{_NOMBRE}\s*(?P<unite>%|[^\W\d_][\w'’-]*)?)?\s*"
    r"(?:(?:en|au|à|pour|fin|d[ée]but)\s+|\(\s*)?(?P<annee>(?:19|20)\d\d)?\s*\)?\s*(?P<reste>.*)",
    re.IGNORECASE,
)
_RE_SOURCE = re.compile(r"sources?\s*:?\s*(?P<source>.+)", re.IGNORECASE)
_RE_UNITE = re.compile(r"^(?P<libelle>.+?)\s*\((?P<unite>[^()]{1,30})\)$")


def lire_fiche(texte: str) -> tuple[str, str] | None:
    """(numéro, titre) si ``texte`` ouvre une fiche action (« Fiche action 1.1.1-A – Titre »)."""
    if not plier(texte).startswith("fiche"):
        return None
    trouve = _RE_FICHE.fullmatch(texte)
    if trouve is None or not trouve["titre"].strip():
        return None
    return (trouve["num"] or ""), trouve["titre"].strip()


def lire_champ(texte: str) -> tuple[str, str] | None:
    """(champ, valeur) pour « Pilote : X », « Partenaires : … », « Indicateurs : » ; None sinon."""
    trouve = _RE_CHAMP.fullmatch(texte)
    if trouve is None:
        return None
    champ = CHAMPS.get(plier(trouve["champ"]))
    return (champ, trouve["valeur"].strip()) if champ else None


def _nombre(texte: str | None) -> float | None:
    if not texte:
        return None
    propre = re.sub(r"[\s\u00a0\u202f]", "", texte).replace(",", ".").replace("−", "-")
    return float(propre)


def lire_indicateur(texte: str, ligne: int) -> IndicateurLu:
    """Un indicateur écrit sur une ligne ; ValueError (message en français) pour un morceau illisible."""
    libelle, _, reste = texte.partition(" : ")
    libelle = fusionner_espaces(libelle)
    unite = ""
    if entre := _RE_UNITE.match(libelle):
        libelle, unite = entre["libelle"], entre["unite"].strip()
    valeurs: dict[str, tuple[float | None, int | None]] = {}
    source = ""
    for morceau in (m.strip(" .") for m in re.split(r"\s*[;|]\s*", reste) if m.strip(" .")):
        if src := _RE_SOURCE.fullmatch(morceau):
            source = src["source"].strip()
            continue
        trouve = _RE_VALEUR.fullmatch(morceau)
        if trouve is None or trouve["reste"].strip():
            raise ValueError(
                f"indicateur « {libelle} » : « {morceau} » n'est ni une référence, ni une cible, ni une source "
                "(attendu : « référence 48 en 2023 ; cible 90 en 2028 ; source : CAF »)"
            )
        cle = "cible" if plier(trouve["quoi"]) in ("cible", "valeur cible", "objectif") else "reference"
        valeurs[cle] = (_nombre(trouve["n"]), int(trouve["annee"]) if trouve["annee"] else None)
        if not unite and trouve["unite"] and plier(trouve["unite"]) not in ("en", "au", "pour"):
            unite = trouve["unite"]
    if not libelle:
        raise ValueError(f"indicateur sans libellé : « {texte} »")
    reference, reference_annee = valeurs.get("reference", (None, None))
    cible, cible_annee = valeurs.get("cible", (None, None))
    return IndicateurLu(libelle, ligne, unite, reference, reference_annee, cible, cible_annee, source)
