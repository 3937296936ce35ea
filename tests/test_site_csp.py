"""Every page carries a Content-Security-Policy: scripts only from the site itself (and the theme's inline scripts,
by hash), Pagefind's WebAssembly, images from the site and the configured map tiles. The site works under it in
Chromium, with no violation reported, and a script slipped into a page does not run."""

from __future__ import annotations

import base64
import functools
import hashlib
import http.server
import json
import re
import shutil
import socket
import socketserver
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import BuiltSite, Html, build_site, copy_project

from generator.engines import mkdocs_run
from generator.site import csp

TILES = re.compile(r"^https://tile\.openstreetmap\.org/")
OUTSIDE = re.compile(r"^https?://(?!127\.0\.0\.1[:/])")
TILE_IMAGE = Path(__file__).resolve().parents[1] / "generator/site/theme/assets/vendor/leaflet/images/marker-icon.png"
# Listens from the first script on: every violation of the policy, as the browser reports it.
LISTEN = """window.__violations = [];
document.addEventListener('securitypolicyviolation',
  (e) => window.__violations.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`));"""


def _policy(html: str) -> str:
    found = [attrs.get("content", "") for tag, attrs in Html(html).elements
             if tag == "meta" and attrs.get("http-equiv", "").lower() == "content-security-policy"]
    assert len(found) == 1, "one policy per page"
    return found[0]


def _directives(policy: str) -> dict[str, list[str]]:
    return {name: sources for name, *sources in (part.split() for part in policy.split(";") if part.strip())}


def _pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


# --- the policy, without a browser ---------------------------------------------------------------------


def test_every_page_carries_the_same_strict_policy(sample_site: BuiltSite) -> None:
    pages = _pages(sample_site.site)
    policies = {_policy(page.read_text(encoding="utf-8")) for page in pages}
    assert len(pages) > 100 and len(policies) == 1
    rules = _directives(policies.pop())
    assert rules["default-src"] == ["'self'"]
    scripts = rules["script-src"]
    assert scripts[:2] == ["'self'", "'wasm-unsafe-eval'"]
    assert all(source.startswith("'sha256-") for source in scripts[2:])
    assert "'unsafe-inline'" not in scripts and "'unsafe-eval'" not in scripts
    assert rules["object-src"] == ["'none'"] and rules["base-uri"] == ["'self'"]
    assert rules["img-src"] == ["'self'", "data:", "https://tile.openstreetmap.org"]
    assert rules["style-src"] == ["'self'"] and rules["form-action"] == ["'self'"]


def test_every_inline_script_is_allowed_by_its_hash(sample_site: BuiltSite) -> None:
    """The theme's inline scripts are the same on every page (their values are in attributes), and each is named
    in the policy; the other scripts are files of the site, or data (JSON-LD, the theme's configuration)."""
    inline: set[str] = set()
    for page in _pages(sample_site.site):
        html = page.read_text(encoding="utf-8")
        allowed = _directives(_policy(html))["script-src"]
        for attrs, body in re.findall(r"<script([^>]*)>(.*?)</script>", html, re.S):
            if "src=" in attrs:
                assert not re.search(r'src="(https?:)?//', attrs), f"{page}: {attrs}"
            elif "application/ld+json" in attrs or "application/json" in attrs:
                assert "</" not in body
            else:
                digest = f"'sha256-{base64.b64encode(hashlib.sha256(body.encode()).digest()).decode()}'"
                assert digest in allowed, f"{page}: {body[:80]}"
                inline.add(body)
    assert len(inline) == 2  # Material's scope and its tabbed-content script


@pytest.mark.parametrize(("tiles", "expected"), [
    ("", None),
    ("https://tile.openstreetmap.org/{z}/{x}/{y}.png", "https://tile.openstreetmap.org"),
    ("https://{s}.tile.openstreetmap.fr/osmfr/{z}/{x}/{y}.png", "https://*.tile.openstreetmap.fr"),
    ("http://tuiles.example.org:8080/{z}/{x}/{y}.png", "http://tuiles.example.org:8080"),
])
def test_the_tile_server_is_the_only_other_image_source(tiles: str, expected: str | None) -> None:
    assert csp.tiles_source(tiles) == expected
    images = _directives(csp.policy(tiles, []))["img-src"]
    assert images == ["'self'", "data:", *([expected] if expected else [])]


