"""The detail pane: the engagement's full text, axe, partie, statut, pilote, échéances, history, notes."""

from __future__ import annotations

import datetime as dt
import textwrap
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static

from suivi_tui.dates import format_date, format_echeance
from suivi_tui.services.detail import EcheanceInfo, EngagementDetail, HistoriqueLigne, NoteLigne
from suivi_tui.services.indicateurs import IndicateurInfo, avec_unite, resume
from suivi_tui.services.vocabulaire import STATUTS_CLOS, libelle_champ
from suivi_tui.ui.affichage import affichable, delai, instant, pilote, statut_content, type_note, valeur_historique
from suivi_tui.ui.touches import liaisons

PiecesType = list[str | tuple[str, str] | Content]
ETIQUETTE = 11  # width of the « Statut », « Pilote »… column


def envelopper(texte: str, largeur: int, retrait: int) -> str:
    """Wrap to largeur, continuation lines indented by retrait (the first line's prefix is the caller's)."""
    lignes = textwrap.wrap(" ".join(affichable(texte).split()), max(largeur - retrait, 8)) or [""]
    return ("\n" + " " * retrait).join(lignes)


def _titre(texte: str) -> tuple[str, str]:
    return (f"\n{texte}\n", "bold $text-primary")


def _champ(nom: str, valeur: str | Content, largeur: int, style: str = "") -> PiecesType:
    if isinstance(valeur, str):
        valeur = Content.styled(envelopper(valeur, largeur, ETIQUETTE), style)
    return [(f"{nom} ".ljust(ETIQUETTE), "$text-muted"), valeur, "\n"]


def _echeance(e: EcheanceInfo, today: dt.date, largeur: int, clos: bool) -> PiecesType:
    quand = format_echeance(e.date, e.precision)
    if e.faite_le is not None:
        texte = f"{quand}{f' · {e.libelle}' if e.libelle else ''} (faite le {format_date(e.faite_le)})"
        return [("  ✓ ", "$text-success"), (envelopper(texte, largeur, 4) + "\n", "$text-muted")]
    jours = (e.date - today).days
    # A closed engagement (réalisé, abandonné) is never late: its past échéance is only « passée ».
    quand_texte = f"passée depuis {-jours} j" if clos and jours < 0 else delai(jours)
    texte = envelopper(f"{quand}{f' · {e.libelle}' if e.libelle else ''} ({quand_texte})", largeur, 4)
    debut, _, fin = texte.rpartition("(")
    rouge = jours < 0 and not clos
    return [("  ○ ", "$text-warning"), debut, (f"({fin}\n", "bold $text-error" if rouge else "$text-muted")]


def _historique(h: HistoriqueLigne, presentation: bool, largeur: int) -> PiecesType:
    champ = libelle_champ(h.champ)
    if h.champ.startswith("echeance."):
        quoi = f"{champ} : {valeur_historique(h.champ, h.nouveau or h.ancien, presentation)}"
    else:
        quoi = (
            f"{champ} : {valeur_historique(h.champ, h.ancien, presentation)} → "
            f"{valeur_historique(h.champ, h.nouveau, presentation)}"
        )
    seance = f" · séance {h.seance}" if h.seance else ""
    if h.retour is not None:  # where a partner's answer came from; a pilote's name is masked in presentation mode
        nom = pilote(h.retour.nom, presentation) if h.retour.genre == "pilote" else h.retour.nom
        seance += f" · retour de {nom} (fiche du {instant(h.retour.exporte_le)[:10]}, {h.retour.fichier})"
    return [
        (envelopper(f"{instant(h.le)}{seance}", largeur, 2), "$text-muted"),
        "\n",
        f"    {envelopper(quoi, largeur, 4)}\n",
    ]


def _note(n: NoteLigne, presentation: bool, largeur: int) -> PiecesType:
    ou = f"{n.comite} (hors séance)" if n.hors_seance else n.comite
    tete: PiecesType = [(f"{format_date(n.seance_date)} · {ou} · ", "$text-muted"), type_note(n.type)]
    if n.confidentielle:
        tete.append((" · confidentielle", "bold $text-warning"))
    if n.confidentielle and presentation:
        return [*tete, "\n", ("    (note masquée en mode présentation)\n", "italic $text-muted")]
    return [*tete, "\n", f"    {envelopper(n.texte, largeur, 4)}\n"]


# The trend toward the target, said in words and with a sign that needs no colour.
TENDANCES = {
    "cible atteinte": ("✓", "$text-success"),
    "vers la cible": ("↗", "$text-success"),
    "s'éloigne de la cible": ("↘", "bold $text-error"),
    "stable": ("→", "$text-muted"),
}


