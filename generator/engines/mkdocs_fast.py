"""The fast path (`rendu_rapide`): the pages out of the menu, written by Maillage rather than by MkDocs.

The thousands of pages out of the menu (records, browse pages, later pages of lists) are taken out of
MkDocs' files once the menu is known. They are rendered and written on every core: each page is its shell
(the theme's rendering of a stand-in page of the same section and depth whose values are slots,
site/shell.py) with its own values in place, or the theme's own rendering when no shell serves. Pagefind
then indexes the searchable copies written on the way, while MkDocs builds the pages of the menu. Tests prove
the pages are byte-identical to the theme's rendering through MkDocs (`rendu_rapide: false`).

Under `mkdocs serve` the same object lives from build to build (the plugin's Session): a page whose records did
not change, written into a shell that did not change either, is neither rendered nor written again.

The rendering on every core (`render_pages`, below) is the fast path's half of the build: it writes the
searchable copies on the way, on which `start_index` starts Pagefind while MkDocs builds the rest.
"""

from __future__ import annotations

import gzip
import logging
import os
import sysconfig
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any, TypeVar

from jinja2 import BytecodeCache, Environment, TemplateNotFound
from jinja2.bccache import Bucket
from markupsafe import escape
from mkdocs import utils
from mkdocs.commands.build import get_context
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page as MkDocsPage
from mkdocs.structure.toc import _TocToken, get_toc  # the type of what get_toc reads

from generator import build, parallel, scratch
from generator.reading.directory import version_of
from generator.search import pagefind as search
from generator.search import synonyms
from generator.site.environment import TEMPLATES
from generator.site.page import Body, Page, TocEntry
from generator.site.shell import SECOND_TOC_ID, SECOND_TOC_TITLE, TOC_ID, TOC_TITLE, Shell, slot

log = logging.getLogger("mkdocs.plugins.maillage")

STAND_IN = "maillagez9q"  # each folder of a stand-in page's address, below its section
# Section, depth, content has a <h1>, page has a table of contents, page has a description (without one, the
# theme writes the site's instead: a shell drawn with a description slot would not serve)
ShellKey = tuple[str, int, bool, bool, bool]


