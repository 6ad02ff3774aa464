"""Le contrat d'après le préambule : territoire (la ville signataire), période et titre."""

from __future__ import annotations

import re
from datetime import date
from typing import Protocol

from .balisage import plier
from .lignes import Genre, Ligne
from .modele import AnnexeIllisible
from .parties import Partie


class Lecteur(Protocol):
    """What the contrat is read from: either reader (a 2020-2022 protocole, a Quartiers 2030 tree)."""

    parties: list[Partie]
    preambule: list[Ligne]

    def refus(self, message: str, ligne: int | None) -> AnnexeIllisible: ...


_MOIS = {
    "janvier": 1,
    "fevrier": 2,
    "mars": 3,
    "avril": 4,
    "mai": 5,
    "juin": 6,
    "juillet": 7,
    "aout": 8,
    "septembre": 9,
    "octobre": 10,
    "novembre": 11,
    "decembre": 12,
}
_RE_JUSQU_AU = re.compile(
    r"jusqu['’]\s?(?:au|à)\s+(?:(?P<jour>1er|\d{1,2})\s+(?P<mois>[^\W\d_]+)\s+|(?P<jj>\d{1,2})/(?P<mm>\d{1,2})/)"
    r"(?P<annee>\d{4})",
    re.IGNORECASE,
)
_RE_JUSQU_EN = re.compile(
    r"jusqu['’]\s?(?:en|à\s+fin|à\s+la\s+fin\s+de\s+l['’]année)\s+(?P<annee>\d{4})", re.IGNORECASE
)
_RE_ANNEES = re.compile(r"(?<!\d)((?:19|20)\d\d)\s*[-–—/]\s*((?:19|20)\d\d)(?!\d)")
_RE_VILLE_NOM = re.compile(
    r"^(?:ville|commune|mairie)\s+(?P<de>de\s+|d['’]\s*|du\s+|des\s+)(?P<nom>.+)$", re.IGNORECASE
)
_RE_VILLE_TEXTE = re.compile(
    r"\b(?:[Vv]ille|[Cc]ommune)\s+(?P<de>de\s+|d['’]\s*|du\s+|des\s+)"
    r"(?P<nom>(?:(?:Le|La|Les)\s+|L['’])?[A-ZÀ-ÖØ-Ý][\w'’-]*)"
)


def _nom_de_ville(de: str, nom: str) -> str:
    # « ville du Blanc-Mesnil » : l'article contracté fait partie du nom de la commune.
    article = {"du": "Le ", "des": "Les "}.get(de.strip().lower(), "")
    return article + nom.strip()


def territoire_du_contrat(lecteur: Lecteur) -> str:
    """La ville signataire ; à défaut la première « ville de X » du préambule."""
    for partie in lecteur.parties:
        trouve = _RE_VILLE_NOM.match(partie.nom) if partie.nom_court == "Ville" else None
        if trouve:
            return _nom_de_ville(trouve["de"], trouve["nom"])
    for ligne in lecteur.preambule:
        trouve = _RE_VILLE_TEXTE.search(ligne.texte) if ligne.genre is not Genre.MEUBLE else None
        if trouve:
            return _nom_de_ville(trouve["de"], trouve["nom"])
    raise lecteur.refus(
        "territoire introuvable : ni partie « La ville de … s'engage à : » ni « ville de … » dans le préambule",
        None,
    )


def _de(nom: str) -> str:
    """« de Grigny », « d'Antony », « du Blanc-Mesnil », « des Mureaux »."""
    if nom.startswith("Le "):
        return "du " + nom[3:]
    if nom.startswith("Les "):
        return "des " + nom[4:]
    return ("d'" if plier(nom[:1]) in "aeiouy" else "de ") + nom


def _date_de_fin(texte: str) -> date | None:
    """La date de « jusqu'au 31 décembre 2022 » ; ValueError (message français) si elle n'existe pas."""
    trouve = _RE_JUSQU_AU.search(texte)
    if trouve is None:
        en = _RE_JUSQU_EN.search(texte)
        return date(int(en["annee"]), 12, 31) if en else None
    if trouve["mois"]:
        mois = _MOIS.get(plier(trouve["mois"]))
        if mois is None:
            raise ValueError(f"mois inconnu « {trouve['mois']} » dans « {trouve[0]} »")
        jour = 1 if trouve["jour"].lower() == "1er" else int(trouve["jour"])
    else:
        mois, jour = int(trouve["mm"]), int(trouve["jj"])
    try:
        return date(int(trouve["annee"]), mois, jour)
    except ValueError:
        raise ValueError(f"« {trouve[0]} » : cette date n'existe pas au calendrier") from None


def periode_du_contrat(lecteur: Lecteur) -> tuple[date | None, date | None]:
    """(début, fin) lus dans le préambule : la fin explicite l'emporte sur la période du titre."""
    debut: date | None = None
    fin: date | None = None
    fin_du_titre: date | None = None
    for ligne in (lue for lue in lecteur.preambule if lue.genre is not Genre.MEUBLE and lue.texte):
        if debut is None and (annees := _RE_ANNEES.search(ligne.texte)):
            premiere, derniere = int(annees[1]), int(annees[2])
            if premiere <= derniere:
                debut, fin_du_titre = date(premiere, 1, 1), date(derniere, 12, 31)
        if fin is None:
            try:
                fin = _date_de_fin(ligne.texte)
            except ValueError as erreur:
                raise lecteur.refus(f"date de fin impossible : {erreur}", ligne.numero) from None
    fin = fin or fin_du_titre
    if debut and fin and debut > fin:
        raise lecteur.refus(f"période incohérente : début {debut:%d/%m/%Y} après la fin {fin:%d/%m/%Y}", None)
    return debut, fin


def titre_du_contrat(territoire: str, debut: date | None, fin: date | None) -> str:
    """« Contrat de ville d'Antony 2020-2022 » ; les années manquantes sont omises."""
    annees = f"{debut.year}-{fin.year}" if debut and fin else (str(fin.year) if fin else "")
    return f"Contrat de ville {_de(territoire)} {annees}".strip()
