"""Realistic generated data, up to national scale (`suivi demo`): deterministic for a given seed."""

from __future__ import annotations

import random
import sqlite3
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from suivi_tui.annexe import lire_fichier_annexe
from suivi_tui.db.database import Database
from suivi_tui.erreurs import ErreurSuivi
from suivi_tui.services.demo.contrat import TABLES, Lignes, generer_contrat
from suivi_tui.services.demo.quartiers import INSERTS_2030, TABLES_2030, generer_contrat_2030
from suivi_tui.services.demo.textes import VILLES, Ville
from suivi_tui.services.seed import bundled_annexe

Progression = Callable[[int, int], None]
CONTRATS_MAX = 5000
# The shapes generated: a 2020-2022 protocole (flat axes, from the bundled Antony annex), or a contrat
# « Engagements Quartiers 2030 » (a tree, 10 to 30 signataires, indicators, programmation).
FORMES = ("2020", "2030")

# Column order of the rows demo_contrat builds (the id first).
INSERTS = {
    "contrat": "contrat (id, titre, territoire, debut, fin, source_nom, source_sha256, importe_le)",
    "partie": "partie (id, contrat_id, nom, nom_court, ordre)",
    "axe": "axe (id, contrat_id, numero, ordre, titre)",
    "engagement": "engagement (id, axe_id, partie_id, ordre, libelle, statut, pilote, a_discuter, cree_le, modifie_le)",
    "echeance": "echeance (id, engagement_id, libelle, date, precision, faite_le)",
    "comite": "comite (id, contrat_id, nom, description)",
    "seance": "seance (id, comite_id, date, lieu, participants)",
    "note": "note (id, comite_id, seance_id, engagement_id, type, texte, confidentielle, cree_le)",
    "historique": "historique (id, engagement_id, echeance_id, champ, ancien, nouveau, le, seance_id)",
}


class DemoRefusee(ErreurSuivi, ValueError):
    """The generator will not write here; the French message says why. Nothing was written."""


def message_base_occupee(contrats: int) -> str:
    return (
        f"La base contient déjà {contrats} contrat(s) : rien n'a été écrit. Ajoutez --ajouter pour y "
        "ajouter des contrats générés, ou choisissez une autre base avec --db."
    )


@dataclass(frozen=True)
class RapportDemo:
    """What the generator wrote, and how long it took."""

    contrats: int
    engagements: int
    echeances: int
    comites: int
    seances: int
    notes: int
    historique: int
    duree: float  # seconds, generation and commit
    premier_titre: str
    indicateurs: int = 0  # a contrat « Quartiers 2030 » only
    mesures: int = 0
    actions: int = 0  # of the programmation


def generer(
    cible: Database | Path | str,
    contrats: int,
    seed: int = 1,
    progression: Progression | None = None,
    *,
    ajouter: bool = False,
    forme: str = "2020",
) -> RapportDemo:
    """Write `contrats` generated contrats of that shape into the database, in one transaction.

    Refuses (DemoRefusee) a database that already holds contrats unless `ajouter`.
    """
    if not 1 <= contrats <= CONTRATS_MAX:
        raise DemoRefusee(f"Le nombre de contrats doit être entre 1 et {CONTRATS_MAX} (demandé : {contrats}).")
    if forme not in FORMES:
        raise DemoRefusee(f"Forme « {forme} » inconnue : 2020 (protocole 2020-2022) ou 2030 (Quartiers 2030).")
    db = cible if isinstance(cible, Database) else _ouvrir(Path(cible))
    try:
        if db.readonly:
            raise DemoRefusee("La base est ouverte en lecture seule : rien n'a été écrit.")
        raw = db.engine.raw_connection()
        try:
            conn = raw.driver_connection
            assert isinstance(conn, sqlite3.Connection)
            return _generer(conn, contrats, seed, progression, ajouter, forme)
        finally:
            raw.close()
    finally:
        if db is not cible:
            db.close()


def _ouvrir(path: Path) -> Database:
    from suivi_tui.db.opening import open_database

    return open_database(path, create=True)


