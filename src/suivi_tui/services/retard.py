"""« En retard » is computed, never stored: the SQL fragments every query shares."""

from __future__ import annotations

# The engagement's deadline: its earliest open échéance, else the contract's end.
# Expects aliases e (engagement) and c (contrat) in the enclosing query.
PROCHAINE_ECHEANCE = "(SELECT min(x.date) FROM echeance x WHERE x.engagement_id = e.id AND x.faite_le IS NULL)"
DELAI = f"coalesce({PROCHAINE_ECHEANCE}, c.fin)"
# :today must be bound by the caller; a closed statut is never late.
EN_RETARD = f"(e.statut NOT IN ('realise', 'abandonne') AND {DELAI} < :today)"
