"""The relevé de décisions of a séance, read back: Markdown line by line, HTML through a strict parser."""

from __future__ import annotations

import datetime as dt
import stat
from pathlib import Path
from xml.etree.ElementTree import Element

import html5lib
import pytest

from suivi_tui.atomic import FichierExistant
from suivi_tui.db.database import Database
from suivi_tui.services.edition import (
    ajouter_echeance,
    ajouter_note,
    basculer_a_discuter,
    changer_pilote,
    changer_statut,
)
from suivi_tui.services.export.markdown import echapper_md
from suivi_tui.services.export.releve_html import ecrire_releve_html, releve_html
from suivi_tui.services.export.releve_md import ecrire_releve_markdown, releve_markdown
from suivi_tui.services.seances.releve import nom_fichier_releve, releve_seance
from suivi_tui.services.seances.tenue import fermer_seance, ouvrir_seance

MARS = dt.date(2021, 3, 15)
SENTINELLE = "SENTINELLE-7q3z Mme X, habitante du 12 rue Y"


def _id(db: Database, table: str, colonne: str, debut: str) -> int:
    with db.lire() as session:
        return session.execute(f"SELECT id FROM {table} WHERE {colonne} LIKE :l", {"l": debut + "%"}).scalar_one()


@pytest.fixture
def seance(seeded: tuple[Database, int]) -> tuple[Database, int]:
    """A séance of 15/03/2021 with decisions, actions, changes; things around it that must stay out."""
    db, contrat = seeded
    insertion = _id(db, "comite", "nom", "Insertion")
    coworking = _id(db, "engagement", "libelle", "Créer un espace de coworking")
    ressourcerie = _id(db, "engagement", "libelle", "Développer le projet de Ressourcerie")
    scolarisation = _id(db, "engagement", "libelle", "Poursuivre le dispositif de scolarisation")
    ajouter_echeance(db, coworking, dt.date(2021, 2, 28), "jour", "Visiter les locaux")
    ajouter_echeance(db, ressourcerie, dt.date(2021, 9, 30), "trimestre")
    ajouter_echeance(db, scolarisation, dt.date(2021, 6, 30), "jour", "Bilan")
    changer_pilote(db, ressourcerie, "M. Durand")
    s = ouvrir_seance(db, insertion, MARS, "Salle du conseil", "Mme Martin & M. <Durand>")
    changer_statut(db, coworking, "bloque", seance_id=s.id)
    changer_statut(db, coworking, "en_cours", seance_id=s.id)
    changer_pilote(db, coworking, "Mme Martin", seance_id=s.id)
    ajouter_echeance(db, coworking, dt.date(2021, 4, 30), "jour", "Trouver un local", seance_id=s.id)
    changer_statut(db, ressourcerie, "en_cours", seance_id=s.id)
    changer_statut(db, ressourcerie, "a_venir", seance_id=s.id)
    basculer_a_discuter(db, ressourcerie, seance_id=s.id)
    note = {"seance_id": s.id}
    ajouter_note(db, insertion, "Lancer l'appel à projets", type="decision", engagement_id=coworking, **note)  # type: ignore[arg-type]
    ajouter_note(db, insertion, "*Prochain* comité : [12/04] # 1. <b>x</b>", type="decision", **note)  # type: ignore[arg-type]
    ajouter_note(db, insertion, "Relancer HBH & le bailleur", type="action", engagement_id=ressourcerie, **note)  # type: ignore[arg-type]
    ajouter_note(db, insertion, "<script>alert(1)</script>", **note)  # type: ignore[arg-type]
    ajouter_note(db, insertion, SENTINELLE, type="decision", engagement_id=coworking, confidentielle=True, **note)  # type: ignore[arg-type]
    fermer_seance(db, contrat)
    changer_statut(db, scolarisation, "realise")
    ajouter_note(db, _id(db, "comite", "nom", "Gestion"), "Hors sujet", type="decision")
    return db, s.id


ATTENDU = """\
# Relevé de décisions — Insertion socioprofessionnelle

Séance du 15/03/2021 · Contrat de ville d'Antony 2020-2022

- Lieu : Salle du conseil
- Participants : Mme Martin \\& M. \\<Durand\\>

## Décisions

1. Lancer l'appel à projets
   - Engagement : Créer un espace de coworking (Axe I · Ville)
   - Pilote : Mme Martin
2. \\*Prochain\\* comité : \\[12/04\\] \\# 1. \\<b\\>x\\</b\\>

## Actions

1. Relancer HBH \\& le bailleur
   - Engagement : Développer le projet de Ressourcerie (Axe I · Ville)
   - Pilote : M. Durand

## Informations

1. \\<script\\>alert(1)\\</script\\>

## Changements en séance

- Créer un espace de coworking (Axe I · Ville) — Statut : À venir → En cours
- Créer un espace de coworking (Axe I · Ville) — Pilote : Mme Martin
- Créer un espace de coworking (Axe I · Ville) — Échéance ajoutée : 30/04/2021 — Trouver un local

## Échéances dépassées

- 28/02/2021 — Visiter les locaux — Créer un espace de coworking (Axe I · Ville) — pilote : Mme Martin — **en retard**

## Prochaines échéances

- 30/04/2021 — Trouver un local — Créer un espace de coworking (Axe I · Ville) — pilote : Mme Martin
- T3 2021 — Développer le projet de Ressourcerie (Axe I · Ville) — pilote : M. Durand
"""


def test_markdown_line_by_line(seance: tuple[Database, int]) -> None:
    db, seance_id = seance
    releve = releve_seance(db, seance_id)
    assert releve is not None and releve.confidentielles_omises == 1
    assert releve_markdown(releve).splitlines() == ATTENDU.splitlines()
    assert releve_markdown(releve).endswith("\n")


