"""The yearly programmation of credits: its actions (porteur, Dauphin file, CPO, objectives served) and their amounts.

Amounts are kept in centimes (exact sums); « demandé » and « accordé » per financeur (État crédits
spécifiques, ville, CAF…). What was funded per objective rolls up the tree like the counts do.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from suivi_tui.db.database import Lecture, lit
from suivi_tui.services.arbre import Noeud, chemin, lire_arbre
from suivi_tui.services.saisie import SaisieInvalide, nettoyer_saisie


@dataclass(frozen=True)
class FinancementInfo:
    financeur: str
    demande: int | None  # centimes
    accorde: int | None


class _Montants:
    """An action's totals in centimes, demandé and accordé (a financeur without an amount counts 0)."""

    financements: tuple[FinancementInfo, ...]

    @property
    def demande(self) -> int:
        return sum(f.demande or 0 for f in self.financements)

    @property
    def accorde(self) -> int:
        return sum(f.accorde or 0 for f in self.financements)


@dataclass(frozen=True)
class ActionProgrammee(_Montants):
    id: int
    annee: int
    porteur: str
    intitule: str
    dauphin: str
    cpo: str
    objectifs: tuple[str, ...]  # the numeros of the nodes it serves
    financements: tuple[FinancementInfo, ...] = field(default_factory=tuple)


@dataclass(frozen=True)
class Programmation:
    """One year's programmation: its actions, the totals per financeur, and what each node was granted."""

    annee: int
    actions: tuple[ActionProgrammee, ...]
    par_financeur: tuple[tuple[str, int, int], ...]  # (financeur, demandé, accordé) in centimes
    par_objectif: dict[str, tuple[int, int]]  # numero → (demandé, accordé), rolled up the tree

    @property
    def demande(self) -> int:
        return sum(a.demande for a in self.actions)

    @property
    def accorde(self) -> int:
        return sum(a.accorde for a in self.actions)


def euros(centimes: int | None) -> str:
    """« 12 500 € », « 1 234,50 € » ; « — » for an amount not given."""
    if centimes is None:
        return "—"
    entier, reste = divmod(abs(centimes), 100)
    texte = f"{entier:,}".replace(",", "\u202f") + (f",{reste:02d}" if reste else "")
    return f"{'-' if centimes < 0 else ''}{texte}\u00a0€"


_RE_MONTANT = re.compile(r"\d+(?:[.,]\d{1,2})?")


def lire_montant(valeur: object) -> int | None:
    """An amount in euros as it is typed or found in a table: « 12 500 », « 12 500,50 € », « 1.234,50 », 12500.5.

    Returns centimes (None when empty); SaisieInvalide, in French, for anything else (a negative amount too).
    """
    if valeur is None or (isinstance(valeur, str) and not valeur.strip()):
        return None
    if isinstance(valeur, int | float) and not isinstance(valeur, bool):
        if valeur < 0:
            raise SaisieInvalide(f"« {valeur} » : un montant ne peut pas être négatif.")
        return round(float(valeur) * 100)
    texte = re.sub(r"[\s\u00a0\u202f€]|eur(?:os)?$", "", str(valeur), flags=re.IGNORECASE)
    if "," in texte and "." in texte:  # « 1.234,50 »: dots group the thousands
        texte = texte.replace(".", "")
    if not _RE_MONTANT.fullmatch(texte):
        raise SaisieInvalide(f"« {str(valeur).strip()} » n'est pas un montant en euros (ex. : 12 500 ou 1 234,50)")
    return round(float(texte.replace(",", ".")) * 100)


def _montant_ou_none(texte: str) -> int | None:
    try:
        return lire_montant(texte)
    except SaisieInvalide:
        return None


@dataclass(frozen=True)
class ActionSaisie(_Montants):
    """An action of the programmation as the form gives it: objectives by axe id, amounts in centimes."""

    annee: int
    porteur: str
    intitule: str
    dauphin: str
    cpo: str
    objectifs: tuple[int, ...]
    financements: tuple[FinancementInfo, ...]


TEXTE_MAX = 300


def _propre(texte: str) -> str:
    return " ".join(nettoyer_saisie(texte).split())


