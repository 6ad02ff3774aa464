"""Search and axis switching inside the app at national scale (Pilot, in-process): key press to results shown.

Both national bases: protocoles 2020-2022, and contrats « Quartiers 2030 » (the axes pane is then a tree:
j/k walk its visible nodes, each one listing its engagements and its descendants').
"""

from __future__ import annotations

import asyncio
import datetime as dt
import sqlite3
import sys
import time
from functools import partial
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import FORMES, FRAME_MS, NOMS_FORMES, TODAY_FORME, Resultat, base_nationale, imprimer, median, p95
from bench_queries import MOTS, RAW_FTS_ENGAGEMENTS, RAW_FTS_NOTES, RAW_PAGE, echantillons, frappes, lire

from suivi_tui.db.opening import open_database
from suivi_tui.services.engagements import PAGE
from suivi_tui.services.recherche import fts_query, portee

TODAY = TODAY_FORME["2020"]
TAILLE = (160, 50)
FRAME = f"< {FRAME_MS:.0f} ms (une image)"
ALLERS_RETOURS = 3  # times the axes are walked down then up


async def attendre(condition: Any, delai: float = 10.0) -> None:
    """Poll the app's state between turns of its event loop (0.5 ms grain)."""
    fin = time.perf_counter() + delai
    while not condition():
        if time.perf_counter() > fin:
            raise TimeoutError("l'application n'a pas répondu dans le délai")
        await asyncio.sleep(0.0005)


def envoyer(app: Any, lettre: str) -> None:
    """The key event a terminal would send, without Pilot's idle waits (tens of ms each)."""
    from textual import events

    if len(lettre) == 1:
        event = events.Key({" ": "space", "/": "slash"}.get(lettre, lettre), lettre)
    else:  # a named key: escape, down, up
        event = events.Key(lettre, "\x1b" if lettre == "escape" else None)
    app._driver.send_message(event)


class NotreTravail:
    """Times suivi's own work during a key: its reads (worker threads) and its building of the panes.

    What Textual then does with the panes (layout, paint) is left out: the bare app pays it too. The
    wall time of a key also includes Textual's frame cadence (a paint at most every 1/60 s, a table
    refill takes a layout pass, then a paint), which no code of ours can shorten.
    """

    LECTURES = (
        ("suivi_tui.ui.screens.principal.ecran", "lire_table"),
        ("suivi_tui.ui.screens.principal.ecran", "lire_panorama"),
        ("suivi_tui.ui.screens.principal.ecran", "detail_a_montrer"),
        ("suivi_tui.ui.screens.principal.ecran", "detail_engagement"),
    )
    VOLETS = (
        ("suivi_tui.ui.panes.engagements", "EngagementsPane", ("afficher", "surligner")),
        ("suivi_tui.ui.panes.detail", "DetailPane", ("afficher",)),
        ("suivi_tui.ui.panes.axes", "AxesPane", ("afficher", "surligner")),
        ("suivi_tui.ui.panes.echeances", "EcheancesPane", ("afficher",)),
        ("suivi_tui.ui.panes.journal", "JournalPane", ("afficher",)),
        ("suivi_tui.ui.panes.entete", "EnTete", ("afficher",)),
    )

    def __init__(self) -> None:
        import importlib

        self.ms = 0.0
        for module, nom in self.LECTURES:
            try:
                mod = importlib.import_module(module)
            except ImportError:  # an older suivi, measured for comparison
                continue
            if hasattr(mod, nom):
                setattr(mod, nom, self._chronometre(getattr(mod, nom)))
        for module, classe, noms in self.VOLETS:
            cls = getattr(importlib.import_module(module), classe)
            for nom in noms:
                setattr(cls, nom, self._chronometre(getattr(cls, nom)))

    def _chronometre(self, fonction: Any) -> Any:
        def mesuree(*args: Any, **kwargs: Any) -> Any:
            debut = time.perf_counter()
            try:
                return fonction(*args, **kwargs)
            finally:
                self.ms += (time.perf_counter() - debut) * 1000

        return mesuree


async def chrono(app: Any, lettre: str, pret: Any, travail: tuple[NotreTravail, list[float]] | None = None) -> float:
    """Key sent → state ready → the next screen refresh done, in ms (and suivi's own part into travail)."""
    if travail is not None:
        travail[0].ms = 0.0
    debut = time.perf_counter()
    envoyer(app, lettre)
    await attendre(pret)
    peinte: asyncio.Future[float] = asyncio.get_running_loop().create_future()
    app.screen.call_after_refresh(lambda: peinte.done() or peinte.set_result(time.perf_counter()))
    fin = await peinte
    if travail is not None:
        travail[1].append(travail[0].ms)
    return (fin - debut) * 1000


def _ecran_change(app: Any, avant: Any) -> bool:
    return app.principal.ecran is not avant and _ecran_pret(app)


