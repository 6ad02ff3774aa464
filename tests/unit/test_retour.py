"""A fiche filled in by a partner and read back: each case shows the preview's exact lines, the base after
applying, and a second import that changes nothing."""

from __future__ import annotations

import datetime as dt
import hashlib
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from partenaire import TODAY, apercu, exporter_fiche, fuseau_utc, identifiants, lignes, remplir, repondu_le
from sqlalchemy import text

from suivi_tui.db.database import Database
from suivi_tui.services import edition as commandes
from suivi_tui.services.retour.application import appliquer
from suivi_tui.services.retour.comparaison import FicheRefusee
from suivi_tui.texte import court

__all__ = ["fuseau_utc"]
EN_TETE = "Retour de la fiche pour pilote « DDETS », exportée le 15/03/2021 à 09:00 — {}"
CONTRAT = "Contrat de ville d'Antony 2020-2022"
JOURNAL = "Commentaires au journal du comité « Insertion socioprofessionnelle », hors séance."


def sql(db: Database, requete: str, **params: object) -> list[tuple[Any, ...]]:
    with db.lire() as session:
        return [tuple(r) for r in session.execute(requete, params)]


class Ddets:
    """The seeded base where the DDETS pilots the first five engagements of the State, and its fiche."""

    def __init__(self, db: Database, dossier: Path) -> None:
        self.db, self.dossier = db, dossier
        lus = sql(
            db,
            """SELECT e.id, e.libelle, a.numero FROM engagement e JOIN axe a ON a.id = e.axe_id
               JOIN partie p ON p.id = e.partie_id WHERE p.nom_court = 'État' ORDER BY a.ordre, e.ordre LIMIT 5""",
        )
        for eid, _, _ in lus:
            commandes.changer_pilote(db, eid, "DDETS")
        self.ids = [r[0] for r in lus]
        self.titres = [f"Axe {r[2]} · État — {court(r[1], 70)}" for r in lus]
        self.courts = [f"Axe {r[2]} · État — {court(r[1], 50)}" for r in lus]  # as a list of deleted rows says it
        self.insertion = sql(db, "SELECT id FROM comite WHERE nom LIKE 'Insertion%'")[0][0]
        self.fiche = exporter_fiche(db, dossier / "fiche-ddets.xlsx", "ddets")
        self.e = identifiants(self.fiche)  # E-<uuid> of the five rows, in order

    def rempli(
        self, nom: str, reponses: dict[int, dict[str, Any]], modifier: Callable[[Any], None] | None = None
    ) -> Path:
        return remplir(self.fiche, self.dossier / nom, {self.e[i]: v for i, v in reponses.items()}, modifier=modifier)

    def statuts(self) -> list[str]:
        return [sql(self.db, "SELECT statut FROM engagement WHERE id = :i", i=i)[0][0] for i in self.ids]

    def comptes(self) -> dict[str, int]:
        tables = ("engagement", "echeance", "note", "historique", "retour", "seance")
        return {t: sql(self.db, f"SELECT count(*) FROM {t}")[0][0] for t in tables}

    def importer(self, chemin: Path, *, accepter: bool = False, comite: bool = True) -> Any:
        a = apercu(self.db, chemin, self.insertion if comite else None)
        return appliquer(self.db, a, a.par_defaut(accepter_conflits=accepter), TODAY)

    def rien_la_seconde_fois(self, chemin: Path) -> None:
        """A second import of the same answer: nothing to change, nothing written."""
        avant = self.comptes()
        a = apercu(self.db, chemin, self.insertion)
        assert a.propositions == () or all(p.conflit for p in a.propositions)
        assert self.importer(chemin).changement is None
        assert self.comptes() == avant


@pytest.fixture
def ddets(seeded: tuple[Database, int], tmp_path: Path, fuseau_utc: None) -> Ddets:
    from suivi_tui.today import set_today

    set_today(TODAY)
    return Ddets(seeded[0], tmp_path)


