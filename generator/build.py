"""The build, independent of any site engine: read and check the data, describe every generated page and file,
and run what must happen once the engine has written the site.

Engines (the MkDocs plugin, `maillage generate`) call `prepare`, then ask for `pages(site)` and `files(site)`,
and call `post_build(site, site_dir)` at the end. Later features plug in here without touching the engines:

- a page producer (e.g. the map at /carte/, the open-data page at /donnees/) is appended to PAGE_PRODUCERS;
- a file producer (documents, the map's data, the exports of /donnees/: files served as they are) is
  appended to FILE_PRODUCERS; work a page and a file share (the exports) is computed once, on `Site`;
- work on the written site (the Pagefind index) is appended to POST_BUILD_HOOKS.

The navigation (NAV) lists sections only; an entry whose page does not exist (Carte, Données before those
features land) is left out by `prune_nav`.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

from generator import search
from generator.catalog import Catalog
from generator.directory import RESOURCE_FILES, Options, Reading, read_directory
from generator.model import RESOURCE, Resource
from generator.opendata import OpenData
from generator.render.carte import MapPages
from generator.render.page import ExtraFile, Page
from generator.render.renderer import Renderer
from generator.render.search import search_page as render_search_page
from generator.render.urls import file_path
from generator.report import text as text_report
from generator.settings import Settings


class DataError(Exception):
    """The data has errors: the site is not built. The message is the French report `maillage validate` prints."""

    def __init__(self, reading: Reading) -> None:
        self.reading = reading
        super().__init__(text_report(reading.diagnostics, reading.files).rstrip())


class PostBuildError(Exception):
    """Work on the written site (the search index) failed; the message says why, in French."""


@dataclass
class Site:
    settings: Settings
    reading: Reading
    renderer: Renderer

    @property
    def catalog(self) -> Catalog:
        return self.reading.catalog

    @cached_property
    def open_data(self) -> OpenData:
        """The exports, computed once per build: their page needs their sizes, the engine their bytes."""
        return OpenData.export(self.catalog, self.settings)

    @cached_property
    def map(self) -> MapPages:
        return MapPages(self.renderer)


PageProducer = Callable[[Site], Iterable[Page]]
FileProducer = Callable[[Site], Iterable[ExtraFile]]
PostBuildHook = Callable[[Site, Path], None]


def generated_pages(site: Site) -> Iterable[Page]:
    """Home block, record pages, lists per kind and browse pages."""
    return site.renderer.pages()


def resource_documents(site: Site) -> Iterable[ExtraFile]:
    """The documents of data/resources/files/ that resources point to, copied under /ressources/fichiers/."""
    folder = site.settings.data_dir / "resources" / RESOURCE_FILES
    names = sorted({r.fichier for r in site.catalog.of(RESOURCE) if isinstance(r, Resource) and r.fichier})
    return [ExtraFile(file_path(name), source=str((folder / name).resolve())) for name in names]


def map_pages(site: Site) -> Iterable[Page]:
    """The map of the actors' places (/carte/) with its list."""
    return site.map.pages()


def map_data(site: Site) -> Iterable[ExtraFile]:
    """The located places the map script fetches (/carte/lieux.json)."""
    return [site.map.data_file()]


def open_data_page(site: Site) -> Iterable[Page]:
    """The open data page (/donnees/), listing the exports with their sizes and dates."""
    return site.open_data.pages(site.renderer)


def open_data_files(site: Site) -> Iterable[ExtraFile]:
    """The exports themselves (JSON, CSV, GeoJSON, iCalendar, Atom …), under /donnees/."""
    return site.open_data.extra_files()


def search_page(site: Site) -> Iterable[Page]:
    """The search page (/recherche/): the form and the facet panel; its script queries the Pagefind index."""
    return [render_search_page(site.renderer, search.EVERY_RECORD)]


def search_index(site: Site, site_dir: Path) -> None:
    """The Pagefind index of the record pages, written into site/pagefind/."""
    try:
        search.index_site(site_dir)
    except search.PagefindError as problem:
        raise PostBuildError(str(problem)) from None


PAGE_PRODUCERS: list[PageProducer] = [generated_pages, map_pages, open_data_page, search_page]
FILE_PRODUCERS: list[FileProducer] = [resource_documents, map_data, open_data_files]
POST_BUILD_HOOKS: list[PostBuildHook] = [search_index]

