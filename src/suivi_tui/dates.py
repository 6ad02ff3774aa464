"""Dates en français : lire une saisie floue (« T3 2021 », « fin 2022 ») et l'afficher.

Tout est pur (aucune horloge lue ici) : la date du jour est toujours passée en
paramètre, pour que les formes relatives soient testables et que `--today`
fonctionne. Une saisie est soit comprise exactement, soit refusée avec un
message en français : on ne complète jamais une année ou un mois manquant.
"""

from __future__ import annotations

import calendar
import datetime
import enum
import re
from collections.abc import Callable
from dataclasses import dataclass

from dateutil.relativedelta import relativedelta

from suivi_tui.erreurs import ErreurSuivi
from suivi_tui.texte import sans_accents

ANNEE_MIN = 1900
ANNEE_MAX = 2100

NOMS_MOIS = (
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
)
NOMS_JOURS = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")


class Precision(enum.StrEnum):
    """Granularité d'une échéance ; la valeur est celle stockée en base."""

    JOUR = "jour"
    MOIS = "mois"
    TRIMESTRE = "trimestre"
    SEMESTRE = "semestre"
    ANNEE = "annee"


@dataclass(frozen=True)
class DateFloue:
    """Une date saisie et sa précision.

    `date` est toujours le DERNIER jour de la période (« T3 2021 » -> 30/09/2021),
    pour qu'une échéance floue ne soit jamais signalée en retard trop tôt.
    """

    date: datetime.date
    precision: Precision


class DateInvalide(ErreurSuivi, ValueError):
    """Saisie refusée ; `message` est une phrase française à montrer telle quelle."""


# --- Vocabulaire (écrit sans accents : la saisie est normalisée avant lecture) ---


_MOIS_SAISIE: dict[str, int] = {sans_accents(nom): i for i, nom in enumerate(NOMS_MOIS, 1)}
_MOIS_SAISIE.update(
    {
        "jan": 1,
        "janv": 1,
        "fev": 2,
        "fevr": 2,
        "mar": 3,
        "avr": 4,
        "juil": 7,
        "sep": 9,
        "sept": 9,
        "oct": 10,
        "nov": 11,
        "dec": 12,
    }
)
_JOURS_SAISIE: dict[str, int] = {nom: i for i, nom in enumerate(NOMS_JOURS)}
_ORDINAUX_MOTS: dict[str, int] = {
    "premier": 1,
    "premiere": 1,
    "deuxieme": 2,
    "second": 2,
    "seconde": 2,
    "troisieme": 3,
    "quatrieme": 4,
}
_RELATIFS_MOTS: dict[str, int] = {
    "aujourd'hui": 0,
    "aujourdhui": 0,
    "aujourd hui": 0,
    "demain": 1,
    "apres-demain": 2,
    "apres demain": 2,
    "hier": -1,
    "avant-hier": -2,
    "avant hier": -2,
}


def _alternative(mots: dict[str, int]) -> str:
    # Les plus longs d'abord : « sept » doit être essayé avant « sep ».
    return "|".join(re.escape(m) for m in sorted(mots, key=len, reverse=True))


_MOIS = rf"(?P<m>{_alternative(_MOIS_SAISIE)})\.?"
_JS = rf"(?:(?P<js>{_alternative(_JOURS_SAISIE)}) )?(?:le )?"
_AN = r"(?P<a>\d{4})"
_NUANCE = r"(?P<q>fin|debut|mi|milieu)(?: ?- ?| )"
_SEP_PERIODE = r"(?: | ?[-/] ?)"

# Les tirets et apostrophes typographiques sont ramenés à leur forme ASCII.
_TYPO = str.maketrans({"’": "'", "‘": "'", "`": "'", "´": "'", "‐": "-", "‑": "-", "–": "-", "—": "-"})


def _normaliser(texte: str) -> str:
    """Minuscules, sans accents, espaces (même insécables) réduits à un seul."""
    return sans_accents(texte.translate(_TYPO))


def apercu(texte: str) -> str:
    """La saisie telle qu'on la cite dans un message (bornée pour rester lisible)."""
    court = " ".join(texte.split())
    return court if len(court) <= 30 else court[:29] + "…"


# --- Vérifications communes ---


def _fin_mois(annee: int, mois: int) -> datetime.date:
    return datetime.date(annee, mois, calendar.monthrange(annee, mois)[1])


