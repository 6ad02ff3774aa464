"""The points of a séance: treated one after the other (« point suivant »), and the « à discuter » marks they clear."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select, text

from suivi_tui.db.engine import Database
from suivi_tui.db.models import Engagement, PointTraite, Seance
from suivi_tui.services.commandes import Changement, SaisieInvalide, historiser
from suivi_tui.today import now_utc


@dataclass(frozen=True)
class PointARetirer:
    """An engagement on the agenda (« à discuter ») that the séance treated: its mark can go."""

    engagement_id: int
    libelle: str


def marquer_traite(db: Database, seance_id: int, engagement_id: int) -> bool:
    """Record that the séance treated this point; False when it already was."""
    with db.write() as session:
        if session.get(Seance, seance_id) is None:
            raise SaisieInvalide("La séance n'existe plus : rouvrez-la avec m.")
        if session.get(PointTraite, (seance_id, engagement_id)) is not None:
            return False
        session.add(PointTraite(seance_id=seance_id, engagement_id=engagement_id, traite_le=now_utc()))
    return True


def points_traites(db: Database, seance_id: int) -> frozenset[int]:
    """The engagements the séance has marked as treated."""
    with db.read() as session:
        return frozenset(session.scalars(select(PointTraite.engagement_id).where(PointTraite.seance_id == seance_id)))


# Treated in the séance: marked so (« point suivant »), or a note or a change recorded in it. Not the
# « à discuter » toggle itself: a point put on the agenda during a séance is for the next one.
_A_RETIRER = text("""
    SELECT e.id, e.libelle FROM engagement e JOIN seance s ON s.id = :s
    WHERE e.a_discuter = 1 AND (e.a_discuter_comite_id IS NULL OR e.a_discuter_comite_id = s.comite_id)
      AND (EXISTS (SELECT 1 FROM point_traite t WHERE t.seance_id = s.id AND t.engagement_id = e.id)
           OR EXISTS (SELECT 1 FROM note n WHERE n.seance_id = s.id AND n.engagement_id = e.id)
           OR EXISTS (SELECT 1 FROM historique h WHERE h.seance_id = s.id AND h.engagement_id = e.id
                      AND h.champ <> 'a_discuter'))
    ORDER BY (SELECT a.ordre FROM axe a WHERE a.id = e.axe_id), e.ordre, e.id""")


def a_retirer_apres_seance(db: Database, seance_id: int) -> tuple[PointARetirer, ...]:
    """The points « à discuter » for this séance's comité that the séance treated."""
    with db.read() as session:
        return tuple(PointARetirer(r[0], r[1]) for r in session.execute(_A_RETIRER, {"s": seance_id}).all())


def retirer_a_discuter(db: Database, seance_id: int, engagement_ids: list[int]) -> Changement | None:
    """Take these engagements off the agenda, stamped with the séance that treated them: one undoable step."""
    lot = []
    with db.write() as session:
        for engagement_id in engagement_ids:
            engagement = session.get(Engagement, engagement_id)
            if engagement is None or not engagement.a_discuter:
                continue
            comite_avant, avant = engagement.a_discuter_comite_id, engagement.modifie_le
            engagement.a_discuter, engagement.a_discuter_comite_id = 0, None
            engagement.modifie_le = now_utc()
            hid = historiser(session, engagement_id, "a_discuter", "1", "0", seance_id=seance_id)
            lot.append(
                Changement(
                    "a_discuter",
                    "Retiré de l'ordre du jour",
                    engagement_id,
                    hid,
                    None,
                    "1",
                    "0",
                    avant,
                    donnees=(str(comite_avant) if comite_avant is not None else None,),
                )
            )
    if not lot:
        return None
    quoi = "1 point retiré" if len(lot) == 1 else f"{len(lot)} points retirés"
    return Changement("lot", f"{quoi} de l'ordre du jour (traités en séance)", lot=tuple(lot))
