"""The files engine: the site as a project folder that another engine reading mkdocs.yml builds (`maillage
generate`: Zensical, ProperDocs, MkDocs without the plugin), and what a site built by any engine still needs
afterwards (`maillage index`: the search index and the open data).

The folder holds everything such an engine needs, and nothing outside it:

    mkdocs.yml   the site's configuration without the `maillage` plugin: docs_dir and custom_dir point here, the
                 menu lists only pages that exist, and `extra.maillage_csp` holds the pages' security policy
    docs/        the hand-written pages, every generated page as a Markdown file holding its HTML, and the
                 extra files (documents, the map's data, the exports)
    theme/       the theme overrides (styles, scripts, the map's assets), with the site's own custom_dir on top

Nothing here imports an engine: the configuration is read and written as YAML.
"""

from __future__ import annotations

import importlib.util
import math
import os
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from markupsafe import escape

from generator import build
from generator.engines import nav
from generator.exports.opendata import OpenData
from generator.search import pagefind as search
from generator.site import csp
from generator.site.page import Page
from generator.site.urls import OPEN_DATA_PATH

THEME = Path(__file__).resolve().parent.parent / "site" / "theme"  # the overrides of Material's templates
DOCS, THEME_FOLDER, CONFIG, SITE = "docs", "theme", "mkdocs.yml", "site"
PLUGIN = "maillage"
CSP_KEY = "maillage_csp"  # in `extra`: read by the theme's head (main.html)
# Engines whose templates may hold the inline scripts of the pages (their partials are read for the policy's
# hashes): the installed ones among them.
ENGINE_PACKAGES = (("material", "templates"), ("zensical", "templates"))


class ConfigError(Exception):
    """The site's configuration cannot be carried to another engine; the message says why, in French."""


# --- mkdocs.yml as YAML, its tags kept -----------------------------------------------------------------


@dataclass(frozen=True)
class Tagged:
    """A value with a tag another engine resolves itself (`!!python/name:…` for an extension's function)."""

    tag: str
    value: Any


class _Loader(yaml.SafeLoader):
    pass


class _Dumper(yaml.SafeDumper):
    pass


def _env(loader: yaml.SafeLoader, node: yaml.Node) -> Any:
    """MkDocs' `!ENV NAME` or `!ENV [NAME, …, default]`: resolved now, the other engine reads a plain value."""
    if isinstance(node, yaml.ScalarNode):
        names = [str(loader.construct_scalar(node))]
    else:
        assert isinstance(node, yaml.SequenceNode)
        names = [str(name) for name in loader.construct_sequence(node)]
    variables, default = (names[:-1], names[-1]) if len(names) > 1 else (names, None)
    return next((os.environ[name] for name in variables if name in os.environ), default)


def _tagged(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> Tagged:
    if isinstance(node, yaml.MappingNode):
        return Tagged(node.tag, loader.construct_mapping(node, deep=True))
    if isinstance(node, yaml.SequenceNode):
        return Tagged(node.tag, loader.construct_sequence(node, deep=True))
    assert isinstance(node, yaml.ScalarNode)
    return Tagged(node.tag, loader.construct_scalar(node))


def _represent_tagged(dumper: yaml.SafeDumper, value: Tagged) -> yaml.Node:
    if isinstance(value.value, dict):
        return dumper.represent_mapping(value.tag, value.value)
    if isinstance(value.value, list):
        return dumper.represent_sequence(value.tag, value.value)
    return dumper.represent_scalar(value.tag, str(value.value))


_Loader.add_constructor("!ENV", _env)
_Loader.add_multi_constructor("!", _tagged)
_Loader.add_multi_constructor("tag:yaml.org,2002:python/", _tagged)
_Dumper.add_representer(Tagged, _represent_tagged)


def read_config(path: Path) -> dict[str, Any]:
    try:
        found = yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader)  # a SafeLoader
    except (OSError, yaml.YAMLError) as problem:
        raise ConfigError(f"configuration illisible ({path}) : {problem}") from None
    if not isinstance(found, dict):
        raise ConfigError(f"configuration invalide ({path}) : un dictionnaire est attendu.")
    if "INHERIT" in found:  # engines merge inherited files each their own way: the result would not be the same
        raise ConfigError(f"{path} : « INHERIT » n'est pas pris en charge par maillage generate ; recopiez les "
                          "réglages hérités dans ce fichier.")
    return found


# --- the pages --------------------------------------------------------------------------------------


def front_matter(page: Page) -> str:
    """YAML front matter with what the theme needs, written by a YAML dumper (quotes, line breaks and "---" in a
    title stay inside its value). Titles and descriptions are HTML already: themes print them as they are (our
    overrides read them through `striptags | e`, which leaves HTML as it is and escapes plain text)."""
    fields = {"title": str(escape(page.title)), "description": str(escape(page.description)),
              "maillage": page.kind or "page"}
    dumped = yaml.safe_dump(fields, allow_unicode=True, sort_keys=False, width=math.inf)
    return f"---\n{dumped}---\n\n"


