"""Tests de suivi_tui.dates : lecture des dates françaises floues et leur affichage."""

from __future__ import annotations

import calendar
import datetime as dt

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from suivi_tui.dates import (
    DateFloue,
    DateInvalide,
    Precision,
    debut_de_periode,
    decrire,
    fin_de_periode,
    format_date,
    format_echeance,
    parse_date,
    parse_iso,
    parse_jour,
)

# Un mercredi : les formes relatives sont calculées depuis cette date.
AUJ = dt.date(2021, 3, 10)
J, M, T, S, A = (Precision.JOUR, Precision.MOIS, Precision.TRIMESTRE, Precision.SEMESTRE, Precision.ANNEE)

DATE_MIN = dt.date(1900, 1, 1)
DATE_MAX = dt.date(2100, 12, 31)


def d(annee: int, mois: int, jour: int) -> dt.date:
    return dt.date(annee, mois, jour)


ABSOLUES: list[tuple[str, dt.date, Precision]] = [
    # jours numériques
    ("31/12/2022", d(2022, 12, 31), J),
    ("31-12-2022", d(2022, 12, 31), J),
    ("31.12.2022", d(2022, 12, 31), J),
    ("5/3/2021", d(2021, 3, 5), J),
    ("15/03/21", d(2021, 3, 15), J),
    ("01/01/99", d(1999, 1, 1), J),
    ("29/02/2024", d(2024, 2, 29), J),
    ("  31/12/2022  ", d(2022, 12, 31), J),
    ("le 15/03/2021", d(2021, 3, 15), J),
    ("lundi 15/03/2021", d(2021, 3, 15), J),
    # jours en toutes lettres
    ("31 décembre 2022", d(2022, 12, 31), J),
    ("31 DECEMBRE 2022", d(2022, 12, 31), J),
    ("1er mars 2021", d(2021, 3, 1), J),
    ("premier mars 2021", d(2021, 3, 1), J),
    ("lundi 15 mars 2021", d(2021, 3, 15), J),
    ("Lundi 15 Mars 2021", d(2021, 3, 15), J),
    ("le 1er août 2021", d(2021, 8, 1), J),
    ("15 sept. 2021", d(2021, 9, 15), J),
    # ISO, lu année d'abord
    ("2021-03-12", d(2021, 3, 12), J),
    ("2021-3-5", d(2021, 3, 5), J),
    # mois
    ("mars 2021", d(2021, 3, 31), M),
    ("fév. 2022", d(2022, 2, 28), M),
    ("fevrier 2022", d(2022, 2, 28), M),
    ("Février 2024", d(2024, 2, 29), M),
    ("fin mars 2021", d(2021, 3, 31), M),
    ("début avril 2021", d(2021, 4, 30), M),
    ("début d'avril 2021", d(2021, 4, 30), M),
    ("mi-mai 2021", d(2021, 5, 31), M),
    ("03/2021", d(2021, 3, 31), M),
    ("2021-03", d(2021, 3, 31), M),
    # trimestres
    ("T3 2021", d(2021, 9, 30), T),
    ("t3 2021", d(2021, 9, 30), T),
    ("T1 2021", d(2021, 3, 31), T),
    ("T4-2021", d(2021, 12, 31), T),
    ("3e trimestre 2021", d(2021, 9, 30), T),
    ("3ème trimestre 2021", d(2021, 9, 30), T),
    ("1er trimestre 2021", d(2021, 3, 31), T),
    ("troisième trimestre 2021", d(2021, 9, 30), T),
    ("dernier trimestre 2021", d(2021, 12, 31), T),
    # semestres
    ("S1 2022", d(2022, 6, 30), S),
    ("s2 2022", d(2022, 12, 31), S),
    ("1er semestre 2022", d(2022, 6, 30), S),
    ("second semestre 2022", d(2022, 12, 31), S),
    ("2nd semestre 2022", d(2022, 12, 31), S),
    # années et nuances
    ("fin 2022", d(2022, 12, 31), A),
    ("début 2021", d(2021, 3, 31), T),
    ("debut 2021", d(2021, 3, 31), T),
    ("mi-2021", d(2021, 6, 30), S),
    ("mi 2021", d(2021, 6, 30), S),
    ("2022", d(2022, 12, 31), A),
    ("  FIN   2022 ", d(2022, 12, 31), A),
]