def _inverser_les_lignes(ws: Any) -> None:
    valeurs = [[c.value for c in ligne] for ligne in ws.iter_rows(min_row=5, max_row=9)]
    for r, ligne in enumerate(reversed(valeurs), start=5):
        for c, v in enumerate(ligne, start=1):
            ws.cell(r, c).value = v


def test_lignes_dans_un_autre_ordre_statut_tape_a_la_main_echeance_en_texte(ddets: Ddets) -> None:
    rempli = ddets.rempli(
        "a.xlsx",
        {
            0: {
                "Statut proposé": "  en cours ",
                "Avancement / commentaire": "Le PaQte est signé par 12 entreprises.",
                "Prochaine échéance": "T3 2021",
                "Répondu par": "M. Dupont",
            },
            2: {"Statut proposé": "REALISE"},
        },
        modifier=_inverser_les_lignes,
    )
    assert lignes(ddets.db, rempli, ddets.insertion) == [
        EN_TETE.format("a.xlsx"),
        f"{CONTRAT} · 5 lignes lues · 2 engagements à changer · 0 conflit · 0 problème",
        JOURNAL,
        "",
        ddets.titres[2],
        "  [x] Statut : À venir → Réalisé",
        ddets.titres[0],
        "  [x] Statut : À venir → En cours",
        "  [x] Note (info) : Retour de DDETS (M. Dupont) : Le PaQte est signé par 12 entreprises.",
        "  [x] Échéance ajoutée : T3 2021 (au plus tard le 30/09/2021)",
    ]
    resultat = ddets.importer(rempli)
    assert resultat.changement is not None and len(resultat.appliquees) == 4
    assert ddets.statuts() == ["en_cours", "a_venir", "realise", "a_venir", "a_venir"]
    retour_id, export, exporte_le, genre, pour, fichier, sha = sql(
        ddets.db,
        "SELECT id, export_uuid, exporte_le, destinataire_genre, destinataire, fichier, fichier_sha256 FROM retour",
    )[0]
    meta = dict(openpyxl.load_workbook(ddets.fiche)["_suivi"].iter_rows(max_row=9, values_only=True))
    assert (export, exporte_le, genre, pour, fichier) == (
        meta["export"],
        "2021-03-15T09:00:00Z",
        "pilote",
        "DDETS",
        "a.xlsx",
    )
    assert sha == hashlib.sha256(rempli.read_bytes()).hexdigest()
    # Every change says where it came from; the comment is an info note of the comité, in its séance of the day.
    assert sorted(
        sql(ddets.db, "SELECT engagement_id, champ, ancien, nouveau FROM historique WHERE retour_id = :r", r=retour_id)
    ) == sorted(
        [
            (ddets.ids[0], "statut", "a_venir", "en_cours"),
            (ddets.ids[2], "statut", "a_venir", "realise"),
            (ddets.ids[0], "echeance.ajout", None, "T3 2021 — Retour de DDETS"),
        ]
    )
    assert sql(
        ddets.db,
        # No séance open: the comment is in the comité's journal « hors séance », written that day.
        "SELECT n.type, n.texte, n.engagement_id, substr(n.cree_le, 1, 10), n.comite_id FROM note n "
        "WHERE n.retour_id = :r AND n.seance_id IS NULL",
        r=retour_id,
    ) == [
        (
            "info",
            "Retour de DDETS (M. Dupont) : Le PaQte est signé par 12 entreprises.",
            ddets.ids[0],
            "2021-03-15",
            ddets.insertion,
        )
    ]
    assert sql(ddets.db, "SELECT date, precision, libelle FROM echeance WHERE engagement_id = :e", e=ddets.ids[0]) == [
        ("2021-09-30", "trimestre", "Retour de DDETS")
    ]
    ddets.rien_la_seconde_fois(rempli)
    assert lignes(ddets.db, rempli, ddets.insertion)[3:] == [
        "Rien à changer : la base dit déjà tout ce que la fiche dit.",
        "Déjà à jour : 2 engagements (rien à changer).",
    ]


