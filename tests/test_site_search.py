"""Search: the Pagefind index every build writes, the search page with its facets in headless Chromium (a query,
accents, narrowing and widening, the address as state, the keyboard, screen reader cues), the site without
JavaScript. The transfer measurement (bench/search_transfer.py) is checked in test_bench_search_transfer.py."""

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


@pytest.mark.slow
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
    assert facets == ["fiche", "thematique", "territoire", "public", "type_appel", "ouvert"]
    assert source.count("<fieldset>") == 6 and source.count('<legend class="mj-sr">') == 6
    boxes = {(a["name"], a["value"]) for tag, a in page.elements if tag == "input"
             and a.get("type") == "checkbox" and "name" in a}
    assert {("fiche", kind.schema) for kind in KINDS} <= boxes
    for taxonomy, name in (("thematiques", "thematique"), ("territoires", "territoire"), ("publics", "public")):
        assert {(name, term) for term in catalog.taxonomies[taxonomy].terms} <= boxes
    days = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")
    assert {("ouvert", day) for day in days} <= boxes  # « Ouvert le » : the weekdays
    # Children sit in a list nested under their parent.
    parent = source.index('id="mj-f-thematique-sante-sexuelle"')
    child = source.index('id="mj-f-thematique-sante-sexuelle--depistage"')
    assert parent < child and "mj-facet__list--nested" in source[parent:child]
    # Without JavaScript: a message and the browse pages, which lead to every record.
    assert "La recherche a besoin de JavaScript" in page.text
    for target in ("../acteurs/", "../ressources/", "../pratiques/", "../agenda/", "../thematiques/", "../publics/"):
        assert target in page.links


def test_search_page_carries_the_stop_words_the_filter_button_and_the_finders(sample_site: BuiltSite) -> None:
    from generator.reading import words as stop_words

    page = Html(sample_site.page("recherche"))
    (_, root), = page.having("data-mj-search")
    assert set(root["data-stop-words"].split()) == stop_words.BARE_STOP_WORDS  # the index's list, for the script
    assert {"aux", "du", "dans", "le", "a", "ete"} <= set(root["data-stop-words"].split())
    (_, toggle), = page.having("data-mj-toggle")
    assert toggle["aria-expanded"] == "false" and toggle["aria-controls"] == "mj-filtres"
    assert ("div", "mj-filtres") in [(tag, attrs.get("id")) for tag, attrs in page.elements]
    (_, see), = page.having("data-mj-apply")
    assert see["type"] == "button" and see["aria-controls"] == "mj-resultats"
    finders = [attrs for _, attrs in page.having("data-mj-find")]
    assert [f["id"] for f in finders] == ["mj-trouver-territoire"]  # the other facets are short
    assert '<label for="mj-trouver-territoire">Trouver un territoire</label>' in sample_site.page("recherche")
    assert "name" not in finders[0]  # never sent with the form: it only narrows a list


def test_a_long_facet_gets_a_finder() -> None:
    from generator.search.records import FINDABLE, Choice, Facet

    short = Facet("public", "Publics", tuple(Choice(str(n), str(n), 1) for n in range(FINDABLE)))
    long = Facet("public", "Publics", (*short.choices, Choice("x", "X", 1, (Choice("y", "Y", 1),))))
    assert short.finder == "" and long.finder == "Trouver parmi les publics"
    assert Facet("territoire", "Territoires").finder == "Trouver un territoire"


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


def _search_copies(pid: int) -> set[Path]:
    """The searchable copies the process `pid` holds in /dev/shm, where copies_folder() puts them when it can (else
    in TMPDIR): by the folders it holds open, so that other builds running meanwhile on the machine do not count."""
    held = set()
    for descriptor in Path(f"/proc/{pid}/fd").iterdir():
        try:
            target = Path(os.readlink(descriptor))
        except OSError:  # closed meanwhile
            continue
        if target.parent == Path("/dev/shm") and target.name.startswith(f"{scratch.MARK}recherche-"):
            held.add(target)
    return held


