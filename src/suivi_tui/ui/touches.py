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
    "vue": "Ordre du jour (A), Depuis la dernière séance (D), À relancer (R)",
    "liste": "Ordre du jour (A), Depuis la dernière séance (D), À relancer (R)",
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
    "choix_seance": "Dialogue « Relevé de décisions » (r)",
    "contrat": "Dialogue « Changer de contrat » (c)",
    "recherche": "Recherche (/)",
    "question": "Questions après un changement",
    "aide": "Aide (?)",
    "restauration": "Restauration d'une base endommagée (au lancement)",
}

# The sections the `?` screen shows: the main screen and the lists it opens (dialogs say their keys).
SECTIONS_AIDE = ("app", "ecran", "axes", "engagements", "detail", "echeances", "journal", "vue")

_ = Touche  # short constructor name below
TOUCHES: tuple[Touche, ...] = (
    # --- everywhere -----------------------------------------------------------------------------------
    _(
        "app.aide",
        "question_mark",
        "aide",
        "Aide",
        "Toutes les touches, par volet",
        "app",
        "Aide : toutes les touches",
        montree=True,
    ),
    _("app.quitter", "q", "quit", "Quitter", "Quitter (tout est déjà enregistré)", "app", "Quitter", montree=True),
    _("app.quitter_ctrl", "ctrl+q", "quit", "Quitter", "Quitter (tout est déjà enregistré)", "app", priorite=True),
    _(
        "app.annuler",
        "ctrl+z",
        "annuler",
        "Annuler",
        "Annuler la dernière modification (plusieurs fois de suite)",
        "app",
        "Annuler la dernière modification",
        montree=True,
    ),
    _(
        "app.contrat",
        "c",
        "contrat",
        "Contrat",
        "Changer de contrat (base à plusieurs contrats)",
        "app",
        "Changer de contrat",
    ),
    _(
        "app.presentation",
        "P",
        "presentation",
        "Présentation",
        "Mode présentation : masquer pilotes et notes confidentielles",
        "app",
        "Mode présentation",
    ),
    _(
        "app.exporter",
        "x",
        "exporter",
        "Exporter",
        "Exporter : base, classeur, CSV, rapport, calendrier",
        "app",
        "Exporter",
    ),
    _(
        "app.palette",
        "ctrl+p",
        "command_palette",
        "Commandes",
        "Palette : toutes les actions par leur nom",
        "app",
        priorite=True,
    ),
    # --- the main screen -------------------------------------------------------------------------------
    _("ecran.axes", "1", "focus_pane('axes')", "Axes", "Aller au volet Axes", "ecran", "Aller au volet Axes"),
    _(
        "ecran.engagements",
        "2",
        "focus_pane('engagements')",
        "Engagements",
        "Aller au volet Engagements",
        "ecran",
        "Aller au volet Engagements",
    ),
    _(
        "ecran.echeances",
        "3",
        "focus_pane('echeances')",
        "Échéances",
        "Aller au volet Échéances",
        "ecran",
        "Aller au volet Échéances",
    ),
    _(
        "ecran.journal",
        "4",
        "focus_pane('journal')",
        "Journal",
        "Aller au volet Journal",
        "ecran",
        "Aller au volet Journal",
    ),
    _("ecran.suivant", "tab", "app.focus_next", "Volet suivant", "Passer au volet suivant", "ecran"),
    _("ecran.precedent", "shift+tab", "app.focus_previous", "Volet précédent", "Revenir au volet précédent", "ecran"),
    _(
        "ecran.statut",
        "s",
        "statut",
        "Statut",
        "Changer le statut de l'engagement",
        "ecran",
        "Changer le statut",
        montree=True,
    ),
    _(
        "ecran.note",
        "n",
        "note",
        "Note",
        "Écrire une note au journal d'un comité",
        "ecran",
        "Écrire une note au journal",
        montree=True,
    ),
    _(
        "ecran.echeance",
        "d",
        "echeance",
        "Échéance",
        "Ajouter une échéance à l'engagement (« T3 2021 », « fin 2022 »)",
        "ecran",
        "Ajouter une échéance",
        montree=True,
    ),
    _("ecran.pilote", "p", "pilote", "Pilote", "Nommer le pilote de l'engagement", "ecran", "Nommer le pilote"),
    _(
        "ecran.a_discuter",
        "a",
        "a_discuter",
        "À discuter",
        "Mettre à l'ordre du jour de la prochaine séance, ou l'en retirer",
        "ecran",
        "Basculer « à discuter »",
    ),
    _(
        "ecran.filtre",
        "f",
        "filtre",
        "Filtrer",
        "Filtrer par partie, statut, retard, « à discuter »",
        "ecran",
        "Filtrer les engagements",
        montree=True,
    ),
    _(
        "ecran.en_retard",
        "exclamation_mark",
        "en_retard",
        "En retard",
        "Montrer seulement les engagements en retard, ou tous",
        "ecran",
        "En retard seulement",
    ),
    _(
        "ecran.recherche",
        "slash",
        "recherche",
        "Chercher",
        "Chercher dans les engagements, pilotes et notes",
        "ecran",
        "Chercher",
        montree=True,
    ),
    _(
        "ecran.seance",
        "m",
        "seance",
        "Séance",
        "Ouvrir une séance de comité, ou fermer celle qui est ouverte",
        "ecran",
        "Ouvrir ou fermer une séance",
        montree=True,
    ),
    _(
        "ecran.ordre_du_jour",
        "A",
        "ordre_du_jour",
        "Ordre du jour",
        "Ordre du jour de la séance : suites, points à discuter, retards, échéances",
        "ecran",
        "Ordre du jour de la séance",
    ),
    _(
        "ecran.point_suivant",
        "N",
        "point_suivant",
        "Point suivant",
        "En séance : le point montré est traité, montrer le point suivant de l'ordre du jour",
        "ecran",
        "Point suivant de l'ordre du jour",
        montree=True,
    ),
    _(
        "ecran.depuis",
        "D",
        "depuis",
        "Depuis",
        "Ce qui a changé depuis la dernière séance du comité, ou depuis une date",
        "ecran",
        "Depuis la dernière séance",
    ),
    _(
        "ecran.relancer",
        "R",
        "relancer",
        "À relancer",
        "Les engagements en retard ou sans changement depuis des semaines, par pilote",
        "ecran",
        "À relancer",
    ),
    _(
        "ecran.mesure",
        "v",
        "mesure",
        "Mesure",
        "Saisir une mesure d'un indicateur de l'engagement (ou de son objectif)",
        "ecran",
        "Saisir une mesure d'indicateur",
    ),
    # --- the panes -------------------------------------------------------------------------------------
    _("axes.suivant", "j", "cursor_down", "Axe suivant", "Descendre d'un axe", "axes"),
    _("axes.precedent", "k", "cursor_up", "Axe précédent", "Monter d'un axe", "axes"),
    _("axes.premier", "g", "first", "Premier", "Aller à « Tous les axes »", "axes"),
    _("axes.dernier", "G", "last", "Dernier", "Aller au dernier axe", "axes"),
    _(
        "axes.deplier",
        "right",
        "deplier",
        "Déplier",
        "Déplier le nœud (ou aller à son premier sous-niveau)",
        "axes",
    ),
    _("axes.replier", "left", "replier", "Replier", "Replier le nœud (ou remonter à son parent)", "axes"),
    _(
        "axes.ouvrir",
        "enter",
        "screen.focus_pane('engagements')",
        "Voir ses engagements",
        "Passer au tableau des engagements de cet axe",
        "axes",
    ),
    _(
        "engagements.detail",
        "enter",
        "screen.detail",
        "Détail",
        "Ouvrir le détail de l'engagement",
        "engagements",
        "Ouvrir le détail de l'engagement",
    ),
    _("engagements.suivant", "j", "cursor_down", "Suivant", "Engagement suivant", "engagements"),
    _("engagements.precedent", "k", "cursor_up", "Précédent", "Engagement précédent", "engagements"),
    _("engagements.premier", "g", "scroll_top", "Premier", "Premier engagement", "engagements"),
    _("engagements.dernier", "G", "scroll_bottom", "Dernier", "Dernier engagement chargé", "engagements"),
    _("detail.bas", "j", "scroll_down", "Descendre", "Descendre dans le détail", "detail"),
    _("detail.haut", "k", "scroll_up", "Monter", "Remonter dans le détail", "detail"),
    _("detail.debut", "g", "scroll_home", "Début", "Début du détail", "detail"),
    _("detail.fin", "G", "scroll_end", "Fin", "Fin du détail", "detail"),
    _(
        "detail.fermer",
        "escape",
        "screen.fermer_detail",
        "Retour",
        "Revenir au tableau des engagements",
        "detail",
        montree=True,
    ),
    _(
        "echeances.faite",
        "space",
        "cocher",
        "Faite",
        "Marquer l'échéance comme faite aujourd'hui",
        "echeances",
        montree=True,
    ),
    _(
        "echeances.engagement",
        "enter",
        "montrer",
        "Engagement",
        "Montrer l'engagement de l'échéance dans le tableau",
        "echeances",
    ),
    _("echeances.suivante", "j", "cursor_down", "Suivante", "Échéance suivante", "echeances"),
    _("echeances.precedente", "k", "cursor_up", "Précédente", "Échéance précédente", "echeances"),
    _("echeances.premiere", "g", "scroll_top", "Première", "Première échéance", "echeances"),
    _("echeances.derniere", "G", "scroll_bottom", "Dernière", "Dernière échéance", "echeances"),
    _(
        "journal.comite_precedent",
        "less_than_sign",
        "changer(-1)",
        "Comité préc.",
        "Afficher le journal du comité précédent",
        "journal",
        montree=True,
    ),
    _(
        "journal.comite_suivant",
        "greater_than_sign",
        "changer(1)",
        "Comité suiv.",
        "Afficher le journal du comité suivant",
        "journal",
        montree=True,
    ),
    _(
        "journal.nouveau_comite",
        "plus",
        "screen.nouveau_comite",
        "Nouveau comité",
        "Créer un comité technique",
        "journal",
        "Créer un comité",
        montree=True,
    ),
    _(
        "journal.releve",
        "r",
        "screen.releve",
        "Relevé",
        "Écrire le relevé de décisions d'une séance (Markdown et HTML)",
        "journal",
        "Écrire le relevé de décisions",
        montree=True,
    ),
    _("notes.suivante", "j", "cursor_down", "Note suivante", "Note suivante", "notes"),
    _("notes.precedente", "k", "cursor_up", "Note précédente", "Note précédente", "notes"),
    _("notes.premiere", "g", "first", "Première", "Première note (séance la plus récente)", "notes"),
    _("notes.derniere", "G", "last", "Dernière", "Dernière note (séance la plus ancienne affichée)", "notes"),
    _("notes.engagement", "enter", "select", "Engagement lié", "Montrer l'engagement lié à la note", "notes"),
    # --- the lists opened from the main screen ------------------------------------------------------------
    _("vue.retour", "escape", "retour", "Retour", "Revenir à l'écran principal", "vue", montree=True),
    _(
        "liste.ouvrir",
        "enter",
        "select",
        "Ouvrir",
        "Montrer cet engagement sur l'écran principal",
        "liste",
        montree=True,
    ),
    _("liste.suivant", "j", "cursor_down", "Suivant", "Engagement suivant", "liste"),
    _("liste.precedent", "k", "cursor_up", "Précédent", "Engagement précédent", "liste"),
    _("liste.premier", "g", "first", "Premier", "Premier engagement de la liste", "liste"),
    _("liste.dernier", "G", "last", "Dernier", "Dernier engagement de la liste", "liste"),
    # --- the dialogs -------------------------------------------------------------------------------------
    _(
        "dialogue.annuler",
        "escape",
        "annuler",
        "Annuler",
        "Fermer sans rien changer (un texte tapé est gardé)",
        "dialogue",
        montree=True,
    ),
    _("dialogue.cocher", "space", "toggle_button", "Cocher", "Cocher ou décocher", "case"),
    _("statut.a_venir", "1", "choisir('a_venir')", "À venir", "Passer l'engagement à « À venir »", "statut"),
    _("statut.en_cours", "2", "choisir('en_cours')", "En cours", "Passer l'engagement à « En cours »", "statut"),
    _("statut.realise", "3", "choisir('realise')", "Réalisé", "Passer l'engagement à « Réalisé »", "statut"),
    _("statut.en_pause", "4", "choisir('en_pause')", "En pause", "Passer l'engagement à « En pause »", "statut"),
    _("statut.bloque", "5", "choisir('bloque')", "Bloqué", "Passer l'engagement à « Bloqué »", "statut"),
    _("statut.abandonne", "6", "choisir('abandonne')", "Abandonné", "Passer l'engagement à « Abandonné »", "statut"),
    _("statut.suivant", "j", "deplacer(1)", "Suivant", "Statut suivant", "statut"),
    _("statut.precedent", "k", "deplacer(-1)", "Précédent", "Statut précédent", "statut"),
    _("note.enregistrer", "ctrl+s", "enregistrer", "Enregistrer", "Enregistrer la note", "note", montree=True),
    # priority: a terminal sends alt+d with its character, which the text area would insert.
    _("note.type.info", "alt+i", "type('info')", "Info", "Note de type « Info »", "note", priorite=True),
    _(
        "note.type.decision",
        "alt+d",
        "type('decision')",
        "Décision",
        "Note de type « Décision »",
        "note",
        priorite=True,
    ),
    _("note.type.action", "alt+a", "type('action')", "Action", "Note de type « Action »", "note", priorite=True),
    _(
        "note.confidentielle",
        "alt+c",
        "confidentielle",
        "Confidentielle",
        "Marquer ou démarquer la note comme confidentielle",
        "note",
        priorite=True,
    ),
    _(
        "filtre.appliquer",
        "enter",
        "appliquer",
        "Appliquer",
        "Appliquer ce filtre aux engagements",
        "filtre",
        montree=True,
        priorite=True,
    ),
    _("filtre.effacer", "r", "effacer", "Tout effacer", "Retirer tous les filtres", "filtre", montree=True),
    _("seance.ouvrir", "enter", "ouvrir", "Ouvrir", "Ouvrir la séance", "seance", montree=True),
    _(
        "seance.nouveau_comite",
        "plus",
        "nouveau_comite",
        "Nouveau comité",
        "Créer le comité qui se réunit",
        "seance",
        montree=True,
    ),
    _("seance.comite", "space,down,up", "show_overlay", "Choisir", "Ouvrir la liste des comités", "choix_comite"),
    _("export.exporter", "enter", "exporter", "Exporter", "Écrire le fichier d'export", "export", montree=True),
    _("export.format", "space,down,up", "show_overlay", "Choisir", "Ouvrir la liste des formats", "choix_format"),
    _("releve.ecrire", "enter", "ecrire", "Écrire", "Écrire le relevé en Markdown et en HTML", "releve", montree=True),
    _("releve.seance", "space,down,up", "show_overlay", "Choisir", "Ouvrir la liste des séances", "choix_seance"),
    _("contrat.suivant", "down", "deplacer(1)", "Suivant", "Contrat suivant", "contrat"),
    _("contrat.precedent", "up", "deplacer(-1)", "Précédent", "Contrat précédent", "contrat"),
    _(
        "recherche.descendre",
        "down",
        "descendre",
        "Résultats",
        "Aller dans la liste des résultats",
        "recherche",
        priorite=True,
    ),
    _(
        "recherche.monter",
        "up",
        "monter",
        "Résultats",
        "Remonter dans les résultats, puis dans la saisie",
        "recherche",
        priorite=True,
    ),
    _("question.oui", "o,enter", "oui", "Oui", "Répondre oui", "question"),
    _("question.non", "n", "annuler", "Non", "Répondre non : rien n'est fait", "question"),
    _("aide.echap", "escape", "annuler", "Fermer", "Fermer l'aide", "aide", montree=True),
    _("aide.fermer", "question_mark", "annuler", "Fermer", "Fermer l'aide", "aide", montree=True),
    _("aide.quitter", "q", "annuler", "Fermer", "Fermer l'aide", "aide"),
    _(
        "restauration.restaurer",
        "r",
        "restaurer",
        "Restaurer cette sauvegarde",
        "Remettre la sauvegarde en place ; le fichier endommagé est gardé à côté",
        "restauration",
        montree=True,
    ),
    _(
        "restauration.quitter",
        "q",
        "quitter",
        "Quitter sans rien changer",
        "Quitter : la base reste telle quelle",
        "restauration",
        montree=True,
    ),
)
del _

