"""Commands: each change is one transaction that also writes its historique row."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from suivi_tui.dates import Precision, format_echeance
from suivi_tui.db.engine import Database
from suivi_tui.db.models import Comite, Echeance, Engagement, Historique, Note, Seance
from suivi_tui.erreurs import ErreurSuivi
from suivi_tui.services.vocabulaire import STATUTS, TYPES_NOTE, libelle_statut
from suivi_tui.today import now_utc


class SaisieInvalide(ErreurSuivi, ValueError):
    """The input cannot be saved as it is; the message (French) says why. Nothing was written."""


# C0 controls but tab and line feed (a note holds several lines), DEL and the C1 controls, and the
# Unicode bidi controls (embeddings, overrides, isolates, marks): invisible, they reorder what a
# line shows (« Trojan Source ») in the app, a report or a spreadsheet.
_CONTROLES = dict.fromkeys(
    [
        *(c for c in range(32) if chr(c) not in "\n\t"),
        *range(0x7F, 0xA0),
        0x061C,
        0x200E,
        0x200F,
        *range(0x202A, 0x202F),
        *range(0x2066, 0x206A),
    ]
)


def nettoyer_saisie(texte: str) -> str:
    """Typed, pasted or imported text without control characters (a NUL would cut the text in SQLite)."""
    return texte.translate(_CONTROLES)


@dataclass(frozen=True)
class Changement:
    """What a command did: the toast's text, and enough to undo it."""

    genre: str
    message: str
    engagement_id: int | None = None
    historique_id: int | None = None
    cible_id: int | None = None  # the échéance, note or comité the command created or changed
    ancien: str | None = None
    nouveau: str | None = None
    modifie_le_avant: str | None = None
    seance_creee: int | None = None
    donnees: tuple[str | None, ...] = ()


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


PILOTE_MAX = 200


def pilote_valide(pilote: str | None) -> str | None:
    """The pilote as it will be saved (None: no pilote); SaisieInvalide when it cannot be. The dialog asks it too."""
    propre = " ".join(nettoyer_saisie(pilote or "").split()) or None
    if propre is not None and len(propre) > PILOTE_MAX:
        raise SaisieInvalide(
            f"Le nom du pilote est trop long ({len(propre)} caractères, {PILOTE_MAX} au plus) : raccourcissez-le."
        )
    return propre


def basculer_a_discuter(db: Database, engagement_id: int, *, seance_id: int | None = None) -> Changement:
    with db.read() as session:
        actuel = _engagement(session, engagement_id).a_discuter
    changement = _changer_champ(db, engagement_id, "a_discuter", "0" if actuel else "1", seance_id)
    assert changement is not None
    return changement


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
            f"{quand} {texte}".strip(),
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


def supprimer_echeance(db: Database, echeance_id: int, *, seance_id: int | None = None) -> Changement:
    with db.write() as session:
        echeance = session.get(Echeance, echeance_id)
        if echeance is None:
            raise SaisieInvalide(f"L'échéance n°{echeance_id} n'existe pas.")
        quand = format_echeance(dt.date.fromisoformat(echeance.date), echeance.precision)
        donnees = (echeance.libelle, echeance.date, echeance.precision, echeance.faite_le)
        engagement_id = echeance.engagement_id
        session.delete(echeance)
        session.flush()
        hid = historiser(
            session,
            engagement_id,
            "echeance.suppression",
            f"{quand} {echeance.libelle}".strip(),
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


def seance_du_jour(session: Session, comite_id: int, date: dt.date) -> tuple[int, bool]:
    """The comité's séance on that date, created if needed: (id, created)."""
    existing = session.scalar(select(Seance.id).where(Seance.comite_id == comite_id, Seance.date == date.isoformat()))
    if existing is not None:
        return existing, False
    if session.get(Comite, comite_id) is None:
        raise SaisieInvalide(f"Le comité n°{comite_id} n'existe pas.")
    seance = Seance(comite_id=comite_id, date=date.isoformat(), lieu="", participants="")
    session.add(seance)
    session.flush()
    return seance.id, True


def ajouter_note(
    db: Database,
    comite_id: int,
    texte: str,
    *,
    type: str = "info",
    engagement_id: int | None = None,
    confidentielle: bool = False,
    date: dt.date,
    seance_id: int | None = None,
) -> Changement:
    """Add a note to the comité's log, in seance_id or in the comité's séance of that date."""
    propre = nettoyer_saisie(texte).strip()
    if not propre:
        raise SaisieInvalide("La note est vide : écrivez ce qui a été dit ou décidé.")
    if type not in TYPES_NOTE:
        raise SaisieInvalide(f"Type de note inconnu : « {type} » (info, décision ou action).")
    with db.write() as session:
        creee = None
        if seance_id is None:
            seance_id, nouvelle = seance_du_jour(session, comite_id, date)
            creee = seance_id if nouvelle else None
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
        nombre = session.scalar(select(func.count()).select_from(Note).where(Note.seance_id == seance_id))
    genre = TYPES_NOTE[type].lower()
    return Changement(
        "note",
        f"Note ({genre}) ajoutée au journal — {nombre} dans la séance",
        engagement_id,
        None,
        note.id,
        seance_creee=creee,
    )