def _ecran_pret(app: Any) -> bool:
    """The snapshot is shown and so is the detail of the engagement now selected (not the previous one's)."""
    ecran = app.principal
    return bool(
        ecran is not None
        and ecran.ecran is not None
        and ecran.is_mounted
        and (ecran.engagement_id is None or (ecran.detail is not None and ecran.detail.id == ecran.engagement_id))
    )


def _affichee(saisie: Any, affichee: Any, frappe: str) -> bool:
    return bool(saisie.value == frappe == affichee())


async def taper(app: Any, saisie: Any, affichee: Any) -> list[float]:
    """Type MOTS into the box; time each keystroke that changes the searched words."""
    temps = []
    for mot in MOTS:
        saisie.value = ""
        await attendre(lambda: affichee() == "")
        for i, lettre in enumerate(mot):
            frappe = mot[: i + 1]
            duree = await chrono(app, lettre, partial(_affichee, saisie, affichee, frappe))
            if lettre != " ":
                temps.append(duree)
    return temps


async def mesurer_recherche(app: Any) -> list[float]:
    from textual.widgets import Input

    envoyer(app, "/")
    await attendre(lambda: type(app.screen).__name__ == "RechercheScreen")
    dialogue = app.screen
    await attendre(lambda: dialogue.is_mounted and bool(dialogue.query(Input)))
    saisie = dialogue.query_one(Input)
    await attendre(lambda: saisie.has_focus)
    temps = await taper(app, saisie, lambda: dialogue.saisie_affichee)
    envoyer(app, "escape")
    await attendre(lambda: type(app.screen).__name__ == "EcranPrincipal")
    return temps


async def mesurer_axes(app: Any, travail: NotreTravail) -> tuple[list[float], list[float]]:
    from suivi_tui.ui.panes.axes import AxesPane

    principal = app.principal
    axes = principal.query_one(AxesPane)
    for lettre in "1g":
        envoyer(app, lettre)
        await asyncio.sleep(0.05)
    await attendre(lambda: _ecran_pret(app) and principal.filtre.axe_id == axes.axe_id)
    temps: list[float] = []
    notre: list[float] = []
    for touche in ("j" * 5 + "k" * 5) * ALLERS_RETOURS:
        avant = principal.ecran
        temps.append(await chrono(app, touche, partial(_ecran_change, app, avant), (travail, notre)))
    return temps, notre


def _detail_montre(app: Any, avant: int | None) -> bool:
    ecran = app.principal
    return bool(ecran.engagement_id != avant and ecran.detail is not None and ecran.detail.id == ecran.engagement_id)


async def mesurer_tableau(app: Any, travail: NotreTravail) -> tuple[list[float], list[float]]:
    """j/k in the engagements table (all axes): the cursor moves, only the detail is read and drawn."""
    principal = app.principal
    for lettre in "1g2g":
        envoyer(app, lettre)
        await asyncio.sleep(0.05)
    await attendre(lambda: _ecran_pret(app) and principal.filtre.axe_id is None)
    temps: list[float] = []
    notre: list[float] = []
    for touche in ("j" * 10 + "k" * 10) * ALLERS_RETOURS:
        temps.append(await chrono(app, touche, partial(_detail_montre, app, principal.engagement_id), (travail, notre)))
    return temps, notre


async def piloter(
    path: Path, today: dt.date = TODAY
) -> tuple[list[float], tuple[list[float], list[float]], tuple[list[float], list[float]], int]:
    from suivi_tui.ui.app import SuiviApp

    db = open_database(path)
    try:
        app = SuiviApp(db, today)
        async with app.run_test(size=TAILLE):
            await attendre(lambda: _ecran_pret(app), delai=60)
            contrat = app.principal.contrat_id
            recherche = await mesurer_recherche(app)
            travail = NotreTravail()
            axes = await mesurer_axes(app, travail)
            tableau = await mesurer_tableau(app, travail)
        return recherche, axes, tableau, contrat
    finally:
        db.close()


async def nu_recherche() -> list[float]:
    """The same keystrokes in a bare Textual app: an Input that fills an OptionList with 30 two-line results."""
    from textual.app import App, ComposeResult
    from textual.content import Content
    from textual.widgets import Input, OptionList, Static
    from textual.widgets.option_list import Option

    class Nu(App[None]):
        affichee = ""

        def compose(self) -> ComposeResult:
            yield Input()
            yield Static(id="compte")
            yield OptionList()

        def on_input_changed(self, event: Input.Changed) -> None:
            options = [
                Option(Content(f"Axe I · Ville\n…[{event.value}] texte de l'engagement ou de la note n°{k}"))
                for k in range(30 if event.value else 0)
            ]
            self.query_one(OptionList).set_options(options)
            self.query_one("#compte", Static).update(f"{len(options)} résultats")
            self.affichee = event.value

    app = Nu()
    async with app.run_test(size=TAILLE):
        saisie = app.query_one(Input)
        await attendre(lambda: saisie.has_focus)
        return await taper(app, saisie, lambda: app.affichee)


def _version_changee(app: Any, avant: int) -> bool:
    return bool(app.version != avant)


