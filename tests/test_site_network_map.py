"""The map of the network (/reseau/): its picture parsed as SVG, whose lines are exactly the memberships and
partnerships of the records, each actor a link to its page; the table twin listing the same links; the small
picture of each network's page; the filters in Chromium; axe-core on the pages as they are used."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest
from conftest import NETWORK, BuiltSite, Html
from test_site_a11y import AXE, WCAG
from tiny_network import actor, write_network

from generator import build
from generator.build import read
from generator.contract.kinds import ACTOR
from generator.contract.model import Actor
from generator.reading.catalog import Catalog
from generator.settings import Settings
from generator.site.index import SiteIndex
from generator.site.network_graph import NetworkGraph

SVG = "{http://www.w3.org/2000/svg}"
Edge = tuple[str, str, str]  # (relation, from, to)


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return read(Settings(data_dir=NETWORK / "data")).catalog


def actors(catalog: Catalog) -> dict[str, Actor]:
    return {a.id: a for a in catalog.of(ACTOR) if isinstance(a, Actor)}


def expected_edges(catalog: Catalog, within: set[str] | None = None) -> set[Edge]:
    """Memberships as the records write them; partnerships once per pair, whichever side names the other."""
    found: set[Edge] = set()
    for member in actors(catalog).values():
        found |= {("membre", member.id, network) for network in member.reseaux}
    pairs = {frozenset((a.id, p)) for a in actors(catalog).values() for p in a.partenaires}
    found |= {("partenaire", *sorted(pair)) for pair in pairs}
    if within is not None:
        found = {e for e in found if e[1] in within and e[2] in within}
    return found


def undirected(edges: set[Edge]) -> set[Edge]:
    return {(r, a, b) if r == "membre" else (r, *sorted((a, b))) for r, a, b in edges}


def svgs(html: str) -> list[ET.Element]:
    """Every picture of the page, parsed as XML (an SVG that is not well-formed fails here)."""
    found, start = [], 0
    while (start := html.find('<svg class="mj-reseau__svg"', start)) != -1:
        end = html.index("</svg>", start) + len("</svg>")
        found.append(ET.fromstring(html[start:end]))
        start = end
    return found


def edges_of(svg: ET.Element) -> set[Edge]:
    lines = svg.iter(f"{SVG}line")
    return undirected({(line.get("data-relation", ""), line.get("data-de", ""), line.get("data-vers", ""))
                       for line in lines})


def nodes_of(svg: ET.Element) -> dict[str, ET.Element]:
    return {a.get("data-id", ""): a for a in svg.iter(f"{SVG}a")}


def test_the_picture_draws_every_link_of_the_records(sample_site: BuiltSite, catalog: Catalog) -> None:
    html = sample_site.page("reseau")
    (svg,) = svgs(html)
    edges = edges_of(svg)
    assert edges == undirected(expected_edges(catalog))
    assert len(edges) == len(list(svg.iter(f"{SVG}line")))  # each partnership drawn once
    linked = {end for _, a, b in edges for end in (a, b)}
    nodes = nodes_of(svg)
    assert set(nodes) == linked
    width, height = (float(v) for v in svg.get("viewBox", "").split()[2:])
    by_id = actors(catalog)
    for actor_id, node in nodes.items():
        assert node.get("href") == f"../acteurs/{actor_id}/"
        assert (sample_site.site / "acteurs" / actor_id / "index.html").is_file()
        name = node.get("aria-label", "")
        label = "".join(node.itertext()).strip()
        assert by_id[actor_id].nom in name and name.startswith(label)  # the whole name, after the words shown
        shape = node.find(f"{SVG}circle") if node.find(f"{SVG}circle") is not None else node.find(f"{SVG}rect")
        assert shape is not None
        x = float(shape.get("cx") or float(shape.get("x", "0")) + 8)
        y = float(shape.get("cy") or float(shape.get("y", "0")) + 8)
        assert 0 < x < width and 0 < y < height
    # A network (square) is an actor someone names in « reseaux », or of type « reseau ».
    networks = {e[2] for e in edges if e[0] == "membre"} | {a.id for a in by_id.values() if a.type == "reseau"}
    assert {i for i, n in nodes.items() if n.find(f"{SVG}rect") is not None} == networks & set(nodes)
    alone = len(by_id) - len(nodes)
    text = Html(html).text
    assert f"{len(nodes)} acteurs reliés" in text
    if alone:
        assert "aucun lien renseigné" in text


def test_the_table_lists_the_same_links(sample_site: BuiltSite, catalog: Catalog) -> None:
    html = sample_site.page("reseau")
    (svg,) = svgs(html)
    page = Html(html)
    rows = {(attrs["data-relation"], attrs["data-de"], attrs["data-vers"])
            for tag, attrs in page.elements if tag == "tr" and "data-relation" in attrs}
    assert undirected(rows) == edges_of(svg)
    assert "Adhésions et partenariats entre les acteurs" in page.text  # the table's caption
    names = actors(catalog)
    member, network = next((a, a.reseaux[0]) for a in names.values() if a.reseaux)
    assert f"{member.nom} membre de {names[network].nom}" in page.text


def test_each_network_page_has_its_small_picture(sample_site: BuiltSite, catalog: Catalog) -> None:
    by_id = actors(catalog)
    networks = {n for a in by_id.values() for n in a.reseaux}
    assert networks, "the test network has networks"
    for actor_id in by_id:
        html = sample_site.page(f"acteurs/{actor_id}")
        pictures = svgs(html)
        if actor_id not in networks:
            assert pictures == []
            continue
        (svg,) = pictures
        members = {a.id for a in by_id.values() if actor_id in a.reseaux}
        assert set(nodes_of(svg)) == members | {actor_id}
        assert edges_of(svg) == undirected(expected_edges(catalog, within=members | {actor_id}))
        assert "../../reseau/" in Html(html).links


def test_names_are_escaped_in_the_picture(hostile_site: BuiltSite) -> None:
    html = hostile_site.page("reseau")
    assert "<script>alert('nom')</script>" not in html
    (svg,) = svgs(html)  # still well-formed XML
    hostile = nodes_of(svg)["collectif-piege"]
    assert "<script>" in hostile.get("aria-label", "")  # the text itself, escaped in the markup


def test_the_layout_is_the_same_in_every_build(catalog: Catalog) -> None:
    """Same data, same positions (networkx's layout with a fixed seed); the whole site's bytes are compared
    across processes and hash seeds by tests/test_build_determinism.py."""
    settings = Settings(data_dir=NETWORK / "data")
    first = NetworkGraph(SiteIndex(catalog, settings)).whole
    again = NetworkGraph(SiteIndex(read(settings).catalog, settings)).whole
    assert [(n.id, n.x, n.y) for n in first.nodes] == [(n.id, n.x, n.y) for n in again.nodes]
    assert len({(n.x, n.y) for n in first.nodes}) == len(first.nodes)  # no two actors on the same spot


# --- in the browser ---------------------------------------------------------------------------------------


def open_page(browser: Any, url: str, width: int = 1280) -> Any:
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(url)
    assert errors == []
    return page


def visible_ids(page: Any) -> dict[str, set[str]]:
    return page.evaluate("""() => ({
        strong: [...document.querySelectorAll('.mj-reseau .mj-noeud:not(.mj-cache):not(.mj-pale)')]
            .map(n => n.dataset.id),
        pale: [...document.querySelectorAll('.mj-reseau .mj-noeud.mj-pale')].map(n => n.dataset.id),
        rows: [...document.querySelectorAll('#mj-reseau-tableau tbody tr')].filter(r => !r.hidden)
            .map(r => r.dataset.relation + ' ' + r.dataset.de + ' ' + r.dataset.vers),
    })""")


@pytest.mark.browser
def test_filters_keep_the_actors_of_a_territory_and_their_links(browser: Any, served_site: str,
                                                                 catalog: Catalog) -> None:
    page = open_page(browser, served_site + "reseau/")
    assert page.locator("#mj-reseau-filtres").is_visible()
    tree = catalog.taxonomies["territoires"]
    by_id = actors(catalog)
    edges = expected_edges(catalog)
    drawn = {end for _, a, b in edges for end in (a, b)}
    for territory in ("nord", "lille", "hainaut"):
        page.select_option("#mj-reseau-territoire", territory)
        inside = {i for i in drawn if territory in {t for term in by_id[i].territoires for t in tree.lineage(term)}}
        kept = {e for e in edges if e[1] in inside or e[2] in inside}
        found = visible_ids(page)
        assert set(found["strong"]) == inside
        assert set(found["pale"]) == {end for _, a, b in kept for end in (a, b)} - inside
        assert undirected({tuple(r.split()) for r in found["rows"]}) == undirected(kept)  # type: ignore[misc]
        assert page.locator("#mj-reseau-resultat").inner_text().startswith(f"{len(inside)} acteur")
    page.locator(".mj-filtres__effacer").click()
    page.wait_for_function("document.querySelectorAll('.mj-reseau .mj-noeud.mj-cache').length === 0")
    page.context.close()


def _violations(page: Any) -> list[str]:
    page.evaluate(AXE.read_text(encoding="utf-8"))
    result = page.evaluate("(tags) => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG)
    return [f"{v['id']}: {v['help']} — {[n['target'] for n in v['nodes']]}" for v in result["violations"]]


@pytest.mark.browser
@pytest.mark.parametrize("width", [1280, 320], ids=["ordinateur", "320 px"])
@pytest.mark.parametrize("path", ["reseau/", "acteurs/reseau-sante-sexuelle-hainaut-nord/"])
def test_no_wcag_violation_and_no_sideways_scroll(browser: Any, served_site: str, path: str, width: int) -> None:
    page = open_page(browser, served_site + path, width=width)
    if path == "reseau/":
        page.select_option("#mj-reseau-thematique", "sante-sexuelle")  # dimmed actors shown too
    assert _violations(page) == []
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    page.context.close()


@pytest.mark.browser
def test_every_actor_of_the_picture_is_reached_by_the_keyboard(browser: Any, served_site: str) -> None:
    page = open_page(browser, served_site + "reseau/")
    first = page.locator(".mj-reseau__svg .mj-noeud").first
    first.focus()
    assert page.evaluate("document.activeElement.getAttribute('data-id')") == first.get_attribute("data-id")
    page.keyboard.press("Tab")
    second = page.evaluate("document.activeElement.getAttribute('data-id')")
    assert second == page.locator(".mj-reseau__svg .mj-noeud").nth(1).get_attribute("data-id")
    page.context.close()


def test_no_picture_when_no_actor_names_another(tmp_path: Path) -> None:
    project = write_network(tmp_path, {"actors/seul.yml": actor("Seul"), "actors/autre.yml": actor("Autre")})
    site = build.prepare(Settings(data_dir=project / "data"))
    (page,) = [p for p in build.pages(site) if p.path == "reseau/"]
    html = page.render().html
    assert "<svg" not in html
    assert "Aucun lien entre acteurs" in html


def test_a_network_too_large_to_draw_shows_its_largest_networks(monkeypatch: pytest.MonkeyPatch,
                                                                 catalog: Catalog) -> None:
    from generator.site import network_graph

    monkeypatch.setattr(network_graph, "WHOLE_LIMIT", 3)
    monkeypatch.setattr(network_graph, "SMALL_LIMIT", 6)
    settings = Settings(data_dir=NETWORK / "data")
    graph = NetworkGraph(SiteIndex(catalog, settings))
    members: dict[str, int] = {}
    for member in actors(catalog).values():
        for network in member.reseaux:
            members[network] = members.get(network, 0) + 1
    largest = sorted(members, key=lambda n: (-members[n], n))[:3]
    drawing = graph.whole
    assert drawing.networks_only and {n.id for n in drawing.nodes} == set(largest)
    assert {link.ids[1:] for link in drawing.links} <= {(a, b) for a in largest for b in largest}
    for network, count in members.items():
        assert (graph.around(network) is None) == (count > 6)
    site = build.prepare(settings)
    (page,) = [p for p in build.pages(site) if p.path == "reseau/"]
    text = Html(page.render().html).text
    assert "la carte montre les 3 réseaux qui ont le plus de membres" in text
    assert f"{len({i for e in expected_edges(catalog) for i in e[1:]})} acteurs reliés" in text
