"""French word lists for the benchmark data generator: places, names, services and sentences.

Everything is made up except the communes (names, official codes, postal codes and rough coordinates of
real communes of the Nord and of the province of Hainaut), so that the map and the territory pages look
like the real network's. Sentences carry slots filled by `bench/generate.py`:
{nom} {commune} {a_commune} {de_commune} {theme} {theme_nu} {public} {aupres} {annee} {annee2} {nombre}
{petit} {pourcent} {partenaire} {mission} {personne}.
"""

from __future__ import annotations

from typing import NamedTuple


class Commune(NamedTuple):
    id: str
    label: str
    pays: str  # FR or BE
    code: str  # INSEE (FR) or INS (BE)
    code_postal: str
    latitude: float
    longitude: float
    parent: str  # a territory id
    weight: int  # how often actors are placed there
    new: bool = True  # False: already in the sample taxonomy


# Groupings added to the sample's territories (parents of the added communes).
ZONES: tuple[tuple[str, str, str, str], ...] = (
    # id, label, type, parent
    ("porte-du-hainaut", "Communauté d'agglomération de la Porte du Hainaut", "epci", "nord"),
    ("douaisis-agglo", "Douaisis Agglo", "epci", "nord"),
    ("communaute-urbaine-de-dunkerque", "Communauté urbaine de Dunkerque", "epci", "nord"),
    ("cambresis", "Cambrésis", "bassin", "nord"),
    ("wallonie-picarde", "Wallonie picarde", "bassin", "hainaut"),
    ("region-du-centre", "Région du Centre", "bassin", "hainaut"),
    ("charleroi-metropole", "Charleroi Métropole", "bassin", "hainaut"),
    ("coeur-du-hainaut", "Cœur du Hainaut", "bassin", "hainaut"),
)

COMMUNES: tuple[Commune, ...] = (
    Commune("lille", "Lille", "FR", "59350", "59000", 50.6292, 3.0573, "metropole-europeenne-de-lille", 12, False),
    Commune("roubaix", "Roubaix", "FR", "59512", "59100", 50.6942, 3.1746, "metropole-europeenne-de-lille", 6, False),
    Commune(
        "tourcoing", "Tourcoing", "FR", "59599", "59200", 50.7239, 3.1612, "metropole-europeenne-de-lille", 5, False
    ),
    Commune(
        "valenciennes", "Valenciennes", "FR", "59606", "59300", 50.3570, 3.5235, "valenciennes-metropole", 7, False
    ),
    Commune("maubeuge", "Maubeuge", "FR", "59392", "59600", 50.2775, 3.9734, "sambre-avesnois", 5, False),
    Commune(
        "avesnes-sur-helpe", "Avesnes-sur-Helpe", "FR", "59036", "59440", 50.1231, 3.9275, "sambre-avesnois", 2, False
    ),
    Commune("charleroi", "Charleroi", "BE", "52011", "6000", 50.4108, 4.4446, "hainaut", 8, False),
    Commune("mons", "Mons", "BE", "53053", "7000", 50.4542, 3.9523, "hainaut", 6, False),
    Commune("tournai", "Tournai", "BE", "57081", "7500", 50.6056, 3.3878, "hainaut", 4, False),
    Commune("thuin", "Thuin", "BE", "56078", "6530", 50.3397, 4.2861, "hainaut", 2, False),
    Commune(
        "villeneuve-d-ascq",
        "Villeneuve-d'Ascq",
        "FR",
        "59009",
        "59650",
        50.6233,
        3.1450,
        "metropole-europeenne-de-lille",
        4,
    ),
    Commune("wattrelos", "Wattrelos", "FR", "59650", "59150", 50.7017, 3.2150, "metropole-europeenne-de-lille", 2),
    Commune("lambersart", "Lambersart", "FR", "59328", "59130", 50.6500, 3.0250, "metropole-europeenne-de-lille", 2),
    Commune("armentieres", "Armentières", "FR", "59017", "59280", 50.6881, 2.8811, "metropole-europeenne-de-lille", 2),
    Commune("halluin", "Halluin", "FR", "59279", "59250", 50.7836, 3.1256, "metropole-europeenne-de-lille", 1),
    Commune("seclin", "Seclin", "FR", "59560", "59113", 50.5486, 3.0292, "metropole-europeenne-de-lille", 1),
    Commune("anzin", "Anzin", "FR", "59014", "59410", 50.3722, 3.5050, "valenciennes-metropole", 2),
    Commune(
        "conde-sur-l-escaut", "Condé-sur-l'Escaut", "FR", "59153", "59163", 50.4547, 3.5886, "valenciennes-metropole", 1
    ),
    Commune("denain", "Denain", "FR", "59172", "59220", 50.3293, 3.3959, "porte-du-hainaut", 3),
    Commune(
        "saint-amand-les-eaux", "Saint-Amand-les-Eaux", "FR", "59526", "59230", 50.4486, 3.4278, "porte-du-hainaut", 2
    ),
    Commune("douai", "Douai", "FR", "59178", "59500", 50.3714, 3.0800, "douaisis-agglo", 4),
    Commune("sin-le-noble", "Sin-le-Noble", "FR", "59569", "59450", 50.3614, 3.1131, "douaisis-agglo", 1),
    Commune("cambrai", "Cambrai", "FR", "59122", "59400", 50.1760, 3.2356, "cambresis", 3),
    Commune("caudry", "Caudry", "FR", "59139", "59540", 50.1250, 3.4128, "cambresis", 1),
    Commune("le-cateau-cambresis", "Le Cateau-Cambrésis", "FR", "59136", "59360", 50.1036, 3.5428, "cambresis", 1),
    Commune("dunkerque", "Dunkerque", "FR", "59183", "59140", 51.0344, 2.3768, "communaute-urbaine-de-dunkerque", 4),
    Commune("hazebrouck", "Hazebrouck", "FR", "59295", "59190", 50.7242, 2.5386, "nord", 1),
    Commune("hautmont", "Hautmont", "FR", "59291", "59330", 50.2500, 3.9000, "sambre-avesnois", 1),
    Commune("jeumont", "Jeumont", "FR", "59324", "59460", 50.2964, 4.1014, "sambre-avesnois", 1),
    Commune("fourmies", "Fourmies", "FR", "59249", "59610", 50.0158, 4.0536, "sambre-avesnois", 1),
    Commune("aulnoye-aymeries", "Aulnoye-Aymeries", "FR", "59033", "59620", 50.2014, 3.8364, "sambre-avesnois", 1),
    Commune("la-louviere", "La Louvière", "BE", "55022", "7100", 50.4800, 4.1867, "region-du-centre", 4),
    Commune("binche", "Binche", "BE", "56011", "7130", 50.4117, 4.1650, "region-du-centre", 2),
    Commune("soignies", "Soignies", "BE", "55040", "7060", 50.5794, 4.0714, "region-du-centre", 1),
    Commune("mouscron", "Mouscron", "BE", "54007", "7700", 50.7439, 3.2139, "wallonie-picarde", 3),
    Commune("ath", "Ath", "BE", "51004", "7800", 50.6292, 3.7781, "wallonie-picarde", 1),
    Commune("peruwelz", "Péruwelz", "BE", "57064", "7600", 50.5081, 3.5928, "wallonie-picarde", 1),
    Commune("comines-warneton", "Comines-Warneton", "BE", "54010", "7780", 50.7667, 2.9667, "wallonie-picarde", 1),
    Commune("enghien", "Enghien", "BE", "55010", "7850", 50.6917, 4.0417, "wallonie-picarde", 1),
    Commune("chatelet", "Châtelet", "BE", "52012", "6200", 50.4042, 4.5250, "charleroi-metropole", 2),
    Commune("fleurus", "Fleurus", "BE", "52022", "6220", 50.4833, 4.5500, "charleroi-metropole", 1),
    Commune("chimay", "Chimay", "BE", "56016", "6460", 50.0481, 4.3161, "charleroi-metropole", 1),
    Commune("beaumont", "Beaumont", "BE", "56005", "6500", 50.2372, 4.2378, "charleroi-metropole", 1),
    Commune("boussu", "Boussu", "BE", "53014", "7300", 50.4333, 3.8000, "coeur-du-hainaut", 1),
    Commune("frameries", "Frameries", "BE", "53028", "7080", 50.4075, 3.8964, "coeur-du-hainaut", 1),
    Commune("quaregnon", "Quaregnon", "BE", "53065", "7390", 50.4400, 3.8650, "coeur-du-hainaut", 1),
    Commune("saint-ghislain", "Saint-Ghislain", "BE", "53070", "7330", 50.4500, 3.8167, "coeur-du-hainaut", 1),
)

