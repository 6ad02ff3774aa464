"""The « relevé de décisions » of one séance: what it decided, changed and set as next deadlines.

The relevé is meant to leave the machine (mailed to the comité's members), so confidential
notes are left out unless asked for, and only their number is kept (for the sender, not printed).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from suivi_tui.dates import format_echeance
from suivi_tui.db.database import Lecture, lit
from suivi_tui.services.seances.depuis import texte_historique
from suivi_tui.services.seances.journal import SEANCE_SQL, SeanceInfo, seance_info
from suivi_tui.services.vocabulaire import STATUTS_CLOS, echeance_en_clair
from suivi_tui.texte import sans_accents

# Changes a relevé reports; « à discuter » toggles and re-seeded texts are bookkeeping, not decisions.
CHAMPS_RELEVES = (
    "statut",
    "pilote",
    "echeance.ajout",
    "echeance.date",
    "echeance.faite",
    "echeance.rouverte",
    "echeance.suppression",
)
# A statut or pilote changed twice in one séance is reported once, from the first to the last value.
CHAMPS_NETS = ("statut", "pilote")
ECHEANCES_MAX = 30
AUCUN_CHANGEMENT = "Aucun changement de statut, de pilote ou d'échéance."
AUCUNE_ECHEANCE = "Aucune échéance à venir pour les engagements vus en séance."


@dataclass(frozen=True)
class PointReleve:
    """A decision, action or information of the séance, with the engagement it concerns."""

    note_id: int
    type: str
    texte: str
    confidentielle: bool
    engagement_id: int | None
    reference: str | None  # « Axe I · Ville »
    engagement: str | None
    pilote: str | None


@dataclass(frozen=True)
class ChangementReleve:
    engagement_id: int
    reference: str
    engagement: str
    pilote: str | None
    champ: str
    texte: str  # « Statut : À venir → En cours »


@dataclass(frozen=True)
class EcheanceReleve:
    echeance_id: int
    engagement_id: int
    reference: str
    engagement: str
    pilote: str | None
    date: dt.date
    quand: str  # at its precision: « 30/04/2021 », « T3 2021 »
    libelle: str
    en_retard: bool  # already past on the séance's day


@dataclass(frozen=True)
class Releve:
    seance: SeanceInfo
    contrat: str
    decisions: tuple[PointReleve, ...]
    actions: tuple[PointReleve, ...]
    informations: tuple[PointReleve, ...]
    changements: tuple[ChangementReleve, ...]
    echeances: tuple[EcheanceReleve, ...]  # open échéances to come of the engagements seen in the séance
    confidentielles_omises: int
    depassees: tuple[EcheanceReleve, ...] = ()  # their open échéances already past: late, never « à venir »


_ENGAGEMENT = """e.id, 'Axe ' || a.numero || ' · ' || p.nom_court, e.libelle, e.pilote
    FROM engagement e JOIN axe a ON a.id = e.axe_id JOIN partie p ON p.id = e.partie_id"""


def _points(lecture: Lecture, seance_id: int, inclure_confidentiel: bool) -> tuple[list[PointReleve], int]:
    sql = """
        SELECT n.id, n.type, n.texte, n.confidentielle, e.id, 'Axe ' || a.numero || ' · ' || p.nom_court,
               e.libelle, e.pilote
        FROM note n LEFT JOIN engagement e ON e.id = n.engagement_id LEFT JOIN axe a ON a.id = e.axe_id
        LEFT JOIN partie p ON p.id = e.partie_id
        WHERE n.seance_id = :s ORDER BY n.id"""
    points, omises = [], 0
    for r in lecture.execute(sql, {"s": seance_id}).all():
        if r[3] and not inclure_confidentiel:
            omises += 1
            continue
        points.append(PointReleve(r[0], r[1], r[2], bool(r[3]), r[4], r[5], r[6], r[7]))
    return points, omises


def _changements(lecture: Lecture, seance_id: int) -> list[ChangementReleve]:
    sql = f"""
        SELECT h.champ, h.ancien, h.nouveau, x.date, x.precision, x.libelle, {_ENGAGEMENT}
        JOIN historique h ON h.engagement_id = e.id LEFT JOIN echeance x ON x.id = h.echeance_id
        WHERE h.seance_id = :s AND h.champ IN ({", ".join(f"'{c}'" for c in CHAMPS_RELEVES)})
        ORDER BY a.ordre, e.ordre, h.le, h.id"""
    nets: dict[tuple[int, str], list[Any]] = {}
    lignes: list[list[Any]] = []
    for champ, ancien, nouveau, x_date, x_precision, x_libelle, eid, reference, libelle, pilote in lecture.execute(
        sql, {"s": seance_id}
    ).all():
        if champ in CHAMPS_NETS and (eid, champ) in nets:
            nets[(eid, champ)][2] = nouveau
            continue
        echeance = ""
        if x_date:
            echeance = echeance_en_clair(format_echeance(dt.date.fromisoformat(x_date), x_precision), x_libelle)
        ligne = [champ, ancien, nouveau, echeance, eid, reference, libelle, pilote]
        lignes.append(ligne)
        if champ in CHAMPS_NETS:
            nets[(eid, champ)] = ligne
    return [
        ChangementReleve(eid, reference, libelle, pilote, champ, texte_historique(champ, ancien, nouveau, echeance))
        for champ, ancien, nouveau, echeance, eid, reference, libelle, pilote in lignes
        if champ not in CHAMPS_NETS or ancien != nouveau
    ]


def _echeances(lecture: Lecture, engagement_ids: set[int], jour: dt.date) -> list[EcheanceReleve]:
    if not engagement_ids:
        return []
    ids = ", ".join(str(int(i)) for i in sorted(engagement_ids))
    sql = f"""
        SELECT x.id, x.date, x.precision, x.libelle, e.statut, {_ENGAGEMENT}
        JOIN echeance x ON x.engagement_id = e.id
        WHERE e.id IN ({ids}) AND x.faite_le IS NULL ORDER BY x.date, a.ordre, e.ordre, x.id LIMIT :n"""
    lignes = []
    for xid, date_iso, precision, libelle, statut, eid, reference, engagement, pilote in lecture.execute(
        sql, {"n": ECHEANCES_MAX}
    ).all():
        date = dt.date.fromisoformat(date_iso)
        if date < jour and statut in STATUTS_CLOS:
            continue  # a closed engagement's past échéance: neither coming nor late
        lignes.append(
            EcheanceReleve(
                xid,
                eid,
                reference,
                engagement,
                pilote,
                date,
                format_echeance(date, precision),
                libelle,
                date < jour and statut not in STATUTS_CLOS,
            )
        )
    return lignes


@lit
def releve_seance(lecture: Lecture, seance_id: int, *, inclure_confidentiel: bool = False) -> Releve | None:
    """The relevé of the séance, None if it does not exist; confidential notes only when asked for."""
    row = lecture.execute(SEANCE_SQL + " WHERE s.id = :s", {"s": seance_id}).first()
    if row is None:
        return None
    seance = seance_info(tuple(row))
    contrat = lecture.execute(
        "SELECT c.titre FROM contrat c JOIN comite co ON co.contrat_id = c.id WHERE co.id = :c",
        {"c": seance.comite_id},
    ).scalar_one()
    points, omises = _points(lecture, seance_id, inclure_confidentiel)
    changements = _changements(lecture, seance_id)
    vus = {p.engagement_id for p in points if p.engagement_id is not None} | {c.engagement_id for c in changements}
    echeances = _echeances(lecture, vus, seance.date)
    par_type = {t: tuple(p for p in points if p.type == t) for t in ("decision", "action", "info")}
    return Releve(
        seance,
        contrat,
        par_type["decision"],
        par_type["action"],
        par_type["info"],
        tuple(changements),
        tuple(e for e in echeances if e.date >= seance.date),
        omises,
        tuple(e for e in echeances if e.date < seance.date),
    )


def nom_fichier_releve(seance: SeanceInfo, extension: str) -> str:
    """« releve-insertion-socioprofessionnelle-2021-03-15.html »: a safe default file name."""
    nom = re.sub(r"[^a-z0-9]+", "-", sans_accents(seance.comite)).strip("-")[:60] or "comite"
    return f"releve-{nom}-{seance.date.isoformat()}.{extension}"
