"""The printable guides (/guides/): one per territory and per thématique holding the actors of the term and of
the terms below it, with their services, places, hours and contacts; printed by Chromium to A4 PDF, where the
page count follows the cards and no card is cut across two sheets; axe-core on the pages."""

from __future__ import annotations

import io
import re
import unicodedata
from typing import Any

import pytest
from conftest import NETWORK, BuiltSite, Html
from test_site_a11y import AXE, WCAG

from generator.build import read
from generator.contract.kinds import ACTOR
from generator.contract.model import Actor
from generator.reading.catalog import Catalog
from generator.settings import Settings

A4 = (595, 842)  # points, as Chromium writes an A4 page (210 × 297 mm)


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return read(Settings(data_dir=NETWORK / "data")).catalog


def guided(catalog: Catalog, taxonomy: str, term: str) -> list[Actor]:
    tree = catalog.taxonomies[taxonomy]
    actors = [a for a in catalog.of(ACTOR) if isinstance(a, Actor)]
    return [a for a in actors if term in {t for own in getattr(a, taxonomy) for t in tree.lineage(own)}]


def test_a_guide_per_term_lists_its_actors_and_theirs_below(sample_site: BuiltSite, catalog: Catalog) -> None:
    index = Html(sample_site.page("guides"))
    for taxonomy in ("territoires", "thematiques"):
        for term in catalog.taxonomies[taxonomy].terms:
            actors = guided(catalog, taxonomy, term)
            page = sample_site.site / "guides" / taxonomy / term / "index.html"
            assert page.is_file() == bool(actors), (taxonomy, term)
            if not actors:
                continue
            assert f"../guides/{taxonomy}/{term}/" in index.links
            html = Html(page.read_text(encoding="utf-8"))
            cards = [attrs["id"] for tag, attrs in html.elements if tag == "article"
                     and "mj-guide__fiche" in attrs.get("class", "")]
            assert sorted(cards) == sorted(f"acteur-{a.id}" for a in actors)
            assert f"{len(actors)} acteur" in html.text


def test_a_card_holds_services_places_hours_and_contacts(sample_site: BuiltSite, catalog: Catalog) -> None:
    actor = next(a for a in catalog.of(ACTOR) if isinstance(a, Actor) and a.services and a.lieux and a.contacts
                 and any(lieu.horaires for lieu in a.lieux))
    html = sample_site.page(f"guides/territoires/{actor.territoires[0]}")
    start = html.index(f'id="acteur-{actor.id}"')
    card = Html(html[start:html.index("</article>", start)]).text
    for service in actor.services:
        assert service.nom in card
    for lieu in actor.lieux:
        assert (lieu.commune or "") in card and (lieu.horaires or "") in card
    for contact in actor.contacts:
        assert contact.fonction in card
        assert (contact.telephone or contact.courriel or "") in card
    assert f"https://maillage.example.org/acteurs/{actor.id}/" in card  # printed paper cannot be clicked


# --- printed by Chromium ----------------------------------------------------------------------------------


def printed(browser: Any, url: str) -> list[str]:
    """The guide printed to PDF as a person would (A4, the page's print styles), one text per sheet."""
    from pypdf import PdfReader

    context = browser.new_context()
    page = context.new_page()
    page.goto(url)
    pdf = page.pdf(prefer_css_page_size=True, print_background=True)
    context.close()
    reader = PdfReader(io.BytesIO(pdf))
    for sheet in reader.pages:
        assert (round(float(sheet.mediabox.width)), round(float(sheet.mediabox.height))) == A4
    return [sheet.extract_text() for sheet in reader.pages]