def test_une_colonne_ajoutee_et_une_vraie_date(ddets: Ddets) -> None:
    def ajouter_une_colonne(ws: Any) -> None:
        ws.insert_cols(2)
        ws["B4"] = "Notes internes"
        ws["B6"] = "à relancer en avril"

    rempli = ddets.rempli(
        "b.xlsx",
        {1: {"Prochaine échéance": dt.datetime(2021, 6, 30)}, 3: {"Statut proposé": "fini"}},
        modifier=ajouter_une_colonne,
    )
    assert lignes(ddets.db, rempli, ddets.insertion) == [
        EN_TETE.format("b.xlsx"),
        f"{CONTRAT} · 5 lignes lues · 1 engagement à changer · 0 conflit · 1 problème",
        "",
        ddets.titres[1],
        "  [x] Échéance ajoutée : 30/06/2021",
        "Problèmes (le reste est importable) :",
        "  Fiche, ligne 8, colonne J : statut « fini » inconnu (possibles : À venir, En cours, Réalisé, En pause, "
        "Bloqué, Abandonné) : statut ignoré.",
    ]
    assert ddets.importer(rempli).changement is not None
    assert sql(ddets.db, "SELECT date, precision FROM echeance WHERE engagement_id = :e", e=ddets.ids[1]) == [
        ("2021-06-30", "jour")
    ]
    ddets.rien_la_seconde_fois(rempli)


def test_une_ligne_supprimee_et_des_lignes_en_double(ddets: Ddets) -> None:
    def supprimer_et_doubler(ws: Any) -> None:
        ws.delete_rows(9)  # the fifth engagement
        for source, cible in ((6, 9), (8, 10)):
            for c in range(1, 13):
                ws.cell(cible, c).value = ws.cell(source, c).value
        ws.cell(10, 9).value = "Bloqué"  # the same engagement twice, with two different statuts

    rempli = ddets.rempli(
        "c.xlsx",
        {1: {"Statut proposé": "En pause"}, 3: {"Statut proposé": "En cours"}},
        modifier=supprimer_et_doubler,
    )
    assert lignes(ddets.db, rempli, ddets.insertion) == [
        EN_TETE.format("c.xlsx"),
        f"{CONTRAT} · 6 lignes lues · 1 engagement à changer · 0 conflit · 3 problèmes",
        "",
        ddets.titres[1],
        "  [x] Statut : À venir → En pause",
        "Problèmes (le reste est importable) :",
        "  Fiche, lignes 6 et 9, colonne A : même identifiant, mêmes réponses : comptées une fois.",
        "  Fiche, lignes 8 et 10, colonne A : même identifiant, réponses différentes : engagement ignoré.",
        "  Fiche : 1 engagement de la fiche n'y est plus (ligne supprimée), rien n'est changé pour lui : "
        + ddets.courts[4],
    ]
    ddets.importer(rempli)
    assert ddets.statuts() == ["a_venir", "en_pause", "a_venir", "a_venir", "a_venir"]
    ddets.rien_la_seconde_fois(rempli)


def test_des_cellules_fusionnees_et_une_feuille_renommee(ddets: Ddets) -> None:
    def fusionner_et_renommer(ws: Any) -> None:
        ws.merge_cells("J5:J6")  # one comment over two rows: it is the first row's
        ws.merge_cells("K7:L7")  # the échéance spread over « Répondu par »
        ws.title = "Réponses DDETS"

    rempli = ddets.rempli(
        "d.xlsx",
        {
            0: {"Avancement / commentaire": "Réunion avec les entreprises le 2 avril."},
            2: {"Prochaine échéance": "fin 2022"},
        },
        modifier=fusionner_et_renommer,
    )
    assert lignes(ddets.db, rempli, ddets.insertion) == [
        EN_TETE.format("d.xlsx"),
        f"{CONTRAT} · 5 lignes lues · 2 engagements à changer · 0 conflit · 0 problème",
        JOURNAL,
        "",
        ddets.titres[0],
        "  [x] Note (info) : Retour de DDETS : Réunion avec les entreprises le 2 avril.",
        ddets.titres[2],
        "  [x] Échéance ajoutée : fin 2022 (au plus tard le 31/12/2022)",
    ]
    ddets.importer(rempli)
    assert sql(ddets.db, "SELECT count(*) FROM note WHERE engagement_id = :e", e=ddets.ids[1]) == [(0,)]
    ddets.rien_la_seconde_fois(rempli)


