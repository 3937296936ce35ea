"""What a person at the counter needs from a record page, read from the built HTML and measured in Chromium: the
call button, the address and its itinerary, the conditions of access before the taxonomy chips, within the first
screen of a phone; share and print; plain French labels; lists that say where each organisation is; pages that
reflow down to 195 CSS px; a map that lets one finger scroll the page; no layout shift on /carte/ and /recherche/."""

from __future__ import annotations

import re
from typing import Any

import pytest
from conftest import BuiltSite, Html

from generator.site.practical import OSM_DIRECTIONS

# Actors of the test network with a phone number and conditions of access.
COUNTER_ACTORS = [
    "centre-depistage-grand-hopital-sambre",
    "centre-sante-sexuelle-maubeuge",
    "mda-valenciennois",
    "planning-les-passerelles",
]
PAGE_TYPES = {
    "accueil": "",
    "acteur": "acteurs/centre-depistage-grand-hopital-sambre/",
    "acteur avec deux lieux": "acteurs/caarud-le-relais/",
    "réseau": "acteurs/reseau-sante-sexuelle-hainaut-nord/",
    "ressource": "ressources/fiche-synthese-diagnostic-2026/",
    "bonne pratique": "pratiques/animation-cls-valenciennes/",
    "événement": "agenda/rencontres-annuelles-reseau-2027/",
    "liste": "acteurs/",
    "agenda": "agenda/",
    "index de taxonomie": "territoires/",
    "page d'un terme": "thematiques/sante-sexuelle/",
    "carte": "carte/",
    "recherche": "recherche/",
    "données ouvertes": "donnees/",
    "page écrite à la main": "contribuer/",
}
OFFLINE = re.compile(r"^https?://(?!127\.0\.0\.1[:/])")  # map tiles and anything else outside the test server


CHIPS = '<dt class="mj-fact__label">Thématiques</dt>'  # the first taxonomy chips of a record page


def before(source: str, first: str, then: str) -> bool:
    return first in source and then in source and source.index(first) < source.index(then)


# --- the first screen, in the HTML --------------------------------------------------------------------------


def test_an_actor_page_starts_with_call_itinerary_and_conditions(sample_site: BuiltSite) -> None:
    source = sample_site.page("acteurs/centre-depistage-grand-hopital-sambre")
    page = Html(source)
    call = [attrs for tag, attrs in page.elements if tag == "a" and "mj-call" in attrs.get("class", "")]
    assert [attrs["href"] for attrs in call] == ["tel:+3271008080"]
    assert f"{OSM_DIRECTIONS}?route=%3B50.4116%2C4.4393" in page.links
    text = page.text
    assert "Appeler +32 71 00 80 80" in text and "Boulevard Zoé Drion 30, 6000 Charleroi, Belgique" in text
    assert "Pour tous les services : Langues parlées : français, néerlandais et anglais" in text
    assert "Dépistage anonyme et gratuit : Gratuit · Sans rendez-vous · Anonyme possible · Mineurs reçus sans " \
           "accord parental · À apporter : Aucun (ni carte d'identité, ni carte de mutuelle)" in text
    assert "Consultation PrEP : Payant · Sur rendez-vous · Dès 15 ans" in text
    # call, address, conditions, then the chips
    assert before(source, 'class="mj-action mj-action--primary mj-call"', 'class="mj-address mj-practical__address"')
    assert before(source, 'class="mj-address mj-practical__address"', 'id="conditions"')
    assert before(source, 'id="conditions"', 'class="mj-facts"')
    assert before(source, 'class="mj-facts"', 'id="presentation"')


def test_todays_hours_follow_the_address_and_the_conditions(sample_site: BuiltSite) -> None:
    """Today's hours take three to five lines on a phone: between the address and the conditions they pushed the
    conditions below the first screen at 320 px, so they come right after them, still in « En pratique »."""
    source = sample_site.page("acteurs/caarud-le-relais")
    assert before(source, "mj-practical__address", 'id="conditions"')
    assert before(source, 'id="conditions"', 'class="mj-horaires-jour"')
    assert before(source, 'class="mj-horaires-jour"', 'data-mj-partage')


def test_an_actor_without_conditions_has_no_empty_box(sample_site: BuiltSite) -> None:
    source = sample_site.page("acteurs/observatoire-sante-hainaut-nord")
    assert 'id="conditions"' not in source or "mj-conditions__row" in source


def test_an_event_page_starts_with_date_place_and_registration(sample_site: BuiltSite) -> None:
    source = sample_site.page("agenda/rencontres-annuelles-reseau-2027")
    page = Html(source)
    assert "Du jeudi 10 au vendredi 11 juin 2027" in page.text
    registration = next(attrs["href"] for tag, attrs in page.elements
                        if tag == "a" and "mj-action--primary" in attrs.get("class", ""))
    assert before(source, "Du jeudi 10 au vendredi 11 juin 2027", "S'inscrire")
    assert before(source, "S'inscrire", CHIPS)
    assert before(source, "Ajouter à mon agenda", CHIPS)
    assert any(link.startswith(f"{OSM_DIRECTIONS}?") for link in page.links)  # to its coordinates or its address
    assert registration.startswith("https://")
    past = sample_site.page("agenda/formation-trod-juin-2026")
    assert "S'inscrire" not in Html(past).text and f"{OSM_DIRECTIONS}?to=" not in past  # over: nowhere to go


