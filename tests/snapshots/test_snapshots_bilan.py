"""Snapshots of the bilan (B) at 140x45 and 80x24, today pinned to 15/03/2021, statut changes dated in 2020."""

from __future__ import annotations

import pytest
from tests.app.test_app_bilan import preparer
from tests.conftest import TODAY
from tests.snapshots.test_snapshots_app import TAILLES, apres

from suivi_tui.ui.app import SuiviApp


@pytest.mark.parametrize("taille", TAILLES)
def test_bilan(snap_compare, seeded, taille) -> None:  # type: ignore[no-untyped-def]
    db = seeded[0]
    preparer(db)
    assert snap_compare(SuiviApp(db, TODAY), terminal_size=taille, run_before=apres("B"))