def _annee(brute: str) -> int:
    """Année sur 4 chiffres, ou sur 2 (00-69 -> 20xx, 70-99 -> 19xx, comme POSIX)."""
    valeur = int(brute)
    if len(brute) == 2:
        valeur += 2000 if valeur < 70 else 1900
    if not ANNEE_MIN <= valeur <= ANNEE_MAX:
        raise DateInvalide(
            f"L'année {valeur} est hors de la plage acceptée ({ANNEE_MIN} à {ANNEE_MAX}) ; "
            "exemple accepté : « 31/12/2022 »."
        )
    return valeur


def _jour(annee: int, mois: int, jour: int) -> datetime.date:
    """Construit la date ou explique précisément ce qui cloche (jamais de correction)."""
    if not 1 <= mois <= 12:
        raise DateInvalide(
            f"Le mois {mois} n'existe pas (les mois vont de 1 à 12) : une date s'écrit "
            "jour/mois/année, par exemple « 31/12/2022 » (ou « 2022-12-31 » en ISO)."
        )
    dernier = calendar.monthrange(annee, mois)[1]
    if jour < 1:
        raise DateInvalide("Le jour 0 n'existe pas : les jours commencent à 1, par exemple « 01/03/2021 ».")
    if jour > dernier:
        raise DateInvalide(
            f"Le jour {jour} n'existe pas en {NOMS_MOIS[mois - 1]} {annee} : ce mois n'a que "
            f"{dernier} jours (par exemple « {dernier:02d}/{mois:02d}/{annee} »)."
        )
    return datetime.date(annee, mois, jour)


def _verifier_jour_semaine(saisi: str | None, d: datetime.date) -> None:
    # Un jour de semaine contradictoire signale presque toujours une faute de frappe.
    if saisi is None or _JOURS_SAISIE[saisi] == d.weekday():
        return
    vrai = NOMS_JOURS[d.weekday()]
    raise DateInvalide(
        f"Le {format_date(d)} est un {vrai}, pas un {saisi} : corrigez le jour ou la date, "
        f"par exemple « {vrai} {d.day} {NOMS_MOIS[d.month - 1]} {d.year} »."
    )


def _dans_la_plage(d: datetime.date, texte: str) -> datetime.date:
    if not ANNEE_MIN <= d.year <= ANNEE_MAX:
        raise DateInvalide(
            f"« {apercu(texte)} » tombe hors de la plage acceptée "
            f"(années {ANNEE_MIN} à {ANNEE_MAX}) ; exemple accepté : « dans 2 semaines »."
        )
    return d


def _jour_floue(d: datetime.date) -> DateFloue:
    return DateFloue(d, Precision.JOUR)


# --- Formes relatives (toujours à la précision jour) ---


def _relatif_mot(m: re.Match[str], auj: datetime.date) -> DateFloue:
    return _jour_floue(_decaler(auj, _RELATIFS_MOTS[m["mot"]], "jours", m.string))


def _relatif_dans(m: re.Match[str], auj: datetime.date) -> DateFloue:
    n = 1 if m["n"] in ("un", "une") else int(m["n"])
    return _jour_floue(_decaler(auj, n, m["u"], m.string))


def _decaler(auj: datetime.date, n: int, unite: str, texte: str) -> datetime.date:
    """Ajoute n unités ; « dans 1 mois » garde le quantième, ramené à la fin du mois si besoin."""
    try:
        if unite.startswith("jour"):
            resultat = auj + datetime.timedelta(days=n)
        elif unite.startswith("semaine"):
            resultat = auj + datetime.timedelta(weeks=n)
        elif unite == "mois":
            resultat = auj + relativedelta(months=n)
        else:
            resultat = auj + relativedelta(years=n)
    except (OverflowError, ValueError):
        # Au-delà de l'an 9999 : même réponse que pour une date hors plage.
        resultat = datetime.date.max
    return _dans_la_plage(resultat, texte)


def _relatif_jour_semaine(m: re.Match[str], auj: datetime.date) -> DateFloue:
    # « lundi » et « lundi prochain » : le prochain lundi strictement après aujourd'hui.
    cible = _JOURS_SAISIE[m["js"] or m["js2"]]
    ecart = (cible - auj.weekday() - 1) % 7 + 1
    return _jour_floue(_decaler(auj, ecart, "jours", m.string))


def _relatif_prochain(m: re.Match[str], auj: datetime.date) -> DateFloue:
    unite = m["u"] or m["u2"] or m["u3"]
    if unite == "semaine":
        # Le lundi de la semaine suivante : début de la période désignée.
        lundi = auj - datetime.timedelta(days=auj.weekday())
        return _jour_floue(_decaler(lundi, 1, "semaines", m.string))
    if unite == "mois":
        # Une échéance « le mois prochain » couvre tout le mois : on garde cette précision.
        mois_suivant = _decaler(auj, 1, "mois", m.string)
        return DateFloue(_fin_mois(mois_suivant.year, mois_suivant.month), Precision.MOIS)
    annee = _decaler(auj, 1, "ans", m.string).year
    return DateFloue(datetime.date(annee, 12, 31), Precision.ANNEE)


