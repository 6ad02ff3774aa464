"""Indicators and their mesures as the screens, exports and the yearly review read them; the trend toward the target."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from suivi_tui.db.database import Lecture, lit
from suivi_tui.services.saisie import SaisieInvalide

MESURES_MONTREES = 6


@dataclass(frozen=True)
class MesureInfo:
    id: int
    date: dt.date
    valeur: float
    commentaire: str


@dataclass(frozen=True)
class IndicateurInfo:
    """An indicator with its latest mesures (newest first); ``porteur`` says what it belongs to."""

    id: int
    libelle: str
    unite: str
    reference: float | None
    reference_annee: int | None
    cible: float | None
    cible_annee: int | None
    source: str
    porteur: str  # « Objectif opérationnel 1.1.1 », or the engagement's libellé
    mesures: tuple[MesureInfo, ...] = ()
    engagement_id: int | None = None
    axe_id: int | None = None

    @property
    def derniere(self) -> MesureInfo | None:
        return self.mesures[0] if self.mesures else None

    @property
    def avancement(self) -> float | None:
        """How far the last value went from the reference toward the target (1.0: reached), None if unknown."""
        if self.derniere is None or self.reference is None or self.cible is None or self.cible == self.reference:
            return None
        return (self.derniere.valeur - self.reference) / (self.cible - self.reference)

    @property
    def tendance(self) -> str:
        """« cible atteinte », « vers la cible », « s'éloigne de la cible », « stable », or « » when unknown."""
        derniere = self.derniere
        if derniere is None or self.cible is None:
            return ""
        avant = self.mesures[1].valeur if len(self.mesures) > 1 else self.reference
        sens = 1 if self.reference is None or self.cible >= self.reference else -1
        if (derniere.valeur - self.cible) * sens >= 0:
            return "cible atteinte"
        if avant is None or derniere.valeur == avant:
            return "stable" if avant is not None else ""
        return "vers la cible" if (derniere.valeur - avant) * sens > 0 else "s'éloigne de la cible"


def nombre_fr(valeur: float | None) -> str:
    """« 12,5 », « 1 200 », « 90 » ; « — » for None."""
    if valeur is None:
        return "—"
    texte = f"{valeur:,.2f}".rstrip("0").rstrip(".").replace(",", "\u202f").replace(".", ",")
    return texte


def avec_unite(valeur: float | None, unite: str) -> str:
    """« 62 enfants », « 18 % », « 4 »."""
    if valeur is None:
        return "—"
    return f"{nombre_fr(valeur)} {unite}" if unite else nombre_fr(valeur)


def resume(indicateur: IndicateurInfo) -> str:
    """« 62 enfants au 31/12/2024 (référence 48 en 2023, cible 90 en 2028) · 33 % du chemin · vers la cible »."""
    i = indicateur
    morceaux = []
    if i.derniere is not None:
        morceaux.append(f"{avec_unite(i.derniere.valeur, i.unite)} au {i.derniere.date:%d/%m/%Y}")
    else:
        morceaux.append("aucune mesure")
    bornes = []
    if i.reference is not None:
        bornes.append(f"référence {avec_unite(i.reference, i.unite)}{_en(i.reference_annee)}")
    if i.cible is not None:
        bornes.append(f"cible {avec_unite(i.cible, i.unite)}{_en(i.cible_annee)}")
    texte = morceaux[0] + (f" ({', '.join(bornes)})" if bornes else "")
    if i.avancement is not None:
        texte += f" · {round(i.avancement * 100)} % du chemin"
    if i.tendance:
        texte += f" · {i.tendance}"
    return texte


def _en(annee: int | None) -> str:
    return f" en {annee}" if annee else ""


_COLONNES = """i.id, i.libelle, i.unite, i.reference, i.reference_annee, i.cible, i.cible_annee, i.source"""


def _info(r: tuple[Any, ...], mesures: dict[int, tuple[MesureInfo, ...]]) -> IndicateurInfo:
    """A row of _COLONNES, then porteur, engagement_id and axe_id."""
    return IndicateurInfo(r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], r[8], mesures.get(r[0], ()), r[9], r[10])