@pytest.mark.parametrize("tiles", [
    "https://tiles.example.org; script-src *", "javascript:alert(1)", "https://'self'/x", "//tiles.example.org/x",
    "https://tiles.example.org\"><script>/x", "https:///{z}.png", "https://*.example.org/x",
])
def test_a_tile_address_that_would_change_the_policy_stops_the_build(tmp_path: Path, tiles: str) -> None:
    project = copy_project(tmp_path / "project")
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(re.sub(r"carte_tuiles: .*", f"carte_tuiles: {json.dumps(tiles)}", text), encoding="utf-8")
    with pytest.raises(mkdocs_run.Problem, match=r"adresse des tuiles invalide .* \(option carte_tuiles\)"):
        build_site(project, tmp_path / "site")
    assert not (tmp_path / "site" / "index.html").exists()


@pytest.mark.slow
def test_without_tiles_no_image_comes_from_elsewhere(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(re.sub(r"carte_tuiles: .*", 'carte_tuiles: ""', text), encoding="utf-8")
    built = build_site(project, tmp_path / "site")
    assert _directives(_policy(built.page("carte")))["img-src"] == ["'self'", "data:"]


# --- the site at work under the policy, in Chromium ----------------------------------------------------


def _serve(folder: Path) -> Iterator[str]:
    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, format: str, *args: object) -> None:
            pass

    class Server(socketserver.ThreadingMixIn, http.server.HTTPServer):
        daemon_threads = True

    server = Server(("127.0.0.1", 0), functools.partial(Quiet, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


class Watched:
    """A page whose policy violations, console errors and script errors are recorded; offline but for the test
    server, and for the map tiles, which get a small image."""

    def __init__(self, browser: Any) -> None:
        self.context = browser.new_context(viewport={"width": 1280, "height": 900}, reduced_motion="reduce")
        self.context.route(OUTSIDE, self._outside)
        self.page = self.context.new_page()
        self.page.add_init_script(LISTEN)
        self.errors: list[str] = []
        self.page.on("console", lambda message: self.errors.append(message.text) if message.type == "error" else None)
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))

    @staticmethod
    def _outside(route: Any) -> None:
        if TILES.match(route.request.url):
            route.fulfill(status=200, content_type="image/png", body=TILE_IMAGE.read_bytes())
        else:
            route.abort()

    def open(self, url: str) -> Any:
        self.page.goto(url)
        self.page.wait_for_load_state("load")
        return self.page

    def violations(self) -> list[str]:
        return list(self.page.evaluate("window.__violations"))


@pytest.fixture
def watched(browser: Any) -> Iterator[Watched]:
    opened = Watched(browser)
    yield opened
    opened.context.close()


def _record(site: Path, section: str) -> str:
    return f"{section}/{sorted(p.name for p in (site / section).iterdir() if (p / 'index.html').is_file())[0]}/"


@pytest.mark.browser
def test_static_pages_work_without_any_violation(watched: Watched, served_site: str, sample_site: BuiltSite) -> None:
    paths = ["", "acteurs/", "ressources/", "thematiques/", "thematiques/sante-sexuelle/", "territoires/",
             "publics/", "donnees/", "charte/", "404.html",
             *(_record(sample_site.site, section) for section in ("ressources", "pratiques", "agenda"))]
    for path in paths:
        page = watched.open(served_site + path)
        # Material's inline scripts ran (they are allowed by their hashes): its scope and storage helpers exist.
        assert page.evaluate("typeof __md_get === 'function' && __md_scope instanceof URL"), path
        assert watched.violations() == [] and watched.errors == [], path


@pytest.mark.browser
def test_the_agenda_works_without_any_violation(watched: Watched, served_site: str) -> None:
    page = watched.open(served_site + "agenda/")
    assert page.locator(".mj-list__title").count() > 0
    page.locator(".mj-list__title").first.click()
    page.wait_for_url(re.compile(r"/agenda/[a-z0-9-]+/$"))
    assert page.locator("a[href$='.ics']").count() > 0
    assert watched.violations() == [] and watched.errors == []


