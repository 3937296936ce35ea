"""The data contract: one pydantic model per kind of record, and the taxonomy terms.

These models are the single source of truth: validation, the JSON Schemas editors autocomplete from and the
field reference of the documentation all come from them. Keys are French (the contributors' language and the
data·inclusion vocabulary); every field carries a French description.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any, ClassVar, Literal, get_args

from pydantic import BaseModel, ConfigDict, Field, Strict, model_validator

from generator.contract.fields import (
    ActorId,
    Day,
    Email,
    Flag,
    Line,
    Moment,
    Number,
    Phone,
    PracticeId,
    Prose,
    Public,
    RefersTo,
    ResourceId,
    Slug,
    TermId,
    Territoire,
    Thematique,
    Url,
    refuse,
)
from generator.contract.hours import EXAMPLE as HOURS_EXAMPLE
from generator.contract.hours import OpeningHoursText

Text = Annotated[Line, Field(min_length=1)]
Langue = Annotated[str, Field(pattern=r"^[a-z]{2,3}$")]  # ISO 639-1 (or 639-3 when a language has no 639-1 code)
Age = Annotated[int, Strict(), Field(ge=0, le=120)]  # in years; not true, not "16"
Markdown = Annotated[Prose, Field(min_length=1, json_schema_extra={"contentMediaType": "text/markdown"})]
# One line first (the control characters' own message), then the syntax.
Hours = Annotated[Line, *get_args(OpeningHoursText)[1:], Field(json_schema_extra={"examples": [HOURS_EXAMPLE]})]
HOURS_HELP = ("Horaires d'ouverture dans la syntaxe d'OpenStreetMap (celle de data·inclusion), par exemple "
              "« Mo-Fr 09:00-12:00,14:00-17:00; Sa 09:00-12:00; PH off » : Mo lundi, Tu mardi, We mercredi, "
              "Th jeudi, Fr vendredi, Sa samedi, Su dimanche, PH jours fériés, off fermé.")
HOURS_NOTES_HELP = "Ce que la syntaxe des horaires ne peut pas dire (« pendant l'année scolaire »), en clair."


class Entry(BaseModel):
    """A block of keys: unknown keys are refused so that a typo never drops data silently."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, coerce_numbers_to_str=True)
    described_as: ClassVar[str] = "un bloc"


def doc(description: str, **kwargs: object) -> Any:
    """A field with its French description (shown in editors and in the documentation)."""
    return Field(description=description, **kwargs)  # type: ignore[call-overload]


def _check_order(start: date | None, end: date | None) -> None:
    if start is None or end is None:
        return
    as_dates = [m.date() if isinstance(m, datetime) else m for m in (start, end)]
    both_times = isinstance(start, datetime) and isinstance(end, datetime)
    if (end < start) if both_times else (as_dates[1] < as_dates[0]):
        raise refuse(
            "ordre", "la fin ({value}) précède le début", "Vérifiez les deux dates (AAAA-MM-JJ).", end, at="fin"
        )


# --- parts of records -----------------------------------------------------------------------------------


class Lieu(Entry):
    described_as: ClassVar[str] = "un lieu"
    nom: Line | None = doc("Nom du lieu, s'il diffère de celui de l'acteur (« Antenne de Maubeuge »).", default=None, title="Nom du lieu")
    adresse: Line | None = doc("Numéro et voie.", default=None, title="Adresse")
    code_postal: Line | None = doc("Code postal.", default=None, title="Code postal")
    commune: Line | None = doc("Commune.", default=None, title="Commune")
    code_insee: Line | None = doc("Code officiel de la commune (INSEE en France, INS en Belgique).", default=None, title="Code de la commune")
    pays: Literal["FR", "BE", "LU", "CH", "DE"] = doc("Pays (code ISO à deux lettres).", default="FR", title="Pays")
    latitude: Number | None = doc("Latitude en degrés décimaux (WGS 84).", default=None, ge=-90, le=90, title="Latitude")
    longitude: Number | None = doc("Longitude en degrés décimaux (WGS 84).", default=None, ge=-180, le=180, title="Longitude")
    horaires: Hours | None = doc(HOURS_HELP, default=None, title="Horaires")
    horaires_precisions: Line | None = doc(HOURS_NOTES_HELP, title="Précisions sur les horaires", default=None)
    accessibilite: Line | None = doc("Accessibilité du lieu (fauteuil roulant, boucle magnétique…).", default=None, title="Accessibilité")