# Said of a second (third …) actor with the same name, to tell them apart.
SITES = (
    "centre-ville",
    "quartier de la Gare",
    "site Nord",
    "site Sud",
    "antenne Est",
    "antenne Ouest",
    "quartier du Faubourg",
    "site des Prés",
    "quartier du Château",
    "site du Moulin",
    "quartier Saint-Pierre",
)

# Belgian telephone zones by commune's first postal digit (8-digit national numbers).
BE_ZONES = {"6": "71", "7": "65"}

# Wider areas a record may cover, besides communes.
WIDE_AREAS = (
    "frontiere-franco-belge",
    "nord",
    "hainaut",
    "hauts-de-france",
    "wallonie",
    "sambre-avesnois",
    "metropole-europeenne-de-lille",
    "valenciennes-metropole",
    "porte-du-hainaut",
    "wallonie-picarde",
    "charleroi-metropole",
    "coeur-du-hainaut",
    "region-du-centre",
    "cambresis",
    "douaisis-agglo",
)

# Themes: id -> (short title, with article, bare form for « en matière de »).
THEMES: dict[str, tuple[str, str, str]] = {
    "sante-sexuelle": ("Santé sexuelle", "la santé sexuelle", "santé sexuelle"),
    "sante-sexuelle--depistage": ("Dépistage", "le dépistage du VIH, des hépatites et des IST", "dépistage"),
    "sante-sexuelle--contraception": ("Contraception", "la contraception", "contraception"),
    "sante-sexuelle--ivg": ("IVG", "l'accès à l'IVG", "IVG"),
    "sante-sexuelle--vie-affective": ("Vie affective", "la vie affective et relationnelle", "vie affective"),
    "sante-sexuelle--violences": ("Violences", "la lutte contre les violences sexistes et sexuelles", "violences"),
    "sante-sexuelle--prevention-diversifiee": ("PrEP et prévention", "la prévention diversifiée", "prévention du VIH"),
    "promotion-sante": ("Promotion de la santé", "la promotion de la santé", "promotion de la santé"),
    "promotion-sante--competences-psychosociales": (
        "Compétences psychosociales",
        "les compétences psychosociales",
        "compétences psychosociales",
    ),
    "promotion-sante--nutrition": ("Alimentation", "l'alimentation et l'activité physique", "nutrition"),
    "promotion-sante--environnement": ("Santé environnementale", "la santé environnementale", "santé environnementale"),
    "addictions": ("Addictions", "la réduction des risques liés aux addictions", "addictions"),
    "sante-mentale": ("Santé mentale", "la santé mentale", "santé mentale"),
    "acces-aux-soins": ("Accès aux soins", "l'accès aux soins", "accès aux soins"),
    "acces-aux-soins--droits": ("Accès aux droits", "l'accès aux droits en santé", "droits en santé"),
    "acces-aux-soins--mediation": ("Médiation en santé", "la médiation en santé", "médiation en santé"),
    "coordination-territoriale": ("Travail en réseau", "la coordination des acteurs", "coordination territoriale"),
    "parentalite": ("Parentalité", "le soutien à la parentalité", "parentalité"),
    "vieillissement": ("Bien vieillir", "le bien vieillir", "vieillissement"),
    "handicap": ("Handicap", "la santé des personnes en situation de handicap", "handicap"),
}

