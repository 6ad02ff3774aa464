"""Lecture des annexes au contrat de ville : l'annexe réelle d'Antony, les variantes du modèle, les refus."""

from __future__ import annotations

import ast
import dataclasses
import sys
from collections import Counter
from datetime import date
from pathlib import Path

import pytest

from suivi_tui import annexe as module_annexe
from suivi_tui.annexe import (
    AnnexeIllisible,
    AnnexeLue,
    lire_annexe,
    lire_fichier_annexe,
)

FIXTURES = Path(__file__).parent / "fixtures" / "annexes"
ANTONY = Path(__file__).resolve().parents[2] / "seed" / "annexe-contrat-de-ville-antony-2020-2022.md"


def _par_axe(annexe: AnnexeLue) -> list[int]:
    return [len(axe.engagements) for axe in annexe.axes]


def _par_partie(annexe: AnnexeLue) -> dict[str, int]:
    courts = {p.ordre: p.nom_court for p in annexe.parties}
    return dict(Counter(courts[e.partie_ordre] for axe in annexe.axes for e in axe.engagements))


def _libelles(annexe: AnnexeLue) -> list[str]:
    return [e.libelle for axe in annexe.axes for e in axe.engagements]


def _fixture(nom: str) -> AnnexeLue:
    return lire_fichier_annexe(FIXTURES / nom)


# --------------------------------------------------------------------------- l'annexe réelle d'Antony


@pytest.fixture(scope="module")
def antony() -> AnnexeLue:
    return lire_fichier_annexe(ANTONY)


def test_antony_contrat(antony: AnnexeLue) -> None:
    assert antony.titre == "Contrat de ville d'Antony 2020-2022"
    assert antony.territoire == "Antony"
    assert antony.debut == date(2020, 1, 1)
    assert antony.fin == date(2022, 12, 31)
    assert antony.lignes_ignorees == ()


def test_antony_axes(antony: AnnexeLue) -> None:
    assert [a.numero for a in antony.axes] == ["I", "II", "III", "IV", "V", "VI"]
    assert [a.ordre for a in antony.axes] == [1, 2, 3, 4, 5, 6]
    assert [a.ligne for a in antony.axes] == [19, 40, 53, 64, 85, 106]
    assert antony.axes[0].titre == "Développement économique et emploi"
    assert antony.axes[1].titre == "Habitat, renouvellement urbain"
    assert antony.axes[3].titre == "Jeunesse – Education – Formation – Insertion"
    assert antony.axes[4].titre == (
        "Action Sociale, santé, soutien aux familles monoparentales, tranquillité publique et justice"
    )
    assert all("*" not in a.titre and "#" not in a.titre for a in antony.axes)


def test_antony_parties(antony: AnnexeLue) -> None:
    ville, etat = antony.parties
    assert (ville.nom, ville.nom_court, ville.ordre) == ("Ville d'Antony", "Ville", 1)
    assert (etat.nom, etat.nom_court, etat.ordre) == ("État (services dans les Hauts-de-Seine)", "État", 2)


def test_antony_engagements_comptes(antony: AnnexeLue) -> None:
    assert _par_axe(antony) == [13, 5, 3, 12, 12, 7]
    assert sum(_par_axe(antony)) == 52
    assert _par_partie(antony) == {"Ville": 37, "État": 15}
    for axe in antony.axes:
        assert [e.ordre for e in axe.engagements] == list(range(1, len(axe.engagements) + 1))
        # Dans chaque axe la Ville parle d'abord, puis l'État : l'ordre du document est conservé.
        parties = [e.partie_ordre for e in axe.engagements]
        assert parties == sorted(parties)


