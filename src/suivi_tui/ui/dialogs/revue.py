"""The yearly review form (Y): which year, which folder (two files, Markdown and HTML, never over existing ones)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal
from textual.content import Content
from textual.widgets import Input, Label, Static

from suivi_tui.services.export.revue_fichier import nom_fichier_revue
from suivi_tui.services.saisie import SaisieInvalide, lire_annee
from suivi_tui.ui.champs import ChampTexte
from suivi_tui.ui.dialogs.base import ligne_libelle
from suivi_tui.ui.dialogs.base_fichiers import DialogueDeuxFichiers
from suivi_tui.ui.touches import liaisons


@dataclass(frozen=True)
class DemandeRevue:
    """The year to review, the two files, and whether confidential decisions go in."""

    annee: int
    markdown: Path
    html: Path
    inclure_confidentiel: bool
    remplacer: bool


class RevueDialog(DialogueDeuxFichiers[DemandeRevue]):
    """Returns what to write (the screen writes it in a worker), or None; a year that is not one is never returned."""

    TITRE = "Revue annuelle"
    AIDE = "[b]Tab[/] champ suivant · [b]Espace[/] cocher · [b]Entrée[/] écrire · [b]Échap[/] annuler"

    BINDINGS: ClassVar[list[BindingType]] = liaisons("revue")

    CONFIDENTIEL = "Inclure les décisions confidentielles"
    PRUDENCE = "Les décisions confidentielles peuvent nommer des habitants : ne diffusez cette revue qu'avec soin."

    DEFAULT_CSS = """
    RevueDialog Input#annee { width: 8; }
    """

    def __init__(self, titre: str, territoire: str, today: dt.date, dossier: Path) -> None:
        super().__init__(dossier)
        self.contrat, self.territoire = titre, territoire
        self.today = today

    def contenu(self) -> ComposeResult:
        yield ligne_libelle(self.contrat)
        yield Static(
            Content("Par enjeu et objectif : engagements, indicateurs, décisions de l'année, programmation."),
            classes="dialogue-etiquette",
        )
        with Horizontal(classes="ligne"):
            yield Label("Année")
            yield ChampTexte(str(self.today.year), compact=True, id="annee")
        yield from self.champs_fichiers()

    def on_mount(self) -> None:
        self.montrer_fichiers()
        self.query_one("#annee", Input).focus()

    def _nom(self, annee: int) -> str:
        return nom_fichier_revue(self.territoire, annee, "md").removesuffix(".md")

    def nom_des_fichiers(self) -> str | None:
        try:
            return self._nom(lire_annee(self.query_one("#annee", Input).value))
        except SaisieInvalide:
            return None

    def demande(self) -> DemandeRevue | str:
        try:
            annee = lire_annee(self.query_one("#annee", Input).value)
        except SaisieInvalide as erreur:
            return erreur.message
        fichiers = self.fichiers(self._nom(annee))
        if isinstance(fichiers, str):
            return fichiers
        markdown, html, _ = fichiers
        return DemandeRevue(annee, markdown, html, self.confidentiel, self.remplacer)