# Publics: id -> (« pour … », « auprès … »).
PUBLICS: dict[str, tuple[str, str]] = {
    "tous-publics": ("tous les publics", "de tous les publics"),
    "jeunes": ("les jeunes", "des jeunes"),
    "adolescents": ("les adolescents et adolescentes", "des adolescents et adolescentes"),
    "jeunes-adultes": ("les jeunes adultes", "des jeunes adultes"),
    "etudiants": ("les étudiants et étudiantes", "des étudiants et étudiantes"),
    "femmes": ("les femmes", "des femmes"),
    "hsh": ("les hommes ayant des relations avec des hommes", "des hommes ayant des relations avec des hommes"),
    "personnes-lgbtqia": ("les personnes LGBTQIA+", "des personnes LGBTQIA+"),
    "personnes-migrantes": ("les personnes exilées", "des personnes exilées"),
    "personnes-en-situation-de-prostitution": (
        "les personnes en situation de prostitution",
        "des personnes en situation de prostitution",
    ),
    "usagers-de-drogues": ("les personnes usagères de drogues", "des personnes usagères de drogues"),
    "personnes-en-situation-de-handicap": (
        "les personnes en situation de handicap",
        "des personnes en situation de handicap",
    ),
    "seniors": ("les personnes âgées", "des personnes âgées"),
    "familles": ("les familles", "des familles"),
    "parents": ("les parents", "des parents"),
    "personnes-precaires": ("les personnes en situation de précarité", "des personnes en situation de précarité"),
    "habitants-qpv": ("les habitants des quartiers prioritaires", "des habitants des quartiers prioritaires"),
    "professionnels": ("les professionnels et bénévoles", "des professionnels et bénévoles"),
    "elus": ("les élus et élues", "des élus et élues"),
}