def test_antony_libelles_verbatim(antony: AnnexeLue) -> None:
    premier = antony.axes[0].engagements[0]
    assert premier.libelle == (
        "Accroître son action en direction des jeunes dans le cadre de l'insertion socioprofessionnelle "
        "en développant l'information et les dispositifs de découverte du monde professionnel et de mise "
        "en situation (chantiers éducatifs)"
    )
    assert (premier.ligne, premier.partie_ordre) == (23, 1)
    dernier = antony.axes[-1].engagements[-1]
    assert dernier.libelle == (
        "Organiser des sessions de formation spécifiques aux Valeurs de la République et à la Laïcité "
        "auprès des acteurs de politique de la ville du territoire : adultes-relais, conseils citoyens, "
        "associations"
    )
    assert (dernier.ligne, dernier.partie_ordre, dernier.ordre) == (119, 2, 7)
    # Le « » déséquilibré de la ligne 29 est recopié tel quel : verbatim veut dire verbatim.
    assert antony.axes[0].engagements[6].libelle.endswith("Territoire Zéro Chômeurs de Longue Durée, TZCLD »")


def test_antony_exposants_et_lignes_vides_dans_les_listes(antony: AnnexeLue) -> None:
    stages = antony.axes[3].engagements[10]
    assert stages.libelle == (
        "Déployer de nouveaux formats de stages de 3ème en partenariat avec les Centres sociaux "
        "et culturels du département."
    )
    assert (
        antony.axes[4]
        .engagements[9]
        .libelle.startswith("Développer au sein des contrats locaux de santé 3ème génération")
    )
    assert not any("<" in t or "**" in t for t in _libelles(antony))
    # Ligne 72 vide au milieu de la liste de la Ville (axe IV) : la puce ligne 73 est la 5e du même axe.
    assert antony.axes[3].engagements[4].ligne == 73
    assert antony.axes[3].engagements[4].partie_ordre == 1


def test_antony_comites(antony: AnnexeLue) -> None:
    comites = {c.nom: c for c in antony.comites}
    assert set(comites) == {"Insertion socioprofessionnelle", "Gestion urbaine et sociale de proximité (GUSP)"}
    insertion = comites["Insertion socioprofessionnelle"]
    assert insertion.engagements == ((1, 8),)
    assert "Comité technique « Insertion Socioprofessionnelle »" in insertion.description
    gusp = comites["Gestion urbaine et sociale de proximité (GUSP)"]
    assert gusp.engagements == ((5, 6),)
    assert "diagnostic en marchant" in gusp.description


def test_antony_crlf_et_bom_donnent_la_meme_lecture(antony: AnnexeLue) -> None:
    texte = ANTONY.read_text(encoding="utf-8")
    relue = lire_annexe("\ufeff" + texte.replace("\n", "\r\n"), source=ANTONY.name)
    assert relue == antony


def test_resultat_fige(antony: AnnexeLue) -> None:
    with pytest.raises(dataclasses.FrozenInstanceError):
        antony.axes[0].titre = "autre"  # type: ignore[misc]
    assert isinstance(antony.axes, tuple) and isinstance(antony.axes[0].engagements, tuple)


def test_module_pur_bibliotheque_standard() -> None:
    # Un paquet : chaque fichier est vérifié ; les imports relatifs restent dans le paquet, vérifié en entier.
    for fichier in sorted(Path(module_annexe.__file__).parent.glob("*.py")):
        arbre = ast.parse(fichier.read_text(encoding="utf-8"))
        importes = {
            (n.module if isinstance(n, ast.ImportFrom) else alias.name).split(".")[0]
            for n in ast.walk(arbre)
            if isinstance(n, ast.Import) or (isinstance(n, ast.ImportFrom) and n.level == 0)
            for alias in n.names
        }
        assert importes <= set(sys.stdlib_module_names) | {"__future__"}, fichier.name
        assert ast.get_docstring(arbre), fichier.name


# --------------------------------------------------------------------------- variantes du modèle


def test_titres_axe_diese() -> None:
    annexe = _fixture("titres-axe-diese.md")
    assert [(a.numero, a.titre) for a in annexe.axes] == [
        ("1", "Emploi et développement économique"),
        ("2", "Cadre de vie et renouvellement urbain"),
        ("3", "Éducation et réussite éducative"),
    ]
    assert _par_axe(annexe) == [5, 3, 3]
    assert _par_partie(annexe) == {"Ville": 7, "État": 4}
    assert annexe.titre == "Contrat de ville d'Évry-Courcouronnes 2020-2022"
    # Pas de « jusqu'au » : la fin vient de la période du titre.
    assert (annexe.debut, annexe.fin) == (date(2020, 1, 1), date(2022, 12, 31))
    assert [p.nom for p in annexe.parties] == ["Ville d'Évry-Courcouronnes", "État"]
    assert annexe.axes[0].engagements[2].libelle == (
        "Ouvrir une permanence de la Mission locale au sein du centre social Brel-Brassens"
    )
    assert [(c.nom, c.engagements) for c in annexe.comites] == [("Gestion urbaine de proximité", ((2, 2),))]


