"""The demo generator's vocabularies: cities with QPV, pilotes, comités, échéances, note templates."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Ville:
    """A real city with priority neighbourhoods, its département and some of its QPV."""

    nom: str
    article: str  # the département's article: « le », « la », « les », « l' »
    departement: str
    quartiers: tuple[str, ...]

    @property
    def de_ville(self) -> str:
        """« de Grigny », « d'Amiens », « du Havre », « des Mureaux »."""
        if self.nom.startswith("Le "):
            return "du " + self.nom[3:]
        if self.nom.startswith("Les "):
            return "des " + self.nom[4:]
        return ("d'" if self.nom[0] in "AEIOUÉÈY" else "de ") + self.nom

    @property
    def dans_departement(self) -> str:
        """« dans l'Essonne », « dans les Bouches-du-Rhône »."""
        separateur = "" if self.article == "l'" else " "
        return f"dans {self.article}{separateur}{self.departement}"

    @property
    def du_departement(self) -> str:
        """« de l'Essonne », « du Nord », « des Yvelines », « de la Somme »."""
        forme = {"le": "du ", "les": "des ", "la": "de la ", "l'": "de l'"}[self.article]
        return forme + self.departement


def _v(nom: str, article: str, departement: str, *quartiers: str) -> Ville:
    return Ville(nom, article, departement, quartiers)


SSD, VDO, ESS, YVE, VDM, HDS = (
    ("la", "Seine-Saint-Denis"),
    ("le", "Val-d'Oise"),
    ("l'", "Essonne"),
    ("les", "Yvelines"),
    ("le", "Val-de-Marne"),
    ("les", "Hauts-de-Seine"),
)