async def nu_axes() -> list[float]:
    """The same keys in a bare Textual app: moving in an OptionList refills a 53-row DataTable and a Static."""
    from textual.app import App, ComposeResult
    from textual.containers import Horizontal
    from textual.widgets import DataTable, OptionList, Static

    class NuAxes(App[None]):
        CSS = "OptionList { width: 30; } DataTable { width: 1fr; } Static { width: 50; }"
        version = 0

        def compose(self) -> ComposeResult:
            with Horizontal():
                yield OptionList(*[f"{n}  Axe thématique" for n in ["I", "II", "III", "IV", "V", "VI"]])
                yield DataTable()
                yield Static()

        def on_mount(self) -> None:
            self.query_one(DataTable).add_columns("Partie", "Engagement", "Statut", "Échéance")
            axes = self.query_one(OptionList)
            axes.focus()
            axes.highlighted = 0

        def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
            table = self.query_one(DataTable)
            table.clear()
            table.add_rows(
                [("Ville", f"Engagement n°{i} de l'axe {event.option_index}", "En cours", "T3 2021") for i in range(53)]
            )
            self.query_one(Static).update(f"Détail de l'engagement de l'axe {event.option_index}\n" * 10)
            self.version += 1

    app = NuAxes()
    async with app.run_test(size=TAILLE):
        await attendre(lambda: app.version > 0)
        temps = []
        for touche in ("j" * 5 + "k" * 5) * ALLERS_RETOURS:
            avant = app.version
            temps.append(await chrono(app, "down" if touche == "j" else "up", partial(_version_changee, app, avant)))
        return temps


def bruts(path: Path, contrat: int) -> tuple[list[float], list[float]]:
    """The raw floors: the FTS5 lookups for the same keystrokes, and the page of one axis."""
    raw = sqlite3.connect(path)
    try:
        fts, pages = [], []
        for mot in MOTS:
            for frappe in frappes(mot):
                query = fts_query(frappe) or ""
                fts += echantillons(
                    lire,
                    raw,
                    (RAW_FTS_ENGAGEMENTS, (portee(contrat, query, "{libelle pilote}"),)),
                    (RAW_FTS_NOTES, (portee(contrat, query, "texte"),)),
                )
        for (axe,) in raw.execute("SELECT id FROM axe WHERE contrat_id = ?", (contrat,)).fetchall():
            pages += echantillons(lire, raw, (RAW_PAGE.format(where="AND e.axe_id = ?"), (contrat, axe, PAGE)))
        return fts, pages
    finally:
        raw.close()


def run(formes: tuple[str, ...] = FORMES) -> list[Resultat]:
    nu_r, nu_a = asyncio.run(nu_recherche()), asyncio.run(nu_axes())
    return [r for forme in formes for r in mesurer(forme, nu_r, nu_a)]


def mesurer(forme: str, nu_r: list[float], nu_a: list[float]) -> list[Resultat]:
    path = base_nationale(forme)
    recherche, (axes, axes_notre), (tableau, tableau_notre), contrat = asyncio.run(piloter(path, TODAY_FORME[forme]))
    fts, pages = bruts(path, contrat)
    nue, image = "appli Textual nue, même mise à jour", "une image"
    axe, notre = "changement d'axe : touche → table et détail peints", "dont notre travail (lectures, volets)"
    banc = "appli" if forme == "2020" else f"appli, {NOMS_FORMES[forme]}"
    return [
        Resultat(
            banc,
            "recherche : frappe → résultats peints",
            median(recherche),
            nue,
            median(nu_r),
            cible=FRAME,
            p95=p95(recherche),
        ),
        Resultat(
            banc,
            "recherche : frappe → résultats peints",
            median(recherche),
            "FTS5 MATCH brut (sqlite3)",
            median(fts),
            cible=FRAME,
            p95=p95(recherche),
        ),
        Resultat(banc, axe, median(axes), nue, median(nu_a), cible=FRAME, p95=p95(axes)),
        Resultat(
            banc, axe, median(axes), "SELECT brut de la page (sqlite3)", median(pages), cible=FRAME, p95=p95(axes)
        ),
        Resultat(banc, f"{axe}, {notre}", median(axes_notre), image, FRAME_MS, cible=FRAME, p95=p95(axes_notre)),
        Resultat(
            banc,
            "tableau : j/k → détail peint",
            median(tableau),
            f"{nue} (changement d'axe)",
            median(nu_a),
            cible=FRAME,
            p95=p95(tableau),
        ),
        Resultat(
            banc,
            f"tableau : j/k → détail peint, {notre}",
            median(tableau_notre),
            image,
            FRAME_MS,
            cible=FRAME,
            p95=p95(tableau_notre),
        ),
    ]


if __name__ == "__main__":
    formes = tuple(a for a in sys.argv[1:] if a in FORMES) or FORMES
    imprimer("Dans l'application, bases nationales (435 contrats), sans terminal 160×50", run(formes))
