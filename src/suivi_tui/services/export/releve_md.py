"""The relevé de décisions as Markdown: printed by `suivi seance show`, pasted into a mail or a wiki."""

from __future__ import annotations

from pathlib import Path

from suivi_tui.atomic import write_atomically
from suivi_tui.dates import format_date
from suivi_tui.services.export.markdown import echapper_md
from suivi_tui.services.seances.releve import (
    AUCUN_CHANGEMENT,
    AUCUNE_ECHEANCE,
    ChangementReleve,
    EcheanceReleve,
    PointReleve,
    Releve,
)


# Every character that could turn user text into markup; CommonMark lets any of them be backslash-escaped.
def _engagement(reference: str | None, engagement: str | None) -> str:
    return f"{echapper_md(engagement or '')} ({echapper_md(reference or '')})"


def _points(titre: str, points: tuple[PointReleve, ...], vide: str | None) -> list[str]:
    if not points and vide is None:
        return []
    lignes = ["", f"## {titre}", ""]
    if not points:
        return [*lignes, vide or ""]
    for numero, point in enumerate(points, 1):
        marque = " *(confidentielle)*" if point.confidentielle else ""
        lignes.append(f"{numero}. {echapper_md(point.texte)}{marque}")
        if point.engagement_id is not None:
            lignes.append(f"   - Engagement : {_engagement(point.reference, point.engagement)}")
            lignes.append(f"   - Pilote : {echapper_md(point.pilote) if point.pilote else 'non désigné'}")
    return lignes


def _changement(c: ChangementReleve) -> str:
    return f"- {_engagement(c.reference, c.engagement)} — {echapper_md(c.texte)}"


def _echeance(e: EcheanceReleve) -> str:
    libelle = f" — {echapper_md(e.libelle)}" if e.libelle.strip() else ""
    pilote = f" — pilote : {echapper_md(e.pilote)}" if e.pilote else ""
    retard = " — **en retard**" if e.en_retard else ""
    return f"- {e.quand}{libelle} — {_engagement(e.reference, e.engagement)}{pilote}{retard}"


def releve_markdown(releve: Releve) -> str:
    """The whole relevé as a Markdown document (ends with a newline)."""
    seance = releve.seance
    lignes = [
        f"# Relevé de décisions — {echapper_md(seance.comite)}",
        "",
        f"Séance du {format_date(seance.date)} · {echapper_md(releve.contrat)}",
    ]
    details = [
        f"- Lieu : {echapper_md(seance.lieu)}" if seance.lieu.strip() else "",
        f"- Participants : {echapper_md(seance.participants)}" if seance.participants.strip() else "",
    ]
    if any(details):
        lignes += ["", *(d for d in details if d)]
    lignes += _points("Décisions", releve.decisions, "Aucune décision.")
    lignes += _points("Actions", releve.actions, "Aucune action.")
    lignes += _points("Informations", releve.informations, None)
    lignes += ["", "## Changements en séance", ""]
    lignes += [_changement(c) for c in releve.changements] or [AUCUN_CHANGEMENT]
    if releve.depassees:
        lignes += ["", "## Échéances dépassées", ""]
        lignes += [_echeance(e) for e in releve.depassees]
    lignes += ["", "## Prochaines échéances", ""]
    lignes += [_echeance(e) for e in releve.echeances] or [AUCUNE_ECHEANCE]
    return "\n".join(lignes) + "\n"


def ecrire_releve_markdown(releve: Releve, cible: Path, *, force: bool = False) -> Path:
    """Write the Markdown relevé to cible (0600, never over an existing file unless force)."""
    contenu = releve_markdown(releve)

    def ecrire(tmp: Path) -> None:
        tmp.write_text(contenu, encoding="utf-8")

    return write_atomically(cible, ecrire, force=force)