VILLES: tuple[Ville, ...] = (
    _v("Grigny", *ESS, "La Grande Borne", "Grigny 2"),
    _v("Clichy-sous-Bois", *SSD, "Le Chêne Pointu", "Le Bois du Temple"),
    _v("Sevran", *SSD, "Les Beaudottes", "Rougemont", "Montceleux-Pont Blanc"),
    _v("Roubaix", "le", "Nord", "L'Alma", "Les Trois Ponts", "Le Pile"),
    _v("Vaulx-en-Velin", "le", "Rhône", "Le Mas du Taureau", "Le Grand Mas"),
    _v("Marseille", "les", "Bouches-du-Rhône", "La Castellane", "Frais Vallon", "La Savine", "Air-Bel"),
    _v("Nîmes", "le", "Gard", "Pissevin", "Valdegour", "Chemin Bas d'Avignon"),
    _v("Mulhouse", "le", "Haut-Rhin", "Les Coteaux", "Bourtzwiller", "Drouot"),
    _v("Amiens", "la", "Somme", "Amiens Nord", "Étouvie"),
    _v("Aulnay-sous-Bois", *SSD, "La Rose des Vents", "Les Merisiers"),
    _v("Bobigny", *SSD, "L'Abreuvoir", "Karl Marx"),
    _v("Saint-Denis", *SSD, "Franc-Moisin", "Floréal"),
    _v("La Courneuve", *SSD, "Les 4000"),
    _v("Villiers-le-Bel", *VDO, "Derrière-les-Murs", "Les Carreaux"),
    _v("Sarcelles", *VDO, "Les Lochères"),
    _v("Garges-lès-Gonesse", *VDO, "La Muette", "Dame Blanche"),
    _v("Mantes-la-Jolie", *YVE, "Le Val Fourré"),
    _v("Les Mureaux", *YVE, "Les Musiciens", "Cinq Quartiers"),
    _v("Trappes", *YVE, "Les Merisiers", "La Plaine de Neauphle"),
    _v("Évry-Courcouronnes", *ESS, "Les Pyramides", "Le Canal"),
    _v("Corbeil-Essonnes", *ESS, "Les Tarterêts", "Montconseil"),
    _v("Vitry-sur-Seine", *VDM, "Balzac", "Commune de Paris"),
    _v("Champigny-sur-Marne", *VDM, "Les Mordacs", "Le Bois l'Abbé"),
    _v("Créteil", *VDM, "Le Mont-Mesly", "Les Bleuets"),
    _v("Nanterre", *HDS, "Le Petit Nanterre", "Les Provinces Françaises"),
    _v("Gennevilliers", *HDS, "Le Luth", "Les Agnettes"),
    _v("Bagneux", *HDS, "La Pierre Plate", "Les Tertres"),
    _v("Tourcoing", "le", "Nord", "La Bourgogne", "Phalempins"),
    _v("Lille", "le", "Nord", "Lille Sud", "Moulins", "Fives"),
    _v("Denain", "le", "Nord", "Faubourg Duchateau", "Nouveau Monde"),
    _v("Maubeuge", "le", "Nord", "Sous-le-Bois", "L'Épinette"),
    _v("Lens", "le", "Pas-de-Calais", "Cité 12-14", "Grande Résidence"),
    _v("Calais", "le", "Pas-de-Calais", "Le Beau-Marais", "Fort Nieulay"),
    _v("Strasbourg", "le", "Bas-Rhin", "Neuhof", "Hautepierre", "Cronenbourg"),
    _v("Metz", "la", "Moselle", "Borny", "Bellecroix"),
    _v("Nancy", "la", "Meurthe-et-Moselle", "Haussonville", "Plateau de Haye"),
    _v("Reims", "la", "Marne", "Croix-Rouge", "Orgeval", "Europe"),
    _v("Troyes", "l'", "Aube", "Les Chartreux", "Jules Guesde"),
    _v("Dijon", "la", "Côte-d'Or", "Les Grésilles", "Fontaine d'Ouche"),
    _v("Besançon", "le", "Doubs", "Planoise", "Les Clairs-Soleils"),
    _v("Lyon", "le", "Rhône", "La Duchère", "Mermoz", "Langlet-Santy"),
    _v("Vénissieux", "le", "Rhône", "Les Minguettes"),
    _v("Saint-Étienne", "la", "Loire", "Montreynaud", "Tarentaize-Beaubrun"),
    _v("Grenoble", "l'", "Isère", "Villeneuve", "Mistral"),
    _v("Échirolles", "l'", "Isère", "Village Sud", "Essarts-Surieux"),
    _v("Clermont-Ferrand", "le", "Puy-de-Dôme", "Saint-Jacques", "La Gauthière"),
    _v("Toulouse", "la", "Haute-Garonne", "Le Mirail", "Les Izards", "Empalot"),
    _v("Montpellier", "l'", "Hérault", "La Mosson", "Petit Bard-Pergola"),
    _v("Béziers", "l'", "Hérault", "La Devèze", "Centre-ville"),
    _v("Perpignan", "les", "Pyrénées-Orientales", "Saint-Jacques", "Le Vernet"),
    _v("Avignon", "le", "Vaucluse", "Monclar", "Saint-Chamand"),
    _v("Nice", "les", "Alpes-Maritimes", "L'Ariane", "Les Moulins"),
    _v("Toulon", "le", "Var", "La Beaucaire", "Pontcarral"),
    _v("Bordeaux", "la", "Gironde", "Les Aubiers", "Bacalan"),
    _v("Cenon", "la", "Gironde", "Palmer", "Saraillère"),
    _v("Nantes", "la", "Loire-Atlantique", "Bellevue", "Malakoff", "Les Dervallières"),
    _v("Saint-Nazaire", "la", "Loire-Atlantique", "Ville Ouest", "Prézégat"),
    _v("Rennes", "l'", "Ille-et-Vilaine", "Le Blosne", "Maurepas", "Villejean"),
    _v("Brest", "le", "Finistère", "Pontanézen", "Keredern"),
    _v("Le Havre", "la", "Seine-Maritime", "Caucriauville", "Mont-Gaillard"),
    _v("Rouen", "la", "Seine-Maritime", "Les Hauts de Rouen", "Grammont"),
    _v("Caen", "le", "Calvados", "La Grâce de Dieu", "La Guérinière"),
    _v("Orléans", "le", "Loiret", "La Source", "L'Argonne"),
    _v("Tours", "l'", "Indre-et-Loire", "Le Sanitas", "Les Fontaines"),
    _v("Blois", "le", "Loir-et-Cher", "Quartiers Nord"),
    _v("Limoges", "la", "Haute-Vienne", "Val de l'Aurence", "Les Portes Ferrées"),
    _v("Poitiers", "la", "Vienne", "Les Couronneries", "Les Trois Cités"),
    _v("Angers", "le", "Maine-et-Loire", "Monplaisir", "Belle-Beille"),
    _v("Le Mans", "la", "Sarthe", "Les Sablons", "Ronceray-Glonnières"),
    _v("Cherbourg-en-Cotentin", "la", "Manche", "Les Provinces", "Les Fourches"),
    _v("Creil", "l'", "Oise", "Les Hauts de Creil", "Rouher"),
    _v("Beauvais", "l'", "Oise", "Saint-Jean", "Argentine"),
    _v("Saint-Quentin", "l'", "Aisne", "Europe", "Vermandois"),
    _v("Montbéliard", "le", "Doubs", "La Petite Hollande"),
    _v("Argenteuil", *VDO, "Le Val d'Argent", "Joliot-Curie"),
    _v("Meaux", "la", "Seine-et-Marne", "Beauval", "La Pierre Collinet"),
    _v("Montereau-Fault-Yonne", "la", "Seine-et-Marne", "Surville"),
    _v("Stains", *SSD, "Le Clos Saint-Lazare"),
    _v("Montfermeil", *SSD, "Les Bosquets"),
    _v("Épinay-sur-Seine", *SSD, "Orgemont", "La Source-Les Presles"),
    _v("Pau", "les", "Pyrénées-Atlantiques", "Saragosse", "Ousse des Bois"),
    _v("Valence", "la", "Drôme", "Fontbarlettes", "Le Plan"),
    _v("Villeurbanne", "le", "Rhône", "Saint-Jean", "Les Buers"),
    _v("Bondy", *SSD, "Blanqui", "La Noue-Caillet"),
    _v("Saint-Dizier", "la", "Haute-Marne", "Le Vert-Bois"),
    _v("Colmar", "le", "Haut-Rhin", "Europe", "Florimont-Bel'Air"),
)

