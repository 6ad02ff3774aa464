"""L'automate qui lit un contrat « Engagements Quartiers 2030 » : l'arbre, les engagements, les fiches actions.

Règles (en plus de celles du paquet pour le balisage, le mobilier de page et les parties) :

* Un nœud (``arbre.lire_noeud``) se range sous le dernier nœud moins profond ; son numéro complet
  (« 1.2.3 ») doit prolonger celui de son parent, un numéro court (« Orientation 2 ») est complété
  (« 1.2 »), un nœud sans numéro reçoit le suivant. Le premier nœud de tête porte le numéro 1, et
  deux nœuds ne partagent pas un numéro.
* « Engagements des signataires : » ouvre une liste par signataire : une ligne « <Signataire> : »
  (puce ou non, en gras ou non), ou « <Signataire> s'engage à : », puis ses puces, en retrait sous
  une puce de signataire. Une puce sans signataire, une puce au niveau des signataires sans « : »,
  un signataire sans engagement, un texte sans puce après une ligne vide : refus, avec la ligne.
* « Fiche action … – Titre » ouvre une fiche : un engagement de la partie de son « Pilote : » (ou de
  son « Signataire : »), qui garde pilote, « Partenaires : », « Calendrier : » et « Indicateurs : »
  (``fiches``). Une fiche sans pilote est refusée. Une ligne repliée (sans ligne vide avant), ou un
  paragraphe plus en retrait que la dernière puce du champ, prolonge le champ ou son dernier
  indicateur. Les autres lignes d'une fiche la décrivent et sont laissées de côté.
* « Indicateurs : » hors d'une fiche : les indicateurs du nœud (une ligne repliée, ou un paragraphe
  plus en retrait que leurs puces, prolonge le dernier).
* Un titre Markdown qui n'est ni un nœud ni l'un des blocs ci-dessus, au niveau des nœuds de tête
  ou au-dessus, ou une formule de clôture, fait sortir de l'arbre ; plus profond, c'est une
  sous-partie du nœud.
* Un nœud le plus profond de sa branche qui n'a ni engagement ni indicateur est refusé.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field, replace

from .arbre import NIVEAUX_PAR_DEFAUT, Noeud, lire_noeud, ouvre_les_engagements
from .balisage import nettoyer_balisage
from .fiches import lire_champ, lire_fiche, lire_indicateur
from .lecteur import _Engagement
from .lignes import _RE_GRAS_ENTIER, _RE_TITRE_MD, REPETEE, Genre, Ligne
from .modele import AnnexeIllisible, EngagementLu, IndicateurLu, LigneIgnoree
from .parties import Partie, partie_du_pilote, trouver_partie


class _Mode(enum.Enum):
    PREAMBULE = "préambule"
    NOEUD = "nœud"
    BLOC = "engagements des signataires"
    INDICATEURS = "indicateurs du nœud"
    FICHE = "fiche action"
    HORS = "hors de l'arbre"


@dataclass
class _Fiche:
    titre: str
    ligne: int
    champs: dict[str, str] = field(default_factory=dict)
    indicateurs: list[tuple[int, str]] = field(default_factory=list)
    champ: str | None = None  # the field a deeper bullet continues
    retrait: int = 0
    retrait_puce: int = -1  # the field's last sub-bullet (an indicator), which a deeper text line continues


@dataclass
class _Noeud:
    numero: str
    titre: str
    ligne: int
    niveau: str
    profondeur: int
    parent: _Noeud | None
    # a bullet stays an _Engagement while its folded lines and sub-bullets may still come
    engagements: list[_Engagement | EngagementLu] = field(default_factory=list)
    indicateurs: list[tuple[int, str]] = field(default_factory=list)
    enfants: int = 0


def _titre_ou_gras(ligne: Ligne) -> tuple[bool, int, str]:
    """(titre Markdown ou ligne en gras, niveau Markdown, texte complet nettoyé) d'une ligne."""
    titre_md = _RE_TITRE_MD.fullmatch(ligne.brut.replace("\f", ""))
    if titre_md:
        return True, len(titre_md["dieses"]), nettoyer_balisage(titre_md["texte"] or "")
    if ligne.genre is Genre.PUCE:
        return False, 0, ligne.texte
    return _gras(ligne), 0, nettoyer_balisage(ligne.brut)


