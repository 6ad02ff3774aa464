"""What a returned fiche holds once read (answers, each cell's position kept for messages), and how rows are read.

Rows are found by their identifier, columns by their title: a partner may reorder rows, add or
move columns, rename the sheet, merge cells. What cannot be read is a Probleme with its sheet,
row and column (« Fiche, ligne 7, colonne I »); the rest of the file stays importable. A file that
is not a fiche at all is refused whole (FicheIllisible). The file is only read, never written.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from suivi_tui.dates import DateFloue, DateInvalide, apercu, format_echeance, parse_date
from suivi_tui.erreurs import ErreurSuivi
from suivi_tui.services.fiche import (
    CLES_META,
    COMMENTAIRE,
    ECHEANCE_PROPOSEE,
    IDENTIFIANT,
    REPONDU_PAR,
    STATUT_ACTUEL,
    STATUT_PROPOSE,
    VERSION,
    Meta,
    statut_de,
    titre_de_colonne,
    uuid_de,
)
from suivi_tui.services.saisie import nettoyer_saisie
from suivi_tui.services.vocabulaire import STATUTS

COMMENTAIRE_MAX = 4000
REPONDU_PAR_MAX = 200
LIGNES_ENTETE = 30  # the header row is looked for in the first rows only


class FicheIllisible(ErreurSuivi, ValueError):
    """The file is not a fiche de suivi suivi can read; nothing was imported."""


def colonne_lettre(numero: int) -> str:
    """1 -> « A », 27 -> « AA »: a column as a spreadsheet names it."""
    lettres = ""
    while numero:
        numero, reste = divmod(numero - 1, 26)
        lettres = chr(65 + reste) + lettres
    return lettres


@dataclass(frozen=True)
class Position:
    feuille: str
    ligne: int | str | None = None  # 1-based, as the spreadsheet shows it; « 7 et 12 » for several
    colonne: str | None = None  # « E »

    def __str__(self) -> str:
        texte = self.feuille
        if isinstance(self.ligne, str):
            texte += f", lignes {self.ligne}"
        elif self.ligne is not None:
            texte += f", ligne {self.ligne}"
        if self.colonne is not None:
            texte += f", colonne {self.colonne}"
        return texte


@dataclass(frozen=True)
class Probleme:
    ou: Position
    texte: str

    def __str__(self) -> str:
        return f"{self.ou} : {self.texte}"


@dataclass(frozen=True)
class Echeance:
    date: dt.date
    precision: str
    ou: Position

    @property
    def texte(self) -> str:
        return format_echeance(self.date, self.precision)


@dataclass(frozen=True)
class Reponse:
    """One row of the file: an engagement's identifier and what the partner wrote for it."""

    uuid: str
    ou: Position  # the identifier's cell
    statut: tuple[str, Position] | None  # the proposed statut's code
    commentaire: tuple[str, Position] | None
    echeance: Echeance | None
    repondu_par: str | None
    statut_affiche: str | None  # the « Statut actuel » column's code (a CSV's value at export)

    @property
    def vide(self) -> bool:
        return self.statut is None and self.commentaire is None and self.echeance is None

    def meme_reponse(self, autre: Reponse) -> bool:
        def valeurs(r: Reponse) -> tuple[object, ...]:
            return (
                r.statut and r.statut[0],
                r.commentaire and r.commentaire[0],
                r.echeance and (r.echeance.date, r.echeance.precision),
                r.repondu_par,
            )

        return valeurs(self) == valeurs(autre)


@dataclass(frozen=True)
class FicheLue:
    fichier: str  # the file's name, as the historique will say it
    sha256: str
    meta: Meta
    a_l_export: dict[str, str]  # uuid -> statut code when the fiche was exported
    exportes: frozenset[str] | None  # the engagements exported in the fiche (None: its hidden sheet is gone)
    identifiants: frozenset[str]  # every engagement the file still has a row for
    reponses: tuple[Reponse, ...]
    problemes: tuple[Probleme, ...]
    repondue_le: dt.datetime | None  # when the partner saved it (aware, UTC), if the file says so
    lignes_lues: int
    feuille: str  # the sheet the answers were read from (a CSV: its file name)


@dataclass(frozen=True)
class Lecture:
    """What a sheet's rows hold: the answers, what could not be read, every identifier seen."""

    reponses: tuple[Reponse, ...]
    problemes: tuple[Probleme, ...]
    lignes: int  # rows with an identifier
    identifiants: frozenset[str]


@dataclass(frozen=True)
class Grille:
    """A sheet as rows of cell values (what xlsx and csv readers both give)."""

    nom: str
    lignes: Sequence[Sequence[object]]


