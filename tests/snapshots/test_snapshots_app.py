"""Snapshots of the app at 140x45 and 80x24 (today pinned to 15/03/2021): main screen, help, statut, note, search."""

from __future__ import annotations

import datetime as dt
from collections.abc import Awaitable, Callable

import pytest
from tests.conftest import TODAY
from textual.pilot import Pilot

from suivi_tui.db.database import Database
from suivi_tui.services.edition import (
    ajouter_echeance,
    ajouter_note,
    basculer_a_discuter,
    changer_pilote,
    changer_statut,
)
from suivi_tui.services.seances.journal import lister_comites
from suivi_tui.ui.app import SuiviApp

TAILLES = [pytest.param((140, 45), id="140x45"), pytest.param((80, 24), id="80x24")]


def _id(db: Database, debut: str) -> int:
    with db.lire() as session:
        return int(session.execute("SELECT id FROM engagement WHERE libelle LIKE :l", {"l": debut + "%"}).scalar_one())


def suivi_en_cours(db: Database) -> SuiviApp:
    """A few months of follow-up, none of it on the first engagement (its detail shows no clock time)."""
    from suivi_tui.today import set_today

    set_today(TODAY)  # as --today does: the notes are written « hors séance » that day (unpinned after the test)
    coworking = _id(db, "Créer un espace de coworking")
    changer_statut(db, coworking, "en_cours")
    changer_pilote(db, coworking, "Service Économie")
    ajouter_echeance(db, coworking, dt.date(2021, 3, 1), "jour", "Trouver un local")
    changer_statut(db, _id(db, "Poursuivre le dispositif de scolarisation"), "realise")
    changer_statut(db, _id(db, "Développer le projet de Ressourcerie"), "bloque")
    ajouter_echeance(db, _id(db, "Favoriser l'orientation du public"), dt.date(2021, 6, 30), "trimestre")
    basculer_a_discuter(db, _id(db, "Accompagner les habitants"))
    comite = next(c.id for c in lister_comites(db, 1) if c.nom.startswith("Gestion urbaine"))
    ajouter_note(db, comite, "Diagnostic en marchant prévu avec les bailleurs", type="action")
    ajouter_note(db, comite, "Local repéré rue Mounié pour le coworking", type="decision", engagement_id=coworking)
    return SuiviApp(db, TODAY)


def apres(*touches: str) -> Callable[[Pilot[None]], Awaitable[None]]:
    """Let the app read the base, press the keys one by one, and settle (no blinking cursor)."""

    async def run_before(pilot: Pilot[None]) -> None:
        from tests.app.conftest import calme

        def sans_clignotement() -> None:
            # Before the next key, not after: a line drawn mid-blink could be cached either way.
            for champ in pilot.app.screen.query("Input, TextArea"):
                champ.cursor_blink = False  # type: ignore[attr-defined]

        await calme(pilot)
        for touche in touches:
            await pilot.press(touche)
            await calme(pilot)
            sans_clignotement()
        await pilot.pause(0.3)
        sans_clignotement()
        await calme(pilot)

    return run_before


@pytest.mark.parametrize("taille", TAILLES)
def test_ecran_principal(snap_compare, seeded, taille) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(suivi_en_cours(seeded[0]), terminal_size=taille, run_before=apres())


@pytest.mark.parametrize("taille", TAILLES)
def test_aide(snap_compare, seeded, taille) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(suivi_en_cours(seeded[0]), terminal_size=taille, run_before=apres("question_mark"))


@pytest.mark.parametrize("taille", TAILLES)
def test_choix_du_statut(snap_compare, seeded, taille) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(suivi_en_cours(seeded[0]), terminal_size=taille, run_before=apres("s"))


@pytest.mark.parametrize("taille", TAILLES)
def test_note(snap_compare, seeded, taille) -> None:  # type: ignore[no-untyped-def]
    touches = ("n", *"Relancer la CAF", "alt+d")
    assert snap_compare(suivi_en_cours(seeded[0]), terminal_size=taille, run_before=apres(*touches))


@pytest.mark.parametrize("taille", TAILLES)
def test_recherche(snap_compare, seeded, taille) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(suivi_en_cours(seeded[0]), terminal_size=taille, run_before=apres("slash", *"educ"))
