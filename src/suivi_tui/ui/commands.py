"""The command palette (ctrl+p): every action of the app under its French name, when it applies."""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content


@dataclass(frozen=True)
class Commande:
    nom: str
    aide: str
    action: str  # « app.x » or « screen.x », run as if its key had been pressed


COMMANDES: tuple[Commande, ...] = (
    Commande("Changer le statut", "Choisir parmi les six statuts (touche s)", "screen.statut"),
    Commande("Ajouter une échéance", "Une date en français : « T3 2021 », « fin 2022 »… (touche d)", "screen.echeance"),
    Commande(
        "Écrire une note au journal", "Info, décision ou action, dans la séance du jour (touche n)", "screen.note"
    ),
    Commande("Nommer le pilote", "Le service ou la personne qui porte l'engagement (touche p)", "screen.pilote"),
    Commande(
        "Basculer « à discuter »",
        "Mettre à l'ordre du jour de la prochaine séance, ou l'en retirer (touche a)",
        "screen.a_discuter",
    ),
    Commande(
        "Ouvrir le détail de l'engagement", "Texte complet, échéances, historique, notes (entrée)", "screen.detail"
    ),
    Commande("Filtrer les engagements", "Par partie, statut, retard, « à discuter » (touche f)", "screen.filtre"),
    Commande("Chercher", "Dans les engagements, les pilotes et les notes (touche /)", "screen.recherche"),
    Commande(
        "Créer un comité",
        "Un nouveau comité technique et son journal (touche + dans le journal)",
        "screen.nouveau_comite",
    ),
    Commande(
        "Ouvrir ou fermer une séance",
        "Tout ce qui est fait pendant la séance lui est rattaché (touche m)",
        "screen.seance",
    ),
    Commande(
        "Ordre du jour de la séance",
        "Suites du dernier comité, points à discuter, retards, échéances (touche A)",
        "screen.ordre_du_jour",
    ),
    Commande(
        "Depuis la dernière séance",
        "Ce qui a changé depuis la dernière séance du comité, ou depuis une date (touche D)",
        "screen.depuis",
    ),
    Commande(
        "À relancer",
        "Engagements en retard ou sans changement depuis des semaines, par pilote (touche R)",
        "screen.relancer",
    ),
    Commande(
        "Bilan du contrat",
        "Axes × parties, avancement mois par mois, engagements à reporter (touche B)",
        "screen.bilan",
    ),
    Commande(
        "Saisir une mesure d'indicateur",
        "Une valeur datée d'un indicateur de l'engagement ou de son objectif (touche v)",
        "screen.mesure",
    ),
    Commande(
        "Écrire le relevé de décisions",
        "Le relevé d'une séance en Markdown et en HTML (touche r dans le journal)",
        "screen.releve",
    ),
    Commande("Aller au volet Axes", "touche 1", "screen.focus_pane('axes')"),
    Commande("Aller au volet Engagements", "touche 2", "screen.focus_pane('engagements')"),
    Commande("Aller au volet Échéances", "touche 3", "screen.focus_pane('echeances')"),
    Commande("Aller au volet Journal", "touche 4", "screen.focus_pane('journal')"),
    Commande("Annuler la dernière modification", "Plusieurs fois de suite pour remonter (ctrl+z)", "app.annuler"),
    Commande("Changer de contrat", "Quand la base en contient plusieurs (touche c)", "app.contrat"),
    Commande(
        "Mode présentation",
        "Masquer pilotes et notes confidentielles, ou les réafficher (touche P)",
        "app.presentation",
    ),
    Commande("Exporter", "Base, classeur, CSV, rapport ou calendrier (touche x)", "app.exporter"),
    Commande("Aide : toutes les touches", "touche ?", "app.aide"),
    Commande("Quitter", "Tout est déjà enregistré (touche q)", "app.quit"),
)


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
