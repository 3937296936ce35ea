"""Search transfer: what a browser downloads for its first query on the search page, and how soon results show.

    .venv/bin/python bench/search_transfer.py SITE_DIR [--query "dépistage VIH jeunes Charleroi"] [--gzip]
    .venv/bin/python bench/search_transfer.py SITE_DIR --query "" --filters thematique=sante-sexuelle

`measure_first_query(site_dir, query)` serves a built site on localhost (a thread), opens
/recherche/?q=<query> in headless Chromium with an empty cache and adds up the bytes of every response under
/pagefind/ (pagefind.js, the WebAssembly, the entry and meta files, the index, filter and fragment chunks)
received before the first results are on screen. The page's own HTML, CSS and JS, which every page shares
or which is the page itself, are not counted. The facet counts are loaded after the results: the bytes up to
the moment they show are reported too.

Bytes are the browser's own figures (Resource Timing `transferSize`: headers and body as received). The
server sends files as they are, like a host without compression; with `compress=True` it gzips text files
(HTML, CSS, JavaScript, JSON) as most static hosts do. Pagefind's index files are compressed already.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import socketserver
import statistics
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import quote

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]
BUNDLE = "/pagefind/"
TEXT = (".html", ".css", ".js", ".json", ".svg", ".xml")
TIMEOUT_MS = 60_000
QUERY = "dépistage VIH jeunes Charleroi"

# What the page reports: Resource Timing entries and its own marks (assets/maillage/recherche.js).
READ_TIMINGS = """() => {
  const mark = (name) => performance.getEntriesByName(name)[0]?.startTime ?? null;
  return {
    results: mark("mj-search-results"),
    counts: mark("mj-search-counts"),
    shown: document.querySelectorAll("[data-mj-results] > li").length,
    state: document.querySelector("[data-mj-search]").dataset.state,
    resources: performance.getEntriesByType("resource").map((r) => ({
      url: r.name, end: r.responseEnd, bytes: r.transferSize, body: r.encodedBodySize,
    })),
  };
}"""
READY = '[data-mj-search][data-counts="ready"]'  # a selector: the site's CSP forbids wait_for_function's eval


class _Files(http.server.SimpleHTTPRequestHandler):
    """Serves the site; gzips text files when the server is told to and the browser accepts it."""

    compress = False

    def log_message(self, format: str, *args: object) -> None:
        pass

    def send_head(self) -> Any:
        path = Path(self.translate_path(self.path))
        if path.is_dir() and self.path.split("?", 1)[0].endswith("/"):
            path = path / "index.html"
        accepted = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (self.compress and accepted and path.is_file() and path.suffix in TEXT):
            return super().send_head()
        body = gzip.compress(path.read_bytes())
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
        return None


@contextmanager
def serve(site_dir: Path, compress: bool = False) -> Iterator[str]:
    """The folder over HTTP on localhost, in a thread; yields the base address."""
    handler = type("Handler", (_Files,), {"compress": compress})

    class Server(socketserver.ThreadingMixIn, http.server.HTTPServer):
        daemon_threads = True

    server = Server(("127.0.0.1", 0), functools.partial(handler, directory=str(site_dir)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def _one_visit(browser: Any, address: str) -> dict[str, Any]:
    context = browser.new_context()  # an empty cache
    try:
        page = context.new_page()
        page.goto(address)
        page.locator(READY).wait_for(state="attached", timeout=TIMEOUT_MS)
        return page.evaluate(READ_TIMINGS)
    finally:
        context.close()


def _part(name: str) -> str:
    """index, filter, fragment (chunks); wasm, meta, entry, js (loaded once)."""
    if "/" in name:
        return name.split("/", 1)[0]
    if name.startswith("wasm."):
        return "wasm"
    for suffix, part in ((".pf_meta", "meta"), (".json", "entry"), (".js", "js")):
        if name.endswith(suffix):
            return part
    return "other"


def _bundle_bytes(visit: dict[str, Any], until: float) -> tuple[int, int, dict[str, int]]:
    """Bytes and files of the search bundle received by `until` (ms after navigation), and bytes per part."""
    parts: dict[str, int] = {}
    total = files = 0
    for resource in visit["resources"]:
        if BUNDLE not in resource["url"] or resource["end"] > until:
            continue
        part = _part(resource["url"].split(BUNDLE, 1)[1].split("?", 1)[0])
        parts[part] = parts.get(part, 0) + resource["bytes"]
        total += resource["bytes"]
        files += 1
    return total, files, parts


def search_address(query: str, filters: str = "") -> str:
    """recherche/?q=<query>[&<filters>]: `filters` as the page's address writes them ("thematique=sante-sexuelle")."""
    parts = [f"q={quote(query)}"] if query else []
    return "recherche/?" + "&".join([*parts, *([filters] if filters else [])])


