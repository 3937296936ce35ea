"""schema.org descriptions of the records (JSON-LD), for search engines and for anyone reading the pages.

Each kind names its schema.org type in its registry entry (actor -> Organization, resource -> CreativeWork,
good practice -> Project, event -> Event); the types below have a mapping of their fields, any other type is
described by its name, address and summary. Links to other records are absolute when the site address is
known.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import Any

from generator.clock import PARIS
from generator.contract.kinds import ACTOR
from generator.contract.model import Actor, Event, Practice, Resource
from generator.site.french import ACCES
from generator.site.index import Listed, SiteIndex
from generator.site.markdown import words_of
from generator.site.urls import file_path

JsonObject = dict[str, Any]


def _moment(value: date | datetime) -> str:
    if isinstance(value, datetime):
        return (value if value.tzinfo else value.replace(tzinfo=PARIS)).isoformat()
    return value.isoformat()


def _drop_empty(data: JsonObject) -> JsonObject:
    return {k: v for k, v in data.items() if v not in (None, "", [], {})}


class JsonLd:
    def __init__(self, index: SiteIndex) -> None:
        self.index = index
        self.settings = index.settings
        self._mappings: dict[str, Callable[[Any], JsonObject]] = {
            "Organization": self._actor,
            "CreativeWork": self._resource,
            "Project": self._practice,
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
        specific = mapping(record) if mapping else {"@type": entry.kind.jsonld, "name": entry.title}
        specific["description"] = entry.summary  # the plain text of the description (the résumé for a practice)
        return _drop_empty(common | specific)

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

    def _practice(self, practice: Practice) -> JsonObject:
        porteur = self.index.entry(ACTOR, practice.porteur)
        periode = practice.periode
        return {
            "@type": "Project",
            "name": practice.titre,
            "parentOrganization": self._organization(porteur) if porteur else None,
            "member": self._actors(practice.partenaires),
            "areaServed": self._places(practice.territoires),
            "knowsAbout": self._labels("thematiques", practice.thematiques),
            "foundingDate": periode.debut.isoformat() if periode and periode.debut else None,
            "dissolutionDate": periode.fin.isoformat() if periode and periode.fin else None,
        }

    def _event(self, event: Event) -> JsonObject:
        places: list[JsonObject] = []
        if event.lieu:
            places.append({"@type": "Place", "name": event.lieu})
        if event.en_ligne:
            places.append({"@type": "VirtualLocation", "url": event.en_ligne})
        mode = "Mixed" if event.lieu and event.en_ligne else "Online" if event.en_ligne else "Offline"
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

