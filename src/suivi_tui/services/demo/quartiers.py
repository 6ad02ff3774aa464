"""One generated contrat « Engagements Quartiers 2030 » as plain rows: enjeux → orientations → objectifs,
10 to 30 signataires, fiches actions with indicators and their mesures, the follow-up since 2024 and the
yearly programmation (suivi demo --forme 2030)."""

from __future__ import annotations

import datetime as dt
import hashlib
import random
from dataclasses import dataclass

from suivi_tui.services.demo import textes as t
from suivi_tui.services.demo import textes_2030 as q
from suivi_tui.services.demo.contrat import (
    TABLES,
    Lignes,
    Periode,
    _Contexte,
    _Engagement,
    _equipe,
    _notes,
    _poser_engagement,
    _suivre,
    comite,
)
from suivi_tui.services.demo.textes import Ville

QUARTIERS_2030 = Periode(
    dt.date(2024, 1, 1),
    dt.date(2030, 12, 31),
    dt.date(2025, 12, 31),
    dt.date(2025, 6, 30),
    (dt.date(2024, 3, 1), dt.date(2027, 12, 31)),
    dt.date(2025, 9, 1),
)
TABLES_2030 = (*TABLES, "indicateur", "mesure", "programmation", "programmation_objectif", "financement")
# Column order of the rows below (the id first), where they differ from a protocole's (generateur.INSERTS).
INSERTS_2030 = {
    "axe": "axe (id, contrat_id, numero, ordre, titre, parent_id, niveau)",
    "engagement": "engagement (id, axe_id, partie_id, ordre, libelle, statut, pilote, a_discuter, cree_le, modifie_le, "
    "partenaires, calendrier)",
    "indicateur": "indicateur (id, engagement_id, axe_id, ordre, libelle, unite, reference, reference_annee, cible, "
    "cible_annee, source)",
    "mesure": "mesure (id, indicateur_id, date, valeur, commentaire, seance_id, saisie_le)",
    "programmation": "programmation (id, contrat_id, annee, porteur, intitule, dauphin, cpo, cree_le)",
    "programmation_objectif": "programmation_objectif (programmation_id, axe_id)",
    "financement": "financement (id, programmation_id, financeur, demande_centimes, accorde_centimes)",
}
SOURCES = ("CAF", "France Travail", "INSEE", "observatoire de la ville", "bailleur", "Éducation nationale", "")
ANNEES_PROGRAMMEES = (2024, 2025)


@dataclass
class _Objectif:
    id: int
    numero: str
    enjeu: int  # the rank of its enjeu (1, 2…): what comités and séances are about
    orientation: q.Orientation


def generer_contrat_2030(rng: random.Random, lignes: Lignes, ville: Ville, titre: str, source: str) -> None:
    """Append one contrat « Quartiers 2030 » (tree, signataires, follow-up, indicators, programmation) to lignes."""
    bailleurs = rng.sample(t.BAILLEURS, 4)
    ctx = _Contexte(rng, lignes, ville, bailleurs[0], {}, periode=QUARTIERS_2030)
    importe = ctx.instant(ctx.jour(dt.date(2024, 3, 4), dt.date(2024, 4, 30)))
    sha = hashlib.sha256(f"{source}|{titre}".encode()).hexdigest()
    periode = ctx.periode
    contrat_id = lignes.ajouter(
        "contrat", titre, ville.nom, periode.debut.isoformat(), periode.fin.isoformat(), source, sha, importe
    )
    parties = _signataires(ctx, contrat_id, [b[0] for b in bailleurs])
    enjeux = rng.sample(range(len(q.ENJEUX)), rng.randint(3, 5))
    objectifs = _arbre(ctx, contrat_id, [q.ENJEUX[i] for i in sorted(enjeux)])
    engagements = _engagements(ctx, objectifs, parties, importe)
    comite(ctx, contrat_id, "Comité de pilotage", "Élus, préfet, signataires : la revue annuelle du contrat", ())
    for rang, i in enumerate(sorted(enjeux), start=1):
        if rng.random() < 0.8:
            nom, description = q.ENJEUX[i].comite
            comite(ctx, contrat_id, nom, description, (rang,))
    ctx.seances[:] = [(s, c, j, axes or tuple(range(1, len(enjeux) + 1))) for s, c, j, axes in ctx.seances]
    for e in engagements:
        _suivre(ctx, e)
    for e in engagements:
        _poser_engagement(lignes, e, *_fiche(ctx, e, parties))
    _notes(ctx, engagements)
    _indicateurs(ctx, objectifs, engagements)
    _programmation(ctx, contrat_id, objectifs, [q.ENJEUX[i] for i in sorted(enjeux)])


