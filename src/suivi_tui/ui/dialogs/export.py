"""The export dialog: format, file (a dated name in the documents folder), confidential notes, replace."""

from __future__ import annotations

import datetime
import re
import unicodedata
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.content import Content
from textual.widgets import Checkbox, Input, Label, Select, Static

from suivi_tui.services.export import EXTENSIONS, FORMATS, NOMS_FORMATS, DemandeExport
from suivi_tui.ui.champs import ChampTexte
from suivi_tui.ui.dialogs.base import CaseEspace, Dialogue, afficher_erreur
from suivi_tui.ui.touches import liaisons

FORMAT_DEFAUT = "xlsx"  # what most colleagues open: Excel or LibreOffice
# A fiche de suivi for one partie or pilote, to fill in and send back (suivi import): a format of its own here.
FICHES = {"fiche:xlsx": "Fiche de suivi à remplir (.xlsx)", "fiche:csv": "Fiche de suivi à remplir (.csv)"}
Destinataires = Callable[[], Sequence[tuple[str, str]]]  # (label, value « pilote:DDETS »), read in a worker


def dossier_documents() -> Path:
    """The user's documents folder (platformdirs), or the home folder when it does not exist."""
    from platformdirs import user_documents_dir

    dossier = Path(user_documents_dir())
    return dossier if dossier.is_dir() else Path.home()


# Words every contrat title repeats: the file name keeps what tells contrats apart.
_MOTS_VIDES = {"contrat", "de", "ville", "d", "du", "la", "le", "les", "des", "l", "et"}


def slug(texte: str, longueur: int = 40) -> str:
    """« Contrat de ville d'Antony 2020-2022 » -> « antony-2020-2022 » (ASCII, for a file name)."""
    ascii_ = unicodedata.normalize("NFKD", texte).encode("ascii", "ignore").decode("ascii").lower()
    mots = [m for m in re.split(r"[^a-z0-9]+", ascii_) if m]
    utiles = [m for m in mots if m not in _MOTS_VIDES] or mots
    resultat = ""
    for mot in utiles:
        if len(resultat) + len(mot) + 1 > longueur:
            break
        resultat = f"{resultat}-{mot}" if resultat else mot
    return resultat or (utiles[0][:longueur] if utiles else "contrat")


class _Choix(Select[str], inherit_bindings=False):
    """The format list; enter is left to the dialog (export), space or arrows open the list."""

    BINDINGS: ClassVar[list[BindingType]] = liaisons("choix_format")


