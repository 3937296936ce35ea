"""The generated pages: one per record, lists per kind, browse pages per taxonomy term, the home block.

Each page is described up front (path, title) and rendered to HTML only when the engine asks for it, with
templates compiled once. No page lists more than its own records: lists are cut into pages of
`settings.per_page`, and record pages show only the records they are linked to.
"""

from __future__ import annotations

import html as html_lib
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from functools import partial
from typing import Any

from jinja2 import Environment, Template

from generator.reading.catalog import Catalog
from generator.contract.model import ACTOR, Actor, EVENT, Event, Kind, KINDS, PRACTICE, Practice, RESOURCE, Resource
from generator.site.environment import environment
from generator.site.french import plural, sort_key, TERRITOIRE_TYPE
from generator.site.index import Entry, SiteIndex
from generator.site.jsonld import JsonLd
from generator.site.network_graph import PAGE_PATH as NETWORK_MAP_PATH
from generator.site.network_graph import RELATION_LABELS, NetworkGraph
from generator.site.page import Body, Key, Page, TocEntry
from generator.site.places import points
from generator.search.records import search_data, SEARCH_PATH, TAXONOMY_FILTERS
from generator.site.urls import (
    AGENDA_FEED,
    BROWSED,
    OPEN_DATA_PATH,
    VENDOR,
    event_calendar_path,
    list_path,
    paged,
    record_path,
    taxonomy_path,
    term_path,
    to_root,
)
from generator.settings import fill_template, mailto, Settings

_HEADING = re.compile(r'<h2 id="([^"]+)"[^>]*>(.*?)</h2>', re.S)
_TAGS = re.compile(r"<[^>]+>")

# Titles of the list pages, as the menu names them.
SECTION_TITLES = {"actor": "Acteurs", "resource": "Ressources", "practice": "Bonnes pratiques", "event": "Agenda"}
# A record page names at most this many records of one relation; a longer relation (a regional network's
# members) gets paginated pages of its own, so that no record page grows with the directory.
RELATED_SHOWN = 60
LONG_RELATIONS = {"members": ("membres", "Membres du réseau"), "partners": ("partenaires", "Partenaires")}
KIND_TEMPLATES = {kind: f"{kind}.html" for kind in ("actor", "resource", "practice", "event")}
LIST_INTRO = {
    "actor": "Les structures du réseau : associations, services, établissements, collectivités, dispositifs.",
    "resource": "Brochures, guides, outils pédagogiques, rapports et vidéos que les acteurs du réseau mettent à "
    "votre disposition.",
    "practice": "Des actions qui ont fonctionné, décrites pour que d'autres territoires puissent s'en inspirer.",
    "event": "Les rencontres, formations et forums du réseau. Les événements à venir sont en premier.",
}
TAXONOMY_INTRO = {
    "thematiques": "Les sujets sur lesquels agissent les acteurs. Une thématique regroupe aussi les fiches de ses "
    "sous-thématiques.",
    "territoires": "Les territoires où agissent les acteurs, des deux côtés de la frontière. Un territoire regroupe "
    "aussi les fiches des territoires qu'il contient.",
    "publics": "Les personnes à qui s'adressent les acteurs, les ressources et les actions. Un public regroupe "
    "aussi les fiches des publics plus précis qu'il contient.",
}
HOME_TERMS = 8  # entry points per taxonomy on the home page, the most used first

EVERY = {"thematiques": "Toutes les thématiques", "territoires": "Tous les territoires", "publics": "Tous les publics"}
TAXONOMY_SINGULAR = {"thematiques": "Thématique", "territoires": "Territoire", "publics": "Public"}


@dataclass(frozen=True)
class Crumb:
    title: str
    path: str | None  # None for the current page


def toc_of(html: str) -> tuple[TocEntry, ...]:
    """The sections of a generated page, read back from its <h2 id="…"> headings."""
    return tuple(
        TocEntry(anchor, html_lib.unescape(_TAGS.sub("", title)).strip()) for anchor, title in _HEADING.findall(html)
    )


