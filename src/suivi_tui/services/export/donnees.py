"""The rows every export format reads, taken in ONE read transaction so that an export is consistent."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cached_property

from suivi_tui.db.database import Lecture, lit
from suivi_tui.services.arbre import lire_arbre
from suivi_tui.services.export.demande import ExportInvalide
from suivi_tui.services.fragments_sql import DELAI, EN_RETARD, JOUR_NOTE, NOTES_DU_JOURNAL, PROCHAINE_ECHEANCE
from suivi_tui.services.indicateurs import IndicateurContrat, indicateurs_contrat
from suivi_tui.services.reglages import DERNIER_CONTRAT
from suivi_tui.today import now_local


@dataclass(frozen=True)
class ContratInfo:
    id: int
    uuid: str
    titre: str
    territoire: str
    debut: dt.date | None
    fin: dt.date | None


@dataclass(frozen=True)
class AxeInfo:
    """A node of the contrat's tree (an axe of a 2020-2022 protocole: a root of niveau « Axe »)."""

    id: int
    numero: str
    titre: str
    niveau: str = "Axe"
    parent_id: int | None = None
    profondeur: int = 0


@dataclass(frozen=True)
class PartieInfo:
    id: int
    nom: str
    nom_court: str


@dataclass(frozen=True)
class NoteExport:
    id: int
    comite: str
    seance_date: dt.date
    type: str
    texte: str
    confidentielle: bool
    engagement_id: int | None


@dataclass(frozen=True)
class EngagementExport:
    id: int
    axe_id: int
    partie_id: int
    ordre: int
    libelle: str
    statut: str
    pilote: str | None
    a_discuter: bool
    prochaine_echeance: dt.date | None
    delai: dt.date | None
    en_retard: bool


@dataclass(frozen=True)
class EcheanceExport:
    id: int
    uuid: str
    engagement_id: int
    libelle: str
    date: dt.date
    precision: str
    faite_le: dt.date | None
    en_retard: bool  # open, past, and its engagement still running

    @property
    def ouverte(self) -> bool:
        return self.faite_le is None


@dataclass(frozen=True)
class SeanceExport:
    id: int
    uuid: str
    comite: str
    date: dt.date
    lieu: str
    participants: str


@dataclass(frozen=True)
class HistoriqueExport:
    id: int
    engagement_id: int
    champ: str
    ancien: str | None
    nouveau: str | None
    le: dt.datetime  # UTC
    seance: str | None  # « Comité · dd/mm/yyyy » when the change was made during a séance


@dataclass(frozen=True)
class Donnees:
    """One contrat as it stood at one instant: what every format renders."""

    contrat: ContratInfo
    today: dt.date
    exporte_le: dt.datetime  # aware, local: see today.now_local
    confidentiel_inclus: bool
    notes_exclues: int
    axes: tuple[AxeInfo, ...]
    parties: tuple[PartieInfo, ...]
    engagements: tuple[EngagementExport, ...]
    echeances: tuple[EcheanceExport, ...]
    seances: tuple[SeanceExport, ...]
    notes: tuple[NoteExport, ...]  # newest séance first
    historique: tuple[HistoriqueExport, ...]  # newest first
    # In the order of the tree, each with its two latest mesures (the last value and the trend).
    indicateurs: tuple[IndicateurContrat, ...] = ()

    def axe(self, axe_id: int) -> AxeInfo:
        return next(a for a in self.axes if a.id == axe_id)

    def partie(self, partie_id: int) -> PartieInfo:
        return next(p for p in self.parties if p.id == partie_id)

    def engagement(self, engagement_id: int) -> EngagementExport:
        return self._engagements_par_id[engagement_id]

    def echeances_de(self, engagement_id: int) -> list[EcheanceExport]:
        return self._echeances_par_engagement.get(engagement_id, [])

    def notes_de(self, engagement_id: int) -> list[NoteExport]:
        return self._notes_par_engagement.get(engagement_id, [])

    # Built once per export; a frozen dataclass still has a __dict__ for cached_property.
    @cached_property
    def _engagements_par_id(self) -> dict[int, EngagementExport]:
        return {e.id: e for e in self.engagements}

    @cached_property
    def _echeances_par_engagement(self) -> dict[int, list[EcheanceExport]]:
        groupes: dict[int, list[EcheanceExport]] = {}
        for x in self.echeances:
            groupes.setdefault(x.engagement_id, []).append(x)
        return groupes

    @cached_property
    def _notes_par_engagement(self) -> dict[int, list[NoteExport]]:
        groupes: dict[int, list[NoteExport]] = {}
        for n in self.notes:
            if n.engagement_id is not None:
                groupes.setdefault(n.engagement_id, []).append(n)
        return groupes