def verifier_action(saisie: ActionSaisie) -> ActionSaisie:
    """The action as it will be saved (texts cleaned); SaisieInvalide, in French, when it cannot be."""
    porteur, intitule = _propre(saisie.porteur), _propre(saisie.intitule)
    dauphin, cpo = _propre(saisie.dauphin), _propre(saisie.cpo)
    if not porteur:
        raise SaisieInvalide("Nommez le porteur de l'action (une association, un service…).")
    if not intitule:
        raise SaisieInvalide("Donnez l'intitulé de l'action.")
    for nom, texte in (("porteur", porteur), ("intitulé", intitule), ("n° Dauphin", dauphin), ("CPO", cpo)):
        if len(texte) > TEXTE_MAX:
            raise SaisieInvalide(f"Le {nom} est trop long ({len(texte)} caractères, {TEXTE_MAX} au plus).")
    if not 1900 <= saisie.annee <= 2200:
        raise SaisieInvalide(f"« {saisie.annee} » n'est pas une année de programmation.")
    if not saisie.objectifs:
        raise SaisieInvalide("Cochez au moins un objectif que l'action sert (espace dans la liste).")
    financements: list[FinancementInfo] = []
    vus: set[str] = set()
    for f in saisie.financements:
        nom = _propre(f.financeur)
        if f.demande is None and f.accorde is None:
            continue  # a financeur offered by the form, with no amount: not part of the action
        if not nom:
            raise SaisieInvalide("Un montant sans financeur : nommez le financeur (État, ville, CAF…).")
        if _montant_ou_none(nom) is not None:
            raise SaisieInvalide(
                f"« {nom} » est un montant, pas un financeur : il va dans la colonne « Demandé » ou « Accordé »."
            )
        if nom.casefold() in vus:
            raise SaisieInvalide(f"Le financeur « {nom} » est saisi deux fois : additionnez ses montants.")
        if (f.demande or 0) < 0 or (f.accorde or 0) < 0:
            raise SaisieInvalide("Un montant ne peut pas être négatif.")
        vus.add(nom.casefold())
        financements.append(FinancementInfo(nom, f.demande, f.accorde))
    if not financements:
        raise SaisieInvalide("Indiquez au moins un montant demandé ou accordé, et son financeur.")
    objectifs = tuple(dict.fromkeys(saisie.objectifs))
    return ActionSaisie(saisie.annee, porteur, intitule, dauphin, cpo, objectifs, tuple(financements))


@dataclass(frozen=True)
class Connus:
    """What the contrat's programmation already names (most used first): the form's suggestions."""

    porteurs: tuple[str, ...]
    financeurs: tuple[str, ...]


# Offered when a contrat has no programmation yet: the usual financeurs of a contrat de ville.
FINANCEURS_HABITUELS = ("État (crédits politique de la ville)", "Ville", "CAF")


@lit
def connus(lecture: Lecture, contrat_id: int) -> Connus:
    params = {"c": contrat_id}
    porteurs = lecture.execute(
        "SELECT porteur FROM programmation WHERE contrat_id = :c GROUP BY porteur ORDER BY count(*) DESC, porteur",
        params,
    ).scalars()
    financeurs = Counter(
        lecture.execute(
            "SELECT f.financeur FROM financement f JOIN programmation p ON p.id = f.programmation_id "
            "WHERE p.contrat_id = :c",
            params,
        ).scalars()
    )
    noms = [nom for nom, _ in sorted(financeurs.items(), key=lambda x: (-x[1], x[0]))]
    return Connus(tuple(porteurs), tuple(noms) or FINANCEURS_HABITUELS)


@lit
def lire_action(lecture: Lecture, contrat_id: int, action_id: int) -> ActionSaisie | None:
    """An action as the form shows it to be modified; None when it is gone (or another contrat's)."""
    ligne = lecture.execute(
        "SELECT annee, porteur, intitule, dauphin, cpo FROM programmation WHERE id = :a AND contrat_id = :c",
        {"a": action_id, "c": contrat_id},
    ).first()
    if ligne is None:
        return None
    objectifs = lecture.execute(
        "SELECT po.axe_id FROM programmation_objectif po JOIN axe a ON a.id = po.axe_id "
        "WHERE po.programmation_id = :a ORDER BY a.ordre",
        {"a": action_id},
    ).scalars()
    financements = lecture.execute(
        "SELECT financeur, demande_centimes, accorde_centimes FROM financement WHERE programmation_id = :a ORDER BY id",
        {"a": action_id},
    ).all()
    return ActionSaisie(
        ligne[0],
        ligne[1],
        ligne[2],
        ligne[3],
        ligne[4],
        tuple(objectifs),
        tuple(FinancementInfo(*f) for f in financements),
    )


