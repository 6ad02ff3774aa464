"""The fiche de suivi as a workbook (XlsxWriter): instructions, the fiche to fill in, its origin hidden.

Read-only columns are locked and the sheets protected without a password (against accidents, not
to secure); the four columns to fill in are unlocked, yellow, the statut a drop-down of the six.
The origin (base, contrat, export) and each row's values at export are in a veryHidden, protected
sheet, and again in the document's custom properties: LibreOffice turns veryHidden into hidden
when it saves, and keeps both.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from suivi_tui.dates import format_date
from suivi_tui.services.export.cellules import texte_xlsx
from suivi_tui.services.export.classeur import OPTIONS, Styles, ecrire_texte, hauteur
from suivi_tui.services.export.fiche import FicheDonnees, LigneFiche
from suivi_tui.services.fiche import (
    A_REMPLIR,
    COLONNES,
    ECHEANCE_PROPOSEE,
    ENTETE_VALEURS,
    FEUILLE_FICHE,
    FEUILLE_META,
    FEUILLE_MODE_EMPLOI,
    IDENTIFIANT,
    MARQUEUR,
    PROPRIETE,
    STATUT_ACTUEL,
    STATUT_PROPOSE,
    identifiant,
)
from suivi_tui.services.vocabulaire import STATUTS, libelle_statut

LARGEURS = {
    IDENTIFIANT: 14,
    "Axe": 22,
    "Partie": 10,
    "Engagement": 50,
    "Pilote": 16,
    "Statut actuel": 12,
    "Échéances ouvertes": 16,
    "Dernière décision": 36,
    STATUT_PROPOSE: 14,
    "Avancement / commentaire": 44,
    ECHEANCE_PROPOSEE: 16,
    "Répondu par": 20,
}
LONGUES = {"Axe", "Engagement", "Pilote", "Échéances ouvertes", "Dernière décision", "Avancement / commentaire"}
LIGNE_ENTETE = 3  # 0-based: a title and a line of explanation above the header
JAUNE = "#FFF2CC"
# Protected, but a partner may still sort, filter, resize, add a column or delete a row:
# the import finds each row by its identifier and each column by its title.
PROTECTION = {
    "format_columns": True,
    "format_rows": True,
    "insert_columns": True,
    "insert_rows": True,
    "delete_rows": True,
    "sort": True,
    "autofilter": True,
}


class StylesFiche(Styles):
    """The workbook's formats, plus the unlocked ones of the cells to fill in."""

    def __init__(self, wb: Any) -> None:
        super().__init__(wb)
        base = {"valign": "top", "font_name": "Calibri", "font_size": 10, "bg_color": JAUNE, "border": 1}
        base["border_color"] = "#BFBFBF"
        self.a_remplir = self._format({**base, "locked": False, "text_wrap": True})
        # Text, so that « 03/2022 » or « 2022 » typed there stays what was typed.
        self.a_remplir_texte = self._format({**base, "locked": False, "num_format": "@"})
        self.entete_a_remplir = self._format(
            {"bold": True, "text_wrap": True, "bg_color": "#F4B183", "border": 1, "valign": "vcenter"}
            | {"font_name": "Calibri", "font_size": 10}
        )
        self.paragraphe = self._format({"font_name": "Calibri", "font_size": 11, "text_wrap": True, "valign": "top"})
        self.intertitre = self._format({"font_name": "Calibri", "font_size": 11, "bold": True})


def ecrire(fiche: FicheDonnees, tmp: Path) -> None:
    """Write the fiche's workbook to tmp (built in memory: a full disk is one plain OSError)."""
    import xlsxwriter  # type: ignore[import-untyped]

    memoire = io.BytesIO()
    wb = xlsxwriter.Workbook(memoire, OPTIONS)
    titre = f"Fiche de suivi — {fiche.meta.contrat_titre} — {fiche.destinataire}"
    wb.set_properties({"title": texte_xlsx(titre)[0], "author": "suivi", "comments": MARQUEUR})
    for cle, valeur in fiche.meta.valeurs().items():
        wb.set_custom_property(PROPRIETE + cle, texte_xlsx(valeur)[0] or "-", "text")
    styles = StylesFiche(wb)
    _mode_emploi(wb, styles, fiche)
    _fiche(wb, styles, fiche)
    _meta(wb, styles, fiche)
    wb.close()
    tmp.write_bytes(memoire.getvalue())