def test_ce_qui_ne_se_lit_pas_est_dit_a_sa_place_et_le_reste_s_importe(ddets: Ddets) -> None:
    inconnu = f"E-{uuid.uuid4()}"

    def abimer(ws: Any) -> None:
        ws["A7"] = inconnu
        ws["A10"] = "E-123"
        ws["J10"] = "une réponse sur une ligne copiée"
        ws["J11"] = "une réponse sans identifiant"

    rempli = ddets.rempli(
        "e.xlsx",
        {
            0: {"Statut proposé": "fini", "Prochaine échéance": "31/02/2021"},
            1: {"Prochaine échéance": "15 mars"},
            2: {"Statut proposé": "Réalisé"},
            3: {"Avancement / commentaire": "Contrôles faits sur 3 chantiers."},
        },
        modifier=abimer,
    )
    assert lignes(ddets.db, rempli, ddets.insertion) == [
        EN_TETE.format("e.xlsx"),
        f"{CONTRAT} · 5 lignes lues · 1 engagement à changer · 0 conflit · 7 problèmes",
        JOURNAL,
        "",
        ddets.titres[3],
        "  [x] Note (info) : Retour de DDETS : Contrôles faits sur 3 chantiers.",
        "Problèmes (le reste est importable) :",
        "  Fiche, ligne 5, colonne I : statut « fini » inconnu (possibles : À venir, En cours, Réalisé, En pause, "
        "Bloqué, Abandonné) : statut ignoré.",
        "  Fiche, ligne 5, colonne K : échéance « 31/02/2021 » refusée : Le jour 31 n'existe pas en février 2021 : "
        "ce mois n'a que 28 jours (par exemple « 28/02/2021 »). Échéance ignorée.",
        "  Fiche, ligne 6, colonne K : échéance « 15 mars » refusée : Il manque l'année dans « 15 mars » (elle n'est "
        "jamais devinée) : écrivez par exemple « 15 mars 2021 ». Échéance ignorée.",
        "  Fiche, ligne 7, colonne A : identifiant inconnu dans cette base : ligne ignorée.",
        "  Fiche, ligne 10, colonne A : « E-123 » n'est pas un identifiant de suivi : ligne ignorée.",
        "  Fiche, ligne 11, colonne A : identifiant absent : la réponse de cette ligne est ignorée.",
        "  Fiche : 1 engagement de la fiche n'y est plus (ligne supprimée), rien n'est changé pour lui : "
        + ddets.courts[2],
    ]
    ddets.importer(rempli)
    assert ddets.statuts() == ["a_venir"] * 5
    assert sql(ddets.db, "SELECT count(*) FROM note WHERE retour_id IS NOT NULL") == [(1,)]
    ddets.rien_la_seconde_fois(rempli)


