"""Lire le texte d'une annexe signée au contrat de ville : axes, parties, engagements et comités techniques.

Module pur (bibliothèque standard seulement, aucune base de données) : il
transforme le texte Markdown (ou le texte extrait d'un PDF) d'une annexe signée
en dataclasses figées. Les annexes des différentes villes suivent le même
modèle national avec des variantes ; on les lit toutes, ou on refuse
(``AnnexeIllisible``) avec la ligne où la lecture s'est perdue. On n'importe
JAMAIS une structure fausse en silence.

Règles de lecture
-----------------
Chaque ligne est d'abord classée seule, puis lue par un automate
(préambule → titre d'axe → introduction → liste d'une partie → …).

* Balisage retiré de tout texte : ``**``/``__``, ``*italique*``, balises HTML
  (``<sup>ème</sup>`` → « ème », ``<br>`` → espace), entités (``&nbsp;``,
  ``&amp;``…), échappements Markdown ; les espaces sont fusionnés.
* Mobilier de page, ignoré et signalé dans ``lignes_ignorees`` : numéros de
  page (« 12 », « - 12 - », « Page 3 sur 10 », « 3/10 »), sauts de page
  (``\\f``), tampons de transmission en préfecture (« Reçu en préfecture le… »,
  « ID : 092-… »), et toute ligne courte (≤ 100 caractères) commençant par une
  majuscule ou un chiffre, qui n'est ni puce, ni partie, ni titre d'axe, et qui
  revient à l'identique au moins 3 fois (titre courant, pied de page). Une puce
  vide est aussi signalée.
* Titre d'axe : ``## I. Titre``, ``## **II. Titre**``, ``# AXE 3 – Titre``,
  ``## 1. Titre``, ``## 2) Titre``, ``## VI Titre`` ; une ligne entièrement en
  gras ``**IV. Titre**`` ; une ligne simple ``AXE 3 : Titre``, ``Axe 3 - Titre``
  ou ``III. Titre`` (chiffres romains, séparateur obligatoire). Une ligne simple
  ``1. Texte`` est une puce numérotée, pas un titre. Le premier axe doit porter
  le numéro 1 (sinon un titre précédent n'a pas été reconnu) et deux axes ne
  peuvent pas porter le même numéro.
* Partie signataire : ligne « <Partie> s'engage à : » ou « <Parties>
  s'engagent à : » (en gras ou précédée d'une puce, acceptées). La même partie
  d'un axe à l'autre est une seule ``PartieLue`` (nom normalisé ; toutes les
  formes de l'État n'en font qu'une ; « La Ville » sans nom rejoint la seule
  ville nommée).
* Engagement : une puce (``-``, ``*``, ``+``, ``•``, ``–``, ``—``, ``o``, ``▪``,
  ``◦``, ``●``, ``■``, ``➢``, ``1.``, ``1)``, ``a)``, et ``-Texte`` : tiret collé
  à une majuscule) sous une partie. Une puce plus en retrait que la première
  puce de la liste détaille la puce en cours : elle est ajoutée à son libellé
  (« … : a ; b »), pas comptée à part.
* Continuation : dans une liste, une ligne de texte (ni puce, ni partie, ni
  titre, ni mobilier) prolonge la puce en cours, jointe par une espace, si

  1. aucune ligne vide ne la sépare de la ligne précédente de cette puce (le
     mobilier de page ne compte pas) : ligne repliée, comme en Markdown ;
  2. ou elle est plus en retrait que les puces de la liste (paragraphe de la
     puce en Markdown) ;
  3. ou elle commence par une minuscule (phrase coupée par une ligne vide ou
     une page).

  Sinon l'annexe est refusée : un paragraphe sans puce, après une ligne vide,
  au milieu des engagements, peut être un engagement dont la puce a été perdue,
  et on ne devine pas. Une ligne vide puis une puce continue la même liste.
* Ignoré sans le signaler : le préambule (avant le premier axe, listes
  comprises), la prose entre un titre d'axe et sa première partie, un
  sous-titre Markdown plus profond que le titre d'axe, et tout ce qui suit une
  formule de clôture (« Fait à … », « Signatures ») ou un titre qui n'est pas
  un axe — à condition qu'aucune partie signataire n'y apparaisse.
* Refus (``AnnexeIllisible``, avec la ligne quand elle existe) : fichier vide ;
  aucun axe ; puce avant toute partie dans son axe ; partie sans aucune puce ;
  axe sans engagement ; texte non rattachable au milieu d'une liste ; texte
  après « s'engage à : » au lieu d'une puce ; partie hors de tout axe (après un
  titre non reconnu) ; partie au sujet tronqué (commençant par une minuscule) ;
  numéro d'axe en double ou premier axe différent de 1 ; territoire
  introuvable ; date de fin impossible.

Le contrat : territoire = la ville signataire (à défaut « ville de X » dans le
préambule) ; fin = « jusqu'au 31 décembre 2022 » du préambule, à défaut la fin
de la période « 2020-2022 » ; début = 1er janvier de la première année de cette
période. Les comités techniques sont cherchés dans les libellés d'engagement.
"""

from __future__ import annotations

import enum
import html
import os
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

