"""`suivi seance list|show` and `suivi changes` as a user runs them: real processes, exit codes, French."""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import html5lib
import pytest
from tests.conftest import seed_bundled

from suivi_tui.cli import build_parser
from suivi_tui.db.database import Database
from suivi_tui.db.opening import open_database
from suivi_tui.services.edition import ajouter_note, changer_statut
from suivi_tui.services.seances.tenue import fermer_seance, ouvrir_seance

SENTINELLE = "SENTINELLE-c41 Mme X"
INSERTION = "(séance Insertion socioprofessionnelle)"


def suivi(db_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "suivi_tui", "--db", str(db_path), "--today", "2021-04-12", *args],
        capture_output=True,
        text=True,
        env=dict(os.environ),
        timeout=60,
    )


def _id(db: Database, table: str, colonne: str, debut: str) -> int:
    with db.lire() as session:
        return session.execute(f"SELECT id FROM {table} WHERE {colonne} LIKE :l", {"l": debut + "%"}).scalar_one()


@pytest.fixture
def base(db_path: Path) -> Path:
    """The done-when scenario: a séance of « Insertion socioprofessionnelle » on 15/03/2021, then one on 12/04."""
    db = open_database(db_path)
    try:
        contrat = seed_bundled(db)
        insertion = _id(db, "comite", "nom", "Insertion")
        coworking = _id(db, "engagement", "libelle", "Créer un espace de coworking")
        scolarisation = _id(db, "engagement", "libelle", "Poursuivre le dispositif de scolarisation")
        s = ouvrir_seance(db, insertion, dt.date(2021, 3, 15), "Salle du conseil", "Mme Martin, M. Durand")
        changer_statut(db, coworking, "en_cours", seance_id=s.id)
        changer_statut(db, scolarisation, "realise", seance_id=s.id)
        note = {"seance_id": s.id}
        ajouter_note(db, insertion, "Lancer l'appel à projets", type="decision", engagement_id=coworking, **note)  # type: ignore[arg-type]
        ajouter_note(db, insertion, "Présenter le bilan", type="action", engagement_id=scolarisation, **note)  # type: ignore[arg-type]
        ajouter_note(db, insertion, SENTINELLE, confidentielle=True, **note)  # type: ignore[arg-type]
        fermer_seance(db, contrat)
        ouvrir_seance(db, insertion, dt.date(2021, 4, 12))
    finally:
        db.close()
    return db_path


def _comptes(path: Path) -> tuple[int, ...]:
    conn = sqlite3.connect(path)
    try:
        return tuple(conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in ("seance", "note", "historique"))
    finally:
        conn.close()


def test_seance_list(base: Path) -> None:
    result = suivi(base, "seance", "list")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "Séances — Contrat de ville d'Antony 2020-2022",
        "12/04/2021  Insertion socioprofessionnelle  0 décision · 0 action · 0 note · 0 changement · ouverte",
        "15/03/2021  Insertion socioprofessionnelle  1 décision · 1 action · 3 notes · 2 changements"
        " · Salle du conseil",
    ]
    gusp = suivi(base, "seance", "list", "--comite", "GUSP")
    assert gusp.returncode == 0
    assert gusp.stdout.splitlines()[1] == "Aucune séance du comité « Gestion urbaine et sociale de proximité (GUSP) »."


def test_seance_show_prints_the_releve_without_confidential_notes(base: Path) -> None:
    result = suivi(base, "seance", "show", "INSERTION", "15", "mars", "2021")
    assert result.returncode == 0, result.stderr
    lignes = result.stdout.splitlines()
    assert lignes[:3] == [
        "# Relevé de décisions — Insertion socioprofessionnelle",
        "",
        "Séance du 15/03/2021 · Contrat de ville d'Antony 2020-2022",
    ]
    assert "1. Lancer l'appel à projets" in lignes and "1. Présenter le bilan" in lignes
    assert "- Créer un espace de coworking (Axe I · Ville) — Statut : À venir → En cours" in lignes
    assert SENTINELLE not in result.stdout
    assert "1 note confidentielle laissée de côté" in result.stderr
    avec = suivi(base, "seance", "show", "insertion", "15/03/2021", "--include-confidential")
    assert f"1. {SENTINELLE} *(confidentielle)*" in avec.stdout.splitlines()