class FastPath:
    """The pages out of the menu of one site, and under serve what is kept of them from build to build."""

    def __init__(self) -> None:
        # Kept from build to build under serve
        self.shells: dict[ShellKey, Shell | None] = {}  # None when a shell cannot serve
        self.theme_state: Hashable = None  # what the shells were rendered from
        self.earlier: dict[str, Rendered] = {}  # the renderings of the previous build
        self.written: dict[str, int] = {}  # site path of each page -> hash of its HTML
        self.compiled = _CompiledTemplates()  # the theme's templates, compiled once per version of their source
        # The record pages and the synonyms of the searchable copies the session's folder holds (see `publish`)
        self.copied: tuple[frozenset[str], synonyms.Thesaurus] | None = None
        # This build's
        self.pages: list[Page] = []
        self.new_shells: set[ShellKey] = set()  # rendered by this build
        self.env: Environment | None = None
        self.nav: Navigation | None = None
        self.all_files: Files | None = None  # every page, these included, for the sitemap

    def begin(self) -> None:
        """A new build: nothing of the previous build's pages."""
        self.pages, self.new_shells, self.all_files, self.env = [], set(), None, None

    def check_theme(self, config: MkDocsConfig, files: Files) -> None:
        """Forget the shells when the configuration, the theme or the hand-written pages (the menu) changed;
        the hand-written pages are written again too (a build that keeps unchanged pages would keep them)."""
        state = _theme_state(config)
        if state != self.theme_state:
            self.shells, self.theme_state = {}, state
            for file in files.documentation_pages():
                Path(file.abs_dest_path).unlink(missing_ok=True)

    def take(self, generated: dict[str, Page], nav: Navigation, files: Files, config: MkDocsConfig) -> list[Page]:
        """Take the generated pages out of the menu away from MkDocs (and from `generated`)."""
        in_menu = {page.file.src_uri for page in nav.pages}
        self.nav, self.all_files = nav, Files(list(files))
        # The open data page waits for the exports' child, which only this process can wait for.
        self.pages = [page for uri, page in generated.items() if uri not in in_menu and page.kind != "donnees"]
        for page in self.pages:
            files.remove(files.get_file_from_path(page.src_uri))  # type: ignore[arg-type]
            del generated[page.src_uri]
        # The theme's environment as MkDocs makes it (the plugin checked that no other one changes it), made
        # here so that the pages are written before the rest of the build starts.
        self.env = self.theme_env(config.theme.get_env())
        return self.pages

    def theme_env(self, env: Environment) -> Environment:
        """The theme's environment for the rest of the build: the fast path's when it has one (its templates are
        compiled already), else `env`, which then compiles each template only once per serve session."""
        env.bytecode_cache = self.compiled
        return self.env or env

    def copies_serve_again(self, site: build.Site) -> bool:
        """Whether the searchable copies of the previous build can be kept, only those of the pages rendered again
        written anew: the same synonyms, and no new record (Pagefind numbers the pages in the order their
        folders were made, sorted in a new folder: a new record's would come last)."""
        records = {page.path for page in self.pages if page.kind == "record"}
        return self.copied is not None and records <= self.copied[0] and self.copied[1] == site.thesaurus

    def publish(self, site: build.Site, config: MkDocsConfig, copies: Path, serving: bool,
                copies_kept: bool = False) -> None:
        """Render and write every page of the fast path on every core: its shell with its values, or the theme's
        rendering when no shell serves. Under serve, a page whose records did not change since the previous
        build, and whose shell did not either, is neither rendered nor written again. Pagefind then starts on
        the searchable copies written on the way."""
        site_dir = Path(config.site_dir)
        versions = page_versions(site, self.pages) if serving else {}
        records = frozenset(page.path for page in self.pages if page.kind == "record")
        if copies_kept:
            assert self.copied is not None
            for gone in self.copied[0] - records:  # a removed record must not stay findable
                (copies / gone / "index.html").unlink(missing_ok=True)
                (copies / gone).rmdir()
        self.copied = None  # until they are all written
        done = render_pages(self.pages, copies, partial(self._write, config), self.earlier, versions, serving,
                            site.thesaurus, copies_kept)
        if serving:
            self.copied = (records, site.thesaurus)
        start_index(site, copies, site_dir)
        if serving:
            written, earlier = {}, {}
            for ours, (fresh, (digest, key)) in zip(self.pages, done, strict=True):
                written[ours.path], earlier[ours.path] = digest, fresh or self.earlier[ours.path]
                if key not in self.shells:  # rendered by a child: kept here for the next build
                    self.shells[key] = self._shell(config, ours, key)
            self.written, self.earlier = written, earlier

    def _write(self, config: MkDocsConfig, ours: Page, rendered: Rendered) -> tuple[int, ShellKey]:
        """Write one page (in whichever process renders it); its HTML's hash and its shell's key."""
        body, target = rendered.body, Path(config.site_dir) / ours.path / "index.html"
        key = (ours.path.split("/", 1)[0], ours.path.count("/"), "<h1" in body.html, bool(body.toc),
               bool(ours.description))
        if key not in self.shells:
            self.shells[key] = self._shell(config, ours, key)
            self.new_shells.add(key)
        shell = self.shells[key]
        if (key not in self.new_shells and shell is not None and self.earlier.get(ours.path) is rendered
                and ours.path in self.written and target.exists()):
            return self.written[ours.path], key  # on disk already
        meta = page_meta(ours)
        if shell is None:
            html = self._theme_rendering(config, ours, meta, body.html, body.toc)
        else:
            values = {"title": meta["title"], "description": meta["description"],
                      "rest": ours.path.split("/", 1)[1], "content": body.html}
            html = shell.stamp(values, [(entry.id, str(escape(entry.title))) for entry in body.toc])
        digest = hash(html)
        if self.written.get(ours.path) != digest or not target.exists():  # unchanged under serve
            utils.write_file(html.encode("utf-8", errors="xmlcharrefreplace"), str(target))
        return digest, key

    def _theme_rendering(
        self, config: MkDocsConfig, ours: Page, meta: dict[str, str], content: str, toc: tuple[TocEntry, ...],
        stand_in: str | None = None,
    ) -> str:
        """What MkDocs would write for the page (main.html, page context and post-page events of every plugin);
        at the address `stand_in` when given."""
        assert self.env is not None and self.nav is not None and self.all_files is not None
        file = File.generated(config, stand_in or ours.src_uri, content="", inclusion=InclusionLevel.NOT_IN_NAV)
        page = MkDocsPage(None, file, config)
        page.meta, page.content, page.toc = meta, content, get_toc(toc_tokens(toc))
        page.active = True
        config._current_page = page
        try:
            context = get_context(self.nav, self.all_files, config, page)
            context = config.plugins.on_page_context(context, page=page, config=config, nav=self.nav)
            html = self.env.get_template("main.html").render(context)
            return config.plugins.on_post_page(html, page=page, config=config)
        finally:
            config._current_page = None

    def _shell(self, config: MkDocsConfig, ours: Page, key: ShellKey) -> Shell | None:
        """The theme's rendering of a stand-in page of the same section and depth whose values are slots; None
        when the theme prints the page's address where a shell cannot put it."""
        section, depth, has_h1, has_toc, has_description = key
        stand_in = "/".join([section, *[STAND_IN] * (depth - 1)]) + "/"
        entries = [(TOC_ID, TOC_TITLE), (SECOND_TOC_ID, SECOND_TOC_TITLE)] if has_toc else []
        toc = tuple(TocEntry(slot(anchor), slot(title)) for anchor, title in entries)
        description = slot("description") if has_description else ""
        meta = {**page_meta(ours), "title": slot("title"), "description": description}
        content = _StandInContent(slot("content"), has_h1=has_h1)
        html = self._theme_rendering(config, ours, meta, content, toc, stand_in=f"{stand_in}index.md")
        if depth > 1:
            html = html.replace(stand_in.split("/", 1)[1], slot("rest"))  # in the canonical address
        if STAND_IN in html or (has_toc and slot(TOC_ID) not in html):
            log.debug(f"maillage : pages de {section}/ rendues une à une")
            return None
        return Shell.parse(html, toc_item=('<li class="md-nav__item">', "</li>") if has_toc else None)

    def write_sitemap(self, config: MkDocsConfig) -> None:
        """The theme's sitemap with every page, the fast path's included (MkDocs wrote it before them)."""
        assert self.env is not None and self.nav is not None and self.all_files is not None
        for file in self.all_files.documentation_pages():
            if file.page is None:
                MkDocsPage(None, file, config)
        try:
            template = self.env.get_template("sitemap.xml")
        except TemplateNotFound:  # a theme without a sitemap
            return
        output = template.render(get_context(self.nav, self.all_files, config))
        if not output.strip():
            return
        path = os.path.join(config.site_dir, "sitemap.xml")
        utils.write_file(output.encode("utf-8"), path)
        pages = [f.page for f in self.all_files.documentation_pages() if f.page is not None]
        timestamp = utils.get_build_timestamp(pages=pages)
        with (  # as MkDocs writes it
            open(f"{path}.gz", "wb") as target,
            gzip.GzipFile(fileobj=target, filename=f"{path}.gz", mode="wb", mtime=timestamp) as compressed,
        ):
            compressed.write(output.encode("utf-8"))


