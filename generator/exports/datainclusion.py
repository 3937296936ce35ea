"""data-inclusion/structures.json and services.json: the actors and their services in the national
data·inclusion schema, version 1 (https://www.data.inclusion.beta.gouv.fr/), so that other directories
(DORA, France Travail, Soliguide …) can pick them up.

Mapping choices (the tests validate the result with the official `data-inclusion-schema` package):
- `source` is "maillage"; ids are "maillage--<actor id>" and "maillage--<actor id>--<service slug>".
- thematiques and publics go through the `data_inclusion:` key of each taxonomy term; a term without one
  borrows its nearest ancestor's. Structures have no thematiques in v1: services carry the actor's.
- "tous-publics" cannot be combined with other publics in the schema: it then stands alone.
- modes_accueil: sur-place and aller-vers (both in person) -> en-presentiel, a-distance -> a-distance.
- conditions: a service's own, else its actor's (`conditions:`); frais from `gratuit`; conditions_acces says
  appointment, anonymity, minors without parental consent, documents to bring and accessibility in sentences;
  publics_precisions gives the ages. The schema has no field for the languages spoken: they are left out.
- the address is the actor's first place; French codes (code postal, code INSEE,
  zone d'éligibilité) are given only for places and territories in France, since the schema reads them as
  French codes (a Belgian INS code would name another commune).
- free-text hours and accessibility are left out: the schema wants OpenStreetMap opening hours and an
  Acceslibre link, which the data does not have.
"""

from __future__ import annotations

import re
from typing import Any

from generator.contract.fields import slugify
from generator.contract.kinds import ACTOR
from generator.contract.model import Actor, Conditions, Lieu, Service
from generator.exports.common import ExportSettings, dump_json
from generator.reading.catalog import Catalog, Taxonomy
from generator.site.markdown import plain_text, shorten

SOURCE = "maillage"
TOUS_PUBLICS = "tous-publics"
MODES_ACCUEIL = {"sur-place": "en-presentiel", "aller-vers": "en-presentiel", "a-distance": "a-distance"}
NAME_LENGTH = (3, 150)  # bounds of `nom` in the schema
DESCRIPTION_LENGTH = (5, 10000)
_FRENCH_DEPARTEMENT = re.compile(r"^(\d{2}|2[AB]|97\d)$")
_FRENCH_REGION = re.compile(r"^\d{2}$")


def structures(catalog: Catalog, settings: ExportSettings) -> bytes:
    return dump_json([structure(settings, actor) for actor in _actors(catalog)])


def services(catalog: Catalog, settings: ExportSettings) -> bytes:
    return dump_json([item for actor in _actors(catalog) for item in actor_services(catalog, settings, actor)])


def _actors(catalog: Catalog) -> list[Actor]:
    return sorted((record for record in catalog.of(ACTOR) if isinstance(record, Actor)), key=lambda actor: actor.id)


def structure_id(actor: Actor) -> str:
    return f"{SOURCE}--{actor.id}"


def service_slugs(actor: Actor) -> list[str]:
    """A stable id part for each service, from its name; a repeated name gets -2, -3 …"""
    slugs: list[str] = []
    for service in actor.services:
        base = slugify(service.nom) or "service"
        slug, number = base, 1
        while slug in slugs:
            number += 1
            slug = f"{base}-{number}"
        slugs.append(slug)
    return slugs


def structure(settings: ExportSettings, actor: Actor) -> dict[str, Any]:
    item: dict[str, Any] = {
        "source": SOURCE,
        "id": structure_id(actor),
        "nom": _name(actor.nom, actor.sigle or actor.nom),
        "date_maj": actor.date_maj.isoformat(),
        "description": _description(actor.description),
        "lien_source": settings.page_url(ACTOR, actor.id),
        "siret": actor.identifiants.siret if actor.identifiants else None,
        "telephone": e164(actor.telephone),
        "courriel": actor.courriel,
        "site_web": actor.site_web,
        **_address(actor.lieux[0] if actor.lieux else None),
    }
    return _without_empty(item)


