"""Search: the Pagefind index every build writes, the search page with its facets in headless Chromium (a query,
accents, narrowing and widening, the address as state, the keyboard, screen reader cues), the site without
JavaScript. The transfer measurement (bench/search_transfer.py) is checked in test_bench_search.py."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from conftest import NETWORK, BuiltSite, Html, build_site

from generator import scratch
from generator.contract.kinds import KINDS
from generator.reading.catalog import Catalog
from generator.reading.directory import read_directory
from generator.search import pagefind as search

AXE = Path(__file__).resolve().parent / "vendor" / "axe-core" / "axe.min.js"
WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
# Waited for with a selector: Playwright's wait_for_function evaluates its predicate with eval, which the site's
# Content-Security-Policy forbids.
SETTLED = '[data-mj-search][data-counts="ready"]:not([data-state="loading"])'


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return read_directory(NETWORK / "data").catalog


# --- the index and the pages, as built ------------------------------------------------------------------


def test_every_build_writes_the_index_of_the_records(sample_site: BuiltSite, catalog: Catalog) -> None:
    bundle = sample_site.site / "pagefind"
    assert (bundle / "pagefind.js").is_file() and (bundle / "wasm.fr.pagefind").is_file()  # French stemming
    records = sum(len(catalog.of(kind)) for kind in KINDS)
    assert len(list((bundle / "fragment").glob("*.pf_fragment"))) == records  # records only, each once
    # Material's search plugin is off: its single index would grow with every record.
    assert not (sample_site.site / "search" / "search_index.json").exists()


def test_stop_words_and_page_furniture_stay_out_of_the_index() -> None:
    html = '<p title="de la">De la santé &le; d&#39;Ath, sous-titré et pour</p><script>{"de": 1}</script>'
    assert search.without_stop_words(html) == (
        '<p title="de la">  santé &le; d&#39;Ath, sous-titré  </p><script>{"de": 1}</script>'
    )
    page = '<html><body><nav>Menu</nav><article class="x" data-pagefind-body><h1>Le bus</h1></article></body></html>'
    copy = search.searchable_copy(page)
    assert copy is not None and "Menu" not in copy and '<html lang="fr">' in copy
    assert f"<p>{search.EVERY_RECORD}</p><h1> bus</h1>" in copy
    assert search.searchable_copy("<html><body><article>Liste</article></body></html>") is None
    command = search.command(Path("copies"), Path("site/pagefind"))
    assert 'section[aria-labelledby="contacts"]' in command


class _SearchedText(HTMLParser):
    """The words Pagefind reads of an article: those outside scripts and the parts it is told to skip."""

    VOID = frozenset({"br", "hr", "img", "input", "link", "meta", "source", "wbr"})

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.open: list[tuple[str, bool]] = []  # (tag, skipped)
        self.words: list[str] = []
        self.feed(html)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.VOID:
            return
        values = dict(attrs)
        classes = (values.get("class") or "").split()
        skipped = (tag == "script" or any(name in classes for _, name in search.UNSEARCHED_ELEMENTS)
                   or (tag == "section" and values.get("aria-labelledby") in search.UNSEARCHED_SECTIONS))
        self.open.append((tag, skipped))

    def handle_endtag(self, tag: str) -> None:
        while self.open and self.open.pop()[0] != tag:
            pass

    def handle_data(self, data: str) -> None:
        if not any(skipped for _, skipped in self.open):
            self.words += data.split()


def test_copies_leave_out_what_is_not_searched(sample_site: BuiltSite) -> None:
    """The parts Pagefind is told to skip are cut out of every copy beforehand, and nothing else."""
    unsearched = re.compile("|".join(
        [r"<script", r"<link", *(f'class="[^"]*\\b{name}\\b' for _, name in search.UNSEARCHED_ELEMENTS),
         *(f'aria-labelledby="{section}"' for section in search.UNSEARCHED_SECTIONS)]
    ))
    pages = [p for section in search.sections() for p in (sample_site.site / section).glob("*/index.html")]
    assert len(pages) > 50
    for path in pages:
        page = path.read_text(encoding="utf-8")
        copy = search.searchable_copy(page)
        assert copy is not None and not unsearched.search(copy), path
        start = page.index("<article")
        article = page[start : page.index("</article>", start) + len("</article>")]
        assert _SearchedText(search._UNREAD.sub("", article)).words == _SearchedText(article).words, path
    page = sample_site.page("acteurs/caarud-le-relais")
    assert "mj-place__details" in page and "mj-fact__label" in page and "Fiche vérifiée" in page
    copy = search.searchable_copy(page)
    assert copy is not None
    assert "Horaires" not in copy and "Thématiques" not in copy and "Fiche vérifiée" not in copy
    assert "CAARUD" in copy and "Addictions" in copy and "Conditions" in copy  # name, tags, services


def test_a_failing_index_stops_the_build_in_french(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from generator.engines import mkdocs_run

    monkeypatch.setattr(search, "command", lambda source, bundle: [sys.executable, "-c", "raise SystemExit('panne')"])
    with pytest.raises(mkdocs_run.Problem) as problem:
        build_site(NETWORK, tmp_path / "site")
    assert "l'index de recherche n'a pas pu être construit par Pagefind" in str(problem.value)
    assert "panne" in str(problem.value)
    # A directory without any record yet has nothing to index, and that is not an error.
    assert search.index_site(tmp_path / "vide").pages == 0


def test_search_page_is_a_form_with_a_facet_panel(sample_site: BuiltSite, catalog: Catalog) -> None:
    source = sample_site.page("recherche")
    page = Html(source)
    forms = [attrs for tag, attrs in page.elements if tag == "form" and "data-mj-form" in attrs]
    assert forms and forms[0]["role"] == "search" and forms[0]["method"] == "get"
    assert '<label for="mj-q">Mots recherchés</label>' in source
    facets = [attrs["data-facet"] for _, attrs in page.having("data-facet")]
    assert facets == ["fiche", "thematique", "territoire", "public"]
    assert source.count("<fieldset>") == 4 and source.count('<legend class="mj-sr">') == 4
    boxes = {(a["name"], a["value"]) for tag, a in page.elements if tag == "input"
             and a.get("type") == "checkbox" and "name" in a}
    assert {("fiche", kind.schema) for kind in KINDS} <= boxes
    for taxonomy, name in (("thematiques", "thematique"), ("territoires", "territoire"), ("publics", "public")):
        assert {(name, term) for term in catalog.taxonomies[taxonomy].terms} <= boxes
    # Children sit in a list nested under their parent.
    parent = source.index('id="mj-f-thematique-sante-sexuelle"')
    child = source.index('id="mj-f-thematique-sante-sexuelle--depistage"')
    assert parent < child and "mj-facet__list--nested" in source[parent:child]
    # Without JavaScript: a message and the browse pages, which lead to every record.
    assert "La recherche a besoin de JavaScript" in page.text
    for target in ("../acteurs/", "../ressources/", "../pratiques/", "../agenda/", "../thematiques/", "../publics/"):
        assert target in page.links


def test_browse_pages_link_to_the_search_prefiltered(sample_site: BuiltSite) -> None:
    for path, query, text in (
        ("thematiques/sante-sexuelle", "thematique=sante-sexuelle", "Rechercher dans cette thématique"),
        ("territoires/hainaut", "territoire=hainaut", "Rechercher dans ce territoire"),
        ("publics/jeunes", "public=jeunes", "Rechercher les fiches pour ce public"),
    ):
        page = Html(sample_site.page(path))
        assert f"../../recherche/?{query}" in page.links, path
        assert text in page.text, path


def test_every_record_is_reachable_without_javascript(sample_site: BuiltSite, catalog: Catalog) -> None:
    """From the search page, the lists (and their next pages) lead to every record."""
    seen: set[str] = set()
    pending = ["recherche/"]
    found: set[str] = set()
    sections = {kind.section for kind in KINDS}
    while pending:
        path = pending.pop()
        if path in seen:
            continue
        seen.add(path)
        for link in Html(sample_site.page(path)).links:
            target = _resolve(path, link)
            if target is None:
                continue
            parts = target.strip("/").split("/")
            if parts[0] in sections and len(parts) == 2 and parts[1] != "page":
                found.add(target)
            elif parts[0] in sections and (len(parts) == 1 or parts[1] == "page"):
                pending.append(target)
    expected = {f"{kind.section}/{record.id}/" for kind in KINDS for record in catalog.of(kind)}
    assert found == expected


def _resolve(base: str, link: str) -> str | None:
    if "://" in link or link.startswith(("#", "mailto:", "tel:")) or not link.endswith("/"):
        return None
    parts = base.strip("/").split("/") if base.strip("/") else []
    for piece in link.split("/")[:-1]:
        if piece == "..":
            parts = parts[:-1]
        elif piece not in ("", "."):
            parts.append(piece)
    return "/".join(parts) + "/" if parts else ""


def _search_copies() -> set[Path]:  # where copies_folder() puts them when it can (else in TMPDIR)
    return set(Path("/dev/shm").glob(f"{scratch.MARK}recherche-*"))


def test_maillage_serve_writes_the_index_and_leaves_nothing_behind(tmp_path: Path) -> None:
    """Stopped by the system (SIGTERM) as by Ctrl+C: the served site and the searchable copies are removed."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    command = [str(Path(sys.executable).parent / "maillage"), "serve", "--dev-addr", f"127.0.0.1:{port}"]
    temporary = tmp_path / "temporaire"
    temporary.mkdir()
    before = _search_copies()
    with (tmp_path / "serve.log").open("wb") as log:
        server = subprocess.Popen(command, cwd=NETWORK, stdout=log, stderr=subprocess.STDOUT,
                                  env={**os.environ, "TMPDIR": str(temporary)})
        try:
            deadline = time.monotonic() + 120
            while True:
                try:
                    with urllib.request.urlopen(f"http://127.0.0.1:{port}/pagefind/pagefind-entry.json") as answer:
                        assert b'"fr"' in answer.read()
                    break
                except OSError:
                    assert server.poll() is None and time.monotonic() < deadline, (tmp_path / "serve.log").read_text()
                    time.sleep(0.5)
            assert any(temporary.iterdir())  # the served site
        finally:
            server.terminate()
            code = server.wait(timeout=30)
    assert code == 0, (tmp_path / "serve.log").read_text()
    assert list(temporary.iterdir()) == []
    assert _search_copies() <= before


