"""The yearly review (read back with html5lib) and the programmation import (real XLSX and CSV, read back)."""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

import html5lib
import pytest
import xlsxwriter
from sqlalchemy import text

from suivi_tui.cli import main
from suivi_tui.db.database import Database
from suivi_tui.services.mesures import enregistrer_mesure
from suivi_tui.services.programmation import lire_programmation
from suivi_tui.services.programmation_import import TableauIllisible, appliquer, lire_tableau
from suivi_tui.services.revue import lire_revue

ENTETES = [
    "Porteur",
    "INTITULE DE L'ACTION",
    "N° Dauphin",
    "Objectifs",
    "Financeur",
    "Montant demandé",
    "Montant accordé",
]
LIGNES = [
    ["Association Trait d'union", "Accueil des collégiens exclus", "00012345", "1.1.2", "État", 12000, 10000],
    ["Association Trait d'union", "Accueil des collégiens exclus", "00012345", "1.1.2", "Ville", 5000, 5000],
    ["Centre social des Tilleuls", "Lieu d'accueil enfants-parents", "00012399", "1.1.1", "CAF", "8 500,50", 8000],
]


def _classeur(chemin: Path, lignes: list[list[object]], feuille: str = "Programmation") -> Path:
    classeur = xlsxwriter.Workbook(str(chemin))
    page = classeur.add_worksheet(feuille)
    for i, ligne in enumerate([ENTETES, *lignes]):
        page.write_row(i, 0, ligne)
    classeur.close()
    return chemin


def test_an_xlsx_table_is_read_by_its_usual_column_names_and_written(
    quartiers: tuple[Database, int], tmp_path: Path
) -> None:
    db, contrat = quartiers
    apercu = lire_tableau(_classeur(tmp_path / "p.xlsx", LIGNES), 2025)
    assert [(a.porteur, a.objectifs, a.financements) for a in apercu.actions] == [
        ("Association Trait d'union", ["1.1.2"], {"État": (1200000, 1000000), "Ville": (500000, 500000)}),
        ("Centre social des Tilleuls", ["1.1.1"], {"CAF": (850050, 800000)}),
    ]
    fait = appliquer(db, contrat, apercu)
    assert (fait.ajoutees, fait.financements) == (2, 3)
    again = appliquer(db, contrat, lire_tableau(tmp_path / "p.xlsx", 2025))  # the same table: found again
    assert (again.ajoutees, again.mises_a_jour) == (0, 2)
    p = lire_programmation(db, contrat, 2025)
    assert (p.demande, p.accorde) == (2550050, 2300000)
    assert p.par_objectif == {"1": (2550050, 2300000), "1.1": (2550050, 2300000), "1.1.1": (850050, 800000)} | {
        "1.1.2": (1700000, 1500000)
    }
    assert dict((f, (d, a)) for f, d, a in p.par_financeur)["CAF"] == (850050, 800000)


@pytest.mark.parametrize(
    ("lignes", "message"),
    [
        (
            [["X", "Y", "", "1.1.1", "État", "douze mille", ""]],
            "ligne 2, colonne « Montant demandé » : « douze mille »",
        ),
        ([["", "Y", "", "", "État", 1, ""]], "ligne 2, colonne « Porteur » : cellule vide"),
    ],
)
def test_a_bad_cell_is_refused_with_its_sheet_row_and_column(tmp_path: Path, lignes: list, message: str) -> None:  # type: ignore[type-arg]
    with pytest.raises(TableauIllisible) as erreur:
        lire_tableau(_classeur(tmp_path / "p.xlsx", lignes), 2025)
    assert "p.xlsx, feuille « Programmation », " + message in erreur.value.message


def test_a_missing_column_or_an_unknown_objective_is_refused(quartiers: tuple[Database, int], tmp_path: Path) -> None:
    db, contrat = quartiers
    csv = tmp_path / "p.csv"
    csv.write_text("Structure;Montant accordé\nX;12\n", encoding="utf-8")
    with pytest.raises(TableauIllisible, match="colonne « Intitulé de l'action » introuvable"):
        lire_tableau(csv, 2025)
    csv.write_text("Porteur;Intitulé;Objectif;Montant accordé\nX;Y;9.9.9;12\n", encoding="utf-8")
    with pytest.raises(TableauIllisible, match=r"objectif 9\.9\.9 inconnu"):
        appliquer(db, contrat, lire_tableau(csv, 2025))
    with db.lire() as lecture:
        assert lecture.execute("SELECT count(*) FROM programmation").scalar() == 0  # all or nothing


def test_the_import_command_refuses_with_exit_2_and_changes_nothing(
    quartiers: tuple[Database, int], tmp_path: Path, capsys
) -> None:  # type: ignore[no-untyped-def]
    db, _ = quartiers
    chemin = db.path
    db.close()
    avant = hashlib.sha256(chemin.read_bytes()).hexdigest()
    mauvais = _classeur(tmp_path / "m.xlsx", [["X", "Y", "", "1.1.1", "État", "beaucoup", ""]])
    assert main(["--db", str(chemin), "programmation", "import", str(mauvais), "--annee", "2025"]) == 2
    assert "« beaucoup » n'est pas un montant" in capsys.readouterr().err
    assert main(["--db", str(chemin), "programmation", "import", str(tmp_path / "absent.csv")]) == 2
    assert hashlib.sha256(chemin.read_bytes()).hexdigest() == avant
    bon = _classeur(tmp_path / "b.xlsx", LIGNES)
    assert main(["--db", str(chemin), "programmation", "import", str(bon), "--annee", "2025", "--dry-run"]) == 0
    assert "(simulation : rien n'a été écrit)" in capsys.readouterr().out
    assert hashlib.sha256(chemin.read_bytes()).hexdigest() == avant


