"""« Ordre du jour »: what a comité should look at in a séance, grouped as a meeting runs, one entry per engagement."""

from __future__ import annotations

from textual.content import Content
from textual.widgets.option_list import Option

from suivi_tui.dates import format_date
from suivi_tui.services.seances.agenda import HORIZON_PAR_DEFAUT, MOTIFS, Agenda, PointAgenda
from suivi_tui.services.vocabulaire import libelle_statut
from suivi_tui.ui.affichage import STYLES_STATUT, pilote, tronquer
from suivi_tui.ui.panes.detail import envelopper
from suivi_tui.ui.screens.vue import Vue, intertitre, option_engagement, remarque

STYLES_MOTIF = {
    "suite": "$text-success",
    "a_discuter": "bold $text-accent",
    "en_retard": "bold $text-error",
    "echeance": "$text-warning",
}


def titre_motif(motif: str, agenda: Agenda) -> str:
    """The heading of a group of the agenda."""
    if motif == "suite":
        return "Suites du dernier comité"
    if motif == "a_discuter":
        return "Points inscrits « à discuter »"
    if motif == "en_retard":
        return "En retard"
    pourquoi = "prochaine séance estimée" if agenda.prochaine_seance else f"{HORIZON_PAR_DEFAUT} jours"
    return f"Échéances à venir jusqu'au {format_date(agenda.limite)} ({pourquoi})"


def contenu_point(point: PointAgenda, presentation: bool, largeur: int, traite: bool = False) -> Content:
    """First line: axis, partie, libellé, statut, pilote; then one indented line per reason."""
    tete = f"{'✓ ' if traite else ''}Axe {point.axe_numero} · {point.partie} — "
    statut = libelle_statut(point.statut)
    nom = tronquer(pilote(point.pilote, presentation), 24) if point.pilote else ""
    fin = f" · {statut}" + (f" · {nom}" if nom else "")
    libelle = tronquer(point.libelle, max(largeur - len(tete) - len(fin), 20))
    parties: list[str | tuple[str, str]] = [
        (tete, "$text-muted"),
        (libelle, "bold"),
        " · ",
        (statut, STYLES_STATUT.get(point.statut, "")),
    ]
    if nom:
        parties += [" · ", (nom, "$text-muted")]
    for motif, raison in zip(point.motifs, point.raisons, strict=True):
        parties += ["\n    ", (envelopper(raison, largeur, 6), STYLES_MOTIF.get(motif, ""))]
    return Content.assemble(*parties)


def sous_titre(agenda: Agenda, ouverte: bool) -> str:
    compte = len(agenda.points)
    morceaux = [f"{compte} point{'s' if compte > 1 else ''}" if compte else "aucun point"]
    traites = len(agenda.traites & {p.engagement_id for p in agenda.points})
    if traites:
        morceaux.append(f"{traites} traité{'s' if traites > 1 else ''} ✓")
    if agenda.seance_precedente:
        morceaux.append(f"séance précédente le {format_date(agenda.seance_precedente)}")
    else:
        morceaux.append("première séance de ce comité")
    if agenda.prochaine_seance:
        morceaux.append(f"prochaine estimée le {format_date(agenda.prochaine_seance)}")
    texte = " · ".join(morceaux)
    return f"{texte} — N : point suivant" if ouverte else f"{texte} — aucune séance ouverte : m pour l'ouvrir"


class OrdreDuJour(Vue):
    """The agenda of one séance (computed before the screen opens: it only shows it)."""

    def __init__(self, agenda: Agenda, *, ouverte: bool = True) -> None:
        super().__init__()
        self.agenda = agenda
        self.ouverte = ouverte  # False: the agenda of a séance to come (today's, for the comité shown)

    def rendre(self) -> None:
        agenda = self.agenda
        self.titrer(
            f"Ordre du jour — {agenda.comite} · séance du {format_date(agenda.date)}", sous_titre(agenda, self.ouverte)
        )
        options: list[Option] = []
        largeur = self.largeur
        for motif in MOTIFS:
            points = [p for p in agenda.points if p.motifs[0] == motif]
            if not points:
                continue
            options.append(intertitre(f"{titre_motif(motif, agenda)} · {len(points)}", espace=bool(options)))
            options += [
                option_engagement(
                    p.engagement_id,
                    rang,
                    contenu_point(p, self.presentation, largeur, p.engagement_id in agenda.traites),
                )
                for rang, p in enumerate(points)
            ]
        if not options:
            options.append(
                remarque(
                    "Rien à l'ordre du jour : ni suite d'une décision, ni point inscrit, "
                    f"ni retard, ni échéance d'ici le {format_date(agenda.limite)}."
                )
            )
        self.montrer(options)
