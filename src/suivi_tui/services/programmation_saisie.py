"""An action of the programmation entered or corrected from the keyboard: checked, written in one transaction, undoable.

The form ($, or entrée in the programmation view) gives an ActionSaisie; `verifier_action` (in
programmation.py, with no database library: the form asks it too, before closing) refuses in French
what cannot be saved. A new action, undone, goes; a corrected
one gets back what it was (its objectives and amounts included), unless it changed since.
"""

from __future__ import annotations

import json

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from suivi_tui.db.database import Database
from suivi_tui.db.models import Axe, Financement, Programmation, ProgrammationObjectif
from suivi_tui.services.changement import Changement
from suivi_tui.services.programmation import ActionSaisie, FinancementInfo, euros, verifier_action
from suivi_tui.services.saisie import SaisieInvalide
from suivi_tui.today import now_utc


def _etat(session: Session, action: Programmation) -> str:
    """The action as one text: what undo compares (did it change since?) and restores."""
    objectifs = sorted(
        session.scalars(select(ProgrammationObjectif.axe_id).where(ProgrammationObjectif.programmation_id == action.id))
    )
    financements = [  # in the order they were entered: the form shows them so, undo gives them back so
        (f.financeur, f.demande_centimes, f.accorde_centimes)
        for f in session.scalars(
            select(Financement).where(Financement.programmation_id == action.id).order_by(Financement.id)
        )
    ]
    return json.dumps(
        {
            "annee": action.annee,
            "porteur": action.porteur,
            "intitule": action.intitule,
            "dauphin": action.dauphin,
            "cpo": action.cpo,
            "objectifs": objectifs,
            "financements": financements,
        },
        ensure_ascii=False,
        sort_keys=True,
    )


def _poser(session: Session, action: Programmation, saisie: ActionSaisie) -> None:
    """The action's fields, objectives and amounts set to saisie's (the former ones replaced)."""
    action.annee, action.porteur, action.intitule = saisie.annee, saisie.porteur, saisie.intitule
    action.dauphin, action.cpo = saisie.dauphin, saisie.cpo
    session.flush()
    session.execute(delete(ProgrammationObjectif).where(ProgrammationObjectif.programmation_id == action.id))
    session.execute(delete(Financement).where(Financement.programmation_id == action.id))
    session.add_all(ProgrammationObjectif(programmation_id=action.id, axe_id=a) for a in saisie.objectifs)
    session.add_all(
        Financement(
            programmation_id=action.id, financeur=f.financeur, demande_centimes=f.demande, accorde_centimes=f.accorde
        )
        for f in saisie.financements
    )
    session.flush()


def enregistrer_action(
    db: Database, contrat_id: int, saisie: ActionSaisie, action_id: int | None = None
) -> Changement | None:
    """Add the action (action_id None) or correct it; None when nothing changed. One transaction, undoable."""
    saisie = verifier_action(saisie)
    with db.write() as session:
        axes = set(session.scalars(select(Axe.id).where(Axe.contrat_id == contrat_id)))
        if not set(saisie.objectifs) <= axes:
            raise SaisieInvalide("Un des objectifs cochés n'existe plus dans ce contrat : rouvrez le formulaire.")
        autre = session.scalar(
            select(Programmation.id).where(
                Programmation.contrat_id == contrat_id,
                Programmation.annee == saisie.annee,
                Programmation.porteur == saisie.porteur,
                Programmation.intitule == saisie.intitule,
                Programmation.id != (action_id or 0),
            )
        )
        if autre is not None:
            raise SaisieInvalide(
                f"« {saisie.porteur} » a déjà l'action « {saisie.intitule} » en {saisie.annee} : "
                "modifiez-la depuis la programmation (F, puis entrée sur l'action)."
            )
        if action_id is None:
            action = Programmation(contrat_id=contrat_id, annee=saisie.annee, cree_le=now_utc())
            action.porteur, action.intitule = saisie.porteur, saisie.intitule
            session.add(action)
            avant = None
        else:
            trouvee = session.get(Programmation, action_id)
            if trouvee is None or trouvee.contrat_id != contrat_id:
                raise SaisieInvalide("Cette action n'existe plus (supprimée entre-temps ?) : rien n'a été écrit.")
            action, avant = trouvee, _etat(session, trouvee)
        _poser(session, action, saisie)
        apres = _etat(session, action)
        if apres == avant:
            return None
        quoi = "Action programmée" if avant is None else "Action modifiée"
        return Changement(
            "programmation",
            f"{quoi} ({saisie.annee}) : {saisie.porteur} — {saisie.intitule}, {euros(saisie.accorde)} accordés "
            f"sur {euros(saisie.demande)} demandés",
            cible_id=action.id,
            ancien=avant,
            nouveau=apres,
        )


def annuler_action(session: Session, changement: Changement) -> None:
    """Undo: a new action goes (its objectives and amounts with it); a corrected one is as it was."""
    action = session.get(Programmation, changement.cible_id)
    if action is None:
        raise SaisieInvalide("L'action n'existe plus : rien à annuler.")
    if _etat(session, action) != changement.nouveau:
        raise SaisieInvalide("L'action a changé depuis : annulation impossible.")
    if changement.ancien is None:
        session.execute(delete(ProgrammationObjectif).where(ProgrammationObjectif.programmation_id == action.id))
        session.execute(delete(Financement).where(Financement.programmation_id == action.id))
        session.delete(action)
        return
    avant = json.loads(changement.ancien)
    _poser(
        session,
        action,
        ActionSaisie(
            avant["annee"],
            avant["porteur"],
            avant["intitule"],
            avant["dauphin"],
            avant["cpo"],
            tuple(avant["objectifs"]),
            tuple(FinancementInfo(*f) for f in avant["financements"]),
        ),
    )
