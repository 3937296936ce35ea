"""hsds/*.json: the actors in the Open Referral Human Services Data Specification 3.0, the international
format of service directories, shaped like the list responses of an HSDS API:

- organizations.json: one organization per actor, with its phones, contacts, identifiers, locations and
  terms, and a summary of its services (schema organization.json);
- services.json: one service per service of an actor, with its places (as ids), service areas and terms
  (schema service.json);
- locations.json: every place of an actor (the `location` object of organization.json);
- service_at_locations.json: each service at each place where it is given in person (schema
  service_at_location.json);
- taxonomy_terms.json: the terms that the `attributes` of organizations and services point to. Attributes
  carry only the term's id: repeating each term in full in every record made the files 3 to 4 times larger.

Opening hours become `schedules` (of a location, or of a service that has its own): one weekly schedule
(freq WEEKLY, byday, opens_at, closes_at) per interval of the usual week, each with the hours as written (the
OpenStreetMap syntax) as its description and `horaires_precisions` as its notes; hours that change too often
to be told as a week give one schedule with the description only.
"""

from __future__ import annotations

import hashlib
import uuid
from typing import Any

from generator.clock import today
from generator.contract.kinds import ACTOR
from generator.contract.model import Actor, Lieu, Service, Term
from generator.contract.schedule import clock, schedule, weekly_rules
from generator.contract.taxonomies import TAXONOMIES
from generator.exports.common import ExportSettings, dump_json, midnight_utc
from generator.exports.datainclusion import access_conditions, ages_sentence, given_in_person, service_slugs
from generator.reading.catalog import Catalog
from generator.site.markdown import plain_text

NAMESPACE = uuid.UUID("477b374d-81d9-405b-9724-339c890a25f3")  # fixed once: changing it changes every id
IDENTIFIERS = {"siret": "SIRET", "rna": "RNA", "finess": "FINESS", "bce": "BCE"}
ID_TYPES = {"FR": "INSEE", "BE": "INS"}  # what the official code of a commune is called, by country
BELGIAN_PROVINCES = (  # first postcode of each range: HSDS asks for a state/province in every address
    (1000, "Bruxelles-Capitale"), (1300, "Brabant wallon"), (1500, "Brabant flamand"), (2000, "Anvers"),
    (3000, "Brabant flamand"), (3500, "Limbourg"), (4000, "Liège"), (5000, "Namur"), (6000, "Hainaut"),
    (6600, "Luxembourg"), (7000, "Hainaut"), (8000, "Flandre-Occidentale"), (9000, "Flandre-Orientale"),
)

Item = dict[str, Any]


def hsds_id(*parts: str) -> str:
    """`str(uuid.uuid5(NAMESPACE, "/".join(parts)))`, computed from the SHA-1 directly: building the UUID object
    cost more than the hash (a large directory asks for tens of thousands of ids, nearly all different)."""
    digest = bytearray(hashlib.sha1(NAMESPACE.bytes + "/".join(parts).encode()).digest()[:16])
    digest[6] = digest[6] & 0x0F | 0x50  # version 5
    digest[8] = digest[8] & 0x3F | 0x80  # the RFC 4122 variant
    h = digest.hex()
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"