def test_titres_axe_sans_diese_et_ville_sans_nom() -> None:
    annexe = _fixture("titres-axe-sans-diese.md")
    assert [(a.numero, a.titre, a.ligne) for a in annexe.axes] == [
        ("1", "Emploi, insertion et développement économique", 7),
        ("2", "Tranquillité publique et prévention de la délinquance", 19),
        ("3", "Santé et accès aux droits", 33),
    ]
    assert _par_axe(annexe) == [4, 4, 2]
    # « La Ville s'engage à : » (axe 2) rejoint « La ville de Villiers-le-Bel » : deux parties seulement.
    assert [(p.nom, p.nom_court) for p in annexe.parties] == [
        ("Ville de Villiers-le-Bel", "Ville"),
        ("État (services dans le Val-d'Oise)", "État"),
    ]
    assert _par_partie(annexe) == {"Ville": 6, "État": 4}
    assert annexe.axes[1].engagements[1].libelle == (
        "Réunir le conseil local de sécurité et de prévention de la délinquance deux fois par an"
    )
    # La formule « Fait à … » et les signatures qui suivent ne sont ni engagements ni erreurs.
    assert annexe.axes[-1].engagements[-1].libelle.endswith("au Puits-la-Marlière")
    assert annexe.fin == date(2022, 12, 31)


def test_titres_arabes_et_sous_titres() -> None:
    annexe = _fixture("titres-arabes.md")
    assert [(a.numero, a.titre) for a in annexe.axes] == [
        ("1", "Réussite éducative et jeunesse"),
        ("2", "Habitat et cadre de vie"),
        ("3", "Culture et sport"),
    ]
    assert _par_axe(annexe) == [5, 3, 3]
    assert _par_partie(annexe) == {"Ville": 6, "État": 5}
    # Les « ### » sous « ## 2) » sont des sous-titres : les engagements restent dans l'axe 2.
    assert annexe.axes[1].engagements[0].ligne == 30
    assert annexe.axes[1].engagements[0].libelle.startswith("Accompagner les copropriétés fragiles")
    assert annexe.titre == "Contrat de ville de Trappes 2020-2022"


def test_titres_gras() -> None:
    annexe = _fixture("titres-gras.md")
    assert [(a.numero, a.titre) for a in annexe.axes] == [
        ("I", "Emploi et insertion professionnelle"),
        ("II", "Tranquillité publique"),
        ("III", "Santé"),
        ("IV", "Participation citoyenne"),
    ]
    assert _par_axe(annexe) == [3, 3, 2, 2]
    assert _par_partie(annexe) == {"Ville": 6, "État": 4}
    assert annexe.parties[1].nom == "État (services en Seine-Saint-Denis)"
    assert annexe.axes[1].engagements[0].libelle == (
        "Étendre la vidéoprotection aux abords de la gare de Sevran-Beaudottes"
    )
    assert annexe.territoire == "Sevran"


