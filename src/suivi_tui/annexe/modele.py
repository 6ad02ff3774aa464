"""Ce que la lecture d'une annexe produit : dataclasses figées et l'erreur ``AnnexeIllisible``."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


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
