"""Le contrat « Engagements Quartiers 2030 » de Val-Fleuri en PDF, Word et OpenDocument : le même arbre que le Markdown.

Les documents sont ceux de ``tests/unit/fixtures/formats/`` (``val-fleuri-*``, faits par LibreOffice et
python-docx, voir ``fabriquer.py``) : titres à cinq niveaux, signataire en gras et ses engagements en
liste imbriquée, fiches actions dont les « Indicateurs : » sont une sous-liste. Ces tests n'ont besoin
ni de LibreOffice ni de python-docx.
"""

from __future__ import annotations

import sqlite3
from collections import Counter
from pathlib import Path

import pytest
from tests.conftest import VAL_FLEURI

from suivi_tui.annexe import AnnexeLue, lire_fichier_annexe
from suivi_tui.annexe.formats import AnnexeDocument, lire_document
from suivi_tui.cli import main

FORMATS = Path(__file__).parent / "fixtures" / "formats"
VAL_FLEURI_FORMATS = [
    ("val-fleuri-libreoffice.pdf", "PDF"),
    ("val-fleuri-word.pdf", "PDF"),
    ("val-fleuri-libreoffice.docx", "Word (.docx)"),
    ("val-fleuri-word.docx", "Word (.docx)"),
    ("val-fleuri-libreoffice.odt", "OpenDocument (.odt)"),
]
NOMS = [nom for nom, _ in VAL_FLEURI_FORMATS]


def lire(nom: str) -> AnnexeDocument:
    chemin = FORMATS / nom
    return lire_document(chemin.read_bytes(), chemin)


@pytest.fixture(scope="module")
def markdown() -> AnnexeLue:
    return lire_fichier_annexe(VAL_FLEURI)


def _arbre(annexe: AnnexeLue) -> list[tuple[str, int, str, str | None, str]]:
    return [(a.numero, a.ordre, a.niveau, a.parent, a.titre) for a in annexe.axes]


def _engagements(annexe: AnnexeLue) -> list[tuple[object, ...]]:
    """Chaque engagement sous son nœud et sa partie, mot pour mot, avec les champs d'une fiche action."""
    courts = {p.ordre: p.nom_court for p in annexe.parties}
    return [
        (axe.numero, courts[e.partie_ordre], e.ordre, e.libelle, e.pilote, e.partenaires, e.calendrier)
        for axe in annexe.axes
        for e in axe.engagements
    ]


def _indicateurs(annexe: AnnexeLue) -> list[tuple[object, ...]]:
    """Chaque indicateur, rattaché à son nœud (et à sa fiche action, s'il en a une)."""
    lus = []
    for axe in annexe.axes:
        rattaches = [(None, i) for i in axe.indicateurs] + [
            (e.libelle, i) for e in axe.engagements for i in e.indicateurs
        ]
        for fiche, i in rattaches:
            lus.append(
                (
                    axe.numero,
                    fiche,
                    i.libelle,
                    i.unite,
                    i.reference,
                    i.reference_annee,
                    i.cible,
                    i.cible_annee,
                    i.source,
                )
            )
    return lus


@pytest.mark.parametrize(("nom", "nature"), VAL_FLEURI_FORMATS)
def test_val_fleuri_dans_chaque_format_se_lit_comme_le_markdown(nom: str, nature: str, markdown: AnnexeLue) -> None:
    lu = lire(nom)
    annexe = lu.annexe
    assert lu.nature == nature
    assert annexe.forme == "quartiers-2030"
    assert (annexe.titre, annexe.territoire, annexe.debut, annexe.fin) == (
        markdown.titre,
        markdown.territoire,
        markdown.debut,
        markdown.fin,
    )
    # L'arbre : mêmes numéros, niveaux, parents et titres, dans le même ordre.
    assert _arbre(annexe) == _arbre(markdown)
    assert Counter(a.niveau for a in annexe.axes) == {"Enjeu": 3, "Orientation": 6, "Objectif opérationnel": 12}
    assert annexe.parties == markdown.parties
    assert len(annexe.parties) == 12
    # Les 39 engagements (dont les 5 fiches actions), chacun sous son objectif et son signataire.
    assert _engagements(annexe) == _engagements(markdown)
    assert len(_engagements(annexe)) == 39
    # Les 9 indicateurs : 2 d'objectifs, 7 de fiches actions (la sous-liste de « Indicateurs : »).
    assert _indicateurs(annexe) == _indicateurs(markdown)
    assert sum(1 for i in _indicateurs(annexe) if i[1] is None) == 2
    assert len(_indicateurs(annexe)) == 9
    assert annexe.comites == markdown.comites


