"""Changes to engagements, échéances, notes and comités: each one transaction that also writes its historique row."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from suivi_tui.dates import Precision, format_echeance
from suivi_tui.db.database import Database
from suivi_tui.db.models import Comite, Echeance, Engagement, Historique, Note, Seance
from suivi_tui.services.changement import Changement
from suivi_tui.services.saisie import SaisieInvalide, nettoyer_saisie, pilote_valide
from suivi_tui.services.vocabulaire import STATUTS, STATUTS_CLOS, TYPES_NOTE, echeance_en_clair, libelle_statut
from suivi_tui.today import now_utc


def historiser(
    session: Session,
    engagement_id: int,
    champ: str,
    ancien: str | None,
    nouveau: str | None,
    *,
    seance_id: int | None = None,
    echeance_id: int | None = None,
    retour_id: int | None = None,
) -> int:
    row = Historique(
        engagement_id=engagement_id,
        champ=champ,
        ancien=ancien,
        nouveau=nouveau,
        le=now_utc(),
        seance_id=seance_id,
        echeance_id=echeance_id,
        retour_id=retour_id,
    )
    session.add(row)
    session.flush()
    return row.id


def _engagement(session: Session, engagement_id: int) -> Engagement:
    engagement = session.get(Engagement, engagement_id)
    if engagement is None:
        raise SaisieInvalide(f"L'engagement n°{engagement_id} n'existe pas (supprimé entre-temps ?).")
    return engagement


def _changer_champ(
    db: Database, engagement_id: int, champ: str, nouveau: str | None, seance_id: int | None
) -> Changement | None:
    with db.write() as session:
        engagement = _engagement(session, engagement_id)
        ancien = getattr(engagement, champ)
        if champ == "a_discuter":
            ancien = str(ancien)
        if ancien == nouveau:
            return None
        avant = engagement.modifie_le
        setattr(engagement, champ, int(nouveau) if champ == "a_discuter" and nouveau is not None else nouveau)
        engagement.modifie_le = now_utc()
        hid = historiser(session, engagement_id, champ, ancien, nouveau, seance_id=seance_id)
    return Changement(champ, _message(champ, ancien, nouveau), engagement_id, hid, None, ancien, nouveau, avant)


def _message(champ: str, ancien: str | None, nouveau: str | None) -> str:
    if champ == "statut":
        return f"Statut : {libelle_statut(ancien or '')} → {libelle_statut(nouveau or '')}"
    if champ == "pilote":
        return f"Pilote : {nouveau}" if nouveau else "Pilote retiré"
    return "Mis à l'ordre du jour (à discuter)" if nouveau == "1" else "Retiré de l'ordre du jour"


def changer_statut(db: Database, engagement_id: int, statut: str, *, seance_id: int | None = None) -> Changement | None:
    """Set the statut; None when it already had that value (nothing written)."""
    if statut not in STATUTS:
        raise SaisieInvalide(f"Statut inconnu : « {statut} ». Choix : {', '.join(STATUTS.values())}.")
    return _changer_champ(db, engagement_id, "statut", statut, seance_id)


def changer_pilote(
    db: Database, engagement_id: int, pilote: str | None, *, seance_id: int | None = None
) -> Changement | None:
    """Set (or clear, with an empty text) the pilote."""
    return _changer_champ(db, engagement_id, "pilote", pilote_valide(pilote), seance_id)


def basculer_a_discuter(db: Database, engagement_id: int, *, seance_id: int | None = None) -> Changement:
    """Put the engagement on the agenda (« à discuter »), or take it off.

    Put on during a séance, the point belongs to that séance's comité: it is on that comité's next
    agenda, not on every comité's. Outside a séance it is for whichever comité meets next.
    """
    with db.write() as session:
        engagement = _engagement(session, engagement_id)
        ancien, comite_avant = str(engagement.a_discuter), engagement.a_discuter_comite_id
        nouveau = "0" if engagement.a_discuter else "1"
        comite = None
        if nouveau == "1" and seance_id is not None:
            comite = session.scalar(select(Seance.comite_id).where(Seance.id == seance_id))
        avant = engagement.modifie_le
        engagement.a_discuter, engagement.a_discuter_comite_id = int(nouveau), comite
        engagement.modifie_le = now_utc()
        hid = historiser(session, engagement_id, "a_discuter", ancien, nouveau, seance_id=seance_id)
        nom = session.scalar(select(Comite.nom).where(Comite.id == comite)) if comite is not None else None
    message = _message("a_discuter", ancien, nouveau)
    if nom is not None:
        message = f"Mis à l'ordre du jour du comité « {nom} » (à discuter)"
    avant_comite = str(comite_avant) if comite_avant is not None else None
    return Changement("a_discuter", message, engagement_id, hid, None, ancien, nouveau, avant, donnees=(avant_comite,))


def ajouter_echeance(
    db: Database,
    engagement_id: int,
    date: dt.date,
    precision: Precision | str,
    libelle: str = "",
    *,
    seance_id: int | None = None,
) -> Changement:
    texte = " ".join(nettoyer_saisie(libelle).split())
    quand = format_echeance(date, precision)
    with db.write() as session:
        _engagement(session, engagement_id)
        echeance = Echeance(engagement_id=engagement_id, libelle=texte, date=date.isoformat(), precision=str(precision))
        session.add(echeance)
        session.flush()
        hid = historiser(
            session,
            engagement_id,
            "echeance.ajout",
            None,
            echeance_en_clair(quand, texte),
            seance_id=seance_id,
            echeance_id=echeance.id,
        )
    return Changement("echeance.ajout", f"Échéance ajoutée : {quand}", engagement_id, hid, echeance.id)


def basculer_echeance_faite(
    db: Database, echeance_id: int, today: dt.date, *, seance_id: int | None = None
) -> Changement:
    """Mark an open échéance done today, or reopen a done one."""
    with db.write() as session:
        echeance = session.get(Echeance, echeance_id)
        if echeance is None:
            raise SaisieInvalide(f"L'échéance n°{echeance_id} n'existe pas.")
        quand = format_echeance(dt.date.fromisoformat(echeance.date), echeance.precision)
        ancien = echeance.faite_le
        echeance.faite_le = None if ancien else today.isoformat()
        champ = "echeance.rouverte" if ancien else "echeance.faite"
        hid = historiser(
            session,
            echeance.engagement_id,
            champ,
            ancien,
            echeance.faite_le,
            seance_id=seance_id,
            echeance_id=echeance_id,
        )
    message = f"Échéance {quand} rouverte" if ancien else f"Échéance {quand} faite"
    return Changement(champ, message, echeance.engagement_id, hid, echeance_id, ancien, echeance.faite_le)


def cloturer_echeances(
    db: Database, engagement_id: int, today: dt.date, *, seance_id: int | None = None
) -> Changement | None:
    """Mark every open échéance of a réalisé or abandonné engagement done today, as one undoable step.

    A closed engagement's open échéances would go on being listed as coming (relevé, agenda,
    calendar) although nothing is expected any more. None when there was none open.
    """
    with db.write() as session:
        engagement = _engagement(session, engagement_id)
        if engagement.statut not in STATUTS_CLOS:
            raise SaisieInvalide(
                f"L'engagement est « {libelle_statut(engagement.statut)} » : ses échéances restent ouvertes."
            )
        ouvertes = session.scalars(
            select(Echeance)
            .where(Echeance.engagement_id == engagement_id, Echeance.faite_le.is_(None))
            .order_by(Echeance.date, Echeance.id)
        ).all()
        lot = []
        for echeance in ouvertes:
            echeance.faite_le = today.isoformat()
            hid = historiser(
                session,
                engagement_id,
                "echeance.faite",
                None,
                echeance.faite_le,
                seance_id=seance_id,
                echeance_id=echeance.id,
            )
            quand = format_echeance(dt.date.fromisoformat(echeance.date), echeance.precision)
            lot.append(
                Changement(
                    "echeance.faite",
                    f"Échéance {quand} faite",
                    engagement_id,
                    hid,
                    echeance.id,
                    None,
                    echeance.faite_le,
                )
            )
    if not lot:
        return None
    message = "Échéance faite" if len(lot) == 1 else f"{len(lot)} échéances faites"
    return Changement("lot", message, engagement_id, lot=tuple(lot))


def supprimer_echeance(db: Database, echeance_id: int, *, seance_id: int | None = None) -> Changement:
    with db.write() as session:
        echeance = session.get(Echeance, echeance_id)
        if echeance is None:
            raise SaisieInvalide(f"L'échéance n°{echeance_id} n'existe pas.")
        quand = format_echeance(dt.date.fromisoformat(echeance.date), echeance.precision)
        donnees = (echeance.libelle, echeance.date, echeance.precision, echeance.faite_le, echeance.uuid)
        engagement_id = echeance.engagement_id
        session.delete(echeance)
        session.flush()
        hid = historiser(
            session,
            engagement_id,
            "echeance.suppression",
            echeance_en_clair(quand, echeance.libelle),
            None,
            seance_id=seance_id,
        )
    return Changement(
        "echeance.suppression", f"Échéance {quand} supprimée", engagement_id, hid, echeance_id, donnees=donnees
    )


def creer_comite(db: Database, contrat_id: int, nom: str, description: str = "") -> Changement:
    propre = " ".join(nettoyer_saisie(nom).split())
    if not propre:
        raise SaisieInvalide("Donnez un nom au comité.")
    try:
        with db.write() as session:
            comite = Comite(contrat_id=contrat_id, nom=propre, description=nettoyer_saisie(description).strip())
            session.add(comite)
            session.flush()
    except IntegrityError:
        raise SaisieInvalide(f"Un comité « {propre} » existe déjà.") from None
    return Changement("comite", f"Comité « {propre} » créé", cible_id=comite.id)


def ajouter_note(
    db: Database,
    comite_id: int,
    texte: str,
    *,
    type: str = "info",
    engagement_id: int | None = None,
    confidentielle: bool = False,
    seance_id: int | None = None,
) -> Changement:
    """Add a note to the comité's log: in seance_id (a séance of that comité), else « hors séance ».

    A note written outside a meeting creates no séance: a séance is a meeting that took place, and
    one made up for a note would show in `seance list`, skew the agenda's estimate of the next
    meeting and change a relevé after the fact.
    """
    propre = nettoyer_saisie(texte).strip()
    if not propre:
        raise SaisieInvalide("La note est vide : écrivez ce qui a été dit ou décidé.")
    if type not in TYPES_NOTE:
        raise SaisieInvalide(f"Type de note inconnu : « {type} » (info, décision ou action).")
    with db.write() as session:
        if session.get(Comite, comite_id) is None:
            raise SaisieInvalide(f"Le comité n°{comite_id} n'existe pas.")
        if engagement_id is not None:
            _engagement(session, engagement_id)
        note = Note(
            comite_id=comite_id,
            seance_id=seance_id,
            engagement_id=engagement_id,
            type=type,
            texte=propre,
            confidentielle=int(confidentielle),
            cree_le=now_utc(),
        )
        session.add(note)
        session.flush()
        ou = "hors séance"
        if seance_id is not None:
            nombre = session.scalar(select(func.count()).select_from(Note).where(Note.seance_id == seance_id))
            ou = f"{nombre} dans la séance"
    genre = TYPES_NOTE[type].lower()
    return Changement("note", f"Note ({genre}) ajoutée au journal — {ou}", engagement_id, None, note.id)