class _CompiledTemplates(BytecodeCache):
    """Compiled templates kept in memory: Jinja compares each with its source's checksum before using it."""

    def __init__(self) -> None:
        self.code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        if bucket.key in self.code:
            bucket.bytecode_from_string(self.code[bucket.key])

    def dump_bytecode(self, bucket: Bucket) -> None:
        self.code[bucket.key] = bucket.bytecode_to_string()


class _StandInContent(str):
    """The stand-in page's content: a slot, which answers the theme's `"<h1" in page.content` as the page would."""

    has_h1: bool

    def __new__(cls, text: str, *, has_h1: bool) -> _StandInContent:
        made = super().__new__(cls, text)
        made.has_h1 = has_h1
        return made

    def __contains__(self, part: object) -> bool:
        return self.has_h1 if part == "<h1" else super().__contains__(part)  # type: ignore[operator]


def _theme_state(config: MkDocsConfig) -> Hashable:
    """What the shells are rendered from and may change under serve: the configuration file, the hand-written
    pages (the menu) and the theme folders outside the installed packages (our overrides, the site's own)."""
    installed = [Path(folder) for folder in sysconfig.get_paths().values()]
    themes = [Path(folder) for folder in config.theme.dirs]
    roots = [Path(config.docs_dir), *(t for t in themes if not any(t.is_relative_to(i) for i in installed))]
    files = [path for root in roots for path in root.rglob("*") if path.is_file()]
    if config.config_file_path:
        files.append(Path(config.config_file_path))
    return tuple(sorted((str(path), version_of(path)) for path in files))


def page_meta(ours: Page) -> dict[str, Any]:
    # Escaped here because Material's templates print titles and descriptions without escaping.
    return {"title": escape(ours.title), "description": escape(ours.description), "maillage": ours.kind}


def toc_tokens(entries: tuple[TocEntry, ...]) -> list[_TocToken]:
    return [{"level": e.level, "id": e.id, "name": str(escape(e.title)), "children": []} for e in entries]