def test_a_resource_page_starts_with_how_to_get_it(sample_site: BuiltSite) -> None:
    source = sample_site.page("ressources/brochure-chemsex-reduction-des-risques")
    page = Html(source)
    assert before(source, "Consulter la ressource", CHIPS)
    assert before(source, "Disponible auprès de", CHIPS)
    assert "Disponible auprès de" in page.text
    # a web link is never labelled « Adresse »
    assert not re.search(r"<dt>Adresse</dt>\s*<dd[^>]*>\s*<a ", source)


def test_share_and_print_wait_for_javascript(sample_site: BuiltSite) -> None:
    records = ("acteurs/pse-mons", "ressources/fiche-synthese-diagnostic-2026",
               "pratiques/animation-cls-valenciennes", "agenda/rencontres-annuelles-reseau-2027")
    for path in records:
        page = Html(sample_site.page(path))
        buttons = [attrs for tag, attrs in page.elements if tag == "ul" and "data-mj-partage" in attrs]
        assert len(buttons) == 1 and "hidden" in buttons[0], path  # useless without the script: hidden
        assert any(tag == "script" and attrs.get("src", "").endswith("assets/maillage/fiche.js")
                   for tag, attrs in page.elements), path
    assert (sample_site.site / "assets" / "maillage" / "fiche.js").is_file()


# --- plain French ------------------------------------------------------------------------------------------


def test_no_official_code_and_one_coordonnees_per_page(sample_site: BuiltSite) -> None:
    for page in sorted(sample_site.site.glob("acteurs/*/index.html")):
        source = page.read_text(encoding="utf-8")
        record = Html(source[source.index("<article"):source.index("</article>")]).text  # not the table of contents
        assert "Code officiel" not in record, page
        assert record.count("Coordonnées") <= 1, page
    term = Html(sample_site.page("territoires/charleroi")).text
    assert "52011" not in term and "code officiel" not in term.casefold()


def test_the_footer_is_in_french(sample_site: BuiltSite) -> None:
    for path in ("", "acteurs/pse-mons", "contribuer"):
        text = Html(sample_site.page(path)).text
        assert "Made with" not in text and "Material for MkDocs" not in text
        assert "Annuaire construit avec Maillage" in text
    assert "Made with" not in (sample_site.site / "404.html").read_text(encoding="utf-8")


def test_lists_say_where_each_organisation_is(sample_site: BuiltSite) -> None:
    listing = Html(sample_site.page("acteurs")).text
    assert "Centre de dépistage du Grand Hôpital de Sambre Centre de santé sexuelle · Charleroi (Belgique)" in listing
    assert "Maubeuge (France)" in listing
    network = Html(sample_site.page("acteurs/reseau-sante-sexuelle-hainaut-nord"))
    assert "· Charleroi (Belgique)" in network.text and "(France)" in network.text  # members
    partners = Html(sample_site.page("acteurs/centre-depistage-grand-hopital-sambre")).text
    assert "· Maubeuge (France)" in partners  # its partner the CSS of Maubeuge


# --- in the browser ----------------------------------------------------------------------------------------


def _context(browser: Any, width: int, height: int, **options: Any) -> Any:
    context = browser.new_context(viewport={"width": width, "height": height}, **options)
    context.route(OFFLINE, lambda route: route.abort())
    return context


@pytest.mark.browser
@pytest.mark.parametrize(("width", "height"), [(390, 844), (320, 568)], ids=["390 px", "320 px"])
@pytest.mark.parametrize("actor", COUNTER_ACTORS)
def test_call_button_and_conditions_are_on_the_first_screen(
    browser: Any, served_site: str, actor: str, width: int, height: int
) -> None:
    context = _context(browser, width, height, has_touch=True, is_mobile=True)
    page = context.new_page()
    page.goto(served_site + f"acteurs/{actor}/")
    call = page.locator(".mj-call").bounding_box()
    conditions = page.locator("#conditions").bounding_box()
    chips = page.locator(".mj-facts").bounding_box()
    assert call and conditions and chips
    assert call["y"] + call["height"] <= height, f"the call button ends at {call['y'] + call['height']} px"
    assert call["width"] >= 44 and call["height"] >= 44, call
    assert conditions["y"] < height, f"the conditions start at {conditions['y']} px, below the first screen"
    assert conditions["y"] < chips["y"], "conditions before the taxonomy chips"
    scrolled = page.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
    assert scrolled[0] <= scrolled[1]
    context.close()