def test_un_conflit_est_montre_avec_les_deux_valeurs_et_n_est_applique_que_sur_demande(ddets: Ddets) -> None:
    from suivi_tui.services.seances.tenue import fermer_seance, ouvrir_seance

    seance = ouvrir_seance(ddets.db, ddets.insertion, dt.date(2021, 3, 16))
    commandes.changer_statut(ddets.db, ddets.ids[0], "bloque", seance_id=seance.id)  # set in a séance since the export
    commandes.changer_statut(ddets.db, ddets.ids[1], "en_cours")  # the base says what the partner says
    commandes.changer_statut(ddets.db, ddets.ids[2], "en_pause")  # the partner said nothing
    fermer_seance(ddets.db, 1)
    with ddets.db.write() as session:
        session.execute(text("UPDATE historique SET le = '2021-03-16T10:30:00Z' WHERE champ = 'statut'"))
    rempli = ddets.rempli(
        "f.xlsx",
        {0: {"Statut proposé": "Réalisé"}, 1: {"Statut proposé": "En cours"}, 3: {"Statut proposé": "En cours"}},
    )
    conflit = (
        "CONFLIT statut — base : Bloqué (depuis le 16/03/2021 à 10:30, séance Insertion socioprofessionnelle · "
        f"16/03/2021) ; fiche : Réalisé (réponse du {repondu_le(rempli)}) ; à l'export : À venir"
    )
    attendu = [
        EN_TETE.format("f.xlsx"),
        f"{CONTRAT} · 5 lignes lues · 2 engagements à changer · 1 conflit · 0 problème",
        "",
        ddets.titres[0],
        f"  [ ] {conflit}",
        ddets.titres[3],
        "  [x] Statut : À venir → En cours",
        "Déjà à jour : 1 engagement (rien à changer).",
    ]
    assert lignes(ddets.db, rempli, ddets.insertion) == attendu
    ddets.importer(rempli)
    assert ddets.statuts() == ["bloque", "en_cours", "en_pause", "en_cours", "a_venir"]
    # Dropped, not forgotten: the next import shows it again, and applies it when asked.
    assert lignes(ddets.db, rempli, ddets.insertion)[3:5] == [ddets.titres[0], f"  [ ] {conflit}"]
    assert lignes(ddets.db, rempli, ddets.insertion, accepter=True)[4] == f"  [x] {conflit}"
    ddets.importer(rempli, accepter=True)
    assert ddets.statuts() == ["realise", "en_cours", "en_pause", "en_cours", "a_venir"]
    ddets.rien_la_seconde_fois(rempli)


def test_sans_sa_feuille_cachee_la_fiche_se_lit_par_ses_proprietes_et_sa_colonne_statut_actuel(ddets: Ddets) -> None:
    def supprimer_la_feuille_cachee(ws: Any) -> None:
        del ws.parent["_suivi"]

    rempli = ddets.rempli("g.xlsx", {4: {"Statut proposé": "Abandonné"}}, modifier=supprimer_la_feuille_cachee)
    assert lignes(ddets.db, rempli, ddets.insertion)[3:] == [ddets.titres[4], "  [x] Statut : À venir → Abandonné"]
    ddets.importer(rempli)
    assert ddets.statuts()[4] == "abandonne"
    ddets.rien_la_seconde_fois(rempli)


def test_une_fiche_d_une_autre_base_est_refusee_entiere(ddets: Ddets, tmp_path: Path) -> None:
    from tests.conftest import seed_bundled

    from suivi_tui.db.opening import open_database

    autre = open_database(tmp_path / "autre.db")
    seed_bundled(autre)
    fiche = exporter_fiche(autre, tmp_path / "autre.xlsx", "État")
    autre.close()
    with pytest.raises(FicheRefusee, match=r"autre.xlsx vient d'une autre base \(base [0-9a-f]{8}…, celle-ci est"):
        apercu(ddets.db, fiche)


def test_une_fiche_d_un_contrat_qui_n_est_plus_la_est_refusee(ddets: Ddets) -> None:
    def changer_de_contrat(ws: Any) -> None:
        meta = ws.parent["_suivi"]
        meta["B4"] = str(uuid.uuid4())

    rempli = ddets.rempli("h.xlsx", {0: {"Statut proposé": "En cours"}}, modifier=changer_de_contrat)
    with pytest.raises(
        FicheRefusee, match="porte sur le contrat « Contrat de ville d'Antony 2020-2022 », qui n'est plus"
    ):
        apercu(ddets.db, rempli)