# Social landlords (name, acronym): the bundled annex names « Hauts de Bièvre Habitat, HBH ».
BAILLEURS: tuple[tuple[str, str], ...] = (
    ("Seine-Saint-Denis Habitat", "SSDH"),
    ("Vilogia", "Vilogia"),
    ("Lille Métropole Habitat", "LMH"),
    ("Est Métropole Habitat", "EMH"),
    ("Logirem", "Logirem"),
    ("Habitat du Nord", "HDN"),
    ("Immobilière 3F", "I3F"),
    ("Grand Lyon Habitat", "GLH"),
    ("Habitat 76", "H76"),
    ("Nantes Métropole Habitat", "NMH"),
    ("Toulouse Métropole Habitat", "TMH"),
    ("Valophis", "Valophis"),
)

PRENOMS = (
    "Nadia",
    "Karim",
    "Sophie",
    "Julien",
    "Fatou",
    "Mehdi",
    "Claire",
    "Thomas",
    "Aïcha",
    "Nicolas",
    "Samia",
    "Laurent",
    "Élodie",
    "Youssef",
    "Isabelle",
    "Mamadou",
    "Camille",
    "Rachid",
    "Céline",
    "Antoine",
    "Leïla",
    "Olivier",
    "Mélanie",
    "Sébastien",
    "Hawa",
    "François",
    "Inès",
    "Pierre",
)
NOMS = (
    "Benali",
    "Durand",
    "Martin",
    "Diallo",
    "Lefèvre",
    "Haddad",
    "Moreau",
    "Nguyen",
    "Girard",
    "Traoré",
    "Bernard",
    "Mercier",
    "Benyahia",
    "Fontaine",
    "Roux",
    "Camara",
    "Lambert",
    "Chevalier",
    "Bouzid",
    "Garnier",
    "Petit",
    "Kone",
    "Faure",
    "Rousseau",
    "Meziane",
    "Blanc",
    "Gauthier",
    "Sissoko",
)