class Hsds:
    """The HSDS objects of a catalog; each export file is one view of them."""

    def __init__(self, catalog: Catalog, settings: ExportSettings) -> None:
        self.catalog = catalog
        self.settings = settings
        self.actors = sorted((r for r in catalog.of(ACTOR) if isinstance(r, Actor)), key=lambda actor: actor.id)

    def organizations(self) -> bytes:
        return dump_json([self.organization(actor) for actor in self.actors])

    def services(self) -> bytes:
        return dump_json([self.service(actor, s, slug) for actor in self.actors for s, slug in _services(actor)])

    def locations(self) -> bytes:
        return dump_json([self.location(actor, n, lieu) for actor in self.actors for n, lieu in _places(actor)])

    def service_at_locations(self) -> bytes:
        return dump_json([
            self.service_at_location(actor, service, slug, number, nested=True)
            for actor in self.actors
            for service, slug in _services(actor)
            if given_in_person(service)
            for number, _ in _places(actor)
        ])

    def taxonomy_terms(self) -> bytes:
        """Every term of the taxonomies that attributes use, taxonomy by taxonomy, in file order."""
        return dump_json([
            self.taxonomy_term(name, term)
            for name in (taxonomy.name for taxonomy in TAXONOMIES if taxonomy.hsds) if name in self.catalog.taxonomies
            for term in self.catalog.taxonomies[name].terms.values()
        ])

    # --- objects ----------------------------------------------------------------------------------------

    def organization(self, actor: Actor) -> Item:
        org_id = hsds_id(ACTOR.name, actor.id)
        identifiers = actor.identifiants.model_dump() if actor.identifiants else {}
        return _without_empty({
            "id": org_id,
            "name": actor.nom,
            "alternate_name": actor.sigle,
            "description": plain_text(actor.description),
            "email": actor.courriel,
            "website": actor.site_web,
            "uri": self.settings.page_url(ACTOR, actor.id),
            "phones": _phones(actor.telephone, (ACTOR.name, actor.id), organization_id=org_id),
            "contacts": [self._contact(actor, number, org_id) for number in range(1, len(actor.contacts) + 1)],
            "organization_identifiers": [
                {"id": hsds_id("identifier", actor.id, field), "organization_id": org_id,
                 "identifier_type": label, "identifier": identifiers[field]}
                for field, label in IDENTIFIERS.items() if identifiers.get(field)
            ],
            "locations": [self.location(actor, number, lieu) for number, lieu in _places(actor)],
            "services": [self.service_summary(actor, service, slug) for service, slug in _services(actor)],
            "attributes": self._attributes("organization", org_id, [
                ("types_acteur", [actor.type]), ("thematiques", actor.thematiques),
                ("publics", actor.publics), ("territoires", actor.territoires),
            ]),
        })

    def service_summary(self, actor: Actor, service: Service, slug: str) -> Item:
        """What an organization or a service at a location says of a service; the rest is in services.json."""
        return _without_empty({
            "id": hsds_id("service", actor.id, slug),
            "organization_id": hsds_id(ACTOR.name, actor.id),
            "name": service.nom,
            "description": plain_text(service.description),
            "url": self.settings.page_url(ACTOR, actor.id),
            "status": "active",
        })

    def service(self, actor: Actor, service: Service, slug: str) -> Item:
        service_id = hsds_id("service", actor.id, slug)
        publics = ", ".join(self._labels("publics", service.publics))
        conditions = service.with_fallback(actor.conditions)
        eligibility = " ".join(filter(None, [f"Pour : {publics}." if publics else None, ages_sentence(conditions)]))
        return _without_empty({
            **self.service_summary(actor, service, slug),
            "email": actor.courriel,
            "fees_description": {True: "Gratuit.", False: "Payant.", None: None}[conditions.gratuit],
            "application_process": access_conditions(conditions),
            "eligibility_description": eligibility or None,
            "minimum_age": conditions.age_minimum,
            "maximum_age": conditions.age_maximum,
            "languages": [
                {"id": hsds_id("language", actor.id, slug, code), "service_id": service_id, "code": code}
                for code in conditions.langues
            ],
            "required_documents": [
                {"id": hsds_id("required_document", actor.id, slug), "service_id": service_id,
                 "document": conditions.documents_a_fournir}
            ] if conditions.documents_a_fournir else [],
            "assured_date": actor.date_maj.isoformat(),
            "last_modified": midnight_utc(actor.date_maj).strftime("%Y-%m-%dT%H:%M:%SZ"),
            "phones": _phones(actor.telephone, ("service", actor.id, slug), service_id=service_id),
            "attributes": self._attributes("service", service_id, [
                ("thematiques", actor.thematiques), ("publics", service.publics),
            ]),
            "service_at_locations": [  # ids only: the places are in locations.json and service_at_locations.json
                self.service_at_location(actor, service, slug, number, nested=False)
                for number, _ in _places(actor) if given_in_person(service)
            ],
            "schedules": _schedules(service.horaires, service.horaires_precisions,
                                    actor.lieux[0].pays if actor.lieux else "FR",
                                    ("schedule", actor.id, slug), service_id=service_id),
            "service_areas": [
                {"id": hsds_id("service_area", actor.id, slug, territory), "service_id": service_id,
                 "name": self._labels("territoires", [territory])[0]}
                for territory in actor.territoires
            ],
        })

    def location(self, actor: Actor, number: int, lieu: Lieu) -> Item:
        location_id = hsds_id("location", actor.id, str(number))
        address = {  # all required by HSDS: empty rather than absent when unknown
            "id": hsds_id("address", actor.id, str(number)),
            "location_id": location_id,
            "address_1": lieu.adresse or "",
            "city": lieu.commune or "",
            "state_province": _province(lieu),
            "postal_code": lieu.code_postal or "",
            "country": lieu.pays,
            "address_type": "physical",
        }
        return _without_empty({
            "id": location_id,
            "organization_id": hsds_id(ACTOR.name, actor.id),
            "location_type": "physical",
            "name": lieu.nom or actor.nom,
            "latitude": lieu.latitude,
            "longitude": lieu.longitude,
            "external_identifier": lieu.code_insee,
            "external_identifier_type": ID_TYPES.get(lieu.pays) if lieu.code_insee else None,
            "addresses": [address] if lieu.adresse or lieu.commune else [],
            "accessibility": _described(lieu.accessibilite, ("accessibility", actor.id, str(number)), location_id),
            "schedules": _schedules(lieu.horaires, lieu.horaires_precisions, lieu.pays,
                                    ("schedule", actor.id, str(number)), location_id=location_id),
        })

    def service_at_location(self, actor: Actor, service: Service, slug: str, number: int, nested: bool) -> Item:
        """The link of a service and a place; `nested` adds both objects, as service_at_locations.json has them."""
        item: Item = {
            "id": hsds_id("service_at_location", actor.id, slug, str(number)),
            "service_id": hsds_id("service", actor.id, slug),
            "location_id": hsds_id("location", actor.id, str(number)),
        }
        if nested:
            item["location"] = self.location(actor, number, actor.lieux[number - 1])
            item["service"] = self.service_summary(actor, service, slug)
        return item

    def taxonomy_term(self, taxonomy: str, term: Term) -> Item:
        return _without_empty({
            "id": hsds_id("taxonomy_term", taxonomy, term.id),
            "code": term.id,
            "name": term.label,
            "description": term.description or term.label,  # required by HSDS, optional for us
            "parent_id": hsds_id("taxonomy_term", taxonomy, term.parent) if term.parent else None,
            "taxonomy": f"Maillage — {TAXONOMIES[taxonomy].title}",
            "taxonomy_id": hsds_id("taxonomy", taxonomy),
            "language": "fr",
        })

    # --- parts ------------------------------------------------------------------------------------------

    def _contact(self, actor: Actor, number: int, org_id: str) -> Item:
        contact = actor.contacts[number - 1]
        contact_id = hsds_id("contact", actor.id, str(number))
        return _without_empty({
            "id": contact_id,
            "organization_id": org_id,
            "name": contact.nom,  # only ever set with the person's consent (checked at validation)
            "title": contact.fonction,
            "email": contact.courriel,
            "phones": _phones(contact.telephone, ("contact", actor.id, str(number)), contact_id=contact_id),
        })

    def _labels(self, taxonomy: str, term_ids: list[str]) -> list[str]:
        found = self.catalog.taxonomies.get(taxonomy)
        return [found.label(t) if found else t for t in term_ids]

    def _attributes(self, entity: str, link_id: str, tagged: list[tuple[str, list[str]]]) -> list[Item]:
        """Links to taxonomy terms (thematiques, publics …); the terms themselves are in taxonomy_terms.json."""
        return [
            {
                "id": hsds_id("attribute", link_id, taxonomy, term_id),
                "link_id": link_id,
                "link_entity": entity,
                "link_type": taxonomy,
                "taxonomy_term_id": hsds_id("taxonomy_term", taxonomy, term_id),
            }
            for taxonomy, term_ids in tagged
            for term_id in term_ids
        ]


