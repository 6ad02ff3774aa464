"""The command palette (ctrl+p): every action of the app under its French name, when it applies."""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content

from suivi_tui.ui.touches import Touche, action_de_palette, affichage, palette


@dataclass(frozen=True)
class Commande:
    nom: str
    aide: str
    action: str  # « app.x » or « screen.x », run as if its key had been pressed


def _commande(touche: Touche) -> Commande:
    cles = " ou ".join(affichage(k) for k in touche.touches.split(","))
    return Commande(touche.palette or touche.libelle, f"{touche.aide} — touche {cles}", action_de_palette(touche))


# The registry's actions worth finding by name (ui/touches.py): the palette and the keys cannot drift.
COMMANDES: tuple[Commande, ...] = tuple(_commande(t) for t in palette())


class CommandesSuivi(Provider):
    """Offers only what applies where the palette was opened (same rule as the Footer)."""

    def _possibles(self) -> list[Commande]:
        return [c for c in COMMANDES if self._applicable(c.action)]

    def _applicable(self, action: str) -> bool:
        cible_nom, _, nom = action.partition(".")
        cible = self.app if cible_nom == "app" else self.screen
        methode = nom.split("(")[0]
        if not hasattr(cible, f"action_{methode}"):
            return False
        return cible.check_action(methode, ()) is not False

    def _lancer(self, action: str) -> None:
        self.app.call_later(self.app.run_action, action)

    async def discover(self) -> Hits:
        for commande in self._possibles():
            yield DiscoveryHit(commande.nom, partial(self._lancer, commande.action), help=commande.aide)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        trouve = False
        for commande in self._possibles():
            score = max(matcher.match(commande.nom), matcher.match(commande.aide) * 0.5)
            if score > 0:
                trouve = True
                yield Hit(
                    score,
                    matcher.highlight(commande.nom),
                    partial(self._lancer, commande.action),
                    text=commande.nom,
                    help=commande.aide,
                )
        if not trouve and query.strip():
            # Said in French here, rather than Textual's English « No matches found ».
            yield Hit(
                0.001,
                Content.styled(f"Aucune commande pour « {query.strip()} »", "italic $text-muted"),
                lambda: None,
                text="",
            )