PROPER_NAMES = (
    "La Boussole",
    "Le Phare",
    "L'Escale",
    "Le Relais",
    "La Passerelle",
    "Arc-en-ciel",
    "Le Fil",
    "La Clé",
    "Trait d'union",
    "L'Envol",
    "La Source",
    "Le Pont",
    "La Halte",
    "L'Étape",
    "Le Cercle",
    "Les Tilleuls",
    "La Ruche",
    "Horizons",
    "Le Sillon",
    "La Marelle",
    "Le Chemin",
    "La Traversée",
    "L'Oasis",
    "Le Kiosque",
    "La Caravelle",
    "Les Glycines",
    "Le Tremplin",
    "La Rose des vents",
    "Le Square",
    "Les Hirondelles",
    "La Maison ouverte",
    "Le Bon Accueil",
    "Les Colibris",
    "L'Archipel",
    "La Fabrique",
    "Le Carrefour",
    "Les Saules",
    "Le Moulin",
    "La Sambre",
    "L'Escaut",
    "Les Terrils",
    "La Lys",
    "Le Beffroi",
    "La Citadelle",
    "Le Chêne",
    "Les Peupliers",
    "La Clairière",
    "Le Lien",
    "Solidarités",
    "Cap Santé",
    "Point d'appui",
    "Entre Nous",
    "Le Kaléidoscope",
    "La Bulle",
    "L'Éclaircie",
    "Le Havre",
    "Le Tisserand",
    "La Boussole verte",
)
PEOPLE = (
    "Jules Ferry",
    "Simone Veil",
    "Louise Michel",
    "Jean Moulin",
    "Marie Curie",
    "Victor Hugo",
    "Camille Claudel",
    "Nelson Mandela",
    "Rosa Parks",
    "George Sand",
    "Jean Jaurès",
    "Albert Camus",
    "Émile Zola",
    "Olympe de Gouges",
    "Gisèle Halimi",
    "Aimé Césaire",
    "Condorcet",
    "Paul Éluard",
    "Anne Frank",
    "Germaine Tillion",
    "Lucie Aubrac",
    "Henri Matisse",
    "Marguerite Yourcenar",
    "Jacques Brel",
    "Pierre Mendès France",
    "Joséphine Baker",
)
MISSIONS = (
    "santé communautaire",
    "prévention et réduction des risques",
    "écoute et soutien",
    "santé des femmes",
    "accueil des personnes exilées",
    "éducation pour la santé",
    "insertion et santé",
    "jeunesse et prévention",
    "solidarité santé",
    "entraide et parentalité",
)
STREETS = (
    "rue des Tilleuls",
    "rue de la Gare",
    "place du Marché",
    "rue Jean Jaurès",
    "avenue de la République",
    "rue du Moulin",
    "boulevard Victor Hugo",
    "rue de Paris",
    "rue des Écoles",
    "rue Pasteur",
    "rue de la Paix",
    "place de l'Hôtel de ville",
    "rue du Général de Gaulle",
    "rue des Carrières",
    "rue du Château",
    "quai de l'Escaut",
    "rue Émile Zola",
    "rue de la Liberté",
    "allée des Peupliers",
    "rue du Faubourg",
    "rue Léon Blum",
    "rue de Lille",
    "rue des Postes",
    "chemin des Prés",
    "rue de la Station",
    "rue de l'Église",
    "rue du Collège",
    "rue Neuve",
)
BE_STREETS = (
    "Rue de la Station",
    "Rue de l'Église",
    "Boulevard Tirou",
    "Rue de Nimy",
    "Grand-Place",
    "Rue des Carmes",
    "Avenue des Alliés",
    "Rue du Onze Novembre",
    "Rue de Mons",
    "Chaussée de Bruxelles",
    "Rue Albert Ier",
    "Place Verte",
    "Rue Royale",
    "Quai des Salines",
    "Rue de la Loi",
    "Rue du Parc",
    "Chaussée de Charleroi",
)
HOURS = (  # opening hours in the OpenStreetMap syntax, and what it cannot say (horaires_precisions); nine, as
    # the free texts they replace were, so that a seed draws the same records
    ("Mo-Fr 09:00-17:00", None),
    ("Mo,We,Fr 09:00-12:30,13:30-17:00", None),
    ("Tu-Sa 10:00-18:00", None),
    ("Mo-Th 08:30-18:00; Fr 08:30-16:00", None),
    ("We 13:00-18:00; Sa 09:00-12:00", None),
    ('Mo-Fr unknown "sur rendez-vous"', None),
    ('Tu 14:00-17:00 "permanence sans rendez-vous"', "Le reste de la semaine, sur rendez-vous."),
    ("Mo-Sa 09:00-19:00", None),
    ('Th 16:00-20:00 "permanence du soir"', None),
)
ACCESS = (
    "Plain-pied, accessible en fauteuil roulant",
    "Ascenseur ; boucle magnétique à l'accueil",
    "Accessible en fauteuil roulant ; arrêt de bus à 100 m",
    "Bureaux à l'étage sans ascenseur : accueil possible au rez-de-chaussée sur demande",
    "Parking réservé, rampe d'accès et toilettes adaptées",
    "Gare à 10 minutes à pied ; accès par l'arrière du bâtiment",
    "Accueil en langue des signes sur rendez-vous",
)
FUNCTIONS = (
    "Accueil",
    "Coordination",
    "Secrétariat",
    "Direction",
    "Service social",
    "Infirmerie",
    "Pôle prévention",
    "Pôle formation",
    "Référente santé",
    "Chargée de projets",
    "Coordination des actions d'aller-vers",
    "Secrétariat médical",
    "Animation du réseau",
    "Médiation en santé",
    "Chef de service",
    "Communication",
)
PUBLISHERS = (
    "Éditions Prévention & Territoires (fictives)",
    "Presses du réseau (fictives)",
    "Collectif Santé Nord (fictif)",
    "Fédération régionale de promotion de la santé (fictive)",
    "Agence fictive de santé publique",
)
LICENCES = (
    "CC BY 4.0",
    "CC BY-SA 4.0",
    "CC BY-NC 4.0",
    "CC BY-NC-ND 4.0",
    "Licence Ouverte 2.0",
    "Tous droits réservés",
)
LINK_TITLES = (
    "Rapport d'activité {annee}",
    "Plaquette de présentation",
    "Programme des ateliers",
    "Projet associatif",
    "Charte d'accueil",
    "Lettre d'information",
    "Bilan {annee} en chiffres",
)

