"""The map (/carte/): every place of every actor in a plain HTML list grouped by commune, places without
coordinates included; the located ones as markers or clusters of a Leaflet map that works without tiles;
filters acting on markers and list alike; the small map of actor pages; map scripts only where a map is."""

from __future__ import annotations

import hashlib
import json
import re
import shutil
from dataclasses import dataclass
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from conftest import NETWORK, ROOT, BuiltSite, Html, copy_project
from test_site_a11y import AXE, WCAG

from generator import build
from generator.build import read
from generator.contract.kinds import ACTOR
from generator.contract.model import Actor, Lieu
from generator.engines import mkdocs_run
from generator.reading.catalog import Catalog
from generator.settings import Settings
from generator.site.french import PAYS, sort_key
from generator.site.places import chunk_places

PLACES = ".mj-lieu:not(.mj-lieu--evenement)"  # the actors' places; events to come follow them (test_site_hours.py)
MAX_PAGE = 150_000  # bytes: no HTML page of the site may weigh more
LOCAL = re.compile(r"^https?://(?!127\.0\.0\.1[:/])")  # anything not served by the test server: tiles …


@dataclass(frozen=True)
class Spot:
    """A place as the data holds it, for the expectations."""

    actor: Actor
    number: int
    lieu: Lieu

    @property
    def anchor(self) -> str:
        return f"lieu-{self.actor.id}-{self.number}"

    @property
    def located(self) -> bool:
        return self.lieu.latitude is not None and self.lieu.longitude is not None

    @property
    def commune(self) -> str:
        if not self.lieu.commune:
            return "Commune non précisée"
        return self.lieu.commune if self.lieu.pays == "FR" else f"{self.lieu.commune} ({PAYS[self.lieu.pays]})"


@pytest.fixture(scope="module")
def catalog(sample_site: BuiltSite) -> Catalog:
    return read(Settings(data_dir=sample_site.project / "data")).catalog


def spots(catalog: Catalog) -> list[Spot]:
    actors = [a for a in catalog.of(ACTOR) if isinstance(a, Actor)]
    return [Spot(actor, number, lieu) for actor in actors for number, lieu in enumerate(actor.lieux, start=1)]


def thematiques_of(catalog: Catalog, actor: Actor) -> set[str]:
    """The actor's thematiques and their ancestors: a filter on a parent term finds its children's places."""
    tree = catalog.taxonomies["thematiques"]
    return {ancestor for term in actor.thematiques for ancestor in tree.lineage(term)}


def _list_sequence(html: str) -> list[tuple[str, str]]:
    """The list as read from top to bottom: ("commune", heading) and ("lieu", id) in page order."""
    pattern = re.compile(r'<h3 class="mj-lieux__commune">(.*?)</h3>|<li class="mj-lieu(?! mj-lieu--evenement)[^"]*" '
                         r'id="([^"]+)"', re.S)
    return [("commune", Html(m.group(1)).text) if m.group(1) is not None else ("lieu", m.group(2))
            for m in pattern.finditer(html)]


def _item(html: str, anchor: str) -> str:
    start = html.index(f'id="{anchor}"')
    return html[start : html.index("</li>", start)]


# --- the HTML, without a browser ---------------------------------------------------------------------------


