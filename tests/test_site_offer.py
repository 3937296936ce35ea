"""The offer by territory (/offre/ and one page per territory with subdivisions): every count checked against the
records (a parent term counts its children), the empty cells said in words, each count linking to the search
that finds the same actors (followed in Chromium), offre.csv in the open data, axe-core on the pages."""

from __future__ import annotations

import csv
import io
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from conftest import NETWORK, BuiltSite, Html
from test_site_a11y import AXE, WCAG
from test_site_search import SETTLED
from tiny_network import actor, write_network

from generator.build import read
from generator.contract.kinds import ACTOR
from generator.contract.model import Actor
from generator.exports import offer as offer_export
from generator.exports.common import ExportSettings
from generator.reading.catalog import Catalog
from generator.settings import Settings


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return read(Settings(data_dir=NETWORK / "data")).catalog


def lineage(catalog: Catalog, taxonomy: str, terms: list[str]) -> set[str]:
    tree = catalog.taxonomies[taxonomy]
    return {ancestor for term in terms for ancestor in tree.lineage(term)}


def expected(catalog: Catalog, thematique: str, territoire: str) -> tuple[list[Actor], int]:
    """The actors of one cell, and how many act there from a wider territory when none does."""
    actors = [a for a in catalog.of(ACTOR) if isinstance(a, Actor)]
    inside = [a for a in actors if thematique in lineage(catalog, "thematiques", a.thematiques)
              and territoire in lineage(catalog, "territoires", a.territoires)]
    above = set(catalog.taxonomies["territoires"].lineage(territoire)[1:])
    wider = [a for a in actors if thematique in lineage(catalog, "thematiques", a.thematiques)
             and above & set(a.territoires)]
    return inside, 0 if inside else len(wider)


class Matrix(HTMLParser):
    """The table of an /offre/ page: column territories (from their labels), and each row's cells."""

    def __init__(self, source: str) -> None:
        super().__init__(convert_charrefs=True)
        self.headers: list[str] = []
        self.rows: list[tuple[str, list[dict[str, Any]]]] = []
        self._where = ""
        self._cell: dict[str, Any] | None = None
        self.feed(source)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        if tag == "thead":
            self._where = "head"
        elif tag == "tbody":
            self._where = "body"
        elif tag == "th" and self._where in ("head", "body"):
            self._cell = {"th": True, "text": "", "links": []}
        elif tag == "td":
            self._cell = {"th": False, "text": "", "links": [], "class": values.get("class", ""),
                          "acteurs": int(values["data-acteurs"]), "services": int(values["data-services"])}
        elif tag == "a" and self._cell is not None:
            self._cell["links"].append(values["href"])

    def handle_endtag(self, tag: str) -> None:
        if tag in ("th", "td") and self._cell is not None:
            cell, self._cell = self._cell, None
            cell["text"] = " ".join(cell["text"].split())
            if self._where == "head":
                self.headers.append(cell["text"])
            elif cell["th"]:
                self.rows.append((cell["text"], []))
            else:
                self.rows[-1][1].append(cell)
        elif tag in ("thead", "tbody"):
            self._where = ""

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell["text"] += data


def offer_pages(sample_site: BuiltSite, catalog: Catalog) -> list[tuple[str | None, str]]:
    tree = catalog.taxonomies["territoires"]
    return [(None, "offre")] + [(t, f"offre/{t}") for t in tree.terms if tree.children.get(t)]


def test_every_count_is_that_of_the_records(sample_site: BuiltSite, catalog: Catalog) -> None:
    themes, places = catalog.taxonomies["thematiques"], catalog.taxonomies["territoires"]
    by_label = {places.label(t): t for t in places.terms}
    theme_ids = [term.id for term, _ in themes.walk()]
    empty_seen = 0
    for parent, path in offer_pages(sample_site, catalog):
        table = Matrix(sample_site.page(path))
        columns = [by_label[label] for label in table.headers[1:]]
        if parent is None:
            roots = [t.id for t in places.roots()]
            assert columns == [c for r in roots for c in [r, *places.children.get(r, [])]]
        else:
            assert columns == [parent, *places.children[parent]]
        assert [label for label, _ in table.rows] == [themes.label(t) for t in theme_ids]
        for theme, (_, cells) in zip(theme_ids, table.rows, strict=True):
            for place, cell in zip(columns, cells, strict=True):
                actors, wider = expected(catalog, theme, place)
                assert (cell["acteurs"], cell["services"]) == (len(actors), sum(len(a.services) for a in actors))
                if actors:
                    assert cell["text"].startswith(f"{len(actors)} acteur")
                    (link,) = cell["links"]
                    address = urlsplit(link)
                    assert address.path == "../recherche/" if parent is None else "../../recherche/"
                    assert parse_qs(address.query) == {"fiche": ["acteur"], "thematique": [theme],
                                                       "territoire": [place]}
                else:
                    empty_seen += 1
                    assert "mj-offre__vide" in cell["class"] and cell["text"].startswith("Aucun")
                    assert cell["links"] == []
                    assert (f"{wider} plus large" in cell["text"]) == (wider > 0)
    assert empty_seen, "the test network has territories where nobody acts on some thématique"