# Who pilots an engagement, per kind of partie (nom_court).
SERVICES = {
    "Ville": (
        "mission politique de la ville",
        "service emploi-insertion",
        "direction de l'éducation",
        "service jeunesse",
        "centre social",
        "service habitat",
        "CCAS",
        "service des sports",
        "direction de la culture",
        "CLSM",
        "service prévention-tranquillité",
        "direction de l'urbanisme",
    ),
    "État": (
        "délégation du préfet",
        "DDETS",
        "DSDEN, IEN de circonscription",
        "ARS, délégation départementale",
        "sous-préfecture, pôle politique de la ville",
        "DDT",
    ),
    "Département": ("direction de l'action sociale", "prévention spécialisée", "PMI", "direction de l'insertion"),
    "Bailleurs": ("agence de proximité", "développement social urbain", "gestion locative"),
}

# Comités: name, description, the axes (ordre) whose engagements their notes usually concern.
COMITES: tuple[tuple[str, str, tuple[int, ...]], ...] = (
    ("Réussite éducative", "Suivi du programme de réussite éducative et du décrochage scolaire", (4,)),
    ("Santé et accès aux droits", "Atelier santé ville, contrat local de santé, accès aux droits", (5,)),
    ("Tranquillité publique et prévention", "Cellule de veille, médiation, prévention de la délinquance", (5,)),
    (
        "Comité de pilotage",
        "Comité de pilotage du contrat de ville (élus, préfecture, partenaires)",
        (1, 2, 3, 4, 5, 6),
    ),
    ("Habitat et renouvellement urbain", "Suivi des projets de renouvellement urbain et de la TFPB", (2,)),
    ("Participation des habitants", "Conseil citoyen et projets portés par les habitants", (6,)),
    ("Mobilités", "Freins à la mobilité et actions hors les murs", (3,)),
)
# Where the bundled annex's comités act (matched on the start of their name).
AXES_COMITES_ANNEXE = {"Insertion": (1,), "Gestion urbaine": (2, 5)}

LIEUX = (
    "Mairie, salle du conseil",
    "Centre social du quartier {quartier}",
    "Maison de projet {quartier}",
    "Préfecture, salle Marianne",
    "Sous-préfecture",
    "Hôtel de ville, salle des commissions",
    "Médiathèque {quartier}",
    "Locaux du bailleur",
)
PARTICIPANTS = (
    "Ville, État, {bailleur}, centre social",
    "Élus, délégué du préfet, services de la ville",
    "Ville, DDETS, Mission locale, Pôle emploi",
    "Ville, Éducation nationale, PRE, associations",
    "Ville, {bailleur}, police municipale, médiateurs",
    "Conseil citoyen, Ville, État",
)

ECHEANCES = (
    "Bilan d'étape",
    "Lancement de l'action",
    "Comité de suivi",
    "Rendu du diagnostic",
    "Signature de la convention",
    "Dépôt du dossier de financement",
    "Ouverture au public",
    "Évaluation",
    "Restitution aux habitants",
    "Appel à projets",
    "Recrutement du poste",
    "",
    "",
    "Point avec les partenaires",
)

# Engagements a third partie signs, per axe ordre: « {quartier} » and « {ville} » are filled in.
ENGAGEMENTS_TIERS = {
    "Département": {
        1: (
            "Mobiliser les dispositifs départementaux d'insertion au bénéfice des allocataires du RSA "
            "du quartier {quartier}",
            "Cofinancer les chantiers d'insertion portés par les associations {de_ville}",
        ),
        4: (
            "Renforcer la présence des éducateurs de prévention spécialisée auprès des collégiens",
            "Ouvrir les collèges du secteur aux actions d'accompagnement à la scolarité",
        ),
        5: (
            "Tenir une permanence de PMI dans le quartier {quartier}",
            "Coordonner l'accompagnement social des familles monoparentales avec le CCAS",
        ),
        6: ("Soutenir les associations de quartier par l'appel à projets départemental",),
    },
    "Bailleurs": {
        2: (
            "Consacrer l'abattement de TFPB à des actions de gestion urbaine de proximité dans le quartier {quartier}",
            "Renforcer la présence des gardiens et le traitement des encombrants",
            "Associer les amicales de locataires aux projets de réhabilitation",
        ),
        5: ("Financer des médiateurs de soirée dans les halls et parties communes",),
        6: ("Mettre des locaux en pied d'immeuble à disposition des associations d'habitants",),
    },
}