def test_confidential_notes_only_when_asked(seance: tuple[Database, int]) -> None:
    db, seance_id = seance
    sans = releve_seance(db, seance_id)
    avec = releve_seance(db, seance_id, inclure_confidentiel=True)
    assert sans is not None and avec is not None
    assert SENTINELLE not in releve_markdown(sans) and SENTINELLE not in releve_html(sans)
    assert avec.confidentielles_omises == 0
    lignes = releve_markdown(avec).splitlines()
    rang = lignes.index(f"3. {SENTINELLE} *(confidentielle)*")
    assert lignes[rang + 1] == "   - Engagement : Créer un espace de coworking (Axe I · Ville)"
    assert SENTINELLE in releve_html(avec)


def _parse(document: str) -> Element:
    parser = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False)
    return parser.parse(document)  # raises on any parse error


def _texte(element: Element) -> str:
    return " ".join(" ".join(element.itertext()).split())


def test_html_is_valid_printable_and_escaped(seance: tuple[Database, int]) -> None:
    db, seance_id = seance
    releve = releve_seance(db, seance_id)
    assert releve is not None
    document = releve_html(releve)
    arbre = _parse(document)
    sections = {_texte(s.find("h2")): s for s in arbre.iter("section")}  # type: ignore[arg-type]
    assert list(sections) == [
        "Décisions",
        "Actions",
        "Informations",
        "Changements en séance",
        "Échéances dépassées",
        "Prochaines échéances",
    ]
    decisions = [_texte(li) for li in sections["Décisions"].iter("li")]
    assert decisions == [
        "Lancer l'appel à projets Engagement : Créer un espace de coworking (Axe I · Ville) · Pilote : Mme Martin",
        "*Prochain* comité : [12/04] # 1. <b>x</b>",
    ]
    assert arbre.findall(".//script") == [] and arbre.findall(".//b") == []
    assert _texte(sections["Informations"]) == "Informations <script>alert(1)</script>"
    lignes = [[_texte(td) for td in tr.iter("td")] for tr in sections["Échéances dépassées"].iter("tr")][1:]
    assert lignes[0] == [
        "28/02/2021 en retard",
        "Visiter les locaux",
        "Créer un espace de coworking (Axe I · Ville)",
        "Mme Martin",
    ]
    assert _texte(arbre.find(".//dl")) == "Lieu Salle du conseil Participants Mme Martin & M. <Durand>"  # type: ignore[arg-type]
    assert "@page { size: A4" in document and "@media print" in document
    assert "http" not in document and "<link" not in document  # self-contained


def test_an_empty_seance_says_so(seeded: tuple[Database, int]) -> None:
    db, _ = seeded
    s = ouvrir_seance(db, _id(db, "comite", "nom", "Insertion"), MARS)
    releve = releve_seance(db, s.id)
    assert releve is not None
    assert releve_markdown(releve).splitlines() == [
        "# Relevé de décisions — Insertion socioprofessionnelle",
        "",
        "Séance du 15/03/2021 · Contrat de ville d'Antony 2020-2022",
        "",
        "## Décisions",
        "",
        "Aucune décision.",
        "",
        "## Actions",
        "",
        "Aucune action.",
        "",
        "## Changements en séance",
        "",
        "Aucun changement de statut, de pilote ou d'échéance.",
        "",
        "## Prochaines échéances",
        "",
        "Aucune échéance à venir pour les engagements vus en séance.",
    ]
    _parse(releve_html(releve))
    assert releve_seance(db, 999) is None


@pytest.mark.parametrize(
    ("brut", "echappe"),
    [
        ("1. Premier point", "1\\. Premier point"),
        ("12) suite", "12\\) suite"),
        ("- tiret", "\\- tiret"),
        ("+ plus", "\\+ plus"),
        ("> cité", "\\> cité"),
        ("---", "\\---"),
        ("1.", "1\\."),
        ("1.1 — numéro d'un nœud", "1.1 — numéro d'un nœud"),
        ("-10 % de chômage", "-10 % de chômage"),
        ("a_b `c` ~d~ |e|", "a\\_b \\`c\\` \\~d\\~ \\|e\\|"),
        ("sur\n  deux   lignes", "sur deux lignes"),
        ("C:\\dossier", "C:\\\\dossier"),
    ],
)
def test_markdown_escaping(brut: str, echappe: str) -> None:
    assert echapper_md(brut) == echappe


def test_files_are_private_and_never_clobbered(seance: tuple[Database, int], tmp_path: Path) -> None:
    db, seance_id = seance
    releve = releve_seance(db, seance_id)
    assert releve is not None
    dossier = tmp_path / "envoi"
    dossier.mkdir()
    cible = dossier / nom_fichier_releve(releve.seance, "html")
    assert cible.name == "releve-insertion-socioprofessionnelle-2021-03-15.html"
    ecrire_releve_html(releve, cible)
    assert stat.S_IMODE(cible.stat().st_mode) == 0o600
    cible.write_text("ancien", encoding="utf-8")
    with pytest.raises(FichierExistant):
        ecrire_releve_html(releve, cible)
    assert cible.read_text(encoding="utf-8") == "ancien"
    ecrire_releve_html(releve, cible, force=True)
    _parse(cible.read_text(encoding="utf-8"))
    md = ecrire_releve_markdown(releve, dossier / "releve.md")
    assert md.read_text(encoding="utf-8") == ATTENDU
    assert sorted(p.name for p in dossier.iterdir()) == [cible.name, "releve.md"]  # no temporary file left
