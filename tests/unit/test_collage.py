"""The terminal's input read through ParseurCollage: a paste is one Paste event, without escape sequences."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from textual import events

from suivi_tui.ui.collage import DEBUT, FIN, ParseurCollage


def lire(*lectures: str) -> list[tuple[str, str]]:
    """The events the app receives when the terminal's input comes in these reads."""
    parseur, recus = ParseurCollage(), []
    for lecture in lectures:
        for e in parseur.feed(lecture):
            if isinstance(e, events.Paste):
                recus.append(("collage", e.text))
            elif isinstance(e, events.Key):
                recus.append(("touche", e.key))
    return recus


def test_a_colour_sequence_inside_a_paste_is_removed_and_the_paste_stays_whole() -> None:
    assert lire(f"{DEBUT}AB\x1b[31mCD{FIN}") == [("collage", "ABCD")]


def test_an_enter_after_an_escape_in_a_paste_stays_text_it_does_not_press_enter() -> None:
    assert lire(f"{DEBUT}X\x1b[31mY\rZ{FIN}") == [("collage", "XY\rZ")]


def test_a_link_a_title_and_a_lone_escape_inside_a_paste_are_removed() -> None:
    colle = f"{DEBUT}voir \x1b]8;;https://exemple.fr\x07le site\x1b]8;;\x07\x1b]0;titre\x1b\\ ici\x1bx{FIN}"
    assert lire(colle) == [("collage", "voir le site ici")]


def test_keys_and_the_escape_key_outside_a_paste_are_untouched() -> None:
    assert lire("js") == [("touche", "j"), ("touche", "s")]
    assert lire("\x1b[A") == [("touche", "up")]
    assert lire(f"a{DEBUT}texte{FIN}b") == [("touche", "a"), ("collage", "texte"), ("touche", "b")]


@given(
    st.text(alphabet=st.sampled_from(["a", "é", "\n", "\r", "\x1b", "[", "3", "1", "m", "]", "\x07", "\\", "~"])),
    st.lists(st.integers(min_value=1, max_value=7), max_size=30),
)
def test_however_the_reads_cut_the_stream_a_paste_is_one_event_without_escape(texte: str, coupes: list[int]) -> None:
    flux = f"{DEBUT}{texte}{FIN}q"
    lectures, debut = [], 0
    for n in coupes:
        lectures.append(flux[debut : debut + n])
        debut += n
    lectures.append(flux[debut:])
    recus = lire(*[lecture for lecture in lectures if lecture])
    assert [genre for genre, _ in recus] == ["collage", "touche"]
    assert "\x1b" not in recus[0][1]
    assert recus[1] == ("touche", "q")
