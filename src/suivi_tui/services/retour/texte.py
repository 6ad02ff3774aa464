"""The preview of an import in words: the same lines on the command line and in the app's preview screen."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection

from suivi_tui.dates import format_date, format_echeance
from suivi_tui.services.fiche import retour_de
from suivi_tui.services.retour.comparaison import Apercu, Conflit, Proposition
from suivi_tui.services.vocabulaire import libelle_statut
from suivi_tui.texte import court, pluriel

GARDE, ECARTE = "[x]", "[ ]"


def instant(quand: dt.datetime) -> str:
    """« 15/03/2021 à 10:02 », in the laptop's time."""
    local = quand.astimezone()
    return f"{format_date(local.date())} à {local:%H:%M}"


def exporte_le(apercu: Apercu) -> dt.datetime:
    return dt.datetime.strptime(apercu.fiche.meta.exporte_le, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=dt.UTC)


def entete(apercu: Apercu) -> list[str]:
    """Which fiche, for whom, what it holds; where the notes go; the séance that stamps the changes."""
    f = apercu.fiche
    lignes = [
        f"Retour de la fiche pour {f.meta.pour_genre} « {f.meta.pour} », exportée le {instant(exporte_le(apercu))}"
        f" — {f.fichier}",
        " · ".join(
            [
                apercu.contrat_titre,
                pluriel(f.lignes_lues, "ligne lue", "lignes lues"),
                f"{pluriel(len(apercu.engagements), 'engagement')} à changer",
                pluriel(len(apercu.conflits), "conflit"),
                pluriel(len(apercu.problemes), "problème"),
            ]
        ),
    ]
    if any(p.genre == "note" for p in apercu.propositions):
        lignes.append(destination_des_notes(apercu))
    if apercu.seance is not None:
        lignes.append(
            f"Séance ouverte : {apercu.seance.comite} · {format_date(apercu.seance.date)} (changements estampillés)"
        )
    return lignes


def destination_des_notes(apercu: Apercu) -> str:
    if apercu.comite is None:
        return "Commentaires : aucun comité choisi pour les recevoir."
    seance = apercu.seance
    if seance is not None and seance.comite_id == apercu.comite_id:
        return f"Commentaires au journal du comité « {apercu.comite} », séance ouverte du {format_date(seance.date)}."
    return f"Commentaires au journal du comité « {apercu.comite} », hors séance."


def ligne(p: Proposition, note_max: int = 110) -> str:
    """One change in words (without its kept/dropped mark); a comment cut to note_max characters."""
    if p.genre == "statut":
        if p.conflit is not None:
            return conflit(p, p.conflit)
        return f"Statut : {libelle_statut(p.avant or '')} → {libelle_statut(p.apres)}"
    if p.genre == "note":
        return f"Note (info) : {court(p.apres, note_max)}"
    jour = dt.date.fromisoformat(p.apres)
    quand = format_echeance(jour, p.precision or "jour")
    detail = "" if (p.precision or "jour") == "jour" else f" (au plus tard le {format_date(jour)})"
    return f"Échéance ajoutée : {quand}{detail}"


def conflit(p: Proposition, c: Conflit) -> str:
    base_le = f" le {instant(c.base_le)}" if c.base_le is not None else ""
    seance = f", séance {c.base_seance}" if c.base_seance else ""
    return (
        f"CONFLIT statut — base : {libelle_statut(p.avant or '')} (depuis{base_le}{seance}) ; "
        f"fiche : {libelle_statut(p.apres)} (réponse du {instant(c.fiche_le)}) ; "
        f"à l'export : {libelle_statut(c.a_l_export)}"
    )


def lignes_apercu(apercu: Apercu, gardees: Collection[int]) -> list[str]:
    """The whole preview: header, each engagement and its changes (kept [x] or dropped [ ]), problems."""
    lignes = [*entete(apercu), ""]
    for e in apercu.engagements:
        lignes.append(f"{e.reference} — {court(e.libelle, 70)}")
        lignes += [f"  {GARDE if p.numero in gardees else ECARTE} {ligne(p)}" for p in e.propositions]
    if not apercu.engagements:
        lignes.append("Rien à changer : la base dit déjà tout ce que la fiche dit.")
    if apercu.a_jour:
        lignes.append(f"Déjà à jour : {pluriel(apercu.a_jour, 'engagement')} (rien à changer).")
    if apercu.problemes:
        lignes.append("Problèmes (le reste est importable) :")
        lignes += [f"  {probleme}" for probleme in apercu.problemes]
    return lignes


def resume(apercu: Apercu, gardees: Collection[int]) -> str:
    """« 3 changements retenus sur 4 : 2 statuts, 1 note ; 1 conflit écarté. »"""
    retenues = [p for p in apercu.propositions if p.numero in gardees]
    genres = [
        pluriel(sum(p.genre == g for p in retenues), nom)
        for g, nom in (("statut", "statut"), ("note", "note"), ("echeance", "échéance"))
        if any(p.genre == g for p in retenues)
    ]
    texte = f"{pluriel(len(retenues), 'changement retenu', 'changements retenus')} sur {len(apercu.propositions)}"
    if genres:
        texte += " : " + ", ".join(genres)
    ecartes = [p for p in apercu.conflits if p.numero not in gardees]
    if ecartes:
        texte += f" ; {pluriel(len(ecartes), 'conflit écarté', 'conflits écartés')}"
    return texte + "."


def source(apercu: Apercu) -> str:
    """« retour d'État (…), fiche du 15/03/2021 à 10:00, fiche-etat.xlsx »: what the historique says of an import."""
    f = apercu.fiche
    quoi = retour_de(f.meta.pour)
    return f"{quoi[0].lower()}{quoi[1:]}, fiche du {instant(exporte_le(apercu))}, {f.fichier}"
