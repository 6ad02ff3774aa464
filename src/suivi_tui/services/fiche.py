"""The fiche de suivi's layout, shared by its writers (export) and its reader (import).

One place for what both sides must agree on: the sheets, the column titles, the identifiers
(« E-<uuid> »), the metadata keys, and how a statut typed by a partner is read. Pure: no
database, no spreadsheet library.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from suivi_tui.services.vocabulaire import STATUTS
from suivi_tui.texte import sans_accents

VERSION = 1  # of the layout: a reader refuses a fiche written by a newer suivi
MARQUEUR = "suivi:fiche-de-suivi"  # A1 of the metadata sheet; the first cell of a CSV fiche

FEUILLE_FICHE = "Fiche"
FEUILLE_MODE_EMPLOI = "Mode d'emploi"
FEUILLE_META = "_suivi"  # veryHidden and protected: the file's origin and the values at export

# The visible columns, in the order written (a partner may reorder them: the reader goes by title).
IDENTIFIANT = "Identifiant"
AXE = "Axe"
PARTIE = "Partie"
ENGAGEMENT = "Engagement"
PILOTE = "Pilote"
STATUT_ACTUEL = "Statut actuel"
ECHEANCES = "Échéances ouvertes"
DECISION = "Dernière décision"
STATUT_PROPOSE = "Statut proposé"
COMMENTAIRE = "Avancement / commentaire"
ECHEANCE_PROPOSEE = "Prochaine échéance"
REPONDU_PAR = "Répondu par"
COLONNES = (
    IDENTIFIANT,
    AXE,
    PARTIE,
    ENGAGEMENT,
    PILOTE,
    STATUT_ACTUEL,
    ECHEANCES,
    DECISION,
    STATUT_PROPOSE,
    COMMENTAIRE,
    ECHEANCE_PROPOSEE,
    REPONDU_PAR,
)
A_REMPLIR = (STATUT_PROPOSE, COMMENTAIRE, ECHEANCE_PROPOSEE, REPONDU_PAR)

# The metadata, as key/value rows (hidden sheet), cells « clé=valeur » (CSV) and document properties.
CLES_META = ("version", "base", "contrat", "contrat_titre", "export", "exporte_le", "pour_genre", "pour")
PROPRIETE = "suivi_"  # prefix of the document's custom properties
ENTETE_VALEURS = ("identifiant", "statut")  # the values at export, below the metadata

# Letters, not digits first: Excel never reads « E-1f0c… » as a number or a date.
PREFIXE = "E-"
_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


def identifiant(uuid: str) -> str:
    """« E-1f0c…-…»: an engagement's identifier in a fiche (its stable uuid, prefixed)."""
    return PREFIXE + uuid


def uuid_de(texte: str) -> str | None:
    """The uuid an identifier cell holds (spaces, case and a leading apostrophe forgiven), or None."""
    propre = "".join(texte.split()).lstrip("'").lower()
    if propre.startswith(PREFIXE.lower()):
        propre = propre[len(PREFIXE) :]
    return propre if _UUID.fullmatch(propre) else None


_STATUTS_LUS = {sans_accents(libelle): code for code, libelle in STATUTS.items()} | {
    sans_accents(code.replace("_", " ")): code for code in STATUTS
}


def statut_de(texte: str) -> str | None:
    """The statut code a typed label means (« en cours », « EN COURS », « Realise »), or None (« fini »)."""
    return _STATUTS_LUS.get(sans_accents(texte.replace("_", " ").strip(" '\"«»")))


def titre_de_colonne(texte: str) -> str | None:
    """Which column a header cell names (case, accents and spaces forgiven), or None."""
    cle = sans_accents(texte)
    for titre in COLONNES:
        if sans_accents(titre) == cle:
            return titre
    # A partner may shorten a title: « Commentaire », « Avancement », « Échéance proposée ».
    if "commentaire" in cle or "avancement" in cle:
        return COMMENTAIRE
    return None


def retour_de(nom: str) -> str:
    """« Retour de DDETS », « Retour d'État (…) »: where an imported note or échéance came from (French elision)."""
    return f"Retour d'{nom}" if sans_accents(nom[:1]) in tuple("aeiouyh") else f"Retour de {nom}"


@dataclass(frozen=True)
class Meta:
    """Where a fiche comes from: the base, the contrat, the export (identity and instant), its destinataire."""

    version: int
    base: str
    contrat: str
    contrat_titre: str
    export: str
    exporte_le: str  # ISO UTC
    pour_genre: str  # partie | pilote
    pour: str

    def valeurs(self) -> dict[str, str]:
        return {cle: str(getattr(self, cle)) for cle in CLES_META}
