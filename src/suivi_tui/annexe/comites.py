"""Les comités techniques cités dans les libellés d'engagement : nom, phrase qui les décrit, renvois."""

from __future__ import annotations

import re

from .balisage import majuscule, plier
from .modele import AxeLu, ComiteLu

_RE_COMITE = re.compile(r"comit[ée]s?\s+techniques?", re.IGNORECASE)
_RE_NOM_GUILLEMETS = re.compile(r"\s*[«“\"‹]\s*(?P<nom>[^»”\"›]+?)\s*[»”\"›]")
_RE_NOM_COMPLEMENT = re.compile(
    r"\s*(?:(?:dédiés?|consacrés?)\s+(?:à\s+la|à\s+l['’]|aux|au|à)|de\s+la|de\s+l['’]|du|des|de)\s+"
    r"(?P<nom>[^,;.()«»]+?)"
    r"(?=\s+(?:pour|afin|qui|avec|dans|sur|en|chaque|tous|toutes|\w+ant|et\s+(?:le|la|les|l['’]))\b|[,;.()«»]|$)",
    re.IGNORECASE,
)
_RE_THEME = re.compile(
    r"(?:dans le cadre|au titre|en matière|autour)\s+(?:de\s+la|de\s+l['’]|du|des|de|d['’])\s*(?P<theme>[^,;()]+?)\s*$",
    re.IGNORECASE,
)
_SIGLES_CONNUS = {
    "gestion urbaine et sociale de proximite": "GUSP",
    "gestion urbaine de proximite": "GUP",
    "programme de reussite educative": "PRE",
}


def _casse_de_phrase(nom: str) -> str:
    """« Insertion Socioprofessionnelle » → « Insertion socioprofessionnelle » ; sigles et noms propres restent."""
    mots = nom.split(" ")
    longs = [m for m in mots if len(m) >= 3 and m[:1].isalpha()]
    if len(mots) < 2 or not all(m[:1].isupper() for m in longs):
        return nom
    return " ".join([mots[0]] + [m if m.isupper() else m.lower() for m in mots[1:]])


def _nom_par_contexte(libelle: str, debut: int) -> str | None:
    """« … dans le cadre de la gestion urbaine et sociale de proximité (comité technique, …) » → le thème."""
    avant = libelle[:debut]
    ouvrante = avant.rfind("(")
    if ouvrante < 0 or ")" in avant[ouvrante:]:
        return None
    theme = _RE_THEME.search(avant[:ouvrante])
    if theme is None:
        return None
    nom = theme["theme"].strip()
    parenthese = avant[ouvrante + 1 :]
    sigle = re.match(r"\s*([A-Z]{2,8})\b", parenthese)
    sigle_texte = sigle[1] if sigle else _SIGLES_CONNUS.get(plier(nom))
    return majuscule(nom) + (f" ({sigle_texte})" if sigle_texte and sigle_texte not in nom else "")


def _nom_du_comite(libelle: str, mention: re.Match[str], axe: AxeLu) -> str:
    suite = libelle[mention.end() :]
    guillemets = _RE_NOM_GUILLEMETS.match(suite)
    if guillemets:
        return _casse_de_phrase(guillemets["nom"].strip())
    complement = _RE_NOM_COMPLEMENT.match(suite)
    if complement:
        return majuscule(complement["nom"].strip())
    # Comité cité sans nom : on le rattache au thème de la phrase, à défaut à l'axe.
    return _nom_par_contexte(libelle, mention.start()) or axe.titre


def _phrase_autour(libelle: str, position: int) -> str:
    debut = 0
    for phrase in re.split(r"(?<=[.!?])\s+", libelle):
        if debut <= position < debut + len(phrase) + 1:
            return phrase
        debut += len(phrase) + 1
    return libelle


def extraire_comites(axes: tuple[AxeLu, ...]) -> tuple[ComiteLu, ...]:
    """Les comités techniques nommés par les engagements, dans l'ordre de première mention."""
    noms: dict[str, tuple[str, str]] = {}
    renvois: dict[str, list[tuple[int, int]]] = {}
    for axe in axes:
        for engagement in axe.engagements:
            for mention in _RE_COMITE.finditer(engagement.libelle):
                nom = _nom_du_comite(engagement.libelle, mention, axe)
                cle = plier(nom)
                noms.setdefault(cle, (nom, _phrase_autour(engagement.libelle, mention.start())))
                liste = renvois.setdefault(cle, [])
                if (axe.ordre, engagement.ordre) not in liste:
                    liste.append((axe.ordre, engagement.ordre))
    return tuple(ComiteLu(nom, description, tuple(renvois[cle])) for cle, (nom, description) in noms.items())