Modalite = Literal["sur-place", "a-distance", "aller-vers"]


class Conditions(Entry):
    """What a person asks before going: price, appointment, anonymity, languages, age, papers. On a service, and
    on the actor for what holds for all its services (a service's own value wins). The names follow
    data·inclusion (`frais`, `conditions_acces`, `publics_precisions`) and DORA (« justificatifs à fournir »)."""

    described_as: ClassVar[str] = "des conditions d'accueil"
    gratuit: Flag | None = doc("Gratuit ?", title="Gratuit", default=None)
    sur_rendez_vous: Flag | None = doc("Faut-il prendre rendez-vous ?", title="Sur rendez-vous", default=None)
    anonyme: Flag | None = doc("Peut-on venir de manière anonyme ?", title="Anonyme", default=None)
    accessibilite: Line | None = doc(
        "Accessibilité de l'accueil (interprète en langue des signes, documents en FALC, accompagnement…).", title="Accessibilité",
        default=None,
    )
    langues: list[Langue] = doc("Langues parlées à l'accueil (codes ISO 639-1 : fr, nl, en, ar…).", title="Langues parlées", default=[])
    age_minimum: Age | None = doc("Âge minimum pour être reçu, en années (par exemple 12).", title="Âge minimum", default=None)
    age_maximum: Age | None = doc("Âge maximum pour être reçu, en années (par exemple 25).", title="Âge maximum", default=None)
    mineurs_sans_accord_parental: Flag | None = doc(
        "Une personne mineure peut-elle être reçue sans l'accord de ses parents ?", title="Mineurs sans accord parental", default=None
    )
    documents_a_fournir: Line | None = doc(
        "Documents à apporter (« Aucun », « Carte vitale ou carte d'identité si vous l'avez »…).", title="Documents à fournir", default=None
    )

    def with_fallback(self, fallback: Conditions | None) -> Conditions:
        """These conditions, each one not given here taken from `fallback` (a service's own, then its actor's)."""
        names = Conditions.model_fields
        given = {name: getattr(self, name) for name in names if getattr(self, name) not in (None, [])}
        inherited = {name: getattr(fallback, name) for name in names} if fallback is not None else {}
        return Conditions.model_construct(**{**inherited, **given})

    @model_validator(mode="after")
    def _ages_in_order(self) -> Conditions:
        if self.age_minimum is not None and self.age_maximum is not None and self.age_maximum < self.age_minimum:
            raise refuse(
                "ordre",
                "l'âge maximum ({value} ans) est inférieur à l'âge minimum",
                "Vérifiez « age_minimum » et « age_maximum » : par exemple 12 et 25 pour « de 12 à 25 ans ».",
                self.age_maximum,
                at="age_maximum",
            )
        return self


class ServiceOffer(Entry):
    """What a service is; `Service` adds its conditions after these keys (the order editors and templates show)."""

    nom: Text = doc("Nom du service (« Dépistage VIH et IST »).", title="Nom du service")
    description: Markdown | None = doc("Ce que le service propose, pour qui, comment y accéder.", default=None, title="Description")
    publics: list[Public] = doc("Publics du service (liste : data/taxonomies/publics.yml).", default=[], title="Publics")
    modalites: list[Modalite] = doc("Sur place, à distance, aller-vers.", default=[], title="Modalités")
    horaires: Hours | None = doc(f"{HOURS_HELP} Seulement s'ils diffèrent de ceux du lieu.", title="Horaires",
                                 default=None)
    horaires_precisions: Line | None = doc(HOURS_NOTES_HELP, title="Précisions sur les horaires", default=None)


class Service(Conditions, ServiceOffer):
    described_as: ClassVar[str] = "un service"


class Contact(Entry):
    described_as: ClassVar[str] = "un contact"
    fonction: Text = doc("Fonction ou service joint (« Accueil », « Coordination »).", title="Fonction")
    nom: Line | None = doc("Nom d'une personne : seulement avec son accord (consentement: true).", title="Nom de la personne", default=None)
    courriel: Email | None = doc("Adresse électronique.", title="Courriel", default=None)
    telephone: Phone | None = doc("Numéro de téléphone.", title="Téléphone", default=None)
    consentement: Flag = doc("La personne nommée a accepté que son nom soit publié.", title="Accord pour publier le nom", default=False)

    @model_validator(mode="after")
    def _named_only_with_consent(self) -> Contact:
        if self.nom and not self.consentement:
            raise refuse(
                "consentement",
                "le contact « {value} » nomme une personne sans son accord (consentement: true absent)",
                "Ajoutez « consentement: true » si la personne a accepté d'être publiée, "
                "sinon retirez son nom et gardez la fonction.",
                self.nom,
                at="nom",
            )
        return self


