"""Everything about one engagement: text, axis, partie, échéances, history, linked notes."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import text

from suivi_tui.db.engine import Database
from suivi_tui.services.retard import DELAI, EN_RETARD


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
    seance_date: dt.date
    type: str
    texte: str
    confidentielle: bool
    cree_le: str
    engagement_id: int | None


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


_HEAD = text(f"""
    SELECT e.id, c.id, a.numero, a.titre, p.nom, p.nom_court, e.libelle, e.statut, e.pilote,
           e.a_discuter, e.cree_le, e.modifie_le, {DELAI}, {EN_RETARD}
    FROM engagement e JOIN axe a ON a.id = e.axe_id JOIN partie p ON p.id = e.partie_id
    JOIN contrat c ON c.id = a.contrat_id WHERE e.id = :id""")
_ECHEANCES = text("""SELECT id, libelle, date, precision, faite_le FROM echeance
                     WHERE engagement_id = :id ORDER BY faite_le IS NULL DESC, date, id""")
_HISTORIQUE = text("""
    SELECT h.id, h.champ, h.ancien, h.nouveau, h.le, co.nom, s.date,
           r.destinataire_genre, r.destinataire, r.exporte_le, r.fichier
    FROM historique h LEFT JOIN seance s ON s.id = h.seance_id LEFT JOIN comite co ON co.id = s.comite_id
    LEFT JOIN retour r ON r.id = h.retour_id
    WHERE h.engagement_id = :id ORDER BY h.le DESC, h.id DESC LIMIT :limit""")
NOTES_SQL = """
    SELECT n.id, co.nom, s.date, n.type, n.texte, n.confidentielle, n.cree_le, n.engagement_id
    FROM note n JOIN seance s ON s.id = n.seance_id JOIN comite co ON co.id = s.comite_id"""
_NOTES = text(NOTES_SQL + " WHERE n.engagement_id = :id ORDER BY s.date DESC, n.id DESC LIMIT :limit")


def _seance(comite: str | None, date: str | None) -> str | None:
    return f"{comite} · {dt.date.fromisoformat(date):%d/%m/%Y}" if comite and date else None


def note_ligne(r: tuple) -> NoteLigne:  # type: ignore[type-arg]
    return NoteLigne(r[0], r[1], dt.date.fromisoformat(r[2]), r[3], r[4], bool(r[5]), r[6], r[7])


def detail_engagement(db: Database, engagement_id: int, today: dt.date, *, limit: int = 50) -> EngagementDetail | None:
    params = {"id": engagement_id, "today": today.isoformat(), "limit": limit}
    with db.read() as session:
        head = session.execute(_HEAD, params).first()
        if head is None:
            return None
        echeances = session.execute(_ECHEANCES, params).all()
        historique = session.execute(_HISTORIQUE, params).all()
        notes = session.execute(_NOTES, params).all()
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
    )