def measure_first_query(site_dir: Path, query: str, *, filters: str = "", compress: bool = False, repeat: int = 3,
                        chromium: str = CHROMIUM) -> dict[str, float]:
    """The first query on the search page of a built site; with `filters` ("thematique=sante-sexuelle", as a
    browse page's link opens it) the query may be "". Returns, in kB (1,000 bytes) and milliseconds:

    - `search_kb`: the search bundle received up to the first results (`search_files` files), and per part,
      `search_kb_<part>` (js, wasm, entry, meta, index, filter, fragment);
    - `search_counts_kb`: the same, up to the facet counts, which load after the results;
    - `search_first_ms`: from navigation to the first results, median of `repeat` visits with an empty cache
      (`search_first_best_ms`: the best), and `search_counts_ms` to the counts;
    - `search_results`: results shown (10 at most on the first screen);
    - `search_kib` (KiB, 1,024 bytes) and `search_ms`: `search_kb` and `search_first_ms` under the names of the
      columns of bench/run.py."""
    from playwright.sync_api import sync_playwright

    site_dir = Path(site_dir)
    if not (site_dir / BUNDLE.strip("/") / "pagefind.js").is_file():
        raise SystemExit(f"{site_dir} : pas d'index de recherche (pagefind/) ; construisez le site d'abord")
    visits = []
    with serve(site_dir, compress) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=ARGS)
        try:
            for _ in range(max(1, repeat)):
                visits.append(_one_visit(browser, base + search_address(query, filters)))
        finally:
            browser.close()
    last = visits[-1]
    if last["results"] is None:
        raise SystemExit(f"la page de recherche n'a pas affiché de résultats (état : {last['state']})")
    first, files, parts = _bundle_bytes(last, last["results"])
    with_counts, _, _ = _bundle_bytes(last, last["counts"])
    times = [visit["results"] for visit in visits]
    row = {
        "search_kb": first / 1000,
        "search_files": float(files),
        "search_counts_kb": with_counts / 1000,
        "search_first_ms": statistics.median(times),
        "search_first_best_ms": min(times),
        "search_counts_ms": statistics.median(visit["counts"] for visit in visits),
        "search_results": float(last["shown"]),
    }
    row.update({f"search_kb_{part}": size / 1000 for part, size in sorted(parts.items())})
    row.update(search_kib=first / 1024, search_ms=row["search_first_ms"])  # the names of bench/run.py's columns
    return row


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Mesure la première recherche sur un site construit.")
    parser.add_argument("site", type=Path, help="dossier du site construit (avec pagefind/)")
    parser.add_argument("--query", default=QUERY, help=f"mots cherchés (défaut : {QUERY})")
    parser.add_argument("--filters", default="", help="filtres, comme dans l'adresse : thematique=sante-sexuelle")
    parser.add_argument("--gzip", action="store_true", help="compresser HTML, CSS, JS et JSON, comme un hébergeur")
    parser.add_argument("--repeat", type=int, default=3, help="nombre de visites, cache vide (défaut : 3)")
    args = parser.parse_args(argv)
    row = measure_first_query(args.site, args.query, filters=args.filters, compress=args.gzip, repeat=args.repeat)
    for key, value in row.items():
        print(f"{key:24} {value:10.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