def test_seance_show_html_is_written_once(base: Path, tmp_path: Path) -> None:
    cible = tmp_path / "releve.html"
    result = suivi(base, "seance", "show", "socioprof", "15/03/2021", "--html", str(cible))
    assert result.returncode == 0, result.stderr
    assert result.stdout == f"Relevé écrit : {cible}\n"
    contenu = cible.read_bytes()
    arbre = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False).parse(contenu)
    assert "Lancer l'appel à projets" in " ".join(arbre.find(".//ol").itertext())  # type: ignore[union-attr]
    assert SENTINELLE.encode() not in contenu
    again = suivi(base, "seance", "show", "socioprof", "15/03/2021", "--html", str(cible))
    assert again.returncode == 2 and "existe déjà ; ajoutez --force" in again.stderr
    assert cible.read_bytes() == contenu
    force = suivi(
        base, "seance", "show", "socioprof", "15/03/2021", "--html", str(cible), "--force", "--include-confidential"
    )
    assert force.returncode == 0 and SENTINELLE.encode() in cible.read_bytes()
    nowhere = suivi(base, "seance", "show", "socioprof", "15/03/2021", "--html", str(tmp_path / "non" / "r.html"))
    assert nowhere.returncode == 2 and "n'existe pas" in nowhere.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("seance", "show", "insertion", "31/02/2021"), "ce mois n'a que 28 jours"),
        (("seance", "show", "insertion", "mars", "2021"), "« mars 2021 » désigne une période, pas un jour"),
        (
            ("seance", "show", "urbanisme", "15/03/2021"),
            "Aucun comité ne correspond à « urbanisme ». Comités du contrat : « Gestion urbaine",
        ),
        (
            ("seance", "show", "insertion", "16/03/2021"),
            "Aucune séance du comité « Insertion socioprofessionnelle » le 16/03/2021. "
            "Séances de ce comité : 12/04/2021, 15/03/2021.",
        ),
        (("seance",), "précisez une action"),
        (("changes",), "précisez --since DATE"),
        (("changes", "--since", "derniere"), "précisez --since DATE"),
        (("changes", "--since", "bientôt"), "Date non reconnue : « bientôt »"),
        (
            ("changes", "--comite", "gusp"),
            "Le comité « Gestion urbaine et sociale de proximité (GUSP) » n'a aucune séance avant le 12/04/2021",
        ),
    ],
)
def test_bad_input_exits_2_in_french_and_changes_nothing(base: Path, args: tuple[str, ...], message: str) -> None:
    avant = _comptes(base)
    result = suivi(base, *args)
    assert result.returncode == 2
    assert message in result.stderr and "Traceback" not in result.stderr
    assert _comptes(base) == avant


def test_an_ambiguous_comite_is_named(base: Path) -> None:
    result = suivi(base, "seance", "show", "i", "15/03/2021")  # in both names
    assert result.returncode == 2 and "« i » désigne plusieurs comités" in result.stderr


EN_SEANCE = [
    "Axe I — Développement économique et emploi",
    "  Ville — Créer un espace de coworking",
    f"    15/03/2021 · Statut : À venir → En cours {INSERTION}",
    f"    15/03/2021 · Décision : Lancer l'appel à projets {INSERTION}",
    "",
    "Axe IV — Jeunesse – Education – Formation – Insertion",
    "  Ville — Poursuivre le dispositif de scolarisation des enfants de moins de 3 ans",
    f"    15/03/2021 · Statut : À venir → Réalisé {INSERTION}",
    f"    15/03/2021 · Action : Présenter le bilan {INSERTION}",
    "",
    "Notes générales",
    f"    15/03/2021 · Info confidentielle (masquée) {INSERTION}",
]


def test_changes_since_the_comite_last_seance(base: Path) -> None:
    for args in (("--comite", "insertion"), ("--comite", "insertion", "--since", "dernière", "séance")):
        result = suivi(base, "changes", *args)
        assert result.returncode == 0, result.stderr
        assert result.stdout.splitlines() == [
            "Changements depuis le 15/03/2021 (dernière séance du comité « Insertion socioprofessionnelle »)",
            "5 changements",
            "",
            *EN_SEANCE,
        ]
        # The document on stdout, the reminder on stderr: `changes > notes.txt` keeps only the document.
        assert result.stderr == "(1 note confidentielle masquée ; --include-confidential pour les afficher)\n"


def test_changes_since_a_french_date(base: Path) -> None:
    result = suivi(base, "changes", "--since", "mars", "2021", "--include-confidential")
    assert result.returncode == 0, result.stderr
    lignes = result.stdout.splitlines()
    assert lignes[:2] == ["Changements depuis le 01/03/2021", "5 changements"]
    assert lignes[-1] == f"    15/03/2021 · Info (confidentielle) : {SENTINELLE} {INSERTION}"
    rien = suivi(base, "changes", "--since", "16/03/2021", "--comite", "insertion")
    assert rien.stdout.splitlines() == [
        "Changements depuis le 16/03/2021 (notes du comité « Insertion socioprofessionnelle »)",
        "Aucun changement.",
    ]


@pytest.mark.parametrize("args", [("seance", "list"), ("changes", "--comite", "insertion")])
def test_headless_never_loads_textual(base: Path, args: tuple[str, ...]) -> None:
    code = (
        f"import sys; from suivi_tui.cli import main; rc = main(['--db', {str(base)!r}, *{list(args)!r}]); "
        "assert 'textual' not in sys.modules, 'textual chargé'; sys.exit(rc)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr


def test_every_seance_action_has_french_help_with_an_example() -> None:
    parser = build_parser()
    commandes = next(a for a in parser._actions if a.dest == "command").choices
    seance = commandes["seance"]  # type: ignore[index]
    actions = next(a for a in seance._actions if a.dest == "seance_command").choices
    for nom, sous in [("changes", commandes["changes"]), *actions.items()]:  # type: ignore[index, union-attr]
        aide = sous.format_help()
        assert "Exemple : suivi" in aide and "utilisation :" in aide, nom
