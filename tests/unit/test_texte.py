"""The shared French text helpers: agreement, thousands, short lines, sizes, comparison keys."""

from __future__ import annotations

from suivi_tui.texte import accord, court, nombre, pluriel, sans_accents, taille


def test_zero_and_one_take_the_singular_and_thousands_are_spaced() -> None:
    assert [pluriel(n, "décision") for n in (0, 1, 2)] == ["0 décision", "1 décision", "2 décisions"]
    assert pluriel(1250, "engagement") == "1\u202f250 engagements" and nombre(435) == "435"
    assert accord(3, "modification", "modifications") == "modifications" and accord(1, "œil", "yeux") == "œil"
    assert pluriel(2, "note confidentielle", "notes confidentielles") == "2 notes confidentielles"


def test_court_keeps_one_line_and_cuts_without_a_space_before_the_ellipsis() -> None:
    assert court("Créer un\n  espace", 40) == "Créer un espace"
    assert court("Créer un espace de coworking", 10) == "Créer un…"  # « Créer un » + « … », not « Créer un … »
    assert len(court("x" * 100, 60)) == 60


def test_taille_speaks_like_a_file_manager() -> None:
    assert [taille(n) for n in (512, 1024, 229_376, 1_258_291)] == ["512 octets", "1 Ko", "224 Ko", "1,2 Mo"]
    assert taille(3 * 1024**3) == "3072,0 Mo"


def test_sans_accents_is_the_key_names_are_compared_with() -> None:
    assert sans_accents("  Gestion  urbaine et SOCIALE de proximité ") == "gestion urbaine et sociale de proximite"
    assert sans_accents("Dernière\u00a0séance") == "derniere seance" and sans_accents("Février") == "fevrier"
