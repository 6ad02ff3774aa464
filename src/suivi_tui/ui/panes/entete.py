"""The header line: the contrat and its totals, the next échéance, the presentation marker, today's date."""

from __future__ import annotations

import datetime as dt

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.content import Content
from textual.widgets import Static

from suivi_tui.dates import format_date
from suivi_tui.services.contrats import Synthese
from suivi_tui.texte import pluriel


def ligne_entete(synthese: Synthese, presentation: bool, *, courte: bool = False) -> Content:
    """« Contrat … · 52 engagements · 9 réalisés · 3 en cours · 6 en retard · prochaine échéance 30/06/2021 ».

    courte (a narrow terminal): the city for the title, no next échéance, so that it fits on one line
    beside the date instead of wrapping around it.
    """
    realises = synthese.par_statut.get("realise", 0)
    en_cours = synthese.par_statut.get("en_cours", 0)
    parties: list[str | tuple[str, str] | Content] = []
    if presentation:
        parties += [(" PRÉS. " if courte else " PRÉSENTATION ", "reverse bold $warning"), " "]
    parties += [
        (synthese.contrat.territoire if courte else synthese.contrat.titre, "bold"),
        f" · {pluriel(synthese.total, 'engagement')}",
        " · ",
        (pluriel(realises, "réalisé"), "$text-success"),
        f" · {en_cours} en cours",
        " · ",
        (f"{synthese.en_retard} en retard", "bold $text-error" if synthese.en_retard else "$text-muted"),
    ]
    if synthese.prochaine is not None and not courte:
        parties.append(f" · prochaine échéance {format_date(synthese.prochaine.date)}")
    return Content.assemble(*parties)


class EnTete(Horizontal):
    """The totals on the left (a second line rather than cut), today's date on the right."""

    def compose(self) -> ComposeResult:
        yield Static("", id="entete-totaux")
        yield Static("", id="entete-totaux-court")
        yield Static("", id="entete-date")

    def afficher(self, synthese: Synthese, today: dt.date, presentation: bool) -> None:
        # Both forms, the stylesheet shows the one that fits (the screen's -etroit / -large classes).
        self.query_one("#entete-totaux", Static).update(ligne_entete(synthese, presentation))
        self.query_one("#entete-totaux-court", Static).update(ligne_entete(synthese, presentation, courte=True))
        self.query_one("#entete-date", Static).update(Content.styled(format_date(today), "$text-muted"))

    def texte(self) -> str:
        """What the header says, as plain text (for the tests and the screen readers' sake)."""
        return " ".join(str(s.render()) for s in self.query(Static) if s.display)