def test_en_seance_les_commentaires_vont_a_la_seance_ouverte_et_les_changements_sont_estampilles(ddets: Ddets) -> None:
    from suivi_tui.services.seances.tenue import ouvrir_seance

    seance = ouvrir_seance(ddets.db, ddets.insertion, TODAY, lieu="Mairie")
    rempli = ddets.rempli("i.xlsx", {0: {"Statut proposé": "En cours", "Avancement / commentaire": "Lancé."}})
    assert lignes(ddets.db, rempli)[2:4] == [
        "Commentaires au journal du comité « Insertion socioprofessionnelle », séance ouverte du 15/03/2021.",
        "Séance ouverte : Insertion socioprofessionnelle · 15/03/2021 (changements estampillés)",
    ]
    ddets.importer(rempli, comite=False)  # the open séance's comité receives the comments
    assert sql(ddets.db, "SELECT seance_id FROM note WHERE retour_id IS NOT NULL") == [(seance.id,)]
    assert sql(ddets.db, "SELECT seance_id FROM historique WHERE retour_id IS NOT NULL") == [(seance.id,)]


def test_sans_comite_les_commentaires_ne_sont_pas_ecrits(ddets: Ddets) -> None:
    from suivi_tui.services.retour.application import RetourImpossible

    rempli = ddets.rempli("j.xlsx", {0: {"Avancement / commentaire": "Lancé."}})
    assert "Commentaires : aucun comité choisi pour les recevoir." in lignes(ddets.db, rempli)
    avant = ddets.comptes()
    with pytest.raises(RetourImpossible, match="choisissez le comité"):
        ddets.importer(rempli, comite=False)
    assert ddets.comptes() == avant


# --- undo --------------------------------------------------------------------------------------------


def test_annuler_defait_tout_l_import_d_un_coup(ddets: Ddets) -> None:
    from suivi_tui.services.annulation import annuler

    avant, statuts = ddets.comptes(), ddets.statuts()
    modifie_le = sql(ddets.db, "SELECT modifie_le FROM engagement WHERE id = :e", e=ddets.ids[0])
    rempli = ddets.rempli(
        "k.xlsx",
        {
            0: {"Statut proposé": "En cours", "Avancement / commentaire": "Lancé.", "Prochaine échéance": "S2 2021"},
            1: {"Statut proposé": "Bloqué"},
        },
    )
    changement = ddets.importer(rempli).changement
    assert ddets.comptes() != avant
    assert annuler(ddets.db, changement).startswith("Annulé : Retour de DDETS (fiche du 15/03/2021) importé : ")
    assert ddets.comptes() == avant and ddets.statuts() == statuts  # the séance of the day it created went too
    assert sql(ddets.db, "SELECT modifie_le FROM engagement WHERE id = :e", e=ddets.ids[0]) == modifie_le
    assert len(apercu(ddets.db, rempli, ddets.insertion).propositions) == 4  # importable again, all of it


def test_annuler_refuse_quand_un_statut_importe_a_change_depuis(ddets: Ddets) -> None:
    from suivi_tui.services.annulation import annuler

    rempli = ddets.rempli("l.xlsx", {0: {"Statut proposé": "En cours"}, 1: {"Statut proposé": "Bloqué"}})
    changement = ddets.importer(rempli).changement
    commandes.changer_statut(ddets.db, ddets.ids[1], "realise")
    avant = ddets.comptes()
    with pytest.raises(commandes.SaisieInvalide, match="Un statut importé a changé depuis"):
        annuler(ddets.db, changement)
    assert ddets.comptes() == avant and ddets.statuts()[:2] == ["en_cours", "realise"]


def test_un_statut_change_entre_l_apercu_et_l_ecriture_n_est_pas_ecrase(ddets: Ddets) -> None:
    rempli = ddets.rempli("m.xlsx", {0: {"Statut proposé": "En cours"}, 1: {"Statut proposé": "Bloqué"}})
    a = apercu(ddets.db, rempli, ddets.insertion)
    commandes.changer_statut(ddets.db, ddets.ids[1], "realise")  # another window, meanwhile
    resultat = appliquer(ddets.db, a, a.par_defaut(), TODAY)
    assert [p.engagement_id for p in resultat.appliquees] == [ddets.ids[0]]
    assert [raison for _, raison in resultat.ignorees] == ["le statut a changé entre-temps (« Réalisé »)"]
    assert ddets.statuts()[:2] == ["en_cours", "realise"]
