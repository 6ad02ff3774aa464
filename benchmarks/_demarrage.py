"""Child process of the start-up and memory benchmarks: suivi, or a bare Textual app, headless, to the first full frame.

`python _demarrage.py suivi BASE` runs `suivi --db BASE` as a user would (cli.main), with the app
headless and an auto-pilot that exits right after the first frame that shows the contrat (header,
axes, engagements, detail, échéances, journal). `python _demarrage.py nu` runs a bare Textual
app with the same widget types and about as many rows, exiting after its first frame;
`nu+sqlalchemy` the same after importing SQLAlchemy's ORM (what suivi's data layer costs to load);
`nu-terminal` the bare app in the terminal it is started in, until it is killed (bench_terminal.py).
Both print, on stderr, the seconds from the first line of this script to that frame.
"""

from __future__ import annotations

import time

T0 = time.perf_counter()

import asyncio  # noqa: E402
import importlib.abc  # noqa: E402
import importlib.util  # noqa: E402
import sys  # noqa: E402
from typing import Any  # noqa: E402

TAILLE = (160, 50)


def _signaler() -> None:
    print(f"premiere_image {time.perf_counter() - T0:.4f}", file=sys.stderr)


def suivi(base: str) -> int:
    from suivi_tui import cli

    async def pilote(pilot: Any) -> None:
        app = pilot.app
        while not _ecran_complet(app):
            await asyncio.sleep(0.001)
        app.call_after_refresh(lambda: (_signaler(), app.exit()))

    def sans_terminal(module_app: Any) -> None:
        lancer = module_app.SuiviApp.run

        def run_sans_terminal(self: Any, *args: Any, **kwargs: Any) -> Any:
            return lancer(self, headless=True, size=TAILLE, auto_pilot=pilote)

        module_app.SuiviApp.run = run_sans_terminal

    # Patched as soon as suivi imports it, not imported here first: suivi's own start-up order is measured.
    sys.meta_path.insert(0, _ApresImport("suivi_tui.ui.app", sans_terminal))
    # The app refuses a redirected output (it would hang and write escape codes): here the output is the
    # benchmark's pipe and the app runs headless, so the check answers as in a terminal, for a base that
    # exists. The command module is imported by cli.main anyway: the import order measured is unchanged.
    from suivi_tui.cli.commands import app as commande

    commande._verifier_lancement = lambda args: False
    return cli.main(["--db", base])


class _ApresImport(importlib.abc.MetaPathFinder):
    """Calls ensuite(module) right after `nom` is first imported, wherever it is imported from."""

    def __init__(self, nom: str, ensuite: Any) -> None:
        self.nom, self.ensuite = nom, ensuite

    def find_spec(self, fullname: str, path: Any, target: Any = None) -> Any:
        if fullname != self.nom:
            return None
        sys.meta_path.remove(self)
        spec = importlib.util.find_spec(fullname)
        executer = spec.loader.exec_module

        def exec_module(module: Any) -> None:
            executer(module)
            self.ensuite(module)

        spec.loader.exec_module = exec_module
        return spec


def _ecran_complet(app: Any) -> bool:
    """The contrat's snapshot is shown, and the selected engagement's detail too."""
    ecran = app.principal
    if ecran is None or ecran.ecran is None or not ecran.is_mounted:
        return False
    return ecran.engagement_id is None or (ecran.detail is not None and ecran.detail.id == ecran.engagement_id)


def nu(dans_un_terminal: bool = False) -> int:
    from textual.app import App, ComposeResult
    from textual.containers import Horizontal, VerticalScroll
    from textual.widgets import DataTable, Footer, Header, OptionList, Static

    class Nu(App[None]):
        def compose(self) -> ComposeResult:
            yield Header()
            with Horizontal():
                yield OptionList(*[f"{n}  Axe thématique n°{n}  3/13" for n in ["I", "II", "III", "IV", "V", "VI"]])
                yield DataTable(id="engagements")
                with VerticalScroll():
                    yield Static("Détail de l'engagement\n" * 12)
            with Horizontal():
                yield DataTable(id="echeances")
                yield OptionList(*[f"15/03/2021 · Note {i} : point d'étape présenté au comité" for i in range(140)])
            yield Footer()

        def on_mount(self) -> None:
            engagements = self.query_one("#engagements", DataTable)
            engagements.add_columns("Partie", "Engagement", "Statut", "Échéance")
            engagements.add_rows(
                [("Ville", f"Engagement n°{i} du contrat de ville", "En cours", "T3 2021") for i in range(53)]
            )
            echeances = self.query_one("#echeances", DataTable)
            echeances.add_columns("Date", "Axe", "Partie", "Échéance")
            echeances.add_rows([("31/03/2021", "Axe I", "Ville", f"Échéance n°{i}") for i in range(100)])
            if not dans_un_terminal:
                self.call_after_refresh(lambda: (_signaler(), self.exit()))

    if dans_un_terminal:
        Nu().run()  # in tmux: bench_terminal.py reads the screen, then ends the session
    else:
        Nu().run(headless=True, size=TAILLE)
    return 0


if __name__ == "__main__":
    if sys.argv[1] == "nu+sqlalchemy":
        # The bare app plus the one dependency suivi reads its first screen through.
        import sqlalchemy.orm  # noqa: F401
    sys.exit(suivi(sys.argv[2]) if sys.argv[1] == "suivi" else nu(dans_un_terminal=sys.argv[1] == "nu-terminal"))
