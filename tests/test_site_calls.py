"""Calls and offers between actors (/appels/): their pages, the list with its « Ouverts » and « Clos », the open
calls on the porteur's page and in the bulletin, the Atom feed of open calls, the search filter by type of call.

The test network is seen on 2026-11-23: two calls are open (deadlines 15 December 2026 and 31 January 2027), the
shared meeting room closed on 10 November. A build on another day (a frozen clock through the settings) and a
browser whose clock is moved forward both archive the call of 15 December."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from datetime import date, datetime
from pathlib import Path
from typing import Any

import feedparser
import pytest
from conftest import NETWORK, BuiltSite, Html

from generator import build
from generator.cli import main
from generator.contract.kinds import CALL
from generator.contract.model import Call
from generator.reading.catalog import Catalog
from generator.settings import Settings
from generator.site.page import ExtraFile

ATOM = "{http://www.w3.org/2005/Atom}"
SITE = "https://maillage.example.org/"
CALL_LINK = re.compile(r'<a class="mj-list__title" href="[./]*appels/([a-z0-9-]+)/"')
MEETING_ROOM = "salle-reunion-a-partager-maubeuge"  # closed on 10 November 2026
PARTNERS = "recherche-partenaires-permanence-exiles"  # open until 15 December 2026
REPRODUCE = "appel-reproduire-marche-echange-projets"  # open until 31 January 2027


@pytest.fixture(scope="module")
def catalog(sample_site: BuiltSite) -> Catalog:
    return build.read(Settings(data_dir=sample_site.project / "data")).catalog


def calls(catalog: Catalog) -> list[Call]:
    return [c for c in catalog.of(CALL) if isinstance(c, Call)]


def open_and_closed(catalog: Catalog, today: date) -> tuple[list[str], list[str]]:
    """(open, nearest deadline first, without a deadline last), (closed, the most recently closed first)."""
    found = calls(catalog)
    opened = sorted((c for c in found if c.date_limite is None or c.date_limite >= today),
                    key=lambda c: (c.date_limite or date.max, c.titre.casefold()))
    closed = sorted((c for c in found if c.date_limite is not None and c.date_limite < today),
                    key=lambda c: c.date_limite or date.max, reverse=True)
    return [c.id for c in opened], [c.id for c in closed]


def sections(html: str) -> tuple[list[str], list[str]]:
    """Call ids under « Ouverts » and under « Clos », in page order."""
    body = html.split('<div class="mj-page mj-listing">', 1)[1]
    opened, _, closed = body.partition('<h2 id="clos">')
    return CALL_LINK.findall(opened), CALL_LINK.findall(closed)


def jsonld(html: str) -> dict[str, Any]:
    found = Html(html).jsonld
    assert len(found) == 1
    data: dict[str, Any] = json.loads(found[0])
    return data


# --- as built on the test network's day ----------------------------------------------------------------------


def test_the_sample_network_has_open_and_closed_calls(catalog: Catalog) -> None:
    opened, closed = open_and_closed(catalog, date(2026, 11, 23))
    assert opened == [PARTNERS, REPRODUCE] and closed == [MEETING_ROOM]


def test_the_list_shows_open_calls_first_then_the_closed_ones(sample_site: BuiltSite, catalog: Catalog) -> None:
    html = sample_site.page("appels")
    assert sections(html) == open_and_closed(catalog, date(2026, 11, 23))
    page = Html(html)
    assert "<h1>Appels et offres</h1>" in html and "3 appels dans l'annuaire." in page.text
    assert html.index('<h2 id="ouverts">Ouverts</h2>') < html.index('<h2 id="clos">Clos</h2>')
    assert "Recherche de partenaires · jusqu'au 15 décembre 2026" in page.text
    assert "Locaux à partager · jusqu'au 10 novembre 2026 clos" in page.text  # the badge, closed at the build
    assert "../appels/appels.atom" in page.links
    assert "../assets/maillage/echeances.js" in [a["src"] for t, a in page.elements if t == "script" and "src" in a]
    items = {a.get("data-mj-limite") for t, a in page.elements if t == "li" and a.get("data-mj-montrer") == "ouvert"}
    assert items == {"2026-12-15", "2027-01-31"}  # the open ones leave « Ouverts » in the browser once closed
    assert "Appels et offres" in Html(sample_site.page("")).text  # in the menu


def test_a_call_page_says_what_who_until_when_and_how_to_answer(sample_site: BuiltSite) -> None:
    html = sample_site.page(f"appels/{REPRODUCE}")
    page = Html(html)
    assert '<article class="mj-record mj-record--call" data-pagefind-body>' in html
    assert "Appel · Appel à projets" in page.text
    assert "Date limite 31 janvier 2027" in page.text
    assert "Porteur Réseau santé sexuelle Hainaut–Nord" in page.text
    assert "Types d'acteurs Contrat local de santé (CLS), Atelier santé ville (ASV)" in page.text
    assert "Une coordination locale qui peut réunir une dizaine de structures." in page.text
    assert "coordination@reseau-hainaut-nord.example.org" in page.text
    for target in ("../../acteurs/reseau-sante-sexuelle-hainaut-nord/",
                   "../../pratiques/marche-echange-projets-transfrontalier/",
                   "../../ressources/guide-capitaliser-pratiques/", "../../territoires/sambre-avesnois/"):
        assert target in page.links
    notice = [a for t, a in page.elements if t == "p" and a.get("data-mj-montrer") == "clos"]
    assert len(notice) == 1 and "hidden" in notice[0]  # open: the notice waits for the deadline, in the browser
    data = jsonld(html)
    assert data["@type"] == "Offer" and data["category"] == "Appel à projets"
    assert data["validThrough"] == "2027-01-31" and data["url"] == f"{SITE}appels/{REPRODUCE}/"
    assert data["offeredBy"] == {"@type": "Organization", "name": "Réseau santé sexuelle Hainaut–Nord",
                                 "url": f"{SITE}acteurs/reseau-sante-sexuelle-hainaut-nord/"}
    assert data["areaServed"] == [{"@type": "Place", "name": "Frontière franco-belge"}]


def test_a_closed_call_keeps_its_page_and_says_so(sample_site: BuiltSite) -> None:
    html = sample_site.page(f"appels/{MEETING_ROOM}")
    page = Html(html)
    assert "Cet appel est clos : sa date limite était le 10 novembre 2026." in page.text
    notice = [a for t, a in page.elements if t == "p" and a.get("data-mj-montrer") == "clos"]
    assert len(notice) == 1 and "hidden" not in notice[0]
    assert "Secrétariat du CLS" in page.text  # still there, for the record


def test_a_named_contact_is_published_only_with_consent(sample_site: BuiltSite, catalog: Catalog) -> None:
    named = [c for c in calls(catalog) if c.contact and c.contact.nom]
    assert named and all(c.contact and c.contact.consentement for c in named)
    assert "Samira Benali" in Html(sample_site.page(f"appels/{PARTNERS}")).text


def test_the_porteur_lists_its_open_calls_only(sample_site: BuiltSite) -> None:
    carrier = Html(sample_site.page("acteurs/terre-accueil-hainaut"))
    assert "appels" in carrier.ids and "Appels ouverts" in carrier.text
    assert f"../../appels/{PARTNERS}/" in carrier.links
    closed_carrier = Html(sample_site.page("acteurs/cls-sambre-avesnois"))
    assert f"../../appels/{MEETING_ROOM}/" not in closed_carrier.links and "appels" not in closed_carrier.ids
    practice = Html(sample_site.page("pratiques/marche-echange-projets-transfrontalier"))
    assert f"../../appels/{REPRODUCE}/" in practice.links  # the call proposes to reproduce it
    assert f"../../appels/{REPRODUCE}/" in Html(sample_site.page("ressources/guide-capitaliser-pratiques")).links


def test_calls_are_on_their_browse_pages_and_in_the_search(sample_site: BuiltSite) -> None:
    assert f"../../appels/{PARTNERS}/" in Html(sample_site.page("territoires/mons")).links
    page = Html(sample_site.page(f"appels/{PARTNERS}"))
    filters = {(a["data-pagefind-filter"], a.get("data-value")) for _, a in page.having("data-pagefind-filter")}
    assert ("fiche[data-value]", "appel") in filters
    assert ("type_appel[data-value]", "recherche-partenaires") in filters
    assert ("territoire[data-value]", "mons") in filters
    lodging = Html(sample_site.page(f"appels/{MEETING_ROOM}"))
    values = {a.get("data-value") for _, a in lodging.having("data-pagefind-filter")
              if a["data-pagefind-filter"] == "type_appel[data-value]"}
    assert values == {"offre-mutualisation--locaux", "offre-mutualisation"}  # a parent type finds it too
    search = Html(sample_site.page("recherche"))
    boxes = {a.get("value") for t, a in search.elements if t == "input" and a.get("name") == "type_appel"}
    assert {"appel-a-projets", "recherche-partenaires", "offre-mutualisation"} <= boxes
    assert "Types d'appel" in search.text and "Appels" in search.text
    actor = Html(sample_site.page("acteurs/terre-accueil-hainaut"))  # no empty filter on other kinds
    assert not [a for _, a in actor.having("data-pagefind-filter") if a["data-pagefind-filter"].startswith("type_")]


def test_the_feed_of_open_calls_parses_as_atom(sample_site: BuiltSite, catalog: Catalog) -> None:
    raw = (sample_site.site / "appels" / "appels.atom").read_bytes()
    parsed = feedparser.parse(raw)
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.version == "atom10"
    feed = ET.fromstring(raw)
    ids = [e.findtext(f"{ATOM}id") for e in feed.findall(f"{ATOM}entry")]
    assert ids == [f"{SITE}appels/{c}/" for c in open_and_closed(catalog, date(2026, 11, 23))[0]]
    assert feed.findtext(f"{ATOM}updated") == "2026-11-12T00:00:00Z"  # the newest check of an open call
    first = parsed.entries[0]
    assert first.title == "Recherche de partenaires : Partenaires pour une permanence santé des personnes exilées"
    assert first.summary.startswith("Date limite : 15 décembre 2026. Nous ouvrons")
    assert first.author == "Terre d'Accueil Hainaut"


def test_the_bulletin_lists_the_open_calls(sample_site: BuiltSite) -> None:
    html = sample_site.page("bulletin")
    part = html[html.index('<h3 id="appels">'):html.index("</div>", html.index('<h3 id="appels">'))]
    page = Html(part)
    assert "Appels ouverts" in page.text
    assert [link for link in page.links if link != SITE] == [f"{SITE}appels/{PARTNERS}/", f"{SITE}appels/{REPRODUCE}/"]
    assert "jusqu'au 15 décembre 2026" in page.text
    october = Html(sample_site.page("bulletin/2026-10"))  # open on 1 October: the room too
    assert f"{SITE}appels/{MEETING_ROOM}/" in october.links


def test_the_command_creates_a_call_that_names_what_it_needs(tmp_path: Path) -> None:
    assert main(["new", "appel", "Prêt d'une exposition", "--data", str(tmp_path)]) == 0
    text = (tmp_path / "calls" / "pret-d-une-exposition.yml").read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../../schemas/appel.schema.json\n")
    assert "# Nouvelle fiche : un appel." in text
    for required in ("type: ", "porteur: ", "description: ", "thematiques:", "territoires:", "date_maj: "):
        assert f"\n{required}" in text, required
    assert "\n# date_limite: " in text and "\n# contact:" in text  # optional: commented out


# --- built on another day (a frozen clock) ---------------------------------------------------------------------


def test_a_build_after_the_deadline_archives_the_call(catalog: Catalog) -> None:
    today = date(2026, 12, 16)  # the day after the deadline of the search for partners
    site = build.prepare(Settings(data_dir=NETWORK / "data", today=today))
    pages = {page.path: page for page in build.pages(site)}
    listing = pages["appels/"].render().html
    assert sections(listing) == open_and_closed(catalog, today) == ([REPRODUCE], [PARTNERS, MEETING_ROOM])
    call = Html(pages[f"appels/{PARTNERS}/"].render().html)
    assert "Cet appel est clos : sa date limite était le 15 décembre 2026." in call.text
    carrier = Html(pages["acteurs/terre-accueil-hainaut/"].render().html)
    assert f"../../appels/{PARTNERS}/" not in carrier.links  # no longer among its open calls
    bulletin = Html(pages["bulletin/"].render().html)
    assert f"../appels/{PARTNERS}/" not in bulletin.links and f"../appels/{REPRODUCE}/" in bulletin.links
    feeds = [f for f in build.open_feeds(site) if isinstance(f, ExtraFile)]
    assert [f.path for f in feeds] == ["appels/appels.atom"]
    feed = ET.fromstring(feeds[0].content or b"")
    assert [e.findtext(f"{ATOM}id") for e in feed.findall(f"{ATOM}entry")] == [f"{SITE}appels/{REPRODUCE}/"]


def test_on_its_deadline_a_call_is_still_open() -> None:
    site = build.prepare(Settings(data_dir=NETWORK / "data", today=date(2026, 12, 15)))
    pages = {page.path: page for page in build.pages(site)}
    assert sections(pages["appels/"].render().html)[0] == [PARTNERS, REPRODUCE]


# --- in Chromium, a site built on 23 November seen later -------------------------------------------------------

ELSEWHERE = re.compile(r"^https?://(?!127\.0\.0\.1[:/])")


def _page(browser: Any, served: str, path: str, moment: str) -> Any:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, timezone_id="UTC")
    context.route(ELSEWHERE, lambda route: route.abort())
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.clock.set_fixed_time(datetime.fromisoformat(moment))
    page.goto(served + path)
    page.wait_for_load_state("load")
    page.errors = errors
    return page


@pytest.mark.browser
def test_the_browser_archives_a_call_whose_deadline_passed_since_the_build(browser: Any, served_site: str) -> None:
    """16 December, 10 h: the search for partners (until 15 December) is closed; at 23 h 30 in Paris on the 15th
    (22 h 30 UTC) it was still open."""
    late = "2026-12-16T10:00:00+00:00"
    page = _page(browser, served_site, "appels/", late)
    item = page.locator(f'#ouverts ~ ul li:has(a[href$="{PARTNERS}/"])')
    item.wait_for(state="hidden")
    assert page.locator(f'#ouverts ~ ul li:has(a[href$="{REPRODUCE}/"])').first.is_visible()
    assert page.errors == []
    page.context.close()

    page = _page(browser, served_site, f"appels/{PARTNERS}/", late)
    notice = page.locator('p[data-mj-montrer="clos"]')
    notice.wait_for(state="visible")
    assert "Cet appel est clos" in notice.inner_text()
    assert page.locator(".mj-practical .mj-echeance .mj-marque").inner_text() == "clos"
    page.context.close()

    page = _page(browser, served_site, "acteurs/terre-accueil-hainaut/", late)
    page.locator("#appels ~ [data-mj-aucun]").wait_for(state="visible")  # its only open call left the list
    assert not page.locator("#appels ~ ul[data-mj-ouverts]").is_visible()
    page.context.close()

    page = _page(browser, served_site, "bulletin/", late)
    page.locator(f'#appels ~ ul li:has(a[href$="{PARTNERS}/"])').wait_for(state="hidden")
    assert page.locator(f'#appels ~ ul li:has(a[href$="{REPRODUCE}/"])').is_visible()
    page.context.close()

    page = _page(browser, served_site, f"appels/{PARTNERS}/", "2026-12-15T22:30:00+00:00")
    page.wait_for_function("() => document.querySelector('.mj-practical .mj-echeance') !== null")
    assert page.locator('p[data-mj-montrer="clos"]').is_hidden()  # still the 15th in Paris
    assert page.locator(".mj-practical .mj-echeance .mj-marque").count() == 0
    assert page.errors == []
    page.context.close()
