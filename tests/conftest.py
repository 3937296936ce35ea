"""Shared fixtures: the sample site built once per session, a variant with hostile data, an HTTP server."""

from __future__ import annotations

import functools
import http.server
import logging
import shutil
import socketserver
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from html import unescape
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent

HOSTILE_ACTOR = """\
nom: "Collectif </title><script>alert('nom')</script> test"
type: association
description: |
  Une description piégée : <script>alert(1)</script> et <img src=x onerror="alert(2)">.
  Un [lien piégé](javascript:alert(3)), un autre [en data](data:text/html;base64,PHNjcmlwdD4=)
  et un [vrai lien](https://exemple.example.org/ok).
thematiques:
  - sante-sexuelle--depistage
territoires:
  - lille
services:
  - nom: "Service <b>gras</b>"
    description: "Voir [ici](javascript:alert(4)) ou [là](vbscript:msgbox(5))."
reseaux:
  - reseau-sante-sexuelle-hainaut-nord
date_maj: 2026-10-01
"""


# Debian's Chromium, driven by Playwright (never a browser downloaded at run time); the flags keep it off the
# network it has no business reaching.
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """A headless Chromium per test module (closed after it: Playwright's sync API allows one at a time, and
    bench/search_transfer.py starts its own)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield chromium
        chromium.close()


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@dataclass
class BuiltSite:
    project: Path  # the folder holding mkdocs.yml, docs/ and data/
    site: Path
    warnings: list[str] = field(default_factory=list)

    def page(self, path: str) -> str:
        return (self.site / path / "index.html").read_text(encoding="utf-8")


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def copy_project(target: Path) -> Path:
    """mkdocs.yml, docs/ and data/ of the repository, in a folder a test may modify."""
    target.mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "mkdocs.yml", target / "mkdocs.yml")
    shutil.copytree(ROOT / "docs", target / "docs")
    shutil.copytree(ROOT / "data", target / "data")
    return target


def build_site(project: Path, site: Path, strict: bool = True) -> BuiltSite:
    """Build like `maillage build --strict`, recording every warning MkDocs logs."""
    from generator import mkdocs_run

    collect = _Collect()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(collect)
    try:
        config, plugin = mkdocs_run.load(project / "mkdocs.yml", site, strict=strict)
        mkdocs_run.build(config, plugin)
    finally:
        logger.removeHandler(collect)
    return BuiltSite(project, site, collect.messages)


@pytest.fixture(scope="session")
def sample_site(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    """The repository's own configuration and sample data, built in strict mode."""
    return build_site(ROOT, tmp_path_factory.mktemp("sample") / "site")


@pytest.fixture(scope="session")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    """The sample data plus a record full of HTML and script links, with short list pages (7 per page)."""
    project = copy_project(tmp_path_factory.mktemp("hostile") / "project")
    (project / "data" / "actors" / "collectif-piege.yml").write_text(HOSTILE_ACTOR, encoding="utf-8")
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    (project / "mkdocs.yml").write_text(config.replace("par_page: 50", "par_page: 7"), encoding="utf-8")
    return build_site(project, project / "site")


@pytest.fixture(scope="session")
def served_site(sample_site: BuiltSite) -> Iterator[str]:
    """The sample site over HTTP (as a browser sees it); yields its base address."""
    handler = functools.partial(_Quiet, directory=str(sample_site.site))

    class Server(socketserver.ThreadingMixIn, http.server.HTTPServer):
        daemon_threads = True

    server = Server(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


# --- reading the built HTML ------------------------------------------------------------------------------


class Html(HTMLParser):
    """What the tests look at in a page: ids, links, visible text, JSON-LD, every element's attributes."""

    def __init__(self, source: str) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[str] = []  # href of <a>
        self.elements: list[tuple[str, dict[str, str]]] = []
        self.jsonld: list[str] = []
        self._words: list[str] = []
        self._skip = 0
        self._in_jsonld = False
        self.feed(source)
        self.close()
        self.text = " ".join(" ".join(self._words).split())

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        self.elements.append((tag, values))
        if "id" in values:
            self.ids.add(values["id"])
        if tag == "a" and "href" in values:
            self.links.append(values["href"])
        if tag in ("script", "style", "svg"):
            self._skip += 1
            self._in_jsonld = tag == "script" and values.get("type") == "application/ld+json"

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style", "svg"):
            self._skip = max(0, self._skip - 1)
            self._in_jsonld = False

    def handle_data(self, data: str) -> None:
        if self._in_jsonld:
            self.jsonld.append(data)
        elif not self._skip:
            self._words.append(data)

    def having(self, attribute: str) -> list[tuple[str, dict[str, str]]]:
        return [(tag, attrs) for tag, attrs in self.elements if attribute in attrs]


def squeeze(text: str) -> str:
    return " ".join(unescape(text).split())