def _services(actor: Actor) -> list[tuple[Service, str]]:
    return list(zip(actor.services, service_slugs(actor), strict=True))


def _places(actor: Actor) -> list[tuple[int, Lieu]]:
    return list(enumerate(actor.lieux, start=1))


def _phones(number: str | None, owner: tuple[str, ...], **link: str) -> list[Item]:
    return [{"id": hsds_id("phone", *owner), **link, "number": number}] if number else []


def _described(text: str | None, owner: tuple[str, ...], location_id: str) -> list[Item]:
    """A free-text accessibility note or opening hours, as the one entry HSDS allows without structure."""
    return [{"id": hsds_id(*owner), "location_id": location_id, "description": text}] if text else []


HSDS_DAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")


def _schedules(text: str | None, precisions: str | None, country: str, owner: tuple[str, ...],
               **link: str) -> list[Item]:
    """Opening hours as HSDS schedules (see the module's docstring); precisions alone are a description."""
    if not text:
        return [{"id": hsds_id(*owner), **link, "description": precisions}] if precisions else []
    found = schedule(text, country, today())
    description = f"Horaires d'ouverture (syntaxe OpenStreetMap) : {text}"
    rules = weekly_rules(found) if found.regular else ()
    if not rules:
        return [_without_empty({"id": hsds_id(*owner), **link, "description": description, "notes": precisions})]
    return [
        _without_empty({
            "id": hsds_id(*owner, str(number)),
            **link,
            "freq": "WEEKLY",
            "wkst": "MO",
            "byday": ",".join(HSDS_DAYS[day] for day in rule.days),
            "opens_at": clock(rule.opens),
            "closes_at": clock(rule.closes),
            "description": description,
            "notes": precisions,
        })
        for number, rule in enumerate(rules, start=1)
    ]


def _province(lieu: Lieu) -> str:
    """The département number in France, the province in Belgium (from the postcode), else empty."""
    code = lieu.code_postal or ""
    if lieu.pays == "FR" and len(code) == 5 and code.isdigit():
        return code[:3] if code.startswith("97") else code[:2]
    if lieu.pays == "BE" and len(code) == 4 and code.isdigit():
        return next((name for start, name in reversed(BELGIAN_PROVINCES) if int(code) >= start), "")
    return ""


def _without_empty(item: Item) -> Item:
    """Absent rather than null or []: HSDS types forbid null."""
    return {key: value for key, value in item.items() if value not in (None, [], "")}