@pytest.mark.parametrize("nom", NOMS)
def test_les_fiches_actions_gardent_pilote_partenaires_calendrier_et_indicateurs(nom: str) -> None:
    annexe = lire(nom).annexe
    courts = {p.ordre: p.nom_court for p in annexe.parties}
    fiches = [
        (axe.numero, e.libelle, courts[e.partie_ordre], e.pilote, e.partenaires, e.calendrier, len(e.indicateurs))
        for axe in annexe.axes
        for e in axe.engagements
        if e.pilote is not None
    ]
    assert fiches == [
        (
            "1.1.1",
            "Lieu d'accueil enfants-parents itinérant",
            "Ville",
            "Ville de Val-Fleuri (direction de la petite enfance)",
            "CAF, centre social des Tilleuls, PMI",
            "2024-2026",
            2,
        ),
        (
            "1.1.2",
            "Accueil des collégiens exclus",
            "Éducation nationale",
            "Éducation nationale",
            "Ville de Val-Fleuri, association Trait d'union",
            "rentrée 2024",
            1,
        ),
        (
            "2.1.1",
            "Bus de l'emploi",
            "France Travail",
            "France Travail",
            "Mission locale, PLIE Cœur de Brie, ville de Val-Fleuri",
            "T1 2025",
            2,
        ),
        (
            "3.1.1",
            "Diagnostics en marchant",
            "Ville",
            "Ville de Val-Fleuri",
            "Brie Habitat, conseils citoyens, police municipale",
            "chaque printemps, de 2024 à 2030",
            1,
        ),
        (
            "3.2.1",
            "Médiation en santé",
            "ARS",
            "Agence régionale de santé",
            "CPAM, centre communal d'action sociale",
            "2024-2030",
            1,
        ),
    ]
    bus = next(e for a in annexe.axes for e in a.engagements if e.libelle == "Bus de l'emploi")
    recus, part = bus.indicateurs
    assert (recus.libelle, recus.unite, recus.reference, recus.reference_annee, recus.cible, recus.cible_annee) == (
        "Personnes reçues au bus de l'emploi",
        "personnes",
        0,
        2024,
        400,
        2027,
    )
    assert (recus.source, part.unite, part.reference, part.cible, part.source) == ("France Travail", "%", 18, 30, "")


@pytest.mark.parametrize("nom", NOMS)
def test_seul_le_mobilier_de_page_est_mis_de_cote(nom: str) -> None:
    lu = lire(nom)
    ecartees = lu.annexe.lignes_ignorees
    textes = [e.libelle for a in lu.annexe.axes for e in a.engagements]
    textes += [i[2] for i in _indicateurs(lu.annexe)]
    for ligne in ecartees:
        assert not any(ligne.texte in texte or texte in ligne.texte for texte in textes), ligne
    if lu.nature != "PDF":
        assert ecartees == ()
        return
    # Dans un PDF : sur chaque page, le titre courant et le numéro de page, rien d'autre.
    assert lu.pages is not None and lu.pages >= 5
    titre = "Contrat de ville de Val-Fleuri 2024-2030 – Engagements Quartiers 2030"
    for page in range(1, lu.pages + 1):
        de_la_page = [(x.raison, x.texte) for x in ecartees if x.origine is not None and x.origine.page == page]
        assert ("en-tête ou pied de page répété", titre) in de_la_page
        assert len(de_la_page) == 2
        assert any(raison == "numéro de page" and texte.startswith(f"Page {page}") for raison, texte in de_la_page)
    assert len(ecartees) == 2 * lu.pages


