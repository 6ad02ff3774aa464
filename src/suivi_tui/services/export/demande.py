"""What an export is asked for and what it gives back: formats, tables, the request, the result, the refusals.

The writers (donnees, snapshot, tables...) import this module, never the package: the package's
entry point (exporter) imports them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from suivi_tui.erreurs import ErreurSuivi

FORMATS = ("sqlite", "xlsx", "csv", "md", "html", "ics")
TABLES_CSV = ("engagements", "echeances", "notes", "historique", "indicateurs")

NOMS_FORMATS: dict[str, str] = {
    "sqlite": "Base SQLite (.sqlite)",
    "xlsx": "Classeur Excel (.xlsx)",
    "csv": "CSV pour Excel (.csv)",
    "md": "Rapport Markdown (.md)",
    "html": "Rapport HTML imprimable (.html)",
    "ics": "Calendrier (.ics)",
}
EXTENSIONS: dict[str, str] = {f: f for f in FORMATS}
_PAR_EXTENSION = {
    ".sqlite": "sqlite",
    ".db": "sqlite",
    ".sqlite3": "sqlite",
    ".xlsx": "xlsx",
    ".csv": "csv",
    ".md": "md",
    ".markdown": "md",
    ".html": "html",
    ".htm": "html",
    ".ics": "ics",
}
# What `lignes` counts, per format (the command line says it in words).
UNITES: dict[str, str] = {
    "sqlite": "engagements",
    "xlsx": "engagements",
    "csv": "lignes",
    "md": "engagements",
    "html": "engagements",
    "ics": "évènements",
}


class ExportInvalide(ErreurSuivi, ValueError):
    """The request cannot be honoured as asked (format, table, path); nothing was written."""


class ExportImpossible(ErreurSuivi):
    """Writing failed (full disk, permissions, I/O); no partial file was left behind."""


@dataclass(frozen=True)
class DemandeExport:
    chemin: Path
    format: str | None = None
    force: bool = False
    inclure_confidentiel: bool = False
    contrat_id: int | None = None
    table: str = "engagements"  # CSV only: engagements | echeances | notes | historique | indicateurs
    pour: str | None = None  # a fiche de suivi for this partie or pilote (.xlsx or .csv), see export/fiche.py


@dataclass(frozen=True)
class ResultatExport:
    chemin: Path
    format: str
    octets: int
    lignes: int
    confidentiel_inclus: bool
    notes_exclues: int = 0  # confidential notes left out (0 when they were included)
    contrats: tuple[str, ...] = ()  # the titles of the contrats the file holds
    pour: str | None = None  # a fiche de suivi: who it is for (« pilote « DDETS » »)


Progression = Callable[[float], None]


def format_depuis_extension(chemin: Path) -> str:
    """The format an output name asks for (.sqlite/.db, .xlsx, .csv, .md, .html/.htm, .ics)."""
    suffixe = Path(chemin).suffix.lower()
    if suffixe in _PAR_EXTENSION:
        return _PAR_EXTENSION[suffixe]
    connues = ", ".join(sorted(_PAR_EXTENSION))
    quoi = f"L'extension « {suffixe} »" if suffixe else "Le nom du fichier n'a pas d'extension et"
    raise ExportInvalide(
        f"{quoi} ne désigne aucun format d'export connu ({connues}) ; "
        "choisissez une de ces extensions ou précisez --format."
    )


def format_document(chemin: Path | None, voulu: str | None, permis: tuple[str, ...], refus: str) -> str:
    """A document's format (the bilan, the review): --format, else the extension; md on the standard output.

    ExportInvalide with the document's own sentence (refus) when the format is not one it is written in.
    """
    try:
        fmt = voulu or (format_depuis_extension(chemin) if chemin is not None else "md")
    except ExportInvalide:
        fmt = ""
    if fmt not in permis:
        raise ExportInvalide(refus)
    return fmt


def format_demande(demande: DemandeExport) -> str:
    """The format of a request: the explicit one, else the extension's; ExportInvalide if neither is known."""
    if demande.format is None:
        return format_depuis_extension(demande.chemin)
    if demande.format not in FORMATS:
        raise ExportInvalide(f"Format « {demande.format} » inconnu ; formats possibles : {', '.join(FORMATS)}.")
    return demande.format