@pytest.mark.slow
def test_maillage_serve_writes_the_index_and_leaves_nothing_behind(tmp_path: Path) -> None:
    """Stopped by the system (SIGTERM) as by Ctrl+C: the served site and the searchable copies are removed."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    command = [str(Path(sys.executable).parent / "maillage"), "serve", "--dev-addr", f"127.0.0.1:{port}"]
    temporary = tmp_path / "temporaire"
    temporary.mkdir()
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
            copies = _search_copies(server.pid)
            assert copies or any(temporary.glob(f"{scratch.MARK}recherche-*"))
        finally:
            server.terminate()
            code = server.wait(timeout=30)
    assert code == 0, (tmp_path / "serve.log").read_text()
    assert list(temporary.iterdir()) == []
    assert not any(copy.exists() for copy in copies)


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
    """Open a facet's panel (on a phone, the filters' first); its counts load then (the toggle event comes a
    moment after the click)."""
    toggle = page.locator("[data-mj-toggle]")
    if toggle.is_visible() and toggle.get_attribute("aria-expanded") == "false":
        toggle.click()
    if page.locator(f"[data-facet={facet}]").get_attribute("open") is None:  # a chosen facet opens by itself
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
    _open_facet(page, "territoire")
    page.get_by_label("Trouver un territoire").fill("lil")  # the finder, its status and a narrowed list
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


# --- French queries: stop words, synonyms -------------------------------------------------------------


def _all_titles(page: Any) -> list[str]:
    """Every result's title, the next pages of results shown."""
    more = page.locator("[data-mj-more]")
    while more.is_visible():
        shown = page.locator(".mj-results > li").count()
        more.click()
        page.locator(f".mj-results > li:nth-child({shown + 1})").wait_for(state="attached")
    assert page.locator(".mj-results > li").count() == _count(page)
    return _titles(page)


@pytest.mark.browser
@pytest.mark.parametrize(("with_stop_words", "without"), [
    ("acc%C3%A8s+aux+droits", "acc%C3%A8s+droits"),
    ("Acc%C3%A8s+aux+droits+en+sant%C3%A9", "Acc%C3%A8s+droits+sant%C3%A9"),  # a thématique's own label
    ("pilule+du+lendemain", "pilule+lendemain"),
    ("violences+dans+le+couple", "violences+couple"),
    ("l%27IVG+et+la+contraception", "l%27IVG+contraception"),
], ids=["accès aux droits", "libellé d'une thématique", "pilule du lendemain", "violences dans le couple", "l'IVG"])
def test_stop_words_in_a_query_change_nothing(page: Any, served_site: str, with_stop_words: str, without: str) -> None:
    _open(page, served_site, f"?q={without}")
    expected, count = _all_titles(page), _count(page)
    assert count > 0
    _open(page, served_site, f"?q={with_stop_words}")
    assert (_count(page), _all_titles(page)) == (count, expected)
    marked = {word.lower() for word in page.locator(".mj-results mark").all_inner_texts()}
    assert not marked & {"aux", "du", "dans", "le", "la", "et", "en"}  # stop words are not highlighted


@pytest.mark.browser
def test_no_result_hints_never_suggest_a_stop_word(page: Any, served_site: str) -> None:
    _open(page, served_site, "?q=chemsex+dans+le+Tournai")
    assert _status(page) == "Aucun résultat pour « chemsex dans le Tournai »."
    hints = page.locator("[data-mj-widen] a").all_inner_texts()
    assert "Chercher seulement « chemsex »" in hints and "Chercher seulement « Tournai »" in hints
    assert not [hint for hint in hints if "« dans »" in hint or "« le »" in hint]
    # A query of stop words alone: the page says why it searches nothing.
    _open(page, served_site, "?q=de+la")
    assert _status(page).startswith("« de la » : ces mots sont trop courants pour être cherchés.")
    assert _titles(page) == []
    _open(page, served_site, "?q=de+la&fiche=evenement")  # with a filter, the filter alone applies
    ignored = r"\d+ résultats avec 1 filtre \(« de la » : mots trop courants, non cherchés\)\."
    assert re.fullmatch(ignored, _status(page))