RELATIVES: list[tuple[str, dt.date, Precision]] = [
    # depuis le mercredi 10/03/2021
    ("aujourd'hui", AUJ, J),
    ("aujourdhui", AUJ, J),
    ("Aujourd’hui", AUJ, J),
    ("demain", d(2021, 3, 11), J),
    ("hier", d(2021, 3, 9), J),
    ("après-demain", d(2021, 3, 12), J),
    ("dans 2 semaines", d(2021, 3, 24), J),
    ("dans 3 jours", d(2021, 3, 13), J),
    ("dans 1 mois", d(2021, 4, 10), J),
    ("dans un mois", d(2021, 4, 10), J),
    ("dans 2 ans", d(2023, 3, 10), J),
    ("lundi prochain", d(2021, 3, 15), J),
    ("lundi", d(2021, 3, 15), J),
    ("mercredi", d(2021, 3, 17), J),
    ("jeudi", d(2021, 3, 11), J),
    ("semaine prochaine", d(2021, 3, 15), J),
    ("la semaine prochaine", d(2021, 3, 15), J),
    # « le mois prochain » / « l'année prochaine » gardent la précision de la période.
    ("le mois prochain", d(2021, 4, 30), M),
    ("l'année prochaine", d(2022, 12, 31), A),
]


@pytest.mark.parametrize(("texte", "date", "precision"), ABSOLUES + RELATIVES)
def test_formes_acceptees(texte: str, date: dt.date, precision: Precision) -> None:
    assert parse_date(texte, AUJ) == DateFloue(date, precision)


@pytest.mark.parametrize(
    ("aujourdhui", "texte", "attendu"),
    [
        (d(2021, 1, 31), "dans 1 mois", d(2021, 2, 28)),  # ramené à la fin du mois
        (d(2024, 1, 31), "dans 1 mois", d(2024, 2, 29)),
        (d(2024, 2, 29), "dans 1 an", d(2025, 2, 28)),
        (d(2021, 12, 31), "demain", d(2022, 1, 1)),
        (d(2021, 3, 15), "lundi", d(2021, 3, 22)),  # jamais aujourd'hui même
        (d(2021, 3, 15), "lundi prochain", d(2021, 3, 22)),
        (d(2021, 3, 14), "lundi prochain", d(2021, 3, 15)),  # un dimanche
        (d(2021, 3, 15), "semaine prochaine", d(2021, 3, 22)),
        (d(2021, 3, 21), "semaine prochaine", d(2021, 3, 22)),
    ],
)
def test_relatives_cas_limites(aujourdhui: dt.date, texte: str, attendu: dt.date) -> None:
    assert parse_date(texte, aujourdhui) == DateFloue(attendu, J)


@pytest.mark.parametrize(
    ("texte", "mot_attendu"),
    [
        ("", "Aucune date"),
        ("   ", "Aucune date"),
        ("bientôt", "non reconnue"),
        ("31/02/2021", "février 2021"),
        ("29/02/2021", "28 jours"),
        ("12/13/2022", "mois 13"),
        ("00/01/2021", "jour 0"),
        ("2021-13-01", "mois 13"),
        ("32 mars 2021", "jour 32"),
        ("T5 2021", "trimestre"),
        ("S3 2022", "semestre"),
        ("cinquième trimestre 2021", "T1 à T4"),
        ("3er trimestre 2021", "trimestre"),
        ("mardi 15 mars 2021", "lundi"),
        ("vendredi 15/03/2021", "pas un vendredi"),
        ("15 mars", "année"),
        ("mars", "année"),
        ("31/12", "année"),
        ("T3", "année"),
        ("1er semestre", "année"),
        ("fin", "année"),
        ("1899", "1900 à 2100"),
        ("2101", "1900 à 2100"),
        ("31/12/2101", "1900 à 2100"),
        ("T3 1850", "1900 à 2100"),
        ("dans 99999 ans", "plage"),
        ("dans 200 ans", "plage"),
        ("31/12-2022", "non reconnue"),  # séparateurs mélangés
        ("15/03/202", "non reconnue"),
        ("15 mars 21", "non reconnue"),  # « mars 21 » : le 21 ou 2021 ? on refuse
        ("mars 2021 environ", "non reconnue"),
        ("lundi prochain prochain", "non reconnue"),
        ("١٥/٠٣/٢٠٢١", "non reconnue"),  # chiffres non latins
    ],
)
def test_saisies_refusees(texte: str, mot_attendu: str) -> None:
    with pytest.raises(DateInvalide) as erreur:
        parse_date(texte, AUJ)
    assert mot_attendu in erreur.value.message
    assert str(erreur.value) == erreur.value.message
    # Chaque refus montre un exemple de saisie acceptée, entre guillemets français.
    assert "«" in erreur.value.message and "»" in erreur.value.message


