"""The offer by territory (/offre/): how many actors, and how many of their services, act on each thématique in
each territory, and where nobody does.

Both taxonomies are trees and a parent counts its children: an actor tagged "Dépistage" in "Lille" is counted
under "Santé sexuelle" and under "Nord". A cell where nobody acts says so in words, and says how many actors act
there from a wider territory (a département-wide service reaches Lille too). The page shows the roots of the
territories and their children; each territory with subdivisions has its own page (/offre/<territoire>/), one
level deeper. Each count links to the search, filtered on the cell's thématique and territory. The whole matrix,
every pair of terms, is in the open data (offre.csv, generator/exports/offer.py).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property, partial
from urllib.parse import urlencode

from generator.contract.kinds import ACTOR
from generator.contract.model import Actor
from generator.contract.taxonomies import TAXONOMIES
from generator.reading.catalog import Catalog, Taxonomy
from generator.site.findable import KIND_FILTER
from generator.site.page import Body, Page
from generator.site.renderer import Crumb, Renderer
from generator.site.urls import SEARCH_PATH

PATH = "offre/"
TITLE = "L'offre par territoire"
INTRO = ("Combien d'acteurs, et combien de leurs services, agissent sur chaque thématique dans chaque territoire : "
         "pour repérer les territoires où personne n'agit, et les actions qui se recoupent.")
THEMATIQUES, TERRITOIRES = "thematiques", "territoires"


@dataclass(frozen=True)
class Cell:
    actors: int
    services: int
    wider: int  # actors acting on the thématique from a territory that contains this one (counted when `actors` is 0)

    @property
    def empty(self) -> bool:
        return self.actors == 0


class OfferMatrix:
    """The counts for every pair (thématique, territoire), from the catalog alone (the exports use it too)."""

    def __init__(self, catalog: Catalog) -> None:
        self.catalog = catalog
        self.thematiques: Taxonomy = catalog.taxonomies.get(THEMATIQUES) or Taxonomy(THEMATIQUES, {})
        self.territoires: Taxonomy = catalog.taxonomies.get(TERRITOIRES) or Taxonomy(TERRITOIRES, {})

    @cached_property
    def _counted(self) -> tuple[dict[tuple[str, str], set[str]], dict[tuple[str, str], set[str]]]:
        """(thématique, territoire) -> actors counted there (terms with their ancestors), and -> actors tagged
        with exactly that territory (for the wider ones)."""
        within: dict[tuple[str, str], set[str]] = defaultdict(set)
        exactly: dict[tuple[str, str], set[str]] = defaultdict(set)
        for actor in self.actors.values():
            themes = _with_ancestors(self.thematiques, actor.thematiques)
            places = _with_ancestors(self.territoires, actor.territoires)
            for theme in themes:
                for place in places:
                    within[(theme, place)].add(actor.id)
                for place in actor.territoires:
                    exactly[(theme, place)].add(actor.id)
        return within, exactly

    @cached_property
    def actors(self) -> dict[str, Actor]:
        return {a.id: a for a in self.catalog.of(ACTOR) if isinstance(a, Actor)}

    def cell(self, thematique: str, territoire: str) -> Cell:
        within, exactly = self._counted
        ids = within.get((thematique, territoire), set())
        wider: set[str] = set()
        if not ids:
            for ancestor in self.territoires.lineage(territoire)[1:]:
                wider |= exactly.get((thematique, ancestor), set())
        return Cell(len(ids), sum(len(self.actors[i].services) for i in ids), len(wider))

    def rows(self) -> list[tuple[str, int]]:
        """The thématiques, parents before their children, with their depth."""
        return [(term.id, depth) for term, depth in self.thematiques.walk()]

    def columns(self, parent: str | None) -> list[str]:
        """The territories of one page: the roots and their children, or a territory and its children."""
        if parent is None:
            roots = [term.id for term in self.territoires.roots()]
            return [t for root in roots for t in [root, *self.territoires.children.get(root, [])]]
        return [parent, *self.territoires.children.get(parent, [])]


def _with_ancestors(tree: Taxonomy, terms: list[str]) -> list[str]:
    found: dict[str, None] = {}
    for term in terms:
        for ancestor in tree.lineage(term) or [term]:
            found.setdefault(ancestor)
    return list(found)


def search_link(thematique: str, territoire: str) -> str:
    """The search page filtered on the actors of one cell (the filters recherche.js reads from the address)."""
    filters = {name: browsed.search_filter for name in (THEMATIQUES, TERRITOIRES)
               if (browsed := TAXONOMIES[name].browsed) is not None}  # both are browsed taxonomies
    query = urlencode({KIND_FILTER: ACTOR.schema, filters[THEMATIQUES]: thematique, filters[TERRITOIRES]: territoire})
    return f"{SEARCH_PATH}?{query}"


def page_path(territoire: str | None) -> str:
    return PATH if territoire is None else f"{PATH}{territoire}/"


class OfferPages:
    def __init__(self, renderer: Renderer) -> None:
        self.renderer = renderer
        self.matrix = OfferMatrix(renderer.catalog)

    def pages(self) -> Iterator[Page]:
        shows = frozenset(entry.key for entry in self.renderer.index.by_kind[ACTOR.name])
        tree = self.matrix.territoires
        for parent in [None, *(t for t in tree.terms if tree.children.get(t))]:
            title = TITLE if parent is None else f"{TITLE} : {tree.label(parent)}"
            yield Page(path=page_path(parent), title=title, render=partial(self.body, parent), description=INTRO,
                       kind="offre", shows=shows)

    def body(self, parent: str | None) -> Body:
        matrix, tree = self.matrix, self.matrix.territoires
        columns = matrix.columns(parent)
        rows = matrix.rows()
        cells = {(t, r): matrix.cell(t, r) for t, _ in rows for r in columns}
        crumbs = [Crumb("Accueil", ""), Crumb("Offre par territoire", PATH if parent else None)]
        if parent is not None:
            crumbs += [Crumb(tree.label(a), page_path(a)) for a in reversed(tree.lineage(parent)[1:])]
            crumbs.append(Crumb(tree.label(parent), None))
        return self.renderer.render_template(
            "offre.html", page_path(parent), title=TITLE if parent is None else f"{TITLE} : {tree.label(parent)}",
            intro=INTRO, crumbs=crumbs, parent=parent, rows=rows, columns=columns, cells=cells,
            thematiques=matrix.thematiques, territoires=tree, search_link=search_link, page_path=page_path,
            empty=sum(cell.empty for cell in cells.values()), total=len(cells),
            depth_of={t: len(tree.lineage(t)) - 1 for t in columns},
        )
