"""The MkDocs plugin `maillage`: a thin adapter between MkDocs and generator.build.

It reads and checks data/ when the build starts (errors stop it, with the French diagnostics of
`maillage validate`), adds the generated pages in memory (nothing is written into docs/), puts their
pre-rendered HTML in place of Markdown, ships the theme overrides, and watches data/ under `mkdocs serve`.

Generated pages of the menu (lists, the map, the open data page …) go through MkDocs with an empty Markdown
body: their HTML comes from our templates, so no Markdown is parsed for them. The thousands of pages out of
the menu are written by the fast path (mkdocs_fast.py) on every core, while a child writes the exports.
"""

from __future__ import annotations

import calendar
import logging
import os
import secrets
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import watchdog.observers
from jinja2 import Environment
from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page as MkDocsPage
from mkdocs.structure.toc import _TocToken, get_toc  # the type of what get_toc reads
from watchdog.observers.polling import PollingObserver

from generator import build, parallel, scratch
from generator.engines import nav as menu
from generator.engines.files import CSP_KEY, THEME
from generator.engines.mkdocs_fast import FastPath, copies_folder, page_meta, toc_tokens
from generator.reading.directory import ReadCache, Reading
from generator.scratch import Scratch
from generator.settings import Settings
from generator.site import csp
from generator.site.page import Body, Page
from generator.site.theme_markup import valid_theme_markup

log = logging.getLogger("mkdocs.plugins.maillage")
# The events by which a plugin changes the theme's environment or a page (see _other_plugins_see_pages)
PAGE_EVENTS = ("env", "pre_page", "page_read_source", "page_markdown", "page_content", "page_context", "post_page")

TEMPLATES = THEME.parent / "templates"
# MkDocs dates every page (the sitemap's <lastmod>, its gzip header) with the machine's day in UTC, unless this
# variable says otherwise: during a build it holds the site's day, "today" in Paris (or MAILLAGE_AUJOURDHUI),
# unless it was set already.
BUILD_DATE = "SOURCE_DATE_EPOCH"


class MaillageConfig(base.Config):
    donnees = c.Type(str, default="data")  # data folder, relative to mkdocs.yml ("data" is taken by Config)
    revision_mois = c.Type(int, default=12)
    signaler_url = c.Type(str, default="")  # template: {titre} {type} {id} {chemin} {url} {fichier}
    modifier_url = c.Type(str, default="")
    courriel_coordination = c.Type(str, default="")  # "Signaler une erreur" by e-mail, without a GitHub account
    par_page = c.Type(int, default=50)
    nouveautes = c.Type(int, default=10)
    carte_tuiles = c.Type(str, default="https://tile.openstreetmap.org/{z}/{x}/{y}.png")
    carte_attribution = c.Type(str, default="© les contributeurs d'OpenStreetMap")
    rendu_rapide = c.Type(bool, default=True)  # pages out of the menu stamped into the theme's shell
    editeur_depot = c.Type(str, default="")  # owner/name: the web editor at /admin/ writes there (pull requests)
    editeur_branche = c.Type(str, default="main")
    editeur_connexion = c.Type(str, default="")  # the OAuth worker's address (sveltia-cms-auth); "" for a token


@dataclass
class Session:
    """What a preview (`mkdocs serve`) keeps from one build to the next: a plugin with on_startup lives as long as
    the server. The files read and the templates compiled stay valid whatever happens (each is checked against its
    file's version); the pages written and Pagefind's work go with `reset`, when a session starts and when a build
    fails (its pages may be half written: the next one writes everything again)."""

    serving: bool = False
    # The preview's live reload is an inline script MkDocs adds to each page it serves: the served page's policy
    # allows it by a nonce drawn for the session (see on_serve); the written pages are a build's.
    reload_nonce: str = ""
    read_cache: ReadCache = field(default_factory=ReadCache)
    templates: Environment = field(default_factory=build.lasting_templates)
    fast: FastPath = field(default_factory=FastPath)  # shells, renderings and pages written
    published: set[str] = field(default_factory=set)  # site paths of the generated pages of the previous build
    indexing: build.Site | None = None  # the previous build, whose Pagefind may still read its copies
    copies: Scratch | None = None  # the searchable copies, kept from build to build (see FastPath.copied)

    def start(self, command: str) -> None:
        self.serving = command == "serve"
        self.reload_nonce = secrets.token_urlsafe(16) if self.serving else ""
        self.read_cache = ReadCache()
        self.reset()

    def reset(self) -> None:
        self.stop_indexing()
        self.drop_copies()
        self.fast, self.published = FastPath(), set()

    def drop_copies(self) -> None:
        if self.copies is not None:
            self.copies.cleanup()
            self.copies = None
        self.fast.copied = None

    def stop_indexing(self) -> None:
        """The previous build's search index may still be in the works: it is stopped."""
        if self.indexing is not None:
            site = self.indexing
            if site.indexing is not None:
                problem = site.indexing.failure()
                if problem:
                    log.warning(f"maillage : {problem}")
                site.indexing.cancel()
            self.indexing = None


