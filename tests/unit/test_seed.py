"""Seeding from the annexe: exact structure, idempotent, edits applied in place, nothing lost."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from tests.conftest import ANNEXE

from suivi_tui.services.edition import ajouter_echeance, ajouter_note, changer_pilote, changer_statut
from suivi_tui.services.seed import bundled_annexe, lire_source, seed


def _scalar(db, sql: str, **params):  # type: ignore[no-untyped-def]
    with db.lire() as session:
        return session.execute(sql, params).scalar()


def _rows(db, sql: str, **params):  # type: ignore[no-untyped-def]
    with db.lire() as session:
        return [tuple(r) for r in session.execute(sql, params).all()]


def _reseed(db, path: Path, **kwargs):  # type: ignore[no-untyped-def]
    annexe, sha = lire_source(path)
    return seed(db, annexe, path.name, sha, **kwargs)


def test_bundled_annexe_is_shipped_in_the_package() -> None:
    assert bundled_annexe().read_bytes() == ANNEXE.read_bytes()


def test_seed_builds_the_signed_structure(seeded) -> None:  # type: ignore[no-untyped-def]
    db, _ = seeded
    assert _rows(db, "SELECT titre, territoire, debut, fin FROM contrat") == [
        ("Contrat de ville d'Antony 2020-2022", "Antony", "2020-01-01", "2022-12-31")
    ]
    assert _rows(db, "SELECT numero FROM axe ORDER BY ordre") == [(n,) for n in ("I", "II", "III", "IV", "V", "VI")]
    assert _rows(
        db, "SELECT a.numero, count(*) FROM engagement e JOIN axe a ON a.id = e.axe_id GROUP BY a.id ORDER BY a.ordre"
    ) == [("I", 13), ("II", 5), ("III", 3), ("IV", 12), ("V", 12), ("VI", 7)]
    assert _rows(
        db,
        "SELECT p.nom_court, count(*) FROM engagement e JOIN partie p ON p.id = e.partie_id "
        "GROUP BY p.id ORDER BY p.ordre",
    ) == [("Ville", 37), ("État", 15)]
    assert ("Insertion socioprofessionnelle",) in _rows(db, "SELECT nom FROM comite")
    assert _scalar(db, "SELECT count(*) FROM engagement WHERE statut = 'a_venir' AND a_discuter = 0") == 52


def test_markup_is_removed_and_text_kept_verbatim(seeded) -> None:  # type: ignore[no-untyped-def]
    db, _ = seeded
    libelles = [r[0] for r in _rows(db, "SELECT libelle FROM engagement")]
    assert not any("**" in t or "<" in t for t in libelles)
    assert any("stages de 3ème en partenariat" in t for t in libelles)
    first = _rows(
        db, "SELECT e.libelle FROM engagement e JOIN axe a ON a.id = e.axe_id ORDER BY a.ordre, e.ordre LIMIT 1"
    )
    assert first[0][0].startswith("Accroître son action en direction des jeunes")


def test_second_seed_changes_nothing_and_keeps_what_was_entered(seeded) -> None:  # type: ignore[no-untyped-def]
    db, _ = seeded
    eid = _scalar(db, "SELECT id FROM engagement WHERE libelle LIKE 'Créer un espace de coworking%'")
    changer_statut(db, eid, "en_cours")
    changer_pilote(db, eid, "Mme Martin")
    ajouter_echeance(db, eid, dt.date(2021, 9, 30), "trimestre")
    comite = _scalar(db, "SELECT id FROM comite WHERE nom = 'Insertion socioprofessionnelle'")
    ajouter_note(db, comite, "Local trouvé", type="decision", engagement_id=eid)
    before = _rows(db, "SELECT * FROM engagement ORDER BY id")
    rapport = _reseed(db, ANNEXE)
    assert rapport.vide and not rapport.contrat_cree
    assert _rows(db, "SELECT * FROM engagement ORDER BY id") == before
    assert _scalar(db, "SELECT count(*) FROM contrat") == 1
    assert _scalar(db, "SELECT count(*) FROM note") == 1
    assert _scalar(db, "SELECT count(*) FROM echeance") == 1


def _edited_annexe(tmp_path: Path) -> Path:
    source = ANNEXE.read_text(encoding="utf-8")
    source = source.replace(
        "- Créer un espace de coworking\n",
        "- Créer un espace de coworking et un fablab\n- Ouvrir une maison du projet\n",
    )
    source = source.replace("- Développer le projet de Ressourcerie\n", "")
    path = tmp_path / "annexe-modifiee.md"
    path.write_text(source, encoding="utf-8")
    return path


def test_reimport_updates_in_place_adds_and_never_drops_followed_work(seeded, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    db, _ = seeded
    coworking = _scalar(db, "SELECT id FROM engagement WHERE libelle = 'Créer un espace de coworking'")
    ressourcerie = _scalar(db, "SELECT id FROM engagement WHERE libelle = 'Développer le projet de Ressourcerie'")
    changer_statut(db, coworking, "en_cours")
    changer_statut(db, ressourcerie, "bloque")
    rapport = _reseed(db, _edited_annexe(tmp_path))
    assert _rows(db, "SELECT libelle, statut FROM engagement WHERE id = :i", i=coworking) == [
        ("Créer un espace de coworking et un fablab", "en_cours")
    ]
    assert _scalar(db, "SELECT count(*) FROM engagement WHERE libelle = 'Ouvrir une maison du projet'") == 1
    assert _scalar(db, "SELECT statut FROM engagement WHERE id = :i", i=ressourcerie) == "bloque"
    assert any("Ressourcerie" in ligne for ligne in rapport.conserves)
    sql = "SELECT count(*) FROM historique WHERE engagement_id = :i AND champ = 'libelle'"
    assert _scalar(db, sql, i=coworking) == 1


def test_dry_run_reports_and_writes_nothing(seeded, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    db, _ = seeded
    before = _rows(db, "SELECT id, libelle, ordre FROM engagement ORDER BY id")
    rapport = _reseed(db, _edited_annexe(tmp_path), dry_run=True)
    assert any("Ouvrir une maison du projet" in ligne for ligne in rapport.changements)
    assert _rows(db, "SELECT id, libelle, ordre FROM engagement ORDER BY id") == before