# Kinds of actor: taxonomy type, weight, countries, name patterns, theme and public pools, services.
SERVICES_COMMON = (
    (
        "Accueil et orientation",
        "Un premier accueil pour écouter votre demande et vous orienter vers le bon interlocuteur.",
    ),
    (
        "Permanence sans rendez-vous",
        "Venez sans rendez-vous : une personne de l'équipe vous reçoit et répond à vos questions.",
    ),
    ("Ateliers collectifs", "Des ateliers en petit groupe sur {theme}, animés par l'équipe et des partenaires."),
    (
        "Actions hors les murs",
        "L'équipe se déplace dans les quartiers, les marchés et les lieux de vie pour aller vers {public}.",
    ),
    (
        "Formation des professionnels",
        "Des sessions courtes pour les professionnels et bénévoles en matière de {theme_nu}.",
    ),
    (
        "Entretiens individuels",
        "Un temps d'échange confidentiel pour faire le point sur votre situation et vos besoins.",
    ),
    ("Prêt d'outils pédagogiques", "Jeux, mallettes et photolangages à emprunter pour animer vos actions sur {theme}."),
    (
        "Accompagnement de projets",
        "Un appui méthodologique pour monter, évaluer ou transférer une action en matière de {theme_nu}.",
    ),
)
SERVICES_BY_TYPE: dict[str, tuple[tuple[str, str], ...]] = {
    "centre-sante-sexuelle": (
        (
            "Dépistage VIH, hépatites et IST",
            "Tests gratuits et anonymes, avec ou sans rendez-vous, et rendu des résultats en entretien.",
        ),
        (
            "Consultation de contraception",
            "Choix d'une méthode, prescription, pose d'implant ou de stérilet, contraception d'urgence.",
        ),
        ("Accompagnement IVG", "Information, entretien préalable et orientation, dans le respect des délais légaux."),
        (
            "Consultation PrEP",
            "Initiation et suivi de la PrEP avec un médecin, en lien avec votre médecin traitant si vous le souhaitez.",
        ),
        ("Séances d'éducation à la vie affective", "Interventions en milieu scolaire et dans les structures jeunesse."),
    ),
    "etablissement-sante": (
        (
            "Consultations de médecine générale",
            "Des consultations avec ou sans rendez-vous, en secteur 1, avec tiers payant.",
        ),
        (
            "Consultation addictologie",
            "Un accompagnement médical, psychologique et social pour réduire ou arrêter une consommation.",
        ),
        ("Éducation thérapeutique", "Des séances pour mieux vivre avec une maladie chronique au quotidien."),
        ("Consultation jeunes consommateurs", "Un espace gratuit et confidentiel pour les jeunes et leur entourage."),
    ),
    "service-social": (
        (
            "Ouverture des droits",
            "Aide pour ouvrir ou maintenir vos droits à l'assurance maladie et à la complémentaire santé.",
        ),
        ("Domiciliation", "Une adresse pour recevoir votre courrier et faire valoir vos droits."),
        ("Accompagnement social", "Un suivi par une assistante sociale pour le logement, les ressources et la santé."),
    ),
    "etablissement-scolaire": (
        (
            "Programme compétences psychosociales",
            "Des séances en classe sur les émotions, la coopération et la gestion des conflits.",
        ),
        ("Infirmerie", "L'infirmière reçoit les élèves pour toute question de santé, de contraception ou de mal-être."),
        ("Café des parents", "Un temps convivial pour échanger entre parents et avec des professionnels."),
    ),
    "reseau": (
        (
            "Commissions thématiques",
            "Des groupes de travail ouverts aux membres, sur {theme} et l'orientation des publics.",
        ),
        (
            "Annuaire et carte des acteurs",
            "La mise à jour de l'annuaire partagé et de la carte de l'offre de services.",
        ),
        ("Rencontres inter-structures", "Des rencontres régulières pour mieux se connaître et travailler ensemble."),
    ),
}

