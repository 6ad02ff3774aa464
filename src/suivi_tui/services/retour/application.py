"""Applying the kept changes of a returned fiche in one transaction, each with its source; undoing them as one step.

The source is a `retour` row (file, its SHA-256, the fiche's export identity and instant, who it
was for) that every historique row and note written by the import names (retour_id). Each kept
change is checked again inside the transaction: a statut that moved since the preview (another
window, another program) is left alone and said, never overwritten.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from dataclasses import dataclass

from sqlalchemy import delete, exists, func, select
from sqlalchemy.orm import Session

from suivi_tui.dates import format_date, format_echeance
from suivi_tui.db.database import Database
from suivi_tui.db.models import Echeance, Engagement, Historique, Note, Reglage, Retour, Seance
from suivi_tui.erreurs import ErreurSuivi
from suivi_tui.services.changement import Changement
from suivi_tui.services.edition import historiser
from suivi_tui.services.fiche import retour_de
from suivi_tui.services.retour.comparaison import Apercu, Proposition
from suivi_tui.services.retour.texte import resume
from suivi_tui.services.saisie import SaisieInvalide
from suivi_tui.services.seances.registre import seance_ouverte_cle
from suivi_tui.services.vocabulaire import echeance_en_clair, libelle_statut
from suivi_tui.today import now_utc


class RetourImpossible(ErreurSuivi, ValueError):
    """The kept changes cannot be applied as asked (no comité for the comments); nothing was written."""


@dataclass(frozen=True)
class ResultatRetour:
    changement: Changement | None  # None: nothing was written (nothing kept, or nothing left to do)
    appliquees: tuple[Proposition, ...]
    ignorees: tuple[tuple[Proposition, str], ...]  # kept, but the base moved since the preview: why


class _RienAEcrire(Exception):
    """Every kept change turned out to be done already: the transaction is rolled back, no retour row left."""


def appliquer(db: Database, apercu: Apercu, gardees: Collection[int], today: dt.date) -> ResultatRetour:
    """Write the kept propositions of apercu in one transaction; the Changement undoes them all at once."""
    retenues = [p for p in apercu.propositions if p.numero in gardees]
    if not retenues:
        return ResultatRetour(None, (), ())
    if any(p.genre == "note" for p in retenues) and apercu.comite_id is None:
        raise RetourImpossible(
            "La fiche contient des commentaires : choisissez le comité dont le journal les recevra. "
            "Rien n'a été modifié."
        )
    appliquees: list[Proposition] = []
    ignorees: list[tuple[Proposition, str]] = []
    try:
        with db.write() as session:
            ecriture = _Ecriture(session, apercu, today)
            for p in retenues:
                raison = ecriture.appliquer(p)
                if raison is None:
                    appliquees.append(p)
                else:
                    ignorees.append((p, raison))
            if not appliquees:
                raise _RienAEcrire
            changement = ecriture.changement(resume(apercu, {p.numero for p in appliquees}))
    except _RienAEcrire:
        return ResultatRetour(None, (), tuple(ignorees))
    return ResultatRetour(changement, tuple(appliquees), tuple(ignorees))


class _Ecriture:
    """One import's transaction: its retour row, the séance that stamps it, what undo will need."""

    def __init__(self, session: Session, apercu: Apercu, today: dt.date) -> None:
        meta = apercu.fiche.meta
        self.session, self.apercu, self.today = session, apercu, today
        self.retour = Retour(
            contrat_id=apercu.contrat_id,
            export_uuid=meta.export,
            exporte_le=meta.exporte_le,
            destinataire_genre=meta.pour_genre,
            destinataire=meta.pour,
            fichier=apercu.fiche.fichier,
            fichier_sha256=apercu.fiche.sha256,
            importe_le=now_utc(),
        )
        session.add(self.retour)
        session.flush()
        # Read again here, not taken from the preview: the séance may have been closed meanwhile.
        ouverte = session.scalar(select(Reglage.valeur).where(Reglage.cle == seance_ouverte_cle(apercu.contrat_id)))
        seance = session.get(Seance, int(ouverte)) if ouverte and ouverte.isdigit() else None
        self.seance = seance
        self.modifie_le_avant: dict[int, str] = {}

    def appliquer(self, p: Proposition) -> str | None:
        """Apply one proposition; None when done, else why it was left alone."""
        engagement = self.session.get(Engagement, p.engagement_id)
        if engagement is None:
            return "l'engagement a été supprimé entre-temps"
        if p.genre == "statut":
            return self._statut(engagement, p)
        if p.genre == "note":
            return self._note(engagement, p)
        return self._echeance(engagement, p)

    def _historiser(
        self, engagement_id: int, champ: str, ancien: str | None, nouveau: str | None, **autres: int
    ) -> None:
        seance_id = self.seance.id if self.seance is not None else None
        historiser(
            self.session, engagement_id, champ, ancien, nouveau, seance_id=seance_id, retour_id=self.retour.id, **autres
        )

    def _statut(self, engagement: Engagement, p: Proposition) -> str | None:
        if engagement.statut != p.avant:
            return f"le statut a changé entre-temps (« {libelle_statut(engagement.statut)} »)"
        self.modifie_le_avant.setdefault(engagement.id, engagement.modifie_le)
        engagement.statut = p.apres
        engagement.modifie_le = now_utc()
        self._historiser(engagement.id, "statut", p.avant, p.apres)
        return None

    def _note(self, engagement: Engagement, p: Proposition) -> str | None:
        deja = select(Note.id).where(Note.engagement_id == engagement.id, Note.texte == p.apres)
        if self.session.scalar(select(exists(deja))):
            return "déjà au journal"
        assert self.apercu.comite_id is not None
        note = Note(
            comite_id=self.apercu.comite_id,
            seance_id=self._seance_des_notes(),
            engagement_id=engagement.id,
            type="info",
            texte=p.apres,
            confidentielle=0,
            cree_le=now_utc(),
            retour_id=self.retour.id,
        )
        self.session.add(note)
        return None

    def _seance_des_notes(self) -> int | None:
        """The open séance when it is the comité's; else none: the note is in the comité's journal « hors séance »."""
        if self.seance is not None and self.seance.comite_id == self.apercu.comite_id:
            return self.seance.id
        return None

    def _echeance(self, engagement: Engagement, p: Proposition) -> str | None:
        precision = p.precision or "jour"
        deja = select(Echeance.id).where(
            Echeance.engagement_id == engagement.id, Echeance.date == p.apres, Echeance.precision == precision
        )
        if self.session.scalar(select(exists(deja))):
            return "cette échéance existe déjà"
        echeance = Echeance(
            engagement_id=engagement.id,
            libelle=retour_de(self.apercu.fiche.meta.pour),
            date=p.apres,
            precision=precision,
        )
        self.session.add(echeance)
        self.session.flush()
        quand = format_echeance(dt.date.fromisoformat(p.apres), precision)
        self._historiser(
            engagement.id, "echeance.ajout", None, echeance_en_clair(quand, echeance.libelle), echeance_id=echeance.id
        )
        return None

    def changement(self, resume_: str) -> Changement:
        meta = self.apercu.fiche.meta
        exporte = dt.datetime.strptime(meta.exporte_le, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=dt.UTC)
        return Changement(
            "retour",
            f"{retour_de(meta.pour)} (fiche du {format_date(exporte.astimezone().date())}) importé : {resume_}",
            cible_id=self.retour.id,
            donnees=tuple(f"{eid}={avant}" for eid, avant in self.modifie_le_avant.items()),
        )


