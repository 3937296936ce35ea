"""The build, independent of any site engine: read and check the data, describe every generated page and file,
and run what must happen once the engine has written the site.

Engines (the MkDocs plugin, the files engine of `maillage generate` and `maillage index`, generator/engines/) call
`prepare`, then ask for `pages(site)` and `files(site)`, and call `post_build(site, site_dir)` at the end. Later
features plug in here without touching the engines:

- a page producer (e.g. the map at /carte/, the open-data page at /donnees/) is appended to PAGE_PRODUCERS;
- a file producer (documents, the map's data, the exports of /donnees/: files served as they are) is
  appended to FILE_PRODUCERS; work a page and a file share (the exports) is computed once, on `Site`;
- work on the written site (the Pagefind index) is appended to POST_BUILD_HOOKS.

An engine may have a forked child write the exports into a folder as soon as the data is read (`prepare`, at a
low priority: the open data page needs them after the pages out of the menu; they go into the site once it is
built), and start Pagefind itself on copies of the pages (`Site.indexing`, see engines/mkdocs_fast.py).
"""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cached_property, partial
from pathlib import Path

from jinja2 import Environment

from generator import parallel
from generator.contract.kinds import ACTOR, RESOURCE
from generator.contract.model import Actor, Resource
from generator.editing.admin_page import admin_files
from generator.editing.cms import Backend
from generator.editing.public_form import proposal_page as proposal_page_of
from generator.exports.common import ExportSettings
from generator.exports.opendata import OpenData
from generator.exports.opendata import page as open_data_page_of
from generator.reading import uploads
from generator.reading.catalog import Catalog
from generator.reading.directory import (
    RESOURCE_FILES,
    Options,
    ReadCache,
    Reading,
    read_directory,
    unsafe_entries,
)
from generator.reading.report import text as text_report
from generator.search import pagefind as search
from generator.search import synonyms
from generator.search.records import search_page as render_search_page
from generator.settings import Settings
from generator.site import network_map, open_feed
from generator.site.bulletin import Bulletin
from generator.site.carte import MapPages
from generator.site.csp import PolicyError
from generator.site.environment import environment
from generator.site.guides import GuidePages
from generator.site.offer import OfferPages
from generator.site.page import ExtraFile, Page
from generator.site.pages import generated_pages as generated_pages_of
from generator.site.renderer import Renderer
from generator.site.urls import OPEN_DATA_PATH, file_path


class DataError(Exception):
    """The data has errors: the site is not built. The message is the French report `maillage validate` prints."""

    def __init__(self, reading: Reading) -> None:
        self.reading = reading
        super().__init__(text_report(reading.diagnostics, reading.files).rstrip())


class WorkError(Exception):
    """Work for the site failed (on another core, or Pagefind's); the message says why, in French."""


@dataclass
class Site:
    settings: Settings
    reading: Reading
    renderer: Renderer
    exports: parallel.Pending[OpenData] | None = None  # exports being written by a child (prepare)
    exports_folder: Path | None = None  # where that child writes them
    indexing: search.Indexing | None = None  # Pagefind at work on copies written while rendering
    # A preview (`maillage serve`): the open data files are not produced and the search index is finished in
    # the background, so that a saved change shows within seconds.
    preview: bool = False

    @property
    def catalog(self) -> Catalog:
        return self.reading.catalog

    @cached_property
    def open_data(self) -> OpenData:
        """The exports, computed once per build: their page needs their sizes, the engine their bytes (or the
        child writing them, when `prepare` was given a folder)."""
        if self.preview:
            return OpenData.describe([], {}, self.catalog, self.settings)
        if self.exports is None:
            return OpenData.export(self.catalog, self.settings)
        try:
            return self.exports.result()
        except parallel.ChildError as problem:
            raise WorkError(f"les fichiers de données ouvertes n'ont pas pu être écrits :\n{problem}") from None

    @cached_property
    def map(self) -> MapPages:
        return MapPages(self.renderer)

    @cached_property
    def thesaurus(self) -> synonyms.Thesaurus:
        """The synonyms added to the searchable copies: data/synonymes.yml and the actors' sigles."""
        actors = [actor for actor in self.catalog.of(ACTOR) if isinstance(actor, Actor)]
        return synonyms.thesaurus(self.reading.synonyms, actors)


PageProducer = Callable[[Site], Iterable[Page]]
FileProducer = Callable[[Site], Iterable[ExtraFile]]
PostBuildHook = Callable[[Site, Path], None]


def generated_pages(site: Site) -> Iterable[Page]:
    """Home block, record pages, lists per kind and browse pages."""
    return generated_pages_of(site.renderer)


def resource_documents(site: Site) -> Iterable[ExtraFile]:
    """The documents of data/resources/files/ that resources point to, copied under /ressources/fichiers/;
    checked again (a regular file, of an accepted type) in case one was changed since the data was read."""
    folder = site.settings.data_dir / RESOURCE.folder / RESOURCE_FILES
    names = sorted({r.fichier for r in site.catalog.of(RESOURCE) if isinstance(r, Resource) and r.fichier})
    for name in names:
        problem = uploads.problem(folder, name)
        if problem is not None:
            raise WorkError(f"{folder / name} : {problem[0]}.")
    return [ExtraFile(file_path(name), source=str(folder.resolve() / name)) for name in names]


def map_pages(site: Site) -> Iterable[Page]:
    """The map of the actors' places (/carte/) with its list."""
    return site.map.pages()


def map_data(site: Site) -> Iterable[ExtraFile]:
    """The located places the map script fetches (/carte/lieux.json)."""
    return [site.map.data_file()]


def open_data_page(site: Site) -> Iterable[Page]:
    """The open data page (/donnees/), listing the exports with their sizes and dates."""
    return [open_data_page_of(lambda: site.open_data, site.renderer)]


