"""Shared fixtures: the test network (tests/fixtures/network/) built once per session, a variant with hostile
data, an HTTP server; the test network's fixed day; a guard that fails any test reading the repository's own
data/, docs/ or mkdocs.yml.

Names: tests/test_<layer>_<module>.py tests generator/<layer>/<module>.py (test_reading_load.py tests
generator/reading/load.py, test_exports.py the exports as a whole, test_site_<page>.py one page type of the built
site), tests/test_<module>.py a top-level module (cli, publish, parallel), tests/test_bench_<module>.py a module of
bench/. Tests of the repository as a whole keep the name of what they guard: test_layers, test_isolation,
test_ci_workflows, test_fork, test_golden, test_mistakes. A fixture two test modules need lives here.

Tiers: `make test-fast` (-m "not browser and not slow") while working; `make test` runs everything, Chromium
included. `slow` marks the tests that build their own copy of a network, start real processes or Java: each
one is needed, none is skipped by `make test` or CI."""

from __future__ import annotations

import functools
import http.server
import logging
import os
import shutil
import socketserver
import sys
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from html import unescape
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from generator.clock import TODAY_VARIABLE

ROOT = Path(__file__).resolve().parent.parent
# The test network: a frozen copy of the sample network (mkdocs.yml, docs/, data/). The repository's own data/
# belongs to its contributors (or to a fork's other network): only `maillage validate` checks it.
NETWORK = ROOT / "tests" / "fixtures" / "network"
NETWORK_DAY = "2026-11-23"  # the day the tests see the test network on, in this process and the ones it starts
os.environ[TODAY_VARIABLE] = NETWORK_DAY
# Set in the copy of the repository that tests/test_fork.py runs tests in: the fork tests are left out there.
INSIDE_FORK_TEST = "MAILLAGE_TEST_DANS_UNE_COPIE"


# --- the repository's own network stays out of the tests -------------------------------------------------


class RepositoryNetworkRead(AssertionError):
    """A test read the repository's data/, docs/ or mkdocs.yml: a contributor's edit there would turn it red."""


class RepositoryGuard:
    """An audit hook that stops every read of the repository's data/, docs/ and mkdocs.yml (files opened, folders
    listed, commands started there or naming them), in this process and in the processes it forks. Each read is
    also recorded, so that the test fails even when the code under test swallows the error."""

    WATCHED = frozenset({"open", "os.listdir", "os.scandir", "subprocess.Popen"})

    def __init__(self, root: Path) -> None:
        self.folders = tuple(os.path.join(root, name) for name in ("data", "docs"))
        self.files = (os.path.join(root, "mkdocs.yml"),)
        self.root = str(root)
        self.reads: list[str] = []

    def forbidden(self, path: object) -> bool:
        if not isinstance(path, str | bytes | os.PathLike):
            return False  # a file descriptor, or no path at all
        full = os.path.abspath(os.fsdecode(path))
        return full in self.files or any(full == f or full.startswith(f + os.sep) for f in self.folders)

    def __call__(self, event: str, args: tuple[Any, ...]) -> None:
        if event not in self.WATCHED:
            return
        if event == "subprocess.Popen":
            _, command, cwd, _ = args
            here = os.path.abspath(os.fsdecode(cwd)) if cwd is not None else os.getcwd()
            if cwd is not None and (here == self.root or self.forbidden(here)):
                self._refuse(f"a command started in {here}, where it finds mkdocs.yml and data/")
            words = [command] if isinstance(command, str | bytes | os.PathLike) else list(command or [])
            for word in (os.fsdecode(w) for w in words if isinstance(w, str | bytes | os.PathLike)):
                if self.forbidden(os.path.join(here, word)):
                    self._refuse(f"a command given {word}")
        elif args and self.forbidden(args[0]) and not self._under_a_descriptor(args[0]):
            self._refuse(f"{os.fsdecode(args[0])} ({event})")

    @staticmethod
    def _under_a_descriptor(path: str | bytes | os.PathLike[str]) -> bool:
        """shutil.rmtree and os.fwalk open names relative to a folder's descriptor (dir_fd), not to the current
        folder: a "data" there is the "data" of the folder they walk."""
        caller = sys._getframe(2).f_code.co_filename  # 0: here, 1: the hook, 2: whoever called os.open
        return not os.path.isabs(os.fsdecode(path)) and caller in (shutil.__file__, os.__file__)

    def _refuse(self, what: str) -> None:
        message = (
            f"this test reads the repository's own network: {what}. The repository's data/, docs/ and "
            "mkdocs.yml belong to its contributors (or to a fork's other network) and change without the code "
            "changing: use the test network (conftest.NETWORK, the fixtures sample_site and copy_project) or a "
            "fixture of the test's own."
        )
        self.reads.append(message)
        raise RepositoryNetworkRead(message)

    def verify(self) -> None:
        """Fail the current test if a read happened since the last check, even one the code caught."""
        if self.reads:
            found, self.reads[:] = self.reads[0], []
            pytest.fail(found, pytrace=False)


GUARD = RepositoryGuard(ROOT)
sys.addaudithook(GUARD)  # for the whole session (an audit hook cannot be removed): collection included


@pytest.fixture(autouse=True)
def _repository_network_untouched() -> Iterator[None]:
    yield
    GUARD.verify()


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "fork: runs tests in a copy of the repository whose data/ is replaced (deselect: -m 'not fork')"
    )


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Inside the copy the fork tests make, they are deselected: a copy never copies itself again."""
    if os.environ.get(INSIDE_FORK_TEST):
        left_out = [item for item in items if item.get_closest_marker("fork")]
        if left_out:
            config.hook.pytest_deselected(items=left_out)
            items[:] = [item for item in items if not item.get_closest_marker("fork")]

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
    """mkdocs.yml, docs/ and data/ of the test network, in a folder a test may modify."""
    target.mkdir(parents=True, exist_ok=True)
    shutil.copy(NETWORK / "mkdocs.yml", target / "mkdocs.yml")
    shutil.copytree(NETWORK / "docs", target / "docs")
    shutil.copytree(NETWORK / "data", target / "data")
    return target


def build_site(project: Path, site: Path, strict: bool = True) -> BuiltSite:
    """Build like `maillage build --strict`, recording every warning MkDocs logs."""
    from generator.engines import mkdocs_run

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
    """The test network, built in strict mode."""
    return build_site(NETWORK, tmp_path_factory.mktemp("sample") / "site")


@pytest.fixture(scope="session")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    """The test network plus a record full of HTML and script links, with short list pages (7 per page)."""
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


# --- golden files -------------------------------------------------------------------------------------------

GOLDEN = ROOT / "tests" / "fixtures" / "golden"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--refresh-golden", action="store_true",
                     help="rewrite tests/fixtures/golden/ from what the code writes now (then read the diff)")


@pytest.fixture
def golden(request: pytest.FixtureRequest) -> Callable[[str, bytes], None]:
    """Compare bytes with tests/fixtures/golden/NAME; `pytest --refresh-golden` writes them instead."""
    refresh = bool(request.config.getoption("--refresh-golden"))

    def compare(name: str, actual: bytes) -> None:
        expected = GOLDEN / name
        if refresh:
            expected.parent.mkdir(parents=True, exist_ok=True)
            expected.write_bytes(actual)
            return
        assert expected.is_file(), f"no golden file {name}: run pytest --refresh-golden, then read the diff"
        assert actual.decode("utf-8") == expected.read_bytes().decode("utf-8"), (
            f"{name} differs from its golden file (pytest --refresh-golden rewrites it, if the change is wanted)")

    return compare
