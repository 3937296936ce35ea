"""The MkDocs plugin `maillage`: a thin adapter between MkDocs and generator.build.

It reads and checks data/ when the build starts (errors stop it, with the French diagnostics of
`maillage validate`), adds the generated pages in memory (nothing is written into docs/), puts their
pre-rendered HTML in place of Markdown, ships the theme overrides, and watches data/ under `mkdocs serve`.
Generated pages go through MkDocs with an empty Markdown body: their HTML comes from our templates, so no
Markdown is parsed for them.
"""

from __future__ import annotations

import copy
import logging
from pathlib import Path
from typing import Any

from jinja2 import Environment
from markupsafe import escape
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
from mkdocs.utils.templates import TemplateContext

from generator import build
from generator.directory import Reading
from generator.render.page import Body, Page, TocEntry
from generator.render.shell import SECOND_TOC_ID, SECOND_TOC_TITLE, TOC_ID, TOC_TITLE, Shell, slot
from generator.settings import Settings

log = logging.getLogger("mkdocs.plugins.maillage")

PACKAGE = Path(__file__).resolve().parent
THEME = PACKAGE / "theme"
STAMPED = "maillage-stamped.html"  # the theme file that prints a record page stamped into its shell


class MaillageConfig(base.Config):
    donnees = c.Type(str, default="data")  # data folder, relative to mkdocs.yml ("data" is taken by Config)
    revision_mois = c.Type(int, default=12)
    signaler_url = c.Type(str, default="")  # template: {titre} {type} {id} {chemin} {url} {fichier}
    modifier_url = c.Type(str, default="")
    par_page = c.Type(int, default=50)
    nouveautes = c.Type(int, default=10)
    carte_tuiles = c.Type(str, default="https://tile.openstreetmap.org/{z}/{x}/{y}.png")
    carte_attribution = c.Type(str, default="© les contributeurs d'OpenStreetMap")
    rendu_rapide = c.Type(bool, default=True)  # record pages stamped into the theme's shell (render/shell.py)


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
        self.shells: dict[tuple[str, bool], Shell | None] = {}  # per section; None when a shell cannot serve

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

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
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
            self.site = build.prepare(settings, self.preloaded)
        except build.DataError as problem:
            raise self._stop(f"les données contiennent des erreurs, le site n'est pas construit.\n{problem}") from None
        for diagnostic in self.site.reading.warnings:
            # Informational: a record due for review must not fail a strict build.
            where = f"{diagnostic.path}:{diagnostic.line}:{diagnostic.column}"
            log.info(f"{where}: {diagnostic.severity.value}: {diagnostic.message}. {diagnostic.hint}")
        return config

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        assert self.site is not None
        self.generated, self.extended = {}, {}
        for page in build.pages(self.site):
            existing = files.get_file_from_path(page.src_uri)
            if existing is not None:
                if page.extends_docs:
                    self.extended[page.src_uri] = page
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

    def on_page_markdown(self, markdown: str, *, page: MkDocsPage, config: MkDocsConfig, files: Files) -> str:
        ours = self.generated.get(page.file.src_uri)
        if ours is None:
            return markdown
        # Escaped here because Material's templates print titles and descriptions without escaping.
        page.meta.update(title=escape(ours.title), description=escape(ours.description), maillage=ours.kind)
        if ours.kind == "record" and self.config.rendu_rapide:
            page.meta["template"] = STAMPED
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

    def on_env(self, env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
        self.env, self.shells = env, {}
        return env

    def on_page_context(
        self, context: TemplateContext, *, page: MkDocsPage, config: MkDocsConfig, nav: Navigation
    ) -> TemplateContext:
        if page.meta.get("template") == STAMPED:
            context["maillage_html"] = self._stamped(context, page)
        return context

    def _stamped(self, context: TemplateContext, page: MkDocsPage) -> str:
        """The record page's HTML: its section's shell with its values, or the theme's full rendering when the
        shell cannot serve (a page without table of contents, a theme that prints the address elsewhere)."""
        assert self.env is not None
        section, record_id = page.file.src_uri.split("/")[:2]
        content = page.content or ""
        key = (section, "<h1" in content)  # the theme adds a <h1> to a page whose content has none
        if key not in self.shells:
            self.shells[key] = self._shell(context, page, record_id)
        shell = self.shells[key]
        if shell is None or not page.toc:
            return self.env.get_template("main.html").render(context)
        values = {
            "title": str(page.meta["title"]),
            "description": str(page.meta["description"]),
            "id": record_id,
            "content": content,
        }
        return shell.stamp(values, [(entry.id, entry.title) for entry in page.toc])

    def _shell(self, context: TemplateContext, page: MkDocsPage, record_id: str) -> Shell | None:
        """The theme's rendering of a stand-in page of the same section whose values are slots."""
        assert self.env is not None
        stand_in = copy.copy(page)
        stand_in.meta = {**page.meta, "title": slot("title"), "description": slot("description")}
        stand_in.content = _StandInContent(slot("content"), has_h1="<h1" in (page.content or ""))
        entries = [(TOC_ID, TOC_TITLE), (SECOND_TOC_ID, SECOND_TOC_TITLE)]
        stand_in.toc = get_toc([{"level": 2, "id": slot(a), "name": slot(t), "children": []} for a, t in entries])
        own_path = f"/{record_id}/"
        for attribute in ("canonical_url", "abs_url"):
            value = getattr(page, attribute, None)
            if value:
                setattr(stand_in, attribute, value.replace(own_path, f"/{slot('id')}/"))
        html = self.env.get_template("main.html").render({**context, "page": stand_in})
        if own_path in html or slot(TOC_ID) not in html:
            log.debug(f"maillage : pages de {page.file.src_uri.split('/')[0]}/ rendues une à une")
            return None
        return Shell.parse(html, toc_item=('<li class="md-nav__item">', "</li>"))

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if self.site is not None:
            try:
                build.post_build(self.site, Path(config.site_dir))
            except build.PostBuildError as problem:
                raise self._stop(str(problem)) from None

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
