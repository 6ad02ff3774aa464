"""The séance banner: one coloured line under the header while a comité's séance is open."""

from __future__ import annotations

import datetime as dt

from textual.content import Content
from textual.widgets import Static

from suivi_tui.dates import format_date
from suivi_tui.services.seances.journal import SeanceInfo


def ligne_bandeau(seance: SeanceInfo, today: dt.date) -> Content:
    """« Séance : Insertion socioprofessionnelle · 15/03/2021 · Salle du conseil », and the keys that go with it."""
    parties: list[str | tuple[str, str]] = [
        ("● Séance : ", "bold"),
        (seance.comite, "bold"),
        f" · {format_date(seance.date)}",
    ]
    if seance.lieu:
        parties.append(f" · {seance.lieu}")
    if seance.date != today:
        # Left open at the end of an earlier meeting: what is done now is still stamped with it.
        parties.append((f" · ouverte depuis le {format_date(seance.date)}", "bold $text-warning"))
    parties.append(("   m : fermer · A : ordre du jour", "$text-muted"))
    return Content.assemble(*parties)


class BandeauSeance(Static):
    """Hidden while no séance is open; everything done meanwhile is stamped with the one it names."""

    def afficher(self, seance: SeanceInfo | None, today: dt.date) -> None:
        self.display = seance is not None
        self.update(ligne_bandeau(seance, today) if seance is not None else "")

    def texte(self) -> str:
        """What the banner says, as plain text (empty when hidden)."""
        return str(self.render()) if self.display else ""
