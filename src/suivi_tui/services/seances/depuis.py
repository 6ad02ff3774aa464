"""« Depuis la dernière séance »: every change of a contrat since a date, grouped by axis then engagement.

What a coordinator expects, and what this module does:
- the changes are those of the whole contrat (a statut change is a fact, whichever meeting it
  came from or none), read from `historique`;
- a change's day is its séance's date when it was stamped with one, else the local day it was
  made; « depuis le 15/03/2021 » includes the 15th, so « depuis la dernière séance » shows what
  that séance decided and everything that moved after it;
- notes are the comité's own log: with a comité, only its notes; without, every comité's notes;
- confidential notes are masked unless asked for (the view may be on a shared screen).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from suivi_tui.dates import format_date, format_echeance
from suivi_tui.db.database import Lecture, lit
from suivi_tui.services.fragments_sql import JOUR_NOTE, NOTES_DU_JOURNAL
from suivi_tui.services.seances.journal import SeanceInfo
from suivi_tui.services.seances.registre import seance_precedente
from suivi_tui.services.vocabulaire import TYPES_NOTE, echeance_en_clair, libelle_champ, libelle_statut
from suivi_tui.texte import court

# Document order moves when an annexe is re-seeded: not something a comité discusses.
CHAMPS_IGNORES = ("ordre",)


@dataclass(frozen=True)
class LigneChangement:
    """One change or note: its day, its kind, its French text, the comité whose séance it was made in."""

    date: dt.date
    genre: str  # the historique champ (« statut », « echeance.ajout »…) or « note:<type> »
    texte: str
    seance: str | None
    confidentielle: bool = False

    @property
    def ligne(self) -> str:
        """« 15/03/2021 · Statut : À venir → En cours (séance Insertion socioprofessionnelle) »."""
        suffixe = f" (séance {self.seance})" if self.seance else ""
        return f"{format_date(self.date)} · {self.texte}{suffixe}"


@dataclass(frozen=True)
class EngagementChangements:
    id: int
    partie: str
    libelle: str
    lignes: tuple[LigneChangement, ...]


@dataclass(frozen=True)
class AxeChangements:
    numero: str
    titre: str
    engagements: tuple[EngagementChangements, ...]


@dataclass(frozen=True)
class Depuis:
    """What changed in a contrat from `depuis` (included) to `jusqua` (included, None: until now)."""

    contrat_id: int
    depuis: dt.date
    jusqua: dt.date | None
    comite_id: int | None
    comite: str | None
    seance_precedente: SeanceInfo | None  # set when `depuis` is that séance's date
    axes: tuple[AxeChangements, ...]
    notes_generales: tuple[LigneChangement, ...]  # notes linked to no engagement

    @property
    def total(self) -> int:
        return len(self.notes_generales) + sum(len(e.lignes) for a in self.axes for e in a.engagements)


def _date_fr(valeur: str | None) -> str:
    if not valeur:
        return "—"
    try:
        return format_date(dt.date.fromisoformat(valeur))
    except ValueError:
        return valeur


def texte_historique(champ: str, ancien: str | None, nouveau: str | None, echeance: str = "") -> str:
    """A historique row in words; echeance is « T3 2021 Trouver un local » when the row names one."""
    if champ == "statut":
        return f"Statut : {libelle_statut(ancien or '')} → {libelle_statut(nouveau or '')}"
    if champ == "pilote":
        if ancien and nouveau:
            return f"Pilote : {ancien} → {nouveau}"
        return f"Pilote : {nouveau}" if nouveau else f"Pilote retiré ({ancien or '—'})"
    if champ == "a_discuter":
        return "Mis à l'ordre du jour (à discuter)" if nouveau == "1" else "Retiré de l'ordre du jour"
    if champ == "libelle":
        return "Libellé modifié"
    if champ == "echeance.ajout":
        return f"Échéance ajoutée : {nouveau or echeance}"
    if champ == "echeance.suppression":
        return f"Échéance supprimée : {ancien or echeance}"
    if champ in ("echeance.faite", "echeance.rouverte"):
        return f"{libelle_champ(champ)} : {echeance}" if echeance else libelle_champ(champ)
    if champ == "echeance.date":
        suite = f" ({echeance})" if echeance else ""
        return f"Échéance déplacée : {_date_fr(ancien)} → {_date_fr(nouveau)}{suite}"
    return f"{libelle_champ(champ)} : {ancien or '—'} → {nouveau or '—'}"


def texte_note(type_note: str, texte: str, confidentielle: bool, inclure_confidentiel: bool) -> str:
    """« Décision : … »; a confidential note says so, and is masked unless asked for."""
    genre = TYPES_NOTE.get(type_note, type_note)
    if confidentielle and not inclure_confidentiel:
        return f"{genre} confidentielle (masquée)"
    marque = " (confidentielle)" if confidentielle else ""
    return f"{genre}{marque} : {' '.join(texte.split())}"


def _jour_sql() -> str:
    # A stamped change belongs to its séance's day; otherwise to the local day it was made.
    return "coalesce(s.date, date(h.le, 'localtime'))"


def _historique(lecture: Lecture, contrat_id: int, depuis: dt.date, jusqua: dt.date | None) -> list[tuple[Any, ...]]:
    jour = _jour_sql()
    borne = f" AND {jour} <= :jusqua" if jusqua else ""
    ignores = ", ".join(f"'{c}'" for c in CHAMPS_IGNORES)
    sql = f"""
        SELECT h.engagement_id, {jour}, h.champ, h.ancien, h.nouveau, co.nom, x.date, x.precision, x.libelle,
               h.le, h.id
        FROM historique h JOIN engagement e ON e.id = h.engagement_id JOIN axe a ON a.id = e.axe_id
        LEFT JOIN seance s ON s.id = h.seance_id LEFT JOIN comite co ON co.id = s.comite_id
        LEFT JOIN echeance x ON x.id = h.echeance_id
        WHERE a.contrat_id = :contrat AND {jour} >= :depuis{borne} AND h.champ NOT IN ({ignores})"""
    params = {"contrat": contrat_id, "depuis": depuis.isoformat(), "jusqua": jusqua.isoformat() if jusqua else None}
    return [tuple(r) for r in lecture.execute(sql, params).all()]


def _notes(
    lecture: Lecture, contrat_id: int, depuis: dt.date, jusqua: dt.date | None, comite_id: int | None
) -> list[tuple[Any, ...]]:
    borne = f" AND {JOUR_NOTE} <= :jusqua" if jusqua else ""
    du_comite = " AND co.id = :comite" if comite_id is not None else ""
    sql = f"""
        SELECT n.engagement_id, {JOUR_NOTE}, n.type, n.texte, n.confidentielle, co.nom, n.cree_le, n.id
        FROM {NOTES_DU_JOURNAL}
        WHERE co.contrat_id = :contrat AND {JOUR_NOTE} >= :depuis{borne}{du_comite}"""
    params = {
        "contrat": contrat_id,
        "depuis": depuis.isoformat(),
        "comite": comite_id,
        "jusqua": jusqua.isoformat() if jusqua else None,
    }
    return [tuple(r) for r in lecture.execute(sql, params).all()]


# Sort key of a line: its day, then the instant it was recorded, historique before notes, then id.
_Cle = tuple[str, str, int, int]


def _lignes(
    historique: Sequence[tuple[Any, ...]], notes: Sequence[tuple[Any, ...]], inclure_confidentiel: bool
) -> dict[int | None, list[tuple[_Cle, LigneChangement]]]:
    par_engagement: dict[int | None, list[tuple[_Cle, LigneChangement]]] = {}
    for eid, jour, champ, ancien, nouveau, comite, x_date, x_precision, x_libelle, le, hid in historique:
        echeance = ""
        if x_date:
            echeance = echeance_en_clair(format_echeance(dt.date.fromisoformat(x_date), x_precision), x_libelle)
        ligne = LigneChangement(
            dt.date.fromisoformat(jour), champ, texte_historique(champ, ancien, nouveau, echeance), comite
        )
        par_engagement.setdefault(eid, []).append(((jour, le, 0, hid), ligne))
    for eid, jour, type_note, texte, confidentielle, comite, cree_le, nid in notes:
        ligne = LigneChangement(
            dt.date.fromisoformat(jour),
            f"note:{type_note}",
            texte_note(type_note, texte, bool(confidentielle), inclure_confidentiel),
            comite,
            bool(confidentielle),
        )
        par_engagement.setdefault(eid, []).append(((jour, cree_le, 1, nid), ligne))
    return par_engagement


def _grouper(
    lecture: Lecture, par_engagement: dict[int | None, list[tuple[_Cle, LigneChangement]]]
) -> tuple[tuple[AxeChangements, ...], tuple[LigneChangement, ...]]:
    ids = [i for i in par_engagement if i is not None]
    axes: dict[int, tuple[str, str, list[EngagementChangements]]] = {}
    if ids:
        sql = f"""SELECT e.id, a.id, a.numero, a.titre, p.nom_court, e.libelle
                       FROM engagement e JOIN axe a ON a.id = e.axe_id JOIN partie p ON p.id = e.partie_id
                       WHERE e.id IN ({", ".join(str(int(i)) for i in ids)})
                       ORDER BY a.ordre, e.ordre, e.id"""
        for eid, axe_id, numero, titre, partie, libelle in lecture.execute(sql).all():
            lignes = tuple(ligne for _, ligne in sorted(par_engagement[eid], key=lambda item: item[0]))
            axes.setdefault(axe_id, (numero, titre, []))[2].append(EngagementChangements(eid, partie, libelle, lignes))
    generales = tuple(ligne for _, ligne in sorted(par_engagement.get(None, []), key=lambda item: item[0]))
    return tuple(AxeChangements(n, t, tuple(e)) for n, t, e in axes.values()), generales


@lit
def changements_depuis(
    lecture: Lecture,
    contrat_id: int,
    depuis: dt.date,
    *,
    jusqua: dt.date | None = None,
    comite_id: int | None = None,
    inclure_confidentiel: bool = False,
    seance: SeanceInfo | None = None,
) -> Depuis:
    """Every change of the contrat since depuis (included); with comite_id, only that comité's notes."""
    historique = _historique(lecture, contrat_id, depuis, jusqua)
    notes = _notes(lecture, contrat_id, depuis, jusqua, comite_id)
    axes, generales = _grouper(lecture, _lignes(historique, notes, inclure_confidentiel))
    nom = None
    if comite_id is not None:
        nom = lecture.execute("SELECT nom FROM comite WHERE id = :c", {"c": comite_id}).scalar()
    return Depuis(contrat_id, depuis, jusqua, comite_id, nom, seance, axes, generales)


