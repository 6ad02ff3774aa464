"""Seed a database from an annexe: idempotent, keeps everything entered since, reports changes."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field, fields, is_dataclass, replace
from difflib import SequenceMatcher
from importlib import resources
from pathlib import Path
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from suivi_tui.annexe import AnnexeLue, AxeLu, EngagementLu, IndicateurLu, lire_octets_annexe
from suivi_tui.annexe.formats import lire_document
from suivi_tui.db.database import Database
from suivi_tui.db.models import Axe, Comite, Contrat, Echeance, Engagement, Historique, Indicateur, Note, Partie
from suivi_tui.services.edition import historiser
from suivi_tui.services.saisie import nettoyer_saisie
from suivi_tui.today import now_utc

BUNDLED_NAME = "annexe-contrat-de-ville-antony-2020-2022.md"


def bundled_annexe() -> Path:
    """The signed annex shipped inside the package (seed/ in the repository)."""
    return Path(str(resources.files("suivi_tui").joinpath("data/seed", BUNDLED_NAME)))


@dataclass
class RapportSeed:
    """What a seed did (or, with --dry-run, would do), in French lines."""

    contrat_id: int | None = None
    contrat_titre: str = ""
    contrat_cree: bool = False
    changements: list[str] = field(default_factory=list)
    conserves: list[str] = field(default_factory=list)
    lignes_ignorees: list[str] = field(default_factory=list)
    engagements: int = 0
    axes: int = 0
    parties: int = 0
    comites: int = 0
    indicateurs: int = 0
    niveaux: dict[str, int] = field(default_factory=dict)  # nodes per level name, in document order

    @property
    def vide(self) -> bool:
        return not self.changements


@dataclass(frozen=True)
class SourceLue:
    """An annexe read from a file, whatever its format, with what the preview says about the file."""

    annexe: AnnexeLue
    sha256: str
    nom: str
    nature: str  # « PDF », « Word (.docx) », « OpenDocument (.odt) », « texte »
    pages: int | None = None


def lire_annexe_source(chemin: Path) -> SourceLue:
    """Read an annexe in any format (PDF, .docx, .odt, Markdown, text) and hash its bytes (read once).

    AnnexeIllisible, in French and located, before anything touches a database.
    """
    donnees = lire_octets_annexe(chemin)
    lu = lire_document(donnees, chemin)
    annexe: AnnexeLue = _textes_nettoyes(lu.annexe)
    return SourceLue(annexe, hashlib.sha256(donnees).hexdigest(), Path(chemin).name, lu.nature, lu.pages)


def lire_source(chemin: Path) -> tuple[AnnexeLue, str]:
    """The annexe and the hash of its bytes (see lire_annexe_source)."""
    source = lire_annexe_source(chemin)
    return source.annexe, source.sha256


def _textes_nettoyes(valeur: Any) -> Any:
    """The parser's frozen dataclasses with every text cleaned as typed text is (NUL, BEL, bidi overrides).

    After parsing, not before: form feeds and lone CRs tell the parser where pages and lines end.
    """
    if isinstance(valeur, str):
        return " ".join(nettoyer_saisie(valeur).split())  # each is one line of the annexe
    if isinstance(valeur, tuple):
        return tuple(_textes_nettoyes(v) for v in valeur)
    if is_dataclass(valeur) and not isinstance(valeur, type):
        return replace(valeur, **{f.name: _textes_nettoyes(getattr(valeur, f.name)) for f in fields(valeur)})
    return valeur


def seed(db: Database, annexe: AnnexeLue, source_nom: str, sha256: str, *, dry_run: bool = False) -> RapportSeed:
    """Create or refresh the contrat described by annexe, in one transaction (rolled back if dry_run)."""
    rapport = RapportSeed(
        contrat_titre=annexe.titre,
        engagements=sum(len(a.engagements) for a in annexe.axes),
        axes=len(annexe.axes),
        parties=len(annexe.parties),
        comites=len(annexe.comites),
        indicateurs=sum(len(a.indicateurs) + sum(len(e.indicateurs) for e in a.engagements) for a in annexe.axes),
    )
    for axe_lu in annexe.axes:
        rapport.niveaux[axe_lu.niveau] = rapport.niveaux.get(axe_lu.niveau, 0) + 1
    rapport.lignes_ignorees = [f"{x.lieu} ({x.raison}) : {x.texte}" for x in annexe.lignes_ignorees]
    try:
        with db.write() as session:
            contrat = _contrat(session, annexe, source_nom, sha256, rapport)
            parties = _parties(session, contrat.id, annexe, rapport)
            axes: dict[str, Axe] = {}
            for axe_lu in annexe.axes:
                parent = axes[axe_lu.parent].id if axe_lu.parent is not None else None
                axe = axes[axe_lu.numero] = _axe(session, contrat.id, axe_lu, parent, rapport)
                _engagements(session, axe, axe_lu, parties, rapport)
                _indicateurs(session, {"axe_id": axe.id}, axe_lu.indicateurs, rapport)
            _comites(session, contrat.id, annexe, rapport)
            rapport.contrat_id = contrat.id
            if dry_run:
                raise _Simulation
    except _Simulation:
        pass  # the transaction was rolled back: the report says what would have changed
    return rapport


class _Simulation(Exception):
    """Raised inside the transaction to roll a --dry-run back."""


def _contrat(session: Session, annexe: AnnexeLue, source_nom: str, sha256: str, rapport: RapportSeed) -> Contrat:
    contrat = session.scalar(select(Contrat).where(Contrat.titre == annexe.titre))
    valeurs = {
        "territoire": annexe.territoire,
        "debut": annexe.debut.isoformat() if annexe.debut else None,
        "fin": annexe.fin.isoformat() if annexe.fin else None,
        "source_nom": source_nom,
        "source_sha256": sha256,
    }
    if contrat is None:
        contrat = Contrat(titre=annexe.titre, importe_le=now_utc(), **valeurs)
        session.add(contrat)
        session.flush()
        rapport.contrat_cree = True
        rapport.changements.append(f"contrat créé : {annexe.titre}")
        return contrat
    changed = [k for k, v in valeurs.items() if getattr(contrat, k) != v]
    if changed:
        for key in changed:
            setattr(contrat, key, valeurs[key])
        contrat.importe_le = now_utc()
        rapport.changements.append(f"contrat mis à jour ({', '.join(changed)})")
    return contrat


def _parties(session: Session, contrat_id: int, annexe: AnnexeLue, rapport: RapportSeed) -> dict[int, int]:
    """Partie ids by their ordre in the annexe."""
    ids = {}
    for lue in annexe.parties:
        partie = session.scalar(select(Partie).where(Partie.contrat_id == contrat_id, Partie.nom == lue.nom))
        if partie is None:
            partie = Partie(contrat_id=contrat_id, nom=lue.nom, nom_court=lue.nom_court, ordre=lue.ordre)
            session.add(partie)
            session.flush()
            rapport.changements.append(f"partie ajoutée : {lue.nom}")
        elif (partie.nom_court, partie.ordre) != (lue.nom_court, lue.ordre):
            partie.nom_court, partie.ordre = lue.nom_court, lue.ordre
            rapport.changements.append(f"partie mise à jour : {lue.nom}")
        ids[lue.ordre] = partie.id
    return ids


def _axe(session: Session, contrat_id: int, lu: AxeLu, parent_id: int | None, rapport: RapportSeed) -> Axe:
    """The axe (or node of the tree) of that numero, created or brought in line with the annexe."""
    axe = session.scalar(select(Axe).where(Axe.contrat_id == contrat_id, Axe.numero == lu.numero))
    nom = "axe" if lu.niveau == "Axe" else lu.niveau.lower()
    if axe is None:
        axe = Axe(
            contrat_id=contrat_id,
            numero=lu.numero,
            ordre=lu.ordre,
            titre=lu.titre,
            parent_id=parent_id,
            niveau=lu.niveau,
        )
        session.add(axe)
        session.flush()
        rapport.changements.append(f"{nom} ajouté : {lu.numero}. {lu.titre}")
    elif (axe.titre, axe.ordre, axe.parent_id, axe.niveau) != (lu.titre, lu.ordre, parent_id, lu.niveau):
        axe.titre, axe.ordre, axe.parent_id, axe.niveau = lu.titre, lu.ordre, parent_id, lu.niveau
        rapport.changements.append(f"{nom} mis à jour : {lu.numero}. {lu.titre}")
    return axe


def _indicateurs(
    session: Session, porteur: dict[str, int], lus: tuple[IndicateurLu, ...], rapport: RapportSeed
) -> None:
    """The indicators the annexe lists for an engagement or a node: added once, their values kept in line."""
    colonne = Indicateur.axe_id if "axe_id" in porteur else Indicateur.engagement_id
    (cle,) = porteur.values()
    existants = {i.libelle: i for i in session.scalars(select(Indicateur).where(colonne == cle))}
    for ordre, lu in enumerate(lus, start=1):
        valeurs = {
            "ordre": ordre,
            "unite": lu.unite,
            "reference": lu.reference,
            "reference_annee": lu.reference_annee,
            "cible": lu.cible,
            "cible_annee": lu.cible_annee,
            "source": lu.source,
        }
        indicateur = existants.get(lu.libelle)
        if indicateur is None:
            session.add(Indicateur(libelle=lu.libelle, **porteur, **valeurs))
            rapport.changements.append(f"indicateur ajouté : {lu.libelle[:70]}")
        elif any(getattr(indicateur, k) != v for k, v in valeurs.items()):
            for k, v in valeurs.items():
                setattr(indicateur, k, v)
            rapport.changements.append(f"indicateur mis à jour : {lu.libelle[:70]}")
    session.flush()


def _engagements(session: Session, axe: Axe, lu: AxeLu, parties: dict[int, int], rapport: RapportSeed) -> None:
    existants = list(session.scalars(select(Engagement).where(Engagement.axe_id == axe.id)))
    par_texte = {(e.partie_id, e.libelle): e for e in existants}
    restants = {e.id: e for e in existants}
    nouveaux = []
    for eng in lu.engagements:
        trouve = par_texte.get((parties[eng.partie_ordre], eng.libelle))
        if trouve is None:
            nouveaux.append(eng)
            continue
        restants.pop(trouve.id, None)
        if trouve.ordre != eng.ordre:
            trouve.ordre = eng.ordre
        _fiche(trouve, eng)
        _indicateurs(session, {"engagement_id": trouve.id}, eng.indicateurs, rapport)
    edits = _apparier(nouveaux, list(restants.values()), parties)
    for eng in nouveaux:
        ancien = edits.get(eng.ligne)
        if ancien is not None:
            del restants[ancien.id]
            historiser(session, ancien.id, "libelle", ancien.libelle, eng.libelle)
            ancien.libelle, ancien.ordre, ancien.modifie_le = eng.libelle, eng.ordre, now_utc()
            rapport.changements.append(f"axe {axe.numero}, texte mis à jour : {eng.libelle[:70]}")
            continue
        now = now_utc()
        nouvel = Engagement(
            axe_id=axe.id,
            partie_id=parties[eng.partie_ordre],
            ordre=eng.ordre,
            libelle=eng.libelle,
            pilote=eng.pilote,
            cree_le=now,
            modifie_le=now,
        )
        session.add(nouvel)
        _fiche(nouvel, eng)
        if eng.indicateurs:
            session.flush()
            _indicateurs(session, {"engagement_id": nouvel.id}, eng.indicateurs, rapport)
        rapport.changements.append(f"axe {axe.numero}, engagement ajouté : {eng.libelle[:70]}")
    session.flush()
    for orphelin in restants.values():
        _retirer_ou_conserver(session, orphelin, axe, rapport)


def _fiche(engagement: Engagement, lu: EngagementLu) -> None:
    """A fiche action's partners and calendar follow the annexe; its pilote is set once (then the user's)."""
    engagement.partenaires, engagement.calendrier = lu.partenaires, lu.calendrier
    if lu.pilote and not engagement.pilote:
        engagement.pilote = lu.pilote


SIMILARITE_MIN = 0.6


def _apparier(
    nouveaux: list[EngagementLu], anciens: list[Engagement], parties: dict[int, int]
) -> dict[int, Engagement]:
    """Edited bullets: pair each new text with the old text of the same partie it most resembles.

    Position alone would rename a removed engagement into an unrelated new one (and carry its
    statut and notes over); a similarity threshold keeps genuinely new bullets new.
    """
    candidats = sorted(
        (
            (SequenceMatcher(None, old.libelle, new.libelle).ratio(), new.ligne, old.id, new, old)
            for new in nouveaux
            for old in anciens
            if old.partie_id == parties[new.partie_ordre]
        ),
        key=lambda c: (-c[0], c[1], c[2]),
    )
    paires: dict[int, Engagement] = {}
    pris: set[int] = set()
    for ratio, ligne, old_id, _new, old in candidats:
        if ratio >= SIMILARITE_MIN and ligne not in paires and old_id not in pris:
            paires[ligne] = old
            pris.add(old_id)
    return paires


def _retirer_ou_conserver(session: Session, engagement: Engagement, axe: Axe, rapport: RapportSeed) -> None:
    """An engagement gone from the annexe is removed only if nothing was ever recorded on it."""

    def compte(model: type[Historique] | type[Note] | type[Echeance]) -> int:
        return session.scalar(select(func.count()).select_from(model).where(model.engagement_id == engagement.id)) or 0

    if compte(Historique) or compte(Note) or compte(Echeance) or engagement.pilote or engagement.statut != "a_venir":
        rapport.conserves.append(
            f"axe {axe.numero}, absent de l'annexe mais conservé (suivi en cours) : {engagement.libelle[:70]}"
        )
        return
    session.delete(engagement)
    rapport.changements.append(f"axe {axe.numero}, engagement retiré : {engagement.libelle[:70]}")


def _comites(session: Session, contrat_id: int, annexe: AnnexeLue, rapport: RapportSeed) -> None:
    for lu in annexe.comites:
        existe = session.scalar(select(Comite.id).where(Comite.contrat_id == contrat_id, Comite.nom == lu.nom))
        if existe is None:
            session.add(Comite(contrat_id=contrat_id, nom=lu.nom, description=lu.description))
            rapport.changements.append(f"comité ajouté : {lu.nom}")
    session.flush()