def actor_services(catalog: Catalog, settings: ExportSettings, actor: Actor) -> list[dict[str, Any]]:
    thematiques = _mapped(catalog.taxonomies.get("thematiques"), actor.thematiques)
    zone = eligibility_zone(catalog.taxonomies.get("territoires"), actor.territoires)
    items = []
    for service, slug in zip(actor.services, service_slugs(actor), strict=True):
        publics = _publics(_mapped(catalog.taxonomies.get("publics"), service.publics or actor.publics))
        conditions = service.with_fallback(actor.conditions)
        in_person = given_in_person(service)
        telephone = e164(actor.telephone or _first_contact(actor, "telephone"))
        courriel = actor.courriel or _first_contact(actor, "courriel")
        item: dict[str, Any] = {
            "source": SOURCE,
            "structure_id": structure_id(actor),
            "id": f"{structure_id(actor)}--{slug}",
            "nom": _name(service.nom, actor.sigle or actor.nom),
            "description": _description(service.description, actor.description, f"{service.nom} : {actor.nom}."),
            "lien_source": settings.page_url(ACTOR, actor.id),
            "date_maj": actor.date_maj.isoformat(),
            "thematiques": thematiques,
            "frais": None if conditions.gratuit is None else ("gratuit" if conditions.gratuit else "payant"),
            "publics": publics,
            "publics_precisions": ages_sentence(conditions),
            "conditions_acces": access_conditions(conditions),
            "telephone": telephone,
            "courriel": courriel,
            "modes_accueil": sorted({MODES_ACCUEIL[m] for m in service.modalites}),
            "zone_eligibilite": zone,
            "modes_mobilisation": _mobilisation(conditions, telephone, courriel, in_person),
            **(_address(actor.lieux[0]) if in_person and actor.lieux else {}),
        }
        items.append(_without_empty(item))
    return items


# --- values ---------------------------------------------------------------------------------------------


def e164(phone: str | None) -> str | None:
    """"+33 3 53 01 31 31" -> "+33353013131" (the schema prefers E.164); short numbers stay as they are."""
    return phone.replace(" ", "") if phone else None


def _name(name: str, owner: str) -> str:
    """The schema wants 3 to 150 characters: a very short name gets its owner's, a long one is cut."""
    if len(name) < NAME_LENGTH[0]:
        name = f"{name} – {owner}"
    return shorten(name, NAME_LENGTH[1], ellipsis_within=True)


def _description(*candidates: str | None) -> str | None:
    """The first text long enough for the schema (5 characters at least), cut to its maximum length."""
    for markdown in candidates:
        text = plain_text(markdown)
        if len(text) >= DESCRIPTION_LENGTH[0]:
            too_long = len(text) > DESCRIPTION_LENGTH[1]
            return shorten(text, DESCRIPTION_LENGTH[1], ellipsis_within=True) if too_long else text
    return None


def _address(lieu: Lieu | None) -> dict[str, Any]:
    if lieu is None:
        return {}
    french = lieu.pays == "FR"
    return {
        "adresse": lieu.adresse,
        "commune": lieu.commune,
        "code_postal": lieu.code_postal if french and re.fullmatch(r"\d{5}", lieu.code_postal or "") else None,
        "code_insee": lieu.code_insee if french and re.fullmatch(r"\w{5}", lieu.code_insee or "") else None,
        "latitude": lieu.latitude,
        "longitude": lieu.longitude,
    }


def _mapped(taxonomy: Taxonomy | None, term_ids: list[str]) -> list[str]:
    """data·inclusion values of the terms, each from the term or its nearest ancestor that has one."""
    if taxonomy is None:
        return []
    found: set[str] = set()
    for term_id in term_ids:
        lineage = [taxonomy.terms[t] for t in taxonomy.lineage(term_id)]
        value = next((term.data_inclusion for term in lineage if term.data_inclusion), None)
        if value:
            found.add(value)
    return sorted(found)