def write_docs(site: build.Site, out: Path, docs_dir: Path | None = None) -> list[Path]:
    """Write a complete docs folder into `out`: the hand-written pages of `docs_dir`, every generated page as a
    Markdown file holding its HTML, and the extra files."""
    written: list[Path] = []
    if docs_dir is not None and docs_dir.is_dir():
        shutil.copytree(docs_dir, out, dirs_exist_ok=True)
    for page in build.pages(site):
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
    for extra in build.files(site):
        target = out / extra.path
        target.parent.mkdir(parents=True, exist_ok=True)
        if extra.content is not None:
            target.write_bytes(extra.content)
        elif extra.source is not None:
            shutil.copyfile(extra.source, target)
        written.append(target)
    return written


# --- the project another engine builds ---------------------------------------------------------------


@dataclass(frozen=True)
class Generated:
    config: Path  # the other engine's mkdocs.yml
    files: list[Path]  # under docs/


def engine_templates() -> list[Path]:
    """The template folders of the installed engines (found without importing them)."""
    found = []
    for package, folder in ENGINE_PACKAGES:
        spec = importlib.util.find_spec(package)
        for location in (spec.submodule_search_locations or []) if spec is not None else []:
            if (Path(location) / folder).is_dir():
                found.append(Path(location) / folder)
    return found


def write_theme(target: Path, custom_dir: Path | None) -> None:
    """Our overrides, and the site's own custom_dir over them (it keeps the last word, as under the plugin)."""
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(THEME, target)
    if custom_dir is not None and custom_dir.is_dir():
        shutil.copytree(custom_dir, target, dirs_exist_ok=True)


def engine_config(source: dict[str, Any], menu: list[Any], policy: str) -> dict[str, Any]:
    """The site's configuration for another engine: the same but for the folders, the plugin and the menu."""
    config = dict(source)
    config["docs_dir"], config["site_dir"] = DOCS, SITE
    theme = config.get("theme") or {}
    config["theme"] = {**({"name": theme} if isinstance(theme, str) else theme), "custom_dir": THEME_FOLDER}
    plugins = config.get("plugins") or []
    if isinstance(plugins, dict):
        config["plugins"] = {name: value for name, value in plugins.items() if name != PLUGIN}
    else:
        config["plugins"] = [p for p in plugins if p != PLUGIN and not (isinstance(p, dict) and PLUGIN in p)]
    config["nav"] = menu
    # Record pages are out of the menu by design (the plugin marks them so; here, the engine is told not to warn)
    validation = dict(config.get("validation") or {})
    validation["nav"] = {**(validation.get("nav") or {}), "omitted_files": "info"}
    config["validation"] = validation
    config["extra"] = {**(config.get("extra") or {}), CSP_KEY: policy}
    return config


def generate(site: build.Site, config_file: Path, out: Path) -> Generated:
    """Write the project folder `out` (see above) from the site's configuration file."""
    source = read_config(config_file)
    project = config_file.resolve().parent
    docs_dir = site.settings.docs_dir
    custom = (source.get("theme") or {}).get("custom_dir") if isinstance(source.get("theme"), dict) else None
    for folder in (docs_dir, site.settings.data_dir):  # it would be copied into itself, or read as data
        if folder is not None and out.resolve().is_relative_to(folder.resolve()):
            raise ConfigError(f"le dossier de sortie « {out} » ne peut pas être dans « {folder} ».")
    out.mkdir(parents=True, exist_ok=True)
    if (out / DOCS).exists():
        shutil.rmtree(out / DOCS)  # a page of a record removed since must not stay
    written = write_docs(site, out / DOCS, docs_dir)
    write_theme(out / THEME_FOLDER, project / custom if custom else None)
    menu = nav.prune(source.get("nav") or nav.default(), lambda target: (out / DOCS / target).is_file())
    try:
        policy = csp.policy(site.settings.map_tiles,
                            csp.inline_script_hashes([out / THEME_FOLDER, *engine_templates()]))
    except csp.PolicyError as problem:
        raise ConfigError(str(problem)) from None
    config = engine_config(source, menu, policy)
    dumped = yaml.dump(config, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=math.inf)
    header = (f"# Écrit par « maillage generate » à partir de {config_file.name} : ne pas modifier (les changements "
              "seraient perdus à la prochaine génération).\n")
    (out / CONFIG).write_text(header + dumped, encoding="utf-8")
    return Generated(out / CONFIG, written)


# --- what a site built by any engine still needs --------------------------------------------------------


def index(site: build.Site, site_dir: Path) -> search.Indexed:
    """Write the open data (site_dir/donnees/) and the Pagefind index of the record pages (site_dir/pagefind/)
    into a site an engine has built."""
    OpenData.write(site.catalog, site.settings, site_dir / OPEN_DATA_PATH)
    try:
        return search.index_site(site_dir, site.thesaurus)
    except search.PagefindError as problem:
        raise build.WorkError(str(problem)) from None
