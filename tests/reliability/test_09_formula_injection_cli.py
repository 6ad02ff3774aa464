"""Matrix #9: random text with formula prefixes, through `suivi export` end to end, read back by real
readers (csv, openpyxl): no cell of a CSV or XLSX export can be taken for a formula, except the
workbook's own totals (formulas over its Engagements sheet, never made of user text).

The export engineer's property test (tests/unit/test_export_securite.py) drives the cell functions;
this one goes from the database through the command line to the files a colleague opens.
"""

from __future__ import annotations

import csv
import shutil
import sqlite3
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook
from tests.reliability.conftest import suivi

from suivi_tui.services.export.cellules import PREFIXES_RISQUES, cellule

PAYLOADS = [
    '=HYPERLINK("http://x","clic")',
    "+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(A1:A9)",
    "=1+1",
    "\t=1",
    "\r=1",
    "\x00=1",
    "=\x00",
    "-",
    "@",
]
risky = st.one_of(
    st.sampled_from(PAYLOADS),
    st.builds(lambda p, rest: p + rest, st.sampled_from(PREFIXES_RISQUES), st.text(max_size=30)),
)


def _plant(db: Path, texts: list[str]) -> None:
    """Put the texts where exports read free text: pilotes, échéance labels, notes (raw SQL: any bytes)."""
    conn = sqlite3.connect(db)
    with conn:
        ids = [r[0] for r in conn.execute("SELECT id FROM engagement ORDER BY id LIMIT ?", (len(texts),))]
        conn.execute("INSERT INTO seance (comite_id, date) VALUES ((SELECT min(id) FROM comite), '2021-03-15')")
        seance = conn.execute("SELECT max(id) FROM seance").fetchone()[0]
        for engagement, text in zip(ids, texts[: len(ids)], strict=True):
            conn.execute("UPDATE engagement SET pilote = ? WHERE id = ?", (text, engagement))
            conn.execute(
                "INSERT INTO echeance (engagement_id, libelle, date) VALUES (?, ?, '2021-06-30')", (engagement, text)
            )
            if text.strip(" ") and "\x00" not in text:  # the schema refuses a blank note (length stops at NUL)
                conn.execute(
                    "INSERT INTO note (comite_id, seance_id, engagement_id, texte, cree_le) "
                    "SELECT comite_id, id, ?, ?, '2021-03-15T10:00:00Z' FROM seance WHERE id = ?",
                    (engagement, text, seance),
                )
    conn.close()


def _csv_cells(path: Path) -> list[str]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return [cell for row in csv.reader(handle, delimiter=";") for cell in row]


def _xlsx_cells(path: Path) -> list[str]:
    workbook = load_workbook(path)  # not read_only: data_type must say whether a cell is a formula
    cells = []
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            for c in row:
                # The totals suivi writes itself (Synthèse, Bilan: COUNTIFS over the Engagements sheet) are
                # formulas by design (issue 15); no text a user typed may ever become one.
                assert c.data_type != "f" or str(c.value).startswith(("=COUNTIFS(", "=SUM(", "=IF(", "=IFERROR(")), (
                    f"formula cell {sheet.title}!{c.coordinate}: {c.value!r}"
                )
                if isinstance(c.value, str) and c.data_type != "f":
                    # The workbook neutralises with the cell's quote prefix: the text keeps no apostrophe.
                    cells.append("'" + c.value if c.quotePrefix else c.value)
    return cells


@pytest.mark.slow
@settings(max_examples=3, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(texts=st.lists(risky, min_size=10, max_size=40))
def test_exported_cells_are_never_formulas(seeded_template: Path, texts: list[str]) -> None:
    folder = Path(tempfile.mkdtemp(prefix="suivi-formules-"))
    try:
        db = folder / "suivi.db"
        shutil.copyfile(seeded_template, db)
        _plant(db, texts)
        cells: list[str] = []
        for name in ("echeances.csv", "notes.csv", "classeur.xlsx"):
            table = ["--table", name.split(".")[0]] if name.endswith(".csv") else []
            result = suivi("--db", str(db), "export", str(folder / name), *table)
            assert result.returncode == 0, result.stderr
            cells += _csv_cells(folder / name) if name.endswith(".csv") else _xlsx_cells(folder / name)
        risky_cells = [c for c in cells if c.startswith(PREFIXES_RISQUES)]
        assert not risky_cells, risky_cells[:5]
        for text in texts:  # every planted text made it out, neutralised rather than dropped
            assert cellule(text) in cells or not cellule(text), text
    finally:
        shutil.rmtree(folder)
