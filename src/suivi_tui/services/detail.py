"""Everything about one engagement: text, axis, partie, échéances, history, linked notes."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from suivi_tui.db.database import Lecture, lit
from suivi_tui.services.fragments_sql import DELAI, EN_RETARD, JOUR_NOTE, NOTES_DU_JOURNAL
from suivi_tui.services.indicateurs import IndicateurInfo, indicateurs_engagement


@dataclass(frozen=True)
class EcheanceInfo:
    id: int
    libelle: str
    date: dt.date
    precision: str
    faite_le: dt.date | None


@dataclass(frozen=True)
class SourceRetour:
    """The partner's answer a change came from (suivi import): who answered, which fiche, which file."""

    genre: str  # partie | pilote
    nom: str
    exporte_le: str  # ISO UTC instant of the fiche
    fichier: str


@dataclass(frozen=True)
class HistoriqueLigne:
    id: int
    champ: str
    ancien: str | None
    nouveau: str | None
    le: str
    seance: str | None  # « CT Insertion · 15/03/2021 » when stamped by a séance
    retour: SourceRetour | None = None  # when it came from a returned fiche


@dataclass(frozen=True)
class NoteLigne:
    id: int
    comite: str
    seance_date: dt.date  # the day of its séance, or the day it was written « hors séance »
    type: str
    texte: str
    confidentielle: bool
    cree_le: str
    engagement_id: int | None
    hors_seance: bool = False
    engagement: str | None = None  # the linked engagement's libellé, where the journal names it


@dataclass(frozen=True)
class EngagementDetail:
    id: int
    contrat_id: int
    axe_numero: str
    axe_titre: str
    partie: str
    partie_court: str
    libelle: str
    statut: str
    pilote: str | None
    a_discuter: bool
    cree_le: str
    modifie_le: str
    delai: dt.date | None
    en_retard: bool
    echeances: tuple[EcheanceInfo, ...]
    historique: tuple[HistoriqueLigne, ...]
    notes: tuple[NoteLigne, ...]
    axe_niveau: str = "Axe"
    chemin: tuple[str, ...] = ()  # the nodes above its own, from the root: « Enjeu 1 · Réussite éducative »
    partenaires: str | None = None  # a fiche action's fields
    calendrier: str | None = None
    indicateurs: tuple[IndicateurInfo, ...] = ()


_HEAD = f"""
    SELECT e.id, c.id, a.numero, a.titre, p.nom, p.nom_court, e.libelle, e.statut, e.pilote,
           e.a_discuter, e.cree_le, e.modifie_le, {DELAI}, {EN_RETARD}, a.niveau, e.partenaires, e.calendrier
    FROM engagement e JOIN axe a ON a.id = e.axe_id JOIN partie p ON p.id = e.partie_id
    JOIN contrat c ON c.id = a.contrat_id WHERE e.id = :id"""
_CHEMIN = """
    WITH RECURSIVE haut(id, rang) AS (
        SELECT a.parent_id, 1 FROM engagement e JOIN axe a ON a.id = e.axe_id WHERE e.id = :id
        UNION ALL SELECT a.parent_id, h.rang + 1 FROM axe a JOIN haut h ON a.id = h.id WHERE h.rang < 20)
    SELECT a.niveau || ' ' || a.numero || ' · ' || a.titre FROM haut h JOIN axe a ON a.id = h.id ORDER BY h.rang DESC"""
_ECHEANCES = """SELECT id, libelle, date, precision, faite_le FROM echeance
                     WHERE engagement_id = :id ORDER BY faite_le IS NULL DESC, date, id"""
_HISTORIQUE = """
    SELECT h.id, h.champ, h.ancien, h.nouveau, h.le, co.nom, s.date,
           r.destinataire_genre, r.destinataire, r.exporte_le, r.fichier
    FROM historique h LEFT JOIN seance s ON s.id = h.seance_id LEFT JOIN comite co ON co.id = s.comite_id
    LEFT JOIN retour r ON r.id = h.retour_id
    WHERE h.engagement_id = :id ORDER BY h.le DESC, h.id DESC LIMIT :limit"""
# What note_ligne reads, in this order (aliases of NOTES_DU_JOURNAL).
NOTE_COLONNES = (
    f"n.id, co.nom, {JOUR_NOTE}, n.type, n.texte, n.confidentielle, n.cree_le, n.engagement_id, n.seance_id IS NULL"
)
NOTES_SQL = f"SELECT {NOTE_COLONNES} FROM {NOTES_DU_JOURNAL}"
_NOTES = NOTES_SQL + f" WHERE n.engagement_id = :id ORDER BY {JOUR_NOTE} DESC, n.id DESC LIMIT :limit"


def _seance(comite: str | None, date: str | None) -> str | None:
    return f"{comite} · {dt.date.fromisoformat(date):%d/%m/%Y}" if comite and date else None


def note_ligne(r: tuple) -> NoteLigne:  # type: ignore[type-arg]
    """A row of NOTES_SQL's columns (and the linked engagement's libellé after them, if read)."""
    engagement = r[9] if len(r) > 9 else None
    return NoteLigne(
        r[0], r[1], dt.date.fromisoformat(r[2]), r[3], r[4], bool(r[5]), r[6], r[7], bool(r[8]), engagement
    )


@lit
def detail_engagement(
    lecture: Lecture, engagement_id: int, today: dt.date, *, limit: int = 50
) -> EngagementDetail | None:
    params = {"id": engagement_id, "today": today.isoformat(), "limit": limit}
    head = lecture.execute(_HEAD, params).first()
    if head is None:
        return None
    echeances = lecture.execute(_ECHEANCES, params).all()
    historique = lecture.execute(_HISTORIQUE, params).all()
    notes = lecture.execute(_NOTES, params).all()
    return EngagementDetail(
        id=head[0],
        contrat_id=head[1],
        axe_numero=head[2],
        axe_titre=head[3],
        partie=head[4],
        partie_court=head[5],
        libelle=head[6],
        statut=head[7],
        pilote=head[8],
        a_discuter=bool(head[9]),
        cree_le=head[10],
        modifie_le=head[11],
        delai=dt.date.fromisoformat(head[12]) if head[12] else None,
        en_retard=bool(head[13]),
        echeances=tuple(
            EcheanceInfo(r[0], r[1], dt.date.fromisoformat(r[2]), r[3], dt.date.fromisoformat(r[4]) if r[4] else None)
            for r in echeances
        ),
        historique=tuple(
            HistoriqueLigne(
                r[0],
                r[1],
                r[2],
                r[3],
                r[4],
                _seance(r[5], r[6]),
                SourceRetour(r[7], r[8], r[9], r[10]) if r[7] else None,
            )
            for r in historique
        ),
        notes=tuple(note_ligne(tuple(r)) for r in notes),
        axe_niveau=head[14],
        chemin=tuple(r[0] for r in lecture.execute(_CHEMIN, params).all()),
        partenaires=head[15],
        calendrier=head[16],
        indicateurs=indicateurs_engagement(lecture, engagement_id),
    )


@lit
def echeances_ouvertes(lecture: Lecture, engagement_id: int) -> int:
    """How many échéances of the engagement are still open (not done)."""
    sql = "SELECT count(*) FROM echeance WHERE engagement_id = :e AND faite_le IS NULL"
    return int(lecture.execute(sql, {"e": engagement_id}).scalar_one())