# --- Jours précis ---


def _jour_numerique(m: re.Match[str], auj: datetime.date) -> DateFloue:
    d = _jour(_annee(m["a"]), int(m["m"]), int(m["j"]))
    _verifier_jour_semaine(m["js"], d)
    return _jour_floue(d)


def _jour_iso(m: re.Match[str], auj: datetime.date) -> DateFloue:
    return _jour_floue(_jour(_annee(m["a"]), int(m["m"]), int(m["j"])))


def _jour_texte(m: re.Match[str], auj: datetime.date) -> DateFloue:
    jour = 1 if m["j"] in ("1er", "premier") else int(m["j"])
    d = _jour(_annee(m["a"]), _MOIS_SAISIE[m["m"]], jour)
    _verifier_jour_semaine(m["js"], d)
    return _jour_floue(d)


# --- Périodes ---


def _mois_texte(m: re.Match[str], auj: datetime.date) -> DateFloue:
    # « début/mi/fin mars 2021 » restent au mois : préciser un jour serait deviner.
    return DateFloue(_fin_mois(_annee(m["a"]), _MOIS_SAISIE[m["m"]]), Precision.MOIS)


def _mois_numerique(m: re.Match[str], auj: datetime.date) -> DateFloue:
    annee, mois = _annee(m["a"] or m["a2"]), int(m["m"] or m["m2"])
    _jour(annee, mois, 1)  # seulement pour refuser le mois 0 ou 13 avec le bon message
    return DateFloue(_fin_mois(annee, mois), Precision.MOIS)


def _ordinal(mot: str) -> int | None:
    """« 3e », « 3ème », « troisième », « 1er », « second »… -> numéro ; None si illisible."""
    if mot in _ORDINAUX_MOTS:
        return _ORDINAUX_MOTS[mot]
    lu = re.fullmatch(r"(\d{1,2})(er|re|ere|e|eme|nd|nde)?", mot, re.ASCII)
    if lu is None:
        return None
    n, suffixe = int(lu[1]), lu[2]
    # « 1er » ne va qu'avec 1, « 2nd » qu'avec 2 : « 3er » est une faute, pas un 3.
    if (suffixe in ("er", "re", "ere") and n != 1) or (suffixe in ("nd", "nde") and n != 2):
        return None
    return n