# --- the search page in Chromium ------------------------------------------------------------------------




@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    opened = context.new_page()
    errors: list[str] = []
    opened.on("pageerror", lambda error: errors.append(str(error)))
    yield opened
    context.close()
    assert errors == []


def _open(page: Any, served: str, query: str = "") -> None:
    page.goto(served + "recherche/" + query)
    _settle(page)


def _settle(page: Any) -> None:
    page.locator(SETTLED).wait_for(state="attached", timeout=20_000)


def _status(page: Any) -> str:
    return page.locator("[data-mj-status]").inner_text()


def _count(page: Any) -> int:
    found = re.match(r"(\d+) résultats?", _status(page))
    return int(found.group(1)) if found else 0


def _titles(page: Any) -> list[str]:
    return page.locator(".mj-result__title").all_inner_texts()


def _facet_count(page: Any, facet: str, value: str) -> int:
    text = page.locator(f"[data-facet={facet}] li[data-value='{value}'] > label [data-count]").inner_text()
    return int(text.strip(" ()"))


def _open_facet(page: Any, facet: str) -> None:
    """Open a facet's panel; its counts load then (the toggle event comes a moment after the click)."""
    page.locator(f"[data-facet={facet}] > summary").click()
    page.locator(f"[data-facet={facet}][data-counted]").wait_for(state="attached")
    _settle(page)


