"""Paragraphes et tableaux d'un traitement de texte (Word, OpenDocument) écrits en lignes pour ``lire_annexe``.

Un titre devient ``## Titre`` (son niveau), un paragraphe tout en gras ``**Texte**``, un élément
de liste ``- Texte`` (ou son numéro, « 1. Texte ») en retrait de deux espaces par niveau.

Un tableau d'engagements devient la liste qu'il représente :

* une colonne par partie (en-têtes « Ville d'Antony » | « État », ou « La ville s'engage à : ») :
  chaque colonne donne « <partie> s'engage à : » puis une puce par paragraphe de ses cellules ;
* des lignes « Partie | Engagement » : une puce par ligne, sous sa partie (cellule vide ou
  fusionnée : la partie de la ligne d'avant).

Tout autre tableau est lu ligne par ligne, cellule par cellule. Après une formule de clôture
(« Fait à », « Signatures »), aucun tableau n'est plus pris pour des engagements : les tableaux
de signatures nomment aussi les parties.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from ..balisage import plier
from ..modele import Origine
from ..parties import partie_connue
from .document import Redaction
from .texte import est_glyphe_de_puce, normaliser


@dataclass
class Paragraphe:
    """Un paragraphe lu : texte (les sauts de ligne manuels y sont des « \\n »), style et place dans une liste."""

    texte: str
    origine: Origine
    titre: int = 0  # niveau de titre, 0 pour un paragraphe ordinaire
    gras: bool = False
    puce: str | None = None  # "-" pour une puce, « 1. », « a) », « I. » pour un élément numéroté
    niveau: int = 0  # profondeur dans la liste, 0 au premier niveau
    suite: bool = False  # un paragraphe de plus d'un élément de liste (sans puce, en retrait) : il le prolonge


@dataclass
class Tableau:
    """Un tableau : ses lignes, chacune une liste de cellules, chaque cellule ses paragraphes."""

    numero: int
    lignes: list[list[list[Paragraphe]]] = field(default_factory=list)


Bloc = Paragraphe | Tableau

_RE_CLOTURE = re.compile(r"^(?:fait\s+(?:à|a|en)\s|lu\s+et\s+approuvé|signatures?\s*:?\s*$)", re.IGNORECASE)
_RE_ENGAGE = re.compile(r"s['’]\s?engagen?t?\b", re.IGNORECASE)
_RE_ENGAGEMENTS_DE = re.compile(r"^engagements?\s+(?:de\s+la\s+|de\s+l['’]\s*|du\s+|des\s+|de\s+)", re.IGNORECASE)
_RE_NUMERO_LU = re.compile(r"\d{1,2}[.)]|[a-z]\)|[IVX]{1,5}[.)]")


def rediger(blocs: list[Bloc], redaction: Redaction) -> None:
    """Écrit les blocs dans l'ordre du document."""
    cloture = False
    for bloc in blocs:
        if isinstance(bloc, Tableau):
            _rediger_tableau(bloc, redaction, cloture)
            continue
        cloture = cloture or bool(_RE_CLOTURE.match(bloc.texte.strip()))
        _rediger_paragraphe(bloc, redaction)


def _rediger_paragraphe(paragraphe: Paragraphe, redaction: Redaction) -> None:
    morceaux = [normaliser(m).strip() for m in paragraphe.texte.split("\n")]
    # Un saut de ligne manuel suivi d'un glyphe de puce : une liste tapée à la main dans un paragraphe.
    premier, suites = morceaux[0], []
    for morceau in morceaux[1:]:
        if morceau and est_glyphe_de_puce(morceau[0]) and morceau[1:2] in (" ", "\t"):
            suites.append(morceau[1:].strip())
        elif suites:
            suites[-1] = f"{suites[-1]} {morceau}"
        else:
            premier = f"{premier} {morceau}"
    texte = " ".join(premier.split())
    if texte:
        redaction.ligne(_forme(replace(paragraphe, texte=texte)), paragraphe.origine)
    for suite in suites:
        retrait = "  " * (paragraphe.niveau + (1 if paragraphe.puce else 0))
        redaction.ligne(f"{retrait}- {' '.join(suite.split())}", paragraphe.origine)


