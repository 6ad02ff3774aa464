"""Matrix #8: a confidential sentinel, and notes deleted before the export: their bytes are in no export file.

Searched: every byte of every file, every member of the XLSX zip uncompressed, in UTF-8 and both
UTF-16 orders, iCalendar lines unfolded, and the lower-case token an FTS index would keep.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from tests.conftest import TODAY
from tests.reliability.conftest import column

from suivi_tui.db.database import Database
from suivi_tui.db.opening import open_database
from suivi_tui.services.annulation import annuler
from suivi_tui.services.edition import ajouter_note
from suivi_tui.services.export import FORMATS, TABLES_CSV, DemandeExport, exporter

CONFIDENTIEL = "Zorglubiak4d7e"  # stands for a resident's name in a confidential note
SUPPRIME = "Quixotrembla9c1f"  # in notes deleted before the export
ORDINAIRE = "Ordinairement5a0b"  # an ordinary note: proves the notes are exported at all


def _notes(db: Database) -> None:
    comites = [int(c) for c in column(db.path, "SELECT id FROM comite ORDER BY id")]
    engagement = int(column(db.path, "SELECT min(id) FROM engagement")[0])  # type: ignore[arg-type]
    for i, comite in enumerate(comites):
        ajouter_note(
            db,
            comite,
            f"M. {CONFIDENTIEL} a demandé un relogement.",
            confidentielle=True,
            engagement_id=engagement if i == 0 else None,
        )
        ajouter_note(db, comite, f"Point d'étape {ORDINAIRE}.", engagement_id=engagement)
        for _ in range(2):
            effacee = ajouter_note(db, comite, f"Erreur de saisie {SUPPRIME}.", engagement_id=engagement)
            annuler(db, effacee)


def _texts(path: Path) -> list[bytes]:
    """The bytes in which a reader could find a text: the file, its zip members, its unfolded lines."""
    raw = path.read_bytes()
    found = [raw, raw.replace(b"\r\n ", b"").replace(b"\r\n\t", b"")]
    if zipfile.is_zipfile(path):
        with zipfile.ZipFile(path) as archive:
            found += [archive.read(name) for name in archive.namelist()]
    return found


def _contains(path: Path, text: str) -> bool:
    needles = [text.encode(enc) for enc in ("utf-8", "utf-16-le", "utf-16-be")]
    needles.append(text.lower()[3:].encode())  # FTS keeps lower-case terms, maybe prefix-compressed
    return any(needle in blob for blob in _texts(path) for needle in needles)


def _export_all(db: Database, folder: Path, *, confidentiel: bool) -> list[Path]:
    folder.mkdir()
    files = []
    for fmt in FORMATS:
        for table in TABLES_CSV if fmt == "csv" else ("engagements",):
            demande = DemandeExport(
                chemin=folder / f"export-{table}.{fmt}",
                format=fmt,
                table=table,
                inclure_confidentiel=confidentiel,
                contrat_id=1 if fmt != "sqlite" else None,
            )
            files.append(exporter(db, demande, TODAY).chemin)
    return files


@pytest.fixture
def with_notes(seeded_file: Path) -> Path:
    db = open_database(seeded_file)
    try:
        _notes(db)
    finally:
        db.close()
    return seeded_file


def test_confidential_and_deleted_text_is_in_no_export(with_notes: Path, tmp_path: Path) -> None:
    db = open_database(with_notes, readonly=True)
    try:
        files = _export_all(db, tmp_path / "exports", confidentiel=False)
    finally:
        db.close()
    assert len(files) == len(FORMATS) + len(TABLES_CSV) - 1
    searched = sum(sum(len(b) for b in _texts(f)) for f in files)
    for path in files:
        assert not _contains(path, CONFIDENTIEL), f"confidential text in {path.name}"
        assert not _contains(path, SUPPRIME), f"deleted text in {path.name}"
    assert _contains(tmp_path / "exports" / "export-engagements.sqlite", ORDINAIRE)
    assert _contains(tmp_path / "exports" / "export-notes.csv", ORDINAIRE)
    print(f"\n#8 : {len(files)} fichiers d'export, {searched} octets fouillés, 0 trace des 2 sentinelles")


def test_the_search_finds_the_sentinel_when_it_is_asked_for(with_notes: Path, tmp_path: Path) -> None:
    """The control: with --include-confidential the same search does find it (and never the deleted text)."""
    db = open_database(with_notes, readonly=True)
    try:
        files = _export_all(db, tmp_path / "exports", confidentiel=True)
    finally:
        db.close()
    found = {path.name for path in files if _contains(path, CONFIDENTIEL)}
    assert {
        "export-engagements.sqlite",
        "export-engagements.xlsx",
        "export-notes.csv",
        "export-engagements.md",
        "export-engagements.html",
    } <= found, found
    assert not any(_contains(path, SUPPRIME) for path in files)