def test_the_list_holds_every_place_grouped_by_commune(sample_site: BuiltSite, catalog: Catalog) -> None:
    html = sample_site.page("carte")
    every = spots(catalog)
    assert any(not s.located for s in every)  # the sample has places without coordinates
    sequence = _list_sequence(html)
    assert sorted(v for k, v in sequence if k == "lieu") == sorted(s.anchor for s in every)
    heading = ""
    for kind, value in sequence:
        if kind == "commune":
            heading = value
            continue
        spot = next(s for s in every if s.anchor == value)
        assert heading == spot.commune, value
        item = _item(html, spot.anchor)
        assert f'href="../acteurs/{spot.actor.id}/"' in item
        assert spot.actor.nom in Html(item).text
        if spot.located:
            assert 'data-carte="oui"' in item
        else:
            assert "Position non renseignée : ce lieu n'apparaît pas sur la carte." in Html(item).text
    communes = [v for k, v in sequence if k == "commune"]
    assert communes == sorted(communes, key=lambda c: (c == "Commune non précisée", sort_key(c)))
    assert len(communes) == len(set(communes))
    without = [a for a in catalog.of(ACTOR) if not a.lieux]  # type: ignore[attr-defined]
    assert f"{len(without)} autre acteur" in Html(html).text  # actors without any place are pointed to, not hidden


def test_the_map_data_is_a_separate_versioned_file(sample_site: BuiltSite, catalog: Catalog) -> None:
    html = sample_site.page("carte")
    [(_, container)] = [(t, a) for t, a in Html(html).elements if a.get("id") == "mj-carte"]
    assert container["role"] == "region" and container["aria-label"].startswith("Carte des lieux d'accueil")
    address, _, version = container["data-lieux"].partition("?v=")
    assert address == "../carte/lieux.json"
    content = (sample_site.site / "carte/lieux.json").read_bytes()
    assert version == hashlib.sha256(content).hexdigest()[:12]  # a new file, a new address: caches stay right
    assert '"lat"' not in html and len(html) < MAX_PAGE  # the places are not inlined

    data = json.loads(content)
    located = {s.anchor: s for s in spots(catalog) if s.located}
    assert [p["id"] for p in data["lieux"]] and {p["id"] for p in data["lieux"]} == set(located)
    for place in data["lieux"]:
        spot = located[place["id"]]
        assert (place["lat"], place["lon"]) == (round(spot.lieu.latitude, 6), round(spot.lieu.longitude, 6))
        assert place["url"] == f"acteurs/{spot.actor.id}/" and place["nom"] == spot.actor.nom
        assert set(place["thematiques"]) == thematiques_of(catalog, spot.actor)
        assert place["type"] == spot.actor.type and data["types"][spot.actor.type]


def test_the_filters_are_a_labelled_form(sample_site: BuiltSite, catalog: Catalog) -> None:
    page = Html(sample_site.page("carte"))
    [form] = [a for t, a in page.elements if t == "form" and a.get("id") == "mj-filtres"]
    assert form["aria-labelledby"] in page.ids
    assert "hidden" in form  # shown by the script, which makes it work
    labels = {a["for"] for t, a in page.elements if t == "label"}
    selects = {a["id"] for t, a in page.elements if t == "select"}
    assert selects == {"mj-filtre-thematique", "mj-filtre-type", "mj-filtre-jour"} and selects <= labels
    values = {a["value"] for t, a in page.elements if t == "option"}
    placed = [s.actor for s in spots(catalog)]
    days = {"lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"}
    assert set().union(*(thematiques_of(catalog, a) for a in placed)) | {a.type for a in placed} | {""} | days | {
        "evenement"} == values


def test_map_scripts_load_only_on_pages_with_a_map(sample_site: BuiltSite, catalog: Catalog) -> None:
    def scripts(path: str) -> list[str]:
        return [a["src"] for t, a in Html(sample_site.page(path)).elements if t == "script" and "src" in a]

    on_map = scripts("carte")
    assert any(s.endswith("vendor/leaflet/leaflet.js") for s in on_map)
    assert any(s.endswith("vendor/leaflet.markercluster/leaflet.markercluster.js") for s in on_map)
    assert any(s.endswith("maillage/carte.js") for s in on_map)
    assert all(not s.startswith(("http:", "https:", "//")) for s in on_map)  # no CDN
    for actor in catalog.of(ACTOR):
        assert isinstance(actor, Actor)
        located = any(lieu.latitude is not None for lieu in actor.lieux)
        loaded = scripts(f"acteurs/{actor.id}")
        assert any("leaflet.js" in s for s in loaded) == located, actor.id
        assert not any("markercluster" in s for s in loaded)
    for path in ("", "acteurs", "agenda", "donnees", "ressources/brochure-prep-mode-emploi", "contribuer"):
        assert not any("leaflet" in s or "carte.js" in s for s in scripts(path)), path
    for shipped in (
        "leaflet/leaflet.js", "leaflet/leaflet.css", "leaflet/LICENSE", "leaflet/images/marker-icon.png",
        "leaflet.markercluster/leaflet.markercluster.js", "leaflet.markercluster/MarkerCluster.css",
        "leaflet.markercluster/LICENSE",
    ):
        assert (ROOT / "generator/site/theme/assets/vendor" / shipped).is_file(), shipped  # in the package
        assert (sample_site.site / "assets/vendor" / shipped).is_file(), shipped  # and in the site