# The sections of the site, in menu order: (title, page file). Record pages are never in the menu.
NAV: list[tuple[str, str]] = [
    ("Accueil", "index.md"),
    ("Acteurs", "acteurs/index.md"),
    ("Ressources", "ressources/index.md"),
    ("Bonnes pratiques", "pratiques/index.md"),
    ("Agenda", "agenda/index.md"),
    ("Thématiques", "thematiques/index.md"),
    ("Territoires", "territoires/index.md"),
    ("Publics", "publics/index.md"),
    ("Carte", "carte/index.md"),
    ("Données", "donnees/index.md"),
    ("Contribuer", "contribuer.md"),
    ("Charte", "charte.md"),
    ("À propos", "a-propos.md"),
]


# --- reading -------------------------------------------------------------------------------------------


def read(settings: Settings) -> Reading:
    return read_directory(settings.data_dir, Options(review_months=settings.review_months, today=settings.today))


def _sources(reading: Reading, settings: Settings) -> dict[tuple[str, str], str]:
    """Each record's file as the repository shows it ("data/actors/x.yml"), for the edit and report links."""
    project = settings.data_dir.resolve().parent
    found = {}
    for key, path in reading.catalog.sources.items():
        absolute = Path(path).resolve()
        try:
            found[key] = absolute.relative_to(project).as_posix()
        except ValueError:
            found[key] = Path(path).as_posix()
    return found


def prepare(settings: Settings, reading: Reading | None = None) -> Site:
    """Read the data (unless already read) and get the pages ready; raises DataError when the data has errors."""
    reading = reading if reading is not None else read(settings)
    if reading.errors:
        raise DataError(reading)
    return Site(settings, reading, Renderer(reading.catalog, settings, _sources(reading, settings)))


# --- what the engine publishes ------------------------------------------------------------------------


def pages(site: Site) -> list[Page]:
    return [page for producer in PAGE_PRODUCERS for page in producer(site)]


def files(site: Site) -> list[ExtraFile]:
    return [extra for producer in FILE_PRODUCERS for extra in producer(site)]


def post_build(site: Site, site_dir: Path) -> None:
    for hook in POST_BUILD_HOOKS:
        hook(site, site_dir)


def prune_nav(nav: list[Any], exists: Callable[[str], bool]) -> list[Any]:
    """The nav without the entries whose page does not exist (external links and sections kept)."""
    kept: list[Any] = []
    for item in nav:
        target = next(iter(item.values())) if isinstance(item, dict) and len(item) == 1 else item
        if isinstance(target, list):
            children = prune_nav(target, exists)
            if children:
                kept.append({next(iter(item)): children})
        elif isinstance(target, str) and "://" not in target and target.endswith(".md") and not exists(target):
            continue
        else:
            kept.append(item)
    return kept


def default_nav() -> list[dict[str, str]]:
    return [{title: target} for title, target in NAV]


# --- pages as files, for other engines --------------------------------------------------------------


def front_matter(page: Page) -> str:
    """YAML front matter (written as JSON values, which YAML reads) with what the theme needs."""
    fields = {"title": page.title, "description": page.description, "maillage": page.kind or "page"}
    lines = "".join(f"{key}: {json.dumps(value, ensure_ascii=False)}\n" for key, value in fields.items())
    return f"---\n{lines}---\n\n"


def generate(site: Site, out: Path, docs_dir: Path | None = None) -> list[Path]:
    """Write a complete docs folder into `out`: the hand-written pages of `docs_dir`, every generated page as a
    Markdown file holding its HTML, and the extra files. Another engine reading mkdocs.yml with
    `docs_dir: <out>` builds the same site."""
    written: list[Path] = []
    if docs_dir is not None and docs_dir.is_dir():
        shutil.copytree(docs_dir, out, dirs_exist_ok=True)
    for page in pages(site):
        target = out / page.src_uri
        target.parent.mkdir(parents=True, exist_ok=True)
        html = page.render().html
        hand_written = docs_dir / page.src_uri if docs_dir is not None else None
        if page.extends_docs and hand_written is not None and hand_written.is_file():
            content = hand_written.read_text(encoding="utf-8").rstrip() + "\n\n" + html + "\n"
        else:
            content = front_matter(page) + html + "\n"
        target.write_text(content, encoding="utf-8")
        written.append(target)
    for extra in files(site):
        target = out / extra.path
        target.parent.mkdir(parents=True, exist_ok=True)
        if extra.content is not None:
            target.write_bytes(extra.content)
        elif extra.source is not None:
            shutil.copyfile(extra.source, target)
        written.append(target)
    return written