def _results(page: Any) -> int:
    found = re.match(r"(\d+) résultats?", page.locator("[data-mj-status]").inner_text())
    return int(found.group(1)) if found else 0


@pytest.mark.browser
def test_search_and_its_filters_work_without_any_violation(watched: Watched, served_site: str) -> None:
    # Selectors, not wait_for_function: Playwright evaluates its predicate with eval, which the policy forbids.
    settled = '[data-mj-search][data-counts="ready"]:not([data-state="loading"])'
    page = watched.open(served_site + "recherche/?q=d%C3%A9pistage")
    page.locator(settled).wait_for(state="attached", timeout=20_000)
    found = _results(page)
    assert found > 1 and page.locator(".mj-result__title").count() > 1  # Pagefind's WebAssembly ran
    page.locator("#mj-f-fiche-ressource").click()
    page.locator(settled).wait_for(state="attached", timeout=20_000)
    assert 0 < _results(page) < found
    assert watched.violations() == [] and watched.errors == []


@pytest.mark.browser
def test_the_maps_work_without_any_violation(watched: Watched, served_site: str, sample_site: BuiltSite) -> None:
    for path in ("carte/", "acteurs/caarud-le-relais/"):
        page = watched.open(served_site + path)
        page.wait_for_selector("[data-pret]", state="attached")
        assert page.locator(".leaflet-marker-icon").count() > 0, path
        page.locator(".leaflet-tile-loaded").first.wait_for(state="attached")  # tiles allowed
        page.locator(".leaflet-marker-icon").first.click()
        assert watched.violations() == [] and watched.errors == [], path


@pytest.mark.browser
def test_a_script_slipped_into_a_record_does_not_run(watched: Watched, sample_site: BuiltSite, tmp_path: Path) -> None:
    """Were a template ever to let a record's text through unescaped, the browser would still refuse to run it."""
    site = tmp_path / "site"
    shutil.copytree(sample_site.site, site)
    record = site / _record(site, "acteurs") / "index.html"
    html = record.read_text(encoding="utf-8")
    slipped = ('<script>window.__ran = "script"</script><img src="x" onerror="window.__ran = \'attribut\'">'
               '<a id="piege" href="javascript:window.__ran=\'lien\'">piège</a>'
               '<script src="https://pirate.example.org/x.js"></script>')
    record.write_text(html.replace('<article class="mj-record', slipped + '<article class="mj-record', 1),
                      encoding="utf-8")
    for base in _serve(site):
        page = watched.open(base + record.parent.relative_to(site).as_posix() + "/")
        page.locator("#piege").click()
        page.wait_for_timeout(200)
        assert page.evaluate("window.__ran") is None
        blocked = " ".join(watched.violations())
        assert "script-src-elem inline" in blocked and "script-src-attr inline" in blocked
        assert "pirate.example.org" in blocked


@pytest.mark.browser
def test_the_preview_reloads_under_the_policy(watched: Watched, tmp_path: Path) -> None:
    """`maillage serve` adds its live reload (an inline script) to each page: the policy allows it by a nonce."""
    project = copy_project(tmp_path / "project")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    command = [str(Path(sys.executable).parent / "maillage"), "serve", "--dev-addr", f"127.0.0.1:{port}"]
    with (tmp_path / "serve.log").open("wb") as log:
        server = subprocess.Popen(command, cwd=project, stdout=log, stderr=subprocess.STDOUT)
        try:
            deadline = time.monotonic() + 120
            while True:
                try:
                    with urllib.request.urlopen(f"http://127.0.0.1:{port}/acteurs/"):
                        break
                except OSError:
                    assert server.poll() is None and time.monotonic() < deadline, (tmp_path / "serve.log").read_text()
                    time.sleep(0.5)
            polled: list[str] = []
            watched.page.on("request", lambda request: polled.append(request.url) if "/livereload/" in request.url
                            else None)
            page = watched.open(f"http://127.0.0.1:{port}/acteurs/")
            page.wait_for_timeout(500)
            assert [url for url in polled if "/livereload/" in url], "the live reload script ran"
            assert watched.violations() == [] and watched.errors == []
        finally:
            server.terminate()
            server.wait(timeout=30)