class Identifiants(Entry):
    described_as: ClassVar[str] = "des identifiants"
    siret: Annotated[str, Field(pattern=r"^\d{14}$")] | None = doc("SIRET (14 chiffres).", title="SIRET", default=None)
    rna: Annotated[str, Field(pattern=r"^W\d{9}$")] | None = doc("Numéro RNA (W suivi de 9 chiffres).", title="RNA", default=None)
    finess: Annotated[str, Field(pattern=r"^\d[0-9AB]\d{7}$")] | None = doc(
        "Numéro FINESS (9 caractères).", title="FINESS", default=None
    )
    bce: Annotated[str, Field(pattern=r"^[01]\d{3}\.\d{3}\.\d{3}$")] | None = doc(
        "Numéro d'entreprise belge (BCE), par exemple 0123.456.789.", title="BCE", default=None
    )


class Lien(Entry):
    described_as: ClassVar[str] = "un lien"
    titre: Text = doc("Texte du lien.", title="Texte du lien")
    url: Url = doc("Adresse web (http ou https).", title="Adresse")


class Periode(Entry):
    described_as: ClassVar[str] = "une période"
    debut: Day | None = doc("Date de début (AAAA-MM-JJ).", title="Début", default=None)
    fin: Day | None = doc("Date de fin (AAAA-MM-JJ).", title="Fin", default=None)

    @model_validator(mode="after")
    def _in_order(self) -> Periode:
        _check_order(self.debut, self.fin)
        return self


class Adresse(Entry):
    described_as: ClassVar[str] = "une adresse"
    nom: Line | None = doc("Nom du lieu (« Salle des fêtes »).", title="Nom du lieu", default=None)
    adresse: Line | None = doc("Numéro et voie.", title="Adresse", default=None)
    code_postal: Line | None = doc("Code postal.", title="Code postal", default=None)
    commune: Text = doc("Commune.", title="Commune")
    pays: Literal["FR", "BE", "LU", "CH", "DE"] = doc("Pays (code ISO à deux lettres).", title="Pays", default="FR")
    latitude: Number | None = doc("Latitude en degrés décimaux (WGS 84), pour la carte.", title="Latitude", default=None, ge=-90, le=90)
    longitude: Number | None = doc("Longitude en degrés décimaux (WGS 84), pour la carte.", title="Longitude", default=None,
                                   ge=-180, le=180)


class Evaluation(Entry):
    described_as: ClassVar[str] = "une évaluation"
    type: Literal["aucune", "processus", "resultats", "impact"] = doc("Type d'évaluation menée.", title="Type d'évaluation")
    methode: Markdown | None = doc("Méthode d'évaluation.", title="Méthode", default=None)
    resultats: Markdown | None = doc("Principaux résultats, avec des chiffres si possible.", title="Résultats", default=None)


# --- records --------------------------------------------------------------------------------------------


class Record(Entry):
    """Fields shared by every record; the id is the file name. How French names each kind of record (« un
    acteur ») is its entry's in generator/contract/kinds.py."""

    id: Slug = doc(
        "Identifiant : le nom du fichier sans « .yml ». Facultatif ; s'il est écrit, il doit être identique.", title="Identifiant"
    )
    date_maj: Day = doc("Date à laquelle le contenu de la fiche a été vérifié (AAAA-MM-JJ).", title="Date de vérification")

    @property
    def title(self) -> str:
        raise NotImplementedError