def _forme(paragraphe: Paragraphe) -> str:
    """La ligne Markdown d'un paragraphe."""
    texte = paragraphe.texte
    if paragraphe.titre:
        numero = f"{paragraphe.puce} " if paragraphe.puce and paragraphe.puce != "-" else ""
        return f"{'#' * min(paragraphe.titre, 6)} {numero}{texte}"
    if paragraphe.puce is not None:
        if paragraphe.puce != "-" and paragraphe.gras and paragraphe.niveau == 0:
            return f"**{paragraphe.puce} {texte}**"  # paragraphe numéroté en gras : un titre d'axe
        # Les numéros que le lecteur d'annexe reconnaît sont gardés (« I. » est un titre d'axe) ;
        # les autres (« i. », « A. », « 1.1 ») deviennent des puces.
        marque = paragraphe.puce if _RE_NUMERO_LU.fullmatch(paragraphe.puce) else "-"
        return f"{'  ' * paragraphe.niveau}{marque} {texte}"
    if paragraphe.suite:
        return f"{'  ' * (paragraphe.niveau + 1)}{texte}"
    if paragraphe.gras and "**" not in texte:
        return f"**{texte}**"
    return texte


# --- tableaux -------------------------------------------------------------------------------------


def _texte_cellule(cellule: list[Paragraphe]) -> str:
    return " ".join(" ".join(normaliser(p.texte).split()) for p in cellule).strip()


def _nom_de_partie(entete: str) -> str | None:
    """« Ville d'Antony », « Engagements de l'État », « La ville s'engage à : » → la partie ; sinon None."""
    texte = entete.strip().rstrip(":").strip()
    if not texte or len(texte.split()) > 12:
        return None
    if _RE_ENGAGE.search(texte):
        return texte
    texte = _RE_ENGAGEMENTS_DE.sub("", texte)
    return texte if partie_connue(texte) else None


def _rediger_tableau(tableau: Tableau, redaction: Redaction, cloture: bool) -> None:
    lignes = [ligne for ligne in tableau.lignes if any(_texte_cellule(c) for c in ligne)]
    if not cloture and len(lignes) >= 2:
        entetes = [_texte_cellule(c) for c in lignes[0]]
        if _par_lignes(lignes, entetes, redaction) or _par_colonnes(lignes, entetes, redaction):
            return
    for ligne in lignes:
        for cellule in ligne:
            for paragraphe in cellule:
                _rediger_paragraphe(paragraphe, redaction)


def _phrase_partie(nom: str) -> str:
    return nom if _RE_ENGAGE.search(nom) else f"{nom} s'engage à :"


def _puces(cellule: list[Paragraphe], redaction: Redaction) -> None:
    """Chaque paragraphe d'une cellule d'engagements est une puce ; une suite en minuscule la prolonge."""
    for paragraphe in cellule:
        texte = " ".join(normaliser(paragraphe.texte).split())
        if not texte:
            continue
        if paragraphe.puce is None and texte[:1].islower() and redaction.lignes:
            redaction.ligne(f"{'  ' * (paragraphe.niveau + 1)}{texte}", paragraphe.origine)
        else:
            redaction.ligne(f"{'  ' * paragraphe.niveau}- {texte}", paragraphe.origine)


def _par_lignes(lignes: list[list[list[Paragraphe]]], entetes: list[str], redaction: Redaction) -> bool:
    """Des lignes « Partie | Engagement » : une puce par ligne, sous sa partie."""
    plies = [plier(e) for e in entetes]
    col_partie = next((i for i, e in enumerate(plies) if re.match(r"(partie|signataire|partenaire)s?\b", e)), None)
    col_engagement = next((i for i, e in enumerate(plies) if e.startswith("engagement")), None)
    if col_partie is None or col_engagement is None:
        return False
    courante = ""
    for ligne in lignes[1:]:
        if max(col_partie, col_engagement) >= len(ligne):
            continue
        partie = _texte_cellule(ligne[col_partie])
        if partie and partie != courante:
            courante = partie
            redaction.ligne(_phrase_partie(partie), ligne[col_partie][0].origine)
        _puces(ligne[col_engagement], redaction)
    return True


def _par_colonnes(lignes: list[list[list[Paragraphe]]], entetes: list[str], redaction: Redaction) -> bool:
    """Une colonne par partie : chaque colonne, sa partie puis ses engagements."""
    parties = [_nom_de_partie(e) if e else "" for e in entetes]
    if any(p is None for p in parties) or not any(parties):
        return False
    for colonne, partie in enumerate(parties):
        if not partie:
            continue
        redaction.ligne(_phrase_partie(partie), lignes[0][colonne][0].origine)
        for ligne in lignes[1:]:
            if colonne < len(ligne):
                _puces(ligne[colonne], redaction)
    return True