@dataclass(frozen=True)
class Programmations:
    """Every year's programmation of a contrat, and its tree (the view per objective and per year)."""

    noeuds: tuple[Noeud, ...]
    annees: tuple[Programmation, ...]  # oldest first

    def de(self, annee: int) -> Programmation | None:
        return next((p for p in self.annees if p.annee == annee), None)


@lit
def lire_programmations(lecture: Lecture, contrat_id: int) -> Programmations:
    """All the years, in one snapshot."""
    return Programmations(
        tuple(lire_arbre(lecture, contrat_id)),
        tuple(lire_programmation(lecture, contrat_id, a) for a in annees_programmees(lecture, contrat_id)),
    )


@lit
def annees_programmees(lecture: Lecture, contrat_id: int) -> list[int]:
    sql = "SELECT DISTINCT annee FROM programmation WHERE contrat_id = :c ORDER BY annee"
    return [r[0] for r in lecture.execute(sql, {"c": contrat_id}).all()]


@lit
def lire_programmation(lecture: Lecture, contrat_id: int, annee: int) -> Programmation:
    """The actions of that year (by porteur, then title) with their objectives and amounts."""
    params = {"c": contrat_id, "an": annee}
    actions = lecture.execute(
        "SELECT id, annee, porteur, intitule, dauphin, cpo FROM programmation "
        "WHERE contrat_id = :c AND annee = :an ORDER BY porteur, intitule, id",
        params,
    ).all()
    ids = [r[0] for r in actions]
    objectifs: dict[int, list[tuple[str, int]]] = {}
    financements: dict[int, list[FinancementInfo]] = {}
    if ids:
        for pid, axe_id, numero in lecture.execute(
            "SELECT po.programmation_id, a.id, a.numero FROM programmation_objectif po JOIN axe a ON a.id = po.axe_id "
            "WHERE po.programmation_id IN :ids ORDER BY a.ordre",
            {"ids": ids},
        ).all():
            objectifs.setdefault(pid, []).append((numero, axe_id))
        for pid, financeur, demande, accorde in lecture.execute(
            "SELECT programmation_id, financeur, demande_centimes, accorde_centimes FROM financement "
            "WHERE programmation_id IN :ids ORDER BY id",
            {"ids": ids},
        ).all():
            financements.setdefault(pid, []).append(FinancementInfo(financeur, demande, accorde))
    lues = tuple(
        ActionProgrammee(
            r[0],
            r[1],
            r[2],
            r[3],
            r[4],
            r[5],
            tuple(n for n, _ in objectifs.get(r[0], [])),
            tuple(financements.get(r[0], [])),
        )
        for r in actions
    )
    return Programmation(annee, lues, _par_financeur(lues), _par_objectif(lecture, contrat_id, lues, objectifs))


def _par_financeur(actions: tuple[ActionProgrammee, ...]) -> tuple[tuple[str, int, int], ...]:
    totaux: dict[str, tuple[int, int]] = {}
    for action in actions:
        for f in action.financements:
            demande, accorde = totaux.get(f.financeur, (0, 0))
            totaux[f.financeur] = (demande + (f.demande or 0), accorde + (f.accorde or 0))
    return tuple((nom, d, a) for nom, (d, a) in totaux.items())


def _par_objectif(
    lecture: Lecture,
    contrat_id: int,
    actions: tuple[ActionProgrammee, ...],
    objectifs: dict[int, list[tuple[str, int]]],
) -> dict[str, tuple[int, int]]:
    """Amounts per node, rolled up: an action counts once in every node at or above the objectives it serves."""
    noeuds = lire_arbre(lecture, contrat_id)
    totaux: dict[int, tuple[int, int]] = {}
    for action in actions:
        touches = {n.id for _numero, axe_id in objectifs.get(action.id, []) for n in chemin(noeuds, axe_id)}
        for axe_id in touches:
            d, a = totaux.get(axe_id, (0, 0))
            totaux[axe_id] = (d + action.demande, a + action.accorde)
    return {n.numero: totaux[n.id] for n in noeuds if n.id in totaux}
