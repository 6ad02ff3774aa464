"""The SQLite export: a verified VACUUM INTO snapshot the app opens, with no byte of confidential notes."""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
import threading
from pathlib import Path

import pytest
from sqlalchemy import text
from test_export_donnees import JETONS, SENTINELLE, SENTINELLE_EFFACEE, TODAY, Peuple, _ecrire_sans_arret, peuple

from suivi_tui import __version__
from suivi_tui.db.backup import integrity_ok
from suivi_tui.db.opening import open_database
from suivi_tui.db.schema import schema_version
from suivi_tui.services.contrats import synthese
from suivi_tui.services.export import DemandeExport, exporter
from suivi_tui.services.recherche import rechercher

__all__ = ["peuple"]  # the fixture, imported for pytest

TABLES = ("contrat", "partie", "axe", "engagement", "echeance", "comite", "seance", "historique")


def formes(texte: str) -> list[bytes]:
    """Every way SQLite may store a text: UTF-8 and both UTF-16 byte orders."""
    return [texte.encode("utf-8"), texte.encode("utf-16-le"), texte.encode("utf-16-be")]


def assert_absent(contenu: bytes, *textes: str) -> None:
    for t in textes:
        for forme in formes(t):
            assert forme not in contenu, (t, forme)


def compter(path: Path, table: str, where: str = "") -> int:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return int(conn.execute(f"SELECT count(*) FROM {table} {where}").fetchone()[0])
    finally:
        conn.close()


def test_instantane_verifie_complet_et_sans_confidentiel(peuple: Peuple, tmp_path: Path) -> None:
    cible = tmp_path / "partage.sqlite"
    resultat = exporter(peuple.db, DemandeExport(cible), TODAY)
    assert resultat.format == "sqlite" and resultat.lignes == 52 and resultat.notes_exclues == 1
    assert resultat.octets == cible.stat().st_size
    assert integrity_ok(cible)
    for table in TABLES:
        assert compter(cible, table) == compter(peuple.db.path, table), table
    assert compter(cible, "note") == compter(peuple.db.path, "note", "WHERE confidentielle = 0") == 2
    assert compter(cible, "reglage") == 0
    conn = sqlite3.connect(cible)
    try:
        assert conn.execute("PRAGMA freelist_count").fetchone()[0] == 0
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    finally:
        conn.close()
    assert os.stat(cible).st_mode & 0o777 == 0o600


def test_aucun_octet_des_notes_confidentielles_ni_effacees(peuple: Peuple, tmp_path: Path) -> None:
    cible = tmp_path / "partage.db"
    exporter(peuple.db, DemandeExport(cible), TODAY)
    contenu = cible.read_bytes()
    assert_absent(contenu, SENTINELLE, SENTINELLE_EFFACEE, *JETONS)
    assert b"relancer" in contenu  # the test does see the notes that stay


def test_avec_les_confidentielles_la_sentinelle_est_visible(peuple: Peuple, tmp_path: Path) -> None:
    """Proves the byte search above can see a note: with --include-confidential it finds it."""
    cible = tmp_path / "complet.sqlite"
    resultat = exporter(peuple.db, DemandeExport(cible, inclure_confidentiel=True), TODAY)
    contenu = cible.read_bytes()
    assert SENTINELLE.encode("utf-8") in contenu
    assert_absent(contenu, SENTINELLE_EFFACEE, JETONS[1])  # deleted stays deleted
    assert resultat.confidentiel_inclus and resultat.notes_exclues == 0
    assert compter(cible, "note") == 3


def test_export_meta(peuple: Peuple, tmp_path: Path) -> None:
    cible = tmp_path / "partage.sqlite"
    exporter(peuple.db, DemandeExport(cible, contrat_id=peuple.contrat_id), TODAY)
    conn = sqlite3.connect(cible)
    conn.row_factory = sqlite3.Row
    try:
        meta = dict(conn.execute("SELECT * FROM export_meta").fetchone())
    finally:
        conn.close()
    assert meta["version_app"] == __version__
    assert meta["version_schema"] == schema_version()
    assert meta["confidentiel_inclus"] == 0 and meta["notes_exclues"] == 1
    assert meta["contrat"] == "Contrat de ville d'Antony 2020-2022"
    assert dt.datetime.fromisoformat(meta["exporte_le"].replace("Z", "+00:00")).tzinfo is not None


