"""The calendar export (icalendar): one all-day event per open échéance and one per séance, stable UIDs."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from suivi_tui.dates import format_date
from suivi_tui.services.export.cellules import exportable
from suivi_tui.services.export.donnees import Donnees, EcheanceExport, SeanceExport
from suivi_tui.services.export.mise_en_forme import quand, reference
from suivi_tui.services.vocabulaire import STATUTS_CLOS, libelle_statut
from suivi_tui.texte import court

LONGUEUR_RESUME = 60


def uid(identite: str) -> str:
    """An event's UID is the row's own random identity (RFC 7986 recommends a UUID): two colleagues'
    bases never share one, and renaming the contrat or re-exporting keeps every event the same."""
    return identite


def echeances_au_calendrier(donnees: Donnees) -> list[EcheanceExport]:
    """Open échéances of engagements still running: the ones a colleague still has to meet."""
    return [
        x for x in donnees.echeances if x.ouverte and donnees.engagement(x.engagement_id).statut not in STATUTS_CLOS
    ]


def ecrire(donnees: Donnees, tmp: Path, *, table: str = "engagements") -> int:
    """Write the calendar to tmp; returns the number of events."""
    from icalendar import Calendar

    titre = donnees.contrat.titre
    cal = Calendar.new(
        prodid="-//suivi//Contrat de ville//FR",
        name=_texte(titre),
        language="fr",
        uid=uid(donnees.contrat.uuid),
        description=_texte(f"Échéances et séances — {titre}"),
    )
    stamp = dt.datetime.now(dt.UTC).replace(microsecond=0)
    evenements = [_evenement_echeance(donnees, x, stamp) for x in echeances_au_calendrier(donnees)]
    evenements += [_evenement_seance(donnees, s, stamp) for s in donnees.seances]
    for evenement in evenements:
        cal.add_component(evenement)
    tmp.write_bytes(cal.to_ical())
    return len(evenements)


def _texte(texte: str) -> str:
    return exportable(texte)


def _evenement_echeance(donnees: Donnees, x: EcheanceExport, stamp: dt.datetime) -> Any:
    from icalendar import Event
    from icalendar.enums import TRANSP

    e = donnees.engagement(x.engagement_id)
    # « En retard » is true at export time only: it goes in the category and the description, where a
    # later export replaces it, never in the title a calendar keeps showing.
    resume = f"[{reference(donnees, e)}] {court(x.libelle or e.libelle, LONGUEUR_RESUME)}"
    precise = quand(x) == format_date(x.date)
    lignes = [f"Date : {quand(x)}" + ("" if precise else f" (au plus tard le {format_date(x.date)})")]
    if x.en_retard:
        lignes.append(f"EN RETARD au {format_date(donnees.today)}")
    if x.libelle:
        lignes.append(f"Échéance : {x.libelle}")
    lignes += [
        f"Engagement : {e.libelle}",
        f"Statut : {libelle_statut(e.statut)}",
        f"Pilote : {e.pilote or 'non désigné'}",
        f"Contrat : {donnees.contrat.titre}",
    ]
    return Event.new(
        uid=uid(x.uuid),
        stamp=stamp,
        start=x.date,
        end=x.date + dt.timedelta(days=1),
        summary=_texte(resume),
        description=_texte("\n".join(lignes)),
        transparency=TRANSP.TRANSPARENT,
        categories=["Échéance", "En retard"] if x.en_retard else ["Échéance"],
    )


def _evenement_seance(donnees: Donnees, s: SeanceExport, stamp: dt.datetime) -> Any:
    from icalendar import Event

    lignes = [f"Séance du comité « {s.comite} » du {format_date(s.date)}", f"Contrat : {donnees.contrat.titre}"]
    if s.participants:
        lignes.append(f"Participants : {s.participants}")
    return Event.new(
        uid=uid(s.uuid),
        stamp=stamp,
        start=s.date,
        end=s.date + dt.timedelta(days=1),
        summary=_texte(f"Comité : {s.comite}"),
        description=_texte("\n".join(lignes)),
        location=_texte(s.lieu) or None,
        categories=["Séance"],
    )
