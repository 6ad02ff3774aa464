"""The main screen's queries at national scale, in-process: per keystroke, against raw SQLite and one frame.

Both national bases: 435 protocoles 2020-2022 (flat axes), and 435 contrats « Quartiers 2030 » (a tree:
choosing a node lists its engagements and its descendants', rolled-up counts; 10 to 30 signataires).
"""

from __future__ import annotations

import datetime as dt
import sqlite3
import sys
from collections.abc import Callable
from functools import partial
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import (
    FORMES,
    FRAME_MS,
    NOMS_FORMES,
    TODAY_FORME,
    Resultat,
    base_nationale,
    chrono_ms,
    imprimer,
    median,
    p95,
)

from suivi_tui.db.database import Database
from suivi_tui.db.opening import open_database
from suivi_tui.services.contrats import lister_contrats, synthese
from suivi_tui.services.echeances import lister_echeances
from suivi_tui.services.engagements import PAGE, Filtre, lister_axes, lister_engagements, lister_parties
from suivi_tui.services.recherche import fts_query, portee, rechercher

TODAY = TODAY_FORME["2020"]
RUNS = 5
# Typed one letter at a time: each prefix is one keystroke of the search box.
MOTS = ("éducation", "quartier", "médiation", "jeunes emploi")
FRAME = f"< {FRAME_MS:.0f} ms (une image)"

# The raw floor of each query: the same index lookups on a bare sqlite3 connection, no joins,
# no snippets, no session, no dataclasses.
RAW_FTS_ENGAGEMENTS = "SELECT rowid FROM engagement_fts WHERE engagement_fts MATCH ? LIMIT 30"
RAW_FTS_NOTES = "SELECT rowid FROM note_fts WHERE note_fts MATCH ? LIMIT 30"
RAW_PAGE = """SELECT e.id, e.libelle, e.statut, e.pilote FROM engagement e JOIN axe a ON a.id = e.axe_id
              WHERE a.contrat_id = ? {where} ORDER BY a.ordre, e.ordre, e.id LIMIT ?"""
# Before the search was scoped in the index: MATCH over every contrat, then filter by contrat.
ANCIENNE_RECHERCHE = """
    SELECT n.id, snippet(note_fts, 0, '[', ']', '…', 12) FROM note_fts f JOIN note n ON n.id = f.rowid
    JOIN seance s ON s.id = n.seance_id JOIN comite co ON co.id = s.comite_id
    WHERE note_fts MATCH ? AND co.contrat_id = ? ORDER BY s.date DESC, n.id DESC LIMIT 30"""


def frappes(mot: str) -> list[str]:
    """« édu » → « é », « éd », « édu »: what the box holds after each keystroke."""
    return [mot[:i] for i in range(1, len(mot) + 1) if mot[i - 1] != " "]


def echantillons(fn: Callable[..., object], *args: object) -> list[float]:
    return chrono_ms(partial(fn, *args), RUNS, warmup=1)


def lire(raw: sqlite3.Connection, *requetes: tuple[str, object]) -> list[list[object]]:
    """Run each (sql, parameters) on the raw connection and fetch every row."""
    return [raw.execute(sql, params).fetchall() for sql, params in requetes]  # type: ignore[arg-type]


