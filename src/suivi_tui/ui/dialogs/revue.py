"""The yearly review form (Y): which year, which folder (two files, Markdown and HTML, never over existing ones)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal
from textual.content import Content
from textual.widgets import Checkbox, Input, Label, Static

from suivi_tui.services.export.revue_fichier import nom_fichier_revue
from suivi_tui.services.saisie import SaisieInvalide, lire_annee
from suivi_tui.ui.champs import ChampTexte
from suivi_tui.ui.dialogs.base import CaseEspace, Dialogue, afficher_erreur, ligne_libelle
from suivi_tui.ui.touches import liaisons


@dataclass(frozen=True)
class DemandeRevue:
    """The year to review, the two files, and whether confidential decisions go in."""

    annee: int
    markdown: Path
    html: Path
    inclure_confidentiel: bool
    remplacer: bool


def fichiers_revue(dossier: Path, territoire: str, annee: int, remplacer: bool) -> tuple[Path, Path, bool]:
    """The .md and .html to write; when the usual name is taken (and not to be replaced), the first free « -2 »…"""
    base = nom_fichier_revue(territoire, annee, "md").removesuffix(".md")
    for rang in range(1, 1000):
        nom = base if rang == 1 else f"{base}-{rang}"
        markdown, html = dossier / f"{nom}.md", dossier / f"{nom}.html"
        if remplacer or not (markdown.exists() or html.exists()):
            return markdown, html, rang > 1
    return dossier / f"{base}.md", dossier / f"{base}.html", False


class RevueDialog(Dialogue[DemandeRevue]):
    """Returns what to write (the screen writes it in a worker), or None; a year that is not one is never returned."""

    TITRE = "Revue annuelle"
    AIDE = "[b]Tab[/] champ suivant · [b]Espace[/] cocher · [b]Entrée[/] écrire · [b]Échap[/] annuler"

    BINDINGS: ClassVar[list[BindingType]] = liaisons("revue")

    DEFAULT_CSS = """
    RevueDialog #dialogue { max-width: 90; }
    RevueDialog .ligne { height: 1; margin-bottom: 1; }
    RevueDialog .ligne Label { width: 9; color: $text-muted; }
    RevueDialog Input { width: 1fr; }
    RevueDialog Input#annee { width: 8; }
    RevueDialog Checkbox { width: 1fr; }
    RevueDialog #fichiers { width: 1fr; height: auto; margin-top: 1; color: $text-muted; }
    RevueDialog #prudence { width: 1fr; color: $warning; }
    RevueDialog #prudence.-vide { display: none; }
    """

    def __init__(self, titre: str, territoire: str, today: dt.date, dossier: Path) -> None:
        super().__init__()
        self.contrat, self.territoire = titre, territoire
        self.today = today
        self.dossier_defaut = dossier

    def contenu(self) -> ComposeResult:
        yield ligne_libelle(self.contrat)
        yield Static(
            Content("Par enjeu et objectif : engagements, indicateurs, décisions de l'année, programmation."),
            classes="dialogue-etiquette",
        )
        with Horizontal(classes="ligne"):
            yield Label("Année")
            yield ChampTexte(str(self.today.year), compact=True, id="annee")
        with Horizontal(classes="ligne"):
            yield Label("Dossier")
            yield ChampTexte(str(self.dossier_defaut), compact=True, id="dossier", select_on_focus=False)
        yield CaseEspace("Inclure les décisions confidentielles", False, id="confidentiel", compact=True)
        yield CaseEspace("Remplacer les fichiers s'ils existent", False, id="remplacer", compact=True)
        yield Static("", id="fichiers")
        yield Static(
            Content(
                "Les décisions confidentielles peuvent nommer des habitants : ne diffusez cette revue qu'avec soin."
            ),
            id="prudence",
            classes="-vide",
        )
        yield Static("", id="erreur", classes="dialogue-erreur -vide")

    def on_mount(self) -> None:
        self._montrer_fichiers()
        self.query_one("#annee", Input).focus()

    def _dossier(self) -> Path:
        return Path(self.query_one("#dossier", Input).value.strip() or ".").expanduser()

    def _annee(self) -> int | None:
        try:
            return lire_annee(self.query_one("#annee", Input).value)
        except SaisieInvalide:
            return None

    def _montrer_fichiers(self) -> None:
        annee = self._annee()
        texte = ""
        if annee is not None:
            remplacer = self.query_one("#remplacer", Checkbox).value
            markdown, html, renomme = fichiers_revue(self._dossier(), self.territoire, annee, remplacer)
            texte = f"Fichiers : {markdown.name} et {html.name}"
            if renomme:
                texte += " (le nom habituel est déjà pris ; cochez « Remplacer » pour l'écraser)"
            elif remplacer and (markdown.exists() or html.exists()):
                texte += " (les fichiers existants seront remplacés)"
        self.query_one("#fichiers", Static).update(Content(texte))

    @on(Input.Changed)
    @on(Checkbox.Changed, "#remplacer")
    def _relire(self, event: Input.Changed | Checkbox.Changed) -> None:
        event.stop()
        self._montrer_fichiers()
        afficher_erreur(self.query_one("#erreur", Static), "")

    @on(Checkbox.Changed, "#confidentiel")
    def _confidentiel(self, event: Checkbox.Changed) -> None:
        event.stop()
        self.query_one("#prudence", Static).set_class(not event.value, "-vide")

    @on(Input.Submitted)
    def _valide(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_ecrire()

    def demande(self) -> DemandeRevue | str:
        """What the fields ask for, or the French reason it cannot be done."""
        try:
            annee = lire_annee(self.query_one("#annee", Input).value)
        except SaisieInvalide as erreur:
            return erreur.message
        dossier = self._dossier()
        if not dossier.is_dir():
            return f"Le dossier {dossier} n'existe pas."
        remplacer = self.query_one("#remplacer", Checkbox).value
        markdown, html, _ = fichiers_revue(dossier, self.territoire, annee, remplacer)
        return DemandeRevue(annee, markdown, html, self.query_one("#confidentiel", Checkbox).value, remplacer)

    def action_ecrire(self) -> None:
        resultat = self.demande()
        if isinstance(resultat, str):
            afficher_erreur(self.query_one("#erreur", Static), resultat)
            return
        self.dismiss(resultat)
