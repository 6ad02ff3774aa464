"""Ce que la lecture d'une annexe produit : dataclasses figées et l'erreur ``AnnexeIllisible``."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class Origine:
    """Où une ligne du texte lu se trouvait dans le document d'origine : page (PDF), ligne ou paragraphe."""

    ligne: int
    page: int | None = None
    unite: str = "ligne"  # « paragraphe » pour Word et OpenDocument, qui n'ont pas de lignes
    detail: str = ""  # « tableau 2, ligne 3, colonne 1 »

    def __str__(self) -> str:
        morceaux = [f"page {self.page}"] if self.page is not None else []
        morceaux.append(f"{self.unite} {self.ligne}")
        if self.detail:
            morceaux.append(self.detail)
        return ", ".join(morceaux)


@dataclass(frozen=True)
class PartieLue:
    """Une partie signataire ; ``ordre`` suit sa première apparition."""

    nom: str
    nom_court: str
    ordre: int


@dataclass(frozen=True)
class IndicateurLu:
    """Un indicateur d'une fiche action ou d'un objectif : référence et cible avec leur année, source."""

    libelle: str
    ligne: int
    unite: str = ""
    reference: float | None = None
    reference_annee: int | None = None
    cible: float | None = None
    cible_annee: int | None = None
    source: str = ""


@dataclass(frozen=True)
class EngagementLu:
    """Une puce, ou une fiche action : ``ordre`` est sa place dans l'axe (1, 2…), ``ligne`` sa ligne dans le texte.

    Une fiche action (contrats « Quartiers 2030 ») porte aussi son pilote, ses partenaires, son
    calendrier et ses indicateurs, tels qu'écrits.
    """

    partie_ordre: int
    ordre: int
    libelle: str
    ligne: int
    pilote: str | None = None
    partenaires: str | None = None
    calendrier: str | None = None
    indicateurs: tuple[IndicateurLu, ...] = ()


@dataclass(frozen=True)
class AxeLu:
    """Une section thématique ou un nœud de l'arbre ; ``numero`` tel qu'écrit (« I », « 3 », « 1.2.3 »).

    Un protocole 2020-2022 est un arbre de profondeur un : des axes sans parent, de niveau « Axe ».
    Un contrat « Quartiers 2030 » nomme ses niveaux (« Enjeu », « Orientation », « Objectif
    opérationnel ») ; ``parent`` est le numéro du nœud au-dessus, ``ordre`` la place dans le document.
    """

    numero: str
    ordre: int
    titre: str
    ligne: int
    engagements: tuple[EngagementLu, ...]
    parent: str | None = None
    niveau: str = "Axe"
    indicateurs: tuple[IndicateurLu, ...] = ()


@dataclass(frozen=True)
class ComiteLu:
    """Un comité technique nommé dans le texte, et les (ordre d'axe, ordre d'engagement) qui le citent."""

    nom: str
    description: str
    engagements: tuple[tuple[int, int], ...]


@dataclass(frozen=True)
class LigneIgnoree:
    """Une ligne mise de côté (mobilier de page, ligne illisible), avec la raison en français.

    ``ligne`` est celle du texte lu ; ``origine``, quand le texte vient d'un document (PDF,
    Word…), dit où elle était dans ce document.
    """

    ligne: int
    texte: str
    raison: str
    origine: Origine | None = None

    @property
    def lieu(self) -> str:
        """« page 2, ligne 40 » ou « ligne 12 » : ce que l'utilisateur retrouve dans son fichier."""
        return str(self.origine) if self.origine is not None else f"ligne {self.ligne}"


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
    forme: str = "protocole"  # « protocole » (axes à plat, 2020-2022) ou « quartiers-2030 » (arbre)


class AnnexeIllisible(ValueError):
    """L'annexe ne suit pas un modèle reconnu ; ``str(e)`` dit où : « annexe.md, ligne 42 : … ».

    Pour un document (PDF, Word…), ``origine`` remplace le numéro de ligne du texte lu :
    « annexe.pdf, page 3, ligne 12 : … ».
    """

    def __init__(
        self, message: str, ligne: int | None = None, source: str | None = None, origine: Origine | None = None
    ) -> None:
        self.message = message
        self.ligne = ligne
        self.source = source
        self.origine = origine
        ou = str(origine) if origine is not None else (f"ligne {ligne}" if ligne is not None else None)
        lieu = ", ".join(p for p in (source, ou) if p)
        super().__init__(f"{lieu} : {message}" if lieu else message)

    def situee(self, origines: Sequence[Origine]) -> AnnexeIllisible:
        """La même erreur, située dans le document d'origine (``origines[i]`` : la ligne i + 1 du texte lu)."""
        if self.ligne is None or not 0 < self.ligne <= len(origines):
            return self
        return AnnexeIllisible(self.message, self.ligne, self.source, origines[self.ligne - 1])
