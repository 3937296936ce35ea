"""A second engine gives the same site: the test network written by `maillage generate`, built by Zensical (from
PyPI) and completed by `maillage index`, has every record page with its content, the theme's styles and the
pages' security policy, a search that finds records (Pagefind in Chromium) and a map whose script shows the
places, without a script refused by the policy."""

from __future__ import annotations

import functools
import http.server
import json
import os
import re
import socketserver
import subprocess
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import BuiltSite, Html, copy_project

from generator.cli import main
from generator.contract.kinds import KINDS

ZENSICAL = Path(sys.executable).parent / "zensical"
LOCAL = re.compile(r"^https?://(?!127\.0\.0\.1[:/])")  # anything not served by the test server: tiles …
SETTLED = '[data-mj-search][data-counts="ready"]:not([data-state="loading"])'  # the search page, done


@dataclass(frozen=True)
class ZensicalSite:
    project: Path
    site: Path


@pytest.fixture(scope="module")
def zensical_site(tmp_path_factory: pytest.TempPathFactory) -> ZensicalSite:
    project = copy_project(tmp_path_factory.mktemp("zensical") / "project")
    out = project.parent / "genere"
    assert main(["generate", "--out", str(out), "--config", str(project / "mkdocs.yml")]) == 0
    built = subprocess.run([str(ZENSICAL), "build", "--clean", "-f", str(out / "mkdocs.yml")], capture_output=True,
                           text=True, timeout=600, cwd=out, env={**os.environ, "NO_COLOR": "1"})
    assert built.returncode == 0, built.stdout + built.stderr
    assert "Build finished" in built.stdout + built.stderr
    site = out / "site"
    assert main(["index", str(site), "--config", str(project / "mkdocs.yml")]) == 0
    return ZensicalSite(project, site)


def _records(project: Path) -> list[tuple[str, str, dict[str, Any]]]:
    """(section, id, YAML) of every record of the project."""
    found = []
    for kind in KINDS:
        for path in sorted((project / "data" / kind.folder).glob("*.yml")):
            found.append((kind.section, path.stem, yaml.safe_load(path.read_text(encoding="utf-8"))))
    return found


@pytest.mark.slow
def test_every_record_has_its_page_with_its_content(zensical_site: ZensicalSite) -> None:
    records = _records(zensical_site.project)
    assert len(records) > 80
    for section, record_id, data in records:
        page = zensical_site.site / section / record_id / "index.html"
        assert page.is_file(), page
        html = Html(page.read_text(encoding="utf-8"))
        title = data.get("nom") or data["titre"]
        assert " ".join(str(title).split()) in html.text, page
        article = [attrs for tag, attrs in html.elements if tag == "article" and "data-pagefind-body" in attrs]
        assert article, f"{page}: the record's article, as the MkDocs build writes it"


@pytest.mark.slow
def test_pages_carry_the_theme_and_the_security_policy(zensical_site: ZensicalSite) -> None:
    page = (zensical_site.site / "acteurs" / "asv-lille-moulins" / "index.html").read_text(encoding="utf-8")
    head = page.split("</head>", 1)[0]
    assert '<meta http-equiv="Content-Security-Policy" content="default-src \'self\'' in head
    assert "assets/maillage/maillage.css" in head
    assert "<title>Atelier santé ville de Lille-Moulins · Réseau santé sexuelle Hainaut–Nord</title>" in head
    for asset in ("assets/maillage/carte.js", "assets/maillage/horaires.js", "assets/maillage/recherche.js",
                  "assets/vendor/leaflet/leaflet.js", "assets/vendor/leaflet/LICENSE"):
        assert (zensical_site.site / asset).is_file(), asset


@pytest.mark.slow
def test_the_index_command_writes_the_search_index_and_the_open_data(zensical_site: ZensicalSite) -> None:
    records = _records(zensical_site.project)
    assert len(list((zensical_site.site / "pagefind" / "fragment").iterdir())) == len(records)
    annuaire = json.loads((zensical_site.site / "donnees" / "annuaire.json").read_text(encoding="utf-8"))
    assert annuaire
    assert (zensical_site.site / "donnees" / "evenements.ics").is_file()


def test_index_refuses_a_folder_that_is_not_a_site(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["index", str(tmp_path)]) == 2
    assert "n'est pas un site construit" in capsys.readouterr().err


# --- in Chromium -------------------------------------------------------------------------------------------


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def served(zensical_site: ZensicalSite) -> Iterator[str]:
    handler = functools.partial(_Quiet, directory=str(zensical_site.site))

    class Server(socketserver.ThreadingMixIn, http.server.HTTPServer):
        daemon_threads = True

    server = Server(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    """A page offline but for the test server; the scripts' errors and the policy's refusals are collected."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, reduced_motion="reduce")
    context.route(LOCAL, lambda route: route.abort())
    opened = context.new_page()
    errors: list[str] = []
    opened.on("pageerror", lambda error: errors.append(str(error)))
    opened.on("console", lambda message: errors.append(message.text)
              if "Content Security Policy" in message.text else None)
    yield opened
    context.close()
    assert errors == []


@pytest.mark.browser
def test_search_finds_a_record(page: Any, served: str) -> None:
    page.goto(served + "recherche/?q=bus+d%C3%A9pistage")
    page.locator(SETTLED).wait_for(state="attached", timeout=20_000)
    titles = page.locator(".mj-result__title").all_inner_texts()
    assert "Le bus du dépistage passe près de chez vous" in titles
    link = page.locator(".mj-result__title a").first.get_attribute("href")
    assert link and page.request.get(served.rstrip("/") + link if link.startswith("/") else link).ok


@pytest.mark.browser
def test_the_map_script_shows_every_located_place(page: Any, served: str, zensical_site: ZensicalSite) -> None:
    shown = json.loads((zensical_site.site / "carte" / "lieux.json").read_text(encoding="utf-8"))
    places = shown["lieux"] + shown.get("evenements", [])  # the places, and the events to come that have one
    located = [place for place in places if place.get("lat") is not None or place.get("latitude") is not None]
    assert located
    page.goto(served + "carte/")
    page.wait_for_selector("#mj-carte[data-pret], [data-pret]", state="attached", timeout=20_000)
    found = page.evaluate(
        """() => ({
            singles: document.querySelectorAll('#mj-carte .leaflet-marker-icon:not(.mj-cluster)').length,
            clusters: [...document.querySelectorAll('#mj-carte .mj-cluster')].map(c => Number(c.textContent)),
        })"""
    )
    assert found["singles"] + sum(found["clusters"]) == len(located)


def _article(html: str) -> str:
    """The record's own article (the one Pagefind reads; Zensical puts the content in an article of its own)."""
    start = html.rindex("<article", 0, html.index("data-pagefind-body"))
    return html[start:html.index("</article>", start)]


@pytest.mark.slow
def test_record_articles_are_those_of_the_mkdocs_build(zensical_site: ZensicalSite, sample_site: BuiltSite) -> None:
    """The record as both engines publish it: the same article, byte for byte (the theme around it differs)."""
    different = []
    for section, record_id, _ in _records(zensical_site.project):
        path = f"{section}/{record_id}/index.html"
        ours = (zensical_site.site / path).read_text(encoding="utf-8")
        if _article(ours) != _article((sample_site.site / path).read_text(encoding="utf-8")):
            different.append(path)
    assert different == []