def _signataires(ctx: _Contexte, contrat_id: int, bailleurs: list[str]) -> dict[str, int]:
    """10 to 30 parties, by nom_court: the usual ones, then others drawn."""
    rng, ville = ctx.rng, ctx.ville
    autres = rng.sample(q.SIGNATAIRES_POSSIBLES, rng.randint(1, len(q.SIGNATAIRES_POSSIBLES)))
    champs = {
        "de_ville": ville.de_ville,
        "du_departement": ville.du_departement,
        "nom": f"{ville.nom}-Agglo",
        "bailleur": bailleurs[0],
        "bailleur2": bailleurs[1],
        "bailleur3": bailleurs[2],
        "bailleur4": bailleurs[3],
    }
    ids: dict[str, int] = {}
    for ordre, (court, nom) in enumerate((*q.SIGNATAIRES_TOUJOURS, *autres), start=1):
        complet = nom.format(**champs)
        court = complet if court.startswith("Bailleur") else court  # a bailleur is named (its nom_court too)
        ids[court] = ctx.lignes.ajouter("partie", contrat_id, complet[0].upper() + complet[1:], court, ordre)
        # Who pilots: its services when they are known, else people of the partie itself (« Nadia Benali (ARS) »).
        services = q.SERVICES["Bailleur"] if complet in bailleurs else q.SERVICES.get(court, (court,))
        ctx.equipes[court] = list(dict.fromkeys(_equipe(rng, court, {court: services})))  # each person once
    ids["Bailleur"] = ids[bailleurs[0]]
    ctx.equipes["Bailleur"] = ctx.equipes[bailleurs[0]]
    return ids


def _arbre(ctx: _Contexte, contrat_id: int, enjeux: list[q.Enjeu]) -> list[_Objectif]:
    """Enjeux, their orientations and objectives, in document order; returns the objectives (where commitments hang)."""
    rng, lignes = ctx.rng, ctx.lignes
    objectifs: list[_Objectif] = []
    ordre = 0
    for i, enjeu in enumerate(enjeux, start=1):
        ordre += 1
        enjeu_id = lignes.ajouter("axe", contrat_id, str(i), ordre, enjeu.titre, None, "Enjeu")
        orientations = enjeu.orientations[: rng.randint(2, len(enjeu.orientations))]
        for j, orientation in enumerate(orientations, start=1):
            ordre += 1
            numero = f"{i}.{j}"
            orientation_id = lignes.ajouter(
                "axe", contrat_id, numero, ordre, orientation.titre, enjeu_id, "Orientation"
            )
            for k, titre in enumerate(orientation.objectifs[: rng.randint(2, len(orientation.objectifs))], start=1):
                ordre += 1
                n = f"{numero}.{k}"
                axe_id = lignes.ajouter("axe", contrat_id, n, ordre, titre, orientation_id, "Objectif opérationnel")
                objectifs.append(_Objectif(axe_id, n, i, orientation))
    return objectifs


def _engagements(
    ctx: _Contexte, objectifs: list[_Objectif], parties: dict[str, int], importe: str
) -> list[_Engagement]:
    """Two to five commitments under each objective; then every signataire that has none commits somewhere."""
    rng, ville = ctx.rng, ctx.ville
    par_objectif: dict[int, list[tuple[str, str]]] = {}
    for o in objectifs:
        choisis = rng.sample(o.orientation.engagements, min(rng.randint(2, 5), len(o.orientation.engagements)))
        par_objectif[o.id] = [(court if court in parties else "Ville", texte) for court, texte in choisis]
    engages = {court for textes in par_objectif.values() for court, _ in textes}
    for court in parties:
        if court not in engages and court != "Bailleur":
            texte = q.GENERIQUES.get(
                court, "Mobiliser ses dispositifs au bénéfice des habitants du quartier {quartier}"
            )
            par_objectif[rng.choice(objectifs).id].append((court, texte))
    engagements = []
    for o in objectifs:
        for ordre, (court, texte) in enumerate(par_objectif[o.id], start=1):
            libelle = texte.format(quartier=rng.choice(ville.quartiers), de_ville=ville.de_ville)
            e = _Engagement(
                ctx.lignes.reserver("engagement"), o.id, parties[court], ordre, libelle, o.enjeu, court, importe
            )
            engagements.append(e)
    return engagements


