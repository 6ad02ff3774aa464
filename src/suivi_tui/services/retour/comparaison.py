"""The three-way comparison of a returned fiche: at export / in the partner's file / in the base now.

For each answered engagement it proposes what would change (statut, a note for the comité's
journal, an échéance), each a Proposition the user keeps or drops. A statut the base changed since
the export AND the partner changed too is a conflict: shown with both values and when each was
set, dropped unless chosen. What is already in the base proposes nothing: importing the same
answer twice changes nothing the second time.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from suivi_tui.db.database import Lecture, lit
from suivi_tui.erreurs import ErreurSuivi
from suivi_tui.services.fiche import retour_de
from suivi_tui.services.retour.lecture import FicheLue, Position, Probleme, Reponse
from suivi_tui.services.seances.journal import SeanceInfo
from suivi_tui.services.seances.registre import seance_ouverte
from suivi_tui.texte import court, pluriel


class FicheRefusee(ErreurSuivi, ValueError):
    """The fiche does not belong to this base or contrat: nothing of it can be imported."""


@dataclass(frozen=True)
class Conflit:
    a_l_export: str  # the statut code when the fiche was exported
    base_le: dt.datetime | None  # when the base's statut was set (historique), aware UTC
    base_seance: str | None  # « Insertion socioprofessionnelle · 16/03/2021 » when set in a séance
    fiche_le: dt.datetime  # when the partner answered (the file's save), else the fiche's export


@dataclass(frozen=True)
class Proposition:
    """One change a row of the file asks for; `numero` is how the preview keeps or drops it."""

    numero: int
    engagement_id: int
    genre: str  # statut | note | echeance
    avant: str | None  # the base's statut when compared (the apply checks it has not moved)
    apres: str  # a statut code, a note's text, an ISO date
    ou: Position
    precision: str | None = None  # of an échéance
    conflit: Conflit | None = None


@dataclass(frozen=True)
class EngagementRetour:
    engagement_id: int
    reference: str  # « Axe I · Ville »
    libelle: str
    propositions: tuple[Proposition, ...]


@dataclass(frozen=True)
class Apercu:
    """What importing the fiche would do, before anything is written."""

    fiche: FicheLue
    contrat_id: int
    contrat_titre: str
    comite_id: int | None  # the comité whose journal receives the comments
    comite: str | None
    seance: SeanceInfo | None  # the séance open in the contrat: changes are stamped with it
    engagements: tuple[EngagementRetour, ...]
    a_jour: int  # answered engagements whose answer is already in the base
    problemes: tuple[Probleme, ...]
    propositions: tuple[Proposition, ...] = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "propositions", tuple(p for e in self.engagements for p in e.propositions))

    @property
    def conflits(self) -> tuple[Proposition, ...]:
        return tuple(p for p in self.propositions if p.conflit is not None)

    def par_defaut(self, *, accepter_conflits: bool = False) -> frozenset[int]:
        """The propositions kept unless the user says otherwise: all but the conflicts."""
        return frozenset(p.numero for p in self.propositions if accepter_conflits or p.conflit is None)


@dataclass(frozen=True)
class _Etat:
    """The base now, for the answered engagements."""

    id: int
    statut: str
    libelle: str
    reference: str
    contrat_id: int
    statut_le: dt.datetime | None
    statut_seance: str | None
    notes: frozenset[str]
    echeances: frozenset[tuple[str, str]]  # (ISO date, precision)


def texte_de_note(fiche: FicheLue, reponse: Reponse) -> str:
    """« Retour de DDETS (Mme Martin) : le marché est attribué. »: the comment as the journal keeps it."""
    assert reponse.commentaire is not None
    qui = f" ({reponse.repondu_par})" if reponse.repondu_par else ""
    return f"{retour_de(fiche.meta.pour)}{qui} : {reponse.commentaire[0]}"


@lit
def comparer(lecture: Lecture, fiche: FicheLue, *, comite_id: int | None = None) -> Apercu:
    """The preview of importing fiche into db; FicheRefusee when it comes from another base or contrat."""
    contrat_id, contrat_titre = _contrat(lecture, fiche)
    comite = _comite(lecture, contrat_id, comite_id)
    etats = _etats(lecture, {r.uuid for r in fiche.reponses} | set(fiche.a_l_export))
    seance = seance_ouverte(lecture, contrat_id)
    if comite is None and seance is not None:
        comite = (seance.comite_id, seance.comite)
    problemes = list(fiche.problemes)
    engagements: list[EngagementRetour] = []
    a_jour = 0
    for reponse in fiche.reponses:
        etat = _etat_de(reponse, etats, fiche, contrat_id, problemes)
        if etat is None:
            continue
        avant = len(problemes)
        propositions = _propositions(fiche, reponse, etat, len(_toutes(engagements)), problemes)
        if propositions:
            engagements.append(EngagementRetour(etat.id, etat.reference, etat.libelle, tuple(propositions)))
        elif not reponse.vide and len(problemes) == avant:
            a_jour += 1
    problemes += _lignes_supprimees(fiche, etats)
    return Apercu(
        fiche,
        contrat_id,
        contrat_titre,
        comite[0] if comite else None,
        comite[1] if comite else None,
        seance,
        tuple(engagements),
        a_jour,
        tuple(sorted(problemes, key=_ordre)),
    )


def _toutes(engagements: Iterable[EngagementRetour]) -> list[Proposition]:
    return [p for e in engagements for p in e.propositions]


def _contrat(lecture: Lecture, fiche: FicheLue) -> tuple[int, str]:
    base = lecture.execute("SELECT uuid FROM base").scalar()
    if base != fiche.meta.base:
        raise FicheRefusee(
            f"{fiche.fichier} vient d'une autre base (base {fiche.meta.base[:8]}…, celle-ci est {str(base)[:8]}…) : "
            "rien n'a été importé. Importez-la dans la base d'où la fiche a été exportée."
        )
    row = lecture.execute("SELECT id, titre FROM contrat WHERE uuid = :u", {"u": fiche.meta.contrat}).first()
    if row is None:
        raise FicheRefusee(
            f"{fiche.fichier} porte sur le contrat « {court(fiche.meta.contrat_titre, 80)} », qui n'est plus dans "
            "cette base : rien n'a été importé."
        )
    return int(row[0]), str(row[1])


def _comite(lecture: Lecture, contrat_id: int, comite_id: int | None) -> tuple[int, str] | None:
    if comite_id is None:
        return None
    row = lecture.execute(
        "SELECT id, nom FROM comite WHERE id = :i AND contrat_id = :c", {"i": comite_id, "c": contrat_id}
    ).first()
    if row is None:
        raise FicheRefusee(f"Le comité n°{comite_id} n'est pas un comité du contrat de la fiche.")
    return int(row[0]), str(row[1])


_ENGAGEMENTS = """
    SELECT e.id, e.uuid, e.statut, e.libelle, 'Axe ' || a.numero || ' · ' || p.nom_court, a.contrat_id
    FROM engagement e JOIN axe a ON a.id = e.axe_id JOIN partie p ON p.id = e.partie_id
    WHERE e.uuid IN :uuids"""
_STATUTS = """
    SELECT h.engagement_id, h.le, co.nom, s.date FROM historique h
    LEFT JOIN seance s ON s.id = h.seance_id LEFT JOIN comite co ON co.id = s.comite_id
    WHERE h.champ = 'statut' AND h.engagement_id IN :ids ORDER BY h.le, h.id"""
_NOTES = "SELECT engagement_id, texte FROM note WHERE engagement_id IN :ids"
_ECHEANCES = "SELECT engagement_id, date, precision FROM echeance WHERE engagement_id IN :ids"


def _etats(lecture: Lecture, uuids: set[str]) -> dict[str, _Etat]:
    lignes = lecture.execute(_ENGAGEMENTS, {"uuids": sorted(uuids)}).all() if uuids else []
    ids = [r[0] for r in lignes]
    if not ids:
        return {}
    statuts = {r[0]: (r[1], r[2], r[3]) for r in lecture.execute(_STATUTS, {"ids": ids})}  # the last one wins
    notes: dict[int, set[str]] = {}
    for eid, texte_note in lecture.execute(_NOTES, {"ids": ids}):
        notes.setdefault(eid, set()).add(texte_note)
    echeances: dict[int, set[tuple[str, str]]] = {}
    for eid, date, precision in lecture.execute(_ECHEANCES, {"ids": ids}):
        echeances.setdefault(eid, set()).add((date, precision))
    etats = {}
    for eid, uuid, statut, libelle, reference, contrat_id in lignes:
        le, comite, date = statuts.get(eid, (None, None, None))
        etats[uuid] = _Etat(
            eid,
            statut,
            libelle,
            reference,
            contrat_id,
            dt.datetime.strptime(le, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=dt.UTC) if le else None,
            f"{comite} · {dt.date.fromisoformat(date):%d/%m/%Y}" if comite else None,
            frozenset(notes.get(eid, ())),
            frozenset(echeances.get(eid, ())),
        )
    return etats


def _etat_de(
    reponse: Reponse, etats: dict[str, _Etat], fiche: FicheLue, contrat_id: int, problemes: list[Probleme]
) -> _Etat | None:
    """The engagement an answer is about, or None (and why) when it cannot be imported."""
    etat = etats.get(reponse.uuid)
    if etat is None or etat.contrat_id != contrat_id:
        quoi = "inconnu dans cette base" if etat is None else "d'un engagement d'un autre contrat"
        problemes.append(Probleme(reponse.ou, f"identifiant {quoi} : ligne ignorée."))
        return None
    if fiche.exportes is not None and reponse.uuid not in fiche.exportes:
        problemes.append(
            Probleme(reponse.ou, "cet engagement n'était pas dans cette fiche (ligne copiée d'ailleurs ?) : ignoré.")
        )
        return None
    return etat


def _propositions(
    fiche: FicheLue, reponse: Reponse, etat: _Etat, premier: int, problemes: list[Probleme]
) -> list[Proposition]:
    propositions: list[Proposition] = []
    statut = _statut(fiche, reponse, etat, problemes)
    if statut is not None:
        propositions.append(statut)
    if reponse.commentaire is not None:
        note = texte_de_note(fiche, reponse)
        if note not in etat.notes:
            propositions.append(Proposition(0, etat.id, "note", None, note, reponse.commentaire[1]))
    if reponse.echeance is not None:
        x = reponse.echeance
        if (x.date.isoformat(), x.precision) not in etat.echeances:
            propositions.append(Proposition(0, etat.id, "echeance", None, x.date.isoformat(), x.ou, x.precision))
    return [replace(p, numero=premier + i) for i, p in enumerate(propositions)]


def _statut(fiche: FicheLue, reponse: Reponse, etat: _Etat, problemes: list[Probleme]) -> Proposition | None:
    """The three-way rule: the partner's statut unless unchanged or already there; a conflict if the base moved too."""
    if reponse.statut is None:
        return None
    propose, ou = reponse.statut
    exporte = fiche.a_l_export.get(reponse.uuid)
    if exporte is None:
        problemes.append(
            Probleme(ou, "statut à l'export inconnu (colonne « Statut actuel » vide ou absente) : statut ignoré.")
        )
        return None
    if propose in (exporte, etat.statut):  # the partner kept it, or the base already says it
        return None
    conflit = None
    if etat.statut != exporte:  # both sides moved since the export
        exporte_le = dt.datetime.strptime(fiche.meta.exporte_le, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=dt.UTC)
        conflit = Conflit(exporte, etat.statut_le, etat.statut_seance, fiche.repondue_le or exporte_le)
    return Proposition(0, etat.id, "statut", etat.statut, propose, ou, conflit=conflit)


def _lignes_supprimees(fiche: FicheLue, etats: dict[str, _Etat]) -> list[Probleme]:
    absents = [etats[u] for u in sorted(fiche.exportes or ()) if u not in fiche.identifiants and u in etats]
    if not absents:
        return []
    noms = " ; ".join(f"{e.reference} — {court(e.libelle, 50)}" for e in absents[:5])
    reste = f" ; et {len(absents) - 5} autres" if len(absents) > 5 else ""
    un = len(absents) == 1
    return [
        Probleme(
            Position(fiche.feuille),
            f"{pluriel(len(absents), 'engagement')} de la fiche n'y {'est' if un else 'sont'} plus "
            f"({'ligne supprimée' if un else 'lignes supprimées'}), rien n'est changé pour {'lui' if un else 'eux'} : "
            f"{noms}{reste}",
        )
    ]


def _ordre(probleme: Probleme) -> tuple[int, int]:
    ligne = probleme.ou.ligne
    if isinstance(ligne, str):
        chiffres = re.match(r"\d+", ligne)
        return (0, int(chiffres.group()) if chiffres else 0)
    return (0, ligne) if ligne is not None else (1, 0)