@pytest.mark.browser
def test_share_copies_the_address_and_print_prints(browser: Any, served_site: str) -> None:
    context = _context(browser, 390, 844)
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto(served_site + "acteurs/pse-mons/#services")
    page.evaluate("() => { delete Navigator.prototype.share; window.print = () => { window.imprime = true; }; }")
    share = page.get_by_role("button", name="Partager cette fiche")
    share.click()
    page.get_by_role("status").filter(has_text="Adresse de la fiche copiée").wait_for()
    assert page.evaluate("navigator.clipboard.readText()") == served_site + "acteurs/pse-mons/"
    page.get_by_role("button", name="Imprimer la fiche").click()
    assert page.evaluate("window.imprime") is True
    context.close()


@pytest.mark.browser
@pytest.mark.parametrize("name", list(PAGE_TYPES))
def test_no_horizontal_scroll_at_195_px(browser: Any, served_site: str, name: str) -> None:
    """A phone at 200 % zoom: 195 CSS px. Cards shrink, nothing makes the page scroll sideways."""
    context = _context(browser, 195, 420)
    page = context.new_page()
    page.goto(served_site + PAGE_TYPES[name])
    if page.locator(".mj-carte, .mj-minicarte").count():
        page.wait_for_selector("[data-pret]", state="attached")
    width, visible = page.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
    assert width <= visible, f"{PAGE_TYPES[name]}: {width} px wide in a {visible} px window"
    cards = page.evaluate("[...document.querySelectorAll('.mj-card')].map(c => c.getBoundingClientRect().right)")
    assert all(right <= visible for right in cards), cards
    context.close()


def _swipe_up(context: Any, page: Any, selector: str) -> float:
    """One finger from the middle of `selector` upwards, as a person scrolls a page; how far the page went."""
    page.locator(selector).scroll_into_view_if_needed()
    x, y = page.evaluate("(s) => { const r = document.querySelector(s).getBoundingClientRect();"
                         " return [r.left + r.width / 2, r.top + r.height / 2]; }", selector)
    start = page.evaluate("scrollY")
    cdp = context.new_cdp_session(page)
    for event, dy in (("touchStart", 0), ("touchMove", -40), ("touchMove", -80), ("touchMove", -120),
                      ("touchMove", -160), ("touchEnd", -160)):
        points = [] if event == "touchEnd" else [{"x": x, "y": y + dy}]
        cdp.send("Input.dispatchTouchEvent", {"type": event, "touchPoints": points})
    page.wait_for_timeout(300)
    return float(page.evaluate("scrollY")) - start


@pytest.mark.browser
@pytest.mark.parametrize(
    ("path", "selector"), [("carte/", ".mj-carte"), ("acteurs/caarud-le-relais/", ".mj-minicarte")]
)
def test_one_finger_over_the_map_scrolls_the_page(browser: Any, served_site: str, path: str, selector: str) -> None:
    context = _context(browser, 390, 700, has_touch=True, is_mobile=True)
    page = context.new_page()
    page.goto(served_site + path)
    page.wait_for_selector(f"{selector}[data-pret]", state="attached")
    assert _swipe_up(context, page, selector) > 50, "the map kept the finger: the page did not scroll"
    message = page.locator(selector).get_attribute("data-gesture-handling-touch-content")
    assert message == "Utilisez deux doigts pour déplacer la carte"
    context.close()

    # Without the two-finger handler, the same swipe pans the map and the page stays put: the test sees the trap.
    context = _context(browser, 390, 700, has_touch=True, is_mobile=True)
    context.route("**/leaflet-gesture-handling.min.js", lambda route: route.abort())
    page = context.new_page()
    page.goto(served_site + path)
    page.wait_for_selector(f"{selector}[data-pret]", state="attached")
    assert _swipe_up(context, page, selector) == 0
    context.close()


CLS = """() => new Promise((resolve) => {
  let total = 0;
  new PerformanceObserver((list) => {
    for (const shift of list.getEntries()) if (!shift.hadRecentInput) total += shift.value;
  }).observe({ type: "layout-shift", buffered: true });
  setTimeout(() => resolve(total), 1500);
})"""


@pytest.mark.browser
@pytest.mark.parametrize("width", [390, 1280], ids=["téléphone", "ordinateur"])
@pytest.mark.parametrize("path", ["carte/", "recherche/", "recherche/?q=d%C3%A9pistage&thematique=sante-sexuelle"])
def test_no_layout_shift_while_the_page_loads(browser: Any, served_site: str, path: str, width: int) -> None:
    context = _context(browser, width, 844)
    page = context.new_page()
    page.goto(served_site + path)
    if path.startswith("carte"):
        page.wait_for_selector(".mj-carte[data-pret]", state="attached")
    else:
        page.wait_for_selector(".mj-search[data-state]", state="attached")
    shift = page.evaluate(CLS)
    assert shift < 0.05, f"cumulative layout shift {shift:.3f} on /{path}"
    context.close()
