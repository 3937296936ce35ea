"""The map of the network (/reseau/): who is a member of which network and who works with whom, as a picture
laid out at build time (generator/site/network_graph.py) and as a table listing the same links. Its script
(assets/maillage/reseau.js) filters both by territory and thématique; without it, everything is shown."""

from __future__ import annotations

from generator.contract.kinds import ACTOR
from generator.site.french import sort_key
from generator.site.network_graph import MEMBER, PAGE_PATH, PARTNER, Node
from generator.site.page import Body, Page
from generator.site.renderer import Crumb, Renderer
from generator.site.urls import list_path

PATH = PAGE_PATH
TITLE = "Carte du réseau"
INTRO = ("Qui est membre de quel réseau, et qui travaille avec qui. Chaque acteur mène à sa fiche ; le tableau "
         "après la carte donne les mêmes liens.")
FILTERED = ("territoires", "thematiques")


def page(renderer: Renderer) -> Page:
    shows = frozenset(entry.key for entry in renderer.index.by_kind[ACTOR.name])
    return Page(path=PATH, title=TITLE, render=lambda: body(renderer), description=INTRO, kind="reseau", shows=shows)


def filters(renderer: Renderer, nodes: tuple[Node, ...]) -> dict[str, list[tuple[str, str, int, int]]]:
    """Options of the filter form: (term, label, depth, actors) for the terms some drawn actor has, parents
    before their children (a term counts the actors of the terms below it)."""
    found: dict[str, list[tuple[str, str, int, int]]] = {}
    for taxonomy in FILTERED:
        counts: dict[str, int] = {}
        for node in nodes:
            for term in getattr(node, taxonomy):
                counts[term] = counts.get(term, 0) + 1
        tree = renderer.catalog.taxonomies.get(taxonomy)
        walked = tree.walk() if tree is not None else ()
        found[taxonomy] = [(t.id, t.label, depth, counts[t.id]) for t, depth in walked if t.id in counts]
    return found


def body(renderer: Renderer) -> Body:
    graph = renderer.network
    drawing = graph.whole
    relations = [link.relation for link in graph.links]
    networks = sorted(((node.entry, len(graph.members_of(node.id))) for node in drawing.nodes if node.network),
                      key=lambda pair: (-pair[1], sort_key(pair[0].title)))
    return renderer.render_template(
        "reseau.html", PATH, title=TITLE, intro=INTRO,
        crumbs=[Crumb("Accueil", ""), Crumb("Carte du réseau", None)],
        drawing=drawing, filters=filters(renderer, drawing.nodes),
        members=relations.count(MEMBER), partners=relations.count(PARTNER),
        linked=graph.linked, alone=len(renderer.index.by_kind[ACTOR.name]) - graph.linked,
        networks=networks, actors_path=list_path(ACTOR),
    )