def test_date_invalide_est_une_valueerror() -> None:
    assert issubclass(DateInvalide, ValueError)
    assert DateInvalide("Texte").message == "Texte"


def test_saisie_non_texte_refusee_proprement() -> None:
    with pytest.raises(DateInvalide):
        parse_date(None, AUJ)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("date", "precision", "libelle"),
    [
        (d(2022, 12, 31), J, "31/12/2022"),
        (d(2021, 3, 31), M, "mars 2021"),
        (d(2022, 2, 28), M, "février 2022"),
        (d(2021, 8, 31), M, "août 2021"),
        (d(2021, 9, 30), T, "T3 2021"),
        (d(2022, 6, 30), S, "S1 2022"),
        (d(2022, 12, 31), S, "S2 2022"),
        (d(2022, 12, 31), A, "fin 2022"),
        (d(2021, 9, 30), "trimestre", "T3 2021"),  # valeur brute lue en base
    ],
)
def test_format_echeance(date: dt.date, precision: Precision | str, libelle: str) -> None:
    assert format_echeance(date, precision) == libelle


def test_format_echeance_precision_inconnue() -> None:
    with pytest.raises(ValueError):
        format_echeance(d(2021, 1, 1), "decennie")


def test_format_date() -> None:
    assert format_date(d(2021, 3, 5)) == "05/03/2021"
    assert format_date(d(1900, 1, 1)) == "01/01/1900"


@pytest.mark.parametrize(
    ("floue", "apercu"),
    [
        (DateFloue(d(2021, 9, 30), T), "→ 30/09/2021 (T3 2021)"),
        (DateFloue(d(2021, 3, 15), J), "→ 15/03/2021"),
        (DateFloue(d(2021, 3, 31), M), "→ 31/03/2021 (mars 2021)"),
        (DateFloue(d(2022, 12, 31), A), "→ 31/12/2022 (fin 2022)"),
    ],
)
def test_decrire(floue: DateFloue, apercu: str) -> None:
    assert decrire(floue) == apercu


def test_parse_iso_stricte() -> None:
    assert parse_iso("2021-03-12") == d(2021, 3, 12)
    assert parse_iso(" 2021-03-12\n") == d(2021, 3, 12)


@pytest.mark.parametrize(
    ("texte", "mot_attendu"),
    [
        ("12/03/2021", "AAAA-MM-JJ"),
        ("2021-3-12", "AAAA-MM-JJ"),
        ("demain", "AAAA-MM-JJ"),
        ("", "AAAA-MM-JJ"),
        ("2021-02-30", "février"),
        ("2021-13-01", "mois 13"),
        ("1800-01-01", "1900 à 2100"),
    ],
)
def test_parse_iso_refus(texte: str, mot_attendu: str) -> None:
    with pytest.raises(DateInvalide) as erreur:
        parse_iso(texte)
    assert mot_attendu in erreur.value.message


# --- Propriétés ---

dates_valides = st.dates(min_value=DATE_MIN, max_value=DATE_MAX)


@given(dates_valides)
def test_aller_retour_format_date(date: dt.date) -> None:
    assert parse_date(format_date(date), AUJ) == DateFloue(date, J)


@st.composite
def dates_floues(draw: st.DrawFn) -> DateFloue:
    precision = draw(st.sampled_from(list(Precision)))
    return DateFloue(fin_de_periode(draw(dates_valides), precision), precision)


@given(dates_floues())
def test_aller_retour_format_echeance(floue: DateFloue) -> None:
    libelle = format_echeance(floue.date, floue.precision)
    assert parse_date(libelle, AUJ) == floue


@given(dates_valides, st.sampled_from(list(Precision)))
def test_fin_de_periode_est_le_dernier_jour(date: dt.date, precision: Precision) -> None:
    fin = fin_de_periode(date, precision)
    assume(fin < DATE_MAX)
    # Même période que la date d'origine, et le lendemain en commence une autre.
    assert fin >= date
    assert format_echeance(fin, precision) == format_echeance(date, precision)
    assert format_echeance(fin + dt.timedelta(days=1), precision) != format_echeance(fin, precision)