def meta_depuis(valeurs: dict[str, str], nom: str) -> Meta:
    """The fiche's origin from its key/value pairs; FicheIllisible when a key is missing or the layout too new."""
    manquantes = [cle for cle in CLES_META if not valeurs.get(cle)]
    if manquantes:
        raise FicheIllisible(
            f"{nom} : l'origine de la fiche est incomplète ({', '.join(manquantes)} manquant) : "
            "importez la fiche telle que suivi l'a exportée."
        )
    version = valeurs["version"].strip()
    if not version.isdigit() or int(version) > VERSION:
        raise FicheIllisible(f"{nom} a été écrit par une version plus récente de suivi : mettez suivi à jour.")
    instant = valeurs["exporte_le"].strip()
    try:
        dt.datetime.strptime(instant, "%Y-%m-%dT%H:%M:%SZ")
    except ValueError:
        raise FicheIllisible(f"{nom} : la date d'export « {apercu(instant)} » est illisible.") from None
    if valeurs["pour_genre"] not in ("partie", "pilote"):
        raise FicheIllisible(f"{nom} : le destinataire de la fiche est illisible.")
    return Meta(
        version=int(version),
        base=valeurs["base"].strip().lower(),
        contrat=valeurs["contrat"].strip().lower(),
        contrat_titre=valeurs["contrat_titre"],
        export=valeurs["export"].strip().lower(),
        exporte_le=instant,
        pour_genre=valeurs["pour_genre"],
        pour=valeurs["pour"],
    )


def texte(valeur: object) -> str | None:
    """A cell's value as text (None when empty): numbers without « .0 », dates as dd/mm/yyyy."""
    if valeur is None:
        return None
    if isinstance(valeur, bool):
        return "VRAI" if valeur else "FAUX"
    if isinstance(valeur, float) and valeur.is_integer():
        valeur = int(valeur)
    if isinstance(valeur, dt.datetime | dt.date):
        valeur = f"{valeur:%d/%m/%Y}"
    propre = str(valeur).strip()
    return propre or None


def lire_grille(grille: Grille, meta: Meta, repondue_le: dt.datetime | None) -> Lecture:
    """The answers of the sheet, its problems, and the number of rows with an identifier."""
    trouvee = entete(grille)
    if trouvee is None:
        raise FicheIllisible(
            f"La feuille « {grille.nom} » n'a pas de colonne « {IDENTIFIANT} » : la fiche ne peut pas être relue."
        )
    ligne_entete, colonnes = trouvee
    reference = _jour_de_reponse(meta, repondue_le)
    reponses: list[Reponse] = []
    problemes: list[Probleme] = []
    for numero, ligne in enumerate(grille.lignes[ligne_entete + 1 :], start=ligne_entete + 2):
        lue = _ligne(grille.nom, numero, ligne, colonnes, reference, problemes)
        if lue is not None:
            reponses.append(lue)
    uniques = _sans_doublons(reponses, problemes)
    return Lecture(tuple(uniques), tuple(problemes), len(reponses), frozenset(r.uuid for r in reponses))


def entete(grille: Grille) -> tuple[int, dict[str, int]] | None:
    """The header row (0-based) and where each known column is, or None when no row names « Identifiant »."""
    for i, ligne in enumerate(grille.lignes[:LIGNES_ENTETE]):
        colonnes: dict[str, int] = {}
        for j, valeur in enumerate(ligne):
            titre = titre_de_colonne(texte(valeur) or "")
            if titre is not None and titre not in colonnes:
                colonnes[titre] = j
        if IDENTIFIANT in colonnes:
            return i, colonnes
    return None


def _jour_de_reponse(meta: Meta, repondue_le: dt.datetime | None) -> dt.date:
    """The day « dans 2 semaines » counts from: the answer's, else the export's."""
    exporte = dt.datetime.strptime(meta.exporte_le, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=dt.UTC)
    jour = repondue_le if repondue_le is not None and repondue_le > exporte else exporte
    return jour.astimezone().date()


def _cellule(ligne: Sequence[object], colonnes: dict[str, int], titre: str) -> object:
    j = colonnes.get(titre)
    return ligne[j] if j is not None and j < len(ligne) else None