def _check(page: Any, facet: str, value: str) -> None:
    page.locator(f"#mj-f-{facet}-{value}").click()
    _settle(page)



@pytest.mark.browser
def test_a_query_finds_the_expected_record(page: Any, served_site: str) -> None:
    _open(page, served_site, "?q=bus+d%C3%A9pistage")
    assert "Le bus du dépistage passe près de chez vous" in _titles(page)
    assert _status(page).endswith("pour « bus dépistage ».")
    first = page.locator(".mj-results > li").first
    assert first.locator("mark").count() >= 1  # the words found are highlighted
    assert first.locator(".mj-result__meta").inner_text()  # kind, territory, date
    # The example query, words in any case.
    _open(page, served_site, "?q=d%C3%A9pistage+VIH+jeunes+Charleroi")
    assert "Centre de dépistage du Grand Hôpital de Sambre" in _titles(page)


@pytest.mark.browser
def test_a_query_without_accents_finds_accented_text(page: Any, served_site: str) -> None:
    _open(page, served_site, "?q=d%C3%A9pistage")
    accented = _titles(page)
    _open(page, served_site, "?q=depistage")
    assert _titles(page) == accented and any("dépistage" in title for title in accented)
    _open(page, served_site, "?q=sante+sexuelle")
    assert any("Santé sexuelle" in title for title in _titles(page))


