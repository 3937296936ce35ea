"""Browse pages: one per browsed taxonomy (/thematiques/), one per term (/thematiques/<id>/), paginated; a term
gathers the records of the terms below it."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import partial

from generator.contract.kinds import KINDS, Kind
from generator.contract.taxonomies import TAXONOMIES, Taxonomy
from generator.site.french import capitalize
from generator.site.index import Listed
from generator.site.page import Body, Page
from generator.site.renderer import HOME, Crumb, Pager, Renderer, chunks
from generator.site.urls import paged, taxonomy_path, term_path


@dataclass(frozen=True)
class Listing:
    """What every page of one term's list shares."""

    total: int
    pages: int
    per_kind: list[tuple[Kind, int, str]]


def pages(renderer: Renderer) -> Iterator[Page]:
    for taxonomy in TAXONOMIES.browsed():
        tree = renderer.catalog.taxonomies.get(taxonomy.name)
        if tree is None or taxonomy.browsed is None:
            continue
        yield Page(path=taxonomy_path(taxonomy.name), title=taxonomy.title, render=partial(body, renderer, taxonomy),
                   description=taxonomy.browsed.intro, kind="browse")
        for term in tree.terms.values():
            entries = renderer.index.tagged(taxonomy.name, term.id)
            numbered = chunks(entries, renderer.settings.per_page)
            per_kind = _kind_counts(renderer, entries, term_path(taxonomy.name, term.id))
            listing = Listing(len(entries), len(numbered), per_kind)
            shows = frozenset(entry.key for entry in entries)  # the counts of its pages change with any
            for number, chunk in enumerate(numbered, start=1):
                path = term_path(taxonomy.name, term.id, number)
                page_title = term.label if number == 1 else f"{term.label} (page {number})"
                render = partial(term_body, renderer, taxonomy, term.id, chunk, number, listing, path)
                description = term.description or f"{capitalize(taxonomy.noun.singular)} : {term.label}."
                yield Page(path=path, title=page_title, render=render, description=description, kind="browse",
                           shows=shows)


def body(renderer: Renderer, taxonomy: Taxonomy) -> Body:
    assert taxonomy.browsed is not None
    tree = renderer.catalog.taxonomies[taxonomy.name]
    path = taxonomy_path(taxonomy.name)
    counts = {term_id: len(renderer.index.tagged(taxonomy.name, term_id)) for term_id in tree.terms}
    return renderer.render_template(
        "taxonomy.html",
        path,
        taxonomy=taxonomy.name,
        tree=tree,
        title=taxonomy.title,
        intro=taxonomy.browsed.intro,
        counts=counts,
        crumbs=[HOME, Crumb(taxonomy.title, None)],
        term_path=term_path,
        children_of=lambda term_id: [tree.terms[c] for c in tree.children.get(term_id, [])],
    )


def term_body(
    renderer: Renderer, taxonomy: Taxonomy, term_id: str, chunk: Sequence[Listed], number: int, listing: Listing,
    path: str,
) -> Body:
    assert taxonomy.browsed is not None
    name = taxonomy.name
    tree = renderer.catalog.taxonomies[name]
    term = tree.terms[term_id]
    ancestors = list(reversed(tree.lineage(term_id)[1:]))
    crumbs = [HOME, Crumb(taxonomy.title, taxonomy_path(name))]
    crumbs += [Crumb(tree.label(a), term_path(name, a)) for a in ancestors]
    crumbs.append(Crumb(term.label, term_path(name, term_id) if number > 1 else None))
    if number > 1:
        crumbs.append(Crumb(f"Page {number}", None))
    groups = [(kind, [e for e in chunk if e.kind is kind]) for kind in KINDS]
    children = [(child, len(renderer.index.tagged(name, child))) for child in tree.children.get(term_id, [])]
    return renderer.render_template(
        "term.html",
        path,
        taxonomy=name,
        singular=capitalize(taxonomy.noun.singular),
        search_within=taxonomy.browsed.search_within,
        term=term,
        crumbs=crumbs,
        children=children,
        parent=ancestors[-1] if ancestors else None,
        per_kind=listing.per_kind,
        groups=[(kind, group) for kind, group in groups if group],
        total=listing.total,
        pager=Pager(term_path(name, term_id), number, listing.pages),
        term_path=term_path,
    )


def _kind_counts(renderer: Renderer, entries: list[Listed], base: str) -> list[tuple[Kind, int, str]]:
    """For each kind present: its count and the page (with anchor) where its records start."""
    first: dict[str, int] = {}
    counts: dict[str, int] = {}
    for position, entry in enumerate(entries):
        first.setdefault(entry.kind.name, position)
        counts[entry.kind.name] = counts.get(entry.kind.name, 0) + 1
    per_page = renderer.settings.per_page
    return [
        (kind, counts[kind.name], f"{paged(base, first[kind.name] // per_page + 1)}#{kind.section}")
        for kind in KINDS
        if kind.name in counts
    ]