SENTENCES_ACTOR_OPENING = (
    "{nom} agit {a_commune} pour {theme}, auprès {aupres}.",
    "Implanté {a_commune}, {nom} accompagne {public} en matière de {theme_nu}.",
    "{nom} accueille {public} {a_commune} et dans les communes voisines.",
    "Depuis {annee}, {nom} réunit des professionnels et des bénévoles pour agir sur {theme}.",
    "{nom} propose un accueil confidentiel et gratuit pour {public}.",
)
SENTENCES_ACTOR = (
    "Vous pouvez y rencontrer une équipe pluridisciplinaire : médecin, infirmière, psychologue et "
    "travailleurs sociaux.",
    "L'équipe se déplace aussi dans les quartiers, les établissements scolaires et les structures partenaires.",
    "Les consultations sont gratuites, confidentielles et peuvent être anonymes.",
    "Un accueil sans rendez-vous est proposé une fois par semaine.",
    "La structure travaille en lien étroit avec {partenaire}.",
    "Elle anime des actions collectives sur {theme} tout au long de l'année.",
    "Les professionnels peuvent solliciter l'équipe pour un appui méthodologique ou une intervention.",
    "Un interprétariat professionnel est possible sur demande, y compris par téléphone.",
    "Chaque année, près de {nombre} personnes sont accueillies ou accompagnées.",
    "Les actions s'appuient sur un diagnostic partagé avec les habitants et les partenaires du territoire.",
    "Si vous êtes professionnel, vous pouvez orienter les personnes par téléphone ou par courriel.",
    "Des documents d'information sont disponibles en plusieurs langues à l'accueil.",
    "L'équipe participe aux commissions du réseau et aux groupes de travail du contrat local de santé.",
    "Les locaux sont ouverts aux partenaires pour des permanences et des réunions.",
)
SENTENCES_RESOURCE = (
    "Ce document présente {theme} de façon simple, avec des illustrations et des mots de tous les jours.",
    "Il a été pensé pour {public}, mais peut être utilisé par les professionnels en entretien.",
    "Vous y trouverez les adresses utiles du territoire et les numéros d'écoute gratuits.",
    "L'outil a été conçu avec un groupe d'habitants et testé lors d'ateliers {a_commune}.",
    "Il peut servir de support d'animation pour un groupe de six à douze personnes.",
    "Une version en facile à lire et à comprendre est disponible sur demande.",
    "Le contenu a été relu par un comité de professionnels de santé et de personnes concernées.",
    "Les chiffres présentés datent de {annee} et portent sur {nombre} personnes interrogées.",
    "Une fiche d'accompagnement explique comment l'utiliser en séance collective.",
    "La ressource peut être empruntée ou commandée gratuitement en plusieurs exemplaires.",
    "Elle rappelle les droits de chacun et chacune et les démarches à connaître.",
)
SENTENCES_CONTEXT = (
    "Le diagnostic local de santé {de_commune} montrait que {public} consultaient peu et tard, faute de "
    "connaître les lieux ressources.",
    "Les professionnels du territoire constataient une hausse des demandes en matière de {theme_nu}, "
    "sans réponse coordonnée.",
    "{a_commune_cap}, les distances et le manque de transports en commun éloignent {public} des lieux de soins.",
    "Les acteurs se connaissaient mal et orientaient difficilement les personnes d'une structure à l'autre.",
    "Une enquête menée en {annee} auprès de {nombre} personnes a montré que moins d'une sur deux savait où s'adresser.",
    "Les personnes rencontrées exprimaient le besoin d'un lieu d'écoute sans jugement, proche de chez elles.",
    "Le contrat local de santé a inscrit {theme} parmi ses priorités pour la période {annee}-{annee2}.",
    "Les permanences existantes étaient saturées et les délais d'attente dépassaient souvent un mois.",
    "Plusieurs structures menaient des actions proches sans se coordonner, avec des messages parfois contradictoires.",
    "La fermeture d'un service de proximité en {annee} avait laissé un vide que les partenaires voulaient combler.",
    "Les jeunes interrogés disaient qu'il leur était plus facile de parler à des personnes de leur âge.",
    "Les équipes manquaient d'outils adaptés aux personnes qui lisent peu ou ne parlent pas français.",
)
SENTENCES_SUMMARY = (
    "Depuis {annee}, des professionnels et des habitants {de_commune} agissent ensemble pour {theme}, avec {public}.",
    "Une action d'aller-vers qui rapproche {theme} {aupres} {de_commune}, là où ils vivent.",
    "Une permanence partagée par plusieurs structures {de_commune} pour accueillir {public} en matière de {theme_nu}.",
    "Des ateliers collectifs, construits avec {public}, pour agir sur {theme} {a_commune}.",
    "Un réseau local qui coordonne l'orientation {aupres} en matière de {theme_nu} et réduit les délais d'accès.",
    "Des personnes relais formées pour parler de {theme_nu} avec {public} {de_commune} et les orienter.",
)
ITEMS_OBJECTIVE = (
    "Rapprocher {theme} des personnes qui en sont le plus éloignées.",
    "Renforcer les compétences des professionnels en matière de {theme_nu}.",
    "Faire connaître l'offre de services du territoire auprès {aupres}.",
    "Créer un lieu d'échange régulier entre les acteurs {de_commune}.",
    "Réduire les délais d'accès à une première consultation.",
    "Permettre aux personnes de devenir actrices de leur santé.",
    "Orienter chaque personne vers le bon interlocuteur en moins de quinze jours.",
    "Produire des outils d'information accessibles, en facile à lire et en plusieurs langues.",
    "Mieux repérer les situations de vulnérabilité et y répondre ensemble.",
    "Pérenniser l'action au-delà de la période de financement initiale.",
)
ITEMS_ACTION = (
    "Un comité de pilotage réunit les partenaires chaque trimestre pour suivre l'action et l'ajuster.",
    "Des ateliers collectifs sont animés en binôme par un professionnel et une personne relais.",
    "Une permanence hebdomadaire est tenue dans les locaux de {partenaire}.",
    "Les professionnels volontaires suivent une formation de deux jours avant de s'engager.",
    "Un calendrier des passages est construit avec les mairies et diffusé par affichage.",
    "Les personnes rencontrées sont orientées avec un accompagnement physique si besoin.",
    "Un outil d'animation est conçu avec un groupe d'habitants puis testé en séance.",
    "Les actions sont relayées sur les réseaux sociaux et dans les journaux municipaux.",
    "Une fiche de liaison commune permet de suivre les orientations entre structures.",
    "Un bilan est présenté aux élus et aux financeurs à la fin de chaque année.",
    "Des rencontres d'échange de pratiques réunissent les équipes deux fois par an.",
    "Un numéro unique permet aux partenaires de joindre l'équipe pour toute orientation.",
)
SENTENCES_MEANS = (
    "Une coordinatrice à mi-temps, deux animateurs et le temps mis à disposition par les partenaires.",
    "Un budget annuel d'environ {nombre}00 euros, financé par l'agence régionale de santé et les collectivités.",
    "Des locaux prêtés par la commune, du matériel de prévention et un véhicule partagé.",
    "Le temps de {petit} bénévoles formés et un appui méthodologique du réseau.",
)
SENTENCES_EVALUATION_METHOD = (
    "Un questionnaire anonyme avant et après chaque séance, et des entretiens collectifs avec les participants.",
    "Le suivi des orientations entre structures et un bilan annuel en comité de pilotage.",
    "Des indicateurs de réalisation (nombre de séances, de personnes) et de résultat recueillis chaque trimestre.",
    "Une évaluation externe conduite par l'observatoire régional de la santé sur deux ans.",
)
SENTENCES_EVALUATION_RESULTS = (
    "En {annee2} : {nombre} personnes rencontrées et {pourcent} % de participants satisfaits ou très satisfaits.",
    "La part des personnes qui savent où s'adresser est passée de {pourcent} % à plus des trois quarts.",
    "{nombre} orientations réalisées, dont la grande majorité a abouti à une première consultation.",
    "Les partenaires disent mieux se connaître et s'appeler plus facilement qu'avant l'action.",
    "Les délais d'attente ont été réduits de moitié en deux ans.",
)
ITEMS_LEVER = (
    "L'appui des élus et l'inscription de l'action dans le contrat local de santé.",
    "Une équipe stable, bien identifiée par les habitants et les partenaires.",
    "La participation des personnes concernées dès la conception de l'action.",
    "Un partenariat ancien et des habitudes de travail communes.",
    "Des outils simples, partagés par toutes les structures.",
)
ITEMS_BRAKE = (
    "Des financements annuels qui obligent à redemander chaque année.",
    "Le renouvellement fréquent des professionnels dans certaines structures.",
    "La difficulté à toucher les personnes les plus isolées.",
    "Le temps de coordination, rarement financé.",
    "Des différences de réglementation de part et d'autre de la frontière.",
)
SENTENCES_TRANSFER = (
    "L'action est transférable à tout territoire disposant d'un partenaire de santé capable d'assurer "
    "le suivi des orientations.",
    "La condition clé est un portage politique local et un temps de coordination identifié.",
    "Les outils produits sont réutilisables tels quels ; la formation des équipes doit être adaptée au contexte.",
    "Un territoire rural devra prévoir des solutions de transport pour les personnes accompagnées.",
    "Le guide de mise en œuvre et les supports sont disponibles auprès du porteur.",
)
SENTENCES_EVENT = (
    "Un temps d'échange ouvert aux professionnels du territoire sur {theme}.",
    "Au programme : présentation des dispositifs existants, témoignages et ateliers en petits groupes.",
    "Les inscriptions sont gratuites mais obligatoires, dans la limite des places disponibles.",
    "Vous pourrez découvrir les outils du réseau et rencontrer les structures partenaires.",
    "La rencontre est accessible en fauteuil roulant ; une interprétation en langue des signes est "
    "possible sur demande.",
    "Un temps convivial clôturera la journée.",
    "Les supports des interventions seront envoyés aux participants après la rencontre.",
)