@given(dates_valides, st.sampled_from(list(Precision)))
def test_debut_de_periode_est_le_premier_jour(date: dt.date, precision: Precision) -> None:
    debut = debut_de_periode(DateFloue(fin_de_periode(date, precision), precision))
    # Même période que la date d'origine, et la veille appartient à la précédente.
    assert debut <= date
    assert format_echeance(debut, precision) == format_echeance(date, precision)
    if debut > dt.date.min:
        assert format_echeance(debut - dt.timedelta(days=1), precision) != format_echeance(debut, precision)


def _verifier_issue(texte: str, aujourdhui: dt.date) -> None:
    """Seules issues admises : une DateFloue cohérente, ou DateInvalide avec un message."""
    try:
        floue = parse_date(texte, aujourdhui)
    except DateInvalide as erreur:
        assert isinstance(erreur.message, str) and erreur.message
        return
    assert isinstance(floue, DateFloue)
    assert DATE_MIN <= floue.date <= DATE_MAX
    assert floue.date == fin_de_periode(floue.date, floue.precision)


@given(st.text(), dates_valides)
def test_texte_quelconque_jamais_d_autre_exception(texte: str, aujourdhui: dt.date) -> None:
    _verifier_issue(texte, aujourdhui)


# Morceaux de vraie grammaire : st.text() seul n'atteint presque jamais les branches profondes.
MORCEAUX = [
    "1",
    "31",
    "00",
    "13",
    "99",
    "2021",
    "1899",
    "2101",
    "99999",
    "/",
    "-",
    ".",
    " ",
    "T",
    "S",
    "e",
    "er",
    "trimestre",
    "semestre",
    "mars",
    "fév.",
    "août",
    "lundi",
    "prochain",
    "dans",
    "jours",
    "mois",
    "ans",
    "fin",
    "début",
    "mi",
    "le",
    "d'",
]


@given(
    st.lists(st.sampled_from(MORCEAUX), max_size=7),
    st.sampled_from(["", " "]),
    st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date.max),
)
def test_morceaux_de_grammaire_jamais_d_autre_exception(morceaux: list[str], liant: str, aujourdhui: dt.date) -> None:
    _verifier_issue(liant.join(morceaux), aujourdhui)


@given(st.integers(0, 35), st.integers(0, 14), st.integers(1880, 2120))
def test_triplet_numerique_lu_ssi_date_valide(jour: int, mois: int, annee: int) -> None:
    texte = f"{jour:02d}/{mois:02d}/{annee:04d}"
    valide = 1 <= mois <= 12 and 1 <= jour <= calendar.monthrange(annee, mois)[1] and 1900 <= annee <= 2100
    if valide:
        assert parse_date(texte, AUJ) == DateFloue(dt.date(annee, mois, jour), J)
    else:
        with pytest.raises(DateInvalide):
            parse_date(texte, AUJ)


@given(st.sampled_from([texte for texte, _, _ in ABSOLUES]), dates_valides)
def test_date_du_jour_ignoree_pour_les_formes_absolues(texte: str, aujourdhui: dt.date) -> None:
    # Aucun champ n'est jamais complété depuis la date du jour.
    assert parse_date(texte, aujourdhui) == parse_date(texte, AUJ)


@pytest.mark.parametrize(
    ("saisie", "message"),
    [
        ("T3 2021", "« T3 2021 » désigne une période, pas un jour : précisez le jour, par exemple « 15/03/2021 »."),
        ("mars", "« mars » n'est pas un jour : précisez le jour, par exemple « 15/03/2021 »."),
        (
            "15 mars",
            "Il manque l'année dans « 15 mars » (elle n'est jamais devinée) : écrivez par exemple « 15 mars 2021 ».",
        ),
        (
            "bientôt",
            "Date non reconnue : « bientôt ». Formats acceptés, par exemple : « 15/03/2021 », « 15 mars 2021 », "
            "« 2021-03-15 », « aujourd'hui », « demain ».",
        ),
    ],
)
def test_parse_jour_refuses_a_period_and_offers_only_days_as_examples(saisie: str, message: str) -> None:
    with pytest.raises(DateInvalide) as erreur:
        parse_jour(saisie, d(2021, 3, 15))
    assert erreur.value.message == message
    assert "T3" not in message.replace(saisie, "")


def test_parse_jour_reads_a_day_written_any_french_way() -> None:
    for saisie in ("15/03/2021", "15 mars 2021", "2021-03-15", "aujourd'hui"):
        assert parse_jour(saisie, d(2021, 3, 15)) == d(2021, 3, 15)