def test_parties_multiples() -> None:
    annexe = _fixture("parties-multiples.md")
    assert [(p.ordre, p.nom, p.nom_court) for p in annexe.parties] == [
        (1, "Ville de Bagneux", "Ville"),
        (2, "Établissement public territorial Vallée Sud Grand Paris", "EPT"),
        (3, "État (services dans les Hauts-de-Seine)", "État"),
        (4, "Bailleurs sociaux", "Bailleurs"),
        (5, "Département des Hauts-de-Seine", "Département"),
        (6, "CAF des Hauts-de-Seine", "CAF"),
        (7, "État et Ville de Bagneux", "État et Ville"),
    ]
    assert _par_axe(annexe) == [4, 5, 4]
    # Le Département et l'État, présents dans deux axes, ne sont comptés qu'une fois comme parties.
    assert _par_partie(annexe) == {
        "Ville": 2,
        "EPT": 2,
        "État": 2,
        "Bailleurs": 2,
        "Département": 2,
        "CAF": 2,
        "État et Ville": 1,
    }
    assert annexe.axes[1].engagements[3].partie_ordre == 5
    assert annexe.axes[2].engagements[2].partie_ordre == 5
    assert [(c.nom, c.engagements) for c in annexe.comites] == [("Cohésion sociale", ((3, 4),))]


def test_puces_variees_et_sous_puces() -> None:
    annexe = _fixture("puces-variees.md")
    assert _par_axe(annexe) == [5, 5, 4]
    assert _par_partie(annexe) == {"Ville": 8, "État": 6}
    assert [e.libelle.split()[0] for e in annexe.axes[0].engagements + annexe.axes[1].engagements] == [
        "Organiser",
        "Développer",
        "Soutenir",
        "Mobiliser",
        "Renforcer",
        "Ouvrir",
        "Étendre",
        "Créer",
        "Déployer",
        "Généraliser",
    ]
    # Sous-puces « o » plus en retrait : un seul engagement, détail joint au libellé.
    requalifier = annexe.axes[2].engagements[0]
    assert requalifier.libelle == (
        "Requalifier les espaces publics de la Vigne Blanche : création d'une promenade piétonne ; "
        "réfection de l'éclairage public"
    )
    assert requalifier.ligne == 34
    # Partie écrite comme une puce, engagements « a) » « b) » en dessous.
    assert [e.libelle for e in annexe.axes[2].engagements[2:]] == [
        "Accompagner le projet de renouvellement urbain du quartier des Musiciens",
        "Financer la démolition de la tour Molière",
    ]
    assert annexe.territoire == "Les Mureaux"
    assert annexe.titre == "Contrat de ville des Mureaux 2020-2022"


def test_puce_sans_espace_n_est_pas_une_continuation() -> None:
    texte = (
        "Contrat de ville de Stains 2020-2022\n\n## I. Emploi\n\nLa ville de Stains s'engage à :\n"
        "- Ouvrir un forum de l'emploi\n-Fermer la friche Saint-Lazare\n•Garder le lien avec les habitants\n"
    )
    annexe = lire_annexe(texte)
    assert _libelles(annexe) == [
        "Ouvrir un forum de l'emploi",
        "Fermer la friche Saint-Lazare",
        "Garder le lien avec les habitants",
    ]


def test_puces_repliees() -> None:
    annexe = _fixture("puces-repliees.md")
    assert _par_axe(annexe) == [4, 3]
    assert _par_partie(annexe) == {"Ville": 5, "État": 2}
    assert _libelles(annexe)[:4] == [
        # Ligne repliée sans retrait, collée à la puce.
        "Accompagner les demandeurs d'emploi du Bas-Clichy vers les métiers du chantier de la ligne 16 "
        "du Grand Paris Express en lien avec les entreprises attributaires",
        # Ligne repliée en retrait.
        "Développer les ateliers sociolinguistiques à visée professionnelle pour les habitants non "
        "francophones, en partenariat avec les associations du Chêne-Pointu",
        # Paragraphe en retrait après une ligne vide.
        "Mettre en place un service de garde d'enfants à horaires atypiques afin de lever les freins "
        "à l'emploi des familles monoparentales",
        "Mobiliser le service public de l'insertion et de l'emploi au bénéfice des allocataires du RSA "
        "résidant dans les quartiers prioritaires",
    ]
    # Ligne vide puis minuscule : la phrase continue.
    assert annexe.axes[1].engagements[0].libelle == (
        "Poursuivre la requalification des copropriétés dégradées du Chêne-Pointu dans le cadre "
        "de l'opération de requalification d'intérêt national (ORCOD-IN)"
    )
    assert [e.ligne for e in annexe.axes[0].engagements] == [11, 13, 16, 22]