def _date(valeur: str | None) -> dt.date | None:
    return dt.date.fromisoformat(valeur) if valeur else None


def _instant(valeur: str) -> dt.datetime:
    return dt.datetime.fromisoformat(valeur.replace("Z", "+00:00"))


def choisir_contrat(lecture: Lecture, contrat_id: int | None) -> int:
    """The contrat asked for, else the last one used, else the first by title."""
    ids = [r[0] for r in lecture.execute("SELECT id FROM contrat ORDER BY titre").all()]
    if not ids:
        raise ExportInvalide("La base ne contient aucun contrat : importez d'abord une annexe (suivi seed).")
    if contrat_id is not None:
        if contrat_id not in ids:
            raise ExportInvalide(f"Le contrat n°{contrat_id} n'existe pas dans cette base.")
        return contrat_id
    dernier = lecture.execute("SELECT valeur FROM reglage WHERE cle = :c", {"c": DERNIER_CONTRAT}).scalar()
    return int(dernier) if dernier and dernier.isdigit() and int(dernier) in ids else ids[0]


@lit
def charger(lecture: Lecture, contrat_id: int | None, today: dt.date, *, inclure_confidentiel: bool) -> Donnees:
    """Everything the formats need about one contrat, read in a single transaction."""
    cid = choisir_contrat(lecture, contrat_id)
    params = {"contrat": cid, "today": today.isoformat()}
    notes, exclues = _notes(lecture, params, inclure_confidentiel)
    return Donnees(
        contrat=_contrat(lecture, params),
        today=today,
        exporte_le=now_local(),
        confidentiel_inclus=inclure_confidentiel,
        notes_exclues=exclues,
        # Depth first (each node followed by the nodes below it): the order every table and roll-up expects.
        axes=tuple(
            AxeInfo(n.id, n.numero, n.titre, n.niveau, n.parent_id, n.profondeur) for n in lire_arbre(lecture, cid)
        ),
        parties=tuple(
            PartieInfo(*r)
            for r in lecture.execute(
                "SELECT id, nom, nom_court FROM partie WHERE contrat_id = :contrat ORDER BY ordre, id", params
            )
        ),
        engagements=_engagements(lecture, params),
        echeances=_echeances(lecture, params),
        seances=_seances(lecture, params),
        notes=notes,
        historique=_historique(lecture, params),
        indicateurs=tuple(indicateurs_contrat(lecture, cid, limite=2)),
    )


def _contrat(lecture: Lecture, params: dict[str, object]) -> ContratInfo:
    r = lecture.execute("SELECT id, uuid, titre, territoire, debut, fin FROM contrat WHERE id = :contrat", params).one()
    return ContratInfo(r[0], r[1], r[2], r[3], _date(r[4]), _date(r[5]))


def _engagements(lecture: Lecture, params: dict[str, object]) -> tuple[EngagementExport, ...]:
    sql = f"""
        SELECT e.id, e.axe_id, e.partie_id, e.ordre, e.libelle, e.statut, e.pilote, e.a_discuter,
               {PROCHAINE_ECHEANCE}, {DELAI}, {EN_RETARD}
        FROM engagement e JOIN axe a ON a.id = e.axe_id JOIN partie p ON p.id = e.partie_id
        JOIN contrat c ON c.id = a.contrat_id
        WHERE a.contrat_id = :contrat ORDER BY a.ordre, p.ordre, e.ordre, e.id"""
    return tuple(
        EngagementExport(r[0], r[1], r[2], r[3], r[4], r[5], r[6], bool(r[7]), _date(r[8]), _date(r[9]), bool(r[10]))
        for r in lecture.execute(sql, params)
    )