def _indicateur(i: IndicateurInfo, largeur: int) -> PiecesType:
    signe, style = TENDANCES.get(i.tendance, ("•", "$text-muted"))
    porteur = "" if i.porteur == "engagement" else f" ({i.porteur})"
    pieces: PiecesType = [(f"  {signe} ", style), (envelopper(i.libelle + porteur, largeur, 4) + "\n", "bold")]
    pieces.append((f"    {envelopper(resume(i), largeur, 4)}\n", "$text-muted"))
    for m in i.mesures[:4]:
        commentaire = f" · {m.commentaire}" if m.commentaire else ""
        pieces.append(
            f"    {m.date:%d/%m/%Y}  {envelopper(avec_unite(m.valeur, i.unite) + commentaire, largeur, 16)}\n"
        )
    return pieces


def contenu_detail(d: EngagementDetail, today: dt.date, presentation: bool, largeur: int = 36) -> Content:
    """The whole detail as one Content, wrapped to largeur with hanging indents."""
    pieces: PiecesType = [(envelopper(d.libelle, largeur, 0), "bold"), "\n\n"]
    if d.axe_niveau == "Axe":
        pieces += _champ("Axe", f"{d.axe_numero} · {d.axe_titre}", largeur)
    else:  # a node of a Quartiers 2030 tree: its level, then the nodes above it
        pieces += _champ("Objectif", f"{d.axe_niveau} {d.axe_numero} · {d.axe_titre}", largeur)
        pieces += [p for noeud in d.chemin for p in _champ("Dans", noeud, largeur, "$text-muted")]
    pieces += _champ("Partie", d.partie, largeur)
    pieces += _champ("Statut", statut_content(d.statut), largeur)
    pieces += _champ("Pilote", pilote(d.pilote, presentation), largeur, "$text-muted" if not d.pilote else "")
    if d.partenaires:
        pieces += _champ("Partenaires", d.partenaires, largeur)
    if d.calendrier:
        pieces += _champ("Calendrier", d.calendrier, largeur)
    pieces += _champ(
        "À discuter", "oui ◆" if d.a_discuter else "non", largeur, "bold $text-accent" if d.a_discuter else ""
    )
    if d.delai is not None:
        retard = " — en retard" if d.en_retard else ""
        source = "" if any(e.faite_le is None for e in d.echeances) else " (fin du contrat)"
        pieces += _champ(
            "Délai", f"{format_date(d.delai)}{source}{retard}", largeur, "bold $text-error" if d.en_retard else ""
        )
    pieces.append(_titre(f"Échéances ({len(d.echeances)})"))
    clos = d.statut in STATUTS_CLOS
    pieces += [p for e in d.echeances for p in _echeance(e, today, largeur, clos)] or [
        ("  aucune — d pour en ajouter\n", "$text-muted")
    ]
    if d.indicateurs:
        pieces.append(_titre(f"Indicateurs ({len(d.indicateurs)}) — v : saisir une mesure"))
        pieces += [p for i in d.indicateurs for p in _indicateur(i, largeur)]
    pieces.append(_titre("Historique"))
    pieces += [p for h in d.historique for p in _historique(h, presentation, largeur)] or [
        ("  aucun changement\n", "$text-muted")
    ]
    pieces.append(_titre(f"Notes liées ({len(d.notes)})"))
    pieces += [p for n in d.notes for p in _note(n, presentation, largeur)] or [
        ("  aucune — n pour en écrire une\n", "$text-muted")
    ]
    return Content.assemble(*pieces)


class DetailPane(VerticalScroll, can_focus=True):
    """Scrolls with the arrows or j/k when focused; escape goes back to the table."""

    BINDINGS: ClassVar[list[BindingType]] = liaisons("detail")

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.border_title = "Détail"
        self.engagement_id: int | None = None
        self._affiche: tuple[EngagementDetail | None, dt.date, bool] | None = None
        self._largeur = 0

    def compose(self) -> ComposeResult:
        yield Static(Content.styled("Choisissez un engagement.", "$text-muted"), id="detail-texte")

    def afficher(self, detail: EngagementDetail | None, today: dt.date, presentation: bool) -> None:
        texte = self.query_one("#detail-texte", Static)
        self._affiche = (detail, today, presentation)
        if detail is None:
            self.engagement_id = None
            self.border_title = "Détail"
            texte.update(Content.styled("Aucun engagement sélectionné.", "$text-muted"))
            return
        if detail.id != self.engagement_id:
            self.scroll_home(animate=False)
        self.engagement_id = detail.id
        self.border_title = f"Détail · {detail.axe_niveau} {detail.axe_numero} · {detail.partie_court}"
        self._largeur = self.scrollable_content_region.width
        texte.update(contenu_detail(detail, today, presentation, max(self._largeur - 1, 20)))

    def on_resize(self) -> None:
        if self._affiche is not None and self.scrollable_content_region.width != self._largeur:
            self.afficher(*self._affiche)
