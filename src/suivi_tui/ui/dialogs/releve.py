"""The relevé form: which séance, which folder (two files, Markdown and HTML, never over existing ones)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal
from textual.widgets import Label, Select

from suivi_tui.dates import format_date
from suivi_tui.services.seances.journal import SeanceInfo
from suivi_tui.services.seances.registre import SeanceResume
from suivi_tui.services.seances.releve import nom_fichier_releve
from suivi_tui.texte import pluriel
from suivi_tui.ui.dialogs.base_fichiers import DialogueDeuxFichiers
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


class _ChoixSeance(Select[int], inherit_bindings=False):
    """The séance list; enter is left to the dialog (write), space or arrows open the list."""

    BINDINGS: ClassVar[list[BindingType]] = liaisons("choix_seance")


class ReleveDialog(DialogueDeuxFichiers[DemandeReleve]):
    """Returns what to write (the app writes it in a worker), or None."""

    TITRE = "Relevé de décisions"
    AIDE = "[b]Tab[/] champ suivant · [b]Espace[/] choisir, cocher · [b]Entrée[/] écrire · [b]Échap[/] annuler"

    BINDINGS: ClassVar[list[BindingType]] = liaisons("releve")

    CONFIDENTIEL = "Inclure les notes confidentielles"
    PRUDENCE = "Les notes confidentielles peuvent nommer des habitants : ne transmettez ce relevé qu'avec précaution."

    def __init__(self, seances: Sequence[SeanceResume], seance_id: int | None, dossier: Path) -> None:
        super().__init__(dossier)
        self.seances = {s.id: s for s in seances}
        self.seance_defaut = seance_id if seance_id in self.seances else next(iter(self.seances), None)

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
        yield from self.champs_fichiers()

    def on_mount(self) -> None:
        self.montrer_fichiers()
        self.query_one("#seance", Select).focus()

    def _seance(self) -> SeanceResume | None:
        valeur = self.query_one("#seance", Select).value
        return self.seances.get(valeur) if isinstance(valeur, int) else None

    def nom_des_fichiers(self) -> str | None:
        seance = self._seance()
        return None if seance is None else _nom(seance)

    def demande(self) -> DemandeReleve | str:
        seance = self._seance()
        if seance is None:
            return "Choisissez la séance dont il faut le relevé."
        fichiers = self.fichiers(_nom(seance))
        if isinstance(fichiers, str):
            return fichiers
        markdown, html, _ = fichiers
        return DemandeReleve(seance.id, markdown, html, self.confidentiel, self.remplacer)


def _nom(seance: SeanceResume) -> str:
    info = SeanceInfo(seance.id, seance.comite_id, seance.comite, seance.date, seance.lieu, seance.participants)
    return nom_fichier_releve(info, "md").removesuffix(".md")