@pytest.mark.browser
def test_a_facet_narrows_and_counts_change(page: Any, served_site: str) -> None:
    _open(page, served_site, "?q=sant%C3%A9")
    total = _count(page)
    resources = _facet_count(page, "fiche", "ressource")
    _open_facet(page, "thematique")  # its counts load when it opens
    before = _facet_count(page, "thematique", "sante-sexuelle")
    _check(page, "fiche", "ressource")
    assert 0 < _count(page) == resources < total
    assert _facet_count(page, "thematique", "sante-sexuelle") < before  # only resources are counted now
    assert _facet_count(page, "fiche", "acteur") > 0  # the other kinds still say what they would add
    assert "fiche=ressource" in page.url


@pytest.mark.browser
def test_two_values_of_one_facet_widen(page: Any, served_site: str) -> None:
    _open(page, served_site, "?q=sant%C3%A9")
    resources, actors = _facet_count(page, "fiche", "ressource"), _facet_count(page, "fiche", "acteur")
    _check(page, "fiche", "ressource")
    _check(page, "fiche", "acteur")
    assert _count(page) == resources + actors  # OR within a facet
    # AND across facets: a territory narrows the two kinds together.
    _open_facet(page, "territoire")
    lille = _facet_count(page, "territoire", "lille")
    _check(page, "territoire", "lille")
    assert _count(page) == lille < resources + actors


@pytest.mark.browser
def test_a_parent_term_includes_its_children(page: Any, served_site: str) -> None:
    _open(page, served_site, "?thematique=sante-sexuelle--depistage")
    child = _count(page)
    _open(page, served_site, "?thematique=sante-sexuelle")
    assert _count(page) > child > 0
    assert page.locator("#mj-f-thematique-sante-sexuelle").is_checked()
    assert page.locator("[data-facet=thematique]").get_attribute("open") is not None


@pytest.mark.browser
def test_counts_before_any_search_match_the_index(page: Any, served_site: str) -> None:
    """The page opens with the counts over all records (written at build time), the same Pagefind gives."""
    _open(page, served_site)
    _open_facet(page, "territoire")
    before = {value: _facet_count(page, "territoire", value) for value in ("hainaut", "lille", "nord")}
    acteurs = _facet_count(page, "fiche", "acteur")
    for value, count in before.items():
        _open(page, served_site, f"?territoire={value}")
        assert _count(page) == count > 0, value
    _open(page, served_site, "?fiche=acteur")
    assert _count(page) == acteurs


@pytest.mark.browser
def test_the_address_keeps_query_and_filters(page: Any, served_site: str) -> None:
    _open(page, served_site, "?q=sant%C3%A9")
    _check(page, "fiche", "ressource")
    _open_facet(page, "public")
    _check(page, "public", "jeunes")
    narrowed, titles = _status(page), _titles(page)
    assert "q=sant%C3%A9" in page.url and "fiche=ressource" in page.url and "public=jeunes" in page.url
    page.reload()
    _settle(page)
    assert page.locator("#mj-q").input_value() == "santé"
    assert page.locator("#mj-f-fiche-ressource").is_checked() and page.locator("#mj-f-public-jeunes").is_checked()
    assert (_status(page), _titles(page)) == (narrowed, titles)
    # The back button undoes the last choice.
    page.go_back()
    _settle(page)
    assert "public=jeunes" not in page.url and not page.locator("#mj-f-public-jeunes").is_checked()
    assert page.locator("#mj-f-fiche-ressource").is_checked()


@pytest.mark.browser
def test_keyboard_only_reaches_a_result(page: Any, served_site: str) -> None:
    _open(page, served_site)
    assert page.evaluate("document.activeElement.id") == "mj-q"  # an empty search page starts in its field
    page.keyboard.type("dépistage")
    page.keyboard.press("Enter")
    _settle(page)
    assert _count(page) > 0
    for _ in range(30):
        page.keyboard.press("Tab")
        if page.evaluate("!!document.activeElement.closest('.mj-result__title')"):
            break
    else:
        pytest.fail("aucun résultat n'est atteint au clavier")
    assert page.evaluate("getComputedStyle(document.activeElement).outlineStyle") != "none"
    target = page.evaluate("document.activeElement.href")
    page.keyboard.press("Enter")
    page.wait_for_url(target)
    assert "dépist" in page.locator("h1").inner_text().lower()