def _generer(
    conn: sqlite3.Connection, contrats: int, seed: int, progression: Progression | None, ajouter: bool, forme: str
) -> RapportDemo:
    debut = time.perf_counter()
    annexe = lire_fichier_annexe(bundled_annexe())
    source = f"suivi demo --seed {seed}" + (" --forme 2030" if forme == "2030" else "")
    tables = TABLES_2030 if forme == "2030" else TABLES
    inserts = {**INSERTS, **INSERTS_2030} if forme == "2030" else INSERTS
    cache = conn.execute("PRAGMA cache_size").fetchone()[0]
    # A large page cache keeps the FTS and index b-trees in memory while a national base is written.
    conn.execute("PRAGMA cache_size = -262144")
    conn.execute("BEGIN IMMEDIATE")
    try:
        existants = {r[0] for r in conn.execute("SELECT titre FROM contrat")}
        if existants and not ajouter:
            raise DemoRefusee(message_base_occupee(len(existants)))
        avant = _comptes(conn, tables)
        lignes = Lignes(
            {table: _prochain_id(conn, table) for table in tables if table != "programmation_objectif"},
            {table: [] for table in tables},
        )
        premier = ""
        for fait, (index, ville, titre) in enumerate(plan(seed, contrats, existants, forme), start=1):
            premier = premier or titre
            rng = random.Random(f"suivi-demo:{seed}:{index}" + (":2030" if forme == "2030" else ""))
            if forme == "2030":
                generer_contrat_2030(rng, lignes, ville, titre, source)
            else:
                generer_contrat(rng, lignes, annexe, ville, titre, source)
            _inserer(conn, lignes, tables, inserts)
            if progression is not None:
                progression(fait, contrats)
        # One merge of the search index's segments: searches at national scale read fewer b-trees.
        conn.execute("INSERT INTO engagement_fts (engagement_fts) VALUES ('optimize')")
        conn.execute("INSERT INTO note_fts (note_fts) VALUES ('optimize')")
        apres = _comptes(conn, tables)
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    finally:
        conn.execute(f"PRAGMA cache_size = {int(cache)}")
    ecarts = {table: apres[table] - avant[table] for table in tables}
    return RapportDemo(
        ecarts["contrat"],
        ecarts["engagement"],
        ecarts["echeance"],
        ecarts["comite"],
        ecarts["seance"],
        ecarts["note"],
        ecarts["historique"],
        time.perf_counter() - debut,
        premier,
        ecarts.get("indicateur", 0),
        ecarts.get("mesure", 0),
        ecarts.get("programmation", 0),
    )


def plan(seed: int, contrats: int, pris: set[str], forme: str = "2020") -> Iterator[tuple[int, Ville, str]]:
    """(index, city, unique title) for each contrat: cities in a seed-shuffled order, then numbered."""
    periode = "2024-2030" if forme == "2030" else "2020-2022"
    villes = list(VILLES)
    random.Random(f"suivi-demo:{seed}").shuffle(villes)
    index = faits = 0
    while faits < contrats:
        ville = villes[index % len(villes)]
        rang = index // len(villes)
        titre = f"Contrat de ville {ville.de_ville} {periode}" + (f" ({rang + 1})" if rang else "")
        if titre not in pris:
            yield index, ville, titre
            faits += 1
        index += 1


def _inserer(conn: sqlite3.Connection, lignes: Lignes, tables: tuple[str, ...], inserts: dict[str, str]) -> None:
    # In dependency order, so each row's foreign keys already exist.
    for table in tables:
        rows = lignes.rows[table]
        if rows:
            colonnes = inserts[table]
            marques = ", ".join("?" * len(rows[0]))
            conn.executemany(f"INSERT INTO {colonnes} VALUES ({marques})", rows)
    lignes.vider()


def _prochain_id(conn: sqlite3.Connection, table: str) -> int:
    return int(conn.execute(f"SELECT coalesce(max(id), 0) + 1 FROM {table}").fetchone()[0])


def _comptes(conn: sqlite3.Connection, tables: tuple[str, ...]) -> dict[str, int]:
    return {table: int(conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]) for table in tables}