def contrats_temoins(db: Database) -> list[int]:
    """The first, middle and last contrat: their rows sit at the start, middle and end of the index."""
    ids = sorted(c.id for c in lister_contrats(db))
    return [ids[0], ids[len(ids) // 2], ids[-1]]


def banc(forme: str) -> str:
    """The table's first column: which base the figure is of."""
    return "requêtes" if forme == "2020" else f"requêtes, {NOMS_FORMES[forme]}"


def mesurer_recherche(
    db: Database, raw: sqlite3.Connection, contrats: list[int], forme: str = "2020"
) -> list[Resultat]:
    from suivi_tui.services.recherche import _ENGAGEMENTS, _NOTES

    service, meme_sql, brut, ancien = [], [], [], []
    pire = (0.0, "")
    for contrat in contrats:
        for mot in MOTS:
            for saisie in frappes(mot):
                s = echantillons(rechercher, db, contrat, saisie)
                service += s
                pire = max(pire, (median(s), f"« {saisie} », contrat {contrat}"))
                query = fts_query(saisie) or ""
                eng, notes = portee(contrat, query, "{libelle pilote}"), portee(contrat, query, "texte")
                meme_sql += echantillons(
                    lire,
                    raw,
                    (str(_ENGAGEMENTS), {"q": eng, "c": contrat, "limit": 30}),
                    (str(_NOTES), {"q": notes, "c": contrat, "limit": 30, "confidentielles": True}),
                )
                brut += echantillons(lire, raw, (RAW_FTS_ENGAGEMENTS, (eng,)), (RAW_FTS_NOTES, (notes,)))
                ancien += echantillons(lire, raw, (ANCIENNE_RECHERCHE, (query, contrat)))
    base = "FTS5 MATCH brut (sqlite3, mêmes termes)"
    nom = banc(forme)
    return [
        Resultat(
            nom,
            "recherche par frappe, rechercher()",
            median(service),
            base,
            median(brut),
            cible=FRAME,
            p95=p95(service),
        ),
        Resultat(
            nom,
            "recherche par frappe, rechercher()",
            median(service),
            "ses deux requêtes SQL sur sqlite3 brut",
            median(meme_sql),
            cible=FRAME,
            p95=p95(service),
        ),
        Resultat(nom, f"recherche, la frappe la plus lente ({pire[1]})", pire[0], base, median(brut), cible=FRAME),
        Resultat(
            nom,
            "recherche par frappe, MATCH sur toute la base puis filtre (forme d'avant)",
            median(ancien),
            base,
            median(brut),
            cible="(pour mémoire)",
            p95=p95(ancien),
        ),
    ]


def _filtres(db: Database, contrat: int, today: dt.date) -> list[tuple[Filtre, str, tuple[object, ...]]]:
    """Each filter the engagements pane offers, with the raw equivalent's WHERE and parameters.

    A node of a tree lists its descendants' engagements too (a recursive CTE): its raw floor is still the
    page of the node's own engagements, the plainest lookup there is.
    """
    found: list[tuple[Filtre, str, tuple[object, ...]]] = [(Filtre(), "", ())]
    found += [(Filtre(axe_id=a.id), "AND e.axe_id = ?", (a.id,)) for a in lister_axes(db, contrat, today)]
    found += [(Filtre(partie_id=p.id), "AND e.partie_id = ?", (p.id,)) for p in lister_parties(db, contrat)]
    found += [(Filtre(statuts=frozenset({s})), "AND e.statut = ?", (s,)) for s in ("en_cours", "bloque")]
    found += [
        (Filtre(a_discuter=True), "AND e.a_discuter = 1", ()),
        (Filtre(en_retard=True), "AND e.statut NOT IN ('realise', 'abandonne')", ()),
    ]
    return found


def mesurer_filtres(db: Database, raw: sqlite3.Connection, contrats: list[int], forme: str = "2020") -> list[Resultat]:
    today = TODAY_FORME[forme]
    service, brut, axes, axes_brut = [], [], [], []
    for contrat in contrats:
        for filtre, where, params in _filtres(db, contrat, today):
            s = echantillons(lister_engagements, db, contrat, filtre, today)
            b = echantillons(lire, raw, (RAW_PAGE.format(where=where), (contrat, *params, PAGE)))
            service += s
            brut += b
            if filtre.axe_id is not None:
                axes += s
                axes_brut += b
    base = "SELECT brut de la page (sqlite3)"
    return [
        Resultat(
            banc(forme),
            "filtre par frappe, lister_engagements()",
            median(service),
            base,
            median(brut),
            cible=FRAME,
            p95=p95(service),
        ),
        Resultat(
            banc(forme),
            "changement d'axe (de nœud), lister_engagements(axe)",
            median(axes),
            base,
            median(axes_brut),
            cible=FRAME,
            p95=p95(axes),
        ),
    ]


def mesurer_ecran(db: Database, contrats: list[int], forme: str = "2020") -> list[Resultat]:
    """The other reads of the main screen and of a contract switch, against one frame."""
    from suivi_tui.services.panorama import lire_panorama

    today = TODAY_FORME[forme]
    mesures: dict[str, list[float]] = {}
    for contrat in contrats:
        for nom, fn, args in (
            ("lister_axes()", lister_axes, (today,)),
            ("synthese()", synthese, (today,)),
            ("lister_echeances()", lister_echeances, (today,)),
            ("changement de contrat, lire_panorama()", lire_panorama, (Filtre(), today)),
        ):
            mesures.setdefault(nom, []).extend(echantillons(fn, db, contrat, *args))
    mesures["lister_contrats() (435 contrats, choix du contrat)"] = echantillons(lister_contrats, db)
    return [
        Resultat(banc(forme), nom, median(s), "budget d'une image", FRAME_MS, cible=FRAME, p95=p95(s))
        for nom, s in mesures.items()
    ]


def mesurer(forme: str) -> list[Resultat]:
    path = base_nationale(forme)
    db = open_database(path)
    raw = sqlite3.connect(path)
    try:
        contrats = contrats_temoins(db)
        return (
            mesurer_recherche(db, raw, contrats, forme)
            + mesurer_filtres(db, raw, contrats, forme)
            + mesurer_ecran(db, contrats, forme)
        )
    finally:
        raw.close()
        db.close()


def run(formes: tuple[str, ...] = FORMES) -> list[Resultat]:
    return [r for forme in formes for r in mesurer(forme)]


if __name__ == "__main__":
    formes = tuple(a for a in sys.argv[1:] if a in FORMES) or FORMES
    imprimer("Requêtes de l'écran principal à l'échelle nationale (435 contrats, en processus)", run(formes))
