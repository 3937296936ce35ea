"""The home block: the counts of each kind, entry points per browsed taxonomy, the latest updates, the next
events (appended to the hand-written home page when there is one)."""

from __future__ import annotations

from generator.contract.kinds import KINDS
from generator.contract.taxonomies import TAXONOMIES
from generator.site.french import sort_key
from generator.site.page import Body, Page
from generator.site.renderer import Renderer
from generator.site.urls import list_path, record_path, taxonomy_path, term_path

HOME_TERMS = 8  # entry points per taxonomy on the home page, the most used first


def page(renderer: Renderer) -> Page:
    return Page(
        path="",
        title="Accueil",
        render=lambda: body(renderer),
        kind="home",
        extends_docs=True,
        description=f"{renderer.settings.site_name} : qui fait quoi, où et pour qui.",
    )


def body(renderer: Renderer) -> Body:
    index, taxonomies = renderer.index, renderer.catalog.taxonomies
    counts = [(kind, len(index.by_kind[kind.name]), list_path(kind)) for kind in KINDS]
    browsed = TAXONOMIES.browsed()
    roots = {}
    for taxonomy in browsed:
        if taxonomy.name in taxonomies:
            tree = taxonomies[taxonomy.name]
            counted = [(t, len(index.tagged(taxonomy.name, t.id))) for t in tree.roots()]
            roots[taxonomy.name] = sorted(counted, key=lambda pair: (-pair[1], sort_key(pair[0].label)))[:HOME_TERMS]
    return renderer.render_template(
        "home.html",
        "",
        counts=counts,
        roots=roots,
        browsed={taxonomy.name: taxonomy.title for taxonomy in browsed},
        sizes={t: len(taxonomies[t].terms) for t in roots},
        every={taxonomy.name: taxonomy.every for taxonomy in browsed},
        latest=index.latest(renderer.settings.latest),
        upcoming=index.upcoming(renderer.settings.upcoming),
        term_path=term_path,
        taxonomy_path=taxonomy_path,
        record_path=record_path,
    )
