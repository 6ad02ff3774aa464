"""Lire le texte d'une annexe signée au contrat de ville : axes, parties, engagements et comités techniques.

Paquet pur (bibliothèque standard seulement, aucune base de données) : il
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

Organisation : ``modele`` (le résultat), ``balisage`` (nettoyage du texte),
``lignes`` (classement de chaque ligne seule), ``parties`` (identité des
parties signataires), ``lecteur`` (l'automate), ``contrat`` (territoire et
période), ``comites`` (comités techniques) ; ce module-ci les enchaîne.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from .arbre import lire_noeud
from .balisage import nettoyer_balisage
from .comites import extraire_comites
from .contrat import periode_du_contrat, territoire_du_contrat, titre_du_contrat
from .lecteur import Lecteur
from .lignes import Genre, Ligne, classer, marquer_titres_courants
from .modele import (
    AnnexeIllisible,
    AnnexeLue,
    AxeLu,
    ComiteLu,
    EngagementLu,
    IndicateurLu,
    LigneIgnoree,
    Origine,
    PartieLue,
)
from .parties import noms_courts_uniques
from .quartiers import LecteurArbre

__all__ = [
    "AnnexeIllisible",
    "AnnexeLue",
    "AxeLu",
    "ComiteLu",
    "EngagementLu",
    "IndicateurLu",
    "LigneIgnoree",
    "Origine",
    "PartieLue",
    "decoder_annexe",
    "lire_annexe",
    "lire_fichier_annexe",
    "lire_octets_annexe",
    "nettoyer_balisage",
]


def _decouper(texte: str) -> list[str]:
    # Pas de splitlines() : il coupe aussi sur \f et \x1c…, ce qui fausserait les numéros de ligne.
    return texte.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n").split("\n")


def _axes_lus(lecteur: Lecteur) -> tuple[AxeLu, ...]:
    """Les sections lues, figées ; les engagements sont numérotés dans leur axe."""
    return tuple(
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


def _assembler(lecteur: Lecteur) -> AnnexeLue:
    courts = noms_courts_uniques(lecteur.parties)
    parties = tuple(PartieLue(p.nom, court, p.ordre) for p, court in zip(lecteur.parties, courts, strict=True))
    axes = _axes_lus(lecteur)
    territoire = territoire_du_contrat(lecteur)
    debut, fin = periode_du_contrat(lecteur)
    titre = titre_du_contrat(territoire, debut, fin)
    return AnnexeLue(titre, territoire, debut, fin, parties, axes, extraire_comites(axes), tuple(lecteur.ignorees))


def _assembler_arbre(lecteur: LecteurArbre) -> AnnexeLue:
    courts = noms_courts_uniques(lecteur.parties)
    parties = tuple(PartieLue(p.nom, court, p.ordre) for p, court in zip(lecteur.parties, courts, strict=True))
    axes = tuple(
        AxeLu(
            n.numero,
            ordre,
            n.titre,
            n.ligne,
            lecteur.engagements(n),
            n.parent.numero if n.parent else None,
            n.niveau,
            lecteur.indicateurs_du_noeud(n),
        )
        for ordre, n in enumerate(lecteur.noeuds, start=1)
    )
    territoire = territoire_du_contrat(lecteur)
    debut, fin = periode_du_contrat(lecteur)
    titre = titre_du_contrat(territoire, debut, fin)
    comites = extraire_comites(axes)
    return AnnexeLue(titre, territoire, debut, fin, parties, axes, comites, tuple(lecteur.ignorees), "quartiers-2030")


def _est_un_arbre(lignes: list[Ligne]) -> bool:
    """Un contrat « Quartiers 2030 » : un enjeu, une orientation ou un objectif numéroté, ou « ## 1.2 Titre »."""
    for ligne in lignes:
        if ligne.genre in (Genre.TITRE, Genre.TEXTE) and lire_noeud(ligne.texte, titre=ligne.genre is Genre.TITRE):
            return True
    return False