__all__ = [
    "AnnexeIllisible",
    "AnnexeLue",
    "AxeLu",
    "ComiteLu",
    "EngagementLu",
    "LigneIgnoree",
    "PartieLue",
    "lire_annexe",
    "lire_fichier_annexe",
    "nettoyer_balisage",
]


# --------------------------------------------------------------------------- résultat


@dataclass(frozen=True)
class PartieLue:
    """Une partie signataire ; ``ordre`` suit sa première apparition."""

    nom: str
    nom_court: str
    ordre: int


@dataclass(frozen=True)
class EngagementLu:
    """Une puce : ``ordre`` est sa place dans l'axe (1, 2…), ``ligne`` celle de la puce dans le texte."""

    partie_ordre: int
    ordre: int
    libelle: str
    ligne: int


@dataclass(frozen=True)
class AxeLu:
    """Une section thématique ; ``numero`` tel qu'écrit (« I », « 3 »)."""

    numero: str
    ordre: int
    titre: str
    ligne: int
    engagements: tuple[EngagementLu, ...]


@dataclass(frozen=True)
class ComiteLu:
    """Un comité technique nommé dans le texte, et les (ordre d'axe, ordre d'engagement) qui le citent."""

    nom: str
    description: str
    engagements: tuple[tuple[int, int], ...]


@dataclass(frozen=True)
class LigneIgnoree:
    """Une ligne de mobilier de page sautée, avec la raison en français."""

    ligne: int
    texte: str
    raison: str


@dataclass(frozen=True)
class AnnexeLue:
    """Tout ce que l'annexe dit du contrat, prêt à importer."""

    titre: str
    territoire: str
    debut: date | None
    fin: date | None
    parties: tuple[PartieLue, ...]
    axes: tuple[AxeLu, ...]
    comites: tuple[ComiteLu, ...]
    lignes_ignorees: tuple[LigneIgnoree, ...]


class AnnexeIllisible(ValueError):
    """L'annexe ne suit pas un modèle reconnu ; ``str(e)`` dit où : « annexe.md, ligne 42 : … »."""

    def __init__(self, message: str, ligne: int | None = None, source: str | None = None) -> None:
        self.message = message
        self.ligne = ligne
        self.source = source
        lieu = ", ".join(p for p in (source, f"ligne {ligne}" if ligne is not None else None) if p)
        super().__init__(f"{lieu} : {message}" if lieu else message)


# --------------------------------------------------------------------------- balisage

_RE_BR = re.compile(r"<br\s*/?>", re.IGNORECASE)
_RE_BALISE = re.compile(r"</?[A-Za-z][A-Za-z0-9]*(?:\s[^<>]*)?/?>")
_RE_NBSP = re.compile(r"&nbsp;|&#160;|&#x[aA]0;")
_RE_GRAS = re.compile(r"\*\*|__")
_RE_ITALIQUE = re.compile(
    r"(?<![\w*\\])\*(?=[^\s*])([^*\n]*?[^\s*\\])\*(?![\w*])"
    r"|(?<![\w\\])_(?=[^\s_])([^_\n]*?[^\s_\\])_(?!\w)"
)
_RE_ECHAPPEMENT = re.compile(r"\\([\\`*_{}\[\]()#+\-.!<>|])")
_RE_ESPACES = re.compile(r"\s+")


def nettoyer_balisage(texte: str) -> str:
    """Le texte sans Markdown ni HTML, espaces fusionnés : ce que le lecteur de l'annexe voit."""
    texte = _RE_BR.sub(" ", texte)
    texte = _RE_BALISE.sub("", texte)
    # &nbsp; est du balisage d'espacement, pas une espace typographique voulue.
    texte = _RE_NBSP.sub(" ", texte)
    texte = _RE_GRAS.sub("", texte)
    texte = _RE_ITALIQUE.sub(lambda m: m.group(1) or m.group(2), texte)
    texte = _RE_ECHAPPEMENT.sub(r"\1", texte)
    # Décodé en dernier : « &lt;b&gt; » écrit dans le texte doit rester du texte.
    texte = html.unescape(texte)
    return _RE_ESPACES.sub(" ", texte).strip()


def _plier(texte: str) -> str:
    """Forme de comparaison : sans accents, minuscules, apostrophe droite, espaces fusionnés."""
    decompose = unicodedata.normalize("NFKD", texte)
    sans_accents = "".join(c for c in decompose if not unicodedata.combining(c))
    return _RE_ESPACES.sub(" ", sans_accents.replace("’", "'").casefold()).strip()


def _majuscule(texte: str) -> str:
    return texte[:1].upper() + texte[1:]


# --------------------------------------------------------------------------- classement des lignes


class _Genre(enum.Enum):
    VIDE = "vide"
    MEUBLE = "mobilier"
    AXE = "axe"
    TITRE = "titre"
    PARTIE = "partie"
    PUCE = "puce"
    CLOTURE = "clôture"
    TEXTE = "texte"


@dataclass(frozen=True)
class _Ligne:
    numero: int
    genre: _Genre
    texte: str = ""
    brut: str = ""
    retrait: int = 0
    niveau: int = 0  # nombre de « # » d'un titre Markdown, 0 pour une ligne simple ou en gras
    numero_axe: str = ""
    valeur_axe: int = 0
    raison: str = ""