class Actor(Record):
    nom: Text = doc("Nom de l'acteur.", title="Nom")
    sigle: Line | None = doc("Sigle ou nom court.", title="Sigle", default=None)
    type: Annotated[TermId, RefersTo("types_acteur")] = doc("Type d'acteur (liste : data/taxonomies/types_acteur.yml).", title="Type d'acteur")
    description: Markdown = doc("Qui vous êtes, ce que vous faites, pour qui (Markdown).", title="Description")
    thematiques: list[Thematique] = doc("Thématiques d'action (liste : data/taxonomies/thematiques.yml).", title="Thématiques", min_length=1)
    publics: list[Public] = doc("Publics accueillis ou visés (liste : data/taxonomies/publics.yml).", title="Publics", default=[])
    territoires: list[Territoire] = doc(
        "Territoires où l'acteur agit (liste : data/taxonomies/territoires.yml).", title="Territoires", min_length=1
    )
    lieux: list[Lieu] = doc("Lieux d'accueil.", title="Lieux d'accueil", default=[])
    telephone: Phone | None = doc("Téléphone principal.", title="Téléphone", default=None)
    courriel: Email | None = doc("Adresse électronique principale.", title="Courriel", default=None)
    site_web: Url | None = doc("Site web.", title="Site web", default=None)
    services: list[Service] = doc("Services proposés.", title="Services", default=[])
    conditions: Conditions | None = doc(
        "Conditions d'accueil communes à tous les services (un service peut préciser les siennes).", title="Conditions d'accueil", default=None
    )
    contacts: list[Contact] = doc("Contacts (des fonctions ; une personne seulement avec son accord).", title="Contacts", default=[])
    reseaux: list[ActorId] = doc("Réseaux, CLS, CPTS… dont l'acteur est membre (identifiants d'acteurs).", title="Réseaux", default=[])
    partenaires: list[ActorId] = doc("Partenaires (identifiants d'acteurs).", title="Partenaires", default=[])
    identifiants: Identifiants | None = doc("Identifiants officiels.", title="Identifiants officiels", default=None)
    liens: list[Lien] = doc("Autres liens utiles.", title="Liens", default=[])

    @property
    def title(self) -> str:
        return self.nom


TypeRessourceId = Annotated[TermId, RefersTo("types_ressource")]
Accessibilite = Literal[
    "falc", "sous-titre", "audio", "audiodescription", "braille", "gros-caracteres", "langue-des-signes"
]


class Resource(Record):
    titre: Text = doc("Titre de la ressource.", title="Titre")
    type: TypeRessourceId = doc("Type de ressource (liste : data/taxonomies/types_ressource.yml).", title="Type de ressource")
    description: Markdown = doc("Contenu, usage conseillé, public visé (Markdown).", title="Description")
    thematiques: list[Thematique] = doc("Thématiques (liste : data/taxonomies/thematiques.yml).", title="Thématiques", min_length=1)
    publics: list[Public] = doc("Publics visés (liste : data/taxonomies/publics.yml).", title="Publics", default=[])
    territoires: list[Territoire] = doc("Territoires concernés (liste : data/taxonomies/territoires.yml).", title="Territoires", default=[])
    auteurs: list[ActorId] = doc("Acteurs auteurs (identifiants d'acteurs).", title="Auteurs", default=[])
    editeur: Line | None = doc("Éditeur, s'il n'est pas un acteur de l'annuaire.", title="Éditeur", default=None)
    url: Url | None = doc("Adresse où consulter ou télécharger la ressource.", title="Adresse web", default=None)
    fichier: Line | None = doc("Nom d'un fichier déposé dans data/resources/files/.", title="Fichier", default=None)
    date_publication: Day | None = doc("Date de publication (AAAA-MM-JJ).", title="Date de publication", default=None)
    langues: list[Langue] = doc(
        "Langues (codes ISO 639-1 : fr, nl, en, ar…).", title="Langues", default=["fr"]
    )
    acces: Literal["libre", "pret", "commande"] | None = doc("Accès : libre, prêt ou commande.", title="Accès", default=None)
    disponible_aupres_de: ActorId | None = doc("Acteur auprès de qui l'obtenir.", title="Disponible auprès de", default=None)
    licence: Line | None = doc("Licence (« CC BY 4.0 »…).", title="Licence", default=None)
    accessibilite: list[Accessibilite] = doc("Formats accessibles proposés.", title="Formats accessibles", default=[])

    @property
    def title(self) -> str:
        return self.titre


