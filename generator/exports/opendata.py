"""The open data of a build: every export computed once, published under /donnees/, and the page listing them.

The exports are written by generator.exports into a temporary folder and read back, so that the engine
publishes them like any other generated file and the /donnees/ page knows their sizes before it is rendered.
Nothing here knows the site engine.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from generator.contract.kinds import KIND_BY_NAME, KINDS
from generator.exports import AGENDA_FOLDER, ExportedFile, export_all
from generator.reading.catalog import Catalog
from generator.scratch import Scratch
from generator.settings import Settings
from generator.site.page import Body, ExtraFile, Page
from generator.site.renderer import HOME, Crumb, Renderer
from generator.site.urls import OPEN_DATA_PATH

TITLE = "Données ouvertes"
INTRO = ("Tout le contenu de l'annuaire, à télécharger dans des formats ouverts pour le réutiliser : tableurs, "
         "logiciels d'agenda, cartes, autres annuaires.")

# Headings of the groups of files, by folder.
FOLDERS = {
    "": "L'annuaire",
    "data-inclusion": "Au schéma national data·inclusion",
    "hsds": "Au format international HSDS",
}


def page(open_data: Callable[[], OpenData], renderer: Renderer) -> Page:
    """The /donnees/ page; `open_data` is called when the page is rendered (the exports may still be written)."""
    return Page(path=OPEN_DATA_PATH, title=TITLE, render=lambda: open_data().body(renderer), description=INTRO,
                kind="donnees")


@dataclass(frozen=True)
class Download:
    """One file of the /donnees/ page."""

    file: ExportedFile
    updated: date

    @property
    def path(self) -> str:
        return OPEN_DATA_PATH + self.file.path

    @property
    def name(self) -> str:
        return self.file.path.rsplit("/", 1)[-1]


@dataclass(frozen=True)
class OpenData:
    files: list[ExportedFile]  # in the order the page lists them
    contents: dict[str, bytes]  # path under /donnees/ -> bytes
    updated: dict[str, date]  # path -> newest date_maj of the records it holds
    newest: date  # of all the records, or the build date when there are none

    @classmethod
    def export(cls, catalog: Catalog, settings: Settings) -> OpenData:
        """The exports with their bytes, for the engine to publish."""
        with Scratch("donnees") as folder:
            files = export_all(catalog, folder, settings)
            contents = {f.path: (folder / f.path).read_bytes() for f in files}
        return cls.describe(files, contents, catalog, settings)

    @classmethod
    def write(cls, catalog: Catalog, settings: Settings, folder: Path) -> OpenData:
        """The exports written into `folder` (the site's /donnees/), without their bytes."""
        return cls.describe(export_all(catalog, folder, settings), {}, catalog, settings)

    @classmethod
    def describe(
        cls, files: list[ExportedFile], contents: dict[str, bytes], catalog: Catalog, settings: Settings
    ) -> OpenData:
        newest_of = {kind.name: max((r.date_maj for r in catalog.of(kind)), default=None) for kind in KINDS}
        newest = max((d for d in newest_of.values() if d is not None), default=settings.today)
        updated = {}
        for f in files:
            kinds = f.kinds or tuple(KIND_BY_NAME)  # the records it holds, for its date
            updated[f.path] = max((d for k in kinds if (d := newest_of[k]) is not None), default=newest)
        return cls(files, contents, updated, newest)

    def extra_files(self) -> list[ExtraFile]:
        return [ExtraFile(OPEN_DATA_PATH + f.path, content=self.contents[f.path]) for f in self.files]

    def groups(self) -> list[tuple[str, str, list[Download]]]:
        """(anchor, heading, files) of the listed files, by folder, in the export's order."""
        found: dict[str, list[Download]] = {}
        for f in self.files:
            if f.listed:
                folder = f.path.rsplit("/", 1)[0] if "/" in f.path else ""
                found.setdefault(folder, []).append(Download(f, self.updated[f.path]))
        return [(folder or "annuaire", FOLDERS.get(folder, folder), downloads) for folder, downloads in found.items()]

    def body(self, renderer: Renderer) -> Body:
        calendars = [f for f in self.files if f.path.startswith(f"{AGENDA_FOLDER}/") and not f.listed]
        return renderer.render_template(
            "donnees.html", OPEN_DATA_PATH, title=TITLE, intro=INTRO,
            crumbs=[HOME, Crumb("Données", None)], groups=self.groups(), newest=self.newest,
            calendars=len(calendars), total=sum(f.size for f in self.files),
        )
