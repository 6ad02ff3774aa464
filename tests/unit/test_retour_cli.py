"""`suivi import`: the preview printed, the exit codes, and a base left byte for byte when the answer is refused."""

from __future__ import annotations

import hashlib
import subprocess
import sys
from pathlib import Path

import pytest
from partenaire import fuseau_utc
from test_retour import CONTRAT, EN_TETE, Ddets, ddets

from suivi_tui.cli import main

__all__ = ["ddets", "fuseau_utc"]


def suivi(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "suivi_tui", "--today", "2021-03-15", *args],
        capture_output=True,
        text=True,
        timeout=120,
        env={"TZ": "UTC", "PATH": "/usr/bin:/bin", "HOME": str(Path.home())},
    )


def empreinte(db: Path) -> tuple[str, list[str]]:
    """The base's bytes, and every file beside it (a backup, a -wal: a write would leave one)."""
    voisins = [p.name for p in db.parent.rglob("*") if "suivi.db" in p.name or p.parent.name == "backups"]
    return hashlib.sha256(db.read_bytes()).hexdigest(), sorted(voisins)


@pytest.fixture
def base(ddets: Ddets) -> Path:
    """The DDETS base, closed: the command line opens it as a colleague's second program would."""
    path = Path(ddets.db.path)
    ddets.db.close()
    suivi("--db", str(path), "check")  # settle the WAL: the file is stable from here
    return path


def test_import_montre_l_apercu_puis_ecrit(ddets: Ddets, base: Path) -> None:
    rempli = ddets.rempli("a.xlsx", {0: {"Statut proposé": "En cours", "Avancement / commentaire": "Lancé."}})
    resultat = suivi("--db", str(base), "import", str(rempli), "--comite", "insertion")
    assert resultat.returncode == 0, resultat.stderr
    assert resultat.stdout.splitlines() == [
        EN_TETE.format("a.xlsx"),
        f"{CONTRAT} · 5 lignes lues · 1 engagement à changer · 0 conflit · 0 problème",
        "Commentaires au journal du comité « Insertion socioprofessionnelle », hors séance.",
        "",
        ddets.titres[0],
        "  [x] Statut : À venir → En cours",
        "  [x] Note (info) : Retour de DDETS : Lancé.",
        "Importé : 2 changements retenus sur 2 : 1 statut, 1 note.",
        "Source notée dans l'historique : retour de DDETS, fiche du 15/03/2021 à 09:00, a.xlsx.",
    ]
    seconde = suivi("--db", str(base), "import", str(rempli), "--comite", "insertion")
    assert (
        seconde.returncode == 0 and seconde.stdout.splitlines()[-1] == "Rien à écrire : la base n'a pas été modifiée."
    )
    assert "Déjà à jour : 1 engagement (rien à changer)." in seconde.stdout


def test_dry_run_n_ecrit_pas_un_octet(ddets: Ddets, base: Path) -> None:
    rempli = ddets.rempli("b.xlsx", {0: {"Statut proposé": "En cours"}})
    avant = empreinte(base)
    resultat = suivi("--db", str(base), "import", str(rempli), "--dry-run")
    assert resultat.returncode == 0 and resultat.stdout.splitlines()[-2:] == [
        "  [x] Statut : À venir → En cours",
        "Simulation : rien n'a été écrit.",
    ]
    assert empreinte(base) == avant


@pytest.mark.parametrize(
    "nom, contenu, message",
    [
        ("vide.xlsx", b"", "vide.xlsx est vide (0 octet) : ce n'est pas une fiche de suivi."),
        ("texte.xlsx", b"bonjour\n", "texte.xlsx n'est pas un classeur Excel lisible"),
        ("zip.xlsx", b"PK\x03\x04abime", "zip.xlsx n'est pas un classeur Excel lisible"),
        ("tableau.csv", b"Nom;Statut\nx;En cours\n", "tableau.csv n'est pas une fiche de suivi exportée par suivi"),
        ("fiche.ods", b"PK\x03\x04", "fiche.ods est au format OpenDocument (.ods) : ouvrez-le et enregistrez-le"),
    ],
)
def test_un_fichier_qui_n_est_pas_une_fiche_est_refuse_code_2(
    base: Path, tmp_path: Path, nom: str, contenu: bytes, message: str
) -> None:
    fichier = tmp_path / nom
    fichier.write_bytes(contenu)
    avant = empreinte(base)
    resultat = suivi("--db", str(base), "import", str(fichier))
    assert resultat.returncode == 2 and resultat.stdout == ""
    assert resultat.stderr.startswith("suivi : fiche refusée, la base n'a pas été modifiée. ")
    assert message in resultat.stderr
    assert "Traceback" not in resultat.stderr and empreinte(base) == avant