class Practice(Record):
    titre: Text = doc("Titre de l'action.", title="Titre")
    resume: Markdown = doc("Résumé en une ou deux phrases.", title="Résumé")
    porteur: ActorId = doc("Acteur porteur (identifiant d'acteur).", title="Porteur")
    partenaires: list[ActorId] = doc("Partenaires (identifiants d'acteurs).", title="Partenaires", default=[])
    territoires: list[Territoire] = doc(
        "Territoires de l'action (liste : data/taxonomies/territoires.yml).", title="Territoires", min_length=1
    )
    thematiques: list[Thematique] = doc("Thématiques (liste : data/taxonomies/thematiques.yml).", title="Thématiques", min_length=1)
    publics: list[Public] = doc("Publics (liste : data/taxonomies/publics.yml).", title="Publics", min_length=1)
    periode: Periode | None = doc("Période de l'action.", title="Période", default=None)
    statut: Literal["en-cours", "terminee", "reconduite"] | None = doc("Statut de l'action.", title="Statut", default=None)
    contexte: Markdown = doc("Contexte et constats de départ.", title="Contexte")
    objectifs: Markdown = doc("Objectifs.", title="Objectifs")
    actions: Markdown = doc("Actions menées, étape par étape.", title="Actions")
    moyens: Markdown | None = doc("Moyens humains, financiers, matériels.", title="Moyens", default=None)
    evaluation: Evaluation | None = doc("Évaluation.", title="Évaluation", default=None)
    leviers: Markdown | None = doc("Ce qui a aidé.", title="Leviers", default=None)
    freins: Markdown | None = doc("Ce qui a freiné.", title="Freins", default=None)
    transferabilite: Markdown | None = doc("Conditions pour reproduire l'action ailleurs.", title="Transférabilité", default=None)
    niveau_de_preuve: Literal["declaratif", "evaluee", "capitalisee", "reconnue"] | None = doc(
        "Niveau de preuve.", title="Niveau de preuve", default=None
    )
    ressources: list[ResourceId] = doc("Ressources liées (identifiants de ressources).", title="Ressources liées", default=[])
    contact: Contact | None = doc("Contact pour en savoir plus.", title="Contact", default=None)

    @property
    def title(self) -> str:
        return self.titre


class Event(Record):
    titre: Text = doc("Titre de l'événement.", title="Titre")
    type: Annotated[TermId, RefersTo("types_evenement")] | None = doc(
        "Type d'événement (liste : data/taxonomies/types_evenement.yml).", title="Type d'événement", default=None
    )
    debut: Moment = doc("Début : date (2027-01-14) ou date-heure (2027-01-14T09:30), heure de Paris.", title="Début")
    fin: Moment | None = doc("Fin : date ou date-heure.", default=None, title="Fin")
    lieu: Line | None = doc("Lieu, en clair (salle, précisions) ; pour la carte, ajoutez « lieu_acteur » ou "
                            "« adresse ».", default=None, title="Lieu")
    lieu_acteur: ActorId | None = doc("L'événement a lieu chez un acteur (identifiant d'acteur) : à son lieu "
                                      "d'accueil, ou à celui que « lieu_numero » désigne.", title="Chez l'acteur",
                                      default=None)
    lieu_numero: Annotated[int, Strict(), Field(ge=1)] | None = doc(
        "Quel lieu de l'acteur « lieu_acteur » : 1 pour le premier de sa fiche, 2 pour le deuxième…",
        title="Numéro du lieu", default=None)
    adresse: Adresse | None = doc("Adresse de l'événement, s'il n'a pas lieu chez un acteur.", title="Adresse",
                                  default=None)
    territoires: list[Territoire] = doc("Territoires concernés (liste : data/taxonomies/territoires.yml).",
                                        title="Territoires", default=[])
    en_ligne: Url | None = doc("Adresse de la réunion en ligne.", default=None, title="En ligne")
    organisateurs: list[ActorId] = doc("Acteurs organisateurs (identifiants d'acteurs).", min_length=1, title="Organisateurs")
    description: Markdown | None = doc("Programme, public, modalités (Markdown).", default=None, title="Description")
    thematiques: list[Thematique] = doc("Thématiques (liste : data/taxonomies/thematiques.yml).", default=[], title="Thématiques")
    publics: list[Public] = doc("Publics (liste : data/taxonomies/publics.yml).", default=[], title="Publics")
    inscription: Url | None = doc("Adresse du formulaire d'inscription.", default=None, title="Inscription")

    @model_validator(mode="after")
    def _in_order(self) -> Event:
        _check_order(self.debut, self.fin)
        if self.lieu_acteur and self.adresse:
            raise refuse("lieu", "l'événement a deux lieux : « lieu_acteur » et « adresse »",
                         "Gardez « lieu_acteur » s'il a lieu chez un acteur, sinon « adresse ».", self.lieu_acteur,
                         at="adresse")
        if self.lieu_numero is not None and not self.lieu_acteur:
            raise refuse("lieu", "« lieu_numero » désigne un lieu de l'acteur « lieu_acteur », qui manque",
                         "Ajoutez « lieu_acteur: <identifiant de l'acteur> », ou retirez « lieu_numero ».",
                         self.lieu_numero, at="lieu_numero")
        return self

    @property
    def title(self) -> str:
        return self.titre


