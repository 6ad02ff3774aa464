"""Reading a programmation table (XLSX or CSV) into actions, then writing them in one transaction.

Columns are found by the names the usual tables give them, accents and case aside: « Porteur »,
« Intitulé de l'action », « N° Dauphin », « Montant demandé », « Montant accordé », « Financeur »,
« Objectif(s) » (numbers of the tree: « 1.1.1 ; 2.1.2 »), « Année », « CPO ». One row per action
and financeur; rows of the same action (porteur, intitulé, année) are one action. Every value that
cannot be read is refused with its sheet, row and column, before anything is written.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import select

from suivi_tui.db.database import Database
from suivi_tui.db.models import Axe, Financement, Programmation, ProgrammationObjectif
from suivi_tui.erreurs import ErreurSuivi
from suivi_tui.services.programmation import lire_montant
from suivi_tui.services.saisie import SaisieInvalide
from suivi_tui.texte import sans_accents
from suivi_tui.today import now_utc

FINANCEUR_PAR_DEFAUT = "État (crédits politique de la ville)"
COLONNES: dict[str, tuple[str, ...]] = {
    "porteur": ("porteur", "porteur de projet", "porteur du projet", "structure", "organisme", "association"),
    "intitule": ("intitule de l'action", "intitule", "action", "nom de l'action", "libelle de l'action", "projet"),
    "dauphin": ("n° dauphin", "no dauphin", "numero dauphin", "dauphin", "n dauphin", "n° de dossier dauphin"),
    "demande": ("montant demande", "montant sollicite", "demande", "subvention demandee"),
    "accorde": ("montant accorde", "montant attribue", "accorde", "subvention accordee", "montant retenu"),
    "financeur": ("financeur", "cofinanceur", "financeurs"),
    "objectifs": ("objectif", "objectifs", "objectif operationnel", "objectifs operationnels", "objectifs servis"),
    "annee": ("annee", "exercice", "annee de programmation"),
    "cpo": ("cpo", "convention pluriannuelle", "n° cpo", "convention pluriannuelle d'objectifs"),
}
OBLIGATOIRES = ("porteur", "intitule")


class TableauIllisible(ErreurSuivi, ValueError):
    """The table cannot be read; ``message`` says where (sheet, row, column) in French."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass
class ActionLue:
    annee: int
    porteur: str
    intitule: str
    dauphin: str = ""
    cpo: str = ""
    objectifs: list[str] = field(default_factory=list)
    financements: dict[str, tuple[int | None, int | None]] = field(default_factory=dict)
    ligne: int = 0


@dataclass(frozen=True)
class Apercu:
    """What the table holds, before anything is written."""

    source: str
    actions: tuple[ActionLue, ...]
    financeur_par_defaut: bool  # no « Financeur » column: every amount is the State's


def _cle(texte: object) -> str:
    return " ".join(sans_accents(str(texte or "")).lower().replace("’", "'").replace("°", "° ").split()).replace(
        "° ", "°"
    )


def _colonnes(entetes: list[object], lieu: str) -> dict[str, int]:
    trouvees: dict[str, int] = {}
    for index, entete in enumerate(entetes):
        cle = _cle(entete).rstrip(" :").replace("(€)", "").replace("en €", "").strip()
        for nom, variantes in COLONNES.items():
            if nom not in trouvees and cle in {_cle(v) for v in variantes}:
                trouvees[nom] = index
    manquantes = [n for n in OBLIGATOIRES if n not in trouvees]
    if not manquantes and "demande" not in trouvees and "accorde" not in trouvees:
        manquantes.append("demande")
    if manquantes:
        noms = {"porteur": "Porteur", "intitule": "Intitulé de l'action", "demande": "Montant demandé ou accordé"}
        lues = ", ".join(f"« {e} »" for e in entetes if str(e or "").strip()) or "aucune"
        raise TableauIllisible(
            f"{lieu}, ligne 1 : colonne {', '.join(f'« {noms[m]} »' for m in manquantes)} introuvable "
            f"(colonnes lues : {lues})"
        )
    return trouvees


def _montant(valeur: object, lieu: str) -> int | None:
    try:
        return lire_montant(valeur)
    except SaisieInvalide as exc:
        raise TableauIllisible(f"{lieu} : {exc.message}") from None


def _annee(valeur: object, defaut: int | None, lieu: str) -> int:
    texte = str(valeur).strip() if valeur is not None else ""
    if texte.endswith(".0"):
        texte = texte[:-2]
    if not texte:
        if defaut is None:
            raise TableauIllisible(f"{lieu} : année absente (colonne « Année », ou --annee)")
        return defaut
    if not re.fullmatch(r"(?:19|20)\d\d", texte):
        raise TableauIllisible(f"{lieu} : « {texte} » n'est pas une année")
    return int(texte)


def _texte(valeur: object) -> str:
    if isinstance(valeur, float) and valeur.is_integer():
        valeur = int(valeur)
    return " ".join(str(valeur or "").split())


