"""The vocabulary of a generated contrat « Engagements Quartiers 2030 »: enjeux, orientations, objectives,
the signataires' commitments, indicators, the programmation's porteurs and actions (suivi demo --forme 2030)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Orientation:
    titre: str
    objectifs: tuple[str, ...]
    # (the signataire expected to commit, by nom_court; the commitment: {quartier} and {de_ville} filled in)
    engagements: tuple[tuple[str, str], ...]
    # (libellé, unité, référence, cible): an objective's indicators
    indicateurs: tuple[tuple[str, str, float, float], ...]


@dataclass(frozen=True)
class Enjeu:
    titre: str
    orientations: tuple[Orientation, ...]
    comite: tuple[str, str]  # the thematic comité that follows it
    actions: tuple[str, ...]  # titles of actions of the programmation under it


def _o(
    titre: str,
    objectifs: tuple[str, ...],
    engagements: tuple[tuple[str, str], ...],
    indicateurs: tuple[tuple[str, str, float, float], ...],
) -> Orientation:
    return Orientation(titre, objectifs, engagements, indicateurs)


ENJEUX: tuple[Enjeu, ...] = (
    Enjeu(
        "Réussite éducative et émancipation de la jeunesse",
        (
            _o(
                "Accompagner chaque enfant, de la petite enfance au collège",
                (
                    "Ouvrir l'accueil des tout-petits aux familles des quartiers",
                    "Prévenir le décrochage scolaire au collège",
                    "Associer les parents à la scolarité de leurs enfants",
                ),
                (
                    ("Ville", "Réserver des places des crèches municipales aux familles du quartier {quartier}"),
                    ("CAF", "Bonifier le financement des places d'accueil créées dans les quartiers prioritaires"),
                    (
                        "Éducation nationale",
                        "Maintenir les effectifs réduits des classes des écoles en éducation prioritaire",
                    ),
                    ("Ville", "Étendre le programme de réussite éducative aux collégiens exclus temporairement"),
                    ("Département", "Ouvrir les collèges du secteur aux actions d'accompagnement à la scolarité"),
                    ("Éducation nationale", "Ouvrir chaque collège aux parents un samedi matin par mois"),
                ),
                (
                    ("Enfants des quartiers accueillis en crèche", "enfants", 48, 90),
                    ("Collégiens exclus accueillis par le dispositif", "élèves", 35, 80),
                ),
            ),
            _o(
                "Ouvrir aux jeunes l'accès à l'emploi, au sport et à la culture",
                (
                    "Accompagner les jeunes sans emploi ni formation",
                    "Favoriser la pratique sportive et culturelle des adolescents",
                    "Développer l'engagement et la mobilité des jeunes",
                ),
                (
                    ("Mission locale", "Tenir une permanence hebdomadaire dans le quartier {quartier}"),
                    (
                        "France Travail",
                        "Orienter vers le contrat d'engagement jeune les jeunes repérés par les médiateurs",
                    ),
                    ("État", "Réserver des places de service civique aux jeunes des quartiers prioritaires"),
                    ("Ville", "Ouvrir les gymnases le dimanche pendant les vacances scolaires"),
                    ("Région", "Financer l'équipement des clubs sportifs qui accueillent des jeunes des quartiers"),
                    ("Ville", "Créer un pass culture municipal pour les 11-17 ans"),
                ),
                (
                    ("Jeunes des quartiers suivis par la Mission locale", "jeunes", 310, 420),
                    ("Licences sportives des 11-17 ans des quartiers", "licences", 540, 800),
                ),
            ),
            _o(
                "Lutter contre les inégalités d'accès au numérique et à la lecture",
                (
                    "Équiper les familles et les former aux usages numériques",
                    "Rapprocher les bibliothèques des habitants",
                ),
                (
                    ("Ville", "Installer une médiathèque de proximité au cœur du quartier {quartier}"),
                    ("Département", "Financer des ateliers numériques parents-enfants dans les collèges"),
                    ("Intercommunalité", "Déployer des conseillers numériques dans les maisons France services"),
                ),
                (("Familles accompagnées aux usages numériques", "familles", 60, 200),),
            ),
        ),
        ("Réussite éducative", "Programme de réussite éducative, décrochage scolaire, jeunesse"),
        (
            "Accompagnement à la scolarité",
            "Ateliers parents-enfants",
            "Accueil des collégiens exclus",
            "Séjours éducatifs d'été",
            "Club de lecture en pied d'immeuble",
            "Ateliers sportifs du mercredi",
        ),
    ),
    Enjeu(
        "Emploi, insertion et développement économique",
        (
            _o(
                "Rapprocher l'emploi des habitants",
                (
                    "Aller au-devant des habitants éloignés de l'emploi",
                    "Lever les freins à la reprise d'emploi",
                    "Mobiliser les entreprises du territoire",
                ),
                (
                    (
                        "France Travail",
                        "Organiser une permanence d'accueil sans rendez-vous dans le quartier {quartier}",
                    ),
                    ("État", "Fixer aux structures d'insertion un objectif de recrutement dans les quartiers"),
                    ("Intercommunalité", "Inscrire des clauses d'insertion dans tous ses marchés de travaux"),
                    ("Département", "Mobiliser les dispositifs d'insertion au bénéfice des allocataires du RSA"),
                    ("CAF", "Réserver des places de crèche aux parents en reprise d'emploi"),
                    ("CCI", "Organiser chaque année un forum de l'emploi avec les entreprises du territoire"),
                ),
                (
                    ("Demandeurs d'emploi des quartiers accompagnés", "personnes", 900, 1300),
                    ("Part des personnes accompagnées en emploi six mois après", "%", 18, 30),
                ),
            ),
            _o(
                "Soutenir l'activité économique dans les quartiers",
                (
                    "Accompagner les créateurs d'entreprise",
                    "Maintenir les commerces de proximité",
                    "Développer l'économie sociale et solidaire",
                ),
                (
                    ("CCI", "Tenir une permanence mensuelle de conseil aux créateurs dans le quartier {quartier}"),
                    ("CMA", "Accompagner l'installation d'artisans dans les locaux vacants"),
                    ("Intercommunalité", "Réserver une part de la pépinière d'entreprises aux créateurs des quartiers"),
                    ("Bailleur", "Proposer des loyers minorés aux commerces installés en pied d'immeuble"),
                    ("Banque des Territoires", "Cofinancer la restructuration du centre commercial de quartier"),
                ),
                (
                    ("Entreprises créées par des habitants des quartiers", "entreprises", 62, 90),
                    ("Cellules commerciales vacantes", "cellules", 14, 6),
                ),
            ),
        ),
        ("Emploi et insertion", "Service public de l'emploi de proximité, clauses d'insertion, création d'activité"),
        (
            "Chantier d'insertion espaces verts",
            "Bus de l'emploi",
            "Permis de conduire solidaire",
            "Couveuse d'entreprises",
            "Atelier de français à visée professionnelle",
        ),
    ),
    Enjeu(
        "Cadre de vie, habitat et transition écologique",
        (
            _o(
                "Améliorer le cadre de vie et la gestion urbaine de proximité",
                (
                    "Entretenir les espaces communs des résidences",
                    "Associer les habitants à la gestion de leur quartier",
                    "Réduire les dépôts sauvages",
                ),
                (
                    (
                        "Bailleur",
                        "Consacrer l'abattement de TFPB à la gestion urbaine de proximité du quartier {quartier}",
                    ),
                    ("Bailleur", "Renforcer la présence des gardiens et le traitement des encombrants"),
                    ("Ville", "Organiser un diagnostic en marchant par trimestre avec les habitants"),
                    ("Intercommunalité", "Augmenter la fréquence de collecte des encombrants dans les quartiers"),
                ),
                (
                    ("Dysfonctionnements relevés traités dans l'année", "%", 55, 80),
                    ("Dépôts sauvages signalés", "signalements", 420, 250),
                ),
            ),
            _o(
                "Rénover l'habitat et accélérer la transition écologique",
                (
                    "Rénover les logements les plus dégradés",
                    "Réduire les factures d'énergie des ménages",
                    "Végétaliser les espaces publics",
                ),
                (
                    ("Bailleur", "Réhabiliter les logements énergivores des résidences du quartier {quartier}"),
                    ("Région", "Cofinancer la rénovation thermique des résidences sociales"),
                    ("Banque des Territoires", "Prêter aux bailleurs pour la rénovation énergétique"),
                    ("Action Logement", "Financer la résidentialisation des ensembles rénovés"),
                    ("Ville", "Créer des îlots de fraîcheur dans les cours d'école"),
                ),
                (
                    ("Logements réhabilités", "logements", 0, 450),
                    ("Arbres plantés dans les quartiers", "arbres", 0, 600),
                ),
            ),
            _o(
                "Désenclaver les quartiers",
                ("Améliorer la desserte en transports en commun", "Développer les mobilités douces"),
                (
                    ("Autorité des mobilités", "Renforcer la fréquence des bus vers les zones d'emploi"),
                    (
                        "Intercommunalité",
                        "Aménager des pistes cyclables reliant le quartier {quartier} au centre-ville",
                    ),
                ),
                (("Habitants à moins de 300 m d'un arrêt à haute fréquence", "%", 45, 75),),
            ),
        ),
        ("Habitat et cadre de vie", "Gestion urbaine de proximité, TFPB, renouvellement urbain, transition écologique"),
        (
            "Jardins partagés",
            "Ateliers d'économies d'énergie",
            "Médiation locative",
            "Fête des voisins élargie",
            "Repair café",
        ),
    ),
    Enjeu(
        "Santé, accès aux droits et tranquillité",
        (
            _o(
                "Rapprocher l'offre de soins des habitants",
                (
                    "Rapprocher l'offre de soins des quartiers",
                    "Prévenir les conduites à risque",
                    "Accompagner la santé mentale",
                ),
                (
                    ("ARS", "Soutenir l'installation d'une maison de santé pluriprofessionnelle"),
                    ("CPAM", "Accompagner vers un médecin traitant les assurés qui n'en ont pas"),
                    ("Ville", "Tenir un atelier santé ville dans le quartier {quartier}"),
                    ("Département", "Tenir une permanence de PMI dans le quartier {quartier}"),
                    ("Centre hospitalier", "Ouvrir une consultation avancée de psychiatrie au centre social"),
                ),
                (
                    ("Habitants sans médecin traitant", "%", 14, 8),
                    ("Habitants accompagnés vers un médecin traitant", "personnes", 0, 250),
                ),
            ),
            _o(
                "Garantir l'accès aux droits",
                ("Rapprocher les services publics des habitants", "Lutter contre le non-recours aux droits"),
                (
                    ("État", "Ouvrir une maison France services dans le quartier {quartier}"),
                    ("CAF", "Organiser des rendez-vous des droits dans les centres sociaux"),
                    ("Département", "Coordonner l'accompagnement social des familles monoparentales"),
                    ("URSSAF", "Informer les travailleurs indépendants des quartiers sur leurs droits"),
                ),
                (("Rendez-vous des droits tenus", "rendez-vous", 120, 300),),
            ),
            _o(
                "Renforcer la tranquillité publique",
                ("Renforcer la tranquillité publique", "Prévenir la délinquance des plus jeunes"),
                (
                    ("État", "Affecter des policiers supplémentaires au quartier de reconquête républicaine"),
                    ("Police nationale", "Tenir une réunion mensuelle de sécurité avec les bailleurs"),
                    ("Bailleur", "Financer des médiateurs de soirée dans les halls et les parties communes"),
                    ("Procureur", "Développer les mesures de réparation pour les mineurs"),
                    ("Ville", "Étendre les horaires de la médiation sociale jusqu'à minuit l'été"),
                ),
                (("Faits de délinquance signalés dans les quartiers", "faits", 840, 650),),
            ),
        ),
        ("Santé et tranquillité", "Atelier santé ville, contrat local de santé, cellule de veille, médiation"),
        (
            "Médiation sociale de nuit",
            "Médiation en santé",
            "Permanence d'accès aux droits",
            "Ateliers de prévention des addictions",
            "Chantier éducatif",
        ),
    ),
    Enjeu(
        "Lien social, participation et vie associative",
        (
            _o(
                "Faire vivre la participation des habitants",
                ("Associer le conseil citoyen aux décisions", "Soutenir les initiatives des habitants"),
                (
                    ("Ville", "Réunir le conseil citoyen avant chaque comité de pilotage"),
                    ("État", "Financer un fonds de participation des habitants"),
                    ("Bailleur", "Mettre des locaux en pied d'immeuble à disposition des associations"),
                ),
                (("Projets d'habitants soutenus par le fonds de participation", "projets", 8, 25),),
            ),
            _o(
                "Soutenir la vie associative et l'égalité",
                (
                    "Conforter les associations de proximité",
                    "Lutter contre les discriminations",
                    "Favoriser l'égalité entre les femmes et les hommes",
                ),
                (
                    ("Ville", "Signer des conventions pluriannuelles d'objectifs avec les associations du quartier"),
                    ("Région", "Soutenir l'emploi associatif dans les quartiers prioritaires"),
                    ("Réseau des centres sociaux", "Former les bénévoles à l'accueil des primo-arrivants"),
                    ("État", "Financer des actions de lutte contre les discriminations à l'embauche"),
                ),
                (("Associations soutenues par une convention pluriannuelle", "associations", 12, 30),),
            ),
        ),
        (
            "Participation et lien social",
            "Conseil citoyen, vie associative, égalité et lutte contre les discriminations",
        ),
        (
            "Fonds de participation des habitants",
            "Café des parents",
            "Ateliers sociolinguistiques",
            "Festival de quartier",
        ),
    ),
)

# (nom_court, nom): always there; then the others, drawn so that a contrat has 10 to 30 signataires.
SIGNATAIRES_TOUJOURS: tuple[tuple[str, str], ...] = (
    ("État", "l'État"),
    ("Ville", "la ville {de_ville}"),
    ("Intercommunalité", "la communauté d'agglomération {nom}"),
    ("Département", "le Département {du_departement}"),
    ("Région", "la Région"),
    ("CAF", "la caisse d'allocations familiales {du_departement}"),
    ("Bailleur", "{bailleur}"),
    ("France Travail", "France Travail"),
    ("Éducation nationale", "l'Éducation nationale"),
)
SIGNATAIRES_POSSIBLES: tuple[tuple[str, str], ...] = (
    ("ARS", "l'agence régionale de santé"),
    ("CPAM", "la caisse primaire d'assurance maladie"),
    ("Mission locale", "la mission locale"),
    ("CCI", "la chambre de commerce et d'industrie"),
    ("CMA", "la chambre de métiers et de l'artisanat"),
    ("Banque des Territoires", "la Banque des Territoires"),
    ("Procureur", "le procureur de la République"),
    ("Action Logement", "Action Logement"),
    ("Police nationale", "la direction départementale de la police nationale"),
    ("Centre hospitalier", "le centre hospitalier"),
    ("Autorité des mobilités", "l'autorité organisatrice des mobilités"),
    ("URSSAF", "l'URSSAF"),
    ("Réseau des centres sociaux", "la fédération des centres sociaux"),
    ("PLIE", "le plan local pour l'insertion et l'emploi"),
    ("Maison de l'emploi", "la maison de l'emploi"),
    ("CRESS", "la chambre régionale de l'économie sociale et solidaire"),
    ("ANRU", "l'Agence nationale pour la rénovation urbaine"),
    ("Université", "l'université"),
    ("Bailleur 2", "{bailleur2}"),
    ("Bailleur 3", "{bailleur3}"),
    ("Bailleur 4", "{bailleur4}"),
)
# What a signataire commits to when no orientation's commitment names it (every signataire commits somewhere).
GENERIQUES: dict[str, str] = {
    "PLIE": "Accompagner vers l'emploi durable les habitants du quartier {quartier}",
    "Maison de l'emploi": "Animer le réseau des employeurs autour des clauses d'insertion",
    "CRESS": "Accompagner les porteurs de projets de l'économie sociale et solidaire",
    "ANRU": "Financer le projet de renouvellement urbain du quartier {quartier}",
    "Université": "Ouvrir des places de tutorat étudiant aux collégiens des quartiers",
    "Mission locale": "Accompagner les jeunes repérés par les médiateurs du quartier {quartier}",
}
SERVICES: dict[str, tuple[str, ...]] = {
    "Ville": ("mission politique de la ville", "service emploi-insertion", "direction de l'éducation", "CCAS"),
    "État": ("délégation du préfet", "DDETS", "sous-préfecture, pôle politique de la ville"),
    "Intercommunalité": ("direction du développement économique", "service habitat", "service mobilités"),
    "Département": ("direction de l'action sociale", "prévention spécialisée", "PMI", "direction de l'insertion"),
    "Région": ("direction de la formation", "direction de l'aménagement"),
    "CAF": ("action sociale", "service des prestations"),
    "Bailleur": ("agence de proximité", "développement social urbain", "gestion locative"),
    "France Travail": ("agence locale", "équipe entreprises"),
    "Éducation nationale": ("DSDEN, IEN de circonscription", "principal du collège", "réseau d'éducation prioritaire"),
}
PORTEURS: tuple[str, ...] = (
    "Association Trait d'union",
    "Centre social {quartier}",
    "Régie de quartier {quartier}",
    "Maison des jeunes et de la culture",
    "Association de médiation sociale",
    "Club sportif {quartier}",
    "Association d'aide aux devoirs",
    "Compagnie de théâtre du quartier",
    "Association des femmes relais",
    "Entreprise d'insertion {quartier}",
    "Association de prévention spécialisée",
    "Ville {de_ville}, service jeunesse",
)
# (financeur, probability it funds an action, share of what is asked that it grants at most)
FINANCEURS: tuple[tuple[str, float, float], ...] = (
    ("État (crédits politique de la ville)", 0.85, 1.0),
    ("Ville", 0.55, 1.0),
    ("CAF", 0.2, 0.9),
    ("Département", 0.15, 0.8),
    ("Région", 0.1, 0.8),
    ("Intercommunalité", 0.1, 0.9),
)