def annuler_retour(session: Session, changement: Changement) -> None:
    """Undo a whole import (in the caller's transaction); SaisieInvalide when something it wrote has moved since."""
    retour_id = changement.cible_id
    lignes = session.scalars(select(Historique).where(Historique.retour_id == retour_id)).all()
    modifie_le = dict(d.split("=", 1) for d in changement.donnees if d)
    for h in lignes:
        if h.champ != "statut":
            continue
        engagement = session.get(Engagement, h.engagement_id)
        if engagement is None or engagement.statut != h.nouveau:
            raise SaisieInvalide("Un statut importé a changé depuis : annulation de l'import impossible.")
        engagement.statut = h.ancien or "a_venir"
        engagement.modifie_le = modifie_le.get(str(h.engagement_id), engagement.modifie_le)
    echeances = [h.echeance_id for h in lignes if h.champ == "echeance.ajout" and h.echeance_id is not None]
    autres = (
        select(func.count())
        .select_from(Historique)
        .where(Historique.echeance_id.in_(echeances), Historique.retour_id.is_distinct_from(retour_id))
    )
    if echeances and session.scalar(autres):
        raise SaisieInvalide(
            "Une échéance importée a été faite ou modifiée depuis : annulation de l'import impossible."
        )
    session.execute(delete(Echeance).where(Echeance.id.in_(echeances)))
    session.execute(delete(Note).where(Note.retour_id == retour_id))
    session.execute(delete(Historique).where(Historique.retour_id == retour_id))
    session.execute(delete(Retour).where(Retour.id == retour_id))