def chunks(items: Sequence[Entry], size: int) -> list[Sequence[Entry]]:
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
        self.env = env or environment()
        self.network = NetworkGraph(self.index)  # who belongs to which network (network_map.py, actor pages)
        self.env.globals.update(
            label=self.index.label,
            lineage=self.index.lineage_labels,
            is_past=self._is_past,
            territoire_types=TERRITOIRE_TYPE,
            map_points=points,
            calendar_path=event_calendar_path,
            agenda_feed=AGENDA_FEED,
            open_data_path=OPEN_DATA_PATH,
            vendor=VENDOR,
            search_path=SEARCH_PATH,
            search_filters=TAXONOMY_FILTERS,
            related_shown=RELATED_SHOWN,
            long_relations=LONG_RELATIONS,
            network_around=self.network.around, relation_labels=RELATION_LABELS, network_map_path=NETWORK_MAP_PATH,
        )
        self._templates: dict[str, Template] = {}

    def template(self, name: str) -> Template:
        if name not in self._templates:
            self._templates[name] = self.env.get_template(name)
        return self._templates[name]

    def _is_past(self, event: Event) -> bool:
        return self.index.is_past(event)

    def render_template(self, template: str, path: str, **context: Any) -> Body:
        """A page body from one of the templates; `path` is the page's site path (links are made relative to it)."""
        html = self.template(template).render(root=to_root(path), path=path, settings=self.settings, **context)
        return Body(html, toc_of(html))

    def _page(
        self, path: str, title: str, kind: str, render: Callable[[], Body], description: str = "",
        shows: frozenset[Key] | None = None,
    ) -> Page:
        return Page(path=path, title=title, render=render, description=description, kind=kind, shows=shows)

    # --- all pages ------------------------------------------------------------------------------------

    def pages(self) -> Iterator[Page]:
        yield self.home_page()
        yield from self.record_pages()
        yield from self.list_pages()
        yield from self.browse_pages()

    # --- record pages -----------------------------------------------------------------------------------

    def record_pages(self) -> Iterator[Page]:
        for kind in KINDS:
            for entry in self.index.by_kind[kind.name]:
                shows = frozenset({entry.key, *self.index.neighbours(entry)})
                render = partial(self.record_body, entry)
                yield self._page(entry.path, entry.title, "record", render, entry.excerpt, shows)
                if kind is ACTOR:
                    yield from self.relation_pages(entry)

    def relation_pages(self, entry: Entry) -> Iterator[Page]:
        """The whole list of a relation too long for the record page, paginated."""
        assert isinstance(entry.record, Actor)
        related = self._long_relations(entry.record)
        for relation, (segment, title) in LONG_RELATIONS.items():
            items = related[relation]
            if len(items) <= RELATED_SHOWN:
                continue
            base = f"{entry.path}{segment}/"
            pages = chunks(items, self.settings.per_page)
            shows = frozenset({entry.key, *(item.key for item in items)})
            for number, chunk in enumerate(pages, start=1):
                path = paged(base, number)
                page_title = f"{title} : {entry.title}" + (f" (page {number})" if number > 1 else "")
                render = partial(self.relation_body, entry, title, chunk, Pager(base, number, len(pages)), len(items))
                yield self._page(path, page_title, "relation", render, shows=shows)

    def relation_body(self, entry: Entry, title: str, chunk: Sequence[Entry], pager: Pager, total: int) -> Body:
        kind = entry.kind
        crumbs = [
            Crumb("Accueil", ""),
            Crumb(SECTION_TITLES[kind.name], list_path(kind)),
            Crumb(entry.title, entry.path),
            Crumb(title if pager.number == 1 else f"Page {pager.number}", None),
        ]
        return self.render_template(
            "relation.html",
            pager.path(pager.number),
            entry=entry,
            title=title,
            entries=chunk,
            crumbs=crumbs,
            pager=pager,
            total=total,
        )

    def links_of(self, entry: Entry) -> dict[str, str]:
        source = self.sources.get(entry.key, "")
        values = {
            "titre": entry.title,
            "type": entry.kind.singular,
            "id": entry.record.id,
            "chemin": "/" + entry.path,
            "url": self.settings.absolute(entry.path) or "/" + entry.path,
            "fichier": source,
        }
        links = {}
        if self.settings.report_url:
            links["report"] = fill_template(self.settings.report_url, values)
        if self.settings.edit_url and source:
            links["edit"] = fill_template(self.settings.edit_url, values)
        if self.settings.coordination_email:
            links["mail"] = mailto(
                self.settings.coordination_email,
                f"Erreur sur la fiche « {entry.title} »",
                f"Fiche : {values['url']}\n\nCe qui est inexact :\n\n\nLa bonne information (et où la vérifier) :\n",
            )
        return links

    def _long_relations(self, record: Actor) -> dict[str, Sequence[Entry]]:
        """The relations of an actor that may grow with the directory (LONG_RELATIONS)."""
        return {
            "members": self.index.named_by(ACTOR, record.id, ACTOR, "reseaux"),
            "partners": self.index.partners(record),
        }

    def related(self, entry: Entry) -> dict[str, Any]:
        """The records a record page links to, both ways."""
        record, index = entry.record, self.index
        if isinstance(record, Actor):
            carried = index.named_by(ACTOR, record.id, PRACTICE, "porteur")
            carried_keys = {e.key for e in carried}
            joined = [e for e in index.named_by(ACTOR, record.id, PRACTICE, "partenaires") if e.key not in carried_keys]
            return {
                "networks": index.entries_for(ACTOR, record.reseaux),
                **self._long_relations(record),
                "resources": index.resources_of(record.id),
                "practices_carried": carried,
                "practices_joined": joined,
                "events": index.named_by(ACTOR, record.id, EVENT, "organisateurs"),
            }
        if isinstance(record, Resource):
            return {
                "authors": index.entries_for(ACTOR, record.auteurs),
                "holder": index.entry(ACTOR, record.disponible_aupres_de) if record.disponible_aupres_de else None,
                "practices": index.named_by(RESOURCE, record.id, PRACTICE, "ressources"),
            }
        if isinstance(record, Practice):
            return {
                "carrier": index.entry(ACTOR, record.porteur),
                "partners": index.entries_for(ACTOR, record.partenaires),
                "resources": index.entries_for(RESOURCE, record.ressources),
            }
        assert isinstance(record, Event)
        return {"organisers": index.entries_for(ACTOR, record.organisateurs)}

    def facets(self, entry: Entry) -> dict[str, Any]:
        """Search filters (term ids, ancestors included) and result card of a record, for Pagefind."""
        return search_data(self.index, entry)

    def record_body(self, entry: Entry) -> Body:
        kind = entry.kind
        crumbs = [Crumb("Accueil", ""), Crumb(SECTION_TITLES[kind.name], list_path(kind)), Crumb(entry.title, None)]
        return self.render_template(
            KIND_TEMPLATES[kind.name],
            entry.path,
            entry=entry,
            record=entry.record,
            kind=kind,
            crumbs=crumbs,
            related=self.related(entry),
            facets=self.facets(entry),
            links=self.links_of(entry),
            jsonld=self.jsonld.describe(entry),
            list_path=list_path(kind),
        )

    # --- lists per kind ---------------------------------------------------------------------------------

    def list_pages(self) -> Iterator[Page]:
        size = self.settings.per_page
        for kind in KINDS:
            entries = self.index.by_kind[kind.name]
            pages = chunks(entries, size)
            title = SECTION_TITLES[kind.name]
            shows = frozenset(entry.key for entry in entries)
            for number, chunk in enumerate(pages, start=1):
                path = list_path(kind, number)
                page_title = title if number == 1 else f"{title} (page {number})"
                render = partial(self.list_body, kind, chunk, number, len(pages), len(entries), path)
                yield self._page(path, page_title, "list", render, LIST_INTRO[kind.name], shows)

    def list_body(self, kind: Kind, chunk: Sequence[Entry], number: int, pages: int, total: int, path: str) -> Body:
        title = SECTION_TITLES[kind.name]
        crumbs = [Crumb("Accueil", ""), Crumb(title, list_path(kind) if number > 1 else None)]
        if number > 1:
            crumbs.append(Crumb(f"Page {number}", None))
        return self.render_template(
            "list.html",
            path,
            kind=kind,
            title=title,
            intro=LIST_INTRO[kind.name],
            entries=chunk,
            crumbs=crumbs,
            count=plural(total, kind.singular, kind.plural),
            pager=Pager(list_path(kind), number, pages),
            groups=self._groups(kind, chunk),
            agenda=self._agenda() if kind is EVENT else None,
        )

    def _groups(self, kind: Kind, chunk: Sequence[Entry]) -> list[tuple[str, Sequence[Entry]]]:
        """Events split into "À venir" (soonest first) and "Archives" (most recent first); other kinds in one
        group without a heading."""
        if kind is not EVENT:
            return [("", chunk)]
        coming = [e for e in chunk if not self._is_past(e.record)]  # type: ignore[arg-type]
        past = [e for e in chunk if self._is_past(e.record)]  # type: ignore[arg-type]
        return [(name, group) for name, group in (("À venir", coming), ("Archives", past)) if group]

    def _agenda(self) -> dict[str, Any]:
        """What the agenda says above its list: how many events are to come and where the archives start
        (the list runs over several pages once the network has a history)."""
        events = self.index.by_kind[EVENT.name]
        coming = sum(not self._is_past(e.record) for e in events)  # type: ignore[arg-type]
        first_page = coming // self.settings.per_page + 1
        return {
            "coming": coming,
            "past": len(events) - coming,
            "upcoming": f"{list_path(EVENT)}#a-venir",
            "archives": f"{paged(list_path(EVENT), first_page)}#archives",
        }

    # --- browse pages per taxonomy ----------------------------------------------------------------------

    def browse_pages(self) -> Iterator[Page]:
        for taxonomy, title in BROWSED.items():
            tree = self.catalog.taxonomies.get(taxonomy)
            if tree is None:
                continue
            yield self._page(
                taxonomy_path(taxonomy),
                title,
                "browse",
                partial(self.taxonomy_body, taxonomy),
                TAXONOMY_INTRO[taxonomy],
            )
            for term in tree.terms.values():
                entries = self.index.tagged(taxonomy, term.id)
                pages = chunks(entries, self.settings.per_page)
                per_kind = self._kind_counts(entries, term_path(taxonomy, term.id))
                listing = Listing(len(entries), len(pages), per_kind)
                shows = frozenset(entry.key for entry in entries)  # the counts of its pages change with any
                for number, chunk in enumerate(pages, start=1):
                    path = term_path(taxonomy, term.id, number)
                    page_title = term.label if number == 1 else f"{term.label} (page {number})"
                    render = partial(self.term_body, taxonomy, term.id, chunk, number, listing, path)
                    description = term.description or f"{TAXONOMY_SINGULAR[taxonomy]} : {term.label}."
                    yield self._page(path, page_title, "browse", render, description, shows)

    def taxonomy_body(self, taxonomy: str) -> Body:
        tree = self.catalog.taxonomies[taxonomy]
        path = taxonomy_path(taxonomy)
        counts = {term_id: len(self.index.tagged(taxonomy, term_id)) for term_id in tree.terms}
        return self.render_template(
            "taxonomy.html",
            path,
            taxonomy=taxonomy,
            tree=tree,
            title=BROWSED[taxonomy],
            intro=TAXONOMY_INTRO[taxonomy],
            counts=counts,
            crumbs=[Crumb("Accueil", ""), Crumb(BROWSED[taxonomy], None)],
            term_path=term_path,
            children_of=lambda term_id: [tree.terms[c] for c in tree.children.get(term_id, [])],
        )

    def term_body(
        self, taxonomy: str, term_id: str, chunk: Sequence[Entry], number: int, listing: Listing, path: str
    ) -> Body:
        tree = self.catalog.taxonomies[taxonomy]
        term = tree.terms[term_id]
        ancestors = list(reversed(tree.lineage(term_id)[1:]))
        crumbs = [Crumb("Accueil", ""), Crumb(BROWSED[taxonomy], taxonomy_path(taxonomy))]
        crumbs += [Crumb(tree.label(a), term_path(taxonomy, a)) for a in ancestors]
        crumbs.append(Crumb(term.label, term_path(taxonomy, term_id) if number > 1 else None))
        if number > 1:
            crumbs.append(Crumb(f"Page {number}", None))
        groups = [(kind, [e for e in chunk if e.kind is kind]) for kind in KINDS]
        children = [(child, len(self.index.tagged(taxonomy, child))) for child in tree.children.get(term_id, [])]
        return self.render_template(
            "term.html",
            path,
            taxonomy=taxonomy,
            singular=TAXONOMY_SINGULAR[taxonomy],
            term=term,
            crumbs=crumbs,
            children=children,
            parent=ancestors[-1] if ancestors else None,
            per_kind=listing.per_kind,
            groups=[(kind, group) for kind, group in groups if group],
            total=listing.total,
            pager=Pager(term_path(taxonomy, term_id), number, listing.pages),
            term_path=term_path,
        )

    def _kind_counts(self, entries: list[Entry], base: str) -> list[tuple[Kind, int, str]]:
        """For each kind present: its count and the page (with anchor) where its records start."""
        first: dict[str, int] = {}
        counts: dict[str, int] = {}
        for position, entry in enumerate(entries):
            first.setdefault(entry.kind.name, position)
            counts[entry.kind.name] = counts.get(entry.kind.name, 0) + 1
        return [
            (kind, counts[kind.name], f"{paged(base, first[kind.name] // self.settings.per_page + 1)}#{kind.section}")
            for kind in KINDS
            if kind.name in counts
        ]

    # --- home -------------------------------------------------------------------------------------------

    def home_page(self) -> Page:
        return Page(
            path="",
            title="Accueil",
            render=self.home_body,
            kind="home",
            extends_docs=True,
            description=f"{self.settings.site_name} : qui fait quoi, où et pour qui.",
        )

    def home_body(self) -> Body:
        counts = [(kind, len(self.index.by_kind[kind.name]), list_path(kind)) for kind in KINDS]
        roots = {}
        for taxonomy in BROWSED:
            if taxonomy in self.catalog.taxonomies:
                tree = self.catalog.taxonomies[taxonomy]
                counted = [(t, len(self.index.tagged(taxonomy, t.id))) for t in tree.roots()]
                roots[taxonomy] = sorted(counted, key=lambda pair: (-pair[1], sort_key(pair[0].label)))[:HOME_TERMS]
        return self.render_template(
            "home.html",
            "",
            counts=counts,
            roots=roots,
            browsed=BROWSED,
            sizes={t: len(self.catalog.taxonomies[t].terms) for t in roots},
            every=EVERY,
            latest=self.index.latest(self.settings.latest),
            upcoming=self.index.upcoming(self.settings.upcoming),
            term_path=term_path,
            taxonomy_path=taxonomy_path,
            record_path=record_path,
        )


@dataclass(frozen=True)
class Listing:
    """What every page of one browse list shares."""

    total: int
    pages: int
    per_kind: list[tuple[Kind, int, str]]


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
