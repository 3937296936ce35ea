"""The search page (/recherche/): the form and the facet panel, whose script queries the Pagefind index.

What each record page tells Pagefind (its filters and result card) is generator/site/findable.py.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from generator.contract.kinds import KINDS
from generator.contract.nouns import capitalize
from generator.contract.taxonomies import TAXONOMIES
from generator.reading.catalog import Taxonomy
from generator.reading.words import BARE_STOP_WORDS
from generator.site.findable import KIND_FILTER, OPEN_FILTER, OPEN_LEGEND, filters_of
from generator.site.hours import DAYS
from generator.site.index import SiteIndex
from generator.site.page import Body, Page
from generator.site.renderer import HOME, Crumb, Renderer
from generator.site.urls import SEARCH_PATH

KIND_LEGEND = "Type de fiche"
# Facets whose values are found by typing: the territories (communes, districts … a few hundred in a large
# network), and any facet with more values than two screens of a phone show.
FINDERS = {"territoire": "Trouver un territoire"}
FINDABLE = 30


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

    @property
    def finder(self) -> str:
        """The label of the text field that narrows a long list of choices as one types ("" for none)."""
        if self.name in FINDERS:
            return FINDERS[self.name]
        return f"Trouver parmi les {self.legend.lower()}" if _count(self.choices) > FINDABLE else ""


def _count(choices: tuple[Choice, ...]) -> int:
    return sum(1 + _count(choice.children) for choice in choices)


def _tree_choices(index: SiteIndex, tree: Taxonomy) -> tuple[Choice, ...]:
    """The taxonomy's choices, each with its children's: made from the deepest up, without recursion."""
    order = [term.id for term, _ in tree.walk()]
    made: dict[str, Choice] = {}
    for term_id in reversed(order):  # every term comes after its parent: its children are made before it
        children = tuple(made[child] for child in tree.children.get(term_id, []) if child in made)
        made[term_id] = Choice(term_id, tree.label(term_id), len(index.tagged(tree.name, term_id)), children)
    return tuple(made[term.id] for term in tree.roots() if term.id in made)


def facets(index: SiteIndex) -> list[Facet]:
    """The facet panel: kinds, then each taxonomy with a search filter as a tree (children under their parent); one
    without browse pages (types of call) only once a record uses it."""
    kinds = tuple(Choice(kind.schema, capitalize(kind.plural), len(index.by_kind[kind.name])) for kind in KINDS)
    found = [Facet(KIND_FILTER, KIND_LEGEND, kinds)]
    for taxonomy in TAXONOMIES.searched():
        tree = index.catalog.taxonomies.get(taxonomy.name)
        choices = _tree_choices(index, tree) if tree is not None else ()
        if taxonomy.filter is not None and (taxonomy.browsed is not None or any(c.total for c in choices)):
            found.append(Facet(taxonomy.filter, taxonomy.title, choices))
    days = Counter(day for entries in index.by_kind.values() for entry in entries
                   for day in filters_of(index, entry).get(OPEN_FILTER, ()))
    if days:
        found.append(Facet(OPEN_FILTER, OPEN_LEGEND, tuple(Choice(day, capitalize(day), days[day]) for day in DAYS)))
    return found


def description() -> str:
    """ « Rechercher un acteur, une ressource, une bonne pratique ou un événement du réseau. »"""
    named = [kind.noun.indefinite for kind in KINDS]
    listed = named[0] if len(named) < 2 else ", ".join(named[:-1]) + " ou " + named[-1]
    return f"Rechercher {listed} du réseau."


def search_page(renderer: Renderer, every: str) -> Page:
    """The search page; `every` is the word every indexed record holds (see generator/search/pagefind.py). Its
    script drops the stop words from a query as the index drops them from the records (generator/reading/words.py)."""
    return Page(path=SEARCH_PATH, title="Rechercher", render=lambda: search_body(renderer, every), kind="search",
                description=description())


def search_body(renderer: Renderer, every: str) -> Body:
    index = renderer.index
    counts = [(kind, len(index.by_kind[kind.name])) for kind in KINDS]
    return renderer.render_template(
        "search.html", SEARCH_PATH, crumbs=[HOME, Crumb("Rechercher", None)],
        facets=facets(index), counts=counts, total=sum(count for _, count in counts), every=every,
        stop_words=" ".join(sorted(BARE_STOP_WORDS)),
    )
