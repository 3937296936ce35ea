"""Running MkDocs for the `maillage` command: load mkdocs.yml, build or serve. The only module besides the plugin
that imports MkDocs."""

from __future__ import annotations

import logging
import os
import re
import signal
import sys
from pathlib import Path
from typing import Any, NoReturn

from mkdocs.commands.build import build as mkdocs_build
from mkdocs.commands.serve import serve as mkdocs_serve
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort, ConfigurationError, PluginError

from generator import publish
from generator.engines.mkdocs_plugin import MaillagePlugin
from generator.reading.directory import Reading
from generator.reading.safe_files import LINK_HINT
from generator.settings import Settings

EngineError = (Abort, ConfigurationError, PluginError)


class Problem(Exception):
    """MkDocs could not load the configuration or build the site; the message says why, in French."""


# `maillage serve` builds without emptying the site first (only what changed is written again): MkDocs warns
# that the menu may then be out of date, but the menu never depends on the data.
DIRTY_WARNING = "A 'dirty' build is being performed"


class _Stderr(logging.Handler):
    """Writes to the current sys.stderr (which may change, e.g. under tests), one line per message."""

    def emit(self, record: logging.LogRecord) -> None:
        if record.getMessage().startswith(DIRTY_WARNING):
            return
        label = {"WARNING": "avertissement", "ERROR": "erreur"}.get(record.levelname, "info")
        print(f"{label} : {record.getMessage()}", file=sys.stderr)


def show_logs(verbose: bool = False) -> None:
    """MkDocs' messages on stderr: warnings and errors, or everything with `verbose`."""
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")  # Material's end-of-life banner, printed on every build
    logger = logging.getLogger("mkdocs")
    if not any(isinstance(h, _Stderr) for h in logger.handlers):
        logger.addHandler(_Stderr())
    logger.setLevel(logging.INFO if verbose else logging.WARNING)


def load(config_file: Path, site_dir: Path | None = None, strict: bool = False) -> tuple[MkDocsConfig, MaillagePlugin]:
    if config_file.is_symlink():  # read through it, its folders would be beside its target, out of the repository
        raise Problem(f"« {config_file} » est un lien symbolique : la configuration doit être le fichier lui-même. "
                      + LINK_HINT)
    if not config_file.is_file():
        raise Problem(f"fichier de configuration introuvable « {config_file} ».")
    options: dict[str, Any] = {"strict": strict}
    if site_dir is not None:
        options["site_dir"] = str(site_dir)
    try:
        config = load_config(str(config_file), **options)
    except EngineError as problem:
        raise Problem(f"configuration invalide ({config_file}) : {problem}") from None
    plugin = config.plugins.get("maillage")
    if not isinstance(plugin, MaillagePlugin):
        raise Problem(f"le greffon « maillage » n'est pas déclaré dans {config_file} (rubrique plugins).")
    return config, plugin


def settings_of(config: MkDocsConfig, plugin: MaillagePlugin) -> Settings:
    return plugin.settings(config)


def build(config: MkDocsConfig, plugin: MaillagePlugin, reading: Reading | None = None) -> None:
    """Build the site into a folder beside its own, which replaces it once complete (see generator/publish.py);
    `reading` spares the plugin a second reading of data the caller has already checked."""
    plugin.preloaded = reading
    plugin.failure = None
    site_dir = Path(config.site_dir)
    try:
        with publish.publishing(site_dir) as building:
            config.site_dir = str(building)
            try:
                config.plugins.on_startup(command="build", dirty=False)  # as `mkdocs build` does
                mkdocs_build(config)
            finally:
                config.site_dir = str(site_dir)
    except EngineError as problem:
        raise Problem(plugin.failure or _french(str(problem))) from None
    except publish.Busy as problem:
        raise Problem(str(problem)) from None
    except OSError as problem:  # the folder cannot be written, or replaced (a mount point…)
        raise Problem(f"le site n'a pas pu être écrit dans « {site_dir} » ({problem.strerror or problem}).") from None


def _french(message: str) -> str:
    strict = re.match(r"Aborted with (\d+) warnings? in strict mode", message)
    if strict:
        count = int(strict.group(1))
        plural = "s" if count > 1 else ""
        return f"construction interrompue en mode strict : {count} avertissement{plural} (voir ci-dessus)."
    return f"la construction du site a échoué ({message})."


def serve(config_file: Path, dev_addr: str | None = None) -> None:
    """Serve the site until Ctrl+C, or until the system asks the process to stop (SIGTERM: a service manager, a
    container, a script), which ends it the same way: the served site and the search files are removed."""
    options = {"dev_addr": dev_addr} if dev_addr else {}
    previous = signal.signal(signal.SIGTERM, _interrupt)
    try:
        mkdocs_serve(str(config_file), build_type="dirty", **options)  # type: ignore[arg-type]
    except EngineError as problem:
        raise Problem(str(problem)) from None
    except KeyboardInterrupt:  # during the first build, which MkDocs does not expect: it has cleaned up
        pass
    finally:
        signal.signal(signal.SIGTERM, signal.SIG_DFL if previous is None else previous)


def _interrupt(signum: int, frame: object) -> NoReturn:
    signal.signal(signal.SIGTERM, signal.SIG_IGN)  # a second request must not cut the cleanup short
    raise KeyboardInterrupt