def _publics(values: list[str]) -> list[str]:
    return [TOUS_PUBLICS] if TOUS_PUBLICS in values else values


def eligibility_zone(taxonomy: Taxonomy | None, term_ids: list[str]) -> list[str]:
    """Official French codes of the territories: communes, EPCI, départements (a région counts as its
    départements, as the schema asks). Territories outside France are left out."""
    if taxonomy is None:
        return []
    codes: set[str] = set()
    for term_id in term_ids:
        for covered in [term_id] if taxonomy.terms[term_id].type != "region" else taxonomy.descendants(term_id):
            territory = taxonomy.terms[covered]
            if territory.code and _in_france(taxonomy, covered) and _zone_code(territory.type, territory.code):
                codes.add(territory.code)
    return sorted(codes)


def _in_france(taxonomy: Taxonomy, term_id: str) -> bool:
    """Whether a French région or département is among the territory and its ancestors (the taxonomy has
    no country field: a Belgian province's code does not look like a département's)."""
    for ancestor in taxonomy.lineage(term_id):
        territory = taxonomy.terms[ancestor]
        if territory.type == "region" and territory.code and _FRENCH_REGION.match(territory.code):
            return True
        if territory.type == "departement" and territory.code and _FRENCH_DEPARTEMENT.match(territory.code):
            return True
    return False


def _zone_code(level: str | None, code: str) -> bool:
    return (
        (level == "commune" and re.fullmatch(r"\w{5}", code) is not None)
        or (level == "epci" and re.fullmatch(r"\d{9}", code) is not None)
        or (level == "departement" and _FRENCH_DEPARTEMENT.match(code) is not None)
    )


def given_in_person(service: Service) -> bool:
    """On site or reaching out: anything but remote only (no modality given: assumed on site)."""
    return not service.modalites or any(m != "a-distance" for m in service.modalites)


def access_conditions(conditions: Conditions) -> str | None:
    """How to be received, in sentences (a service's conditions with its actor's as fallback)."""
    sentences = []
    if conditions.sur_rendez_vous is not None:
        sentences.append("Sur rendez-vous." if conditions.sur_rendez_vous else "Sans rendez-vous.")
    if conditions.anonyme:
        sentences.append("Possible de manière anonyme.")
    minors = conditions.mineurs_sans_accord_parental
    if minors is not None:
        sentences.append("Les mineurs sont reçus sans l'accord de leurs parents." if minors
                         else "L'accord des parents est demandé pour les mineurs.")
    if conditions.documents_a_fournir:
        sentences.append(f"Documents à apporter : {_sentence(conditions.documents_a_fournir)}")
    if conditions.accessibilite:
        sentences.append(f"Accessibilité : {_sentence(conditions.accessibilite)}")
    return " ".join(sentences) or None


def ages_sentence(conditions: Conditions) -> str | None:
    """ "De 12 à 25 ans.", "À partir de 15 ans.", "Jusqu'à 25 ans."."""
    low, high = conditions.age_minimum, conditions.age_maximum
    if low is not None and high is not None:
        return f"De {low} à {high} ans."
    if low is not None:
        return f"À partir de {low} ans."
    return f"Jusqu'à {high} ans." if high is not None else None


def _sentence(text: str) -> str:
    return text if text.endswith((".", "!", "?", "…")) else f"{text}."


def _mobilisation(conditions: Conditions, telephone: str | None, courriel: str | None, in_person: bool) -> list[str]:
    modes = []
    if courriel:
        modes.append("envoyer-un-courriel")
    if in_person and conditions.sur_rendez_vous is False:
        modes.append("se-presenter")
    if telephone:
        modes.append("telephoner")
    return modes


def _first_contact(actor: Actor, field: str) -> str | None:
    return next((getattr(contact, field) for contact in actor.contacts if getattr(contact, field)), None)


def _without_empty(item: dict[str, Any]) -> dict[str, Any]:
    """Absent rather than null or []: the schema's lists must not be empty when present."""
    return {key: value for key, value in item.items() if value not in (None, [], "")}
