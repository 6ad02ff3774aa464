"""The progression of an exported contrat, rebuilt from the export's own snapshot (Donnees): no second read."""

from __future__ import annotations

import datetime as dt

from suivi_tui.services.export.donnees import Donnees
from suivi_tui.services.progression import (
    ChangementStatut,
    EngagementSuivi,
    Progression,
    mois_du_contrat,
    par_racine,
    reconstruire,
)


def progression_de(donnees: Donnees) -> Progression:
    """Réalisés and en cours at each month's end, per root of the tree and overall, as services.progression does."""
    changements = sorted(
        (
            ChangementStatut(
                h.engagement_id, h.ancien, h.nouveau, h.le.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
            )
            for h in donnees.historique
            if h.champ == "statut"
        ),
        key=lambda c: (c.engagement_id, c.le),
    )
    today = donnees.today.isoformat()
    dernier = max((c.le[:10] for c in changements if c.le[:10] <= today), default=None)
    mois = mois_du_contrat(
        donnees.contrat.debut, donnees.contrat.fin, donnees.today, dt.date.fromisoformat(dernier) if dernier else None
    )
    axes, engagements = par_racine(
        donnees.axes, (EngagementSuivi(e.id, e.axe_id, e.statut) for e in donnees.engagements)
    )
    return reconstruire(axes, engagements, changements, mois)
