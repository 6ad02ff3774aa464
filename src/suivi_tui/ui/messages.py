"""Messages between the panes, the main screen and the app: past events carrying data, never widgets."""

from __future__ import annotations

from dataclasses import dataclass

from textual.message import Message

from suivi_tui.services.changement import Changement
from suivi_tui.services.detail import EngagementDetail
from suivi_tui.services.engagements import PageEngagements
from suivi_tui.services.panorama import Panorama


class PremierEcranPeint(Message):
    """The main screen's first contents are painted: what the writes need may load now, not while they fill."""


@dataclass
class AxeChoisi(Message):
    """The axes pane highlighted an axis (None: every axis)."""

    axe_id: int | None


@dataclass
class EngagementSurligne(Message):
    """The engagements table's cursor is on this engagement (None: the table is empty)."""

    engagement_id: int | None


@dataclass
class FinDeTableAtteinte(Message):
    """The cursor reached the last loaded row while more rows match: load the next page."""

    charges: int


@dataclass
class EcheanceCochee(Message):
    """The user marked this échéance done (or reopened it) in the échéances pane."""

    echeance_id: int


@dataclass
class EngagementAMontrer(Message):
    """Show this engagement in the table (its axis selected) and its detail: `entrée` on an échéance."""

    engagement_id: int


@dataclass
class ComiteChoisi(Message):
    """The journal pane switched to this comité."""

    comite_id: int


@dataclass
class NoteChoisie(Message):
    """The user chose a note in the journal (to show its engagement)."""

    note_id: int
    engagement_id: int | None


@dataclass
class EcranCharge(Message):
    """A consistent snapshot of the contrat was read (in a worker thread)."""

    ecran: Panorama
    engagement_voulu: int | None  # the row to select (after a search); None keeps the current one
    generation: int  # which request it answers: only the latest one is shown
    detail: EngagementDetail | None = None  # read with it: the row it will select, if the cursor stays


@dataclass
class SuiteChargee(Message):
    """The next page of the engagements table was read."""

    page: PageEngagements
    precisions: dict[int, str]
    offset: int
    generation: int


@dataclass
class DetailCharge(Message):
    """The detail of the selected engagement was read (None: it no longer exists)."""

    engagement_id: int
    detail: EngagementDetail | None


@dataclass
class ChangementEnregistre(Message):
    """A change was written (or undone): every pane must show the database as it is now."""

    changement: Changement | None
    annule: bool = False  # True when it was an undo