RESOURCE_TITLES: dict[str, tuple[str, ...]] = {
    "brochure": (
        "{Theme} : ce qu'il faut savoir",
        "{Theme} : vos questions, nos réponses",
        "{Theme}, parlons-en",
        "{Theme} : où s'adresser {a_commune} ?",
        "{Theme} : le guide de poche pour {public}",
    ),
    "affiche": (
        "{Theme} : on en parle {a_commune}",
        "Journée {theme_nu} {annee}",
        "Permanence {theme_nu} : sans rendez-vous",
    ),
    "guide": (
        "{Theme} : guide pour les professionnels",
        "Accompagner {public} : repères en matière de {theme_nu}",
        "Guide {theme_nu} du territoire {de_commune}",
        "{Theme} : méthodes et outils pour agir",
    ),
    "outil-pedagogique": (
        "Jeu « {nom} » sur {theme}",
        "Photolangage « {Theme} »",
        "Mallette pédagogique « {Theme} »",
        "Quiz {theme_nu} pour {public}",
    ),
    "rapport": (
        "Diagnostic local de santé {de_commune} {annee}",
        "Rapport d'activité {annee} : {Theme}",
        "Évaluation de l'action {theme_nu} {de_commune}",
        "{Theme} {de_commune} : état des lieux {annee}",
    ),
    "video": (
        "{Theme} en trois minutes (vidéo)",
        "Témoignages : {theme_nu} {a_commune}",
        "{Theme} : l'essentiel en vidéo",
    ),
    "site-web": ("Le site {theme_nu} {de_commune}", "Carte interactive : {theme_nu} près de chez vous"),
    "formation": (
        "Formation « {Theme} » pour les professionnels",
        "Se former en matière de {theme_nu} : module {annee}",
    ),
    "autre": ("Kit de communication « {Theme} »", "Fiches pratiques {theme_nu}"),
}
RESOURCE_TYPE_WEIGHTS = {
    "brochure": 30,
    "affiche": 12,
    "guide": 15,
    "outil-pedagogique": 12,
    "rapport": 10,
    "video": 8,
    "site-web": 4,
    "formation": 6,
    "autre": 3,
}
PRACTICE_TITLES = (
    "{Theme} : une permanence partagée {a_commune}",
    "Aller vers {public} en matière de {theme_nu} {a_commune}",
    "Des personnes relais pour {theme} {a_commune}",
    "Un parcours coordonné pour {theme}",
    "Former les équipes {de_commune} en matière de {theme_nu}",
    "Un bus de prévention pour {theme}",
    "Des ateliers {theme_nu} co-construits avec {public}",
    "Un réseau local pour {theme} {a_commune}",
    "{Theme} : une consultation avancée {a_commune}",
    "Des pairs pour parler de {theme_nu} {a_commune}",
)
EVENT_TITLES: dict[str, tuple[str, ...]] = {
    "rencontre": ("Rencontre des acteurs {de_commune} : {theme_nu}", "Petit-déjeuner du réseau {a_commune}"),
    "formation": ("Formation : {theme_nu} ({annee})", "Se former à l'accueil en matière de {theme_nu}"),
    "forum": ("Forum {theme_nu} {de_commune}", "Forum santé {de_commune} {annee}"),
    "groupe-de-travail": ("Groupe de travail « {Theme} »", "Commission {theme_nu} du réseau"),
    "webinaire": ("Webinaire : {theme_nu}, où en est-on ?", "Webinaire : orienter en matière de {theme_nu}"),
    "colloque": ("Colloque « {Theme} » {annee}", "Journée d'étude : {theme_nu} et territoires"),
    "sensibilisation": ("Journée de sensibilisation {theme_nu} {a_commune}", "Stand {theme_nu} {a_commune}"),
}


class Profile(NamedTuple):
    type: str
    weight: int
    countries: tuple[str, ...]
    names: tuple[str, ...]
    themes: tuple[str, ...]
    publics: tuple[str, ...]
    network: bool = False


