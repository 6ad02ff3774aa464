"""« Bilan » (B): axes × parties, each partie's scorecard, the progress curve, and what is left to carry over."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.content import Content
from textual.widgets import Checkbox
from textual.widgets.option_list import Option

from suivi_tui.dates import format_date
from suivi_tui.services.bilan import AReporter, Bilan, Compte, tableau_de_bord
from suivi_tui.services.vocabulaire import libelle_statut
from suivi_tui.texte import pluriel
from suivi_tui.ui.affichage import STYLES_STATUT, pilote, tronquer
from suivi_tui.ui.champs import CaseVisible
from suivi_tui.ui.courbe import etincelle, histogramme, legende
from suivi_tui.ui.panes.detail import envelopper
from suivi_tui.ui.screens.vue import ListeVue, Vue, intertitre, option_engagement, remarque

# (with the confidential decisions) -> the bilan
Lecteur = Callable[[bool], Bilan]
# A partie's columns (title, width): all of them when the width allows, else réalisés/engagements and %.
COMPLET = (("réal.", 7), ("cours", 6), ("retard", 7), ("%", 6))
COMPACT = (("réal.", 7), ("%", 6))


def _largeur(colonnes: tuple[tuple[str, int], ...]) -> int:
    return sum(w for _, w in colonnes)


def _valeurs(compte: Compte, colonnes: tuple[tuple[str, int], ...]) -> Content:
    morceaux: list[str | tuple[str, str]] = []
    for titre, w in colonnes:
        if titre == "réal.":
            morceaux.append(f"{compte.realises}/{compte.engagements}".rjust(w))
        elif titre == "cours":
            morceaux.append(str(compte.en_cours).rjust(w))
        elif titre == "retard":
            texte = str(compte.en_retard).rjust(w)
            morceaux.append((texte, "bold $text-error") if compte.en_retard else texte)
        else:
            morceaux.append(f"{compte.part_realisee * 100:.0f} %".rjust(w))
    return Content.assemble(*morceaux)


# Below this width the row's label would be a number alone: the parties are then shown a few at a time.
LIBELLE_MIN = 16
Groupe = tuple[str, tuple[tuple[str, int], ...]]  # a column group: its name and its (title, width) columns


def matrice(bilan: Bilan, largeur: int) -> Content:
    """The table axes × parties (then all of them), each partie's columns complete when the width allows.

    A contrat « Quartiers 2030 » has 10 to 30 signataires: when they do not all fit beside a readable
    label, the table is cut into blocks of parties one under the other (the first one with « Ensemble »),
    each repeating the tree's labels, rather than running off the screen.
    """
    n = len(bilan.parties)
    complet = largeur - (n + 1) * (_largeur(COMPLET) + 1) >= 16
    groupe = COMPLET if complet else COMPACT
    titre = largeur - n * (_largeur(groupe) + 1) - _largeur(COMPLET) - 1
    if titre >= LIBELLE_MIN or n <= 2:  # one table, as a protocole's always was
        groupes = [(p.nom_court, groupe) for p in bilan.parties] + [("Ensemble", COMPLET)]
        return _bloc(bilan, list(range(n)), groupes, max(titre, 4), ensemble=True)
    largeur_compacte = _largeur(COMPACT) + 1
    premier = max((largeur - LIBELLE_MIN - _largeur(COMPLET) - 1) // largeur_compacte, 1)
    suivants = max((largeur - LIBELLE_MIN) // largeur_compacte, 1)
    decoupe = [list(range(min(premier, n)))]
    while decoupe[-1][-1] < n - 1:
        debut = decoupe[-1][-1] + 1
        decoupe.append(list(range(debut, min(debut + suivants, n))))
    blocs = []
    for rang, indices in enumerate(decoupe):
        groupes: list[Groupe] = [(bilan.parties[i].nom_court, COMPACT) for i in indices]
        groupes += [("Ensemble", COMPLET)] if rang == 0 else []
        titre = largeur - sum(_largeur(g) + 1 for _, g in groupes)
        blocs.append(_bloc(bilan, indices, groupes, titre, ensemble=rang == 0))
    return Content("\n\n").join(blocs)


def _bloc(bilan: Bilan, indices: list[int], groupes: list[Groupe], titre: int, *, ensemble: bool) -> Content:
    """The rows of the tree for the parties at those indices (and the « Ensemble » group when asked)."""
    entete = "".ljust(titre) + "".join(" " + tronquer(nom, _largeur(g)).center(_largeur(g)) for nom, g in groupes)
    sous = "".ljust(titre) + "".join(" " + "".join(t.rjust(w) for t, w in g) for _, g in groupes)
    lignes = [Content.styled(entete.rstrip(), "bold"), Content.styled(sous, "$text-muted")]

    def comptes(par_partie: tuple[Compte, ...], total: Compte) -> tuple[Compte, ...]:
        return (*(par_partie[i] for i in indices), *((total,) if ensemble else ()))

    for ligne in bilan.lignes:
        # A node under another is indented: its counts are part of the row above (the tree rolls up).
        retrait = " " * ligne.profondeur
        texte = f"{ligne.numero} {ligne.titre}" if titre >= 12 else ligne.numero
        libelle = retrait + tronquer(texte, titre - len(retrait))
        lignes.append(_rangee(libelle, comptes(ligne.par_partie, ligne.total), groupes, titre))
    lignes.append(Content.styled("─" * len(sous), "$text-muted"))
    lignes.append(_rangee("Total", comptes(bilan.par_partie, bilan.total), groupes, titre, gras=True))
    return Content("\n").join(lignes)


def _rangee(
    libelle: str,
    comptes: tuple[Compte, ...],
    groupes: list[Groupe],
    titre: int,
    *,
    gras: bool = False,
) -> Content:
    morceaux: list[Content | str | tuple[str, str]] = [(libelle.ljust(titre), "bold" if gras else "")]
    for compte, (_, colonnes) in zip(comptes, groupes, strict=True):
        morceaux += [" ", _valeurs(compte, colonnes)]
    return Content.assemble(*morceaux)


def par_axe(bilan: Bilan, largeur: int) -> Content:
    """One line per axe: its réalisés month by month (a sparkline from zero to its engagements), then now."""
    titre = max(min(30, largeur // 3), 8)
    place = max(largeur - titre - 20, 6)
    mois = len(bilan.progression.mois)
    par_mois = max(1, min(3, place // max(mois, 1)))
    lignes = []
    for s in bilan.progression.par_axe:
        serie = s.serie
        barres = "".join(c * par_mois for c in etincelle(serie.realises, serie.total, place // par_mois))
        lignes.append(
            Content.assemble(
                tronquer(f"{s.numero:<4}{s.titre}", titre).ljust(titre),
                " ",
                (barres, "$success"),
                f"  {serie.realises[-1] if serie.realises else 0}/{serie.total}",
            )
        )
    return Content("\n").join(lignes)


def contenu_a_reporter(r: AReporter, presentation: bool, largeur: int) -> Content:
    """Axis, partie, libellé, statut (and late), pilote; then the last decision, masked when confidential."""
    tete = f"Axe {r.axe_numero} · {r.partie} — "
    statut = libelle_statut(r.statut) + (" ! en retard" if r.en_retard else "")
    libelle = tronquer(r.libelle, max(largeur - len(tete) - len(statut) - 3, 20))
    parties: list[str | tuple[str, str]] = [
        (tete, "$text-muted"),
        (libelle, "bold"),
        " · ",
        (statut, STYLES_STATUT.get(r.statut, "")),
        "\n    ",
        # Room for « · aucune décision notée » after it (a fiche action's pilote is often a long service name).
        (
            f"pilote : {tronquer(pilote(r.pilote, presentation), min(40, largeur - 37))}"
            if r.pilote
            else "sans pilote",
            "$text-muted",
        ),
    ]
    d = r.decision
    if d is None:
        parties += [" · ", ("aucune décision notée", "italic $text-muted")]
    else:
        masquee = d.texte is None or presentation
        quand = f"Dernière décision ({d.comite}, {format_date(d.date)}) : "
        texte = "confidentielle, masquée" if masquee else (d.texte or "")
        parties += ["\n    ", (envelopper(quand + texte, largeur, 6), "italic" if masquee else "$text-success")]
    return Content.assemble(*parties)


def ouvrir_bilan(ecran: Any) -> None:
    """Push the bilan of the main screen's contrat; enter on an engagement shows it there."""
    from suivi_tui.services.bilan import lire_bilan

    db, contrat_id, today = ecran.suivi.db, ecran.contrat_id, ecran.suivi.today

    def lire(confidentiel: bool) -> Bilan:
        return lire_bilan(db, contrat_id, today, inclure_confidentiel=confidentiel)

    ecran.app.push_screen(BilanVue(lire), ecran.montrer)