def _en_romain(n: int) -> str:
    return "X" * (n // 10) + ("", "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX")[n % 10]


# Seules les formes canoniques comptent : « IIII » ou « VX » ne sont pas des numéros d'axe.
_ROMAINS = {_en_romain(n): n for n in range(1, 40)}

_RE_TITRE_MD = re.compile(r" {0,3}(?P<dieses>#{1,6})(?:[ \t]+(?P<texte>.*?))?(?:[ \t]+#+)?[ \t]*")
_RE_GRAS_ENTIER = re.compile(
    r"\s*(?:\*\*|__|<(?:b|strong)>).+(?:\*\*|__|</(?:b|strong)>)\s*:?\s*", re.IGNORECASE
)
_RE_AXE_MOT = re.compile(
    r"(?i:axe)\s+(?P<num>[IVXivx]+|\d{1,2})(?!\w)\s*(?P<sep>[.:)°–—-]*)\s*(?P<titre>\S.*)"
)
_RE_AXE_NUM = re.compile(
    r"(?P<num>[IVX]+|\d{1,2})(?!\w)\s*(?P<sep>[.:)°–—-]*)\s*(?P<titre>[^\W\d_].*|[«\"“].*)"
)
_RE_SEPARATEUR = re.compile(r"([-*_])(?:\s*\1){2,}")
_RE_PUCE = re.compile(
    r"(?P<retrait>[ \t]*)"
    r"(?:[•◦●▪▫■□·➢➤►▶✓✔❖→][ \t\u00a0]*"
    # « -Fermer » : tiret collé à une majuscule, puce mal tapée ; jamais le début d'une ligne repliée.
    r"|[-–—](?=[A-ZÀ-ÖØ-Þ])"
    r"|(?:[-*+–—o]|\d{1,2}[.)]|[a-z]\))(?:[ \t\u00a0]+|$))"
    r"(?P<texte>.*)"
)
_ADVERBES = r"notamment|également|egalement|aussi|ainsi|en outre|par ailleurs|conjointement|à ce titre"
_RE_PARTIE = re.compile(
    rf"(?P<sujet>\S.{{0,160}}?)\s+s['’]\s?engagen?t?(?:\s+(?:{_ADVERBES}))?(?:\s+(?:à|a)\s*:?|\s*:)",
    re.IGNORECASE,
)
# « Les signataires » n'est une clôture que seul sur sa ligne : en tête de phrase, c'est de la prose d'introduction.
_RE_CLOTURE = re.compile(
    r"(?:fait\s+(?:à|a|en)\s|lu\s+et\s+approuvé|(?:signatures?|les\s+signataires)\s*:?\s*$)", re.IGNORECASE
)
_MOBILIER = (
    (re.compile(r"[-–—]?\s*\d{1,3}\s*[-–—]?"), "numéro de page"),
    (re.compile(r"(?:page|p\.)\s*\d{1,3}(?:\s*(?:sur|/)\s*\d{1,3})?", re.IGNORECASE), "numéro de page"),
    (re.compile(r"\d{1,3}\s*/\s*\d{1,3}"), "numéro de page"),
    (
        re.compile(r"(?:(?:envoyé|reçu) en préfecture le|affiché le|ID\s*:\s*\d{3}-).{0,100}", re.IGNORECASE),
        "tampon de transmission",
    ),
)


def _retrait(texte: str) -> int:
    developpe = texte.expandtabs(4)
    return len(developpe) - len(developpe.lstrip(" "))


def _raison_mobilier(texte: str) -> str:
    return next((raison for motif, raison in _MOBILIER if motif.fullmatch(texte)), "")


def _lire_axe(texte: str, souple: bool) -> tuple[str, int, str] | None:
    """(numéro écrit, valeur, titre) si ``texte`` est un titre d'axe ; ``souple`` pour un titre Markdown ou en gras."""
    mot = _RE_AXE_MOT.fullmatch(texte)
    if mot and (souple or mot["sep"]) and texte[:1].isupper():
        num, titre = mot["num"].upper(), mot["titre"]
    else:
        nombre = _RE_AXE_NUM.fullmatch(texte)
        if nombre is None:
            return None
        num, titre = nombre["num"], nombre["titre"]
        romain = num in _ROMAINS
        # Sans « # » ni gras, « 1. Texte » est une puce numérotée : seuls les romains font un titre.
        if not souple and not (romain and nombre["sep"] and titre[:1].isupper()):
            return None
        if not romain and not nombre["sep"]:
            return None
    valeur = _ROMAINS.get(num) if not num.isdigit() else int(num)
    titre = titre.rstrip(" :")
    if not valeur or not titre:
        return None
    return (num if not num.isdigit() else str(valeur)), valeur, titre


def _classer(numero: int, brut: str) -> _Ligne:
    """Le genre d'une ligne prise seule, avant toute lecture de la structure."""
    sans_saut = brut.replace("\f", "").replace("\v", "")
    base = _Ligne(numero, _Genre.TEXTE, brut=brut, retrait=_retrait(sans_saut))
    if not sans_saut.strip():
        if sans_saut != brut:
            return replace(base, genre=_Genre.MEUBLE, raison="saut de page")
        return replace(base, genre=_Genre.VIDE)
    texte = nettoyer_balisage(sans_saut)
    if not texte or _RE_SEPARATEUR.fullmatch(sans_saut.strip()):
        return replace(base, genre=_Genre.VIDE)
    raison = _raison_mobilier(texte)
    if raison:
        return replace(base, genre=_Genre.MEUBLE, raison=raison)
    titre_md = _RE_TITRE_MD.fullmatch(sans_saut)
    if titre_md:
        return _classer_titre_md(base, titre_md)
    axe = _lire_axe(texte, souple=bool(_RE_GRAS_ENTIER.fullmatch(sans_saut)))
    if axe:
        return replace(base, genre=_Genre.AXE, numero_axe=axe[0], valeur_axe=axe[1], texte=axe[2])
    return _classer_contenu(base, sans_saut, texte)


def _classer_titre_md(base: _Ligne, titre_md: re.Match[str]) -> _Ligne:
    niveau = len(titre_md["dieses"])
    texte = nettoyer_balisage(titre_md["texte"] or "")
    if not texte:
        return replace(base, genre=_Genre.VIDE)
    axe = _lire_axe(texte, souple=True)
    if axe:
        return replace(
            base, genre=_Genre.AXE, niveau=niveau, numero_axe=axe[0], valeur_axe=axe[1], texte=axe[2]
        )
    return replace(base, genre=_Genre.TITRE, niveau=niveau, texte=texte)


def _classer_contenu(base: _Ligne, sans_saut: str, texte: str) -> _Ligne:
    puce = _RE_PUCE.fullmatch(sans_saut)
    corps = nettoyer_balisage(puce["texte"]) if puce else texte
    partie = _RE_PARTIE.fullmatch(corps)
    if partie:
        return replace(base, genre=_Genre.PARTIE, texte=partie["sujet"].strip())
    if puce:
        if not corps:
            return replace(base, genre=_Genre.MEUBLE, raison="puce vide")
        return replace(base, genre=_Genre.PUCE, texte=corps)
    if _RE_CLOTURE.match(texte):
        return replace(base, genre=_Genre.CLOTURE, texte=texte)
    return replace(base, genre=_Genre.TEXTE, texte=texte)


def _est_candidat_titre_courant(ligne: _Ligne) -> bool:
    premier = ligne.texte[:1]
    return (
        ligne.genre in (_Genre.TEXTE, _Genre.TITRE)
        and len(ligne.texte) <= 100
        and (premier.isupper() or premier.isdigit())
    )


def _marquer_titres_courants(lignes: list[_Ligne]) -> list[_Ligne]:
    """Une ligne courte répétée 3 fois ou plus est un en-tête ou un pied de page, pas du contenu."""
    compte = Counter(ligne.texte for ligne in lignes if _est_candidat_titre_courant(ligne))
    return [
        replace(ligne, genre=_Genre.MEUBLE, raison="titre courant répété")
        if _est_candidat_titre_courant(ligne) and compte[ligne.texte] >= 3
        else ligne
        for ligne in lignes
    ]


# --------------------------------------------------------------------------- parties signataires

_NOMS_COURTS: tuple[tuple[tuple[str, ...], str], ...] = (
    (("etat", "prefet", "prefecture", "sous-prefe", "services de l'etat"), "État"),
    (("ville", "commune", "mairie", "municipalite"), "Ville"),
    (("departement", "conseil departemental", "conseil general"), "Département"),
    (("region", "conseil regional"), "Région"),
    (("etablissement public territorial", "ept"), "EPT"),
    (
        ("communaute d'agglomeration", "communaute de communes", "communaute urbaine", "metropole",
         "etablissement public de cooperation intercommunale", "epci", "intercommunalite"),
        "Intercommunalité",
    ),
    (("bailleurs", "organismes hlm", "organismes de logement social"), "Bailleurs"),
    (("bailleur", "office public de l'habitat", "oph"), "Bailleur"),
    (("caisse d'allocations familiales", "caf"), "CAF"),
    (("caisse primaire d'assurance maladie", "cpam"), "CPAM"),
    (("agence regionale de sante", "ars"), "ARS"),
    (("pole emploi",), "Pôle emploi"),
    (("france travail",), "France Travail"),
    (("missions locales", "mission locale"), "Mission locale"),
    (("education nationale", "academie", "rectorat"), "Éducation nationale"),
    (("banque des territoires", "caisse des depots"), "Banque des Territoires"),
    (("chambre de commerce", "cci"), "CCI"),
    (("chambre de metiers", "cma"), "CMA"),
    (("procureur", "parquet", "tribunal"), "Justice"),
)
_MOTS_VIDES = {"le", "la", "les", "l", "de", "du", "des", "d", "ses", "son", "sa", "leurs", "leur", "et", "en"}
_RE_ARTICLE = re.compile(r"^(?:(?:la|le|les)\s+|l['’]\s*)", re.IGNORECASE)
_RE_CONJOINT = re.compile(r"\s*(?:,|\bet\b)\s+(?=(?:la|le|les)\s|l['’])", re.IGNORECASE)
_RE_ETAT = re.compile(r"^[ée]tat\b[\s,]*(?:et\s+(?:ses\s+)?)?(?P<reste>.*)$", re.IGNORECASE)
_RE_INCISE = re.compile(
    r"^(?:pour sa part|pour leur part|de son côté|de leur côté|dans ce cadre|à ce titre|en outre|par ailleurs)\s*,\s*",
    re.IGNORECASE,
)
_VILLE_NUE = {"ville", "commune", "mairie", "municipalite"}


def _nom_court(nom: str) -> str:
    """Mot-clé connu d'abord (« Département », « CAF »…), sinon le premier mot significatif."""
    plie = _plier(_RE_ARTICLE.sub("", nom))
    for cles, court in _NOMS_COURTS:
        if any(re.match(rf"{re.escape(cle)}\b", plie) for cle in cles):
            return court
    mots = re.findall(r"[\w-]+", _RE_ARTICLE.sub("", nom))
    significatif = next((m for m in mots if _plier(m) not in _MOTS_VIDES), nom)
    return significatif if significatif.isupper() else _majuscule(significatif)


def _identite_partie(sujet: str) -> tuple[str, str, str]:
    """(nom, nom court, clé de rapprochement) d'une partie, à partir du sujet de « … s'engage à : »."""
    sujet = _RE_INCISE.sub("", sujet.strip())
    morceaux = _RE_CONJOINT.split(sujet)
    if len(morceaux) > 1:
        # Engagement commun (« L'Etat et la Ville ») : une partie à part entière, nommée d'après chacune.
        identites = [_identite_partie(m) for m in morceaux]
        nom = " et ".join(i[0] for i in identites)
        return nom, " et ".join(i[1] for i in identites), _plier(nom)
    sans_article = _RE_ARTICLE.sub("", sujet)
    etat = _RE_ETAT.match(sans_article)
    if etat:
        reste = etat["reste"].strip(" ,")
        return (f"État ({reste})" if reste else "État"), "État", "etat"
    nom = _majuscule(sans_article)
    court = _nom_court(nom)
    # Toutes les formes de l'État (« Le Préfet », « Les services de l'État ») sont une seule partie.
    return nom, court, "etat" if court == "État" else _plier(nom)


@dataclass
class _Partie:
    cle: str
    nom: str
    nom_court: str
    ordre: int

    @property
    def nue(self) -> bool:
        return self.cle in _VILLE_NUE


def _trouver_partie(parties: list[_Partie], sujet: str) -> _Partie:
    """La partie déjà lue sous ce nom, ou une nouvelle ; « La Ville » sans nom rejoint la seule ville nommée."""
    nom, court, cle = _identite_partie(sujet)
    connue = next((p for p in parties if p.cle == cle), None)
    if connue:
        return connue
    villes = [p for p in parties if p.nom_court == "Ville"]
    if court == "Ville" and len(villes) == 1:
        ville = villes[0]
        if cle in _VILLE_NUE:
            return ville
        if ville.nue:
            ville.nom, ville.cle = nom, cle
            return ville
    nouvelle = _Partie(cle, nom, court, len(parties) + 1)
    parties.append(nouvelle)
    return nouvelle


def _noms_courts_uniques(parties: list[_Partie]) -> list[str]:
    """Deux villes (ou deux bailleurs) ne peuvent pas partager un nom court : on prend alors le nom."""
    compte = Counter(p.nom_court for p in parties)
    return [p.nom_court if compte[p.nom_court] == 1 else p.nom for p in parties]


# --------------------------------------------------------------------------- lecture de la structure


class _Etat(enum.Enum):
    PREAMBULE = "préambule"
    INTRO = "introduction d'axe"
    LISTE = "liste d'engagements"
    HORS_AXE = "hors axe"


@dataclass
class _Engagement:
    partie: _Partie
    ligne: int
    morceaux: list[str]
    sous_puces: int = 0

    def ajouter_sous_puce(self, texte: str) -> None:
        # Séparateurs ajoutés seulement s'il n'y a pas déjà une ponctuation : le texte reste lisible d'un tenant.
        precedent = self.morceaux[-1]
        if not precedent.endswith((":", ";", ",", ".")):
            self.morceaux[-1] = precedent + (" ;" if self.sous_puces else " :")
        self.morceaux.append(texte)
        self.sous_puces += 1

    @property
    def libelle(self) -> str:
        return _RE_ESPACES.sub(" ", " ".join(self.morceaux)).strip()


@dataclass
class _Section:
    numero: str
    valeur: int
    titre: str
    ligne: int
    niveau: int
    engagements: list[_Engagement] = field(default_factory=list)


class _Lecteur:
    """L'automate qui suit la structure ligne à ligne et refuse dès qu'il ne sait plus où il est."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.etat = _Etat.PREAMBULE
        self.sections: list[_Section] = []
        self.parties: list[_Partie] = []
        self.ignorees: list[LigneIgnoree] = []
        self.preambule: list[_Ligne] = []
        self.partie: _Partie | None = None
        self.ligne_partie: _Ligne | None = None
        self.engagement: _Engagement | None = None
        self.puces = 0
        self.retrait_haut = 0
        self.blanc = False
        self.hors_axe_depuis: _Ligne | None = None

    def refus(self, message: str, ligne: int | None) -> AnnexeIllisible:
        return AnnexeIllisible(message, ligne, self.source)

    def lire(self, ligne: _Ligne) -> None:
        if self.etat is _Etat.PREAMBULE and ligne.genre is not _Genre.AXE:
            self.preambule.append(ligne)
        lecture = {
            _Genre.VIDE: self._vide,
            _Genre.MEUBLE: self._meuble,
            _Genre.AXE: self._axe,
            _Genre.TITRE: self._titre,
            _Genre.PARTIE: self._partie,
            _Genre.PUCE: self._puce,
            _Genre.CLOTURE: self._cloture,
            _Genre.TEXTE: self._texte,
        }[ligne.genre]
        lecture(ligne)

    def terminer(self) -> None:
        self._fermer_section()
        if self.sections:
            return
        # Des parties sans axe : c'est sous la première que le titre d'axe manque.
        partie = next((l for l in self.preambule if l.genre is _Genre.PARTIE), None)
        raise self.refus(
            "aucun axe trouvé : aucun titre du type « ## I. Titre », « AXE 1 – Titre » ou « ## 1. Titre »"
            + (f" au-dessus de « {partie.texte} s'engage à : »" if partie else ""),
            partie.numero if partie else None,
        )

    def _vide(self, ligne: _Ligne) -> None:
        self.blanc = True

    def _meuble(self, ligne: _Ligne) -> None:
        # Transparent pour les continuations : une page peut couper une puce en deux.
        self.ignorees.append(LigneIgnoree(ligne.numero, ligne.brut.strip(), ligne.raison))

    def _axe(self, ligne: _Ligne) -> None:
        self._fermer_section()
        deja = next((s for s in self.sections if s.valeur == ligne.valeur_axe), None)
        if deja:
            raise self.refus(f"axe {ligne.numero_axe} en double : un axe {deja.numero} a déjà été lu ligne {deja.ligne}", ligne.numero)
        if not self.sections and ligne.valeur_axe != 1:
            raise self.refus(
                f"le premier axe lu porte le numéro {ligne.numero_axe} : le titre d'un axe précédent n'a pas été reconnu",
                ligne.numero,
            )
        self.sections.append(_Section(ligne.numero_axe, ligne.valeur_axe, ligne.texte, ligne.numero, ligne.niveau))
        self.etat = _Etat.INTRO

    def _titre(self, ligne: _Ligne) -> None:
        if self.etat in (_Etat.PREAMBULE, _Etat.HORS_AXE):
            self.hors_axe_depuis = ligne if self.etat is _Etat.HORS_AXE else None
            return
        section = self.sections[-1]
        if section.niveau and ligne.niveau > section.niveau:
            # Sous-titre Markdown de l'axe : on reste dans l'axe, la liste en cours est close.
            self._fermer_partie()
            self.etat = _Etat.INTRO
            return
        self._quitter_axe(ligne)

    def _cloture(self, ligne: _Ligne) -> None:
        if self.etat in (_Etat.INTRO, _Etat.LISTE):
            self._quitter_axe(ligne)

    def _quitter_axe(self, ligne: _Ligne) -> None:
        self._fermer_section()
        self.etat = _Etat.HORS_AXE
        self.hors_axe_depuis = ligne

    def _partie(self, ligne: _Ligne) -> None:
        if self.etat is _Etat.PREAMBULE:
            return  # engagements généraux du préambule : du contexte, pas un axe
        if self.etat is _Etat.HORS_AXE:
            depuis = self.hors_axe_depuis
            raise self.refus(
                f"partie signataire « {ligne.texte} » hors de tout axe : la ligne {depuis.numero if depuis else '?'} "
                f"(« {depuis.texte if depuis else ''} ») n'est pas un titre d'axe reconnu",
                ligne.numero,
            )
        if ligne.texte[:1].islower():
            raise self.refus(
                f"partie signataire tronquée : « {ligne.texte} » commence par une minuscule (ligne coupée ?)",
                ligne.numero,
            )
        self._fermer_partie()
        self.partie = _trouver_partie(self.parties, ligne.texte)
        self.ligne_partie = ligne
        self.puces = 0
        self.etat = _Etat.LISTE

    def _puce(self, ligne: _Ligne) -> None:
        if self.etat in (_Etat.PREAMBULE, _Etat.HORS_AXE):
            return
        if self.etat is _Etat.INTRO or self.partie is None:
            raise self.refus(
                "puce hors de toute partie signataire : aucune ligne « … s'engage à : » ne la précède dans cet axe",
                ligne.numero,
            )
        if self.engagement is not None and ligne.retrait > self.retrait_haut:
            self.engagement.ajouter_sous_puce(ligne.texte)
        else:
            if self.puces == 0:
                self.retrait_haut = ligne.retrait
            self.engagement = _Engagement(self.partie, ligne.numero, [ligne.texte])
            self.sections[-1].engagements.append(self.engagement)
            self.puces += 1
        self.blanc = False

    def _texte(self, ligne: _Ligne) -> None:
        if self.etat is not _Etat.LISTE:
            return  # préambule, introduction d'axe, après la clôture : du contexte
        sujet = self.ligne_partie.texte if self.ligne_partie else ""
        if self.engagement is None:
            raise self.refus(
                f"texte inattendu après « {sujet} s'engage à : » : une puce d'engagement était attendue",
                ligne.numero,
            )
        if not self._prolonge(ligne):
            raise self.refus(
                f"texte sans puce au milieu des engagements de « {sujet} » (ni puce, ni partie, ni titre, "
                "ni suite évidente de la puce précédente) : puce manquante ?",
                ligne.numero,
            )
        self.engagement.morceaux.append(ligne.texte)
        self.blanc = False

    def _prolonge(self, ligne: _Ligne) -> bool:
        """Règles de continuation du docstring du module, dans l'ordre."""
        if not self.blanc:
            return True
        if ligne.retrait > self.retrait_haut:
            return True
        return ligne.texte[:1].islower()

    def _fermer_partie(self) -> None:
        if self.partie is not None and self.puces == 0 and self.ligne_partie is not None:
            raise self.refus(
                f"la partie « {self.ligne_partie.texte} » n'a aucun engagement : aucune puce après « s'engage à : »",
                self.ligne_partie.numero,
            )
        self.partie = None
        self.engagement = None
        self.blanc = False

    def _fermer_section(self) -> None:
        if self.etat not in (_Etat.INTRO, _Etat.LISTE):
            return
        self._fermer_partie()
        section = self.sections[-1]
        if not section.engagements:
            raise self.refus(
                f"l'axe {section.numero} (« {section.titre} ») ne contient aucun engagement",
                section.ligne,
            )


# --------------------------------------------------------------------------- contrat : territoire et période

_MOIS = {
    "janvier": 1, "fevrier": 2, "mars": 3, "avril": 4, "mai": 5, "juin": 6, "juillet": 7,
    "aout": 8, "septembre": 9, "octobre": 10, "novembre": 11, "decembre": 12,
}
_RE_JUSQU_AU = re.compile(
    r"jusqu['’]\s?(?:au|à)\s+(?:(?P<jour>1er|\d{1,2})\s+(?P<mois>[^\W\d_]+)\s+|(?P<jj>\d{1,2})/(?P<mm>\d{1,2})/)"
    r"(?P<annee>\d{4})",
    re.IGNORECASE,
)
_RE_JUSQU_EN = re.compile(r"jusqu['’]\s?(?:en|à\s+fin|à\s+la\s+fin\s+de\s+l['’]année)\s+(?P<annee>\d{4})", re.IGNORECASE)
_RE_ANNEES = re.compile(r"(?<!\d)((?:19|20)\d\d)\s*[-–—/]\s*((?:19|20)\d\d)(?!\d)")
_RE_VILLE_NOM = re.compile(r"^(?:ville|commune|mairie)\s+(?P<de>de\s+|d['’]\s*|du\s+|des\s+)(?P<nom>.+)$", re.IGNORECASE)
_RE_VILLE_TEXTE = re.compile(
    r"\b(?:[Vv]ille|[Cc]ommune)\s+(?P<de>de\s+|d['’]\s*|du\s+|des\s+)"
    r"(?P<nom>(?:(?:Le|La|Les)\s+|L['’])?[A-ZÀ-ÖØ-Ý][\w'’-]*)"
)


def _nom_de_ville(de: str, nom: str) -> str:
    # « ville du Blanc-Mesnil » : l'article contracté fait partie du nom de la commune.
    article = {"du": "Le ", "des": "Les "}.get(de.strip().lower(), "")
    return article + nom.strip()


def _territoire(lecteur: _Lecteur) -> str:
    """La ville signataire ; à défaut la première « ville de X » du préambule."""
    for partie in lecteur.parties:
        trouve = _RE_VILLE_NOM.match(partie.nom) if partie.nom_court == "Ville" else None
        if trouve:
            return _nom_de_ville(trouve["de"], trouve["nom"])
    for ligne in lecteur.preambule:
        trouve = _RE_VILLE_TEXTE.search(ligne.texte) if ligne.genre is not _Genre.MEUBLE else None
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
    return ("d'" if _plier(nom[:1]) in "aeiouy" else "de ") + nom


def _date_de_fin(texte: str) -> date | None:
    """La date de « jusqu'au 31 décembre 2022 » ; ValueError (message français) si elle n'existe pas."""
    trouve = _RE_JUSQU_AU.search(texte)
    if trouve is None:
        en = _RE_JUSQU_EN.search(texte)
        return date(int(en["annee"]), 12, 31) if en else None
    if trouve["mois"]:
        mois = _MOIS.get(_plier(trouve["mois"]))
        if mois is None:
            raise ValueError(f"mois inconnu « {trouve['mois']} » dans « {trouve[0]} »")
        jour = 1 if trouve["jour"].lower() == "1er" else int(trouve["jour"])
    else:
        mois, jour = int(trouve["mm"]), int(trouve["jj"])
    try:
        return date(int(trouve["annee"]), mois, jour)
    except ValueError:
        raise ValueError(f"« {trouve[0]} » : cette date n'existe pas au calendrier") from None


def _periode(lecteur: _Lecteur) -> tuple[date | None, date | None]:
    """(début, fin) lus dans le préambule : la fin explicite l'emporte sur la période du titre."""
    debut: date | None = None
    fin: date | None = None
    fin_du_titre: date | None = None
    for ligne in (l for l in lecteur.preambule if l.genre is not _Genre.MEUBLE and l.texte):
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


# --------------------------------------------------------------------------- comités techniques

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
    """« Insertion Socioprofessionnelle » → « Insertion socioprofessionnelle » ; les sigles et noms propres isolés restent."""
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
    sigle_texte = sigle[1] if sigle else _SIGLES_CONNUS.get(_plier(nom))
    return _majuscule(nom) + (f" ({sigle_texte})" if sigle_texte and sigle_texte not in nom else "")


def _nom_du_comite(libelle: str, mention: re.Match[str], axe: AxeLu) -> str:
    suite = libelle[mention.end() :]
    guillemets = _RE_NOM_GUILLEMETS.match(suite)
    if guillemets:
        return _casse_de_phrase(guillemets["nom"].strip())
    complement = _RE_NOM_COMPLEMENT.match(suite)
    if complement:
        return _majuscule(complement["nom"].strip())
    # Comité cité sans nom : on le rattache au thème de la phrase, à défaut à l'axe.
    return _nom_par_contexte(libelle, mention.start()) or axe.titre


def _phrase_autour(libelle: str, position: int) -> str:
    debut = 0
    for phrase in re.split(r"(?<=[.!?])\s+", libelle):
        if debut <= position < debut + len(phrase) + 1:
            return phrase
        debut += len(phrase) + 1
    return libelle


def _extraire_comites(axes: tuple[AxeLu, ...]) -> tuple[ComiteLu, ...]:
    """Les comités techniques nommés par les engagements, dans l'ordre de première mention."""
    noms: dict[str, tuple[str, str]] = {}
    renvois: dict[str, list[tuple[int, int]]] = {}
    for axe in axes:
        for engagement in axe.engagements:
            for mention in _RE_COMITE.finditer(engagement.libelle):
                nom = _nom_du_comite(engagement.libelle, mention, axe)
                cle = _plier(nom)
                noms.setdefault(cle, (nom, _phrase_autour(engagement.libelle, mention.start())))
                liste = renvois.setdefault(cle, [])
                if (axe.ordre, engagement.ordre) not in liste:
                    liste.append((axe.ordre, engagement.ordre))
    return tuple(ComiteLu(nom, description, tuple(renvois[cle])) for cle, (nom, description) in noms.items())


# --------------------------------------------------------------------------- points d'entrée


def _decouper(texte: str) -> list[str]:
    # Pas de splitlines() : il coupe aussi sur \f et \x1c…, ce qui fausserait les numéros de ligne.
    return texte.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n").split("\n")


def _assembler(lecteur: _Lecteur) -> AnnexeLue:
    courts = _noms_courts_uniques(lecteur.parties)
    parties = tuple(PartieLue(p.nom, court, p.ordre) for p, court in zip(lecteur.parties, courts))
    axes = tuple(
        AxeLu(
            section.numero,
            ordre,
            section.titre,
            section.ligne,
            tuple(
                EngagementLu(e.partie.ordre, rang, e.libelle, e.ligne)
                for rang, e in enumerate(section.engagements, start=1)
            ),
        )
        for ordre, section in enumerate(lecteur.sections, start=1)
    )
    territoire = _territoire(lecteur)
    debut, fin = _periode(lecteur)
    annees = f"{debut.year}-{fin.year}" if debut and fin else (str(fin.year) if fin else "")
    titre = f"Contrat de ville {_de(territoire)} {annees}".strip()
    return AnnexeLue(
        titre, territoire, debut, fin, parties, axes, _extraire_comites(axes), tuple(lecteur.ignorees)
    )


def lire_annexe(texte: str, source: str = "annexe") -> AnnexeLue:
    """Lit le texte d'une annexe ; ``source`` nomme le texte dans les messages d'erreur."""
    lignes = _decouper(texte)
    if not any(ligne.strip() for ligne in lignes):
        raise AnnexeIllisible("annexe vide : aucun texte à lire", None, source)
    classees = _marquer_titres_courants([_classer(n, brut) for n, brut in enumerate(lignes, start=1)])
    lecteur = _Lecteur(source)
    for ligne in classees:
        lecteur.lire(ligne)
    lecteur.terminer()
    return _assembler(lecteur)


def lire_fichier_annexe(chemin: str | os.PathLike[str]) -> AnnexeLue:
    """Lit une annexe en UTF-8 (BOM accepté) ; toute impossibilité de lecture devient ``AnnexeIllisible``."""
    chemin = Path(chemin)
    nom = chemin.name or str(chemin)
    if chemin.is_dir():
        raise AnnexeIllisible(f"« {chemin} » est un dossier, pas un fichier d'annexe", None, nom)
    try:
        donnees = chemin.read_bytes()
    except FileNotFoundError:
        raise AnnexeIllisible(f"fichier introuvable : « {chemin} »", None, nom) from None
    except PermissionError:
        raise AnnexeIllisible(f"lecture refusée (droits insuffisants) : « {chemin} »", None, nom) from None
    except OSError as erreur:
        raise AnnexeIllisible(f"lecture impossible de « {chemin} » : {erreur.strerror}", None, nom) from None
    try:
        texte = donnees.decode("utf-8-sig")
    except UnicodeDecodeError as erreur:
        ligne = donnees.count(b"\n", 0, erreur.start) + 1
        raise AnnexeIllisible(
            f"« {chemin.name} » n'est pas encodé en UTF-8 (octet 0x{donnees[erreur.start]:02x} illisible) : "
            "réenregistrez le fichier en UTF-8",
            ligne,
            nom,
        ) from None
    return lire_annexe(texte, nom)
