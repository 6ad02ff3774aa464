"""The fiche de suivi sent to one partie or pilote: its rows and its origin, then written as .xlsx or .csv.

The partner fills it in and sends it back; `suivi import` reads it (services/retour). What the
fiche holds is minimal: the engagements of its destinataire, their statut, open échéances and
last decision — never a confidential note.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from importlib import import_module
from pathlib import Path

from suivi_tui.db.database import Lecture, lit
from suivi_tui.services.export.destinataires import Destinataire, concerne, trouver_destinataire
from suivi_tui.services.export.donnees import Donnees, charger
from suivi_tui.services.export.mise_en_forme import quand
from suivi_tui.services.fiche import VERSION, Meta
from suivi_tui.today import iso_utc


@dataclass(frozen=True)
class LigneFiche:
    uuid: str
    axe: str  # « I — Développement économique et emploi »
    partie: str  # short name
    libelle: str
    pilote: str
    statut: str  # code, as at export
    echeances: str  # « T3 2021 ; 31/12/2022 (en retard) »
    decision: str  # « 15/03/2021 : … », or empty


@dataclass(frozen=True)
class FicheDonnees:
    meta: Meta
    destinataire: Destinataire
    exporte_le: dt.datetime  # aware, local (what the fiche says it was made at)
    lignes: tuple[LigneFiche, ...]


@lit
def preparer(
    lecture: Lecture, contrat_id: int | None, pour: str, today: dt.date, *, exporte_le: dt.datetime | None = None
) -> FicheDonnees:
    """The fiche for the partie or pilote `pour` names (ExportInvalide when it names none, or several)."""
    donnees = charger(lecture, contrat_id, today, inclure_confidentiel=False)
    destinataire = trouver_destinataire(lecture, donnees.contrat.id, pour)
    base = lecture.execute("SELECT uuid FROM base").scalar()
    uuids: dict[int, str] = {
        r[0]: r[1]
        for r in lecture.execute(
            "SELECT e.id, e.uuid FROM engagement e JOIN axe a ON a.id = e.axe_id WHERE a.contrat_id = :c",
            {"c": donnees.contrat.id},
        )
    }
    instant = exporte_le or donnees.exporte_le
    meta = Meta(
        version=VERSION,
        base=str(base),
        contrat=donnees.contrat.uuid,
        contrat_titre=donnees.contrat.titre,
        export=str(uuid.uuid4()),
        exporte_le=iso_utc(instant),
        pour_genre=destinataire.genre,
        pour=destinataire.nom,
    )
    return FicheDonnees(meta, destinataire, instant, tuple(_lignes(donnees, destinataire, uuids)))


def _lignes(d: Donnees, destinataire: Destinataire, uuids: dict[int, str]) -> list[LigneFiche]:
    lignes = []
    for e in d.engagements:
        partie = d.partie(e.partie_id)
        if not concerne(destinataire, partie.nom, e.pilote):
            continue
        axe = d.axe(e.axe_id)
        ouvertes = sorted((x for x in d.echeances_de(e.id) if x.ouverte), key=lambda x: (x.date, x.id))
        echeances = " ; ".join(quand(x) + (" (en retard)" if x.en_retard else "") for x in ouvertes)
        decision = next((n for n in d.notes_de(e.id) if n.type == "decision"), None)
        lignes.append(
            LigneFiche(
                uuid=uuids[e.id],
                axe=f"{axe.numero} — {axe.titre}",
                partie=partie.nom_court,
                libelle=e.libelle,
                pilote=e.pilote or "",
                statut=e.statut,
                echeances=echeances,
                decision=f"{decision.seance_date:%d/%m/%Y} : {decision.texte}" if decision else "",
            )
        )
    return lignes


_ECRIVAINS = {"xlsx": "fiche_classeur", "csv": "fiche_csv"}


def ecrire(fiche: FicheDonnees, fmt: str, tmp: Path) -> int:
    """Write the fiche as fmt (xlsx or csv) to tmp; returns its number of engagements."""
    module = import_module(f"suivi_tui.services.export.{_ECRIVAINS[fmt]}")
    module.ecrire(fiche, tmp)
    return len(fiche.lignes)
