"""The map of the actors' places and of the events to come (/carte/), and the small map of actor pages.

The page is plain HTML that works without JavaScript: a list of every place, grouped by commune, places
without coordinates included with a note. The map script adds the map, its filters and its clusters; it
fetches the located places from one JSON file (carte/lieux.json), so that the page stays light however large
the directory grows. The list is cut into pages of MAP_LIST_SIZE places, communes kept together when they fit.
Events to come that have a place (an actor's, or an address) are listed after the places, on the first page,
and have their own markers; the script drops those whose day has passed since the build.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import cached_property, partial

from generator.contract.kinds import ACTOR, EVENT
from generator.contract.model import Actor, Event, Lieu
from generator.contract.schedule import days_between
from generator.contract.taxonomies import THEMATIQUES
from generator.site.agenda import when_fr
from generator.site.french import sort_key
from generator.site.hours import DAYS, hours_open_days
from generator.site.index import Listed, SiteIndex
from generator.site.page import Body, ExtraFile, Page
from generator.site.places import NO_COMMUNE, Group, Place, address, chunk_places, commune_of, event_place, host_name
from generator.site.renderer import HOME, Crumb, Pager, Renderer
from generator.site.urls import MAP_DATA, MAP_PATH, list_path, paged

MAP_LIST_SIZE = 150  # places per page of the list: about 100 KB of HTML, under the 150 KB a page may weigh
TITLE = "Carte des lieux d'accueil"
INTRO = ("Où trouver les acteurs du réseau. La liste des lieux, classée par commune, donne les mêmes "
         "informations que la carte.")


EVENT_TYPE = "evenement"  # the value of the type filter that keeps the events


def _day(value: date | datetime) -> date:
    return value.date() if isinstance(value, datetime) else value


@dataclass(frozen=True)
class MapEvent:
    """An event to come with a place, as the map and its list show it."""

    entry: Listed
    place: Lieu
    host: str  # the place's name, or the name of the actor it is held at
    commune: str
    when: str  # « le 9 février 2027 de 14 h à 16 h 30 »
    first: str  # ISO days: the script hides the event once `last` has passed
    last: str
    thematiques: tuple[str, ...]
    days: tuple[str, ...]  # French weekdays it takes place on

    @property
    def anchor(self) -> str:
        return f"evenement-{self.entry.record.id}"

    @property
    def located(self) -> bool:
        return self.place.latitude is not None and self.place.longitude is not None

    @property
    def address(self) -> str:
        return address(self.place)


class MapPages:
    """The /carte/ pages and their data file, computed once per build."""

    def __init__(self, renderer: Renderer, size: int = MAP_LIST_SIZE) -> None:
        self.renderer = renderer
        self.index: SiteIndex = renderer.index
        self.size = size

    # --- the places ---------------------------------------------------------------------------------------

    @cached_property
    def places(self) -> list[Place]:
        found: list[Place] = []
        for entry in self.index.by_kind[ACTOR.name]:
            actor = entry.record
            assert isinstance(actor, Actor)
            thematiques = self._lineages(THEMATIQUES.name, actor.thematiques)
            country = actor.lieux[0].pays if actor.lieux else "FR"
            services = [(service.horaires, country) for service in actor.services]
            for number, lieu in enumerate(actor.lieux, start=1):
                days = hours_open_days([(lieu.horaires, lieu.pays), *services], self.index.settings.today)
                found.append(Place(entry, lieu, number, thematiques, commune_of(lieu), tuple(days)))
        # By commune (unknown last), then by actor as the list of actors orders them, then in the file's order.
        return sorted(found, key=lambda p: (p.commune == NO_COMMUNE, sort_key(p.commune), p.entry.order, p.number))

    @cached_property
    def events(self) -> list[MapEvent]:
        """The events to come (at the build) that have a place, soonest first."""
        found = []
        for entry in self.index.by_kind[EVENT.name]:
            event = entry.record
            assert isinstance(event, Event)
            place = event_place(self.index, event)
            if place is None or self.index.is_past(event):
                continue
            first, last = _day(event.debut), _day(event.fin or event.debut)
            days = sorted({day.weekday() for day in days_between(first, min(last, first + timedelta(days=6)))})
            found.append(MapEvent(
                entry, place, host_name(self.index, event), commune_of(place), when_fr(event.debut, event.fin),
                first.isoformat(), last.isoformat(), self._lineages("thematiques", event.thematiques),
                tuple(DAYS[day] for day in days),
            ))
        return found

    def _lineages(self, taxonomy: str, terms: list[str]) -> tuple[str, ...]:
        return tuple(self.renderer.index.with_ancestors(taxonomy, terms))

    @cached_property
    def data(self) -> bytes:
        """carte/lieux.json: the located places, with the actors' type labels the pop-ups show."""
        located = [p for p in self.places if p.located]
        types = {p.type_id: p.entry.type_label for p in located}
        lieux = [
            {
                "id": p.anchor, "nom": p.entry.title, "lieu": p.name, "adresse": p.address,
                "url": p.entry.path, "type": p.type_id, "thematiques": list(p.thematiques),
                "lat": round(p.lieu.latitude or 0.0, 6), "lon": round(p.lieu.longitude or 0.0, 6),
                "jours": list(p.days),
            }
            for p in located
        ]
        evenements = [
            {
                "id": e.anchor, "nom": e.entry.title, "lieu": e.host, "adresse": address(e.place), "quand": e.when,
                "debut": e.first, "fin": e.last, "url": e.entry.path, "thematiques": list(e.thematiques),
                "jours": list(e.days),
                "lat": round(e.place.latitude or 0.0, 6), "lon": round(e.place.longitude or 0.0, 6),
            }
            for e in self.events if e.located
        ]
        text = json.dumps({"types": dict(sorted(types.items())), "lieux": lieux, "evenements": evenements},
                          ensure_ascii=False, separators=(",", ":"))
        return (text + "\n").encode("utf-8")

    @cached_property
    def data_url(self) -> str:
        """The data file's path with a version, so that browsers may keep it as long as it does not change."""
        return f"{MAP_DATA}?v={hashlib.sha256(self.data).hexdigest()[:12]}"

    def data_file(self) -> ExtraFile:
        return ExtraFile(MAP_DATA, content=self.data)

    # --- the filters --------------------------------------------------------------------------------------

    @cached_property
    def filters(self) -> dict[str, list[tuple[str, str, int, int]]]:
        """Options of the filter form: (value, label, depth, places) for the terms and types some place has."""
        counts: dict[str, int] = {}
        for place in self.places:
            for term in place.thematiques:
                counts[term] = counts.get(term, 0) + 1
        thematiques: list[tuple[str, str, int, int]] = []
        tree = self.renderer.catalog.taxonomies.get(THEMATIQUES.name)
        if tree is not None:  # a place counted under a term is counted under its parent: no branch is cut
            thematiques = [(t.id, t.label, depth, counts[t.id]) for t, depth in tree.walk() if t.id in counts]
        types: dict[str, tuple[str, int]] = {}
        for place in self.places:
            label, count = types.get(place.type_id, (place.entry.type_label, 0))
            types[place.type_id] = (label, count + 1)
        ordered = sorted(types.items(), key=lambda item: sort_key(item[1][0]))
        kinds = [(v, label, 0, n) for v, (label, n) in ordered]
        if self.events:
            kinds.append((EVENT_TYPE, "Événements à venir", 0, len(self.events)))
        days = {day: sum(day in p.days for p in self.places) + sum(day in e.days for e in self.events) for day in DAYS}
        return {"thematiques": thematiques, "types": kinds,
                "jours": [(day, day.capitalize(), 0, count) for day, count in days.items()]}

    # --- the pages ----------------------------------------------------------------------------------------

    def pages(self) -> Iterator[Page]:
        chunks = chunk_places(self.places, self.size)
        shows = frozenset(entry.key for entry in self.index.by_kind[ACTOR.name])
        for number, groups in enumerate(chunks, start=1):
            path = paged(MAP_PATH, number)
            title = TITLE if number == 1 else f"{TITLE} (page {number})"
            render = partial(self.body, groups, number, len(chunks), path)
            yield Page(path=path, title=title, render=render, description=INTRO, kind="carte", shows=shows)

    def body(self, groups: list[Group], number: int, pages: int, path: str) -> Body:
        crumbs = [HOME, Crumb("Carte", MAP_PATH if number > 1 else None)]
        if number > 1:
            crumbs.append(Crumb(f"Page {number}", None))
        located = sum(p.located for p in self.places)
        actors = len({p.entry.key for p in self.places})
        without = len(self.index.by_kind[ACTOR.name]) - actors
        return self.renderer.render_template(
            "carte.html", path, title=TITLE, intro=INTRO, crumbs=crumbs, groups=groups,
            pager=Pager(MAP_PATH, number, pages), filters=self.filters, data_url=self.data_url,
            total=len(self.places), located=located, actors=actors, without=without,
            actors_path=list_path(ACTOR), events=self.events if number == 1 else [], event_type=EVENT_TYPE,
            agenda_path=list_path(EVENT),
        )