def _preparer(db: Database, contrat: int, tmp_path: Path) -> None:
    appliquer(db, contrat, lire_tableau(_classeur(tmp_path / "p.xlsx", LIGNES), 2025))
    with db.write() as s:
        s.execute(text("UPDATE engagement SET statut = 'realise' WHERE libelle = 'Bus de l''emploi'"))
        indicateur = s.execute(text("SELECT id FROM indicateur WHERE libelle LIKE 'Personnes reçues%'")).scalar()
        s.execute(
            text("INSERT INTO comite (id, contrat_id, nom) VALUES (9, :c, 'Emploi et insertion')"), {"c": contrat}
        )
        s.execute(text("INSERT INTO seance (id, comite_id, date) VALUES (9, 9, '2025-03-10')"))
        engagement = s.execute(text("SELECT id FROM engagement WHERE libelle = 'Bus de l''emploi'")).scalar()
        for texte, confidentielle in (("Étendre le bus aux Tilleuls", 0), ("Cas de Mme X à revoir", 1)):
            s.execute(
                text(
                    "INSERT INTO note (comite_id, seance_id, engagement_id, type, texte, confidentielle, cree_le) "
                    "VALUES (9, 9, :e, 'decision', :t, :c, '2025-03-10T10:00:00Z')"
                ),
                {"e": engagement, "t": texte, "c": confidentielle},
            )
    enregistrer_mesure(db, indicateur, dt.date(2025, 6, 30), 150)
    enregistrer_mesure(db, indicateur, dt.date(2025, 12, 31), 212)
    enregistrer_mesure(db, indicateur, dt.date(2026, 6, 30), 390)  # after the year: not in its review


def test_the_review_rolls_up_statuts_and_shows_indicators_decisions_and_programmation(
    quartiers: tuple[Database, int], tmp_path: Path
) -> None:
    db, contrat = quartiers
    _preparer(db, contrat, tmp_path)
    revue = lire_revue(db, contrat, 2025, dt.date(2026, 9, 1))
    noeuds = {n.numero: n for n in revue.noeuds}
    assert noeuds["2"].par_statut == {"a_venir": 10, "realise": 1} and noeuds["2.1.1"].total == 5
    (bus,) = [i for i in noeuds["2.1.1"].indicateurs if i.info.libelle.startswith("Personnes reçues")]
    assert bus.info.derniere is not None and bus.info.derniere.valeur == 212  # the value of 2026 is not the year's
    assert [d.texte for d in noeuds["2.1.1"].decisions] == ["Étendre le bus aux Tilleuls", ""]
    assert revue.decisions_masquees == 1
    assert revue.programmation.accorde == 2300000
    from suivi_tui.services.export.revue_md import rendre

    texte = rendre(revue)
    assert "Mme X" not in texte and "1 décision confidentielle masquée" in texte
    assert "Personnes reçues au bus de l'emploi (Bus de l'emploi) : 212 personnes au 31/12/2025" in texte
    assert "53 % du chemin · vers la cible" in texte
    assert "Objectif opérationnel 1.1.2 : 15\u202f000\u00a0€ accordés" in texte


def test_suivi_revue_writes_valid_html_and_refuses_bad_input(
    quartiers: tuple[Database, int], tmp_path: Path, capsys
) -> None:  # type: ignore[no-untyped-def]
    db, contrat = quartiers
    _preparer(db, contrat, tmp_path)
    chemin = db.path
    db.close()
    sortie = tmp_path / "revue-2025.html"
    base = ["--db", str(chemin), "--today", "2026-01-15"]
    assert main([*base, "revue", "2025", str(sortie)]) == 0
    document = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False).parse(sortie.read_bytes())
    titres = [h.text or "" for h in document.iter("h1")]
    assert titres == ["Revue annuelle 2025"]
    texte = "".join(document.itertext())
    assert "Objectif opérationnel 2.1.1" in texte and "Étendre le bus aux Tilleuls" in texte and "Mme X" not in texte
    assert "Trait d'union" in texte and "Programmation 2025" in texte
    assert oct(sortie.stat().st_mode & 0o777) == "0o600"
    capsys.readouterr()
    assert main([*base, "revue", "2025", str(sortie)]) == 2  # exists: --force to replace
    assert "--force" in capsys.readouterr().err
    assert main([*base, "revue", "2025", str(tmp_path / "revue.xlsx")]) == 2  # no such format for the review
    assert not (tmp_path / "revue.xlsx").exists()
    capsys.readouterr()
    assert main([*base, "revue", "2025", "--format", "html"]) == 2  # HTML is not written to the terminal
    assert "La revue en html s'écrit dans un fichier" in capsys.readouterr().err
    assert main([*base, "revue", "2025"]) == 0  # Markdown on stdout, the reminder on stderr
    terminal = capsys.readouterr()
    assert terminal.out.startswith("# Revue annuelle 2025") and "Mme X" not in terminal.out
    assert "1 décision confidentielle masquée ; --include-confidential" in terminal.err
    with pytest.raises(SystemExit) as sortie_argparse:
        main([*base, "revue", "l'an dernier"])
    assert sortie_argparse.value.code == 2
    assert main([*base, "revue", "2025", str(sortie), "--force", "--include-confidential"]) == 0
    assert "Mme X" in sortie.read_text(encoding="utf-8")