# How a key is written for a French user (the Footer, the help, the docs): Textual's names otherwise.
AFFICHAGE: dict[str, str] = {
    "question_mark": "?",
    "exclamation_mark": "!",
    "slash": "/",
    "plus": "+",
    "less_than_sign": "<",
    "greater_than_sign": ">",
    "space": "espace",
    "escape": "échap",
    "enter": "entrée",
    "tab": "tab",
    "shift+tab": "maj+tab",
    "up": "↑",
    "down": "↓",
    "ctrl+q": "^q",
    "ctrl+z": "^z",
    "ctrl+p": "^p",
    "ctrl+s": "^s",
}


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
        if porteurs is not None and touche.porteur not in porteurs:
            continue
        lignes = sections.setdefault(PORTEURS[touche.porteur], {})
        cle = (touche.action, touche.aide)
        affichees = lignes.setdefault(cle, [])
        affichees += [affichage(k) for k in touche.touches.split(",") if affichage(k) not in affichees]
    return [
        (section, [(" / ".join(touches), aide) for (_, aide), touches in lignes.items()])
        for section, lignes in sections.items()
    ]


def _cellule(texte: str) -> str:
    return texte.replace("|", "\\|")


def tableau_markdown() -> str:
    """docs/touches.md's tables, one per section (a test checks the file is this, so no key is missing)."""
    sortie: list[str] = []
    for section, lignes in lignes_par_section():
        sortie += [f"## {section}", "", "| touche | action |", "|---|---|"]
        sortie += [f"| `{touches}` | {_cellule(aide)} |" for touches, aide in lignes]
        sortie.append("")
    return "\n".join(sortie)