# Note templates: one note is 1–4 sentences drawn from its type's list. Fields: {quartier},
# {pilote}, {partenaire}, {nombre}, {nombre2}, {mois}, {annee}, {periode}, {bailleur}.
PHRASES = {
    "info": (
        "Point d'étape présenté par {pilote} : {nombre} participants depuis le début de l'année.",
        "La fréquentation reste stable, avec une majorité de femmes et de jeunes de moins de 25 ans.",
        "Le bailleur {bailleur} signale une hausse des dépôts sauvages dans le quartier {quartier}.",
        "L'appel à projets {annee} a reçu {nombre} dossiers, dont {nombre2} portés par des associations du quartier.",
        "La crise sanitaire a imposé de passer les ateliers en petits groupes.",
        "{partenaire} confirme sa participation au financement pour {annee}.",
        "Le diagnostic en marchant du mois de {mois} a relevé {nombre} points à traiter.",
        "Les premiers retours des habitants du quartier {quartier} sont positifs.",
        "Le poste d'adulte-relais est vacant depuis {mois}, le recrutement est en cours.",
        "Le conseil citoyen a été associé à la préparation de l'action.",
        "{nombre} jeunes ont été orientés vers la Mission locale depuis {mois}.",
        "Le centre social relaie l'information auprès des familles.",
        "La convention avec {partenaire} arrive à échéance en {periode}.",
        "Les chiffres de l'Éducation nationale montrent une baisse de l'absentéisme au collège.",
        "Le comité note un retard dû au calendrier des financeurs.",
        "{nombre2} entreprises du territoire ont signé la charte d'engagement.",
    ),
    "decision": (
        "Le comité valide le report de l'action à {periode}.",
        "Il est décidé de réorienter les crédits non consommés vers l'accompagnement individualisé.",
        "Le comité valide le cahier des charges présenté par {pilote}.",
        "Décision de prolonger l'action jusqu'à {periode}, sous réserve du cofinancement de {partenaire}.",
        "Le comité acte l'abandon du projet faute de porteur.",
        "Accord pour ouvrir l'action aux habitants du quartier {quartier}.",
        "Le financement de {nombre} places supplémentaires est validé.",
        "Le comité retient l'association proposée par {partenaire}.",
        "Le bilan sera présenté au comité de pilotage de {periode}.",
    ),
    "action": (
        "{pilote} transmet le tableau de suivi actualisé avant le prochain comité.",
        "Relancer {partenaire} sur le financement des postes d'adultes-relais.",
        "Organiser une réunion publique dans le quartier {quartier} avant {periode}.",
        "{pilote} prend contact avec {bailleur} pour la mise à disposition d'un local.",
        "Préparer la note de synthèse pour les élus avant fin {mois}.",
        "Envoyer le compte rendu aux partenaires sous quinze jours.",
        "Recenser les besoins auprès des écoles du quartier {quartier}.",
        "Inscrire le point à l'ordre du jour du prochain comité de pilotage.",
        "{pilote} consolide les indicateurs de l'année {annee}.",
    ),
}
# Each reads well after « de » and at the start of a sentence.
PARTENAIRES = (
    "la CAF",
    "la DDETS",
    "la Région",
    "l'ANCT",
    "Pôle emploi",
    "la Mission locale",
    "l'ARS",
    "la Banque des Territoires",
    "la CPAM",
    "l'Éducation nationale",
    "la Fondation de France",
)

# A confidential note names a (fictitious) resident; the app never exports it unless asked.
CONFIDENTIELLES = (
    "Situation de {resident}, locataire dans le quartier {quartier} : orientation vers le CCAS proposée.",
    "{resident} a sollicité la médiation à la suite d'un conflit de voisinage ; un suivi est engagé.",
    "Le fils de {resident} est signalé en décrochage scolaire, la famille sera reçue par le PRE.",
    "{resident} est menacé(e) d'expulsion ; le comité demande un accompagnement par le bailleur.",
    "Dossier de {resident} transmis à la cellule de veille, avec l'accord de l'intéressé(e).",
)
RESIDENTS_CIVILITE = ("Mme", "M.")
