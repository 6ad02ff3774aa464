"""Matrix #12: property tests of the date parser. The parser's own properties (round trips, impossible
dates rejected, never a traceback on any text) are tests/unit/test_dates.py, run by `make test`:
test_aller_retour_format_date, test_aller_retour_format_echeance, test_triplet_numerique_lu_ssi_date_valide,
test_texte_quelconque_jamais_d_autre_exception, test_morceaux_de_grammaire_jamais_d_autre_exception.

This file extends them past the parser: whatever it accepts, the schema's CHECKs accept and give back
unchanged; whatever it refuses on the command line exits 2 in French and creates nothing.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tests.reliability.conftest import column

from suivi_tui.cli import main
from suivi_tui.dates import DateInvalide, Precision, fin_de_periode, format_echeance, parse_date
from suivi_tui.db.database import Database
from suivi_tui.db.opening import open_database
from suivi_tui.services.edition import ajouter_echeance

AUJ = dt.date(2021, 3, 10)
dates = st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 12, 31))


@pytest.fixture
def base(seeded_file: Path) -> Iterator[Database]:
    db = open_database(seeded_file)
    yield db
    db.close()


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(date=dates, precision=st.sampled_from(list(Precision)), texte=st.text(max_size=12))
def test_what_the_parser_accepts_the_base_keeps_unchanged(
    base: Database, date: dt.date, precision: Precision, texte: str
) -> None:
    for saisie in (format_echeance(fin_de_periode(date, precision), precision), texte):
        try:
            floue = parse_date(saisie, AUJ)
        except DateInvalide:
            continue
        changement = ajouter_echeance(base, 1, floue.date, floue.precision)
        stored = column(base.path, "SELECT date || ' ' || precision FROM echeance WHERE id = ?", changement.cible_id)
        assert stored == [f"{floue.date.isoformat()} {floue.precision}"]


impossible = st.tuples(st.integers(1900, 2100), st.integers(0, 14), st.integers(0, 35)).filter(
    lambda t: not (1 <= t[1] <= 12 and 1 <= t[2] <= calendar.monthrange(t[0], t[1])[1])
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(triplet=impossible)
def test_an_impossible_today_exits_2_in_french_and_creates_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], triplet: tuple[int, int, int]
) -> None:
    annee, mois, jour = triplet
    db = tmp_path / "jamais.db"
    with pytest.raises(SystemExit) as sortie:
        main(["--db", str(db), "--today", f"{annee:04d}-{mois:02d}-{jour:02d}", "status"])
    assert sortie.value.code == 2
    erreur = capsys.readouterr().err
    assert "erreur" in erreur and "Traceback" not in erreur
    assert not db.exists()