def lire_annexe(texte: str, source: str = "annexe", origines: Sequence[Origine] | None = None) -> AnnexeLue:
    """Lit le texte d'une annexe ; ``source`` nomme le texte dans les messages d'erreur.

    Un protocole 2020-2022 (axes à plat) est lu par ``Lecteur`` ; un contrat « Engagements
    Quartiers 2030 » (enjeux, orientations, objectifs opérationnels) par ``LecteurArbre``.
    ``origines`` (une par ligne du texte), quand le texte a été tiré d'un document : refus et
    lignes mises de côté nomment alors la page et la ligne (ou le paragraphe) du document.
    """
    lignes = _decouper(texte)
    if not any(ligne.strip() for ligne in lignes):
        raise AnnexeIllisible("annexe vide : aucun texte à lire", None, source)
    classees = marquer_titres_courants([classer(n, brut) for n, brut in enumerate(lignes, start=1)])
    try:
        annexe = _lire(classees, source)
    except AnnexeIllisible as erreur:
        if origines is None:
            raise
        raise erreur.situee(origines) from None
    if origines is None:
        return annexe
    situees = tuple(replace(x, origine=origines[x.ligne - 1]) for x in annexe.lignes_ignorees)
    return replace(annexe, lignes_ignorees=situees)


def _lire(classees: list[Ligne], source: str) -> AnnexeLue:
    if _est_un_arbre(classees):
        arbre = LecteurArbre(source)
        for ligne in classees:
            arbre.lire(ligne)
        arbre.terminer()
        if not arbre.noeuds:
            raise AnnexeIllisible("aucun enjeu ni objectif trouvé", None, source)
        return _assembler_arbre(arbre)
    lecteur = Lecteur(source)
    for ligne in classees:
        lecteur.lire(ligne)
    lecteur.terminer()
    return _assembler(lecteur)


# A signed annexe is a few hundred kilobytes of text; far above, it is not an annexe (or not text).
TAILLE_MAX = 20 * 1024 * 1024


def lire_fichier_annexe(chemin: str | os.PathLike[str]) -> AnnexeLue:
    """Lit une annexe en UTF-8 (BOM accepté) ; toute impossibilité de lecture devient ``AnnexeIllisible``."""
    return decoder_annexe(lire_octets_annexe(chemin), chemin)


def lire_octets_annexe(chemin: str | os.PathLike[str]) -> bytes:
    """Les octets d'une annexe, après avoir vérifié (sans rien lire) que c'est un fichier ordinaire de taille sensée.

    Un périphérique (« /dev/zero »), un tube ou un fichier énorme serait lu sans fin ou en entier
    en mémoire : il est refusé avant.
    """
    chemin = Path(chemin)
    nom = chemin.name or str(chemin)
    try:
        infos = chemin.stat()
        if stat.S_ISDIR(infos.st_mode):
            raise AnnexeIllisible(f"« {chemin} » est un dossier, pas un fichier d'annexe", None, nom)
        _verifier_fichier(chemin, infos, nom)
        # O_NONBLOCK: should a pipe have taken the file's place meanwhile, opening it does not wait.
        fd = os.open(chemin, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        with os.fdopen(fd, "rb") as fichier:
            _verifier_fichier(chemin, os.fstat(fichier.fileno()), nom)
            donnees = fichier.read(TAILLE_MAX + 1)
    except FileNotFoundError:
        raise AnnexeIllisible(f"fichier introuvable : « {chemin} »", None, nom) from None
    except PermissionError:
        raise AnnexeIllisible(f"lecture refusée (droits insuffisants) : « {chemin} »", None, nom) from None
    except OSError as erreur:
        raise AnnexeIllisible(f"lecture impossible de « {chemin} » : {erreur.strerror}", None, nom) from None
    if len(donnees) > TAILLE_MAX:  # it grew after the check
        raise AnnexeIllisible(_trop_gros(chemin, len(donnees)), None, nom)
    return donnees


def _verifier_fichier(chemin: Path, infos: os.stat_result, nom: str) -> None:
    if not stat.S_ISREG(infos.st_mode):
        raise AnnexeIllisible(
            f"« {chemin} » n'est pas un fichier ordinaire (périphérique, tube ou socket) : "
            "donnez le fichier de l'annexe",
            None,
            nom,
        )
    if infos.st_size > TAILLE_MAX:
        raise AnnexeIllisible(_trop_gros(chemin, infos.st_size), None, nom)


def _trop_gros(chemin: Path, octets: int) -> str:
    taille = f"{octets / 1024 / 1024:.1f}".replace(".", ",")
    return (
        f"« {chemin} » pèse {taille} Mo : une annexe en fait bien moins, et suivi n'en lit pas "
        f"au-delà de {TAILLE_MAX // 1024 // 1024} Mo (est-ce le bon fichier ?)"
    )


def decoder_annexe(donnees: bytes, chemin: str | os.PathLike[str]) -> AnnexeLue:
    """Lit les octets d'une annexe (UTF-8, BOM accepté) ; ``chemin`` la nomme dans les messages."""
    chemin = Path(chemin)
    nom = chemin.name or str(chemin)
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
