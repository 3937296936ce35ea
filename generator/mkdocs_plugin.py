"""The MkDocs plugin `maillage`: a thin adapter between MkDocs and generator.build.

It reads and checks data/ when the build starts (errors stop it, with the French diagnostics of
`maillage validate`), adds the generated pages in memory (nothing is written into docs/), puts their
pre-rendered HTML in place of Markdown, ships the theme overrides, and watches data/ under `mkdocs serve`.

Generated pages of the menu (lists, the map, the open data page …) go through MkDocs with an empty Markdown
body: their HTML comes from our templates, so no Markdown is parsed for them. The thousands of pages out of
the menu (records, browse pages, later pages of lists) are the fast path (`rendu_rapide`): taken out of
MkDocs' files once the menu is known, their bodies are rendered on every core while a child writes the
exports, and each page is written as its shell (the theme's rendering of a stand-in page of the same
section and depth whose values are slots, render/shell.py) with its own values in place. Pagefind indexes
the searchable copies written while rendering, as MkDocs builds the rest. Tests prove the pages are
byte-identical to the theme's own rendering (`rendu_rapide: false`).
"""

from __future__ import annotations

import gzip
import logging
import os
import shutil
import sysconfig
import tempfile
from collections.abc import Hashable
from pathlib import Path
from typing import Any

from jinja2 import Environment, TemplateNotFound
from markupsafe import escape
from mkdocs import utils
from mkdocs.commands.build import get_context
from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page as MkDocsPage
from mkdocs.structure.toc import get_toc

from generator import build
from generator.directory import ReadCache, Reading
from generator.render.page import Body, Page, TocEntry
from generator.render.shell import SECOND_TOC_ID, SECOND_TOC_TITLE, TOC_ID, TOC_TITLE, Shell, slot
from generator.settings import Settings

log = logging.getLogger("mkdocs.plugins.maillage")

PACKAGE = Path(__file__).resolve().parent
THEME = PACKAGE / "theme"
STAND_IN = "maillagez9q"  # each folder of a stand-in page's address, below its section
ShellKey = tuple[str, int, bool, bool]  # section, depth, content has a <h1>, page has a table of contents


class MaillageConfig(base.Config):
    donnees = c.Type(str, default="data")  # data folder, relative to mkdocs.yml ("data" is taken by Config)
    revision_mois = c.Type(int, default=12)
    signaler_url = c.Type(str, default="")  # template: {titre} {type} {id} {chemin} {url} {fichier}
    modifier_url = c.Type(str, default="")
    par_page = c.Type(int, default=50)
    nouveautes = c.Type(int, default=10)
    carte_tuiles = c.Type(str, default="https://tile.openstreetmap.org/{z}/{x}/{y}.png")
    carte_attribution = c.Type(str, default="© les contributeurs d'OpenStreetMap")
    rendu_rapide = c.Type(bool, default=True)  # pages out of the menu stamped into the theme's shell


def _toc(entries: tuple[TocEntry, ...]) -> list[dict[str, Any]]:
    return [{"level": e.level, "id": e.id, "name": str(escape(e.title)), "children": []} for e in entries]