def test_l_app_ouvre_l_instantane_et_la_recherche_marche(peuple: Peuple, tmp_path: Path) -> None:
    cible = tmp_path / "partage.sqlite"
    exporter(peuple.db, DemandeExport(cible), TODAY)
    copie = open_database(cible, create=False)
    try:
        resume = synthese(copie, peuple.contrat_id, TODAY)
        assert resume.total == 52 and resume.en_retard == 1
        resultats = rechercher(copie, peuple.contrat_id, "relanc")
        assert resultats, "the rebuilt FTS index finds the notes that stayed"
        assert not rechercher(copie, peuple.contrat_id, "7q3z")
    finally:
        copie.close()
    # exporting the export again works (export_meta replaced, not duplicated)
    seconde = tmp_path / "re-export.sqlite"
    copie = open_database(cible, create=False)
    try:
        exporter(copie, DemandeExport(seconde), TODAY)
    finally:
        copie.close()
    assert compter(seconde, "export_meta") == 1


_SCEAUX = (
    """INSERT INTO contrat (titre, territoire, debut, fin, source_nom, source_sha256, importe_le)
       VALUES ('Contrat de ville de Sceaux', 'Sceaux', '2020-01-01', '2022-12-31', 's.md',
               '0000000000000000000000000000000000000000000000000000000000000000', '2021-01-01T00:00:00Z')""",
    "INSERT INTO partie (contrat_id, nom, nom_court, ordre) VALUES (:c, 'Ville de Sceaux', 'Ville', 1)",
    "INSERT INTO axe (contrat_id, numero, ordre, titre) VALUES (:c, 'I', 1, 'Emploi')",
    """INSERT INTO engagement (axe_id, partie_id, ordre, libelle, cree_le, modifie_le)
       SELECT a.id, p.id, 1, 'Engagement de Sceaux', '2021-01-01T00:00:00Z', '2021-01-01T00:00:00Z'
       FROM axe a JOIN partie p ON p.contrat_id = a.contrat_id WHERE a.contrat_id = :c""",
    "INSERT INTO comite (contrat_id, nom) VALUES (:c, 'CT Sceaux')",
    "INSERT INTO seance (comite_id, date) SELECT id, '2021-02-01' FROM comite WHERE contrat_id = :c",
    """INSERT INTO note (comite_id, seance_id, texte, cree_le)
       SELECT s.comite_id, s.id, 'Note de Sceaux', '2021-02-01T10:00:00Z'
       FROM seance s JOIN comite c ON c.id = s.comite_id WHERE c.contrat_id = :c""",
)


def _second_contrat(peuple: Peuple) -> int:
    """A second contrat, with an engagement, a séance and a note, written straight in SQL."""
    with peuple.db.write() as session:
        session.execute(text(_SCEAUX[0]))
        cid = int(session.execute(text("SELECT id FROM contrat WHERE titre LIKE '%Sceaux'")).scalar_one())
        for sql in _SCEAUX[1:]:
            session.execute(text(sql), {"c": cid})
    return cid


def test_un_seul_contrat_sur_demande(peuple: Peuple, tmp_path: Path) -> None:
    autre = _second_contrat(peuple)
    tout, un = tmp_path / "tout.sqlite", tmp_path / "antony.sqlite"
    exporter(peuple.db, DemandeExport(tout), TODAY)
    exporter(peuple.db, DemandeExport(un, contrat_id=peuple.contrat_id), TODAY)
    assert compter(tout, "contrat") == 2 and compter(un, "contrat") == 1
    assert compter(un, "engagement") == 52 and compter(un, "comite", f"WHERE contrat_id = {autre}") == 0
    assert b"Note de Sceaux" not in un.read_bytes() and b"Note de Sceaux" in tout.read_bytes()
    assert integrity_ok(un)


def test_instantanes_pendant_des_ecritures(peuple: Peuple, tmp_path: Path) -> None:
    """Matrix #7: every snapshot taken while another connection writes is whole and consistent."""
    stop, faites = threading.Event(), []
    writer = threading.Thread(target=_ecrire_sans_arret, args=(peuple.db.path, peuple.engagements[7], stop, faites))
    writer.start()
    try:
        for i in range(8):
            cible = tmp_path / f"instantane-{i}.sqlite"
            exporter(peuple.db, DemandeExport(cible), TODAY)
            assert integrity_ok(cible)
            ajouts = compter(cible, "historique", "WHERE champ = 'echeance.ajout'")
            assert ajouts == compter(cible, "echeance")
    finally:
        stop.set()
        writer.join()
    assert faites
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []


@pytest.mark.parametrize("inclure", [False, True])
def test_la_base_vivante_n_est_pas_modifiee(peuple: Peuple, tmp_path: Path, inclure: bool) -> None:
    avant = compter(peuple.db.path, "note")
    exporter(peuple.db, DemandeExport(tmp_path / "x.sqlite", inclure_confidentiel=inclure), TODAY)
    assert compter(peuple.db.path, "note") == avant == 3