class ExportDialog(Dialogue[DemandeExport]):
    """Returns the DemandeExport to run (the app runs it in a worker), or None."""

    TITRE = "Exporter le contrat"
    AIDE = "[b]Tab[/] champ suivant · [b]Espace[/] choisir, cocher · [b]Entrée[/] exporter · [b]Échap[/] annuler"

    BINDINGS: ClassVar[list[BindingType]] = liaisons("export")

    DEFAULT_CSS = """
    ExportDialog #dialogue { max-width: 78; }
    ExportDialog .export-etiquette { color: $text-muted; }
    ExportDialog #format { margin-bottom: 1; }
    ExportDialog #chemin { margin-bottom: 1; }
    ExportDialog Checkbox { width: 1fr; }
    ExportDialog #prudence { width: 1fr; color: $warning; }
    ExportDialog #prudence.-vide { display: none; }
    ExportDialog #pour { margin-bottom: 1; }
    ExportDialog .fiche { display: none; }
    ExportDialog.-fiche .fiche { display: block; }
    """

    def __init__(
        self,
        dossier_defaut: Path,
        today: datetime.date,
        contrat_titre: str,
        *,
        contrat_id: int | None = None,
        destinataires: Destinataires | None = None,
    ) -> None:
        super().__init__()
        self.dossier_defaut = dossier_defaut
        self.today = today
        self.contrat_titre = contrat_titre
        self.contrat_id = contrat_id
        self.destinataires = destinataires
        self._charges = False
        self._chemin_auto = str(self.chemin_propose(FORMAT_DEFAUT))

    def chemin_propose(self, fmt: str, pour: str | None = None) -> Path:
        if fmt in FICHES:
            nom = slug(pour.partition(":")[2]) if pour else "partenaire"
            return self.dossier_defaut / f"fiche-de-suivi-{nom}-{self.today:%Y-%m-%d}.{fmt.partition(':')[2]}"
        return self.dossier_defaut / f"suivi-{slug(self.contrat_titre)}-{self.today:%Y-%m-%d}.{EXTENSIONS[fmt]}"

    def contenu(self) -> ComposeResult:
        yield Label("Format", classes="export-etiquette")
        choix = [(NOMS_FORMATS[f], f) for f in FORMATS]
        if self.destinataires is not None:
            choix += [(nom, valeur) for valeur, nom in FICHES.items()]
        yield _Choix(choix, value=FORMAT_DEFAUT, allow_blank=False, id="format")
        yield Label("Pour (la partie ou le pilote qui la remplira)", classes="export-etiquette fiche")
        yield _Choix([], prompt="Chargement…", id="pour", classes="fiche")
        yield Label("Fichier", classes="export-etiquette")
        yield ChampTexte(self._chemin_auto, id="chemin", select_on_focus=False)
        yield CaseEspace("Inclure les notes confidentielles", False, id="confidentiel", compact=True)
        yield CaseEspace("Remplacer le fichier s'il existe", False, id="remplacer", compact=True)
        yield Static(
            Content(
                "Les notes confidentielles peuvent nommer des habitants : ne transmettez ce fichier qu'avec précaution."
            ),
            id="prudence",
            classes="-vide",
        )
        yield Static("", id="erreur", classes="dialogue-erreur -vide")

    def on_mount(self) -> None:
        self.query_one("#format", Select).focus()

    @on(Select.Changed, "#format")
    def _format_change(self, event: Select.Changed) -> None:
        event.stop()
        if not isinstance(event.value, str):
            return
        self.set_class(event.value in FICHES, "-fiche")
        if event.value in FICHES and not self._charges:
            self._charges = True
            self._charger_destinataires()
        self._proposer()
        afficher_erreur(self.query_one("#erreur", Static), "")

    @on(Select.Changed, "#pour")
    def _pour_change(self, event: Select.Changed) -> None:
        event.stop()
        self._proposer()

    def _proposer(self) -> None:
        """The proposed name follows the format and the destinataire; a name the user typed is theirs."""
        champ = self.query_one("#chemin", Input)
        fmt, pour = self.query_one("#format", Select).value, self.query_one("#pour", Select).value
        if champ.value == self._chemin_auto and isinstance(fmt, str):
            self._chemin_auto = str(self.chemin_propose(fmt, pour if isinstance(pour, str) else None))
            champ.value = self._chemin_auto

    @work(thread=True, group="destinataires", exit_on_error=False)
    def _charger_destinataires(self) -> None:
        assert self.destinataires is not None
        options = list(self.destinataires())
        self.app.call_from_thread(self._destinataires_lus, options)

    def _destinataires_lus(self, options: list[tuple[str, str]]) -> None:
        pour = self.query_one("#pour", Select)
        pour.set_options(options)
        pour.prompt = "Choisissez la partie ou le pilote" if options else "Aucune partie ni aucun pilote"

    @on(Checkbox.Changed, "#confidentiel")
    def _confidentiel_change(self, event: Checkbox.Changed) -> None:
        event.stop()
        self.query_one("#prudence", Static).set_class(not event.value, "-vide")

    @on(Input.Submitted, "#chemin")
    def _chemin_valide(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_exporter()

    def demande(self) -> DemandeExport | str:
        """The request the fields describe, or the French reason it cannot be made."""
        texte = self.query_one("#chemin", Input).value.strip()
        if not texte:
            return "Indiquez le fichier à écrire."
        chemin = Path(texte).expanduser()
        force = self.query_one("#remplacer", Checkbox).value
        if not chemin.parent.is_dir():
            return f"Le dossier {chemin.parent} n'existe pas."
        if chemin.is_dir():
            return f"{chemin} est un dossier : ajoutez un nom de fichier."
        if chemin.exists() and not force:
            return "Ce fichier existe déjà : cochez « Remplacer le fichier s'il existe » ou changez le nom."
        fmt = self.query_one("#format", Select).value
        confidentiel = self.query_one("#confidentiel", Checkbox).value
        pour: str | None = None
        if fmt in FICHES:
            choisi = self.query_one("#pour", Select).value
            if not isinstance(choisi, str):
                return "Choisissez pour qui est la fiche de suivi (une partie ou un pilote)."
            pour = choisi
            if confidentiel:
                return "Une fiche de suivi ne contient jamais de note confidentielle : décochez la case."
            fmt = str(fmt).partition(":")[2]
        return DemandeExport(
            chemin=chemin,
            format=fmt if isinstance(fmt, str) else None,
            force=force,
            inclure_confidentiel=confidentiel,
            contrat_id=self.contrat_id,
            pour=pour,
        )

    def action_exporter(self) -> None:
        resultat = self.demande()
        if isinstance(resultat, str):
            afficher_erreur(self.query_one("#erreur", Static), resultat)
            return
        self.dismiss(resultat)
