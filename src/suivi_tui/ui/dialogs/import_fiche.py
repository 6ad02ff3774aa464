"""The import dialog (I): the returned fiche to read, and the comité whose journal receives its comments."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal
from textual.widgets import Input, Label, Select, Static

from suivi_tui.services.seances.journal import ComiteResume
from suivi_tui.ui.champs import ChampTexte
from suivi_tui.ui.dialogs.base import Dialogue, afficher_erreur, ligne_libelle
from suivi_tui.ui.touches import liaisons


@dataclass(frozen=True)
class DemandeImport:
    chemin: Path
    comite_id: int | None


class _Comite(Select[int], inherit_bindings=False):
    """The comités; enter is left to the dialog (read the file), space or arrows open the list."""

    BINDINGS: ClassVar[list[BindingType]] = liaisons("choix_comite_fiche")


class ImportDialog(Dialogue[DemandeImport]):
    """Returns the file and the comité chosen (the app reads and compares in a worker), or None."""

    TITRE = "Importer le retour d'une fiche de suivi"
    AIDE = "[b]Tab[/] champ suivant · [b]Entrée[/] lire et prévisualiser (rien n'est écrit) · [b]Échap[/] annuler"

    DEFAULT_CSS = """
    ImportDialog #dialogue { max-width: 84; }
    ImportDialog .import-etiquette { color: $text-muted; }
    ImportDialog #chemin { margin-bottom: 1; }
    ImportDialog .ligne { height: 1; }
    ImportDialog .ligne Label { width: 9; color: $text-muted; }
    ImportDialog Select { width: 1fr; }
    """

    BINDINGS: ClassVar[list[BindingType]] = liaisons("import_fiche")

    def __init__(self, dossier: Path, comites: list[ComiteResume], comite_defaut: int | None) -> None:
        super().__init__()
        self.dossier = dossier
        self.comites = list(comites)
        ids = [c.id for c in self.comites]
        self.comite_defaut: int = comite_defaut if comite_defaut in ids else (ids[0] if ids else 0)

    def contenu(self) -> ComposeResult:
        yield ligne_libelle("La fiche renvoyée (.xlsx ou .csv) : lue, jamais modifiée.")
        yield Label("Fichier", classes="import-etiquette")
        yield ChampTexte(f"{self.dossier}/", id="chemin", select_on_focus=False)
        with Horizontal(classes="ligne"):
            yield Label("Comité")
            if self.comites:
                yield _Comite(
                    [(c.nom, c.id) for c in self.comites],
                    value=self.comite_defaut,
                    allow_blank=False,
                    compact=True,
                    id="comite",
                )
            else:
                yield Static("aucun comité : les commentaires ne pourront pas être versés au journal")
        yield Static("", id="erreur", classes="dialogue-erreur -vide")

    def on_mount(self) -> None:
        champ = self.query_one("#chemin", Input)
        champ.focus()
        champ.cursor_position = len(champ.value)

    @on(Input.Submitted, "#chemin")
    def _chemin_valide(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_lire()

    def demande(self) -> DemandeImport | str:
        """The file and comité the fields describe, or the French reason they cannot be read."""
        texte = self.query_one("#chemin", Input).value.strip()
        if not texte or texte.endswith("/"):
            return "Indiquez le fichier renvoyé par le partenaire (.xlsx ou .csv)."
        chemin = Path(texte).expanduser()
        if not chemin.exists():
            return f"{chemin} n'existe pas."
        if not chemin.is_file():
            return f"{chemin} n'est pas un fichier."
        comites = self.query("#comite")
        valeur = comites.first(_Comite).value if comites else None
        return DemandeImport(chemin, valeur if isinstance(valeur, int) else None)

    def action_lire(self) -> None:
        resultat = self.demande()
        if isinstance(resultat, str):
            afficher_erreur(self.query_one("#erreur", Static), resultat)
            return
        self.dismiss(resultat)