def _fiche(ctx: _Contexte, e: _Engagement, parties: dict[str, int]) -> tuple[str | None, str | None]:
    """About a quarter of the commitments are fiches actions: their partners and calendar."""
    rng = ctx.rng
    if rng.random() >= 0.25:
        return None, None
    autres = [c for c in parties if c not in (e.partie, "Bailleur")]
    partenaires = ", ".join(rng.sample(autres, min(len(autres), rng.randint(1, 3))))
    debut = rng.choice((2024, 2025))
    calendrier = rng.choice(
        (f"{debut}-{debut + rng.randint(1, 3)}", f"T{rng.randint(1, 4)} {debut}", f"rentrée {debut}")
    )
    return partenaires, calendrier


def _indicateurs(ctx: _Contexte, objectifs: list[_Objectif], engagements: list[_Engagement]) -> None:
    """An objective's indicators (its orientation's), a few fiches' own; their yearly mesures toward the target."""
    rng = ctx.rng
    for o in objectifs:
        for ordre, (libelle, unite, reference, cible) in enumerate(o.orientation.indicateurs, start=1):
            if rng.random() < 0.6:
                _indicateur(ctx, None, o.id, ordre, libelle, unite, reference, cible)
    for e in engagements:
        if rng.random() < 0.12:
            cible = float(rng.choice((40, 60, 120, 200, 300)))
            _indicateur(ctx, e.id, None, 1, "Personnes accompagnées par l'action", "personnes", 0.0, cible)


def _indicateur(
    ctx: _Contexte,
    engagement_id: int | None,
    axe_id: int | None,
    ordre: int,
    libelle: str,
    unite: str,
    reference: float,
    cible: float,
) -> None:
    rng = ctx.rng
    ident = ctx.lignes.ajouter(
        "indicateur",
        engagement_id,
        axe_id,
        ordre,
        libelle,
        unite,
        reference,
        2023,
        cible,
        rng.choice((2026, 2027, 2028, 2030)),
        rng.choice(SOURCES),
    )
    valeur = reference
    for jour in (dt.date(2024, 12, 31), dt.date(2025, 6, 30), dt.date(2025, 12, 31)):
        if rng.random() < 0.2:
            continue  # not measured that time
        valeur += (cible - reference) * rng.uniform(-0.05, 0.3)
        arrondi = round(valeur, 1) if unite == "%" else float(round(valeur))
        ctx.lignes.ajouter(
            "mesure", ident, jour.isoformat(), arrondi, "", None, ctx.instant(jour + dt.timedelta(days=20))
        )


def _programmation(ctx: _Contexte, contrat_id: int, objectifs: list[_Objectif], enjeux: list[q.Enjeu]) -> None:
    """Each year's call for projects: 15 to 45 actions, each serving one or two objectives, one to three financeurs."""
    rng, ville = ctx.rng, ctx.ville
    par_enjeu: dict[int, list[_Objectif]] = {}
    for o in objectifs:
        par_enjeu.setdefault(o.enjeu, []).append(o)
    for annee in ANNEES_PROGRAMMEES:
        vus: set[tuple[str, str]] = set()
        for _ in range(rng.randint(15, 45)):
            rang = rng.randint(1, len(enjeux))
            porteur = rng.choice(q.PORTEURS).format(quartier=rng.choice(ville.quartiers), de_ville=ville.de_ville)
            intitule = rng.choice(enjeux[rang - 1].actions)
            if (porteur, intitule) in vus:
                continue
            vus.add((porteur, intitule))
            cpo = f"CPO 2024-2026 n° {rng.randint(1, 40)}" if rng.random() < 0.2 else ""
            cree_le = ctx.instant(dt.date(annee, rng.randint(2, 5), rng.randint(1, 28)))
            dauphin = f"00{rng.randint(100000, 999999)}"
            ident = ctx.lignes.ajouter("programmation", contrat_id, annee, porteur, intitule, dauphin, cpo, cree_le)
            servis = rng.sample(par_enjeu[rang], min(len(par_enjeu[rang]), rng.choice((1, 1, 1, 2))))
            for o in servis:
                ctx.lignes.lier("programmation_objectif", ident, o.id)
            financeurs = [(nom, part) for nom, proba, part in q.FINANCEURS if rng.random() < proba]
            financeurs = financeurs or [(q.FINANCEURS[0][0], q.FINANCEURS[0][2])]  # the State's credits at least
            for nom, part in financeurs:
                demande = rng.randint(10, 400) * 10000  # 1 000 € to 40 000 €, in centimes
                accorde = round(demande * rng.uniform(0.4, part) / 10000) * 10000 if rng.random() < 0.9 else 0
                ctx.lignes.ajouter("financement", ident, nom, demande, accorde)