@pytest.mark.browser
@pytest.mark.parametrize(("query", "said", "title", "record"), [
    ("avortement", "IVG", "Collectif pour le droit à l'IVG en Hainaut", "acteurs/collectif-ivg-hainaut"),
    ("capote", "préservatif", "Tournai Prévention", "acteurs/tournai-prevention"),
    ("MST", "IST", "Centre de santé sexuelle de Maubeuge", "acteurs/centre-sante-sexuelle-maubeuge"),
], ids=["avortement", "capote", "MST"])
def test_synonyms_find_records_saying_the_other_word(
    page: Any, served_site: str, sample_site: BuiltSite, query: str, said: str, title: str, record: str
) -> None:
    text = Html(sample_site.page(record)).text.lower()
    assert said.lower() in text and query.lower() not in text  # the record never says the word searched
    _open(page, served_site, f"?q={query}")
    assert title in _all_titles(page)


@pytest.mark.browser
def test_an_actors_acronym_finds_what_names_it_in_full(page: Any, served_site: str, sample_site: BuiltSite) -> None:
    """The sigle "OSHN" is a synonym of "Observatoire transfrontalier de la santé Hainaut–Nord"."""
    _open(page, served_site, "?q=OSHN")
    found = _all_titles(page)
    assert "Observatoire transfrontalier de la santé Hainaut–Nord" in found
    named = [title for title in found if title != "Observatoire transfrontalier de la santé Hainaut–Nord"]
    assert named  # records naming the observatory in full, never by its sigle
    _open(page, served_site, "?q=Observatoire+transfrontalier+sant%C3%A9+Hainaut")
    assert set(named) <= set(_all_titles(page))


# --- on a phone ---------------------------------------------------------------------------------------


@pytest.fixture
def phone(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True)
    opened = context.new_page()
    errors: list[str] = []
    opened.on("pageerror", lambda error: errors.append(str(error)))
    yield opened
    context.close()
    assert errors == []


def _in_view(page: Any, selector: str) -> bool:
    box = page.locator(selector).first.bounding_box()
    height = page.viewport_size["height"]
    return box is not None and box["y"] >= 0 and box["y"] + box["height"] <= height


@pytest.mark.browser
def test_on_a_phone_the_results_come_first(phone: Any, served_site: str) -> None:
    _open(phone, served_site, "?q=sant%C3%A9")
    toggle = phone.locator("[data-mj-toggle]")
    assert toggle.is_visible() and toggle.get_attribute("aria-expanded") == "false"
    assert toggle.get_attribute("aria-controls") == "mj-filtres"
    assert not phone.locator("#mj-filtres").is_visible()
    first = phone.locator(".mj-result").first.bounding_box()
    assert first is not None and first["y"] < 844 * 0.7  # the first result's title and facts on the first screen
    assert _in_view(phone, ".mj-result__title")


@pytest.mark.browser
def test_the_filter_button_says_what_a_choice_leads_to(phone: Any, served_site: str) -> None:
    _open(phone, served_site, "?q=sant%C3%A9")
    total = _count(phone)
    toggle, see = phone.locator("[data-mj-toggle]"), phone.locator("[data-mj-apply]")
    toggle.click()
    assert toggle.get_attribute("aria-expanded") == "true" and phone.locator("#mj-filtres").is_visible()
    assert see.inner_text() == f"Voir {total} résultats"
    resources = _facet_count(phone, "fiche", "ressource")
    _check(phone, "fiche", "ressource")
    # Right under the thumb: the button at the bottom of the screen counts the results of the new choice.
    assert see.inner_text() == f"Voir {resources} résultats" and resources < total
    assert _in_view(phone, "[data-mj-apply]") and _in_view(phone, "#mj-f-fiche-ressource")
    assert toggle.inner_text() == "Filtrer · 1 filtre"
    assert phone.locator("[data-mj-status]").get_attribute("aria-live") == "polite"  # said to screen readers
    assert _status(phone).startswith(f"{resources} résultats pour « santé » avec 1 filtre")
    see.click()
    assert toggle.get_attribute("aria-expanded") == "false" and not phone.locator("#mj-filtres").is_visible()
    assert phone.evaluate("document.activeElement.id") == "mj-resultats"
    assert _in_view(phone, "#mj-resultats")