def lire_lignes(lignes: list[list[Any]], feuille: str, source: str, annee: int | None) -> Apercu:
    """Rows (header first) into actions; TableauIllisible names the sheet, row and column of a bad value."""
    lieu = f"{source}, feuille « {feuille} »" if feuille else source
    if not lignes:
        raise TableauIllisible(f"{lieu} : tableau vide")
    colonnes = _colonnes(lignes[0], lieu)
    entetes = [str(e or "") for e in lignes[0]]
    actions: dict[tuple[int, str, str], ActionLue] = {}
    for numero, ligne in enumerate(lignes[1:], start=2):
        valeur = {nom: (ligne[i] if i < len(ligne) else None) for nom, i in colonnes.items()}
        if not any(_texte(v) for v in valeur.values()):
            continue  # an empty row (a total line below is refused as a row without porteur)
        ici = {nom: f"{lieu}, ligne {numero}, colonne « {entetes[i]} »" for nom, i in colonnes.items()}
        porteur, intitule = _texte(valeur["porteur"]), _texte(valeur["intitule"])
        for nom, texte in (("porteur", porteur), ("intitule", intitule)):
            if not texte:
                raise TableauIllisible(f"{ici[nom]} : cellule vide")
        an = _annee(valeur.get("annee"), annee, ici.get("annee", f"{lieu}, ligne {numero}"))
        action = actions.setdefault((an, porteur, intitule), ActionLue(an, porteur, intitule, ligne=numero))
        action.dauphin = action.dauphin or _texte(valeur.get("dauphin"))
        action.cpo = action.cpo or _texte(valeur.get("cpo"))
        for objectif in re.split(r"[\s,;/]+", _texte(valeur.get("objectifs"))):
            if objectif and objectif.rstrip(".") not in action.objectifs:
                action.objectifs.append(objectif.rstrip("."))
        financeur = _texte(valeur.get("financeur")) or FINANCEUR_PAR_DEFAUT
        demande = _montant(valeur.get("demande"), ici.get("demande", lieu))
        accorde = _montant(valeur.get("accorde"), ici.get("accorde", lieu))
        avant = action.financements.get(financeur, (None, None))
        action.financements[financeur] = (_somme(avant[0], demande), _somme(avant[1], accorde))
    return Apercu(source, tuple(actions.values()), "financeur" not in colonnes)


def _somme(a: int | None, b: int | None) -> int | None:
    return None if a is None and b is None else (a or 0) + (b or 0)


def lire_tableau(chemin: Path, annee: int | None = None) -> Apercu:
    """An .xlsx (first sheet, or the one named « Programmation ») or a .csv (; or , separated, UTF-8 or Latin-1)."""
    if not chemin.is_file():
        raise TableauIllisible(f"fichier introuvable : « {chemin} »")
    suffixe = chemin.suffix.lower()
    if suffixe == ".xlsx":
        return _lire_xlsx(chemin, annee)
    if suffixe == ".csv":
        donnees = chemin.read_bytes()
        try:
            texte = donnees.decode("utf-8-sig")
        except UnicodeDecodeError:
            texte = donnees.decode("cp1252", errors="replace")
        separateur = ";" if texte.split("\n", 1)[0].count(";") >= texte.split("\n", 1)[0].count(",") else ","
        lignes = [list(r) for r in csv.reader(io.StringIO(texte), delimiter=separateur)]
        return lire_lignes(lignes, "", chemin.name, annee)
    raise TableauIllisible(f"« {chemin.name} » : un tableau de programmation est un fichier .xlsx ou .csv")


def _lire_xlsx(chemin: Path, annee: int | None) -> Apercu:
    import zipfile

    from openpyxl import load_workbook  # type: ignore[import-untyped]  # only when importing a table

    try:
        classeur = load_workbook(chemin, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise TableauIllisible(f"« {chemin.name} » n'est pas un classeur Excel lisible ({exc})") from None
    try:
        feuille = next((f for f in classeur.worksheets if _cle(f.title) == "programmation"), classeur.worksheets[0])
        lignes = [list(r) for r in feuille.iter_rows(values_only=True)]
        return lire_lignes(lignes, feuille.title, chemin.name, annee)
    finally:
        classeur.close()


@dataclass(frozen=True)
class ImportProgrammation:
    ajoutees: int
    mises_a_jour: int
    financements: int


def appliquer(db: Database, contrat_id: int, apercu: Apercu) -> ImportProgrammation:
    """Write the actions (found again by année, porteur and intitulé): all or nothing."""
    ajoutees = mises_a_jour = financements = 0
    with db.write() as session:
        axes = {a.numero: a.id for a in session.scalars(select(Axe).where(Axe.contrat_id == contrat_id))}
        for lue in apercu.actions:
            inconnus = [o for o in lue.objectifs if o not in axes]
            if inconnus:
                raise TableauIllisible(
                    f"{apercu.source}, ligne {lue.ligne} : objectif {', '.join(inconnus)} inconnu dans ce contrat "
                    f"(numéros connus : {', '.join(list(axes)[:12])}…)"
                )
            action = session.scalar(
                select(Programmation).where(
                    Programmation.contrat_id == contrat_id,
                    Programmation.annee == lue.annee,
                    Programmation.porteur == lue.porteur,
                    Programmation.intitule == lue.intitule,
                )
            )
            if action is None:
                action = Programmation(
                    contrat_id=contrat_id,
                    annee=lue.annee,
                    porteur=lue.porteur,
                    intitule=lue.intitule,
                    cree_le=now_utc(),
                )
                session.add(action)
                ajoutees += 1
            else:
                mises_a_jour += 1
            action.dauphin, action.cpo = lue.dauphin or action.dauphin, lue.cpo or action.cpo
            session.flush()
            for numero in lue.objectifs:
                if session.get(ProgrammationObjectif, (action.id, axes[numero])) is None:
                    session.add(ProgrammationObjectif(programmation_id=action.id, axe_id=axes[numero]))
            for financeur, (demande, accorde) in lue.financements.items():
                ligne = session.scalar(
                    select(Financement).where(
                        Financement.programmation_id == action.id, Financement.financeur == financeur
                    )
                )
                if ligne is None:
                    ligne = Financement(programmation_id=action.id, financeur=financeur)
                    session.add(ligne)
                ligne.demande_centimes, ligne.accorde_centimes = demande, accorde
                financements += 1
    return ImportProgrammation(ajoutees, mises_a_jour, financements)
