"""Record pages (/acteurs/<id>/ …), and the pages of a relation too long for its record page
(/acteurs/<id>/membres/)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from functools import partial

from generator.contract.kinds import KINDS, Relation
from generator.settings import fill_template, mailto
from generator.site.findable import search_data
from generator.site.index import Listed
from generator.site.page import Body, Page
from generator.site.renderer import HOME, RELATED_SHOWN, Crumb, Pager, Renderer, chunks
from generator.site.urls import list_path, paged


def pages(renderer: Renderer) -> Iterator[Page]:
    index = renderer.index
    for kind in KINDS:
        for entry in index.by_kind[kind.name]:
            shows = frozenset({entry.key, *index.neighbours(entry)})
            render = partial(body, renderer, entry)
            yield Page(path=entry.path, title=entry.title, render=render, description=entry.excerpt, kind="record",
                       shows=shows)
            for relation in kind.paged_relations:
                yield from relation_pages(renderer, entry, relation)


def body(renderer: Renderer, entry: Listed) -> Body:
    kind = entry.kind
    crumbs = [HOME, Crumb(kind.title, list_path(kind)), Crumb(entry.title, None)]
    return renderer.render_template(
        kind.template,
        entry.path,
        entry=entry,
        record=entry.record,
        kind=kind,
        crumbs=crumbs,
        related=renderer.index.related(entry),
        facets=search_data(renderer.index, entry),
        links=links_of(renderer, entry),
        jsonld=renderer.jsonld.describe(entry),
        list_path=list_path(kind),
    )


def links_of(renderer: Renderer, entry: Listed) -> dict[str, str]:
    """Where to report an error on the record, or edit its file."""
    settings = renderer.settings
    source = renderer.sources.get(entry.key, "")
    values = {
        "titre": entry.title,
        "type": entry.kind.singular,
        "id": entry.record.id,
        "chemin": "/" + entry.path,
        "url": settings.absolute(entry.path) or "/" + entry.path,
        "fichier": source,
    }
    links = {}
    if settings.report_url:
        links["report"] = fill_template(settings.report_url, values)
    if settings.edit_url and source:
        links["edit"] = fill_template(settings.edit_url, values)
    if settings.coordination_email:
        links["mail"] = mailto(
            settings.coordination_email,
            f"Erreur sur la fiche « {entry.title} »",
            f"Fiche : {values['url']}\n\nCe qui est inexact :\n\n\nLa bonne information (et où la vérifier) :\n",
        )
    return links


# --- relations too long for their record page ----------------------------------------------------------


def relation_pages(renderer: Renderer, entry: Listed, relation: Relation) -> Iterator[Page]:
    """The whole list of a relation too long for the record page, paginated."""
    assert relation.paged is not None
    found = renderer.index.relation(entry, relation)
    items = found if isinstance(found, list) else []
    if len(items) <= RELATED_SHOWN:
        return
    title = relation.paged.title
    base = f"{entry.path}{relation.paged.segment}/"
    numbered = chunks(items, renderer.settings.per_page)
    shows = frozenset({entry.key, *(item.key for item in items)})
    for number, chunk in enumerate(numbered, start=1):
        page_title = f"{title} : {entry.title}" + (f" (page {number})" if number > 1 else "")
        render = partial(relation_body, renderer, entry, title, chunk, Pager(base, number, len(numbered)), len(items))
        yield Page(path=paged(base, number), title=page_title, render=render, kind="relation", shows=shows)


def relation_body(
    renderer: Renderer, entry: Listed, title: str, chunk: Sequence[Listed], pager: Pager, total: int
) -> Body:
    kind = entry.kind
    crumbs = [
        HOME,
        Crumb(kind.title, list_path(kind)),
        Crumb(entry.title, entry.path),
        Crumb(title if pager.number == 1 else f"Page {pager.number}", None),
    ]
    return renderer.render_template(
        "relation.html",
        pager.path(pager.number),
        entry=entry,
        title=title,
        entries=chunk,
        crumbs=crumbs,
        pager=pager,
        total=total,
    )