@pytest.mark.browser
def test_the_filter_panel_works_with_the_keyboard(phone: Any, served_site: str) -> None:
    _open(phone, served_site, "?q=sant%C3%A9")
    toggle = phone.locator("[data-mj-toggle]")
    toggle.focus()
    phone.keyboard.press("Enter")
    assert toggle.get_attribute("aria-expanded") == "true"
    phone.keyboard.press("Tab")  # into the panel: its first control follows the button
    assert phone.evaluate("!!document.activeElement.closest('#mj-filtres')")
    phone.keyboard.press("Escape")
    assert toggle.get_attribute("aria-expanded") == "false"
    assert phone.evaluate("document.activeElement.dataset.mjToggle") == ""
    phone.keyboard.press(" ")
    assert toggle.get_attribute("aria-expanded") == "true"


@pytest.mark.browser
def test_a_computer_shows_the_filters_beside_the_results(page: Any, served_site: str) -> None:
    _open(page, served_site, "?q=sant%C3%A9")
    assert not page.locator("[data-mj-toggle]").is_visible() and not page.locator("[data-mj-apply]").is_visible()
    filters, results = page.locator("#mj-filtres").bounding_box(), page.locator(".mj-search__results").bounding_box()
    assert filters is not None and results is not None and filters["x"] + filters["width"] <= results["x"]


@pytest.mark.browser
@pytest.mark.parametrize("width", [390, 1280], ids=["téléphone", "ordinateur"])
def test_territories_are_found_by_typing(browser: Any, served_site: str, width: int) -> None:
    context = browser.new_context(viewport={"width": width, "height": 844})
    page = context.new_page()
    _open(page, served_site)
    _open_facet(page, "territoire")
    options = page.locator("[data-facet=territoire] li[data-value]:visible")
    every = options.count()
    finder = page.get_by_label("Trouver un territoire")
    assert finder.get_attribute("type") == "search"
    finder.fill("lil")
    narrowed = options.count()
    assert 0 < narrowed < every
    labels = [label.split(" (")[0] for label in page.locator(
        "[data-facet=territoire] li[data-value]:visible > label").all_inner_texts()]
    assert "Lille" in labels and "Tournai" not in labels
    found = page.locator("[data-facet=territoire] [data-mj-found]")
    assert found.get_attribute("aria-live") == "polite"
    assert re.fullmatch(r"\d+ choix correspond(ent)? à « lil »\.", found.inner_text())
    finder.press("Enter")  # narrowing the list is not a search
    assert "q=" not in page.url and "territoire=" not in page.url
    page.get_by_label(re.compile(r"^Lille \(\d+\)$")).check()
    _settle(page)
    assert page.url.endswith("?territoire=lille")
    finder.fill("zzz")
    assert page.locator("#mj-f-territoire-lille").is_visible()  # the choice stays in sight, to be unchecked
    assert not page.locator("#mj-f-territoire-tournai").is_visible() and options.count() < narrowed
    assert found.inner_text() == "Aucun choix ne correspond à « zzz »."
    finder.fill("")
    assert options.count() == every
    context.close()


@pytest.mark.browser
@pytest.mark.parametrize("width", [320, 195], ids=["320 px", "200 % (195 px)"])
def test_the_open_filters_reflow_on_a_narrow_screen(browser: Any, served_site: str, width: int) -> None:
    context = browser.new_context(viewport={"width": width, "height": 700})
    page = context.new_page()
    _open(page, served_site, "?q=sant%C3%A9")
    for facet in ("thematique", "territoire", "public"):
        _open_facet(page, facet)
    assert page.locator("#mj-filtres").is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= width  # nothing to scroll sideways
    context.close()