def _ligne(
    feuille: str,
    numero: int,
    ligne: Sequence[object],
    colonnes: dict[str, int],
    reference: dt.date,
    problemes: list[Probleme],
) -> Reponse | None:
    def ou(titre: str) -> Position:
        return Position(feuille, numero, colonne_lettre(colonnes[titre] + 1))

    brut = texte(_cellule(ligne, colonnes, IDENTIFIANT))
    remplie = any(texte(_cellule(ligne, colonnes, t)) for t in (STATUT_PROPOSE, COMMENTAIRE, ECHEANCE_PROPOSEE))
    if brut is None:
        if remplie:
            problemes.append(Probleme(ou(IDENTIFIANT), "identifiant absent : la réponse de cette ligne est ignorée."))
        return None
    uuid = uuid_de(brut)
    if uuid is None:
        problemes.append(
            Probleme(ou(IDENTIFIANT), f"« {apercu(brut)} » n'est pas un identifiant de suivi : ligne ignorée.")
        )
        return None
    statut = None
    if STATUT_PROPOSE in colonnes:
        statut = _statut(_cellule(ligne, colonnes, STATUT_PROPOSE), ou(STATUT_PROPOSE), problemes)
    commentaire = None
    if COMMENTAIRE in colonnes:
        commentaire = _commentaire(_cellule(ligne, colonnes, COMMENTAIRE), ou(COMMENTAIRE), problemes)
    echeance = None
    if ECHEANCE_PROPOSEE in colonnes:
        echeance = _echeance(_cellule(ligne, colonnes, ECHEANCE_PROPOSEE), ou(ECHEANCE_PROPOSEE), reference, problemes)
    repondu = " ".join(nettoyer_saisie(texte(_cellule(ligne, colonnes, REPONDU_PAR)) or "").split())
    affiche = texte(_cellule(ligne, colonnes, STATUT_ACTUEL))
    return Reponse(
        uuid=uuid,
        ou=ou(IDENTIFIANT),
        statut=statut,
        commentaire=commentaire,
        echeance=echeance,
        repondu_par=repondu[:REPONDU_PAR_MAX] or None,
        statut_affiche=statut_de(affiche) if affiche else None,
    )


def _statut(valeur: object, ou: Position, problemes: list[Probleme]) -> tuple[str, Position] | None:
    brut = texte(valeur)
    if brut is None:
        return None
    code = statut_de(brut)
    if code is None:
        problemes.append(
            Probleme(
                ou,
                f"statut « {apercu(brut)} » inconnu (possibles : {', '.join(STATUTS.values())}) : statut ignoré.",
            )
        )
        return None
    return code, ou


def _commentaire(valeur: object, ou: Position, problemes: list[Probleme]) -> tuple[str, Position] | None:
    brut = texte(valeur)
    if brut is None:
        return None
    propre = nettoyer_saisie(brut).strip()
    if propre.startswith("'") and propre[1:2] in ("=", "+", "-", "@"):
        propre = propre[1:]  # the apostrophe a CSV export puts before a text that looks like a formula
    if len(propre) > COMMENTAIRE_MAX:
        problemes.append(
            Probleme(ou, f"commentaire trop long ({len(propre)} caractères, {COMMENTAIRE_MAX} au plus) : ignoré.")
        )
        return None
    return (propre, ou) if propre else None


def _echeance(valeur: object, ou: Position, reference: dt.date, problemes: list[Probleme]) -> Echeance | None:
    if isinstance(valeur, dt.datetime | dt.date):  # a real date cell: Excel or Calc read the typed date
        jour = valeur.date() if isinstance(valeur, dt.datetime) else valeur
        return Echeance(jour, "jour", ou)
    brut = texte(valeur)
    if brut is None:
        return None
    try:
        lue: DateFloue = parse_date(brut, reference)
    except DateInvalide as exc:
        problemes.append(Probleme(ou, f"échéance « {apercu(brut)} » refusée : {exc.message} Échéance ignorée."))
        return None
    return Echeance(lue.date, str(lue.precision), ou)


def _sans_doublons(reponses: list[Reponse], problemes: list[Probleme]) -> list[Reponse]:
    """An identifier on several rows: kept once when they say the same, else ignored (which one to believe?)."""
    par_uuid: dict[str, list[Reponse]] = {}
    for r in reponses:
        par_uuid.setdefault(r.uuid, []).append(r)
    gardees = []
    for groupe in par_uuid.values():
        if len(groupe) == 1:
            gardees.append(groupe[0])
            continue
        ou = Position(groupe[0].ou.feuille, _et([str(r.ou.ligne) for r in groupe]), groupe[0].ou.colonne)
        if all(r.meme_reponse(groupe[0]) for r in groupe):
            problemes.append(Probleme(ou, "même identifiant, mêmes réponses : comptées une fois."))
            gardees.append(groupe[0])
        else:
            problemes.append(Probleme(ou, "même identifiant, réponses différentes : engagement ignoré."))
    return gardees


def _et(mots: Iterable[str]) -> str:
    liste = list(mots)
    return liste[0] if len(liste) == 1 else ", ".join(liste[:-1]) + " et " + liste[-1]