@dataclass
class CurrentBuild:
    """One build's state, from on_config to on_post_build (or its failure)."""

    site: build.Site | None = None
    generated: dict[str, Page] = field(default_factory=dict)  # src_uri -> page
    extended: dict[str, Page] = field(default_factory=dict)  # hand-written pages our HTML is appended to (home)
    copies: Scratch | None = None  # searchable copies Pagefind reads
    exports: Scratch | None = None  # where a child writes the exports (`build.prepare`)
    dated: bool = False  # whether this build set BUILD_DATE (put back at its end)
    frozen: ExitStack = field(default_factory=ExitStack)  # the memory shared with the children (parallel.frozen)

    def end(self, keep_copies: bool = False) -> None:
        """Nothing left behind but, with `keep_copies`, the copies a preview's Pagefind still reads."""
        if self.dated:
            os.environ.pop(BUILD_DATE, None)
            self.dated = False
        if self.exports is not None:
            self.exports.cleanup()
            self.exports = None
        if self.copies is not None and not keep_copies:
            self.copies.cleanup()
        self.copies = None
        self.frozen.close()

    def abandon(self) -> None:
        """A build that stopped: the exports' child and Pagefind are stopped too."""
        if self.site is not None:
            if self.site.exports is not None:
                self.site.exports.cancel()
            if self.site.indexing is not None:
                self.site.indexing.cancel()
        self.end()