def _periode(genre: str, numero: int | None, brut: str, annee_brute: str) -> DateFloue:
    """Fin du trimestre (genre « t ») ou du semestre (« s ») demandé, après contrôle."""
    nombre, precision = (4, Precision.TRIMESTRE) if genre == "t" else (2, Precision.SEMESTRE)
    if numero is None or not 1 <= numero <= nombre:
        if genre == "t":
            aide = "il y en a 4 par an (T1 à T4), par exemple « T3 2021 » ou « 3e trimestre 2021 »"
        else:
            aide = "il y en a 2 par an (S1 ou S2), par exemple « S1 2022 » ou « second semestre 2022 »"
        raise DateInvalide(f"Le {precision.value} « {brut} » n'existe pas : {aide}.")
    annee = _annee(annee_brute)
    return DateFloue(_fin_mois(annee, numero * 12 // nombre), precision)


def _periode_code(m: re.Match[str], auj: datetime.date) -> DateFloue:
    return _periode(m["k"], int(m["n"]), m["k"].upper() + m["n"], m["a"])


def _periode_ordinal(m: re.Match[str], auj: datetime.date) -> DateFloue:
    genre = "t" if m["k"] == "trimestre" else "s"
    numero = (4 if genre == "t" else 2) if m["o"] == "dernier" else _ordinal(m["o"])
    return _periode(genre, numero, m["o"], m["a"])


def _annee_nuancee(m: re.Match[str], auj: datetime.date) -> DateFloue:
    annee = _annee(m["a"])
    if m["q"] == "fin":
        return DateFloue(datetime.date(annee, 12, 31), Precision.ANNEE)
    if m["q"] == "debut":
        return DateFloue(datetime.date(annee, 3, 31), Precision.TRIMESTRE)
    return DateFloue(datetime.date(annee, 6, 30), Precision.SEMESTRE)


def _annee_seule(m: re.Match[str], auj: datetime.date) -> DateFloue:
    return DateFloue(datetime.date(_annee(m["a"]), 12, 31), Precision.ANNEE)


_Lecteur = Callable[[re.Match[str], datetime.date], DateFloue]


def _motif(regex: str) -> re.Pattern[str]:
    # re.ASCII : \d ne doit reconnaître que 0-9 (pas les chiffres arabes ou exposants).
    return re.compile(regex, re.ASCII)


# Essayés dans l'ordre, en correspondance totale (fullmatch) : rien n'est ignoré.
_LECTEURS: tuple[tuple[re.Pattern[str], _Lecteur], ...] = (
    (_motif(rf"(?P<mot>{_alternative(_RELATIFS_MOTS)})"), _relatif_mot),
    (_motif(r"dans (?P<n>\d{1,5}|une?) (?P<u>jours?|semaines?|mois|ans?|annees?)"), _relatif_dans),
    (
        _motif(
            rf"(?P<js>{_alternative(_JOURS_SAISIE)})(?: prochain)?"
            rf"|prochain (?P<js2>{_alternative(_JOURS_SAISIE)})"
        ),
        _relatif_jour_semaine,
    ),
    (
        _motif(
            r"(?:la )?(?P<u>semaine) prochaine|(?:le )?(?P<u2>mois) prochain"
            r"|(?:l' ?)?(?P<u3>annee) prochaine"
        ),
        _relatif_prochain,
    ),
    (_motif(_JS + r"(?P<j>\d{1,2})(?P<sep>[/.-])(?P<m>\d{1,2})(?P=sep)(?P<a>\d{4}|\d{2})"), _jour_numerique),
    (_motif(r"(?P<a>\d{4})(?P<sep>[/.-])(?P<m>\d{1,2})(?P=sep)(?P<j>\d{1,2})"), _jour_iso),
    (_motif(_JS + rf"(?P<j>\d{{1,2}}|1er|premier) {_MOIS} {_AN}"), _jour_texte),
    (_motif(rf"(?:{_NUANCE}(?:de |d')?)?{_MOIS} {_AN}"), _mois_texte),
    (_motif(r"(?P<m>\d{1,2})[/.-](?P<a>\d{4})|(?P<a2>\d{4})-(?P<m2>\d{1,2})"), _mois_numerique),
    (_motif(rf"(?P<k>[ts]) ?(?P<n>\d{{1,2}}){_SEP_PERIODE}{_AN}"), _periode_code),
    (_motif(rf"(?P<o>[a-z0-9]+) (?P<k>trimestre|semestre) (?:de )?{_AN}"), _periode_ordinal),
    (_motif(_NUANCE + _AN), _annee_nuancee),
    (_motif(_AN), _annee_seule),
)

# Saisies reconnaissables mais sans année : on refuse plutôt que de prendre l'année en cours.
_SANS_ANNEE: tuple[tuple[re.Pattern[str], str], ...] = (
    (_motif(_JS + rf"(?:\d{{1,2}}|1er|premier) {_MOIS}"), "15 mars 2021"),
    (_motif(rf"(?:{_NUANCE}(?:de |d')?)?{_MOIS}"), "mars 2021"),
    (_motif(_JS + r"\d{1,2}(?P<sep>[/.-])\d{1,2}(?P=sep)?"), "31/12/2022"),
    (_motif(r"t ?\d{1,2}|[a-z0-9]+ trimestre"), "T3 2021"),
    (_motif(r"s ?\d{1,2}|[a-z0-9]+ semestre"), "S1 2022"),
    (_motif(r"fin|debut|mi|milieu"), "fin 2022"),
)

_EXEMPLES = (
    "« 31/12/2022 », « 15 mars 2021 », « mars 2021 », « T3 2021 », « S1 2022 », « fin 2022 », « dans 2 semaines »"
)
# Where only a day will do (a séance, --today), the examples are days: never a form refused right after.
_EXEMPLES_JOUR = "« 15/03/2021 », « 15 mars 2021 », « 2021-03-15 », « aujourd'hui », « demain »"
_EXEMPLE_JOUR = "15/03/2021"


# --- API publique ---


def parse_date(texte: str, aujourdhui: datetime.date) -> DateFloue:
    """Lit une date française ; lève DateInvalide (et rien d'autre) si elle est refusée.

    `aujourdhui` ne sert qu'aux formes relatives (« demain », « dans 2 semaines »…).
    """
    return _lire(texte, aujourdhui, jour=False)


def parse_jour(texte: str, aujourdhui: datetime.date) -> datetime.date:
    """Lit un jour précis (date d'une séance, --today) ; une période (« mars 2021 ») est refusée.

    Les messages ne proposent en exemple que des jours : jamais une forme refusée aussitôt après.
    """
    lue = _lire(texte, aujourdhui, jour=True)
    if lue.precision is not Precision.JOUR:
        raise DateInvalide(
            f"« {apercu(texte)} » désigne une période, pas un jour : précisez le jour, par exemple « {_EXEMPLE_JOUR} »."
        )
    return lue.date


def _lire(texte: str, aujourdhui: datetime.date, *, jour: bool) -> DateFloue:
    exemples = _EXEMPLES_JOUR if jour else _EXEMPLES
    if not isinstance(texte, str):
        raise DateInvalide("La date doit être saisie comme du texte, par exemple « 31/12/2022 ».")
    saisie = _normaliser(texte)
    if not saisie:
        raise DateInvalide(f"Aucune date saisie : tapez par exemple {exemples}.")
    for motif, lecteur in _LECTEURS:
        lu = motif.fullmatch(saisie)
        if lu is not None:
            return lecteur(lu, aujourdhui)
    for motif, exemple in _SANS_ANNEE:
        if motif.fullmatch(saisie):
            if jour and exemple not in ("15 mars 2021", "31/12/2022"):  # a month, a quarter: not a day anyway
                raise DateInvalide(
                    f"« {apercu(texte)} » n'est pas un jour : précisez le jour, par exemple « {_EXEMPLE_JOUR} »."
                )
            raise DateInvalide(
                f"Il manque l'année dans « {apercu(texte)} » (elle n'est jamais devinée) : "
                f"écrivez par exemple « {exemple} »."
            )
    raise DateInvalide(f"Date non reconnue : « {apercu(texte)} ». Formats acceptés, par exemple : {exemples}.")


def parse_iso(texte: str) -> datetime.date:
    """Date stricte AAAA-MM-JJ (option --today, arguments de la ligne de commande)."""
    brut = texte.strip() if isinstance(texte, str) else ""
    lu = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", brut, re.ASCII)
    if lu is None:
        raise DateInvalide(
            f"Date « {apercu(brut)} » illisible : le format attendu est AAAA-MM-JJ, par exemple « 2021-03-12 »."
        )
    return _jour(_annee(lu[1]), int(lu[2]), int(lu[3]))


def format_date(d: datetime.date) -> str:
    """« 31/12/2022 » (année toujours sur 4 chiffres)."""
    return f"{d.day:02d}/{d.month:02d}/{d.year:04d}"


_MOIS_PAR_PERIODE = {Precision.MOIS: 1, Precision.TRIMESTRE: 3, Precision.SEMESTRE: 6, Precision.ANNEE: 12}


def fin_de_periode(d: datetime.date, precision: Precision | str) -> datetime.date:
    """Dernier jour de la période de précision donnée qui contient `d`."""
    p = Precision(precision)
    if p is Precision.JOUR:
        return d
    taille = _MOIS_PAR_PERIODE[p]
    return _fin_mois(d.year, (d.month - 1) // taille * taille + taille)


def debut_de_periode(lue: DateFloue) -> datetime.date:
    """Premier jour de la période que nomme une date lue : « mars 2021 » -> 01/03/2021, « T2 2021 » -> 01/04/2021."""
    d, p = lue.date, Precision(lue.precision)
    if p is Precision.JOUR:
        return d
    taille = _MOIS_PAR_PERIODE[p]
    return datetime.date(d.year, (d.month - 1) // taille * taille + 1, 1)


def format_echeance(d: datetime.date, precision: Precision | str) -> str:
    """Libellé à la précision : « 31/12/2022 », « mars 2021 », « T3 2021 », « S1 2022 », « fin 2022 ».

    Une échéance à l'année tombe le 31 décembre : « fin 2022 » le dit, « 2022 » laisserait croire à toute l'année.
    """
    p = Precision(precision)
    if p is Precision.JOUR:
        return format_date(d)
    if p is Precision.MOIS:
        return f"{NOMS_MOIS[d.month - 1]} {d.year}"
    if p is Precision.TRIMESTRE:
        return f"T{(d.month - 1) // 3 + 1} {d.year}"
    if p is Precision.SEMESTRE:
        return f"S{(d.month - 1) // 6 + 1} {d.year}"
    return f"fin {d.year}"


def decrire(df: DateFloue) -> str:
    """Aperçu affiché pendant la saisie : « → 30/09/2021 (T3 2021) », « → 15/03/2021 »."""
    p = Precision(df.precision)
    if p is Precision.JOUR:
        return f"→ {format_date(df.date)}"
    return f"→ {format_date(df.date)} ({format_echeance(df.date, p)})"