def _echeances(lecture: Lecture, params: dict[str, object]) -> tuple[EcheanceExport, ...]:
    sql = """
        SELECT x.id, x.uuid, x.engagement_id, x.libelle, x.date, x.precision, x.faite_le,
               (x.faite_le IS NULL AND x.date < :today AND e.statut NOT IN ('realise', 'abandonne'))
        FROM echeance x JOIN engagement e ON e.id = x.engagement_id JOIN axe a ON a.id = e.axe_id
        JOIN partie p ON p.id = e.partie_id
        WHERE a.contrat_id = :contrat ORDER BY x.date, a.ordre, p.ordre, e.ordre, x.id"""
    return tuple(
        EcheanceExport(r[0], r[1], r[2], r[3], dt.date.fromisoformat(r[4]), r[5], _date(r[6]), bool(r[7]))
        for r in lecture.execute(sql, params)
    )


def _seances(lecture: Lecture, params: dict[str, object]) -> tuple[SeanceExport, ...]:
    sql = """
        SELECT s.id, s.uuid, co.nom, s.date, s.lieu, s.participants
        FROM seance s JOIN comite co ON co.id = s.comite_id
        WHERE co.contrat_id = :contrat ORDER BY s.date, co.nom, s.id"""
    return tuple(
        SeanceExport(r[0], r[1], r[2], dt.date.fromisoformat(r[3]), r[4], r[5]) for r in lecture.execute(sql, params)
    )


def _notes(lecture: Lecture, params: dict[str, object], inclure: bool) -> tuple[tuple[NoteExport, ...], int]:
    base = f"FROM {NOTES_DU_JOURNAL} WHERE co.contrat_id = :contrat"
    # The filter is in SQL: an excluded note's text is never even read into memory.
    filtre = "" if inclure else " AND n.confidentielle = 0"
    # A link to another contrat's engagement (the schema cannot forbid it) is dropped, not followed.
    lien = """(SELECT e.id FROM engagement e JOIN axe a ON a.id = e.axe_id
               WHERE e.id = n.engagement_id AND a.contrat_id = :contrat)"""
    rows = lecture.execute(
        f"""
        SELECT n.id, co.nom, {JOUR_NOTE}, n.type, n.texte, n.confidentielle, {lien}
        {base}{filtre} ORDER BY {JOUR_NOTE} DESC, n.id DESC""",
        params,
    )
    notes = tuple(NoteExport(r[0], r[1], dt.date.fromisoformat(r[2]), r[3], r[4], bool(r[5]), r[6]) for r in rows)
    exclues = 0 if inclure else lecture.execute(f"SELECT count(*) {base} AND n.confidentielle = 1", params).scalar_one()
    return notes, exclues


def _historique(lecture: Lecture, params: dict[str, object]) -> tuple[HistoriqueExport, ...]:
    sql = """
        SELECT h.id, h.engagement_id, h.champ, h.ancien, h.nouveau, h.le, co.nom, s.date
        FROM historique h JOIN engagement e ON e.id = h.engagement_id JOIN axe a ON a.id = e.axe_id
        LEFT JOIN seance s ON s.id = h.seance_id LEFT JOIN comite co ON co.id = s.comite_id
        WHERE a.contrat_id = :contrat ORDER BY h.le DESC, h.id DESC"""
    return tuple(
        HistoriqueExport(
            r[0],
            r[1],
            r[2],
            r[3],
            r[4],
            _instant(r[5]),
            f"{r[6]} · {dt.date.fromisoformat(r[7]):%d/%m/%Y}" if r[6] else None,
        )
        for r in lecture.execute(sql, params)
    )
