"""Printable guides (/guides/): for each territory and each thématique, the actors who act there, with their
services, places and hours, and how to reach them, laid out to be printed on A4 or saved as PDF by the browser
(guide.css: one card never cut across two sheets).

A territory's guide holds the actors of the territories it contains, a thématique's those of its
sub-thématiques. A guide is cut into parts of GUIDE_PART actors (/guides/territoires/nord/page/2/ …), each
printable on its own, so that no page grows with the directory.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial

from generator.contract.kinds import ACTOR
from generator.contract.nouns import capitalize
from generator.contract.taxonomies import TAXONOMIES
from generator.site.index import Listed
from generator.site.page import Body, Page
from generator.site.renderer import Crumb, Pager, Renderer

PATH = "guides/"
TITLE = "Guides à imprimer"
INTRO = ("Pour chaque territoire et chaque thématique, un guide des acteurs, de leurs services, de leurs horaires "
         "et de leurs coordonnées, à imprimer (format A4) ou à enregistrer en PDF pour le remettre aux personnes "
         "accueillies et aux partenaires.")
GUIDED = ("territoires", "thematiques")  # the taxonomies a guide is made for, in the order /guides/ lists them
GUIDE_PART = 40  # actors per part of a guide: about 100 KB of HTML, some fifteen A4 sheets


def guide_path(taxonomy: str, term_id: str) -> str:
    return f"{PATH}{taxonomy}/{term_id}/"


class GuidePages:
    def __init__(self, renderer: Renderer) -> None:
        self.renderer = renderer
        self.index = renderer.index

    def actors(self, taxonomy: str, term_id: str) -> list[Listed]:
        return [e for e in self.index.tagged(taxonomy, term_id) if e.kind is ACTOR]

    def pages(self) -> Iterator[Page]:
        every_actor = frozenset(entry.key for entry in self.index.by_kind[ACTOR.name])
        yield Page(path=PATH, title=TITLE, render=self.index_body, description=INTRO, kind="guides",
                   shows=every_actor)
        for taxonomy in GUIDED:
            tree = self.renderer.catalog.taxonomies.get(taxonomy)
            for term in tree.terms.values() if tree else ():
                actors = self.actors(taxonomy, term.id)
                parts = [actors[i : i + GUIDE_PART] for i in range(0, len(actors), GUIDE_PART)]
                shows = frozenset(entry.key for entry in actors)
                for number, part in enumerate(parts, start=1):
                    title = f"Guide des acteurs : {term.label}" + (f" (partie {number})" if number > 1 else "")
                    pager = Pager(guide_path(taxonomy, term.id), number, len(parts))
                    yield Page(
                        path=pager.path(number), title=title,
                        render=partial(self.guide_body, taxonomy, term.id, part, len(actors), pager),
                        description=f"Les acteurs du réseau ({TAXONOMIES[taxonomy].noun.singular} : {term.label}), "
                        "leurs "
                        "services, horaires et coordonnées, à imprimer.",
                        kind="guide", shows=shows,
                    )

    def index_body(self) -> Body:
        trees = []
        for taxonomy in GUIDED:
            singular = capitalize(TAXONOMIES[taxonomy].noun.singular)
            tree = self.renderer.catalog.taxonomies.get(taxonomy)
            if tree is None:
                continue
            terms = [(term, depth, len(self.actors(taxonomy, term.id))) for term, depth in tree.walk()]
            trees.append((taxonomy, singular, [t for t in terms if t[2]]))
        return self.renderer.render_template(
            "guides.html", PATH, title=TITLE, intro=INTRO, crumbs=[Crumb("Accueil", ""), Crumb("Guides", None)],
            trees=trees, guide_path=guide_path,
        )

    def guide_body(self, taxonomy: str, term_id: str, actors: list[Listed], total: int, pager: Pager) -> Body:
        tree = self.renderer.catalog.taxonomies[taxonomy]
        path = pager.path(pager.number)
        children = [(c, len(self.actors(taxonomy, c))) for c in tree.children.get(term_id, [])]
        return self.renderer.render_template(
            "guide.html", path, title=f"Guide des acteurs : {tree.label(term_id)}", taxonomy=taxonomy,
            singular=capitalize(TAXONOMIES[taxonomy].noun.singular), term=tree.terms[term_id], actors=actors,
            total=total, pager=pager,
            address=self.renderer.settings.absolute,
            children=[(c, n) for c, n in children if n], guide_path=guide_path,
            crumbs=[Crumb("Accueil", ""), Crumb("Guides", PATH), Crumb(tree.label(term_id), None)],
            newest_of_all=max(e.record.date_maj for e in self.actors(taxonomy, term_id)),
        )