def _contenu(base: Path) -> list[list[tuple[object, ...]]]:
    """Ce que ``suivi seed`` a écrit du contrat : tout ce qui vient de l'annexe, sans identifiants ni dates."""
    requetes = (
        "SELECT titre, territoire, debut, fin FROM contrat",
        "SELECT nom, nom_court, ordre FROM partie ORDER BY ordre",
        "SELECT a.numero, a.ordre, a.niveau, p.numero, a.titre FROM axe a LEFT JOIN axe p ON p.id = a.parent_id "
        "ORDER BY a.ordre",
        "SELECT a.numero, p.nom_court, e.ordre, e.libelle, e.pilote, e.partenaires, e.calendrier, e.statut "
        "FROM engagement e JOIN axe a ON a.id = e.axe_id JOIN partie p ON p.id = e.partie_id ORDER BY a.ordre, e.ordre",
        "SELECT coalesce(a.numero, ea.numero), e.libelle, i.ordre, i.libelle, i.unite, i.reference, "
        "i.reference_annee, i.cible, i.cible_annee, i.source FROM indicateur i "
        "LEFT JOIN axe a ON a.id = i.axe_id LEFT JOIN engagement e ON e.id = i.engagement_id "
        "LEFT JOIN axe ea ON ea.id = e.axe_id ORDER BY coalesce(a.ordre, ea.ordre), e.ordre, i.ordre",
        "SELECT nom, description FROM comite ORDER BY nom",
    )
    connexion = sqlite3.connect(base)
    try:
        return [[tuple(r) for r in connexion.execute(sql).fetchall()] for sql in requetes]
    finally:
        connexion.close()


@pytest.fixture(scope="module")
def base_du_markdown(tmp_path_factory: pytest.TempPathFactory) -> list[list[tuple[object, ...]]]:
    base = tmp_path_factory.mktemp("markdown") / "val-fleuri.db"
    assert main(["--db", str(base), "seed", str(VAL_FLEURI)]) == 0
    return _contenu(base)


@pytest.mark.parametrize("nom", NOMS)
def test_suivi_seed_cree_le_meme_contrat_que_le_markdown(
    nom: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    base_du_markdown: list[list[tuple[object, ...]]],
) -> None:
    base = tmp_path / "val-fleuri.db"
    assert main(["--db", str(base), "seed", str(FORMATS / nom)]) == 0
    sortie = capsys.readouterr().out
    assert "3 enjeux, 6 orientations, 12 objectifs opérationnels, 12 parties, 39 engagements, 9 indicateurs" in sortie
    obtenu = _contenu(base)
    assert obtenu == base_du_markdown
    assert [len(table) for table in obtenu[1:5]] == [12, 21, 39, 9]


def test_pdf_une_ligne_qui_commence_par_un_mot_et_sa_ponctuation_liee_prolonge_la_ligne_pleine() -> None:
    # « 2023 » seul tenait au bout de la ligne d'avant, mais pas « 2023 ; » : LibreOffice et Word ne coupent
    # pas avant « ; » (règle LB13 d'Unicode), la ligne d'avant était donc pleine et la suivante la prolonge.
    from suivi_tui.annexe.formats.document import Redaction
    from suivi_tui.annexe.formats.pdf_lignes import Mot, lignes_de_page
    from suivi_tui.annexe.formats.pdf_paragraphes import assembler

    def ligne(top: float, *mots: tuple[str, float, float]) -> list[Mot]:
        return [Mot(texte, x0, x1, top, top + 11, 11.0, False) for texte, x0, x1 in mots]

    mots = [
        *ligne(200, ("Le", 72, 84), ("comité", 87, 120), ("réunit", 123, 523)),
        *ligne(214, ("les", 72, 90), ("signataires.", 93, 300)),
        *ligne(240, ("Familles", 72, 120), ("accueillies", 123, 460), ("en", 463, 490)),
        *ligne(254, ("2023", 72, 96), (";", 99, 105), ("cible", 108, 138), ("120", 141, 159)),
    ]
    redaction = Redaction()
    assembler([lignes_de_page(1, mots, 595)], [842.0], redaction)
    assert [x for x in redaction.lignes if x] == [
        "Le comité réunit les signataires.",
        "Familles accueillies en 2023 ; cible 120",
    ]
