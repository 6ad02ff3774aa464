"""L'automate qui lit les lignes classées : axes, parties, puces d'engagement, continuations et refus.

Les règles qu'il applique (continuation d'une puce, refus) sont décrites dans le
docstring du paquet ``suivi_tui.annexe``.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field

from .balisage import fusionner_espaces
from .lignes import Genre, Ligne
from .modele import AnnexeIllisible, LigneIgnoree
from .parties import Partie, trouver_partie


class _Etat(enum.Enum):
    """Où en est la lecture : la ligne suivante se comprend d'après cet état."""

    PREAMBULE = "préambule"
    INTRO = "introduction d'axe"
    LISTE = "liste d'engagements"
    HORS_AXE = "hors axe"


@dataclass
class _Engagement:
    """Une puce en cours de lecture : ses morceaux (lignes repliées, sous-puces) font son libellé."""

    partie: Partie
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
        return fusionner_espaces(" ".join(self.morceaux))


@dataclass
class _Section:
    """Un axe en cours de lecture ; ``niveau`` est celui de son titre Markdown (0 sans « # »)."""

    numero: str
    valeur: int
    titre: str
    ligne: int
    niveau: int
    engagements: list[_Engagement] = field(default_factory=list)


class Lecteur:
    """L'automate qui suit la structure ligne à ligne et refuse dès qu'il ne sait plus où il est."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.etat = _Etat.PREAMBULE
        self.sections: list[_Section] = []
        self.parties: list[Partie] = []
        self.ignorees: list[LigneIgnoree] = []
        self.preambule: list[Ligne] = []
        self.partie: Partie | None = None
        self.ligne_partie: Ligne | None = None
        self.engagement: _Engagement | None = None
        self.puces = 0
        self.retrait_haut = 0
        self.blanc = False
        self.hors_axe_depuis: Ligne | None = None

    def refus(self, message: str, ligne: int | None) -> AnnexeIllisible:
        """L'erreur à lever, située dans la source lue."""
        return AnnexeIllisible(message, ligne, self.source)

    def lire(self, ligne: Ligne) -> None:
        """Fait avancer l'automate d'une ligne ; ``AnnexeIllisible`` s'il ne sait plus où il est."""
        if self.etat is _Etat.PREAMBULE and ligne.genre is not Genre.AXE:
            self.preambule.append(ligne)
        lecture = {
            Genre.VIDE: self._vide,
            Genre.MEUBLE: self._meuble,
            Genre.AXE: self._axe,
            Genre.TITRE: self._titre,
            Genre.PARTIE: self._partie,
            Genre.PUCE: self._puce,
            Genre.CLOTURE: self._cloture,
            Genre.TEXTE: self._texte,
        }[ligne.genre]
        lecture(ligne)

    def terminer(self) -> None:
        """Clôt le dernier axe ; refuse une annexe où aucun axe n'a été lu."""
        self._fermer_section()
        if self.sections:
            return
        # Des parties sans axe : c'est sous la première que le titre d'axe manque.
        partie = next((lue for lue in self.preambule if lue.genre is Genre.PARTIE), None)
        raise self.refus(
            "aucun axe trouvé : aucun titre du type « ## I. Titre », « AXE 1 – Titre » ou « ## 1. Titre »"
            + (f" au-dessus de « {partie.texte} s'engage à : »" if partie else ""),
            partie.numero if partie else None,
        )

    def _vide(self, ligne: Ligne) -> None:
        self.blanc = True

    def _meuble(self, ligne: Ligne) -> None:
        # Transparent pour les continuations : une page peut couper une puce en deux.
        self.ignorees.append(LigneIgnoree(ligne.numero, ligne.brut.strip(), ligne.raison))

    def _axe(self, ligne: Ligne) -> None:
        self._fermer_section()
        deja = next((s for s in self.sections if s.valeur == ligne.valeur_axe), None)
        if deja:
            raise self.refus(
                f"axe {ligne.numero_axe} en double : un axe {deja.numero} a déjà été lu ligne {deja.ligne}",
                ligne.numero,
            )
        if not self.sections and ligne.valeur_axe != 1:
            raise self.refus(
                f"le premier axe lu porte le numéro {ligne.numero_axe} : "
                "le titre d'un axe précédent n'a pas été reconnu",
                ligne.numero,
            )
        section = _Section(ligne.numero_axe, ligne.valeur_axe, ligne.texte, ligne.numero, ligne.niveau)
        self.sections.append(section)
        self.etat = _Etat.INTRO

    def _titre(self, ligne: Ligne) -> None:
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

    def _cloture(self, ligne: Ligne) -> None:
        if self.etat in (_Etat.INTRO, _Etat.LISTE):
            self._quitter_axe(ligne)

    def _quitter_axe(self, ligne: Ligne) -> None:
        self._fermer_section()
        self.etat = _Etat.HORS_AXE
        self.hors_axe_depuis = ligne

    def _partie(self, ligne: Ligne) -> None:
        if self.etat is _Etat.PREAMBULE:
            return  # engagements généraux du préambule : du contexte, pas un axe
        if self.etat is _Etat.HORS_AXE:
            depuis = self.hors_axe_depuis
            raise self.refus(
                f"partie signataire « {ligne.texte} » hors de tout axe : "
                f"la ligne {depuis.numero if depuis else '?'} "
                f"(« {depuis.texte if depuis else ''} ») n'est pas un titre d'axe reconnu",
                ligne.numero,
            )
        if ligne.texte[:1].islower():
            raise self.refus(
                f"partie signataire tronquée : « {ligne.texte} » commence par une minuscule (ligne coupée ?)",
                ligne.numero,
            )
        self._fermer_partie()
        self.partie = trouver_partie(self.parties, ligne.texte)
        self.ligne_partie = ligne
        self.puces = 0
        self.etat = _Etat.LISTE

    def _puce(self, ligne: Ligne) -> None:
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

    def _texte(self, ligne: Ligne) -> None:
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

    def _prolonge(self, ligne: Ligne) -> bool:
        """Règles de continuation du docstring du paquet, dans l'ordre."""
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
