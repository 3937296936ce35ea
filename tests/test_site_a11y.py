"""Accessibility of each page type, checked by axe-core (WCAG 2.1 A and AA rules) in headless Chromium, and the
site used without JavaScript and with the keyboard."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

AXE = Path(__file__).resolve().parent / "vendor" / "axe-core" / "axe.min.js"
WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

PAGE_TYPES = {
    "accueil": "",
    "acteur": "acteurs/reseau-sante-sexuelle-hainaut-nord/",
    "acteur avec services": "acteurs/centre-depistage-grand-hopital-sambre/",
    "ressource": "ressources/fiche-synthese-diagnostic-2026/",
    "bonne pratique": "pratiques/animation-cls-valenciennes/",
    "événement": "agenda/webinaire-parcours-ivg-transfrontalier/",
    "liste": "acteurs/",
    "agenda": "agenda/",
    "appel ouvert": "appels/appel-reproduire-marche-echange-projets/",
    "appel clos": "appels/salle-reunion-a-partager-maubeuge/",
    "appels et offres": "appels/",
    "acteur avec un appel ouvert": "acteurs/terre-accueil-hainaut/",
    "index de taxonomie": "territoires/",
    "page d'un terme": "thematiques/sante-sexuelle/",
    "page écrite à la main": "contribuer/",
    "charte": "charte/",
    "page introuvable": "404.html",
    "carte": "carte/",
    "acteur avec deux lieux sur sa carte": "acteurs/caarud-le-relais/",
    "données ouvertes": "donnees/",
    "proposer une fiche": "proposer/",
}
OFFLINE = re.compile(r"^https?://(?!127\.0\.0\.1[:/])")  # map tiles and anything else outside the test server

pytestmark = pytest.mark.browser




def _violations(page: Any) -> list[str]:
    page.evaluate(AXE.read_text(encoding="utf-8"))  # not an inline script: the site's CSP blocks those
    result = page.evaluate("(tags) => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG)
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — {node['target']}"
        for v in result["violations"]
        for node in v["nodes"]
    ]


@pytest.mark.parametrize("width", [1280, 390], ids=["ordinateur", "téléphone"])
@pytest.mark.parametrize("name", list(PAGE_TYPES))
def test_no_wcag_violation(browser: Any, served_site: str, name: str, width: int) -> None:
    context = browser.new_context(viewport={"width": width, "height": 900})
    context.route(OFFLINE, lambda route: route.abort())
    page = context.new_page()
    page.goto(served_site + PAGE_TYPES[name])
    if page.locator(".mj-carte, .mj-minicarte").count():
        page.wait_for_selector("[data-pret]", state="attached")  # markers in place, tiles or not
    assert _violations(page) == []
    context.close()


def test_pages_work_without_javascript(browser: Any, served_site: str) -> None:
    context = browser.new_context(java_script_enabled=False, viewport={"width": 390, "height": 800})
    page = context.new_page()
    page.goto(served_site + "acteurs/pse-mons/")
    assert page.locator("h1").inner_text().startswith("Service de promotion de la santé")
    assert page.locator("#services").is_visible()
    # The menu opens without JavaScript (a checkbox and its label).
    page.locator("label.md-header__button[for='__drawer']").click()
    assert page.get_by_role("link", name="Bonnes pratiques").first.is_visible()
    # The search form sends the words to the search page as a plain GET.
    page.goto(served_site)
    page.fill("#mj-home-q", "dépistage")
    page.locator("form.mj-search-form button").click()
    assert page.url == served_site + "recherche/?q=d%C3%A9pistage"
    context.close()


def test_keyboard_starts_with_a_visible_skip_link(browser: Any, served_site: str) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(served_site + "ressources/brochure-prep-mode-emploi/")
    page.keyboard.press("Tab")
    page.wait_for_timeout(500)  # the link fades in
    focused = page.evaluate(
        "() => { const e = document.activeElement; const s = getComputedStyle(e);"
        " return {text: e.textContent.trim(), href: e.getAttribute('href'), opacity: s.opacity}; }"
    )
    assert focused == {"text": "Aller au contenu", "href": "#contenu", "opacity": "1"}
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    outline = page.evaluate("() => getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"  # the focused element is visibly marked
    context.close()