def _quand(fiche: FicheDonnees) -> str:
    return f"le {format_date(fiche.exporte_le.date())} à {fiche.exporte_le:%H:%M}"


def consignes(fiche: FicheDonnees) -> list[str]:
    """The instructions, one paragraph a line (an empty string separates two parts)."""
    statuts = ", ".join(STATUTS.values())
    qui = "le pilote" if fiche.destinataire.genre == "pilote" else "la partie signataire"
    return [
        f"Cette fiche vous est envoyée par la coordination du contrat de ville pour faire le point sur les "
        f"engagements dont vous êtes {qui} : {fiche.destinataire.nom}. Elle a été préparée {_quand(fiche)}.",
        "",
        "Comment la remplir",
        f"1. Onglet « {FEUILLE_FICHE} » : une ligne par engagement. Ne remplissez que les colonnes en jaune ; "
        "les autres sont protégées, sans mot de passe, pour éviter les accidents.",
        f"2. {STATUT_PROPOSE} : choisissez dans la liste ({statuts}). Laissez la case vide si le statut "
        "n'a pas changé.",
        "3. Avancement / commentaire : ce qui a été fait, ce qui bloque, en quelques phrases. Votre texte sera "
        "versé au journal du comité technique.",
        f"4. {ECHEANCE_PROPOSEE} : la date de la prochaine étape, en français : « 15/10/2021 », « mars 2022 », "
        "« T3 2021 », « S1 2022 », « fin 2022 ».",
        "5. Répondu par : votre nom et votre service.",
        "",
        "À savoir",
        f"Ne modifiez pas la colonne « {IDENTIFIANT} » : c'est elle qui relie chaque réponse à son engagement. "
        "Vous pouvez trier ou filtrer les lignes, élargir ou ajouter des colonnes, supprimer les lignes "
        "sans réponse.",
        "Enregistrez le fichier au format Excel (.xlsx) — depuis LibreOffice : « Utiliser le format Excel » — "
        "puis renvoyez-le à la coordination, qui verra vos réponses avant de les reporter.",
    ]


def _mode_emploi(wb: Any, styles: StylesFiche, fiche: FicheDonnees) -> None:
    ws = wb.add_worksheet(FEUILLE_MODE_EMPLOI)
    ws.set_column(0, 0, 100, styles.paragraphe)
    ecrire_texte(ws, styles, 0, 0, f"Fiche de suivi — {fiche.meta.contrat_titre}", styles.titre)
    for i, paragraphe in enumerate(consignes(fiche), start=2):
        intertitre = paragraphe in ("Comment la remplir", "À savoir")
        ecrire_texte(ws, styles, i, 0, paragraphe, styles.intertitre if intertitre else styles.paragraphe)
        ws.set_row(i, hauteur([(paragraphe, 100)]))
    ws.protect("", PROTECTION)
    ws.activate()


