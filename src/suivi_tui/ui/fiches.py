"""Fiches de suivi in the app: whom the export dialog offers (x), and importing a returned one (I).

Import: file and comité, reading off the UI thread, the preview, then the app's writer like any
other command: one transaction, one toast, one step on the undo stack (ctrl+z undoes it all).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from dataclasses import replace
from functools import partial
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from suivi_tui.db.database import Database
    from suivi_tui.services.changement import Changement
    from suivi_tui.services.retour.comparaison import Apercu
    from suivi_tui.ui.dialogs.import_fiche import DemandeImport


def importer(app: Any) -> None:
    """Open the import dialog on the contrat shown; the rest follows from the user's answers."""
    from suivi_tui.ui.dialogs.export import dossier_documents
    from suivi_tui.ui.dialogs.import_fiche import ImportDialog

    principal = app.principal
    if principal is None or principal.ecran is None:
        return
    seance = principal.seance
    defaut = seance.comite_id if seance is not None else principal.comite_id

    def demande(d: DemandeImport | None) -> None:
        if d is not None:
            app.run_worker(
                partial(_lire, app, principal.contrat_id, d), thread=True, group="import", exit_on_error=False
            )

    dialogue = ImportDialog(dossier_documents(), list(principal.ecran.comites), defaut)
    app.push_screen(dialogue.brouillon_sous(("import", principal.contrat_id)), demande)


def _lire(app: Any, contrat_id: int, demande: DemandeImport) -> None:
    """In a worker: read the file and compare it with the base (openpyxl is loaded here, not at start)."""
    from suivi_tui.services.retour.comparaison import FicheRefusee, comparer
    from suivi_tui.services.retour.fichier import lire_fiche
    from suivi_tui.services.retour.lecture import FicheIllisible

    try:
        apercu = comparer(app.db, lire_fiche(demande.chemin), comite_id=demande.comite_id)
    except (FicheIllisible, FicheRefusee) as exc:
        app.call_from_thread(app.notify, exc.message, title="Fiche refusée", severity="error", timeout=12)
        return
    if apercu.contrat_id != contrat_id:
        texte = f"Cette fiche porte sur « {apercu.contrat_titre} » : ouvrez ce contrat (touche c), puis importez-la."
        app.call_from_thread(app.notify, texte, title="Autre contrat", severity="warning", timeout=12)
        return
    app.call_from_thread(_montrer, app, apercu)


def _montrer(app: Any, apercu: Apercu) -> None:
    from suivi_tui.ui.screens.retour import RetourScreen

    def choisi(gardees: frozenset[int] | None) -> None:
        if gardees is None:
            app.notify("Import abandonné : rien n'a été écrit.")
        elif not gardees:
            app.notify("Aucun changement gardé : rien n'a été écrit.")
        elif any(p.genre == "note" and p.numero in gardees for p in apercu.propositions) and apercu.comite_id is None:
            app.notify(
                "La fiche contient des commentaires et ce contrat n'a aucun comité : créez-en un (touche + dans le "
                "journal), puis importez à nouveau. Rien n'a été écrit.",
                severity="error",
                timeout=12,
            )
        else:
            app.enregistrer(
                partial(appliquer_retour, app.db, apercu, gardees, app.today),
                inchange="Rien n'a été écrit : la base disait déjà tout.",
            )

    app.push_screen(RetourScreen(apercu), choisi)


def appliquer_retour(db: Database, apercu: Apercu, gardees: Collection[int], today: dt.date) -> Changement | None:
    """The writer's command: apply the kept changes; the toast also says what the base changed meanwhile."""
    from suivi_tui.services.retour.application import appliquer
    from suivi_tui.texte import pluriel

    resultat = appliquer(db, apercu, gardees, today)
    if resultat.changement is None or not resultat.ignorees:
        return resultat.changement
    laisses = pluriel(len(resultat.ignorees), "changement laissé de côté", "changements laissés de côté")
    return replace(
        resultat.changement, message=f"{resultat.changement.message} ({laisses} : la base a changé entre-temps)"
    )


def destinataires_de_fiche(db: Database, contrat_id: int) -> list[tuple[str, str]]:
    """The export dialog's « Pour » list: (« pilote « DDETS » (3 engagements) », « pilote:DDETS »)."""
    from suivi_tui.services.export.destinataires import lister_destinataires
    from suivi_tui.texte import court, pluriel

    # Short enough for one line of the dialog's list: « partie « État (services dans les… » · 15 engagements ».
    return [
        (f"{court(str(d), 48)} · {pluriel(d.engagements, 'engagement')}", d.valeur)
        for d in lister_destinataires(db, contrat_id)
    ]