def squeezed(text: str) -> str:
    """Without the line breaks the PDF puts anywhere, and with its ligatures ("ﬁ") as plain letters."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


@pytest.mark.browser
def test_the_printed_guide_never_cuts_a_card(browser: Any, served_site: str, catalog: Catalog) -> None:
    actors = guided(catalog, "territoires", "nord")
    assert len(actors) > 6, "a guide long enough to need several sheets"
    sheets = [squeezed(text) for text in printed(browser, served_site + "guides/territoires/nord/")]
    assert "Sommaire" in sheets[0] and "Guidedesacteurs:Nord" in sheets[0]
    assert not any(f"/acteurs/{a.id}/" in sheets[0] for a in actors)  # the summary has a sheet of its own
    cards_on: dict[int, int] = {}
    for actor in actors:
        # A card starts with its name and ends with its address: both on one sheet, and only there.
        with_name = {n for n, sheet in enumerate(sheets) if n and squeezed(actor.nom) in sheet}
        with_end = {n for n, sheet in enumerate(sheets) if f"maillage.example.org/acteurs/{actor.id}/" in sheet}
        assert len(with_end) == 1 and with_end <= with_name, (actor.id, with_name, with_end)
        sheet = with_end.pop()
        cards_on[sheet] = cards_on.get(sheet, 0) + 1
    # Every sheet after the summary holds at least one whole card, and cards are packed (not one per sheet).
    assert set(cards_on) == set(range(1, len(sheets)))
    assert 2 <= len(sheets) < len(actors) + 1


@pytest.mark.browser
def test_a_guide_of_one_actor_prints_on_two_sheets(browser: Any, served_site: str, catalog: Catalog) -> None:
    term = next(t for t in catalog.taxonomies["territoires"].terms if len(guided(catalog, "territoires", t)) == 1)
    sheets = printed(browser, served_site + f"guides/territoires/{term}/")
    assert len(sheets) == 2  # the summary, then the card


@pytest.mark.browser
@pytest.mark.parametrize("width", [1280, 320], ids=["ordinateur", "320 px"])
@pytest.mark.parametrize("path", ["guides/", "guides/territoires/nord/", "guides/thematiques/sante-sexuelle/"])
def test_no_wcag_violation_and_no_sideways_scroll(browser: Any, served_site: str, path: str, width: int) -> None:
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    page.goto(served_site + path)
    if path != "guides/":
        assert page.locator(".mj-guide__imprimer").is_visible()  # the script shows the print button
    page.evaluate(AXE.read_text(encoding="utf-8"))
    result = page.evaluate("(tags) => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG)
    assert [f"{v['id']}: {v['help']} — {[n['target'] for n in v['nodes']]}" for v in result["violations"]] == []
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    context.close()


def test_a_long_guide_is_cut_into_parts_that_hold_every_actor_once(monkeypatch: pytest.MonkeyPatch,
                                                                    catalog: Catalog) -> None:
    from generator import build
    from generator.site import guides

    monkeypatch.setattr(guides, "GUIDE_PART", 7)
    site = build.prepare(Settings(data_dir=NETWORK / "data", site_url="https://maillage.example.org/"))
    parts = [p for p in build.pages(site) if p.path.startswith("guides/territoires/nord/")]
    actors = guided(catalog, "territoires", "nord")
    assert [p.path for p in parts] == ["guides/territoires/nord/"] + [
        f"guides/territoires/nord/page/{n}/" for n in range(2, -(-len(actors) // 7) + 1)]
    cards: list[str] = []
    for part in parts:
        html = Html(part.render().html)
        cards += [a["id"] for tag, a in html.elements if tag == "article" and "mj-guide__fiche" in a.get("class", "")]
        assert f"sur {len(actors)}" in html.text and "parties" in html.text
    assert sorted(cards) == sorted(f"acteur-{a.id}" for a in actors)


def test_names_full_of_html_are_text_in_guides_and_bulletin(hostile_site: BuiltSite) -> None:
    for path in ("guides/territoires/lille", "bulletin/2026-10"):
        html = hostile_site.page(path)
        assert "<script>alert" not in html and "onerror=\"alert" not in html, path
        assert "Collectif &lt;/title&gt;&lt;script&gt;alert(&#39;nom&#39;)&lt;/script&gt; test" in html, path