def test_tiles_and_their_credit_come_from_mkdocs_yml(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    config_file = project / "mkdocs.yml"
    text = config_file.read_text(encoding="utf-8")
    text = re.sub(r"carte_tuiles: .*", "carte_tuiles: https://tuiles.example.org/{z}/{x}/{y}.png", text)
    text = re.sub(r"carte_attribution: .*", 'carte_attribution: "© Tuiles & Cie <b>"', text)
    config_file.write_text(text, encoding="utf-8")
    config, plugin = mkdocs_run.load(config_file)
    settings = plugin.settings(config)
    assert (settings.map_tiles, settings.map_attribution) == ("https://tuiles.example.org/{z}/{x}/{y}.png",
                                                               "© Tuiles & Cie <b>")
    pages = {page.path: page for page in build.pages(build.prepare(settings))}
    for path in ("carte/", "acteurs/pse-mons/"):
        html = pages[path].render().html
        assert 'data-tuiles="https://tuiles.example.org/{z}/{x}/{y}.png"' in html, path
        assert 'data-attribution="© Tuiles &amp; Cie &lt;b&gt;"' in html, path


def test_list_pages_keep_communes_together() -> None:
    def places(*communes: str) -> list[Any]:
        return [SimpleNamespace(commune=c) for c in communes]

    def shape(pages: list[Any]) -> list[list[tuple[str, int, bool]]]:
        return [[(g.commune, len(g.places), g.continued) for g in page] for page in pages]

    assert shape(chunk_places(places("A", "A", "B", "B", "B", "C"), 4)) == [
        [("A", 2, False)], [("B", 3, False), ("C", 1, False)]]  # B starts a new page rather than being cut
    assert shape(chunk_places(places("A", "B", "B", "B", "B", "B"), 4)) == [
        [("A", 1, False), ("B", 3, False)], [("B", 2, True)]]  # a commune larger than a page goes on
    assert shape(chunk_places([], 4)) == [[]]


@pytest.mark.slow
def test_map_pages_stay_small_however_many_places(tmp_path: Path, sample_site: BuiltSite) -> None:
    data = tmp_path / "data"
    shutil.copytree(NETWORK / "data", data)
    source = (data / "actors/tournai-prevention.yml").read_text(encoding="utf-8")
    for number in range(400):
        text = source.replace("nom: ", f"nom: Structure d'essai {number} — ", 1)
        (data / "actors" / f"structure-essai-{number}.yml").write_text(text, encoding="utf-8")
    site = build.prepare(Settings(data_dir=data, site_url="https://maillage.example.org/"))
    pages = {page.path: page.render().html for page in build.pages(site) if page.path.startswith("carte/")}
    assert len(pages) >= 3 and "carte/page/2/" in pages
    sample_body = build.prepare(Settings(data_dir=NETWORK / "data", site_url="https://maillage.example.org/"))
    body = next(p for p in build.pages(sample_body) if p.path == "carte/").render().html
    frame = len(sample_site.page("carte").encode()) - len(body.encode())  # what the theme adds around a body
    listed: list[str] = []
    for path, html in pages.items():
        assert frame + len(html.encode()) < MAX_PAGE, path
        listed += [v for k, v in _list_sequence(html) if k == "lieu"]
        assert "../carte/lieux.json?v=" in html or "../../../carte/lieux.json?v=" in html
    assert len(listed) == len(set(listed)) == len(spots(site.catalog))
    assert "(suite)" in Html(pages["carte/page/2/"]).text  # Tournai, with its 401 places, runs over pages


# --- in a browser ------------------------------------------------------------------------------------------




def open_page(browser: Any, url: str, width: int = 1280, javascript: bool = True) -> Any:
    """A page offline but for the test server (tiles fail at once), without animations."""
    context = browser.new_context(viewport={"width": width, "height": 900}, reduced_motion="reduce",
                                  java_script_enabled=javascript)
    context.route(LOCAL, lambda route: route.abort())
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(url)
    if javascript and page.locator(".mj-carte, .mj-minicarte").count():
        page.wait_for_selector("[data-pret]", state="attached")
    assert errors == []
    return page


def markers(page: Any, container: str = "#mj-carte") -> dict[str, Any]:
    """Single markers and clusters (with their counts) on the map."""
    return page.evaluate(
        """(container) => ({
            singles: [...document.querySelectorAll(
                container + ' .leaflet-marker-icon:not(.mj-cluster):not(.mj-marqueur-evenement)')]
                .map(m => m.getAttribute('alt')),
            clusters: [...document.querySelectorAll(container + ' .mj-cluster')]
                .map(c => ({count: Number(c.textContent), label: c.getAttribute('aria-label'),
                            role: c.getAttribute('role')})),
        })""",
        container,
    )


def shown(found: dict[str, Any]) -> int:
    return len(found["singles"]) + sum(c["count"] for c in found["clusters"])



@pytest.mark.browser
def test_every_located_place_is_a_marker_or_in_a_cluster(browser: Any, served_site: str, catalog: Catalog) -> None:
    page = open_page(browser, served_site + "carte/")
    located = [s for s in spots(catalog) if s.located]
    found = markers(page)
    assert shown(found) == len(located)
    assert found["clusters"], "the sample's places are close enough to be clustered"
    assert all(c["label"] == f"{c['count']} lieux regroupés : zoomer pour les voir" and c["role"] == "button"
               for c in found["clusters"])
    assert page.locator(".leaflet-control-attribution").inner_text().endswith("© les contributeurs d'OpenStreetMap")
    # Each located place of the list leads to its marker, whose pop-up links to the record; closing it with
    # Escape brings the keyboard back to the list.
    for spot in located:
        button = page.locator(f"#{spot.anchor} .mj-lieu__voir")
        button.click()
        link = page.locator(".leaflet-popup-content .mj-popup__titre a")
        link.wait_for()
        assert link.get_attribute("href") == f"../acteurs/{spot.actor.id}/", spot.anchor
        assert link.inner_text() == spot.actor.nom
        assert page.evaluate("() => document.activeElement.closest('.leaflet-popup') !== null"), spot.anchor
        page.keyboard.press("Escape")
        page.locator(".leaflet-popup").wait_for(state="detached")
        assert page.evaluate("() => document.activeElement.classList.contains('mj-lieu__voir')")
    # Places without coordinates have no button: nothing to show on the map.
    for spot in spots(catalog):
        if not spot.located:
            assert page.locator(f"#{spot.anchor} .mj-lieu__voir").count() == 0
    page.context.close()


@pytest.mark.browser
def test_filters_act_on_markers_and_list(browser: Any, served_site: str, catalog: Catalog) -> None:
    page = open_page(browser, served_site + "carte/")
    every = spots(catalog)

    def visible_items() -> set[str]:
        return set(page.eval_on_selector_all(PLACES, "items => items.filter(i => !i.hidden).map(i => i.id)"))

    assert page.locator("#mj-filtres").is_visible()
    for term in ("sante-sexuelle", "sante-sexuelle--depistage"):
        page.select_option("#mj-filtre-thematique", term)
        expected = [s for s in every if term in thematiques_of(catalog, s.actor)]
        assert 0 < len(expected) < len(every)
        assert visible_items() == {s.anchor for s in expected}, term
        assert shown(markers(page)) == sum(s.located for s in expected), term
        located = sum(s.located for s in expected)
        assert page.locator("#mj-filtres-resultat").inner_text().startswith(f"{located} lieu"), term
    kind = "centre-sante-sexuelle"
    page.select_option("#mj-filtre-type", kind)
    both = [s for s in every
            if "sante-sexuelle--depistage" in thematiques_of(catalog, s.actor) and s.actor.type == kind]
    assert both and visible_items() == {s.anchor for s in both}
    assert shown(markers(page)) == sum(s.located for s in both)
    # Communes left without a place are hidden with their heading.
    hidden_headings = page.eval_on_selector_all(".mj-lieux__commune", "hs => hs.filter(h => h.hidden).length")
    assert hidden_headings > 0
    page.get_by_role("button", name="Tout afficher").click()
    page.locator(".mj-lieu[hidden]").first.wait_for(state="detached")  # not wait_for_function: the CSP forbids eval
    assert shown(markers(page)) == sum(s.located for s in every)
    page.context.close()


@pytest.mark.browser
def test_the_list_works_without_javascript(browser: Any, served_site: str, catalog: Catalog) -> None:
    page = open_page(browser, served_site + "carte/", width=390, javascript=False)
    assert page.locator(PLACES).count() == len(spots(catalog))
    assert page.locator(".mj-lieu").first.is_visible()
    assert not page.locator("#mj-carte").is_visible()  # no empty box where the map would be
    assert not page.locator("#mj-filtres").is_visible()  # no form that would do nothing
    page.context.close()


@pytest.mark.browser
def test_actor_pages_show_their_places_on_a_small_map(browser: Any, served_site: str, catalog: Catalog) -> None:
    for actor in catalog.of(ACTOR):
        assert isinstance(actor, Actor)
        located = [lieu for lieu in actor.lieux if lieu.latitude is not None]
        if len(located) < 2:
            continue
        page = open_page(browser, served_site + f"acteurs/{actor.id}/")
        container = page.locator(".mj-minicarte")
        assert container.get_attribute("role") == "region"
        assert container.get_attribute("aria-label") == f"Carte : les lieux d'accueil de {actor.nom}"
        assert sorted(markers(page, ".mj-minicarte")["singles"]) == sorted(lieu.nom or actor.nom for lieu in located)
        page.locator(".mj-minicarte .leaflet-marker-icon").first.click()
        assert page.locator(".mj-minicarte .leaflet-popup-content").is_visible()
        page.context.close()


@pytest.mark.browser
@pytest.mark.parametrize("width", [1280, 390], ids=["ordinateur", "téléphone"])
def test_the_map_in_use_has_no_wcag_violation(browser: Any, served_site: str, catalog: Catalog, width: int) -> None:
    page = open_page(browser, served_site + "carte/", width=width)
    page.select_option("#mj-filtre-thematique", "sante-sexuelle")
    first = next(s for s in spots(catalog) if s.located and "sante-sexuelle" in thematiques_of(catalog, s.actor))
    page.locator(f"#{first.anchor} .mj-lieu__voir").click()
    page.locator(".leaflet-popup-content a").wait_for()
    page.evaluate(AXE.read_text(encoding="utf-8"))  # not an inline script: the site's CSP blocks those
    result = page.evaluate("(tags) => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG)
    assert [f"{v['id']}: {v['help']} — {[n['target'] for n in v['nodes']]}" for v in result["violations"]] == []
    page.context.close()
