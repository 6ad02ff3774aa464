"""Every key of the app, declared once: its bindings, the `?` help, the `ctrl+p` palette and docs/touches.md.

A key is a `Touche`: its stable id (a keymap can rebind it by id), the Textual key names, the action
it runs, the Footer's short label, the help's sentence, the widget that holds it (`porteur`) and, for
the actions worth finding by name, the palette's wording. A widget declares `BINDINGS =
liaisons("porteur")`; where a key's behaviour lives is its action: `action_<nom>` on that porteur
(`screen.` on the main screen, `app.` on the app). CONTRIBUTING.md explains how to add one.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.binding import Binding


@dataclass(frozen=True)
class Touche:
    """One key (or several keys for one action) of one widget."""

    id: str
    touches: str  # Textual's key names, comma-separated: "s", "space,down,up"
    action: str
    libelle: str  # the Footer's label
    aide: str  # the tooltip, the help's line, the docs' line
    porteur: str  # the widget that holds it: a key of PORTEURS
    palette: str | None = None  # its name in the palette (ctrl+p); None: not offered there
    montree: bool = False  # in the Footer
    priorite: bool = False  # before the focused widget (a text field would type the letter)
    systeme: bool = False  # Textual's kind of key that no help lists (ctrl+c, which only says how to quit)


# Who holds the keys, and the section of the help and of docs/touches.md they belong to.
PORTEURS: dict[str, str] = {
    "app": "Partout",
    "ecran": "Écran principal (engagement sélectionné)",
    "axes": "Volet Axes (1)",
    "engagements": "Volet Engagements (2)",
    "detail": "Volet Détail (entrée depuis un engagement)",
    "echeances": "Volet Échéances (3)",
    "journal": "Volet Journal (4)",
    "notes": "Volet Journal (4)",
    "vue": "Ordre du jour (A), Depuis la dernière séance (D), À relancer (R), Bilan (B)",
    "liste": "Ordre du jour (A), Depuis la dernière séance (D), À relancer (R), Bilan (B)",
    "dialogue": "Dans chaque dialogue",
    "case": "Dans chaque dialogue",
    "statut": "Dialogue « Changer le statut » (s)",
    "note": "Dialogue « Nouvelle note » (n)",
    "filtre": "Dialogue « Filtrer » (f)",
    "seance": "Dialogue « Ouvrir une séance » (m)",
    "choix_comite": "Dialogue « Ouvrir une séance » (m)",
    "export": "Dialogue « Exporter » (x)",
    "choix_format": "Dialogue « Exporter » (x)",
    "releve": "Dialogue « Relevé de décisions » (r)",
    "revue": "Dialogue « Revue annuelle » (Y)",
    "programmation": "Programmation (F)",
    "action_programmee": "Dialogue « Action de la programmation » ($)",
    "choix_objectifs": "Dialogue « Action de la programmation » ($)",
    "choix_seance": "Dialogue « Relevé de décisions » (r)",
    "contrat": "Dialogue « Changer de contrat » (c)",
    "recherche": "Recherche (/)",
    "question": "Questions après un changement",
    "aide": "Aide (?)",
    "restauration": "Restauration d'une base endommagée (au lancement)",
    "import_annexe": "Dialogue « Importer une annexe » (i)",
    "champ_chemin": "Dialogue « Importer une annexe » (i)",
    "retour": "Aperçu d'un retour de fiche (I)",
    "liste_retour": "Aperçu d'un retour de fiche (I)",
    "import_fiche": "Dialogue « Importer le retour d'une fiche de suivi » (I)",
    "choix_comite_fiche": "Dialogue « Importer le retour d'une fiche de suivi » (I)",
    "mesure": "Dialogue « Saisir une mesure » (v)",
    "choix_indicateur": "Dialogue « Saisir une mesure » (v)",
}

# The sections the `?` screen shows: the main screen and the lists it opens (dialogs say their keys).
SECTIONS_AIDE = (
    "app",
    "ecran",
    "axes",
    "engagements",
    "detail",
    "echeances",
    "journal",
    "notes",
    "vue",
    "liste",
    "programmation",
    "liste_retour",
    "retour",
)

TOUCHES: tuple[Touche, ...] = (
    # --- everywhere -----------------------------------------------------------------------------------
    Touche(
        "app.aide",
        "question_mark",
        "aide",
        "Aide",
        "Toutes les touches, par volet",
        "app",
        "Aide : toutes les touches",
        montree=True,
    ),
    Touche("app.quitter", "q", "quit", "Quitter", "Quitter (tout est déjà enregistré)", "app", "Quitter", montree=True),
    Touche("app.quitter_ctrl", "ctrl+q", "quit", "Quitter", "Quitter (tout est déjà enregistré)", "app", priorite=True),
    Touche(
        "app.annuler",
        "ctrl+z",
        "annuler",
        "Annuler",
        "Annuler la dernière modification (plusieurs fois de suite)",
        "app",
        "Annuler la dernière modification",
        montree=True,
    ),
    Touche(
        "app.contrat",
        "c",
        "contrat",
        "Contrat",
        "Changer de contrat (base à plusieurs contrats)",
        "app",
        "Changer de contrat",
    ),
    Touche(
        "app.presentation",
        "P",
        "presentation",
        "Présentation",
        "Mode présentation : masquer pilotes et notes confidentielles",
        "app",
        "Mode présentation",
    ),
    Touche(
        "app.exporter",
        "x",
        "exporter",
        "Exporter",
        "Exporter : base, classeur, CSV, rapport, calendrier, fiche de suivi",
        "app",
        "Exporter",
    ),
    Touche(
        "app.importer",
        "I",
        "importer",
        "Importer",
        "Importer le retour d'une fiche de suivi : aperçu, puis écriture (annulable)",
        "app",
        "Importer une fiche de suivi remplie",
    ),
    Touche(
        "app.palette",
        "ctrl+p",
        "command_palette",
        "Commandes",
        "Palette : toutes les actions par leur nom",
        "app",
        priorite=True,
    ),
    Touche(
        "app.ctrl_c",
        "ctrl+c",
        "aide_quitter",
        "",
        "ctrl+c ne quitte pas : un message dit comment quitter",
        "app",
        systeme=True,
    ),
    # --- the main screen -------------------------------------------------------------------------------
    Touche("ecran.axes", "1", "focus_pane('axes')", "Axes", "Aller au volet Axes", "ecran", "Aller au volet Axes"),
    Touche(
        "ecran.engagements",
        "2",
        "focus_pane('engagements')",
        "Engagements",
        "Aller au volet Engagements",
        "ecran",
        "Aller au volet Engagements",
    ),
    Touche(
        "ecran.echeances",
        "3",
        "focus_pane('echeances')",
        "Échéances",
        "Aller au volet Échéances",
        "ecran",
        "Aller au volet Échéances",
    ),
    Touche(
        "ecran.journal",
        "4",
        "focus_pane('journal')",
        "Journal",
        "Aller au volet Journal",
        "ecran",
        "Aller au volet Journal",
    ),
    Touche("ecran.suivant", "tab", "app.focus_next", "Volet suivant", "Passer au volet suivant", "ecran"),
    Touche(
        "ecran.precedent", "shift+tab", "app.focus_previous", "Volet précédent", "Revenir au volet précédent", "ecran"
    ),
    Touche(
        "ecran.statut",
        "s",
        "statut",
        "Statut",
        "Changer le statut de l'engagement",
        "ecran",
        "Changer le statut",
        montree=True,
    ),
    Touche(
        "ecran.note",
        "n",
        "note",
        "Note",
        "Écrire une note au journal d'un comité",
        "ecran",
        "Écrire une note au journal",
        montree=True,
    ),
    Touche(
        "ecran.echeance",
        "d",
        "echeance",
        "Échéance",
        "Ajouter une échéance à l'engagement (« T3 2021 », « fin 2022 »)",
        "ecran",
        "Ajouter une échéance",
        montree=True,
    ),
    Touche("ecran.pilote", "p", "pilote", "Pilote", "Nommer le pilote de l'engagement", "ecran", "Nommer le pilote"),
    Touche(
        "ecran.a_discuter",
        "a",
        "a_discuter",
        "À discuter",
        "Mettre à l'ordre du jour de la prochaine séance, ou l'en retirer",
        "ecran",
        "Basculer « à discuter »",
    ),
    Touche(
        "ecran.filtre",
        "f",
        "filtre",
        "Filtrer",
        "Filtrer par partie, statut, retard, « à discuter »",
        "ecran",
        "Filtrer les engagements",
        montree=True,
    ),
    Touche(
        "ecran.en_retard",
        "exclamation_mark",
        "en_retard",
        "En retard",
        "Montrer seulement les engagements en retard, ou tous",
        "ecran",
        "En retard seulement",
    ),
    Touche(
        "ecran.recherche",
        "slash",
        "recherche",
        "Chercher",
        "Chercher dans les engagements, pilotes et notes",
        "ecran",
        "Chercher",
        montree=True,
    ),
    Touche(
        "ecran.seance",
        "m",
        "seance",
        "Séance",
        "Ouvrir une séance de comité, ou fermer celle qui est ouverte",
        "ecran",
        "Ouvrir ou fermer une séance",
        montree=True,
    ),
    Touche(
        "ecran.ordre_du_jour",
        "A",
        "ordre_du_jour",
        "Ordre du jour",
        "Ordre du jour de la séance : suites, points à discuter, retards, échéances",
        "ecran",
        "Ordre du jour de la séance",
    ),
    Touche(
        "ecran.point_suivant",
        "N",
        "point_suivant",
        "Point suivant",
        "En séance : le point montré est traité, montrer le point suivant de l'ordre du jour",
        "ecran",
        "Point suivant de l'ordre du jour",
        montree=True,
    ),
    Touche(
        "ecran.depuis",
        "D",
        "depuis",
        "Depuis",
        "Ce qui a changé depuis la dernière séance du comité, ou depuis une date",
        "ecran",
        "Depuis la dernière séance",
    ),
    Touche(
        "ecran.relancer",
        "R",
        "relancer",
        "À relancer",
        "Les engagements en retard ou sans changement depuis des semaines, par pilote",
        "ecran",
        "À relancer",
    ),
    Touche(
        "ecran.importer",
        "i",
        "importer",
        "Importer",
        "Importer une annexe (PDF, Word, OpenDocument, Markdown) : aperçu, puis import",
        "ecran",
        "Importer une annexe",
    ),
    Touche(
        "ecran.bilan",
        "B",
        "bilan",
        "Bilan",
        "Bilan du contrat : axes × parties, avancement mois par mois, engagements à reporter",
        "ecran",
        "Bilan du contrat",
    ),
    Touche(
        "ecran.mesure",
        "v",
        "mesure",
        "Mesure",
        "Saisir une mesure d'un indicateur de l'engagement (ou de son objectif)",
        "ecran",
        "Saisir une mesure d'indicateur",
    ),
    Touche(
        "ecran.financement",
        "dollar_sign",
        "financement",
        "Programmer",
        "Saisir une action de la programmation : porteur, objectifs, montants par financeur",
        "ecran",
        "Saisir une action de la programmation",
    ),
    Touche(
        "ecran.programmation",
        "F",
        "programmation",
        "Programmation",
        "La programmation : ce qui a été financé, par objectif et par année",
        "ecran",
        "Programmation par objectif et par année",
    ),
    Touche(
        "ecran.revue",
        "Y",
        "revue",
        "Revue",
        "Écrire la revue annuelle d'une année (Markdown et HTML) : par enjeu, indicateurs, décisions, programmation",
        "ecran",
        "Écrire la revue annuelle",
    ),
    # --- the panes -------------------------------------------------------------------------------------
    Touche("axes.suivant", "j", "cursor_down", "Axe suivant", "Descendre d'un axe", "axes"),
    Touche("axes.precedent", "k", "cursor_up", "Axe précédent", "Monter d'un axe", "axes"),
    Touche("axes.premier", "g", "first", "Premier", "Aller à « Tous les axes »", "axes"),
    Touche("axes.dernier", "G", "last", "Dernier", "Aller au dernier axe", "axes"),
    Touche(
        "axes.deplier",
        "right",
        "deplier",
        "Déplier",
        "Déplier le nœud (ou aller à son premier sous-niveau)",
        "axes",
    ),
    Touche("axes.replier", "left", "replier", "Replier", "Replier le nœud (ou remonter à son parent)", "axes"),
    Touche(
        "axes.ouvrir",
        "enter",
        "screen.focus_pane('engagements')",
        "Voir ses engagements",
        "Passer au tableau des engagements de cet axe",
        "axes",
    ),
    Touche(
        "engagements.detail",
        "enter",
        "screen.detail",
        "Détail",
        "Ouvrir le détail de l'engagement",
        "engagements",
        "Ouvrir le détail de l'engagement",
    ),
    Touche("engagements.suivant", "j", "cursor_down", "Suivant", "Engagement suivant", "engagements"),
    Touche("engagements.precedent", "k", "cursor_up", "Précédent", "Engagement précédent", "engagements"),
    Touche("engagements.premier", "g", "scroll_top", "Premier", "Premier engagement", "engagements"),
    Touche("engagements.dernier", "G", "scroll_bottom", "Dernier", "Dernier engagement chargé", "engagements"),
    Touche("detail.bas", "j", "scroll_down", "Descendre", "Descendre dans le détail", "detail"),
    Touche("detail.haut", "k", "scroll_up", "Monter", "Remonter dans le détail", "detail"),
    Touche("detail.debut", "g", "scroll_home", "Début", "Début du détail", "detail"),
    Touche("detail.fin", "G", "scroll_end", "Fin", "Fin du détail", "detail"),
    Touche(
        "detail.fermer",
        "escape",
        "screen.fermer_detail",
        "Retour",
        "Revenir au tableau des engagements",
        "detail",
        montree=True,
    ),
    Touche(
        "echeances.faite",
        "space",
        "cocher",
        "Faite",
        "Marquer l'échéance comme faite aujourd'hui",
        "echeances",
        montree=True,
    ),
    Touche(
        "echeances.engagement",
        "enter",
        "montrer",
        "Engagement",
        "Montrer l'engagement de l'échéance dans le tableau",
        "echeances",
    ),
    Touche("echeances.suivante", "j", "cursor_down", "Suivante", "Échéance suivante", "echeances"),
    Touche("echeances.precedente", "k", "cursor_up", "Précédente", "Échéance précédente", "echeances"),
    Touche("echeances.premiere", "g", "scroll_top", "Première", "Première échéance", "echeances"),
    Touche("echeances.derniere", "G", "scroll_bottom", "Dernière", "Dernière échéance", "echeances"),
    Touche(
        "journal.comite_precedent",
        "less_than_sign",
        "changer(-1)",
        "Comité préc.",
        "Afficher le journal du comité précédent",
        "journal",
        montree=True,
    ),
    Touche(
        "journal.comite_suivant",
        "greater_than_sign",
        "changer(1)",
        "Comité suiv.",
        "Afficher le journal du comité suivant",
        "journal",
        montree=True,
    ),
    Touche(
        "journal.nouveau_comite",
        "plus",
        "screen.nouveau_comite",
        "Nouveau comité",
        "Créer un comité technique",
        "journal",
        "Créer un comité",
        montree=True,
    ),
    Touche(
        "journal.releve",
        "r",
        "screen.releve",
        "Relevé",
        "Écrire le relevé de décisions d'une séance (Markdown et HTML)",
        "journal",
        "Écrire le relevé de décisions",
        montree=True,
    ),
    Touche("notes.suivante", "j", "cursor_down", "Note suivante", "Note suivante", "notes"),
    Touche("notes.precedente", "k", "cursor_up", "Note précédente", "Note précédente", "notes"),
    Touche("notes.premiere", "g", "first", "Première", "Première note (séance la plus récente)", "notes"),
    Touche("notes.derniere", "G", "last", "Dernière", "Dernière note (séance la plus ancienne affichée)", "notes"),
    Touche("notes.engagement", "enter", "select", "Engagement lié", "Montrer l'engagement lié à la note", "notes"),
    # --- the lists opened from the main screen ------------------------------------------------------------
    Touche("vue.retour", "escape", "retour", "Retour", "Revenir à l'écran principal", "vue", montree=True),
    Touche(
        "liste.ouvrir",
        "enter",
        "select",
        "Ouvrir",
        "Montrer cet engagement sur l'écran principal",
        "liste",
        montree=True,
    ),
    Touche("liste.suivant", "j", "cursor_down", "Suivant", "Engagement suivant", "liste"),
    Touche("liste.precedent", "k", "cursor_up", "Précédent", "Engagement précédent", "liste"),
    Touche("liste.premier", "g", "first", "Premier", "Premier engagement de la liste", "liste"),
    Touche("liste.dernier", "G", "last", "Dernier", "Dernier engagement de la liste", "liste"),
    # --- the programmation (F) ------------------------------------------------------------------------------
    Touche(
        "programmation.annee_precedente",
        "less_than_sign",
        "annee(-1)",
        "Année préc.",
        "Montrer l'année précédente de la programmation",
        "programmation",
        montree=True,
    ),
    Touche(
        "programmation.annee_suivante",
        "greater_than_sign",
        "annee(1)",
        "Année suiv.",
        "Montrer l'année suivante (l'année qui vient, pour la préparer)",
        "programmation",
        montree=True,
    ),
    Touche(
        "programmation.nouvelle",
        "dollar_sign",
        "nouvelle",
        "Nouvelle action",
        "Saisir une nouvelle action de la programmation de l'année montrée",
        "programmation",
        montree=True,
    ),
    # --- the preview of a returned fiche de suivi --------------------------------------------------------
    Touche(
        "retour.basculer",
        "space",
        "screen.basculer_retour",
        "Garder / écarter",
        "Garder ou écarter le changement sous le curseur",
        "liste_retour",
        "Garder ou écarter ce changement",
        montree=True,
    ),
    Touche(
        "retour.appliquer",
        "enter",
        "screen.appliquer_retour",
        "Appliquer",
        "Écrire les changements gardés, en une fois (ctrl+z les annule tous)",
        "liste_retour",
        "Appliquer les changements gardés",
        montree=True,
    ),
    Touche("retour.suivant", "j,down", "cursor_down", "Suivant", "Changement suivant", "liste_retour"),
    Touche("retour.precedent", "k,up", "cursor_up", "Précédent", "Changement précédent", "liste_retour"),
    Touche("retour.premier", "g,home", "first", "Premier", "Premier changement", "liste_retour"),
    Touche("retour.dernier", "G,end", "last", "Dernier", "Dernier changement", "liste_retour"),
    Touche("retour.page_bas", "pagedown", "page_down", "Page suivante", "Page suivante", "liste_retour"),
    Touche("retour.page_haut", "pageup", "page_up", "Page précédente", "Page précédente", "liste_retour"),
    Touche(
        "retour.abandonner",
        "escape",
        "abandonner_retour",
        "Abandonner",
        "Revenir sans rien écrire",
        "retour",
        "Abandonner l'import",
        montree=True,
    ),
    # --- the dialogs -------------------------------------------------------------------------------------
    Touche(
        "dialogue.annuler",
        "escape",
        "annuler",
        "Annuler",
        "Fermer sans rien changer (un texte tapé est gardé)",
        "dialogue",
        montree=True,
    ),
    Touche("dialogue.cocher", "space", "toggle_button", "Cocher", "Cocher ou décocher", "case"),
    Touche(
        "import.valider",
        "enter",
        "valider",
        "Importer",
        "Lire le fichier et montrer l'aperçu, puis importer l'annexe",
        "import_annexe",
        montree=True,
    ),
    Touche("import.bas", "down", "defiler(1)", "Défiler", "Faire défiler l'aperçu", "import_annexe"),
    Touche("import.haut", "up", "defiler(-1)", "Défiler", "Faire défiler l'aperçu", "import_annexe"),
    Touche(
        "import.page_suivante", "pagedown", "defiler(10)", "Page suivante", "Faire défiler l'aperçu", "import_annexe"
    ),
    Touche(
        "import.page_precedente", "pageup", "defiler(-10)", "Page précédente", "Faire défiler l'aperçu", "import_annexe"
    ),
    Touche("import.completer", "tab", "completer", "Compléter", "Accepter le chemin proposé", "champ_chemin"),
    Touche(
        "fiche.lire",
        "enter",
        "lire",
        "Lire",
        "Lire la fiche et montrer ce qui changerait",
        "import_fiche",
        montree=True,
    ),
    Touche(
        "fiche.comite", "space,down,up", "show_overlay", "Choisir", "Ouvrir la liste des comités", "choix_comite_fiche"
    ),
    Touche(
        "mesure.enregistrer", "enter", "enregistrer", "Enregistrer", "Enregistrer la mesure", "mesure", montree=True
    ),
    Touche(
        "mesure.indicateur",
        "space,down,up",
        "show_overlay",
        "Choisir",
        "Ouvrir la liste des indicateurs",
        "choix_indicateur",
    ),
    Touche("statut.a_venir", "1", "choisir('a_venir')", "À venir", "Passer l'engagement à « À venir »", "statut"),
    Touche("statut.en_cours", "2", "choisir('en_cours')", "En cours", "Passer l'engagement à « En cours »", "statut"),
    Touche("statut.realise", "3", "choisir('realise')", "Réalisé", "Passer l'engagement à « Réalisé »", "statut"),
    Touche("statut.en_pause", "4", "choisir('en_pause')", "En pause", "Passer l'engagement à « En pause »", "statut"),
    Touche("statut.bloque", "5", "choisir('bloque')", "Bloqué", "Passer l'engagement à « Bloqué »", "statut"),
    Touche(
        "statut.abandonne", "6", "choisir('abandonne')", "Abandonné", "Passer l'engagement à « Abandonné »", "statut"
    ),
    Touche("statut.suivant", "j", "deplacer(1)", "Suivant", "Statut suivant", "statut"),
    Touche("statut.precedent", "k", "deplacer(-1)", "Précédent", "Statut précédent", "statut"),
    Touche("note.enregistrer", "ctrl+s", "enregistrer", "Enregistrer", "Enregistrer la note", "note", montree=True),
    # priority: a terminal sends alt+d with its character, which the text area would insert.
    Touche("note.type.info", "alt+i", "type('info')", "Info", "Note de type « Info »", "note", priorite=True),
    Touche(
        "note.type.decision",
        "alt+d",
        "type('decision')",
        "Décision",
        "Note de type « Décision »",
        "note",
        priorite=True,
    ),
    Touche("note.type.action", "alt+a", "type('action')", "Action", "Note de type « Action »", "note", priorite=True),
    Touche(
        "note.confidentielle",
        "alt+c",
        "confidentielle",
        "Confidentielle",
        "Marquer ou démarquer la note comme confidentielle",
        "note",
        priorite=True,
    ),
    Touche(
        "filtre.appliquer",
        "enter",
        "appliquer",
        "Appliquer",
        "Appliquer ce filtre aux engagements",
        "filtre",
        montree=True,
        priorite=True,
    ),
    Touche("filtre.effacer", "r", "effacer", "Tout effacer", "Retirer tous les filtres", "filtre", montree=True),
    Touche("seance.ouvrir", "enter", "ouvrir", "Ouvrir", "Ouvrir la séance", "seance", montree=True),
    Touche(
        "seance.nouveau_comite",
        "plus",
        "nouveau_comite",
        "Nouveau comité",
        "Créer le comité qui se réunit",
        "seance",
        montree=True,
    ),
    Touche("seance.comite", "space,down,up", "show_overlay", "Choisir", "Ouvrir la liste des comités", "choix_comite"),
    Touche("export.exporter", "enter", "exporter", "Exporter", "Écrire le fichier d'export", "export", montree=True),
    Touche("export.format", "space,down,up", "show_overlay", "Choisir", "Ouvrir la liste des formats", "choix_format"),
    Touche(
        "releve.ecrire", "enter", "ecrire", "Écrire", "Écrire le relevé en Markdown et en HTML", "releve", montree=True
    ),
    Touche("releve.seance", "space,down,up", "show_overlay", "Choisir", "Ouvrir la liste des séances", "choix_seance"),
    Touche(
        "programmation.enregistrer",
        "enter",
        "enregistrer",
        "Enregistrer",
        "Enregistrer l'action de la programmation (ctrl+z l'annule)",
        "action_programmee",
        montree=True,
    ),
    Touche(
        "programmation.cocher",
        "space",
        "select",
        "Cocher",
        "Cocher ou décocher un objectif que l'action sert",
        "choix_objectifs",
    ),
    Touche("programmation.objectif_suivant", "down", "cursor_down", "Suivant", "Objectif suivant", "choix_objectifs"),
    Touche("programmation.objectif_precedent", "up", "cursor_up", "Précédent", "Objectif précédent", "choix_objectifs"),
    Touche("programmation.premier_noeud", "home", "first", "Début", "Premier nœud de l'arbre", "choix_objectifs"),
    Touche("programmation.dernier_noeud", "end", "last", "Fin", "Dernier nœud de l'arbre", "choix_objectifs"),
    Touche(
        "revue.ecrire",
        "enter",
        "ecrire",
        "Écrire",
        "Écrire la revue de l'année en Markdown et en HTML",
        "revue",
        montree=True,
    ),
    Touche("contrat.suivant", "down", "deplacer(1)", "Suivant", "Contrat suivant", "contrat"),
    Touche("contrat.precedent", "up", "deplacer(-1)", "Précédent", "Contrat précédent", "contrat"),
    Touche(
        "recherche.descendre",
        "down",
        "descendre",
        "Résultats",
        "Aller dans la liste des résultats",
        "recherche",
        priorite=True,
    ),
    Touche(
        "recherche.monter",
        "up",
        "monter",
        "Résultats",
        "Remonter dans les résultats, puis dans la saisie",
        "recherche",
        priorite=True,
    ),
    Touche("question.oui", "o,enter", "oui", "Oui", "Répondre oui", "question"),
    Touche("question.non", "n", "annuler", "Non", "Répondre non : rien n'est fait", "question"),
    Touche("aide.echap", "escape", "annuler", "Fermer", "Fermer l'aide", "aide", montree=True),
    Touche("aide.fermer", "question_mark", "annuler", "Fermer", "Fermer l'aide", "aide", montree=True),
    Touche("aide.quitter", "q", "annuler", "Fermer", "Fermer l'aide", "aide"),
    Touche(
        "restauration.restaurer",
        "r",
        "restaurer",
        "Restaurer cette sauvegarde",
        "Remettre la sauvegarde en place ; le fichier endommagé est gardé à côté",
        "restauration",
        montree=True,
    ),
    Touche(
        "restauration.quitter",
        "q",
        "quitter",
        "Quitter sans rien changer",
        "Quitter : la base reste telle quelle",
        "restauration",
        montree=True,
    ),
)

# How a key is written for a French user (the Footer, the help, the docs): Textual's names otherwise.
AFFICHAGE: dict[str, str] = {
    "question_mark": "?",
    "exclamation_mark": "!",
    "slash": "/",
    "plus": "+",
    "dollar_sign": "$",
    "less_than_sign": "<",
    "greater_than_sign": ">",
    "space": "espace",
    "escape": "échap",
    "enter": "entrée",
    "tab": "tab",
    "shift+tab": "maj+tab",
    "up": "↑",
    "down": "↓",
    "home": "début",
    "end": "fin",
    "ctrl+q": "^q",
    "ctrl+z": "^z",
    "ctrl+p": "^p",
    "ctrl+s": "^s",
}


# The arrows do what j and k do in every list.
FLECHES = {"cursor_down": "down", "cursor_up": "up", "scroll_down": "down", "scroll_up": "up"}


def affichage(touche: str) -> str:
    """« ? », « entrée », « ^z », « alt+d »: one Textual key name as the user reads it."""
    return AFFICHAGE.get(touche, touche)


def liaisons(porteur: str) -> list[Binding]:
    """The BINDINGS of one widget, in the order they are declared here."""
    return [
        Binding(
            t.touches,
            t.action,
            t.libelle,
            show=t.montree,
            priority=t.priorite,
            tooltip=t.aide,
            id=t.id,
            system=t.systeme,
        )
        for t in TOUCHES
        if t.porteur == porteur
    ]


def touches_de(porteur: str) -> list[Touche]:
    return [t for t in TOUCHES if t.porteur == porteur]


def palette() -> list[Touche]:
    """The actions offered by name in ctrl+p, in the order declared."""
    return [t for t in TOUCHES if t.palette]


def action_de_palette(touche: Touche) -> str:
    """The action the palette runs for it: « app.x », « screen.x » (already namespaced when so declared)."""
    if "." in touche.action.split("(")[0]:
        return touche.action
    return f"{'app' if touche.porteur == 'app' else 'screen'}.{touche.action}"


def lignes_par_section(porteurs: tuple[str, ...] | None = None) -> list[tuple[str, list[tuple[str, str]]]]:
    """(section, [(keys as read, what they do)]): the help screen's sections and docs/touches.md's tables.

    Several keys for one action in one section share a line (« q / ^q »).
    """
    sections: dict[str, dict[tuple[str, str], list[str]]] = {}
    for touche in TOUCHES:
        if touche.systeme or (porteurs is not None and touche.porteur not in porteurs):
            continue
        lignes = sections.setdefault(PORTEURS[touche.porteur], {})
        cle = (touche.action, touche.aide)
        affichees = lignes.setdefault(cle, [])
        # j and k move as the arrows do (Textual's own keys): said on the same line.
        touches = [*touche.touches.split(","), *([FLECHES[touche.action]] if touche.action in FLECHES else [])]
        for nom in map(affichage, touches):  # « j,down » and the arrow added above: ↓ once
            if nom not in affichees:
                affichees.append(nom)
    return [
        (section, [(" / ".join(touches), aide) for (_, aide), touches in lignes.items()])
        for section, lignes in sections.items()
    ]


def _cellule(texte: str) -> str:
    return texte.replace("|", "\\|")


ENTETE_DOC = """# Les touches

Toutes les touches de suivi, par endroit où elles agissent. Le pied d'écran montre celles qui
s'appliquent là où l'on est ; `?` les liste ; `ctrl+p` propose les actions par leur nom.

Ce fichier est produit par `make docs` depuis `src/suivi_tui/ui/touches.py` (un test vérifie
qu'il est à jour : aucune touche ne peut y manquer).
"""


def tableau_markdown() -> str:
    """docs/touches.md: its header, then a table per section (a test checks the file is this, so no key is missing)."""
    sortie: list[str] = [ENTETE_DOC]
    for section, lignes in lignes_par_section():
        sortie += [f"## {section}", "", "| touche | action |", "|---|---|"]
        sortie += [f"| `{touches}` | {_cellule(aide)} |" for touches, aide in lignes]
        sortie.append("")
    return "\n".join(sortie)


if __name__ == "__main__":  # make docs
    print(tableau_markdown(), end="")