@pytest.mark.browser
def test_results_speak_to_screen_readers(page: Any, served_site: str) -> None:
    _open(page, served_site, "?q=contraception")
    status = page.locator("[data-mj-status]")
    assert status.get_attribute("role") == "status" and status.get_attribute("aria-live") == "polite"
    assert re.match(r"\d+ résultats? pour « contraception »\.", _status(page))
    assert page.locator("ol.mj-results > li h3 > a").count() == min(_count(page), 10)
    assert page.get_by_role("search").count() >= 2  # the page's form and the header's
    assert page.get_by_role("group", name="Type de fiche").count() == 1  # fieldset and legend
    assert page.get_by_role("checkbox", name=re.compile(r"^Ressources \(\d+\)$")).count() == 1  # count in the name


@pytest.mark.browser
@pytest.mark.parametrize("width", [1280, 390], ids=["ordinateur", "téléphone"])
@pytest.mark.parametrize("query", ["", "?q=sant%C3%A9&fiche=ressource", "?q=PrEP&fiche=evenement&territoire=tournai"],
                         ids=["vide", "résultats", "aucun résultat"])
def test_search_page_has_no_wcag_violation(browser: Any, served_site: str, query: str, width: int) -> None:
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    _open(page, served_site, query)
    _open_facet(page, "thematique")
    page.evaluate(AXE.read_text(encoding="utf-8"))  # not an inline script: the site's CSP blocks those
    result = page.evaluate("(tags) => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG)
    assert [f"{v['id']}: {v['help']} — {[n['target'] for n in v['nodes']]}" for v in result["violations"]] == []
    context.close()


@pytest.mark.browser
def test_no_result_offers_to_widen(page: Any, served_site: str) -> None:
    _open(page, served_site, "?q=PrEP&fiche=evenement&territoire=tournai")
    assert _status(page) == "Aucun résultat pour « PrEP » avec 2 filtres."
    assert page.locator("[data-mj-empty]").is_visible()
    assert page.get_by_role("link", name="Retirer le filtre « Événements »").is_visible()
    assert page.get_by_role("link", name="Retirer le filtre « Tournai »").is_visible()
    page.get_by_role("link", name="Chercher « PrEP » sans aucun filtre").click()
    _settle(page)
    assert _count(page) > 0 and page.url.endswith("recherche/?q=PrEP")
    assert not page.locator("[data-mj-empty]").is_visible()
    assert not page.locator("#mj-f-fiche-evenement").is_checked()


@pytest.mark.browser
def test_header_search_box_leads_to_the_search(page: Any, served_site: str) -> None:
    page.goto(served_site + "acteurs/pse-mons/")
    page.fill("#mj-header-q", "contraception")
    page.keyboard.press("Enter")
    _settle(page)
    assert page.url == served_site + "recherche/?q=contraception" and _count(page) > 0
    # On the search page itself, the header box searches in place.
    page.fill("#mj-header-q", "vaccination")
    page.keyboard.press("Enter")
    _settle(page)
    assert page.url.endswith("recherche/?q=vaccination")
    assert page.locator("#mj-q").input_value() == "vaccination"


@pytest.mark.browser
def test_browse_page_opens_the_search_prefiltered(page: Any, served_site: str, sample_site: BuiltSite) -> None:
    term = Html(sample_site.page("thematiques/sante-sexuelle")).text
    expected = int(re.search(r"(\d+) fiches, sous-catégories comprises", term).group(1))  # type: ignore[union-attr]
    page.goto(served_site + "thematiques/sante-sexuelle/")
    page.get_by_role("link", name="Rechercher dans cette thématique").click()
    _settle(page)
    assert page.url.endswith("recherche/?thematique=sante-sexuelle")
    assert _count(page) == expected


@pytest.mark.browser
def test_search_page_without_javascript(browser: Any, served_site: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(served_site + "recherche/?q=d%C3%A9pistage")
    assert page.get_by_text("La recherche a besoin de JavaScript").is_visible()
    assert not page.locator("[data-mj-form]").is_visible()
    page.get_by_role("link", name="Acteurs", exact=True).last.click()
    assert page.url == served_site + "acteurs/"
    context.close()


@pytest.mark.browser
def test_search_page_without_an_index_says_so(page: Any, served_site: str) -> None:
    """A site built without the index (another engine): the page says so and keeps the lists."""
    page.route("**/pagefind/pagefind.js", lambda route: route.abort())
    page.goto(served_site + "recherche/?q=d%C3%A9pistage")
    page.locator("[data-mj-search][data-state=error]").wait_for(state="attached")
    assert page.get_by_text("La recherche n'est pas disponible pour l'instant").is_visible()
    assert not page.locator("[data-mj-form]").is_visible()
    assert page.get_by_role("link", name="Par thématique").is_visible()
