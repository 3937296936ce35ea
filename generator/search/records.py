"""The search page (/recherche/): the form and the facet panel, whose script queries the Pagefind index.

What each record page tells Pagefind (its filters and result card) is generator/site/findable.py.
"""

from __future__ import annotations

from dataclasses import dataclass

from generator.contract.kinds import KINDS
from generator.contract.nouns import capitalize
from generator.contract.taxonomies import TAXONOMIES
from generator.reading.catalog import Taxonomy
from generator.site.findable import KIND_FILTER
from generator.site.index import SiteIndex
from generator.site.page import Body, Page
from generator.site.renderer import HOME, Crumb, Renderer
from generator.site.urls import SEARCH_PATH

KIND_LEGEND = "Type de fiche"


@dataclass(frozen=True)
class Choice:
    """One value of a facet (a checkbox), with the values below it (a taxonomy's children)."""

    value: str
    label: str
    total: int  # records with this value: the count shown before any search, and without filters
    children: tuple[Choice, ...] = ()


@dataclass(frozen=True)
class Facet:
    name: str  # the filter's name, in Pagefind and in the page address
    legend: str
    choices: tuple[Choice, ...] = ()


def _tree_choices(index: SiteIndex, tree: Taxonomy) -> tuple[Choice, ...]:
    """The taxonomy's choices, each with its children's: made from the deepest up, without recursion."""
    order = [term.id for term, _ in tree.walk()]
    made: dict[str, Choice] = {}
    for term_id in reversed(order):  # every term comes after its parent: its children are made before it
        children = tuple(made[child] for child in tree.children.get(term_id, []) if child in made)
        made[term_id] = Choice(term_id, tree.label(term_id), len(index.tagged(tree.name, term_id)), children)
    return tuple(made[term.id] for term in tree.roots() if term.id in made)


def facets(index: SiteIndex) -> list[Facet]:
    """The facet panel: kinds, then each taxonomy as a tree (children under their parent)."""
    kinds = tuple(Choice(kind.schema, capitalize(kind.plural), len(index.by_kind[kind.name])) for kind in KINDS)
    found = [Facet(KIND_FILTER, KIND_LEGEND, kinds)]
    for taxonomy in TAXONOMIES.browsed():
        tree = index.catalog.taxonomies.get(taxonomy.name)
        if tree is not None and taxonomy.browsed is not None:
            found.append(Facet(taxonomy.browsed.search_filter, taxonomy.title, _tree_choices(index, tree)))
    return found


def description() -> str:
    """ « Rechercher un acteur, une ressource, une bonne pratique ou un événement du réseau. »"""
    named = [kind.noun.indefinite for kind in KINDS]
    listed = named[0] if len(named) < 2 else ", ".join(named[:-1]) + " ou " + named[-1]
    return f"Rechercher {listed} du réseau."


def search_page(renderer: Renderer, every: str) -> Page:
    """The search page; `every` is the word every indexed record holds (see generator/search/pagefind.py)."""
    return Page(path=SEARCH_PATH, title="Rechercher", render=lambda: search_body(renderer, every), kind="search",
                description=description())


def search_body(renderer: Renderer, every: str) -> Body:
    index = renderer.index
    counts = [(kind, len(index.by_kind[kind.name])) for kind in KINDS]
    return renderer.render_template(
        "search.html", SEARCH_PATH, crumbs=[HOME, Crumb("Rechercher", None)],
        facets=facets(index), counts=counts, total=sum(count for _, count in counts), every=every,
    )
