"""The data contract: one pydantic model per kind of record, and the taxonomy terms.

These models are the single source of truth: validation, the JSON Schemas editors autocomplete from and the
field reference of the documentation all come from them. Keys are French (the contributors' language and the
data·inclusion vocabulary); every field carries a French description.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any, ClassVar, Literal

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

Text = Annotated[Line, Field(min_length=1)]
Langue = Annotated[str, Field(pattern=r"^[a-z]{2,3}$")]  # ISO 639-1 (or 639-3 when a language has no 639-1 code)
Age = Annotated[int, Strict(), Field(ge=0, le=120)]  # in years; not true, not "16"
Markdown = Annotated[Prose, Field(min_length=1, json_schema_extra={"contentMediaType": "text/markdown"})]


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
    nom: Line | None = doc("Nom du lieu, s'il diffère de celui de l'acteur (« Antenne de Maubeuge »).", default=None)
    adresse: Line | None = doc("Numéro et voie.", default=None)
    code_postal: Line | None = doc("Code postal.", default=None)
    commune: Line | None = doc("Commune.", default=None)
    code_insee: Line | None = doc("Code officiel de la commune (INSEE en France, INS en Belgique).", default=None)
    pays: Literal["FR", "BE", "LU", "CH", "DE"] = doc("Pays (code ISO à deux lettres).", default="FR")
    latitude: Number | None = doc("Latitude en degrés décimaux (WGS 84).", default=None, ge=-90, le=90)
    longitude: Number | None = doc("Longitude en degrés décimaux (WGS 84).", default=None, ge=-180, le=180)
    horaires: Line | None = doc("Horaires d'ouverture, en clair.", default=None)
    accessibilite: Line | None = doc("Accessibilité du lieu (fauteuil roulant, boucle magnétique…).", default=None)


Modalite = Literal["sur-place", "a-distance", "aller-vers"]


class Conditions(Entry):
    """What a person asks before going: price, appointment, anonymity, languages, age, papers. On a service, and
    on the actor for what holds for all its services (a service's own value wins). The names follow
    data·inclusion (`frais`, `conditions_acces`, `publics_precisions`) and DORA (« justificatifs à fournir »)."""

    described_as: ClassVar[str] = "des conditions d'accueil"
    gratuit: Flag | None = doc("Gratuit ?", default=None)
    sur_rendez_vous: Flag | None = doc("Faut-il prendre rendez-vous ?", default=None)
    anonyme: Flag | None = doc("Peut-on venir de manière anonyme ?", default=None)
    accessibilite: Line | None = doc(
        "Accessibilité de l'accueil (interprète en langue des signes, documents en FALC, accompagnement…).",
        default=None,
    )
    langues: list[Langue] = doc("Langues parlées à l'accueil (codes ISO 639-1 : fr, nl, en, ar…).", default=[])
    age_minimum: Age | None = doc("Âge minimum pour être reçu, en années (par exemple 12).", default=None)
    age_maximum: Age | None = doc("Âge maximum pour être reçu, en années (par exemple 25).", default=None)
    mineurs_sans_accord_parental: Flag | None = doc(
        "Une personne mineure peut-elle être reçue sans l'accord de ses parents ?", default=None
    )
    documents_a_fournir: Line | None = doc(
        "Documents à apporter (« Aucun », « Carte vitale ou carte d'identité si vous l'avez »…).", default=None
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

    nom: Text = doc("Nom du service (« Dépistage VIH et IST »).")
    description: Markdown | None = doc("Ce que le service propose, pour qui, comment y accéder.", default=None)
    publics: list[Public] = doc("Publics du service (liste : data/taxonomies/publics.yml).", default=[])
    modalites: list[Modalite] = doc("Sur place, à distance, aller-vers.", default=[])


class Service(Conditions, ServiceOffer):
    described_as: ClassVar[str] = "un service"


class Contact(Entry):
    described_as: ClassVar[str] = "un contact"
    fonction: Text = doc("Fonction ou service joint (« Accueil », « Coordination »).")
    nom: Line | None = doc("Nom d'une personne : seulement avec son accord (consentement: true).", default=None)
    courriel: Email | None = doc("Adresse électronique.", default=None)
    telephone: Phone | None = doc("Numéro de téléphone.", default=None)
    consentement: Flag = doc("La personne nommée a accepté que son nom soit publié.", default=False)

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
    siret: Annotated[str, Field(pattern=r"^\d{14}$")] | None = doc("SIRET (14 chiffres).", default=None)
    rna: Annotated[str, Field(pattern=r"^W\d{9}$")] | None = doc("Numéro RNA (W suivi de 9 chiffres).", default=None)
    finess: Annotated[str, Field(pattern=r"^\d[0-9AB]\d{7}$")] | None = doc(
        "Numéro FINESS (9 caractères).", default=None
    )
    bce: Annotated[str, Field(pattern=r"^[01]\d{3}\.\d{3}\.\d{3}$")] | None = doc(
        "Numéro d'entreprise belge (BCE), par exemple 0123.456.789.", default=None
    )


class Lien(Entry):
    described_as: ClassVar[str] = "un lien"
    titre: Text = doc("Texte du lien.")
    url: Url = doc("Adresse web (http ou https).")


class Periode(Entry):
    described_as: ClassVar[str] = "une période"
    debut: Day | None = doc("Date de début (AAAA-MM-JJ).", default=None)
    fin: Day | None = doc("Date de fin (AAAA-MM-JJ).", default=None)

    @model_validator(mode="after")
    def _in_order(self) -> Periode:
        _check_order(self.debut, self.fin)
        return self


class Evaluation(Entry):
    described_as: ClassVar[str] = "une évaluation"
    type: Literal["aucune", "processus", "resultats", "impact"] = doc("Type d'évaluation menée.")
    methode: Markdown | None = doc("Méthode d'évaluation.", default=None)
    resultats: Markdown | None = doc("Principaux résultats, avec des chiffres si possible.", default=None)


# --- records --------------------------------------------------------------------------------------------


class Record(Entry):
    """Fields shared by every record; the id is the file name. How French names each kind of record (« un
    acteur ») is its entry's in generator/contract/kinds.py."""

    id: Slug = doc(
        "Identifiant : le nom du fichier sans « .yml ». Facultatif ; s'il est écrit, il doit être identique."
    )
    date_maj: Day = doc("Date à laquelle le contenu de la fiche a été vérifié (AAAA-MM-JJ).")

    @property
    def title(self) -> str:
        raise NotImplementedError


class Actor(Record):
    nom: Text = doc("Nom de l'acteur.")
    sigle: Line | None = doc("Sigle ou nom court.", default=None)
    type: Annotated[TermId, RefersTo("types_acteur")] = doc("Type d'acteur (liste : data/taxonomies/types_acteur.yml).")
    description: Markdown = doc("Qui vous êtes, ce que vous faites, pour qui (Markdown).")
    thematiques: list[Thematique] = doc("Thématiques d'action (liste : data/taxonomies/thematiques.yml).", min_length=1)
    publics: list[Public] = doc("Publics accueillis ou visés (liste : data/taxonomies/publics.yml).", default=[])
    territoires: list[Territoire] = doc(
        "Territoires où l'acteur agit (liste : data/taxonomies/territoires.yml).", min_length=1
    )
    lieux: list[Lieu] = doc("Lieux d'accueil.", default=[])
    telephone: Phone | None = doc("Téléphone principal.", default=None)
    courriel: Email | None = doc("Adresse électronique principale.", default=None)
    site_web: Url | None = doc("Site web.", default=None)
    services: list[Service] = doc("Services proposés.", default=[])
    conditions: Conditions | None = doc(
        "Conditions d'accueil communes à tous les services (un service peut préciser les siennes).", default=None
    )
    contacts: list[Contact] = doc("Contacts (des fonctions ; une personne seulement avec son accord).", default=[])
    reseaux: list[ActorId] = doc("Réseaux, CLS, CPTS… dont l'acteur est membre (identifiants d'acteurs).", default=[])
    partenaires: list[ActorId] = doc("Partenaires (identifiants d'acteurs).", default=[])
    identifiants: Identifiants | None = doc("Identifiants officiels.", default=None)
    liens: list[Lien] = doc("Autres liens utiles.", default=[])

    @property
    def title(self) -> str:
        return self.nom


TypeRessourceId = Annotated[TermId, RefersTo("types_ressource")]
Accessibilite = Literal[
    "falc", "sous-titre", "audio", "audiodescription", "braille", "gros-caracteres", "langue-des-signes"
]


class Resource(Record):
    titre: Text = doc("Titre de la ressource.")
    type: TypeRessourceId = doc("Type de ressource (liste : data/taxonomies/types_ressource.yml).")
    description: Markdown = doc("Contenu, usage conseillé, public visé (Markdown).")
    thematiques: list[Thematique] = doc("Thématiques (liste : data/taxonomies/thematiques.yml).", min_length=1)
    publics: list[Public] = doc("Publics visés (liste : data/taxonomies/publics.yml).", default=[])
    territoires: list[Territoire] = doc("Territoires concernés (liste : data/taxonomies/territoires.yml).", default=[])
    auteurs: list[ActorId] = doc("Acteurs auteurs (identifiants d'acteurs).", default=[])
    editeur: Line | None = doc("Éditeur, s'il n'est pas un acteur de l'annuaire.", default=None)
    url: Url | None = doc("Adresse où consulter ou télécharger la ressource.", default=None)
    fichier: Line | None = doc("Nom d'un fichier déposé dans data/resources/files/.", default=None)
    date_publication: Day | None = doc("Date de publication (AAAA-MM-JJ).", default=None)
    langues: list[Langue] = doc(
        "Langues (codes ISO 639-1 : fr, nl, en, ar…).", default=["fr"]
    )
    acces: Literal["libre", "pret", "commande"] | None = doc("Accès : libre, prêt ou commande.", default=None)
    disponible_aupres_de: ActorId | None = doc("Acteur auprès de qui l'obtenir.", default=None)
    licence: Line | None = doc("Licence (« CC BY 4.0 »…).", default=None)
    accessibilite: list[Accessibilite] = doc("Formats accessibles proposés.", default=[])

    @property
    def title(self) -> str:
        return self.titre


class Practice(Record):
    titre: Text = doc("Titre de l'action.")
    resume: Markdown = doc("Résumé en une ou deux phrases.")
    porteur: ActorId = doc("Acteur porteur (identifiant d'acteur).")
    partenaires: list[ActorId] = doc("Partenaires (identifiants d'acteurs).", default=[])
    territoires: list[Territoire] = doc(
        "Territoires de l'action (liste : data/taxonomies/territoires.yml).", min_length=1
    )
    thematiques: list[Thematique] = doc("Thématiques (liste : data/taxonomies/thematiques.yml).", min_length=1)
    publics: list[Public] = doc("Publics (liste : data/taxonomies/publics.yml).", min_length=1)
    periode: Periode | None = doc("Période de l'action.", default=None)
    statut: Literal["en-cours", "terminee", "reconduite"] | None = doc("Statut de l'action.", default=None)
    contexte: Markdown = doc("Contexte et constats de départ.")
    objectifs: Markdown = doc("Objectifs.")
    actions: Markdown = doc("Actions menées, étape par étape.")
    moyens: Markdown | None = doc("Moyens humains, financiers, matériels.", default=None)
    evaluation: Evaluation | None = doc("Évaluation.", default=None)
    leviers: Markdown | None = doc("Ce qui a aidé.", default=None)
    freins: Markdown | None = doc("Ce qui a freiné.", default=None)
    transferabilite: Markdown | None = doc("Conditions pour reproduire l'action ailleurs.", default=None)
    niveau_de_preuve: Literal["declaratif", "evaluee", "capitalisee", "reconnue"] | None = doc(
        "Niveau de preuve.", default=None
    )
    ressources: list[ResourceId] = doc("Ressources liées (identifiants de ressources).", default=[])
    contact: Contact | None = doc("Contact pour en savoir plus.", default=None)

    @property
    def title(self) -> str:
        return self.titre


class Event(Record):
    titre: Text = doc("Titre de l'événement.")
    type: Annotated[TermId, RefersTo("types_evenement")] | None = doc(
        "Type d'événement (liste : data/taxonomies/types_evenement.yml).", default=None
    )
    debut: Moment = doc("Début : date (2027-01-14) ou date-heure (2027-01-14T09:30), heure de Paris.")
    fin: Moment | None = doc("Fin : date ou date-heure.", default=None)
    lieu: Line | None = doc("Lieu, en clair (adresse).", default=None)
    en_ligne: Url | None = doc("Adresse de la réunion en ligne.", default=None)
    organisateurs: list[ActorId] = doc("Acteurs organisateurs (identifiants d'acteurs).", min_length=1)
    description: Markdown | None = doc("Programme, public, modalités (Markdown).", default=None)
    thematiques: list[Thematique] = doc("Thématiques (liste : data/taxonomies/thematiques.yml).", default=[])
    publics: list[Public] = doc("Publics (liste : data/taxonomies/publics.yml).", default=[])
    inscription: Url | None = doc("Adresse du formulaire d'inscription.", default=None)

    @model_validator(mode="after")
    def _in_order(self) -> Event:
        _check_order(self.debut, self.fin)
        return self

    @property
    def title(self) -> str:
        return self.titre


# --- taxonomies -----------------------------------------------------------------------------------------


class Term(Entry):
    described_as: ClassVar[str] = "un terme de taxonomie"
    id: TermId = doc("Identifiant du terme.")
    label: Text = doc("Libellé affiché.")
    description: Line | None = doc("Définition en une phrase.", default=None)
    parent: TermId | None = doc("Identifiant du terme parent, dans le même fichier.", default=None)
    data_inclusion: Line | None = doc("Correspondance dans le référentiel data·inclusion.", default=None)
    type: Literal["region", "departement", "epci", "commune", "quartier", "bassin", "autre"] | None = doc(
        "Pour un territoire : son échelon.", default=None
    )
    code: Line | None = doc("Pour un territoire : son code officiel (INSEE, INS…).", default=None)
