"""The screen `suivi` shows when its base is damaged: what is wrong, which backup, r to restore it, q to quit.

It runs in its own small App, before the main one: the main app only ever sees a healthy base.
"""

from __future__ import annotations

import asyncio
import signal
from pathlib import Path
from typing import Any, ClassVar

from textual import work
from textual.app import App, ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Static

from suivi_tui.paths import backups_dir
from suivi_tui.services.sauvegardes import Backup, Restauration, RestaurationImpossible, genre, nom_garde, restaurer
from suivi_tui.signals import HANDLED, install_signal_handlers
from suivi_tui.texte import taille
from suivi_tui.ui.touches import liaisons


def quand(sauvegarde: Backup) -> str:
    return sauvegarde.taken_at.astimezone().strftime("%d/%m/%Y à %H:%M")


def texte_sauvegarde(base: Path, sauvegarde: Backup) -> Content:
    """Which backup would be restored: its name, date, size, kind and folder."""
    return Content.assemble(
        ("Sauvegarde vérifiée la plus récente : ", "$text-muted"),
        (sauvegarde.path.name, "bold"),
        "\n",
        f"prise le {quand(sauvegarde)} · {taille(sauvegarde.size)} · {genre(sauvegarde)}\n",
        (f"dans {backups_dir(base)}", "$text-muted"),
    )


def texte_choix(base: Path, sauvegarde: Backup) -> Content:
    """What each key does, said before it is pressed."""
    return Content.assemble(
        ("r  ", "bold $text-accent"),
        ("Restaurer cette sauvegarde", "bold"),
        f" : la base reprend son contenu du {quand(sauvegarde)} (ce qui a été saisi depuis n'y sera pas) ; "
        f"le fichier actuel est gardé à côté, intact, sous le nom {nom_garde(base)}.\n\n",
        ("q  ", "bold $text-accent"),
        ("Quitter sans rien changer", "bold"),
        f" : rien n'est touché ; pour restaurer plus tard : suivi --db {base} restore",
    )


class EcranRestauration(Screen[None]):
    """r restores (in a thread: a national base takes a second), q leaves; errors stay on screen, in French."""

    BINDINGS: ClassVar[list[BindingType]] = liaisons("restauration")

    DEFAULT_CSS = """
    EcranRestauration { align: center middle; }
    EcranRestauration #cadre { width: 90%; max-width: 96; height: auto; padding: 1 2;
                               border: round $error; background: $surface; }
    EcranRestauration #titre { text-style: bold; color: $text-error; margin-bottom: 1; }
    EcranRestauration #sauvegarde { margin: 1 0; }
    EcranRestauration #etat { margin-top: 1; height: auto; }
    EcranRestauration #etat.-vide { display: none; }
    """

    def __init__(self, base: Path, raison: str, sauvegarde: Backup) -> None:
        super().__init__()
        self.base, self.raison, self.sauvegarde = base, raison, sauvegarde
        self.en_cours = False

    def compose(self) -> ComposeResult:
        with Vertical(id="cadre"):
            yield Static("La base ne peut pas être ouverte", id="titre")
            yield Static(self.raison, id="raison", markup=False)
            yield Static(texte_sauvegarde(self.base, self.sauvegarde), id="sauvegarde")
            yield Static(texte_choix(self.base, self.sauvegarde), id="choix")
            yield Static("", id="etat", classes="-vide")
        yield Footer()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return not self.en_cours  # nothing else while the restore runs: it cannot be left half done

    def action_quitter(self) -> None:
        self.app.exit(None)

    def action_restaurer(self) -> None:
        self.en_cours = True
        self.refresh_bindings()
        self._etat(Content.styled("Restauration en cours…", "$text-muted"))
        self._restaurer()

    @work(thread=True, exclusive=True, exit_on_error=False)
    def _restaurer(self) -> None:
        try:
            fait = restaurer(self.base, self.sauvegarde)
        except RestaurationImpossible as exc:
            self.app.call_from_thread(self._echec, exc.message)
        else:
            self.app.call_from_thread(self.app.exit, fait)  # interrupted or not: it is done, say so

    def _echec(self, message: str) -> None:
        self.en_cours = False
        self.refresh_bindings()
        self._etat(Content.assemble((message, "bold $text-error"), "\nr pour réessayer, q pour quitter."))

    def _etat(self, contenu: Content) -> None:
        etat = self.query_one("#etat", Static)
        etat.update(contenu)
        etat.remove_class("-vide")


class RestaurationApp(App[Restauration]):
    """`RestaurationApp(base, raison, sauvegarde).run()` returns the Restauration done, or None (quit).

    SIGTERM or SIGHUP (the terminal closed) leaves like q; during a restore, once it is done (it is
    never left half done), and `interrompue` says so: the caller must not open the main app then.
    """

    TITLE = "suivi"
    ENABLE_COMMAND_PALETTE = False

    def __init__(self, base: Path, raison: str, sauvegarde: Backup) -> None:
        super().__init__()
        self.ecran = EcranRestauration(base, raison, sauvegarde)
        self.interrompue = False
        self._signaux_avant: dict[int, Any] = {}

    def get_default_screen(self) -> Screen[None]:
        return self.ecran

    def on_mount(self) -> None:
        boucle = asyncio.get_running_loop()

        def interrompre() -> None:
            # call_soon_threadsafe is the one loop call that is safe from inside a signal handler.
            boucle.call_soon_threadsafe(self._interrompre)

        self._signaux_avant = {s: signal.getsignal(s) for s in HANDLED}
        if not install_signal_handlers(on_exit=interrompre):
            self._signaux_avant = {}

    def on_unmount(self) -> None:
        for signum, avant in self._signaux_avant.items():
            signal.signal(signum, avant)

    def _interrompre(self) -> None:
        self.interrompue = True
        if not self.ecran.en_cours:
            self.exit(None)

    async def action_quit(self) -> None:
        # ctrl+q as well: never while a restore runs, or the caller would not know it was done.
        self._interrompre()


def annonce_restauration(fait: Restauration, sauvegarde: Backup) -> str:
    """The toast the main app opens with after a restore."""
    gardee = f" ; l'ancien fichier est gardé à côté : {fait.ancienne.name}" if fait.ancienne else ""
    return f"Sauvegarde du {quand(sauvegarde)} restaurée{gardee}."