def test_balises_html() -> None:
    annexe = _fixture("balises-html.md")
    assert [a.titre for a in annexe.axes] == ["Emploi & insertion", "Éducation et jeunesse"]
    assert _par_axe(annexe) == [5, 2]
    assert _par_partie(annexe) == {"Ville": 4, "État": 3}
    assert _libelles(annexe) == [
        "Ouvrir une Cité de l’emploi réunissant Pôle emploi, la Mission locale et le PLIE",
        "Soutenir les stages de 3ème et de 2nde dans les services municipaux",
        "Accueillir les permanences de l’École de la deuxième chance au sein de la maison de quartier de la Muette",
        "Financer 50 contrats « adultes-relais » dont 10 dédiés à l’insertion professionnelle",
        "Promouvoir l’égalité femmes & hommes dans l’accès à l’emploi",
        "Développer le programme de réussite éducative auprès des collégiens",
        "Dédoubler les classes de CP et de CE1 en REP +",
    ]
    assert annexe.parties[1].nom == "État (services dans le Val-d’Oise)"
    assert annexe.fin == date(2022, 12, 31)


def test_mobilier_de_page() -> None:
    annexe = _fixture("mobilier-de-page.md")
    assert _par_axe(annexe) == [5, 3]
    assert _par_partie(annexe) == {"Ville": 5, "État": 3}
    titre_courant = "Contrat de ville de Grigny – Protocole d'engagements"
    assert [(x.ligne, x.texte, x.raison) for x in annexe.lignes_ignorees] == [
        (1, titre_courant, "titre courant répété"),
        (9, "Reçu en préfecture le 12/03/2020", "tampon de transmission"),
        (11, "Page 1 sur 3", "numéro de page"),
        (12, "", "saut de page"),
        (13, titre_courant, "titre courant répété"),
        (22, "- 2 -", "numéro de page"),
        (23, titre_courant, "titre courant répété"),
        (27, "3/10", "numéro de page"),
        (35, "12", "numéro de page"),
        (37, titre_courant, "titre courant répété"),
        (50, "Page 3 sur 3", "numéro de page"),
    ]
    # Puce coupée par une page (numéro, saut, titre courant) : recollée sans le mobilier.
    assert annexe.axes[0].engagements[1].libelle == (
        "Accompagner les femmes éloignées de l'emploi, en priorité les mères de familles "
        "monoparentales de la Grande Borne"
    )
    assert annexe.axes[0].engagements[2].libelle == (
        "Mobiliser les entreprises de la zone d'activités des Radars auprès des TPE et PME du Val de Seine"
    )
    for libelle in _libelles(annexe):
        assert "Protocole d'engagements" not in libelle
        assert "Page" not in libelle and "3/10" not in libelle and " 12" not in libelle
    assert annexe.titre == "Contrat de ville de Grigny 2020-2022"


def test_meme_partie_ville_nommee_apres_ville_nue() -> None:
    texte = (
        "Contrat de ville de Stains 2020-2022\n\n## I. Emploi\n\nLa Ville s'engage à :\n\n- Ouvrir un forum\n\n"
        "## II. Habitat\n\nLa ville de Stains s'engage à :\n\n- Réhabiliter le Clos Saint-Lazare\n"
    )
    annexe = lire_annexe(texte)
    assert [(p.nom, p.ordre) for p in annexe.parties] == [("Ville de Stains", 1)]
    assert annexe.territoire == "Stains"


# --------------------------------------------------------------------------- refus