def _gras(ligne: Ligne) -> bool:
    return bool(_RE_GRAS_ENTIER.fullmatch(ligne.brut))


class LecteurArbre:
    """L'automate d'un contrat en arbre ; il refuse dès qu'il ne sait plus où il est."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.mode = _Mode.PREAMBULE
        self.noeuds: list[_Noeud] = []
        self.pile: list[_Noeud] = []
        self.parties: list[Partie] = []
        self.preambule: list[Ligne] = []
        self.ignorees: list[LigneIgnoree] = []
        self.niveaux: dict[int, str] = {}
        self.niveau_md_racine: int | None = None
        self.partie: Partie | None = None
        self.ligne_partie: Ligne | None = None
        self.retrait_entete = -1
        self.engagement: _Engagement | None = None
        self.puces = 0
        self.retrait_haut = 0
        self.blanc = False
        self.fiche: _Fiche | None = None
        self.retrait_indicateur = 0  # the node's indicator bullets, which a deeper text line continues

    def refus(self, message: str, ligne: int | None) -> AnnexeIllisible:
        return AnnexeIllisible(message, ligne, self.source)

    @property
    def noeud(self) -> _Noeud:
        return self.pile[-1]

    # --- one line ----------------------------------------------------------------------------------

    def lire(self, ligne: Ligne) -> None:
        if ligne.genre is Genre.MEUBLE and ligne.raison == REPETEE and self._bloc_connu(ligne.texte):
            # « Engagements des signataires : » comes back under every objective: content, not a running title.
            ligne = replace(ligne, genre=Genre.TEXTE, raison="")
        if ligne.genre is Genre.MEUBLE:
            self.ignorees.append(LigneIgnoree(ligne.numero, ligne.brut.strip(), ligne.raison))
            return
        if ligne.genre is Genre.VIDE:
            self.blanc = True
            return
        titre, niveau_md, texte = _titre_ou_gras(ligne)
        noeud = lire_noeud(texte, titre=titre, arbre=True) if ligne.genre is not Genre.PUCE else None
        if noeud is not None:
            self._ouvrir_noeud(ligne, noeud, niveau_md)
            return
        if self.mode is _Mode.PREAMBULE:
            self.preambule.append(ligne)
            return
        if ligne.genre is Genre.CLOTURE or (
            niveau_md and not self._bloc_connu(texte) and niveau_md <= (self.niveau_md_racine or 0)
        ):
            self._fermer()
            self.mode = _Mode.HORS
            return
        if self.mode is _Mode.HORS:
            if ligne.genre is Genre.PARTIE:
                raise self.refus(f"partie signataire « {ligne.texte} » hors de tout enjeu ou objectif", ligne.numero)
            return
        self._dans_un_noeud(ligne, texte, niveau_md)
        self.blanc = False

    def _bloc_connu(self, texte: str) -> bool:
        return bool(lire_fiche(texte) or ouvre_les_engagements(texte) or lire_champ(texte))

    def _dans_un_noeud(self, ligne: Ligne, texte: str, niveau_md: int) -> None:
        if ligne.genre is not Genre.PUCE and (fiche := lire_fiche(texte)):
            self._fermer()
            self.fiche = _Fiche(fiche[1], ligne.numero)
            self.mode = _Mode.FICHE
        elif ouvre_les_engagements(texte):
            self._fermer()
            self.mode = _Mode.BLOC
        elif self.mode is _Mode.FICHE:
            self._ligne_de_fiche(ligne, texte)
        elif (champ := lire_champ(texte)) and champ[0] == "indicateurs":
            self._fermer()
            self.mode = _Mode.INDICATEURS
            if champ[1]:
                self.noeud.indicateurs.append((ligne.numero, champ[1]))
        elif ligne.genre is Genre.PARTIE:
            self._fermer_partie()
            self.mode = _Mode.BLOC
            self._signataire(ligne, ligne.texte, -1)
        elif self.mode is _Mode.NOEUD and _gras(ligne) and texte.endswith(":") and ligne.genre is Genre.TEXTE:
            self.mode = _Mode.BLOC  # « **La Ville** : » opens the signataires' lists by itself
            self._signataire(ligne, texte.rstrip(" :"), -1)
        elif niveau_md:
            self._fermer()  # a sub-section of the node (« Contexte »): prose until the next block
            self.mode = _Mode.NOEUD
        elif self.mode is _Mode.BLOC:
            self._ligne_du_bloc(ligne, texte)
        elif self.mode is _Mode.INDICATEURS:
            self._ligne_d_indicateurs(ligne)
        elif ligne.genre is Genre.PUCE:
            raise self.refus(
                f"puce hors de toute partie signataire dans « {self.noeud.niveau} {self.noeud.numero} » : ni "
                "« Engagements des signataires : », ni « … s'engage à : », ni fiche action ne la précède",
                ligne.numero,
            )

    # --- the tree ----------------------------------------------------------------------------------

    def _ouvrir_noeud(self, ligne: Ligne, lu: Noeud, niveau_md: int) -> None:
        self._fermer()
        if self.niveau_md_racine is None:
            self.niveau_md_racine = niveau_md
        while self.pile and self.pile[-1].profondeur >= lu.profondeur:
            self.pile.pop()
        parent = self.pile[-1] if self.pile else None
        niveau = lu.niveau or self.niveaux.get(lu.profondeur) or NIVEAUX_PAR_DEFAUT.get(lu.profondeur, "Niveau")
        self.niveaux.setdefault(lu.profondeur, niveau)
        if lu.profondeur > 1 and parent is None:
            raise self.refus(
                f"« {niveau} {lu.numero} » n'est rangé sous aucun nœud de niveau supérieur : "
                "le titre de son enjeu n'a pas été reconnu",
                ligne.numero,
            )
        numero = self._numero(ligne, lu, parent, niveau)
        noeud = _Noeud(numero, lu.titre, ligne.numero, niveau, lu.profondeur, parent)
        if parent is not None:
            parent.enfants += 1
        self.noeuds.append(noeud)
        self.pile.append(noeud)
        self.mode = _Mode.NOEUD

    def _numero(self, ligne: Ligne, lu: Noeud, parent: _Noeud | None, niveau: str) -> str:
        prefixe = f"{parent.numero}." if parent else ""
        if not lu.numero:
            freres = parent.enfants if parent else sum(1 for n in self.noeuds if n.parent is None)
            numero = f"{prefixe}{freres + 1}"
        elif "." in lu.numero or parent is None:
            numero = lu.numero
            if parent is not None and not numero.startswith(prefixe):
                raise self.refus(
                    f"« {niveau} {numero} » est rangé sous « {parent.niveau} {parent.numero} » : "
                    "son numéro ne prolonge pas celui de son parent (titre manquant ou mal numéroté ?)",
                    ligne.numero,
                )
        else:
            numero = f"{prefixe}{lu.numero}"
        if parent is None and not self.noeuds and numero != "1":
            raise self.refus(
                f"le premier {niveau.lower()} lu porte le numéro {numero} : le titre d'un nœud précédent "
                "n'a pas été reconnu",
                ligne.numero,
            )
        deja = next((n for n in self.noeuds if n.numero == numero), None)
        if deja is not None:
            raise self.refus(f"numéro {numero} en double : déjà lu ligne {deja.ligne}", ligne.numero)
        return numero

    # --- blocks ------------------------------------------------------------------------------------

    def _signataire(self, ligne: Ligne, nom: str, retrait: int) -> None:
        self._fermer_partie()
        if nom[:1].islower():
            raise self.refus(f"signataire tronqué : « {nom} » commence par une minuscule", ligne.numero)
        self.partie = trouver_partie(self.parties, nom)
        self.ligne_partie, self.retrait_entete, self.puces = ligne, retrait, 0

    def _ligne_du_bloc(self, ligne: Ligne, texte: str) -> None:
        puce = ligne.genre is Genre.PUCE
        entete = texte.endswith(":") and len(texte) <= 120
        if entete and (not puce or self.partie is None or ligne.retrait <= self.retrait_entete):
            self._signataire(ligne, texte.rstrip(" :"), ligne.retrait if puce else -1)
            return
        if puce:
            self._puce(ligne)
            return
        if self.engagement is not None and (not self.blanc or ligne.retrait > self.retrait_haut or texte[:1].islower()):
            self.engagement.morceaux.append(texte)
            return
        sujet = self.ligne_partie.texte if self.ligne_partie else "des signataires"
        raise self.refus(
            f"texte sans puce au milieu des engagements de « {sujet} » : puce manquante, ou signataire sans « : » ?",
            ligne.numero,
        )

    def _puce(self, ligne: Ligne) -> None:
        if self.partie is None:
            raise self.refus(
                "puce avant tout signataire : « Engagements des signataires » doit être suivi d'une ligne "
                "« <Signataire> : » puis de ses engagements",
                ligne.numero,
            )
        if self.retrait_entete >= 0 and ligne.retrait <= self.retrait_entete:
            raise self.refus(
                f"« {ligne.texte} » est au niveau des signataires sans finir par « : » : "
                "ni un signataire, ni un engagement en retrait sous son signataire",
                ligne.numero,
            )
        if self.engagement is not None and ligne.retrait > self.retrait_haut:
            self.engagement.ajouter_sous_puce(ligne.texte)
            return
        if self.puces == 0:
            self.retrait_haut = ligne.retrait
        self.engagement = _Engagement(self.partie, ligne.numero, [ligne.texte])
        self.puces += 1
        self.noeud.engagements.append(self.engagement)

    def _ligne_d_indicateurs(self, ligne: Ligne) -> None:
        if ligne.genre is Genre.PUCE:
            self.noeud.indicateurs.append((ligne.numero, ligne.texte))
            self.retrait_indicateur = ligne.retrait
        elif self.noeud.indicateurs and (not self.blanc or ligne.retrait > self.retrait_indicateur):
            # a folded line, or a paragraph of the bullet (deeper): the indicator goes on
            numero, texte = self.noeud.indicateurs[-1]
            self.noeud.indicateurs[-1] = (numero, f"{texte} {ligne.texte}")
        else:
            self.mode = _Mode.NOEUD  # prose after the list

    def _ligne_de_fiche(self, ligne: Ligne, texte: str) -> None:
        fiche = self.fiche
        assert fiche is not None
        champ = lire_champ(texte)
        if champ is not None:
            fiche.champ, fiche.retrait = champ[0], ligne.retrait
            fiche.retrait_puce = -1
            if champ[0] == "indicateurs":
                if champ[1]:
                    fiche.indicateurs.append((ligne.numero, champ[1]))
            else:
                fiche.champs[champ[0]] = champ[1]
            return
        if ligne.genre is Genre.PUCE and fiche.champ and ligne.retrait > fiche.retrait:
            fiche.retrait_puce = ligne.retrait
            if fiche.champ == "indicateurs":
                fiche.indicateurs.append((ligne.numero, ligne.texte))
            else:
                avant = fiche.champs.get(fiche.champ, "")
                fiche.champs[fiche.champ] = f"{avant}, {ligne.texte}" if avant else ligne.texte
            return
        if ligne.genre is Genre.TEXTE and fiche.champ and self._suite_de_champ(ligne, fiche):
            return
        fiche.champ = None  # the fiche's description: context, not data

    def _suite_de_champ(self, ligne: Ligne, fiche: _Fiche) -> bool:
        """A folded line (no blank line before it), or a paragraph deeper than the field's last bullet, goes on
        with that field or its last indicator: « référence 0 en » / « 2024 ; cible 400 en 2027 » is one line."""
        if self.blanc and ligne.retrait <= max(fiche.retrait, fiche.retrait_puce):
            return False
        if fiche.champ == "indicateurs":
            if not fiche.indicateurs:
                return False
            numero, texte = fiche.indicateurs[-1]
            fiche.indicateurs[-1] = (numero, f"{texte} {ligne.texte}")
        else:
            assert fiche.champ is not None
            avant = fiche.champs.get(fiche.champ, "")
            fiche.champs[fiche.champ] = f"{avant} {ligne.texte}".strip()
        return True

    # --- closing -----------------------------------------------------------------------------------

    def _indicateurs(self, lignes: list[tuple[int, str]]) -> tuple[IndicateurLu, ...]:
        lus = []
        for numero, texte in lignes:
            try:
                lus.append(lire_indicateur(texte, numero))
            except ValueError as erreur:
                raise self.refus(str(erreur), numero) from None
        return tuple(lus)

    def _fermer_partie(self) -> None:
        if self.partie is not None and self.puces == 0 and self.ligne_partie is not None:
            raise self.refus(
                f"le signataire « {self.ligne_partie.texte} » n'a aucun engagement : aucune puce ne le suit",
                self.ligne_partie.numero,
            )
        self.partie, self.engagement, self.ligne_partie = None, None, None

    def _fermer(self) -> None:
        """Close the open block (a signataire's list, a fiche action)."""
        if self.mode is _Mode.BLOC:
            self._fermer_partie()
        if self.mode is _Mode.FICHE and self.fiche is not None:
            self._fermer_fiche(self.fiche)
        self.fiche = None

    def _fermer_fiche(self, fiche: _Fiche) -> None:
        pilote = fiche.champs.get("pilote", "").strip()
        porteur = fiche.champs.get("signataire", "").strip() or pilote
        if not porteur:
            raise self.refus(f"fiche action « {fiche.titre} » sans « Pilote : » : à qui la rattacher ?", fiche.ligne)
        partie = partie_du_pilote(self.parties, porteur)
        self.noeud.engagements.append(
            EngagementLu(
                partie.ordre,
                0,
                fiche.titre,
                fiche.ligne,
                pilote or None,
                fiche.champs.get("partenaires") or None,
                fiche.champs.get("calendrier") or None,
                self._indicateurs(fiche.indicateurs),
            )
        )

    def terminer(self) -> None:
        self._fermer()
        for noeud in self.noeuds:
            if not noeud.enfants and not noeud.engagements and not noeud.indicateurs:
                raise self.refus(
                    f"« {noeud.niveau} {noeud.numero} » (« {noeud.titre} ») n'a ni sous-niveau, ni engagement, "
                    "ni fiche action, ni indicateur",
                    noeud.ligne,
                )

    def engagements(self, noeud: _Noeud) -> tuple[EngagementLu, ...]:
        """The node's engagements, numbered in document order."""
        lus = []
        for rang, e in enumerate(noeud.engagements, start=1):
            if isinstance(e, _Engagement):
                lus.append(EngagementLu(e.partie.ordre, rang, e.libelle, e.ligne))
            else:
                lus.append(EngagementLu(e.partie_ordre, rang, *_apres_ordre(e)))
        return tuple(lus)

    def indicateurs_du_noeud(self, noeud: _Noeud) -> tuple[IndicateurLu, ...]:
        return self._indicateurs(noeud.indicateurs)


def _apres_ordre(e: EngagementLu) -> tuple[str, int, str | None, str | None, str | None, tuple[IndicateurLu, ...]]:
    return e.libelle, e.ligne, e.pilote, e.partenaires, e.calendrier, e.indicateurs