def test_une_fiche_d_une_autre_base_code_2_base_intacte(base: Path, tmp_path: Path) -> None:
    autre = tmp_path / "autre" / "suivi.db"
    autre.parent.mkdir()
    suivi("--db", str(autre), "seed")
    assert suivi("--db", str(autre), "export", str(tmp_path / "autre.xlsx"), "--pour", "État").returncode == 0
    avant = empreinte(base)
    resultat = suivi("--db", str(base), "import", str(tmp_path / "autre.xlsx"))
    assert resultat.returncode == 2 and "autre.xlsx vient d'une autre base" in resultat.stderr
    assert "rien n'a été importé" in resultat.stderr and empreinte(base) == avant


def test_des_commentaires_sans_comite_sont_refuses_avant_d_ecrire(ddets: Ddets, base: Path) -> None:
    rempli = ddets.rempli("c.xlsx", {0: {"Statut proposé": "En cours", "Avancement / commentaire": "Lancé."}})
    avant = empreinte(base)
    resultat = suivi("--db", str(base), "import", str(rempli))
    assert resultat.returncode == 2 and resultat.stderr == (
        "suivi : La fiche contient 1 commentaire : précisez avec --comite NOM le comité dont le journal les "
        "recevra (comités du contrat : « Gestion urbaine et sociale de proximité (GUSP) », « Insertion "
        "socioprofessionnelle »). Rien n'a été modifié.\n"
    )
    assert "Commentaires : aucun comité choisi pour les recevoir." in resultat.stdout
    assert empreinte(base) == avant
    inconnu = suivi("--db", str(base), "import", str(rempli), "--comite", "pilotage")
    assert inconnu.returncode == 2 and "Aucun comité ne correspond à « pilotage »" in inconnu.stderr
    assert empreinte(base) == avant


def test_accepter_conflits_applique_la_valeur_de_la_fiche(ddets: Ddets, tmp_path: Path) -> None:
    from suivi_tui.services import edition as commandes

    commandes.changer_statut(ddets.db, ddets.ids[0], "bloque")
    rempli = ddets.rempli("d.xlsx", {0: {"Statut proposé": "Réalisé"}})
    path = Path(ddets.db.path)
    ddets.db.close()
    sans = suivi("--db", str(path), "import", str(rempli))
    assert sans.returncode == 0 and sans.stdout.splitlines()[-2:] == [
        "1 conflit non appliqué : la base et la fiche ont changé depuis l'export ; relancez avec "
        "--accepter-conflits pour appliquer la valeur de la fiche.",
        "Rien à écrire : la base n'a pas été modifiée.",
    ]
    avec = suivi("--db", str(path), "import", str(rempli), "--accepter-conflits")
    assert avec.returncode == 0 and "Importé : 1 changement retenu sur 1 : 1 statut." in avec.stdout
    statut = suivi("--db", str(path), "status")
    assert statut.returncode == 0


def test_aide_en_francais_avec_un_exemple(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["import", "--help"])
    aide = capsys.readouterr().out
    assert "Exemple : suivi --db antony.db import" in aide and "--accepter-conflits" in aide and "--dry-run" in aide


@pytest.mark.parametrize("commande", [["status"], ["check"], ["import", "--help"]])
def test_status_et_l_analyse_des_arguments_ne_chargent_pas_openpyxl(base: Path, commande: list[str]) -> None:
    code = (
        f"import sys; from suivi_tui.cli import main\ntry: rc = main(['--db', {str(base)!r}, *{commande!r}])\n"
        "except SystemExit as e: rc = e.code\n"
        "assert 'openpyxl' not in sys.modules, 'openpyxl chargé'; sys.exit(rc)"
    )
    resultat = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert resultat.returncode == 0, resultat.stderr


def test_le_demarrage_de_l_application_ne_charge_pas_openpyxl(base: Path) -> None:
    code = f"""
import asyncio, datetime, sys
from pathlib import Path
from suivi_tui.db.opening import open_database
from suivi_tui.ui.app import SuiviApp

async def main():
    app = SuiviApp(open_database(Path({str(base)!r})), datetime.date(2021, 3, 15))
    async with app.run_test(size=(140, 45)) as pilot:
        for _ in range(5):
            await pilot.pause()
            await app.workers.wait_for_complete()
        assert app.principal is not None and app.principal.ecran is not None, "écran non chargé"
    assert 'openpyxl' not in sys.modules, 'openpyxl chargé au démarrage'

asyncio.run(main())
"""
    resultat = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert resultat.returncode == 0, resultat.stderr
