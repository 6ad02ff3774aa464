"""What the relevé and yearly review dialogs share: a folder, two files (Markdown, HTML), never over existing ones."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar, TypeVar

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.content import Content
from textual.widgets import Checkbox, Input, Label, Select, Static

from suivi_tui.ui.champs import ChampTexte
from suivi_tui.ui.dialogs.base import CaseEspace, Dialogue, afficher_erreur

R = TypeVar("R")


def fichiers_libres(dossier: Path, base: str, remplacer: bool) -> tuple[Path, Path, bool]:
    """base.md and base.html in dossier; when the name is taken (and not to be replaced), the first free « -2 »…

    The third value says whether the usual name was taken.
    """
    for rang in range(1, 1000):
        nom = base if rang == 1 else f"{base}-{rang}"
        markdown, html = dossier / f"{nom}.md", dossier / f"{nom}.html"
        if remplacer or not (markdown.exists() or html.exists()):
            return markdown, html, rang > 1
    return dossier / f"{base}.md", dossier / f"{base}.html", False


class DialogueDeuxFichiers(Dialogue[R]):
    """The fields after the subject: folder, confidential items, replace; the two names shown as they will be."""

    CONFIDENTIEL: ClassVar[str] = ""  # « Inclure les notes confidentielles »
    PRUDENCE: ClassVar[str] = ""  # shown while they are included

    DEFAULT_CSS = """
    DialogueDeuxFichiers #dialogue { max-width: 90; }
    DialogueDeuxFichiers .ligne { height: 1; margin-bottom: 1; }
    DialogueDeuxFichiers .ligne Label { width: 9; color: $text-muted; }
    DialogueDeuxFichiers Select, DialogueDeuxFichiers Input { width: 1fr; }
    DialogueDeuxFichiers Checkbox { width: 1fr; }
    DialogueDeuxFichiers #fichiers { width: 1fr; height: auto; margin-top: 1; color: $text-muted; }
    DialogueDeuxFichiers #prudence { width: 1fr; color: $warning; }
    DialogueDeuxFichiers #prudence.-vide { display: none; }
    """

    def __init__(self, dossier: Path) -> None:
        super().__init__()
        self.dossier_defaut = dossier

    def nom_des_fichiers(self) -> str | None:
        """The files' usual name without extension, or None while the subject is not chosen (no name shown)."""
        raise NotImplementedError

    def demande(self) -> R | str:
        """What the fields ask for, or the French reason it cannot be done."""
        raise NotImplementedError

    def champs_fichiers(self) -> ComposeResult:
        with Horizontal(classes="ligne"):
            yield Label("Dossier")
            yield ChampTexte(str(self.dossier_defaut), compact=True, id="dossier", select_on_focus=False)
        yield CaseEspace(self.CONFIDENTIEL, False, id="confidentiel", compact=True)
        yield CaseEspace("Remplacer les fichiers s'ils existent", False, id="remplacer", compact=True)
        yield Static("", id="fichiers")
        yield Static(Content(self.PRUDENCE), id="prudence", classes="-vide")
        yield Static("", id="erreur", classes="dialogue-erreur -vide")

    def _dossier(self) -> Path:
        return Path(self.query_one("#dossier", Input).value.strip() or ".").expanduser()

    def fichiers(self, nom: str) -> tuple[Path, Path, bool] | str:
        """The two files to write under that name, or the French reason they cannot be (no such folder)."""
        dossier = self._dossier()
        if not dossier.is_dir():
            return f"Le dossier {dossier} n'existe pas."
        return fichiers_libres(dossier, nom, self.remplacer)

    @property
    def remplacer(self) -> bool:
        return self.query_one("#remplacer", Checkbox).value

    @property
    def confidentiel(self) -> bool:
        return self.query_one("#confidentiel", Checkbox).value

    def montrer_fichiers(self) -> None:
        nom = self.nom_des_fichiers()
        texte = ""
        if nom is not None:
            markdown, html, renomme = fichiers_libres(self._dossier(), nom, self.remplacer)
            texte = f"Fichiers : {markdown.name} et {html.name}"
            if renomme:
                texte += " (le nom habituel est déjà pris ; cochez « Remplacer » pour l'écraser)"
            elif self.remplacer and (markdown.exists() or html.exists()):
                texte += " (les fichiers existants seront remplacés)"
        self.query_one("#fichiers", Static).update(Content(texte))

    @on(Input.Changed)
    @on(Select.Changed)  # the relevé's séance
    @on(Checkbox.Changed, "#remplacer")
    def _relire(self, event: Input.Changed | Select.Changed | Checkbox.Changed) -> None:
        event.stop()
        self.montrer_fichiers()
        afficher_erreur(self.query_one("#erreur", Static), "")

    @on(Checkbox.Changed, "#confidentiel")
    def _confidentiel(self, event: Checkbox.Changed) -> None:
        event.stop()
        self.query_one("#prudence", Static).set_class(not event.value, "-vide")

    @on(Input.Submitted)
    def _valide(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_ecrire()

    def action_ecrire(self) -> None:
        resultat = self.demande()
        if isinstance(resultat, str):
            afficher_erreur(self.query_one("#erreur", Static), resultat)
            return
        self.dismiss(resultat)
