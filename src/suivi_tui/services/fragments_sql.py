"""The SQL fragments every query shares: « en retard » (computed, never stored), a note's journal and day."""

from __future__ import annotations

# The engagement's deadline: its earliest open échéance, else the contract's end.
# Expects aliases e (engagement) and c (contrat) in the enclosing query.
PROCHAINE_ECHEANCE = "(SELECT min(x.date) FROM echeance x WHERE x.engagement_id = e.id AND x.faite_le IS NULL)"
DELAI = f"coalesce({PROCHAINE_ECHEANCE}, c.fin)"
# :today must be bound by the caller; a closed statut is never late.
EN_RETARD = f"(e.statut NOT IN ('realise', 'abandonne') AND {DELAI} < :today)"

# A note is in its comité's journal, in a séance or « hors séance » (seance_id NULL): every note
# query starts from these, so a note written outside a meeting is never dropped by a join.
NOTES_DU_JOURNAL = "note n JOIN comite co ON co.id = n.comite_id LEFT JOIN seance s ON s.id = n.seance_id"
# The day a note was written (its instant's date), and the day it belongs to: its séance's, else that one.
JOUR_ECRIT = "substr(n.cree_le, 1, 10)"
JOUR_NOTE = f"coalesce(s.date, {JOUR_ECRIT})"
