"""Who a fiche de suivi is for: a partie or a pilote of the contrat, found from what the user typed.

`--pour` is matched without accents or case, a whole name first, then a part of a name; when it
could name several (a partie and a pilote, two pilotes), it is refused with the candidates, and
« partie: » or « pilote: » in front says which kind is meant.
"""

from __future__ import annotations

from dataclasses import dataclass

from suivi_tui.dates import apercu
from suivi_tui.db.database import Lecture, lit
from suivi_tui.services.export.demande import ExportInvalide
from suivi_tui.texte import sans_accents

GENRES = ("partie", "pilote")


@dataclass(frozen=True)
class Destinataire:
    genre: str  # partie | pilote
    nom: str
    engagements: int

    @property
    def valeur(self) -> str:
        """« pilote:DDETS »: the exact choice, as the export dialog passes it."""
        return f"{self.genre}:{self.nom}"

    def __str__(self) -> str:
        return f"{self.genre} « {self.nom} »"


_PARTIES = """
    SELECT p.nom, p.nom_court, count(e.id) FROM partie p LEFT JOIN engagement e ON e.partie_id = p.id
    WHERE p.contrat_id = :c GROUP BY p.id ORDER BY p.ordre, p.id"""
_PILOTES = """
    SELECT e.pilote FROM engagement e JOIN axe a ON a.id = e.axe_id
    WHERE a.contrat_id = :c AND e.pilote IS NOT NULL AND trim(e.pilote) != ''"""


@lit
def lister_destinataires(lecture: Lecture, contrat_id: int) -> list[Destinataire]:
    """The contrat's parties (in their order), then its pilotes (alphabetically), with their engagement counts."""
    parties = lecture.execute(_PARTIES, {"c": contrat_id}).all()
    pilotes = [r[0] for r in lecture.execute(_PILOTES, {"c": contrat_id})]
    # Pilotes typed differently (« DDETS », « ddets ») are one pilote: the first spelling met names it.
    par_cle: dict[str, list[str]] = {}
    for pilote in pilotes:
        par_cle.setdefault(sans_accents(pilote), []).append(" ".join(pilote.split()))
    return [Destinataire("partie", r[0], r[2]) for r in parties] + sorted(
        (Destinataire("pilote", noms[0], len(noms)) for noms in par_cle.values()),
        key=lambda d: sans_accents(d.nom),
    )


def _cles(lecture: Lecture, contrat_id: int, d: Destinataire) -> set[str]:
    if d.genre == "pilote":
        return {sans_accents(d.nom)}
    court = lecture.execute(
        "SELECT nom_court FROM partie WHERE contrat_id = :c AND nom = :n", {"c": contrat_id, "n": d.nom}
    ).scalar()
    return {sans_accents(d.nom), sans_accents(court or d.nom)}


@lit
def trouver_destinataire(lecture: Lecture, contrat_id: int, demande: str) -> Destinataire:
    """The partie or pilote `demande` names; ExportInvalide (with the candidates) when none or several do."""
    genre, _, nom = demande.partition(":")
    if genre.strip().lower() not in GENRES:
        genre, nom = "", demande
    cle = sans_accents(nom)
    if not cle:
        raise ExportInvalide("--pour est vide : donnez le nom d'une partie ou d'un pilote du contrat.")
    tous = lister_destinataires(lecture, contrat_id)
    candidats = [d for d in tous if not genre or d.genre == genre.strip().lower()]
    cles = {d: _cles(lecture, contrat_id, d) for d in candidats}
    exacts = [d for d in candidats if cle in cles[d]]
    trouves = exacts or [d for d in candidats if any(cle in k for k in cles[d])]
    if len(trouves) == 1:
        return trouves[0]
    if not trouves:
        possibles = f"Possibles : {_noms(tous)}." if tous else "Ce contrat n'a ni partie ni pilote."
        raise ExportInvalide(f"Aucune partie ni aucun pilote du contrat ne s'appelle « {apercu(nom)} ». {possibles}")
    raise ExportInvalide(
        f"« {apercu(nom)} » est ambigu, il peut désigner : {_noms(trouves)}. "
        "Précisez le nom, ou écrivez « partie:NOM » ou « pilote:NOM »."
    )


def _noms(destinataires: list[Destinataire], n: int = 12) -> str:
    noms = ", ".join(str(d) for d in destinataires[:n])
    return noms + (f" et {len(destinataires) - n} autres" if len(destinataires) > n else "")


def concerne(destinataire: Destinataire, partie: str, pilote: str | None) -> bool:
    """Whether an engagement (its partie's name, its pilote) goes in this destinataire's fiche."""
    if destinataire.genre == "partie":
        return partie == destinataire.nom
    return pilote is not None and sans_accents(pilote) == sans_accents(destinataire.nom)