class BilanVue(Vue):
    """Reads through `lire` in a worker: at opening, when the confidential box or presentation mode changes."""

    def __init__(self, lire: Lecteur) -> None:
        super().__init__()
        self.lire = lire
        self.bilan: Bilan | None = None

    def reglages(self) -> ComposeResult:
        with Horizontal(classes="vue-reglage"):
            yield CaseVisible("Montrer les décisions confidentielles", False, compact=True, id="confidentiel")

    @property
    def confidentiel(self) -> bool:
        """Asked for with the box, and never on a shared screen."""
        return self.query_one("#confidentiel", Checkbox).value and not self.presentation

    def actualiser(self) -> None:
        self.query_one("#confidentiel", Checkbox).disabled = self.presentation
        self._lire(self.confidentiel)

    @work(thread=True, exclusive=True, group="vue", exit_on_error=False)
    def _lire(self, confidentiel: bool) -> None:
        bilan = self.lire(confidentiel)
        self.app.call_from_thread(self._lu, bilan)

    def _lu(self, bilan: Bilan) -> None:
        self.bilan = bilan
        self.rendre()

    @on(Checkbox.Changed, "#confidentiel")
    def _confidentiel(self, event: Checkbox.Changed) -> None:
        event.stop()
        self._lire(self.confidentiel)

    def rendre(self) -> None:
        bilan = self.bilan
        if bilan is None:
            return
        t = bilan.total
        ensemble = f"Ensemble : {t.realises}/{t.engagements} réalisés, {t.en_cours} en cours, {t.en_retard} en retard"
        parties = tableau_de_bord(bilan)
        # 10 to 30 signataires would push the table off a small screen: their scores are in its columns.
        if len(parties) + len(ensemble) + 3 > 2 * self.size.width - 4:
            parties = f"{len(bilan.parties)} parties (leurs scores : dans le tableau)"
        self.titrer(f"Bilan — {bilan.titre} · situation au {format_date(bilan.today)}", f"{parties} · {ensemble}")
        self.montrer(self._options(bilan))
        # The matrix and the curve first: the cursor waits on the first engagement to carry over, unseen.
        self.query_one(ListeVue).scroll_home(animate=False)

    def _options(self, bilan: Bilan) -> list[Option]:
        largeur = self.largeur
        progression = bilan.progression
        options = [
            intertitre("Engagements par axe et par partie"),
            Option(matrice(bilan, largeur), disabled=True),
        ]
        if progression.mois:
            debut, fin = progression.mois[0], progression.mois[-1]
            options += [
                intertitre(f"Avancement mois par mois, du {format_date(debut)} au {format_date(fin)}", espace=True),
                Option(histogramme(progression.mois, progression.ensemble, largeur), disabled=True),
                Option(legende(progression.ensemble), disabled=True),
                intertitre("Réalisés par axe, mois par mois", espace=True),
                Option(par_axe(bilan, largeur), disabled=True),
            ]
        reste = bilan.a_reporter
        options.append(
            intertitre(
                f"À reporter — {pluriel(len(reste), 'engagement')} non réalisé{'s' if len(reste) > 1 else ''}",
                espace=True,
            )
        )
        if not reste:
            options.append(remarque("Tous les engagements sont réalisés : rien à reporter."))
        options += [
            option_engagement(r.engagement_id, 0, contenu_a_reporter(r, self.presentation, largeur)) for r in reste
        ]
        return options
