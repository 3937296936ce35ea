"""schema.org descriptions of the records (JSON-LD), for search engines and for anyone reading the pages.

Each kind names its schema.org type in its registry entry (actor -> Organization, resource -> CreativeWork,
good practice -> Project, event -> Event, call -> Offer) and, field by field, the properties it fills
(`jsonld_fields`: schema.org property -> field), read here by what each field refers to. Actors, resources and
events keep a mapping of their own below: places, hours, services, a file or an offer need more than a field
each. Links to other records are absolute when the site address is known.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import Any

from pydantic import BaseModel

from generator.clock import PARIS
from generator.contract.kinds import ACTOR, KIND_BY_NAME, Kind
from generator.contract.model import Actor, Event, Record, Resource
from generator.contract.schedule import opening_hours_specification, schedule
from generator.contract.shapes import Target, plan, values_at
from generator.contract.taxonomies import TERRITOIRES
from generator.site.french import ACCES
from generator.site.index import Listed, SiteIndex
from generator.site.markdown import words_of
from generator.site.places import event_place
from generator.site.urls import file_path

JsonObject = dict[str, Any]


def _moment(value: date | datetime) -> str:
    if isinstance(value, datetime):
        return (value if value.tzinfo else value.replace(tzinfo=PARIS)).isoformat()
    return value.isoformat()


def _target(model: type[BaseModel], path: tuple[str, ...]) -> tuple[Target, bool]:
    """What the field at `path` refers to, and whether it holds several values (a list on the way)."""
    many = False
    for name in path:
        found, listed = next((t, m) for n, t, m in plan(model) if n == name)
        many = many or listed
        if isinstance(found, type):
            model = found
    return found, many


def _drop_empty(data: JsonObject) -> JsonObject:
    return {k: v for k, v in data.items() if v not in (None, "", [], {})}


class JsonLd:
    def __init__(self, index: SiteIndex) -> None:
        self.index = index
        self.settings = index.settings
        self._mappings: dict[str, Callable[[Any], JsonObject]] = {
            "Organization": self._actor,
            "CreativeWork": self._resource,
            "Event": self._event,
        }

    def _url(self, path: str) -> str | None:
        return self.settings.absolute(path) or None

    def _organization(self, entry: Listed) -> JsonObject:
        return _drop_empty({"@type": "Organization", "name": entry.title, "url": self._url(entry.path)})

    def _actors(self, ids: list[str]) -> list[JsonObject]:
        return [self._organization(e) for e in self.index.entries_for(ACTOR, ids)]

    def _labels(self, taxonomy: str, ids: list[str]) -> list[str]:
        return [self.index.label(taxonomy, t) for t in ids]

    def _places(self, taxonomy_ids: list[str]) -> list[JsonObject]:
        return [{"@type": "Place", "name": label} for label in self._labels("territoires", taxonomy_ids)]

    def describe(self, entry: Listed) -> JsonObject:
        record = entry.record
        common = {
            "@context": "https://schema.org",
            "url": self._url(entry.path),
            "dateModified": record.date_maj.isoformat(),
        }
        mapping = self._mappings.get(entry.kind.jsonld)
        specific = mapping(record) if mapping else self._declared(entry.kind, record)
        specific["description"] = entry.summary  # the plain text of the description (the résumé for a practice)
        return _drop_empty(common | specific)

    def _declared(self, kind: Kind, record: Record) -> JsonObject:
        """The mapping a kind declares: ids of records become links (organisations for actors), terms their labels
        (territories places), days ISO dates; a field of a block is named by its path (« periode.debut »)."""
        described: JsonObject = {"@type": kind.jsonld, "name": record.title}
        for prop, field in kind.jsonld_fields:
            path = tuple(field.split("."))
            found, many = _target(kind.model, path)
            mapped = [self._value(found, v) for v in values_at(record, path)]
            described[prop] = mapped if many else (mapped[0] if mapped else None)
        return _drop_empty(described)

    def _value(self, target: object, value: Any) -> Any:
        if isinstance(target, str) and target in KIND_BY_NAME:
            named = self.index.entry(KIND_BY_NAME[target], value)
            if named is None:
                return None
            if named.kind is ACTOR:
                return self._organization(named)
            return _drop_empty({"@type": named.kind.jsonld, "name": named.title, "url": self._url(named.path)})
        if isinstance(target, str):  # a taxonomy's term
            label = self.index.label(target, value)
            return {"@type": "Place", "name": label} if target == TERRITOIRES.name else label
        if isinstance(value, date | datetime):
            return _moment(value)
        return value

    def _actor(self, actor: Actor) -> JsonObject:
        addresses = [
            _drop_empty({
                "@type": "PostalAddress",
                "name": lieu.nom,
                "streetAddress": lieu.adresse,
                "postalCode": lieu.code_postal,
                "addressLocality": lieu.commune,
                "addressCountry": lieu.pays,
            })
            for lieu in actor.lieux
        ]
        places = [
            _drop_empty({
                "@type": "Place",
                "name": lieu.nom or actor.nom,
                "address": address,
                "geo": {"@type": "GeoCoordinates", "latitude": lieu.latitude, "longitude": lieu.longitude}
                if lieu.latitude is not None and lieu.longitude is not None else None,
                "openingHoursSpecification": self._hours(lieu.horaires, lieu.pays),
            })
            for lieu, address in zip(actor.lieux, addresses, strict=True)
        ]
        identifiers = []
        if actor.identifiants:
            for name, value in actor.identifiants.model_dump(exclude_none=True).items():
                identifiers.append({"@type": "PropertyValue", "propertyID": name.upper(), "value": value})
        return {
            "@type": "Organization",
            "name": actor.nom,
            "alternateName": actor.sigle,
            "telephone": actor.telephone,
            "email": actor.courriel,
            "sameAs": actor.site_web,
            "address": addresses,
            "location": places,
            "areaServed": self._places(actor.territoires),
            "knowsAbout": self._labels("thematiques", actor.thematiques),
            "memberOf": self._actors(actor.reseaux),
            "identifier": identifiers,
            "makesOffer": [
                {"@type": "Offer", "itemOffered": _drop_empty(
                    {"@type": "Service", "name": s.nom, "description": words_of(s.description)}
                )}
                for s in actor.services
            ],
        }

    def _hours(self, text: str | None, country: str) -> list[JsonObject]:
        """schema.org's week and dated days of valid hours; nothing when they are not regular enough to say."""
        return opening_hours_specification(schedule(text, country, self.settings.today)) if text else []

    def _resource(self, resource: Resource) -> JsonObject:
        document = resource.url or (self._url(file_path(resource.fichier)) if resource.fichier else None)
        return {
            "@type": "CreativeWork",
            "name": resource.titre,
            "genre": self.index.label("types_ressource", resource.type),
            "author": self._actors(resource.auteurs),
            "publisher": {"@type": "Organization", "name": resource.editeur} if resource.editeur else None,
            "datePublished": resource.date_publication.isoformat() if resource.date_publication else None,
            "inLanguage": resource.langues,
            "license": resource.licence,
            "isAccessibleForFree": resource.acces == "libre" if resource.acces else None,
            "conditionsOfAccess": ACCES.get(resource.acces or ""),
            "keywords": self._labels("thematiques", resource.thematiques),
            "audience": [{"@type": "Audience", "audienceType": p} for p in self._labels("publics", resource.publics)],
            "spatialCoverage": self._places(resource.territoires),
            "sameAs": document,
        }

    def _event(self, event: Event) -> JsonObject:
        places: list[JsonObject] = []
        place = event_place(self.index, event)
        if place is not None:
            places.append(_drop_empty({
                "@type": "Place",
                "name": event.lieu or place.nom,
                "address": _drop_empty({"@type": "PostalAddress", "streetAddress": place.adresse,
                                        "postalCode": place.code_postal, "addressLocality": place.commune,
                                        "addressCountry": place.pays}),
                "geo": {"@type": "GeoCoordinates", "latitude": place.latitude, "longitude": place.longitude}
                if place.latitude is not None and place.longitude is not None else None,
            }))
        elif event.lieu:
            places.append({"@type": "Place", "name": event.lieu})
        physical = bool(places)
        if event.en_ligne:
            places.append({"@type": "VirtualLocation", "url": event.en_ligne})
        mode = "Mixed" if physical and event.en_ligne else "Online" if event.en_ligne else "Offline"
        return {
            "@type": "Event",
            "name": event.titre,
            "startDate": _moment(event.debut),
            "endDate": _moment(event.fin) if event.fin else None,
            "eventStatus": "https://schema.org/EventScheduled",
            "eventAttendanceMode": f"https://schema.org/{mode}EventAttendanceMode",
            "location": places,
            "organizer": self._actors(event.organisateurs),
            "about": self._labels("thematiques", event.thematiques),
            "audience": [{"@type": "Audience", "audienceType": p} for p in self._labels("publics", event.publics)],
            "offers": {"@type": "Offer", "url": event.inscription} if event.inscription else None,
            "inLanguage": "fr",
        }