class MaillagePlugin(BasePlugin[MaillageConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.site: build.Site | None = None
        self.preloaded: Reading | None = None  # set by `maillage build`, which has already read the data
        self.generated: dict[str, Page] = {}  # src_uri -> page
        self.extended: dict[str, Page] = {}  # hand-written pages our HTML is appended to (the home page)
        self.failure: str | None = None  # why the build stopped, in French, for `maillage build`
        self.env: Environment | None = None
        self.nav: Navigation | None = None
        self.all_files: Files | None = None  # every page, the direct ones included, for the sitemap
        self.direct: list[Page] = []  # pages written by the fast path, not by MkDocs
        self.copies: tempfile.TemporaryDirectory[str] | None = None  # searchable copies Pagefind reads
        self.shells: dict[ShellKey, Shell | None] = {}  # None when a shell cannot serve
        self.new_shells: set[ShellKey] = set()  # rendered by this build (the others are an earlier build's)
        self.theme_state: Hashable = None  # what the shells were rendered from
        # Kept from one build to the next under `mkdocs serve` (a plugin with on_startup lives as long as the
        # server): the files read, the pages rendered and written, Pagefind still at work.
        self.serving = False
        self.read_cache = ReadCache()
        self.templates = build.lasting_templates()
        self.earlier: dict[str, build.Rendered] = {}
        self.written: dict[str, int] = {}  # site path of each page of the fast path -> hash of its HTML
        self.indexing: tuple[build.Site, tempfile.TemporaryDirectory[str]] | None = None

    # --- settings -------------------------------------------------------------------------------------

    def settings(self, config: MkDocsConfig) -> Settings:
        project = Path(config.config_file_path).resolve().parent if config.config_file_path else Path.cwd()
        options = self.config
        return Settings(
            data_dir=(project / options.donnees).resolve(),
            site_name=config.site_name,
            site_url=config.site_url or "",
            review_months=options.revision_mois,
            report_url=options.signaler_url,
            edit_url=options.modifier_url,
            per_page=options.par_page,
            latest=options.nouveautes,
            map_tiles=options.carte_tuiles,
            map_attribution=options.carte_attribution,
        )

    def _stop(self, message: str) -> PluginError:
        self.failure = message
        return PluginError(f"maillage : {message}")

    # --- events ---------------------------------------------------------------------------------------

    def on_startup(self, *, command: str, dirty: bool) -> None:
        """A new session (MkDocs keeps this plugin for the whole process): nothing kept from an earlier one."""
        self._stop_indexing()
        self.serving = command == "serve"
        self.read_cache, self.earlier, self.written, self.shells = ReadCache(), {}, {}, {}

    def on_shutdown(self) -> None:
        self._stop_indexing()

    def _stop_indexing(self) -> None:
        """Under `mkdocs serve`, the previous build's search index may still be in the works: it is stopped."""
        if self.indexing is not None:
            site, copies = self.indexing
            if site.indexing is not None:
                site.indexing.cancel()
            copies.cleanup()
            self.indexing = None

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self._stop_indexing()
        # MkDocs keeps this plugin from build to build in one process: nothing of the previous build's pages.
        self.direct, self.all_files, self.copies = [], None, None
        if not config.use_directory_urls:
            raise self._stop("« use_directory_urls: false » n'est pas pris en charge ; retirez cette option.")
        # Our overrides go after the site's own custom_dir (which keeps the last word) and before Material.
        position = 1 if config.theme.custom_dir else 0
        if str(THEME) not in config.theme.dirs:
            config.theme.dirs.insert(position, str(THEME))
        if config.nav is None:
            config.nav = build.default_nav()
        settings = self.settings(config)
        try:
            kept = (self.read_cache, self.templates) if self.serving else (None, None)
            # The exports are written by a child from the start, into a folder beside the site (MkDocs
            # empties the site after this event); they are moved in at the end.
            exports = None
            if self.config.rendu_rapide and not self.serving:
                site_dir = Path(config.site_dir).resolve()
                site_dir.parent.mkdir(parents=True, exist_ok=True)
                exports = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}-donnees-", dir=site_dir.parent))
            self.site = build.prepare(settings, self.preloaded, *kept, exports_folder=exports)
        except build.DataError as problem:
            if exports is not None:
                shutil.rmtree(exports, ignore_errors=True)
            raise self._stop(f"les données contiennent des erreurs, le site n'est pas construit.\n{problem}") from None
        self.site.preview = self.serving
        for diagnostic in self.site.reading.warnings:
            # Informational: a record due for review must not fail a strict build.
            where = f"{diagnostic.path}:{diagnostic.line}:{diagnostic.column}"
            log.info(f"{where}: {diagnostic.severity.value}: {diagnostic.message}. {diagnostic.hint}")
        return config

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        assert self.site is not None
        self.generated, self.extended = {}, {}
        state = _theme_state(config)
        if state != self.theme_state:  # the theme, the configuration or the menu may have changed
            self.shells, self.theme_state = {}, state
            for file in files.documentation_pages():  # a build keeping unchanged pages would keep them too
                Path(file.abs_dest_path).unlink(missing_ok=True)
        for page in build.pages(self.site):
            existing = files.get_file_from_path(page.src_uri)
            if existing is not None:
                if page.extends_docs:
                    self.extended[page.src_uri] = page
                    # Its data part changes without its file: a build that keeps unchanged pages (`maillage
                    # serve`) must write it again.
                    Path(existing.abs_dest_path).unlink(missing_ok=True)
                else:
                    log.warning(f"maillage : docs/{page.src_uri} cache la page générée de même adresse ; renommez-le.")
                continue
            files.append(File.generated(config, page.src_uri, content="", inclusion=InclusionLevel.NOT_IN_NAV))
            self.generated[page.src_uri] = page
        for extra in build.files(self.site):
            if extra.content is not None:
                files.append(File.generated(config, extra.path, content=extra.content))
            elif extra.source is not None:
                files.append(File.generated(config, extra.path, abs_src_path=extra.source))
        config.nav = build.prune_nav(config.nav or [], lambda target: files.get_file_from_path(target) is not None)
        return files

    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
        self.nav = nav
        if not self.config.rendu_rapide:
            return nav
        if any(getattr(handler, "__self__", None) is not self for handler in config.plugins.events["env"]):
            # Another plugin changes the theme's environment in on_env, which comes after: pages are left to MkDocs.
            log.info("maillage : un autre greffon modifie l'environnement du thème, rendu page par page")
            return nav
        assert self.site is not None
        in_menu = {page.file.src_uri for page in nav.pages}
        self.all_files = Files(list(files))
        self.direct = [page for uri, page in self.generated.items() if uri not in in_menu]
        for page in self.direct:
            files.remove(files.get_file_from_path(page.src_uri))  # type: ignore[arg-type]
            del self.generated[page.src_uri]
        # The theme's environment as MkDocs makes it (no other plugin changes it: checked above), made here so
        # that the pages are written while the rest of the build has not started.
        self.env, self.new_shells = config.theme.get_env(), set()
        self.copies = build.copies_folder()
        try:
            self._publish(config)
        except build.PostBuildError as problem:
            raise self._stop(str(problem)) from None
        return nav

    def on_page_markdown(self, markdown: str, *, page: MkDocsPage, config: MkDocsConfig, files: Files) -> str:
        ours = self.generated.get(page.file.src_uri)
        if ours is None:
            return markdown
        page.meta.update(_meta(ours))
        return ""

    def on_page_content(self, html: str, *, page: MkDocsPage, config: MkDocsConfig, files: Files) -> str:
        src = page.file.src_uri
        ours = self.generated.get(src) or self.extended.get(src)
        if ours is None:
            return html
        body: Body = ours.render()
        toc = _toc(body.toc)
        if src in self.extended:
            page.toc = get_toc(_merged(_toc_tokens(page), toc))
            combined = html + body.html
        else:
            page.toc = get_toc(toc)
            combined = body.html
        page.present_anchor_ids = (page.present_anchor_ids or set()) | {e.id for e in body.toc}
        return combined

    # --- the fast path ---------------------------------------------------------------------------------

    def _publish(self, config: MkDocsConfig) -> None:
        """Render and write every page of the fast path on every core: its shell with its values, or the theme's
        rendering when no shell serves. Under serve, a page whose records did not change since the previous
        build, and whose shell did not either, is neither rendered nor written again. Pagefind then starts on
        the searchable copies written on the way."""
        assert self.site is not None and self.copies is not None
        site_dir = Path(config.site_dir)
        versions = build.page_versions(self.site, self.direct) if self.serving else {}

        def finish(ours: Page, rendered: build.Rendered) -> tuple[int, ShellKey]:
            body, target = rendered.body, site_dir / ours.path / "index.html"
            key = (ours.path.split("/", 1)[0], ours.path.count("/"), "<h1" in body.html, bool(body.toc))
            if key not in self.shells:
                self.shells[key] = self._shell(config, ours, key)
                self.new_shells.add(key)
            shell = self.shells[key]
            if (key not in self.new_shells and shell is not None and self.earlier.get(ours.path) is rendered
                    and ours.path in self.written and target.exists()):
                return self.written[ours.path], key  # on disk already
            meta = _meta(ours)
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

        done = build.render_pages(self.direct, Path(self.copies.name), finish, self.earlier, versions, self.serving)
        build.start_index(self.site, Path(self.copies.name), site_dir)
        written = {ours.path: digest for ours, (_, (digest, _)) in zip(self.direct, done, strict=True)}
        for gone in self.written.keys() - written.keys():  # a record removed since the previous build
            (site_dir / gone / "index.html").unlink(missing_ok=True)
        if self.serving:
            for ours, (fresh, (_, key)) in zip(self.direct, done, strict=True):
                self.earlier[ours.path] = fresh or self.earlier[ours.path]
                if key not in self.shells:  # rendered by a child: kept here for the next build
                    self.shells[key] = self._shell(config, ours, key)
            self.written = written

    def _theme_rendering(
        self, config: MkDocsConfig, ours: Page, meta: dict[str, str], content: str, toc: tuple[TocEntry, ...],
        stand_in: str | None = None,
    ) -> str:
        """What MkDocs would write for the page (main.html, page context and post-page events of every plugin);
        at the address `stand_in` when given."""
        assert self.env is not None and self.nav is not None and self.all_files is not None
        file = File.generated(config, stand_in or ours.src_uri, content="", inclusion=InclusionLevel.NOT_IN_NAV)
        page = MkDocsPage(None, file, config)
        page.meta, page.content, page.toc = meta, content, get_toc(_toc(toc))
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
        section, depth, has_h1, has_toc = key
        stand_in = "/".join([section, *[STAND_IN] * (depth - 1)]) + "/"
        entries = [(TOC_ID, TOC_TITLE), (SECOND_TOC_ID, SECOND_TOC_TITLE)] if has_toc else []
        toc = tuple(TocEntry(slot(anchor), slot(title)) for anchor, title in entries)
        meta = {**_meta(ours), "title": slot("title"), "description": slot("description")}
        content = _StandInContent(slot("content"), has_h1=has_h1)
        html = self._theme_rendering(config, ours, meta, content, toc, stand_in=f"{stand_in}index.md")
        if depth > 1:
            html = html.replace(stand_in.split("/", 1)[1], slot("rest"))  # in the canonical address
        if STAND_IN in html or (has_toc and slot(TOC_ID) not in html):
            log.debug(f"maillage : pages de {section}/ rendues une à une")
            return None
        return Shell.parse(html, toc_item=('<li class="md-nav__item">', "</li>") if has_toc else None)

    def _write_sitemap(self, config: MkDocsConfig) -> None:
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

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if self.site is None:
            return
        try:
            if self.direct:
                self._write_sitemap(config)
            build.post_build(self.site, Path(config.site_dir))
        except build.PostBuildError as problem:
            raise self._stop(str(problem)) from None
        finally:
            if self.copies is not None:
                if self.site.preview and self.site.indexing is not None:
                    self.indexing = (self.site, self.copies)  # Pagefind still reads them
                else:
                    self.copies.cleanup()
                self.copies = None

    def on_build_error(self, *, error: Exception) -> None:
        """Nothing left behind by a build that stopped: the exports' child and folder, Pagefind, the copies."""
        if self.site is not None:
            if self.site.exports is not None:
                self.site.exports.cancel()
            if self.site.exports_folder is not None:
                shutil.rmtree(self.site.exports_folder, ignore_errors=True)
            if self.site.indexing is not None:
                self.site.indexing.cancel()
        if self.copies is not None:
            self.copies.cleanup()
            self.copies = None

    def on_serve(self, server: LiveReloadServer, *, config: MkDocsConfig, builder: Any) -> LiveReloadServer:
        server.watch(str(self.settings(config).data_dir))
        for folder in (PACKAGE / "templates", THEME):
            server.watch(str(folder))
        return server


class _StandInContent(str):
    """The stand-in page's content: a slot, which answers the theme's `"<h1" in page.content` as the page would."""

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
    return tuple(sorted((str(path), path.stat().st_mtime_ns) for path in files))


def _meta(ours: Page) -> dict[str, Any]:
    # Escaped here because Material's templates print titles and descriptions without escaping.
    return {"title": escape(ours.title), "description": escape(ours.description), "maillage": ours.kind}


def _merged(written: list[dict[str, Any]], ours: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Our sections after the hand-written ones; under its title when the page has a single "# Titre"."""
    if len(written) == 1 and written[0]["level"] == 1:
        written[0]["children"].extend(ours)
        return written
    return [*written, *ours]


def _toc_tokens(page: MkDocsPage) -> list[dict[str, Any]]:
    """The hand-written part's table of contents, back as tokens get_toc() can merge with ours."""

    def token(link: Any) -> dict[str, Any]:
        return {"level": link.level, "id": link.id, "name": link.title, "children": [token(c) for c in link.children]}

    return [token(link) for link in page.toc]
