"""Ce qu'un lecteur de format rend : le texte ligne à ligne que lit ``lire_annexe``, et d'où vient chaque ligne."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..modele import LigneIgnoree, Origine


@dataclass(frozen=True)
class DocumentLu:
    """Le texte d'un document en lignes (titres ``## ``, gras ``**``, puces ``- `` en retrait) et leurs origines.

    ``origines[i]`` dit où était la ligne ``i + 1`` du texte dans le document ; ``ecartees``
    sont les lignes que le lecteur a mises de côté lui-même (en-têtes et pieds de page,
    lignes illisibles), avec leur page et leur ligne.
    """

    nature: str  # « PDF », « Word (.docx) », « OpenDocument (.odt) »
    lignes: tuple[str, ...]
    origines: tuple[Origine, ...]
    ecartees: tuple[LigneIgnoree, ...] = ()
    pages: int | None = None

    @property
    def texte(self) -> str:
        return "\n".join(self.lignes)


@dataclass
class Redaction:
    """Le texte en cours d'écriture par un lecteur : chaque ligne garde son origine."""

    lignes: list[str] = field(default_factory=list)
    origines: list[Origine] = field(default_factory=list)
    ecartees: list[LigneIgnoree] = field(default_factory=list)

    def ligne(self, texte: str, origine: Origine) -> None:
        """Une ligne du texte ; une ligne blanche la précède si elle ouvre un paragraphe après un autre.

        Pas de blanc entre deux puces : une liste reste une liste, comme en Markdown.
        """
        if self.lignes and self.lignes[-1] and not (_est_puce(texte) and _est_puce(self.lignes[-1])):
            self._ajouter("", origine)
        self._ajouter(texte, origine)

    def _ajouter(self, texte: str, origine: Origine) -> None:
        self.lignes.append(texte)
        self.origines.append(origine)

    def ecarter(self, texte: str, raison: str, origine: Origine) -> None:
        """Une ligne que le lecteur met de côté (elle n'entre pas dans le texte lu)."""
        self.ecartees.append(LigneIgnoree(0, texte, raison, origine))

    def document(self, nature: str, pages: int | None = None) -> DocumentLu:
        return DocumentLu(nature, tuple(self.lignes), tuple(self.origines), tuple(self.ecartees), pages)


def _est_puce(ligne: str) -> bool:
    return ligne.lstrip().startswith("- ")
