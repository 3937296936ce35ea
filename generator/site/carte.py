"""The map of the actors' places (/carte/) and the small map of actor pages.

The page is plain HTML that works without JavaScript: a list of every place, grouped by commune, places
without coordinates included with a note. The map script adds the map, its filters and its clusters; it
fetches the located places from one JSON file (carte/lieux.json), so that the page stays light however large
the directory grows. The list is cut into pages of MAP_LIST_SIZE places, communes kept together when they fit.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from functools import cached_property, partial

from generator.contract.kinds import ACTOR
from generator.contract.model import Actor
from generator.contract.taxonomies import THEMATIQUES
from generator.site.french import sort_key
from generator.site.index import SiteIndex
from generator.site.page import Body, ExtraFile, Page
from generator.site.places import NO_COMMUNE, Group, Place, chunk_places, commune_of
from generator.site.renderer import HOME, Crumb, Pager, Renderer
from generator.site.urls import MAP_DATA, MAP_PATH, list_path, paged

MAP_LIST_SIZE = 150  # places per page of the list: about 100 KB of HTML, under the 150 KB a page may weigh
TITLE = "Carte des lieux d'accueil"
INTRO = ("Où trouver les acteurs du réseau. La liste des lieux, classée par commune, donne les mêmes "
         "informations que la carte.")


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
            for number, lieu in enumerate(actor.lieux, start=1):
                found.append(Place(entry, lieu, number, thematiques, commune_of(lieu)))
        # By commune (unknown last), then by actor as the list of actors orders them, then in the file's order.
        return sorted(found, key=lambda p: (p.commune == NO_COMMUNE, sort_key(p.commune), p.entry.order, p.number))

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
            }
            for p in located
        ]
        text = json.dumps({"types": dict(sorted(types.items())), "lieux": lieux}, ensure_ascii=False,
                          separators=(",", ":"))
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
        return {"thematiques": thematiques, "types": [(v, label, 0, n) for v, (label, n) in ordered]}

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
            actors_path=list_path(ACTOR),
        )
