"""The rendering core: templates compiled once, the site index and JSON-LD of a build, and what every page
shares (breadcrumbs, pagers). The pages themselves are made by the producers of generator/site/pages/.

Each page is described up front (path, title) and rendered to HTML only when the engine asks for it. No page
lists more than its own records: lists are cut into pages of `settings.per_page`, and record pages show only
the records they are linked to.
"""

from __future__ import annotations

import html as html_lib
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import partial
from typing import Any, TypeVar

from jinja2 import Environment, Template

from generator.contract.kinds import KINDS
from generator.contract.taxonomies import TAXONOMIES
from generator.reading.catalog import Catalog
from generator.settings import Settings
from generator.site.agenda import Agenda
from generator.site.environment import environment
from generator.site.french import TERRITOIRE_TYPE
from generator.site.hours import HoursView, hours_view
from generator.site.index import Dated, SiteIndex
from generator.site.jsonld import JsonLd
from generator.site.network_graph import PAGE_PATH as NETWORK_MAP_PATH
from generator.site.network_graph import RELATION_LABELS, NetworkGraph
from generator.site.page import Body, TocEntry
from generator.site.places import address, event_place, points
from generator.site.practical import (
    actor_conditions,
    address_directions,
    address_lines,
    age_range,
    call_number,
    directions_url,
    locality,
)
from generator.site.urls import (
    AGENDA_FEED,
    OPEN_DATA_PATH,
    SEARCH_PATH,
    VENDOR,
    event_calendar_path,
    open_feed_path,
    paged,
    to_root,
)

_HEADING = re.compile(r'<h2 id="([^"]+)"[^>]*>(.*?)</h2>', re.S)
_TAGS = re.compile(r"<[^>]+>")

# A record page names at most this many records of one relation; a longer relation (a regional network's
# members) gets paginated pages of its own, so that no record page grows with the directory.
RELATED_SHOWN = 60

Item = TypeVar("Item")


@dataclass(frozen=True)
class Crumb:
    title: str
    path: str | None  # None for the current page


HOME = Crumb("Accueil", "")


def toc_of(html: str) -> tuple[TocEntry, ...]:
    """The sections of a generated page, read back from its <h2 id="…"> headings."""
    return tuple(
        TocEntry(anchor, html_lib.unescape(_TAGS.sub("", title)).strip()) for anchor, title in _HEADING.findall(html)
    )


def chunks(items: Sequence[Item], size: int) -> list[Sequence[Item]]:
    """Items cut into pages; an empty list still makes one (empty) page."""
    return [items[i : i + size] for i in range(0, len(items), size)] or [items]


class Renderer:
    def __init__(
        self,
        catalog: Catalog,
        settings: Settings,
        sources: dict[tuple[str, str], str] | None = None,
        env: Environment | None = None,
    ) -> None:
        self.catalog = catalog
        self.settings = settings
        self.sources = sources or {}  # (kind, id) -> "data/actors/x.yml", for the edit and report links
        self.index = SiteIndex(catalog, settings)
        self.jsonld = JsonLd(self.index)
        self.agenda = Agenda(self.index)
        self.env = env or environment()
        self.network = NetworkGraph(self.index)  # who belongs to which network (network_map.py, actor pages)
        self.env.globals.update(
            label=self.index.label,
            lineage=self.index.lineage_labels,
            is_past=self.is_past,
            deadline=self.index.deadline,
            is_closed=self.index.is_closed,
            still_open=self.index.still_open,
            territoire_types=TERRITOIRE_TYPE,
            map_points=points,
            hours_view=self._hours_view,
            event_facts=self.agenda.facts,
            event_place=partial(event_place, self.index),
            place_address=address,
            actor_conditions=actor_conditions,
            call_number=call_number,
            address_lines=address_lines,
            directions_url=directions_url,
            address_directions=address_directions,
            age_range=age_range,
            locality=locality,
            calendar_path=event_calendar_path,
            agenda_feed=AGENDA_FEED,
            open_feed=open_feed_path,
            open_data_path=OPEN_DATA_PATH,
            vendor=VENDOR,
            search_path=SEARCH_PATH,
            search_filters={t.name: t.browsed.search_filter for t in TAXONOMIES.browsed() if t.browsed},
            related_shown=RELATED_SHOWN,
            long_relations={
                relation.name: (relation.paged.segment, relation.paged.title)
                for kind in KINDS for relation in kind.paged_relations if relation.paged
            },
            network_around=self.network.around, relation_labels=RELATION_LABELS, network_map_path=NETWORK_MAP_PATH,
        )
        self._templates: dict[str, Template] = {}

    def template(self, name: str) -> Template:
        if name not in self._templates:
            self._templates[name] = self.env.get_template(name)
        return self._templates[name]

    def _hours_view(self, anchor: str, text: str | None, precisions: str | None,
                    country: str | None) -> HoursView | None:
        return hours_view(anchor, text, precisions, country, self.settings.today)

    def is_past(self, event: Dated) -> bool:
        return self.index.is_past(event)

    def render_template(self, template: str, path: str, **context: Any) -> Body:
        """A page body from one of the templates; `path` is the page's site path (links are made relative to it)."""
        html = self.template(template).render(root=to_root(path), path=path, settings=self.settings, **context)
        return Body(html, toc_of(html))


@dataclass(frozen=True)
class Pager:
    base: str  # path of page 1
    number: int
    pages: int

    def path(self, number: int) -> str:
        return paged(self.base, number)

    def window(self, around: int = 2) -> list[int | None]:
        """Page numbers to show: the first, the last and those near the current one; None marks a gap."""
        near = range(max(1, self.number - around), min(self.pages, self.number + around) + 1)
        shown: list[int | None] = []
        previous = 0
        for number in sorted({1, self.pages, *near}):
            if number - previous > 1:
                shown.append(None)
            shown.append(number)
            previous = number
        return shown