def open_data_files(site: Site) -> Iterable[ExtraFile]:
    """The exports themselves (JSON, CSV, GeoJSON, iCalendar, Atom …), under /donnees/; none to copy when a
    child writes them into the site."""
    return [] if site.exports is not None or site.preview else site.open_data.extra_files()


def network_map_page(site: Site) -> Iterable[Page]:
    return [network_map.page(site.renderer)]


def offer_pages(site: Site) -> Iterable[Page]:
    return OfferPages(site.renderer).pages()


def guide_pages(site: Site) -> Iterable[Page]:
    return GuidePages(site.renderer).pages()


def bulletin_pages(site: Site) -> Iterable[Page]:
    return Bulletin(site.renderer).pages()


def bulletin_feed(site: Site) -> Iterable[ExtraFile]:
    return [Bulletin(site.renderer).feed(ExportSettings.of(site.settings).site_url)]


def open_feeds(site: Site) -> Iterable[ExtraFile]:
    """The Atom feed of the open calls (appels/appels.atom), as of the build's day."""
    return open_feed.feeds(site.renderer.index, ExportSettings.of(site.settings).site_url)


def search_page(site: Site) -> Iterable[Page]:
    """The search page (/recherche/): the form and the facet panel; its script queries the Pagefind index."""
    return [render_search_page(site.renderer, search.EVERY_RECORD)]


def proposal_page(site: Site) -> Iterable[Page]:
    """« Proposer une fiche » (/proposer/), without an account: an e-mail to the coordination (when it has one)."""
    return proposal_page_of(site.renderer)


def editor_files(site: Site) -> Iterable[ExtraFile]:
    """The web editor at /admin/ (Sveltia CMS and its configuration from the models), when a repository is set."""
    settings = site.settings
    if not settings.editor_repo:
        return []
    backend = Backend(settings.editor_repo, settings.editor_branch, settings.editor_auth_url)
    try:
        return admin_files(backend, settings.site_name, settings.site_url)
    except PolicyError as problem:
        raise WorkError(str(problem)) from None


def exports_written(site: Site, site_dir: Path) -> None:
    """The exports a child wrote (their failure stops the build), moved into site/donnees/."""
    if site.exports is None or site.exports_folder is None:
        return
    try:
        for exported in site.open_data.files:  # waits for the child
            target = site_dir / OPEN_DATA_PATH / exported.path
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.move(site.exports_folder / exported.path, target)
    finally:
        shutil.rmtree(site.exports_folder, ignore_errors=True)


def search_index(site: Site, site_dir: Path) -> None:
    """The Pagefind index of the record pages, written into site/pagefind/ (from the written pages, unless
    Pagefind was started on copies written while rendering)."""
    try:
        if site.indexing is not None:
            if not site.preview:  # a preview's engine stops it when the next build starts
                site.indexing.finish()
        else:
            search.index_site(site_dir, site.thesaurus)
    except search.PagefindError as problem:
        raise WorkError(str(problem)) from None


PAGE_PRODUCERS: list[PageProducer] = [generated_pages, map_pages, open_data_page, search_page, proposal_page,
                                      network_map_page, offer_pages, guide_pages, bulletin_pages]
FILE_PRODUCERS: list[FileProducer] = [resource_documents, map_data, open_data_files, editor_files, bulletin_feed,
                                      open_feeds]
POST_BUILD_HOOKS: list[PostBuildHook] = [exports_written, search_index]

# --- reading -------------------------------------------------------------------------------------------


def read(settings: Settings, cache: ReadCache | None = None) -> Reading:
    """The data read and checked, and docs/ checked for what the engine must not publish (links)."""
    options = Options(review_months=settings.review_months, today=settings.today)
    try:
        reading = read_directory(settings.data_dir, options, cache)
    except parallel.ChildError as problem:
        raise WorkError(f"la lecture des fiches a échoué :\n{problem}") from None
    if settings.docs_dir is not None:
        reading.diagnostics = sorted(set(reading.diagnostics + unsafe_entries(settings.docs_dir)))
    return reading


def record_files(reading: Reading, settings: Settings) -> dict[tuple[str, str], str]:
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


def lasting_templates() -> Environment:
    """A template environment to keep from one build to the next (`maillage serve`): templates are compiled
    once, and again when their file changes."""
    return environment(reload=True)


def prepare(
    settings: Settings, reading: Reading | None = None, cache: ReadCache | None = None,
    env: Environment | None = None, exports_folder: Path | None = None,
) -> Site:
    """Read the data (unless already read; with `cache`, only the files changed since the last reading) and get
    the pages ready (with `env`, templates compiled by an earlier build); raises DataError when the data has
    errors. With `exports_folder`, a forked child writes the exports there while the pages are made, and
    `post_build` moves them into the site."""
    reading = reading if reading is not None else read(settings, cache)
    if reading.errors:
        raise DataError(reading)
    exports = None
    if exports_folder is not None:
        exports = parallel.Pending(partial(OpenData.write, reading.catalog, settings, exports_folder), background=True)
    renderer = Renderer(reading.catalog, settings, record_files(reading, settings), env)
    return Site(settings, reading, renderer, exports=exports, exports_folder=exports_folder)


# --- what the engine publishes ------------------------------------------------------------------------


def pages(site: Site) -> list[Page]:
    return [page for producer in PAGE_PRODUCERS for page in producer(site)]


def files(site: Site) -> list[ExtraFile]:
    return [extra for producer in FILE_PRODUCERS for extra in producer(site)]


def post_build(site: Site, site_dir: Path) -> None:
    for hook in POST_BUILD_HOOKS:
        hook(site, site_dir)