class PartenairesRecherches(Entry):
    """Who a call looks for: kinds of actors, the subjects and places they work on, and in plain words."""

    described_as: ClassVar[str] = "des partenaires recherchés"
    types: list[Annotated[TermId, RefersTo("types_acteur")]] = doc(
        "Types d'acteurs recherchés (liste : data/taxonomies/types_acteur.yml).", title="Types d'acteurs", default=[])
    thematiques: list[Thematique] = doc("Thématiques des partenaires recherchés (liste : data/taxonomies/thematiques.yml).",
                                        title="Thématiques", default=[])
    territoires: list[Territoire] = doc("Territoires où les partenaires agissent (liste : data/taxonomies/territoires.yml).",
                                        title="Territoires", default=[])
    precisions: Line | None = doc("Le profil recherché, en clair (compétences, disponibilité…).", title="Précisions",
                                  default=None)


class Call(Record):
    """A call or an offer between actors: a call for projects, a search for partners, premises, equipment or a
    training to share. Open until its `date_limite` (included), then archived."""

    titre: Text = doc("Titre de l'appel ou de l'offre.", title="Titre")
    type: Annotated[TermId, RefersTo("types_appel")] = doc(
        "Appel à projets, recherche de partenaires, offre de mutualisation… (liste : data/taxonomies/types_appel.yml).",
        title="Type d'appel")
    porteur: ActorId = doc("Acteur qui lance l'appel ou fait l'offre (identifiant d'acteur).", title="Porteur")
    description: Markdown = doc("Ce qui est proposé ou recherché, pour quoi faire, comment répondre (Markdown).",
                                title="Description")
    thematiques: list[Thematique] = doc("Thématiques (liste : data/taxonomies/thematiques.yml).", title="Thématiques",
                                        min_length=1)
    territoires: list[Territoire] = doc(
        "Territoires concernés (liste : data/taxonomies/territoires.yml).", title="Territoires", min_length=1
    )
    publics: list[Public] = doc("Publics visés (liste : data/taxonomies/publics.yml).", title="Publics", default=[])
    partenaires_recherches: PartenairesRecherches | None = doc("Les partenaires recherchés.",
                                                               title="Partenaires recherchés", default=None)
    date_limite: Day | None = doc("Dernier jour pour répondre (AAAA-MM-JJ) ; après, l'appel est archivé. Sans date, "
                                  "il reste ouvert.", title="Date limite", default=None)
    url: Url | None = doc("Page de l'appel ou dossier de candidature.", title="Adresse web", default=None)
    contact: Contact | None = doc("Contact pour répondre (une fonction ; une personne seulement avec son accord).",
                                  title="Contact", default=None)
    pratique: PracticeId | None = doc("Bonne pratique que l'appel propose de reproduire (identifiant de bonne pratique).",
                                      title="Bonne pratique liée", default=None)
    ressources: list[ResourceId] = doc("Ressources liées (identifiants de ressources).", title="Ressources liées",
                                       default=[])

    @property
    def title(self) -> str:
        return self.titre


# --- taxonomies -----------------------------------------------------------------------------------------


class Term(Entry):
    described_as: ClassVar[str] = "un terme de taxonomie"
    id: TermId = doc("Identifiant du terme.", title="Identifiant")
    label: Text = doc("Libellé affiché.", title="Libellé")
    description: Line | None = doc("Définition en une phrase.", title="Description", default=None)
    parent: TermId | None = doc("Identifiant du terme parent, dans le même fichier.", title="Parent", default=None)
    data_inclusion: Line | None = doc("Correspondance dans le référentiel data·inclusion.", title="Correspondance data·inclusion", default=None)
    type: Literal["region", "departement", "epci", "commune", "quartier", "bassin", "autre"] | None = doc(
        "Pour un territoire : son échelon.", title="Échelon", default=None
    )
    code: Line | None = doc("Pour un territoire : son code officiel (INSEE, INS…).", title="Code officiel", default=None)