def _mesures(lecture: Lecture, ids: list[int], limite: int) -> dict[int, tuple[MesureInfo, ...]]:
    if not ids:
        return {}
    rows = lecture.execute(
        "SELECT indicateur_id, id, date, valeur, commentaire FROM mesure WHERE indicateur_id IN :ids "
        "ORDER BY indicateur_id, date DESC, id DESC",
        {"ids": ids},
    ).all()
    par: dict[int, list[MesureInfo]] = {}
    for r in rows:
        liste = par.setdefault(r[0], [])
        if len(liste) < limite:
            liste.append(MesureInfo(r[1], dt.date.fromisoformat(r[2]), r[3], r[4]))
    return {k: tuple(v) for k, v in par.items()}


@lit
def indicateurs_engagement(
    lecture: Lecture, engagement_id: int, *, limite: int = MESURES_MONTREES
) -> tuple[IndicateurInfo, ...]:
    """The engagement's own indicators, then those of its node and of the nodes above it."""
    rows = lecture.execute(
        f"""WITH RECURSIVE haut(id, rang) AS (
                SELECT axe_id, 1 FROM engagement WHERE id = :e
                UNION ALL SELECT a.parent_id, h.rang + 1 FROM axe a JOIN haut h ON a.id = h.id
                WHERE a.parent_id IS NOT NULL)
            SELECT {_COLONNES}, 'engagement', i.engagement_id, i.axe_id, 0 FROM indicateur i WHERE i.engagement_id = :e
            UNION ALL
            SELECT {_COLONNES}, a.niveau || ' ' || a.numero, i.engagement_id, i.axe_id, h.rang
            FROM indicateur i JOIN haut h ON h.id = i.axe_id JOIN axe a ON a.id = i.axe_id
            ORDER BY 12, 1""",
        {"e": engagement_id},
    ).all()
    mesures = _mesures(lecture, [r[0] for r in rows], limite)
    return tuple(_info(r, mesures) for r in rows)


@dataclass(frozen=True)
class IndicateurContrat:
    """An indicator of the contrat, placed in the tree (its node, or its engagement's node)."""

    axe_id: int
    axe_numero: str
    engagement: str | None  # the engagement's libellé, None for a node's own indicator
    info: IndicateurInfo


@lit
def indicateurs_contrat(lecture: Lecture, contrat_id: int, *, limite: int = 1000) -> list[IndicateurContrat]:
    """Every indicator of the contrat with its mesures (newest first), in the order of the tree."""
    rows = lecture.execute(
        f"""SELECT {_COLONNES}, coalesce(a.niveau || ' ' || a.numero, e.libelle), i.engagement_id, i.axe_id,
                   a2.id, a2.numero, e.libelle
            FROM indicateur i LEFT JOIN engagement e ON e.id = i.engagement_id
            LEFT JOIN axe a ON a.id = i.axe_id
            JOIN axe a2 ON a2.id = coalesce(i.axe_id, e.axe_id)
            WHERE a2.contrat_id = :c ORDER BY a2.ordre, e.ordre IS NOT NULL, e.ordre, i.ordre, i.id""",
        {"c": contrat_id},
    ).all()
    mesures = _mesures(lecture, [r[0] for r in rows], limite)
    return [IndicateurContrat(r[11], r[12], r[13], _info(r, mesures)) for r in rows]


_RE_NOMBRE = re.compile(r"[-−]?\d+(?:[.,]\d+)?")


def lire_valeur(texte: str) -> float:
    """A value typed in French: « 12,5 », « 1 200 », « 18 % » ; SaisieInvalide otherwise."""
    propre = re.sub(r"[\s\u00a0\u202f]", "", texte).removesuffix("%").replace("−", "-")
    if not _RE_NOMBRE.fullmatch(propre):
        raise SaisieInvalide(f"« {texte.strip()} » n'est pas un nombre (ex. : 62, 12,5, 1 200).")
    return float(propre.replace(",", "."))