# --- rendering on every core ------------------------------------------------------------------------------


PAGES_WORTH_A_CORE = 200
Done = TypeVar("Done")


@dataclass(frozen=True)
class Rendered:
    """A page's body and, for a record page, its searchable copy (see `start_index`)."""

    body: Body
    copy: str | None
    version: Hashable = None  # what the body was rendered from, when known (`page_versions`)


def render_pages(
    pages: Sequence[Page],
    copies: Path,
    finish: Callable[[Page, Rendered], Done],
    earlier: dict[str, Rendered] | None = None,
    versions: dict[str, Hashable] | None = None,
    keep: bool = False,
    thesaurus: synonyms.Thesaurus | None = None,
    copies_kept: bool = False,
) -> list[tuple[Rendered | None, Done]]:
    """Render each page, write its searchable copy into `copies` (see `start_index`, with the synonyms of
    `thesaurus`) and hand it to `finish` (the engine writes it), on every core. A page whose version
    (`page_versions`) is that of its `earlier` rendering is not rendered again. With `keep`, the new renderings
    come back (the others are `earlier`'s). With `copies_kept`, `copies` holds the searchable copies of the
    `earlier` renderings, with the same synonyms: only those of the pages rendered again are written."""
    earlier, versions = earlier or {}, versions or {}

    def still(page: Page) -> Rendered | None:
        found, version = earlier.get(page.path), versions.get(page.path)
        return found if found is not None and version is not None and found.version == version else None

    def work(share: Sequence[Page]) -> list[tuple[Rendered | None, Done]]:
        done = []
        for page in share:
            rendered = still(page)
            fresh = rendered is None
            if rendered is None:
                body = page.render()
                copy = search.searchable_copy(body.html) if page.kind == "record" else None
                rendered = Rendered(body, copy, versions.get(page.path))
            if rendered.copy is not None and (fresh or not copies_kept):
                search.write_copy_text(rendered.copy, page.path, copies, thesaurus)
            done.append((rendered if fresh and keep else None, finish(page, rendered)))
        return done

    if not copies_kept:
        search.make_folders([page.path for page in pages if page.kind == "record"], copies)
    to_render = sum(still(page) is None for page in pages)
    workers = parallel.cores() if to_render >= PAGES_WORTH_A_CORE else 1  # forking a large process is not free
    try:
        return parallel.shared(work, pages, workers)
    except parallel.ChildError as problem:
        raise build.WorkError(f"le rendu des pages a échoué :\n{problem}") from None


def page_versions(site: build.Site, pages: Sequence[Page]) -> dict[str, Hashable]:
    """For each page that says which records it shows, what its content depends on: the files of those records
    as they were read (`Reading.versions`), the taxonomies, the templates and the settings. Unchanged, the page
    is unchanged. A page showing a file of unknown version gets none (it is rendered again)."""
    read = site.reading.versions
    files = {key: read.get(path) for key, path in site.catalog.sources.items()}
    taxonomies = tuple(sorted((str(path), when) for path, when in read.items() if path.parent.name == "taxonomies"))
    templates = tuple(sorted((path.name, version_of(path)) for path in TEMPLATES.glob("*.html")))
    common = (site.settings, taxonomies, templates)
    by_set: dict[int, Hashable] = {}  # the pages of one list share their set
    versions: dict[str, Hashable] = {}
    for page in pages:
        if page.shows is None:
            continue
        if id(page.shows) not in by_set:
            shown = tuple(sorted((key, files.get(key)) for key in page.shows))
            by_set[id(page.shows)] = None if any(version is None for _, version in shown) else (shown, common)
        if by_set[id(page.shows)] is not None:
            versions[page.path] = (page.path, by_set[id(page.shows)])
    return versions


COPY_BYTES = 8 * 1024  # a searchable copy takes 7 KB of memory (whole pages of it) at 10,000 generated records


def copies_folder(records: int) -> scratch.Scratch:
    """A temporary folder for the searchable copies of `records` records: in memory where the system has room
    enough, since creating ten thousand folders and files takes seconds on some disks."""
    return scratch.Scratch("recherche", scratch.memory_folder(4 * COPY_BYTES * records))


def start_index(site: build.Site, copies: Path, site_dir: Path) -> None:
    """Start Pagefind on the searchable copies `render_pages` wrote; `post_build` waits for it."""
    try:
        site.indexing = search.Indexing(copies, site_dir)
    except search.PagefindError as problem:
        raise build.WorkError(str(problem)) from None