def _fiche(wb: Any, styles: StylesFiche, fiche: FicheDonnees) -> None:
    ws = wb.add_worksheet(FEUILLE_FICHE)
    ecrire_texte(ws, styles, 0, 0, f"Fiche de suivi — {fiche.meta.contrat_titre}", styles.titre)
    consigne = (
        f"Pour : {fiche.destinataire} · préparée {_quand(fiche)} · remplissez les colonnes en jaune "
        f"(voir l'onglet « {FEUILLE_MODE_EMPLOI} »), puis renvoyez le fichier."
    )
    ecrire_texte(ws, styles, 1, 0, consigne, styles.texte)
    for col, titre in enumerate(COLONNES):
        ws.set_column(col, col, LARGEURS[titre], styles.long if titre in LONGUES else None)
        ws.write_string(LIGNE_ENTETE, col, titre, styles.entete_a_remplir if titre in A_REMPLIR else styles.entete)
    ws.set_row(LIGNE_ENTETE, hauteur((t, LARGEURS[t]) for t in COLONNES))
    for n, ligne in enumerate(fiche.lignes, start=LIGNE_ENTETE + 1):
        _ligne(ws, styles, n, ligne)
    derniere = LIGNE_ENTETE + max(len(fiche.lignes), 1)
    _liste_des_statuts(ws, derniere)
    ws.freeze_panes(LIGNE_ENTETE + 1, 1)
    ws.autofilter(LIGNE_ENTETE, 0, derniere, len(COLONNES) - 1)
    ws.protect("", PROTECTION)
    ws.set_landscape()
    ws.set_paper(9)  # A4
    ws.fit_to_pages(1, 0)
    ws.repeat_rows(LIGNE_ENTETE)


def _ligne(ws: Any, styles: StylesFiche, n: int, ligne: LigneFiche) -> None:
    """One engagement: read-only cells (locked by default), then the four to fill in (unlocked, yellow)."""
    valeurs = {
        IDENTIFIANT: identifiant(ligne.uuid),
        "Axe": ligne.axe,
        "Partie": ligne.partie,
        "Engagement": ligne.libelle,
        "Pilote": ligne.pilote,
        "Échéances ouvertes": ligne.echeances,
        "Dernière décision": ligne.decision,
    }
    for titre, valeur in valeurs.items():
        col = COLONNES.index(titre)
        if valeur:
            ecrire_texte(ws, styles, n, col, valeur, styles.long if titre in LONGUES else styles.texte)
        else:
            ws.write_blank(n, col, None, styles.texte)
    fmt = styles.statuts.get(ligne.statut, styles.texte)
    ws.write_string(n, COLONNES.index(STATUT_ACTUEL), libelle_statut(ligne.statut), fmt)
    for titre in A_REMPLIR:
        ws.write_blank(
            n, COLONNES.index(titre), None, styles.a_remplir_texte if titre == ECHEANCE_PROPOSEE else styles.a_remplir
        )
    ws.set_row(n, hauteur((v, LARGEURS[t]) for t, v in valeurs.items() if v and t in LONGUES))


def _liste_des_statuts(ws: Any, derniere: int) -> None:
    """The drop-down of the six statuts on « Statut proposé »; anything else typed is refused by Excel and Calc."""
    colonne = COLONNES.index(STATUT_PROPOSE)
    ws.data_validation(
        LIGNE_ENTETE + 1,
        colonne,
        derniere,
        colonne,
        {
            "validate": "list",
            "source": list(STATUTS.values()),
            "input_title": STATUT_PROPOSE,
            "input_message": "Choisissez dans la liste ; laissez vide si le statut n'a pas changé.",
            "error_title": "Statut inconnu",
            "error_message": "Choisissez un des six statuts de la liste (ou laissez la case vide).",
        },
    )


def _meta(wb: Any, styles: StylesFiche, fiche: FicheDonnees) -> None:
    """Where the fiche comes from, then each row's values at export: what the import compares with."""
    ws = wb.add_worksheet(FEUILLE_META)
    ws.write_string(0, 0, MARQUEUR)
    for i, (cle, valeur) in enumerate(fiche.meta.valeurs().items(), start=1):
        ws.write_string(i, 0, cle)
        ecrire_texte(ws, styles, i, 1, valeur, styles.texte)
    debut = len(fiche.meta.valeurs()) + 2
    for col, titre in enumerate(ENTETE_VALEURS):
        ws.write_string(debut, col, titre)
    for n, ligne in enumerate(fiche.lignes, start=debut + 1):
        ws.write_string(n, 0, identifiant(ligne.uuid))
        ws.write_string(n, 1, ligne.statut)
    ws.protect("", {})
    ws.very_hidden()
