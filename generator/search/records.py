"""Search: what each record page tells Pagefind (filters and the result card), and the search page (/recherche/).

Filters hold ids, not labels: the search page's address names them (/recherche/?thematique=sante-sexuelle),
browse pages link to it, and two terms may share a label. A record tagged with a term also carries the term's
ancestors, so that choosing "Santé sexuelle" finds the records tagged "Dépistage", and the count shown next
to each value is exact.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from generator.contract.model import KINDS
from generator.reading.catalog import Taxonomy
from generator.reading.words import BARE_STOP_WORDS
from generator.site.french import capitalize
from generator.site.index import Entry, SiteIndex
from generator.site.markdown import shorten
from generator.site.page import Body, Page

if TYPE_CHECKING:
    from generator.site.renderer import Renderer

SEARCH_PATH = "recherche/"
KIND_FILTER = "fiche"  # its values are the kinds' schema names: acteur, ressource, pratique, evenement
TAXONOMY_FILTERS = {"thematiques": "thematique", "territoires": "territoire", "publics": "public"}
LEGENDS = {KIND_FILTER: "Type de fiche", "thematique": "Thématiques", "territoire": "Territoires", "public": "Publics"}
KIND_LABELS = {"actor": "Acteurs", "resource": "Ressources", "practice": "Bonnes pratiques", "event": "Événements"}
CARD_TERRITORIES = 3  # territories named on a result card; the record page lists them all
SUMMARY = 160  # characters of the record's summary on a result card
# Facets whose values are found by typing: the territories (communes, districts … a few hundred in a large
# network), and any facet with more values than two screens of a phone show.
FINDERS = {"territoire": "Trouver un territoire"}
FINDABLE = 30


# --- what a record page tells Pagefind --------------------------------------------------------------


def filters_of(index: SiteIndex, entry: Entry) -> dict[str, list[str]]:
    """The record's kind and its terms (ancestors included) per filter."""
    found = {KIND_FILTER: [entry.kind.schema]}
    for taxonomy, name in TAXONOMY_FILTERS.items():
        found[name] = index.with_ancestors(taxonomy, index.terms_of(entry.record, taxonomy))
    return found


def card_of(index: SiteIndex, entry: Entry) -> dict[str, str]:
    """What a result shows: title, kind and type, territories, summary, check date (and start, for events)."""
    kind = capitalize(entry.kind.singular)
    territories = [index.label("territoires", t) for t in getattr(entry.record, "territoires", None) or []]
    if len(territories) > CARD_TERRITORIES:
        territories = [*territories[:CARD_TERRITORIES], "…"]
    card = {
        "title": entry.title,
        "kind": kind if entry.type_label == kind else f"{kind} · {entry.type_label}",
        "territoire": ", ".join(territories),
        "resume": shorten(entry.summary, SUMMARY),
        "date": entry.record.date_maj.isoformat(),
    }
    start = getattr(entry.record, "debut", None)
    if start is not None:
        card["debut"] = start.isoformat()
    return {name: value for name, value in card.items() if value}


def search_data(index: SiteIndex, entry: Entry) -> dict[str, dict[str, list[str]] | dict[str, str]]:
    return {"filters": filters_of(index, entry), "meta": card_of(index, entry)}


# --- the search page --------------------------------------------------------------------------------


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
    """The facet panel: kinds, then each taxonomy as a tree (children under their parent)."""
    kinds = tuple(Choice(kind.schema, KIND_LABELS[kind.name], len(index.by_kind[kind.name])) for kind in KINDS)
    found = [Facet(KIND_FILTER, LEGENDS[KIND_FILTER], kinds)]
    for taxonomy, name in TAXONOMY_FILTERS.items():
        tree = index.catalog.taxonomies.get(taxonomy)
        if tree is not None:
            found.append(Facet(name, LEGENDS[name], _tree_choices(index, tree)))
    return found


def search_page(renderer: Renderer, every: str) -> Page:
    """The search page; `every` is the word every indexed record holds (see generator/search/pagefind.py). Its
    script drops the stop words from a query as the index drops them from the records (generator/reading/words.py)."""
    return Page(path=SEARCH_PATH, title="Rechercher", render=lambda: search_body(renderer, every), kind="search",
                description="Rechercher un acteur, une ressource, une bonne pratique ou un événement du réseau.")


def search_body(renderer: Renderer, every: str) -> Body:
    from generator.site.renderer import Crumb  # the renderer imports this module for record pages

    index = renderer.index
    counts = [(kind, len(index.by_kind[kind.name])) for kind in KINDS]
    return renderer.render_template(
        "search.html", SEARCH_PATH, crumbs=[Crumb("Accueil", ""), Crumb("Rechercher", None)],
        facets=facets(index), counts=counts, total=sum(count for _, count in counts), every=every,
        stop_words=" ".join(sorted(BARE_STOP_WORDS)),
    )