@pytest.mark.parametrize(
    ("fichier", "ligne", "mots"),
    [
        ("refus-aucun-axe.md", 7, ("aucun axe",)),
        ("refus-puce-hors-partie.md", 9, ("puce hors de toute partie signataire",)),
        ("refus-partie-sans-puce.md", 5, ("aucun engagement", "La ville de Stains")),
        ("refus-axe-vide.md", 9, ("l'axe II", "aucun engagement")),
        ("refus-texte-dans-liste.md", 9, ("sans puce", "puce manquante")),
        ("refus-texte-apres-partie.md", 7, ("une puce d'engagement était attendue",)),
        ("refus-axe-en-double.md", 15, ("axe II en double", "ligne 9")),
        ("refus-titre-non-reconnu.md", 11, ("hors de tout axe", "ligne 9", "Santé et accès aux droits")),
        ("refus-premier-axe.md", 9, ("premier axe", "numéro II")),
        ("refus-partie-tronquee.md", 6, ("tronquée", "minuscule")),
        ("refus-date-impossible.md", 3, ("31 février 2022", "n'existe pas")),
        ("refus-sans-territoire.md", None, ("territoire introuvable",)),
        ("refus-vide.md", None, ("annexe vide",)),
    ],
)
def test_refus(fichier: str, ligne: int | None, mots: tuple[str, ...]) -> None:
    with pytest.raises(AnnexeIllisible) as erreur:
        _fixture(fichier)
    assert erreur.value.ligne == ligne
    assert erreur.value.source == fichier
    for mot in mots:
        assert mot in erreur.value.message
    prefixe = f"{fichier}, ligne {ligne} : " if ligne is not None else f"{fichier} : "
    assert str(erreur.value) == prefixe + erreur.value.message


def test_refus_texte_vide_ou_blanc() -> None:
    for texte in ("", "   \n\n\t\n", "\ufeff"):
        with pytest.raises(AnnexeIllisible, match="vide") as erreur:
            lire_annexe(texte, source="annexe.md")
        assert erreur.value.ligne is None


def test_refus_numero_romain_et_arabe_du_meme_axe() -> None:
    texte = (
        "Contrat de ville de Stains 2020-2022\n\n## I. Emploi\n\n"
        "La ville de Stains s'engage à :\n\n- Ouvrir un forum\n\n"
        "AXE 1 : Emploi encore\n\nLa ville de Stains s'engage à :\n\n- Ouvrir un second forum\n"
    )
    with pytest.raises(AnnexeIllisible, match="en double") as erreur:
        lire_annexe(texte)
    assert erreur.value.ligne == 9


def test_annexe_illisible_format() -> None:
    assert str(AnnexeIllisible("puce hors de toute partie signataire", 42, "annexe.md")) == (
        "annexe.md, ligne 42 : puce hors de toute partie signataire"
    )
    assert str(AnnexeIllisible("annexe vide", None, "annexe.md")) == "annexe.md : annexe vide"
    assert str(AnnexeIllisible("annexe vide")) == "annexe vide"
    assert isinstance(AnnexeIllisible("x"), ValueError)


# --------------------------------------------------------------------------- fichiers


def test_fichier_introuvable(tmp_path: Path) -> None:
    absent = tmp_path / "absente.md"
    with pytest.raises(AnnexeIllisible, match="introuvable") as erreur:
        lire_fichier_annexe(absent)
    assert "absente.md" in str(erreur.value)
    assert erreur.value.ligne is None


def test_fichier_dossier(tmp_path: Path) -> None:
    dossier = tmp_path / "annexes"
    dossier.mkdir()
    with pytest.raises(AnnexeIllisible, match="dossier") as erreur:
        lire_fichier_annexe(str(dossier))
    assert "annexes" in str(erreur.value)


def test_fichier_latin1(tmp_path: Path) -> None:
    fichier = tmp_path / "annexe-latin1.md"
    texte = "## Annexe au contrat de ville\n\n## I. Développement économique\n"
    fichier.write_bytes(texte.encode("latin-1"))
    with pytest.raises(AnnexeIllisible, match="UTF-8") as erreur:
        lire_fichier_annexe(fichier)
    assert erreur.value.ligne == 3  # le « é » de « Développement » est le premier octet illisible
    assert "annexe-latin1.md" in str(erreur.value)
    assert "0xe9" in erreur.value.message


def test_fichier_avec_bom(tmp_path: Path) -> None:
    fichier = tmp_path / "annexe-bom.md"
    fichier.write_bytes(b"\xef\xbb\xbf" + ANTONY.read_bytes())
    annexe = lire_fichier_annexe(fichier)
    assert _par_axe(annexe) == [13, 5, 3, 12, 12, 7]
    assert annexe.axes[0].ligne == 19
