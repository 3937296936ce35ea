"""The list of each kind (/acteurs/, /agenda/ …), paginated; a calendar kind's list puts what is to come first
and says where its archives start."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import partial
from typing import Any, cast

from generator.contract.kinds import KINDS, Kind
from generator.site.french import capitalize, plural
from generator.site.index import Dated, Listed
from generator.site.page import Body, Page
from generator.site.renderer import HOME, Crumb, Pager, Renderer, chunks
from generator.site.urls import list_path, paged


def pages(renderer: Renderer) -> Iterator[Page]:
    size = renderer.settings.per_page
    for kind in KINDS:
        entries = renderer.index.by_kind[kind.name]
        numbered = chunks(entries, size)
        shows = frozenset(entry.key for entry in entries)
        for number, chunk in enumerate(numbered, start=1):
            path = list_path(kind, number)
            page_title = kind.title if number == 1 else f"{kind.title} (page {number})"
            render = partial(body, renderer, kind, chunk, number, len(numbered), len(entries), path)
            yield Page(path=path, title=page_title, render=render, description=kind.intro, kind="list", shows=shows)


def body(
    renderer: Renderer, kind: Kind, chunk: Sequence[Listed], number: int, pages: int, total: int, path: str
) -> Body:
    crumbs = [HOME, Crumb(kind.title, list_path(kind) if number > 1 else None)]
    if number > 1:
        crumbs.append(Crumb(f"Page {number}", None))
    return renderer.render_template(
        "list.html",
        path,
        kind=kind,
        title=kind.title,
        intro=kind.intro,
        entries=chunk,
        crumbs=crumbs,
        count=plural(total, kind.singular, kind.plural),
        pager=Pager(list_path(kind), number, pages),
        groups=groups(renderer, kind, chunk),
        agenda=agenda(renderer, kind) if kind.calendar else None,
    )


@dataclass(frozen=True)
class Group:
    anchor: str  # "" for the one group of a kind listed without headings
    title: str
    note: str  # under the heading
    entries: Sequence[Listed]
    open_only: bool = False  # its records leave it once closed (assets/maillage/echeances.js, in the browser)


def groups(renderer: Renderer, kind: Kind, chunk: Sequence[Listed]) -> list[Group]:
    """A calendar kind's records split into "À venir" (soonest first) and "Archives" (most recent first); a kind
    with a deadline's into "Ouverts" and "Clos"; other kinds in one group without a heading."""
    if kind.calendar:
        past = [renderer.is_past(cast(Dated, e.record)) for e in chunk]
        found = [Group("a-venir", "À venir", "", [e for e, p in zip(chunk, past, strict=True) if not p]),
                 Group("archives", "Archives", "Les événements passés, du plus récent au plus ancien.",
                       [e for e, p in zip(chunk, past, strict=True) if p])]
    elif kind.deadline:
        closed = [renderer.index.is_closed(e) for e in chunk]
        opened, shut = kind.noun.agree("ouvert") + "s", "closes" if kind.noun.feminine else "clos"
        found = [Group("ouverts", capitalize(opened), "La date limite la plus proche en premier.",
                       [e for e, c in zip(chunk, closed, strict=True) if not c], open_only=True),
                 Group("clos", capitalize(shut), f"Les {kind.plural} dont la date limite est passée : leur page reste "
                       "en ligne.",
                       [e for e, c in zip(chunk, closed, strict=True) if c])]
    else:
        return [Group("", "", "", chunk)]
    return [group for group in found if group.entries]


def agenda(renderer: Renderer, kind: Kind) -> dict[str, Any]:
    """What the agenda says above its list: how many events are to come and where the archives start
    (the list runs over several pages once the network has a history)."""
    events = renderer.index.by_kind[kind.name]
    coming = sum(not renderer.is_past(cast(Dated, e.record)) for e in events)
    first_page = coming // renderer.settings.per_page + 1
    return {
        "coming": coming,
        "past": len(events) - coming,
        "upcoming": f"{list_path(kind)}#a-venir",
        "archives": f"{paged(list_path(kind), first_page)}#archives",
        "filters": renderer.agenda.filters(events),
        "paged": len(events) > renderer.settings.per_page,
    }
