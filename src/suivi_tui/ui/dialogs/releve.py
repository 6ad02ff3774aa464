"""The relevé form: which séance, which folder (two files, Markdown and HTML, never over existing ones)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal
from textual.content import Content
from textual.widgets import Checkbox, Input, Label, Select, Static

from suivi_tui.dates import format_date
from suivi_tui.services.seances.journal import SeanceInfo
from suivi_tui.services.seances.registre import SeanceResume
from suivi_tui.services.seances.releve import nom_fichier_releve
from suivi_tui.texte import pluriel
from suivi_tui.ui.champs import ChampTexte
from suivi_tui.ui.dialogs.base import CaseEspace, Dialogue, afficher_erreur
from suivi_tui.ui.touches import liaisons


@dataclass(frozen=True)
class DemandeReleve:
    """The séance whose relevé to write, the two files, and whether confidential notes go in."""

    seance_id: int
    markdown: Path
    html: Path
    inclure_confidentiel: bool
    remplacer: bool


def libelle_seance(s: SeanceResume) -> str:
    """« 15/03/2021 · Insertion socioprofessionnelle (1 décision, 1 action, 2 changements) »."""
    contenu = ", ".join(
        (pluriel(s.decisions, "décision"), pluriel(s.actions, "action"), pluriel(s.changements, "changement"))
    )
    return f"{format_date(s.date)} · {s.comite} ({contenu}){' · ouverte' if s.ouverte else ''}"


def fichiers_releve(dossier: Path, seance: SeanceResume, remplacer: bool) -> tuple[Path, Path, bool]:
    """The .md and .html to write; when the usual name is taken (and not to be replaced), the first free « -2 »…"""
    info = SeanceInfo(seance.id, seance.comite_id, seance.comite, seance.date, seance.lieu, seance.participants)
    base = nom_fichier_releve(info, "md").removesuffix(".md")
    for rang in range(1, 1000):
        nom = base if rang == 1 else f"{base}-{rang}"
        markdown, html = dossier / f"{nom}.md", dossier / f"{nom}.html"
        if remplacer or not (markdown.exists() or html.exists()):
            return markdown, html, rang > 1
    return dossier / f"{base}.md", dossier / f"{base}.html", False


class _ChoixSeance(Select[int], inherit_bindings=False):
    """The séance list; enter is left to the dialog (write), space or arrows open the list."""

    BINDINGS: ClassVar[list[BindingType]] = liaisons("choix_seance")


class ReleveDialog(Dialogue[DemandeReleve]):
    """Returns what to write (the app writes it in a worker), or None."""

    TITRE = "Relevé de décisions"
    AIDE = "[b]Tab[/] champ suivant · [b]Espace[/] choisir, cocher · [b]Entrée[/] écrire · [b]Échap[/] annuler"

    BINDINGS: ClassVar[list[BindingType]] = liaisons("releve")

    DEFAULT_CSS = """
    ReleveDialog #dialogue { max-width: 90; }
    ReleveDialog .ligne { height: 1; margin-bottom: 1; }
    ReleveDialog .ligne Label { width: 9; color: $text-muted; }
    ReleveDialog Select, ReleveDialog Input { width: 1fr; }
    ReleveDialog Checkbox { width: 1fr; }
    ReleveDialog #fichiers { width: 1fr; height: auto; margin-top: 1; color: $text-muted; }
    ReleveDialog #prudence { width: 1fr; color: $warning; }
    ReleveDialog #prudence.-vide { display: none; }
    """

    def __init__(self, seances: Sequence[SeanceResume], seance_id: int | None, dossier: Path) -> None:
        super().__init__()
        self.seances = {s.id: s for s in seances}
        self.seance_defaut = seance_id if seance_id in self.seances else next(iter(self.seances), None)
        self.dossier_defaut = dossier

    def contenu(self) -> ComposeResult:
        with Horizontal(classes="ligne"):
            yield Label("Séance")
            yield _ChoixSeance(
                [(libelle_seance(s), s.id) for s in self.seances.values()],
                value=self.seance_defaut if self.seance_defaut is not None else Select.NULL,
                prompt="Aucune séance enregistrée",
                compact=True,
                id="seance",
            )
        with Horizontal(classes="ligne"):
            yield Label("Dossier")
            yield ChampTexte(str(self.dossier_defaut), compact=True, id="dossier", select_on_focus=False)
        yield CaseEspace("Inclure les notes confidentielles", False, id="confidentiel", compact=True)
        yield CaseEspace("Remplacer les fichiers s'ils existent", False, id="remplacer", compact=True)
        yield Static("", id="fichiers")
        yield Static(
            Content(
                "Les notes confidentielles peuvent nommer des habitants : ne transmettez ce relevé qu'avec précaution."
            ),
            id="prudence",
            classes="-vide",
        )
        yield Static("", id="erreur", classes="dialogue-erreur -vide")

    def on_mount(self) -> None:
        self._montrer_fichiers()
        self.query_one("#seance", Select).focus()

    def _seance(self) -> SeanceResume | None:
        valeur = self.query_one("#seance", Select).value
        return self.seances.get(valeur) if isinstance(valeur, int) else None

    def _dossier(self) -> Path:
        return Path(self.query_one("#dossier", Input).value.strip() or ".").expanduser()

    def _montrer_fichiers(self) -> None:
        seance = self._seance()
        texte = ""
        if seance is not None:
            remplacer = self.query_one("#remplacer", Checkbox).value
            markdown, html, renomme = fichiers_releve(self._dossier(), seance, remplacer)
            texte = f"Fichiers : {markdown.name} et {html.name}"
            if renomme:
                texte += " (le nom habituel est déjà pris ; cochez « Remplacer » pour l'écraser)"
            elif remplacer and (markdown.exists() or html.exists()):
                texte += " (les fichiers existants seront remplacés)"
        self.query_one("#fichiers", Static).update(Content(texte))

    @on(Select.Changed, "#seance")
    @on(Input.Changed, "#dossier")
    @on(Checkbox.Changed, "#remplacer")
    def _relire(self, event: Select.Changed | Input.Changed | Checkbox.Changed) -> None:
        event.stop()
        self._montrer_fichiers()
        afficher_erreur(self.query_one("#erreur", Static), "")

    @on(Checkbox.Changed, "#confidentiel")
    def _confidentiel(self, event: Checkbox.Changed) -> None:
        event.stop()
        self.query_one("#prudence", Static).set_class(not event.value, "-vide")

    @on(Input.Submitted, "#dossier")
    def _dossier_valide(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_ecrire()

    def demande(self) -> DemandeReleve | str:
        """What the fields ask for, or the French reason it cannot be done."""
        seance = self._seance()
        if seance is None:
            return "Choisissez la séance dont il faut le relevé."
        dossier = self._dossier()
        if not dossier.is_dir():
            return f"Le dossier {dossier} n'existe pas."
        remplacer = self.query_one("#remplacer", Checkbox).value
        markdown, html, _ = fichiers_releve(dossier, seance, remplacer)
        return DemandeReleve(seance.id, markdown, html, self.query_one("#confidentiel", Checkbox).value, remplacer)

    def action_ecrire(self) -> None:
        resultat = self.demande()
        if isinstance(resultat, str):
            afficher_erreur(self.query_one("#erreur", Static), resultat)
            return
        self.dismiss(resultat)