def test_territories_with_subdivisions_lead_to_their_own_table(sample_site: BuiltSite, catalog: Catalog) -> None:
    tree = catalog.taxonomies["territoires"]
    on_first_page = {c for r in tree.roots() for c in [r.id, *tree.children.get(r.id, [])]}
    for parent, path in offer_pages(sample_site, catalog)[1:]:
        assert parent is not None
        above = tree.terms[parent].parent
        linking = "offre" if parent in on_first_page else f"offre/{above}"  # where it is a column
        prefix = "../" * linking.count("/") + "../"
        assert f"{prefix}{path}/" in Html(sample_site.page(linking)).links, (parent, linking)
        inner = Html(sample_site.page(path))
        assert tree.label(parent) in inner.text
        for link in inner.links:
            if link.startswith("../") and "recherche/" not in link:
                target = (sample_site.site / path / link.split("#")[0]).resolve()
                assert (target / "index.html").is_file() or target.is_file(), link


def test_the_whole_matrix_is_in_the_open_data(sample_site: BuiltSite, catalog: Catalog) -> None:
    raw = (sample_site.site / "donnees" / "offre.csv").read_bytes()
    assert raw.startswith("\ufeff".encode())
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    themes, places = catalog.taxonomies["thematiques"], catalog.taxonomies["territoires"]
    assert len(rows) == len(themes.terms) * len(places.terms)
    for row in rows:
        actors, wider = expected(catalog, row["thematique"], row["territoire"])
        assert int(row["acteurs"]) == len(actors)
        assert int(row["services"]) == sum(len(a.services) for a in actors)
        assert row["aucun_acteur"] == ("non" if actors else "oui")
        assert int(row["acteurs_territoire_plus_large"]) == wider
        assert row["territoire_libelle"] == places.label(row["territoire"])
    assert "../donnees/offre.csv" in Html(sample_site.page("donnees")).links


# --- in the browser ---------------------------------------------------------------------------------------


@pytest.mark.browser
def test_a_count_leads_to_a_search_finding_as_many_actors(browser: Any, served_site: str, catalog: Catalog) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    for theme, place in (("sante-sexuelle", "nord"), ("sante-sexuelle--depistage", "hainaut")):
        page.goto(served_site + ("offre/" if place == "nord" else "offre/wallonie/"))
        actors, _ = expected(catalog, theme, place)
        link = page.locator(f"a[href$='thematique={theme}&territoire={place}']")
        assert link.inner_text().split()[0] == str(len(actors))
        link.click()
        page.locator(SETTLED).wait_for(state="attached", timeout=20_000)
        status = page.locator("[data-mj-status]").inner_text()
        found = re.match(r"(\d+) résultats?", status)
        assert found and int(found.group(1)) == len(actors), status
        titles = set(page.locator(".mj-result__title").all_inner_texts())  # the first results shown
        assert titles and titles <= {a.nom for a in actors}
    context.close()


@pytest.mark.browser
@pytest.mark.parametrize("width", [1280, 320], ids=["ordinateur", "320 px"])
@pytest.mark.parametrize("path", ["offre/", "offre/nord/"])
def test_no_wcag_violation_and_no_sideways_scroll(browser: Any, served_site: str, path: str, width: int) -> None:
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    page.goto(served_site + path)
    page.evaluate(AXE.read_text(encoding="utf-8"))
    result = page.evaluate("(tags) => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG)
    assert [f"{v['id']}: {v['help']} — {[n['target'] for n in v['nodes']]}" for v in result["violations"]] == []
    assert page.evaluate("document.documentElement.scrollWidth") <= width  # the table scrolls in its own box
    context.close()


def test_a_label_a_spreadsheet_would_run_is_made_inert(tmp_path: Path) -> None:
    project = write_network(tmp_path, {"actors/seul.yml": actor("Seul")})
    taxonomy = project / "data" / "taxonomies" / "thematiques.yml"
    taxonomy.write_text(taxonomy.read_text(encoding="utf-8").replace("label: Dépistage", 'label: "=1+1 Dépistage"'),
                        encoding="utf-8")
    reading = read(Settings(data_dir=project / "data"))
    assert not reading.errors
    rows = list(csv.DictReader(io.StringIO(offer_export.table(reading.catalog, ExportSettings()).decode("utf-8-sig"))))
    labels = {row["thematique"]: row["thematique_libelle"] for row in rows}
    assert labels["depistage"] == "'=1+1 Dépistage"
    lille = next(r for r in rows if (r["thematique"], r["territoire"]) == ("depistage", "lille"))
    other = next(r for r in rows if (r["thematique"], r["territoire"]) == ("addictions", "lille"))
    assert (lille["acteurs"], lille["aucun_acteur"], other["aucun_acteur"]) == ("1", "non", "oui")