@lit
def depuis_derniere_seance(
    lecture: Lecture, comite_id: int, date: dt.date, *, inclure_confidentiel: bool = False
) -> Depuis | None:
    """The changes since the comité's last séance before date (that séance's day included); None if it has none."""
    precedente = seance_precedente(lecture, comite_id, date)
    if precedente is None:
        return None
    contrat_id = lecture.execute("SELECT contrat_id FROM comite WHERE id = :c", {"c": comite_id}).scalar_one()
    return changements_depuis(
        lecture,
        contrat_id,
        precedente.date,
        comite_id=comite_id,
        inclure_confidentiel=inclure_confidentiel,
        seance=precedente,
    )


def rendre_depuis(depuis: Depuis, *, largeur: int = 90) -> list[str]:
    """The view as plain text lines: axis headings, engagements indented, their changes beneath."""
    lignes: list[str] = []
    for axe in depuis.axes:
        if lignes:
            lignes.append("")
        lignes.append(f"Axe {axe.numero} — {axe.titre}")
        for engagement in axe.engagements:
            lignes.append(f"  {engagement.partie} — {court(engagement.libelle, largeur)}")
            lignes.extend(f"    {ligne.ligne}" for ligne in engagement.lignes)
    if depuis.notes_generales:
        if lignes:
            lignes.append("")
        lignes.append("Notes générales")
        lignes.extend(f"    {ligne.ligne}" for ligne in depuis.notes_generales)
    return lignes