ALL_THEMES = tuple(THEMES)
SEXUAL_HEALTH = tuple(t for t in THEMES if t.startswith("sante-sexuelle"))
PROFILES: tuple[Profile, ...] = (
    Profile(
        "association",
        26,
        ("FR", "BE"),
        (
            "Association {nom}",
            "{nom}, {mission}",
            "{nom} {commune}",
            "Collectif {nom}",
            "Maison de quartier {nom}",
        ),
        ALL_THEMES,
        tuple(PUBLICS),
    ),
    Profile(
        "centre-sante-sexuelle",
        8,
        ("FR",),
        (
            "Centre de santé sexuelle {de_commune}",
            "CeGIDD {de_commune}",
            "Centre de dépistage {de_commune}",
        ),
        (*SEXUAL_HEALTH, "acces-aux-soins"),
        ("tous-publics", "jeunes", "femmes", "hsh", "personnes-lgbtqia"),
    ),
    Profile(
        "centre-sante-sexuelle",
        5,
        ("BE",),
        (
            "Centre de planning familial {nom}",
            "Planning familial {de_commune}",
        ),
        (*SEXUAL_HEALTH, "sante-mentale"),
        ("tous-publics", "jeunes", "femmes", "familles"),
    ),
    Profile(
        "etablissement-sante",
        12,
        ("FR", "BE"),
        (
            "Centre hospitalier {de_commune}",
            "Maison de santé pluriprofessionnelle {nom}",
            "Maison médicale {nom}",
            "Centre de santé {nom}",
            "CSAPA {nom}",
            "CAARUD {nom}",
            "Centre médico-psychologique {de_commune}",
        ),
        (
            "acces-aux-soins",
            "addictions",
            "sante-mentale",
            "sante-sexuelle--depistage",
            "promotion-sante--nutrition",
            "vieillissement",
        ),
        ("tous-publics", "usagers-de-drogues", "personnes-precaires", "seniors", "familles"),
    ),
    Profile(
        "service-social",
        6,
        ("FR",),
        (
            "CCAS {de_commune}",
            "Centre social {nom}",
            "Mission locale {de_commune}",
            "Centre de protection maternelle et infantile {de_commune}",
            "Service de santé scolaire {de_commune}",
        ),
        ("acces-aux-soins--droits", "parentalite", "acces-aux-soins", "promotion-sante"),
        ("personnes-precaires", "familles", "parents", "jeunes-adultes", "habitants-qpv"),
    ),
    Profile(
        "service-social",
        5,
        ("BE",),
        (
            "CPAS {de_commune}",
            "Antenne sociale {de_commune}",
            "Service de promotion de la santé à l'école {de_commune}",
            "Maison de l'enfance {nom}",
        ),
        ("acces-aux-soins--droits", "parentalite", "promotion-sante--competences-psychosociales"),
        ("personnes-precaires", "familles", "adolescents", "personnes-migrantes"),
    ),
    Profile(
        "collectivite",
        2,
        ("FR",),
        ("Ville {de_commune}, service santé", "Ville {de_commune}, direction de la santé publique"),
        ("promotion-sante", "coordination-territoriale", "promotion-sante--environnement", "vieillissement"),
        ("tous-publics", "habitants-qpv", "seniors", "elus"),
    ),
    Profile(
        "collectivite",
        2,
        ("BE",),
        ("Ville {de_commune}, plan de cohésion sociale", "Commune {de_commune}, service prévention"),
        ("promotion-sante", "coordination-territoriale", "promotion-sante--environnement", "vieillissement"),
        ("tous-publics", "seniors", "elus"),
    ),
    Profile(
        "institution",
        4,
        ("FR", "BE"),
        (
            "Mutualité {nom}",
            "Observatoire de la santé {de_commune}",
            "Maison des adolescents {de_commune}",
            "Centre local de promotion de la santé {de_commune}",
        ),
        ("promotion-sante", "coordination-territoriale", "acces-aux-soins--droits", "sante-mentale"),
        ("professionnels", "elus", "tous-publics", "adolescents"),
    ),
    Profile(
        "etablissement-scolaire",
        6,
        ("FR",),
        (
            "Collège {personne}",
            "Lycée {personne}",
            "Lycée professionnel {personne}",
        ),
        (
            "promotion-sante--competences-psychosociales",
            "sante-sexuelle--vie-affective",
            "promotion-sante--nutrition",
            "addictions",
        ),
        ("adolescents", "jeunes", "parents"),
    ),
    Profile(
        "etablissement-scolaire",
        3,
        ("BE",),
        (
            "Athénée royal {de_commune}",
            "Institut {personne}",
            "École secondaire {nom}",
        ),
        ("promotion-sante--competences-psychosociales", "sante-sexuelle--vie-affective"),
        ("adolescents", "jeunes"),
    ),
    Profile(
        "reseau",
        3,
        ("FR", "BE"),
        (
            "Réseau {theme_nu} {de_commune}",
            "Collectif {theme_nu} {commune}",
            "Réseau des acteurs de santé {de_commune}",
            "Plateforme {theme_nu} {de_commune}",
        ),
        ALL_THEMES,
        ("professionnels", "elus"),
        True,
    ),
    Profile(
        "contrat-local-de-sante",
        2,
        ("FR",),
        ("Contrat local de santé {de_commune}",),
        ("coordination-territoriale", "promotion-sante", "acces-aux-soins"),
        ("elus", "professionnels", "tous-publics"),
        True,
    ),
    Profile(
        "atelier-sante-ville",
        1,
        ("FR",),
        ("Atelier santé ville {de_commune}",),
        ("coordination-territoriale", "promotion-sante", "acces-aux-soins"),
        ("habitants-qpv", "professionnels"),
        True,
    ),
    Profile(
        "cpts",
        1,
        ("FR",),
        (
            "CPTS {commune}",
            "Communauté professionnelle territoriale de santé {commune} et environs",
        ),
        ("acces-aux-soins", "coordination-territoriale"),
        ("professionnels", "tous-publics"),
        True,
    ),
)