class MaillagePlugin(BasePlugin[MaillageConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.preloaded: Reading | None = None  # set by `maillage build`, which has already read the data
        self.failure: str | None = None  # why the build stopped, in French, for `maillage build`
        self.session = Session()
        self.current = CurrentBuild()

    # --- settings -------------------------------------------------------------------------------------

    def settings(self, config: MkDocsConfig) -> Settings:
        project = Path(config.config_file_path).resolve().parent if config.config_file_path else Path.cwd()
        options = self.config
        return Settings(
            # absolute, but not resolved: a data folder that is a link must be seen as one, and refused
            data_dir=Path(os.path.abspath(project / options.donnees)),
            docs_dir=Path(config.docs_dir),
            site_name=config.site_name,
            site_url=config.site_url or "",
            review_months=options.revision_mois,
            report_url=options.signaler_url,
            edit_url=options.modifier_url,
            coordination_email=options.courriel_coordination.strip(),
            per_page=options.par_page,
            latest=options.nouveautes,
            map_tiles=options.carte_tuiles,
            map_attribution=options.carte_attribution,
            editor_repo=options.editeur_depot.strip(),
            editor_branch=options.editeur_branche.strip() or "main",
            editor_auth_url=options.editeur_connexion.strip(),
        )

    def _stop(self, message: str) -> PluginError:
        self.failure = message
        return PluginError(f"maillage : {message}")

    # --- events ---------------------------------------------------------------------------------------

    def on_startup(self, *, command: str, dirty: bool) -> None:
        """A new session (MkDocs keeps this plugin for the whole process): nothing kept from an earlier one."""
        self.session.start(command)

    def on_shutdown(self) -> None:
        """The server stops (Ctrl+C, SIGTERM), perhaps in the middle of a build: nothing is left behind."""
        self.session.stop_indexing()
        self.current.abandon()
        self.session.drop_copies()

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        session = self.session
        session.stop_indexing()
        # MkDocs keeps this plugin from build to build in one process: nothing of the previous build's pages.
        self.current.abandon()
        self.current = current = CurrentBuild()
        session.fast.begin()
        if not config.use_directory_urls:
            raise self._stop("« use_directory_urls: false » n'est pas pris en charge ; retirez cette option.")
        # Our overrides go after the site's own custom_dir (which keeps the last word) and before Material.
        position = 1 if config.theme.custom_dir else 0
        if str(THEME) not in config.theme.dirs:
            config.theme.dirs.insert(position, str(THEME))
        if config.nav is None:
            config.nav = menu.default()
        settings = self.settings(config)
        if BUILD_DATE not in os.environ:
            os.environ[BUILD_DATE] = str(calendar.timegm(settings.today.timetuple()))
            current.dated = True
        try:  # read by the theme's head (main.html)
            config.extra[CSP_KEY] = csp.policy(settings.map_tiles, csp.inline_script_hashes(config.theme.dirs))
        except csp.PolicyError as problem:
            raise self._stop(str(problem)) from None
        # What killed builds left (they held it; the system let it go when they ended).
        scratch.sweep_everywhere(Path(config.site_dir).resolve().parent)
        # From here to the end of the build, children share this process's memory (the exports', the pages').
        current.frozen.enter_context(parallel.frozen(keep=session.serving))
        try:
            cache, templates = (session.read_cache, session.templates) if session.serving else (None, None)
            # The exports are written by a child from the start, into a folder beside the site (MkDocs
            # empties the site after this event); they are moved in at the end.
            if self.config.rendu_rapide and not session.serving:
                current.exports = self._exports_folder(config)
            exports = current.exports.path if current.exports is not None else None
            current.site = build.prepare(settings, self.preloaded, cache, templates, exports_folder=exports)
        except build.DataError as problem:
            current.end()
            raise self._stop(f"les données contiennent des erreurs, le site n'est pas construit.\n{problem}") from None
        current.site.preview = session.serving
        for diagnostic in current.site.reading.warnings:
            # Informational: a record due for review must not fail a strict build.
            where = f"{diagnostic.path}:{diagnostic.line}:{diagnostic.column}"
            log.info(f"{where}: {diagnostic.severity.value}: {diagnostic.message}. {diagnostic.hint}")
        return config

    @staticmethod
    def _exports_folder(config: MkDocsConfig) -> Scratch:
        """Beside the site when possible (moving the files in is then instant), else in the system's temporary
        folder."""
        site_dir = Path(config.site_dir).resolve()
        try:
            site_dir.parent.mkdir(parents=True, exist_ok=True)
            return Scratch("donnees", site_dir.parent, hidden=True)
        except OSError:
            return Scratch("donnees")

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        current, session = self.current, self.session
        assert current.site is not None
        current.generated, current.extended = {}, {}
        session.fast.check_theme(config, files)
        pages = build.pages(current.site)
        if session.serving:  # the site is not emptied between builds: the pages of removed records go
            paths = {page.path for page in pages}
            for gone in session.published - paths:
                (Path(config.site_dir) / gone / "index.html").unlink(missing_ok=True)
            session.published = paths
        for page in pages:
            existing = files.get_file_from_path(page.src_uri)
            if existing is not None:
                if page.extends_docs:
                    current.extended[page.src_uri] = page
                    # Its data part changes without its file: a build that keeps unchanged pages (`maillage
                    # serve`) must write it again.
                    Path(existing.abs_dest_path).unlink(missing_ok=True)
                else:
                    log.warning(f"maillage : docs/{page.src_uri} cache la page générée de même adresse ; renommez-le.")
                continue
            files.append(File.generated(config, page.src_uri, content="", inclusion=InclusionLevel.NOT_IN_NAV))
            current.generated[page.src_uri] = page
        try:
            extras = build.files(current.site)
        except build.WorkError as problem:
            raise self._stop(str(problem)) from None
        for extra in extras:
            if extra.content is not None:
                files.append(File.generated(config, extra.path, content=extra.content))
            elif extra.source is not None:
                files.append(File.generated(config, extra.path, abs_src_path=extra.source))
        config.nav = menu.prune(config.nav or [], lambda target: files.get_file_from_path(target) is not None)
        return files

    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
        if not self.config.rendu_rapide:
            return nav
        if self._other_plugins_see_pages(config):
            return nav
        current, fast = self.current, self.session.fast
        assert current.site is not None
        fast.take(current.generated, nav, files, config)
        session = self.session
        kept = session.serving and session.copies is not None and fast.copies_serve_again(current.site)
        if not kept:
            session.drop_copies()
            made = copies_folder(current.site.catalog.count())
            session.copies = made if session.serving else None
        current.copies = session.copies if session.serving else made
        assert current.copies is not None
        try:
            fast.publish(current.site, config, Path(current.copies.name), session.serving, copies_kept=kept)
        except build.WorkError as problem:
            raise self._stop(str(problem)) from None
        return nav

    def _other_plugins_see_pages(self, config: MkDocsConfig) -> bool:
        """Whether another plugin changes the theme's environment or works on each page: the fast path would
        keep its work from the pages out of the menu, which are then left to MkDocs."""
        for event in PAGE_EVENTS:
            for handler in config.plugins.events[event]:
                if getattr(handler, "__self__", None) is not self:
                    name = getattr(getattr(handler, "__self__", None), "__class__", type(handler)).__name__
                    log.info(f"maillage : le greffon {name} agit sur chaque page ; elles sont rendues par MkDocs")
                    return True
        return False

    def on_env(self, env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
        return self.session.fast.theme_env(env)

    def on_page_markdown(self, markdown: str, *, page: MkDocsPage, config: MkDocsConfig, files: Files) -> str:
        ours = self.current.generated.get(page.file.src_uri)
        if ours is None:
            return markdown
        page.meta.update(page_meta(ours))
        return ""

    def on_page_content(self, html: str, *, page: MkDocsPage, config: MkDocsConfig, files: Files) -> str:
        src, current = page.file.src_uri, self.current
        ours = current.generated.get(src) or current.extended.get(src)
        if ours is None:
            return html
        try:
            body: Body = ours.render()
        except build.WorkError as problem:  # the open data page waits for the exports' child
            raise self._stop(str(problem)) from None
        toc = toc_tokens(body.toc)
        if src in current.extended:
            page.toc = get_toc(_merged(_written_toc(page), toc))
            combined = html + body.html
        else:
            page.toc = get_toc(toc)
            combined = body.html
        page.present_anchor_ids = (page.present_anchor_ids or set()) | {e.id for e in body.toc}
        return combined

    def on_post_page(self, output: str, *, page: MkDocsPage, config: MkDocsConfig) -> str:
        return valid_theme_markup(output)

    def on_post_template(self, output_content: str, *, template_name: str, config: MkDocsConfig) -> str:
        return valid_theme_markup(output_content)  # 404.html

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        current, session = self.current, self.session
        if current.site is None:
            return
        still_indexing = False
        try:
            if session.fast.pages:
                session.fast.write_sitemap(config)
            build.post_build(current.site, Path(config.site_dir))
            # A preview's Pagefind goes on reading its copies; the next build stops it.
            still_indexing = current.site.preview and current.site.indexing is not None and current.copies is not None
            if still_indexing:
                session.indexing = current.site
        except build.WorkError as problem:
            raise self._stop(str(problem)) from None
        finally:
            current.end(keep_copies=session.serving)  # the session's, kept for the next build

    def on_build_error(self, *, error: Exception) -> None:
        self.current.abandon()
        if self.session.serving:  # pages may be half written: the next build writes everything again
            self.session.reset()

    def on_serve(self, server: LiveReloadServer, *, config: MkDocsConfig, builder: Any) -> LiveReloadServer:
        server.watch(str(self.settings(config).data_dir))
        for folder in (TEMPLATES, THEME):
            server.watch(str(folder))
        inject = getattr(server, "_inject_js_into_html", None)  # MkDocs 1.x's, which adds the live reload
        if inject is not None and self.session.reload_nonce:
            tag = f'<script nonce="{self.session.reload_nonce}">'.encode()

            def with_nonce(content: bytes, epoch: int) -> bytes:
                served = inject(content, epoch)
                added = served.rfind(b"<script>")  # the last one: MkDocs adds it before </body>
                if added < 0:
                    return served
                served = served[:added] + tag + served[added + len(b"<script>"):]
                return csp.allowing(served, f"'nonce-{self.session.reload_nonce}'")

            server._inject_js_into_html = with_nonce  # type: ignore[method-assign]
        _notified_of_changes(server)
        return server


def _notified_of_changes(server: LiveReloadServer) -> None:
    """MkDocs' server polls what it watches (each file looked at every half second: 2 CPU-seconds in 10 at
    10,000 records, and up to half a second before a save is seen); where the system says what changed (inotify),
    the server is told instead. Polling stays where it cannot (no such service, or its limit reached)."""
    polling = server.observer
    native = watchdog.observers.Observer()
    if isinstance(native, PollingObserver) or not isinstance(polling, PollingObserver):
        return
    handlers = getattr(polling, "_handlers", None)  # watchdog's: the handlers of each watch
    if handlers is None:
        return
    moved: dict[str, Any] = {}
    try:
        for path, watch in server._watch_refs.items():
            for handler in handlers.get(watch, ()):
                moved[path] = native.schedule(handler, path, recursive=watch.is_recursive)
    except OSError:
        return
    polling.unschedule_all()
    server._watch_refs.update(moved)
    server.observer = native  # type: ignore[assignment]  # MkDocs types it as the polling one


def _merged(written: list[_TocToken], ours: list[_TocToken]) -> list[_TocToken]:
    """Our sections after the hand-written ones; under its title when the page has a single "# Titre"."""
    if len(written) == 1 and written[0]["level"] == 1:
        written[0]["children"].extend(ours)
        return written
    return [*written, *ours]


def _written_toc(page: MkDocsPage) -> list[_TocToken]:
    """The hand-written part's table of contents, back as tokens get_toc() can merge with ours."""

    def token(link: Any) -> _TocToken:
        return {"level": link.level, "id": link.id, "name": link.title, "children": [token(c) for c in link.children]}

    return [token(link) for link in page.toc]
