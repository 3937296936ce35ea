"""Open data exports: every format written from the catalog into one folder (site/donnees/ in the site).

Each module builds the bytes of one format from the catalog and knows nothing of files or of the site
engine; this module writes them and describes each file for the /donnees/ page. Two exports of the same
data are byte-identical: nothing reads the clock, dates come from the records' `date_maj`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from generator.contract.kinds import ACTOR, EVENT, KINDS, Kind
from generator.contract.nouns import capitalize
from generator.exports import atom, datainclusion, geojson, ical, offer
from generator.exports import csv as csv_export
from generator.exports import json as json_export
from generator.exports.common import DEFAULT_SITE_URL, ExportedFile, ExportSettings, SiteSettings
from generator.exports.hsds import Hsds
from generator.reading.catalog import Catalog

__all__ = ["DEFAULT_SITE_URL", "ExportSettings", "ExportedFile", "SiteSettings", "export_all"]

AGENDA_FOLDER = "agenda"


@dataclass(frozen=True)
class _Format:
    title: str
    description: str
    format: str
    media_type: str
    kinds: tuple[str, ...] = ()  # the kinds whose records the file holds; () for all


ACTORS, EVENTS = (ACTOR.name,), (EVENT.name,)

JSON = "application/json"
CSV = ("CSV", "text/csv")
HSDS = ("JSON (HSDS 3.0)", JSON, ACTORS)  # the HSDS files describe the actors
CSV_NOTE = ("Une ligne par fiche. Encodage UTF-8 (avec BOM, pour que les tableurs lisent les accents), "
            "séparateur virgule ; dans une cellule, les valeurs multiples sont séparées par « ; ». "
            "Une apostrophe précède les textes commençant par +, -, = ou @, pour qu'un tableur ne les "
            "prenne pas pour des formules.")
HSDS_NOTE = "au format international HSDS 3.0 (Open Referral Human Services Data Specification)"

FORMATS: dict[str, _Format] = {
    "annuaire.json": _Format(
        "Annuaire complet",
        "Toutes les fiches ({kinds}) et les taxonomies. Chaque lien vers une autre fiche donne son identifiant, "
        "son titre et l'adresse de sa page ; chaque terme, son libellé.",
        "JSON", JSON),
    offer.PATH: _Format(
        "Offre par territoire",
        "Pour chaque thématique et chaque territoire : le nombre d'acteurs et de leurs services (un territoire "
        "compte ceux des territoires qu'il contient, une thématique ceux de ses sous-thématiques), les cases où "
        f"aucun acteur n'agit, et combien y agissent depuis un territoire plus large. {CSV_NOTE.split('. ', 1)[1]}",
        *CSV, ACTORS),
    "acteurs.geojson": _Format(
        "Carte des lieux d'accueil",
        "Un point par lieu d'accueil (longitude, latitude en WGS 84), avec le nom de l'acteur, son type, ses "
        "thématiques, la commune et l'adresse de sa fiche. S'ouvre dans QGIS, uMap ou geojson.io.",
        "GeoJSON", "application/geo+json", ACTORS),
    "evenements.ics": _Format(
        "Agenda",
        "Tous les événements, à importer ou à suivre dans votre logiciel d'agenda (Thunderbird, Outlook, "
        "Google Agenda…). Heures de Paris.",
        "iCalendar", "text/calendar", EVENTS),
    "nouveautes.atom": _Format(
        "Nouveautés",
        f"Les {atom.LIMIT} fiches ajoutées ou mises à jour le plus récemment, à suivre dans un lecteur de flux.",
        "Atom", "application/atom+xml"),
    "data-inclusion/structures.json": _Format(
        "Structures (data·inclusion)",
        "Les acteurs au schéma national data·inclusion, version 1, pour les annuaires de l'inclusion "
        "(DORA, France Travail…).",
        "JSON (data·inclusion v1)", JSON, ACTORS),
    "data-inclusion/services.json": _Format(
        "Services (data·inclusion)",
        "Les services des acteurs au schéma national data·inclusion, version 1, avec leurs thématiques, "
        "publics, modes d'accueil et frais.",
        "JSON (data·inclusion v1)", JSON, ACTORS),
    "hsds/organizations.json": _Format(
        "Organisations (HSDS)", f"Les acteurs, leurs lieux, contacts et identifiants, {HSDS_NOTE}.", *HSDS),
    "hsds/services.json": _Format(
        "Services (HSDS)", f"Les services des acteurs, avec leurs lieux et territoires, {HSDS_NOTE}.", *HSDS),
    "hsds/locations.json": _Format("Lieux (HSDS)", f"Les lieux d'accueil des acteurs, {HSDS_NOTE}.", *HSDS),
    "hsds/service_at_locations.json": _Format(
        "Services par lieu (HSDS)", f"Chaque service dans chaque lieu où il est donné sur place, {HSDS_NOTE}.", *HSDS),
    "hsds/taxonomy_terms.json": _Format(
        "Termes des taxonomies (HSDS)",
        f"Les thématiques, publics, territoires et types d'acteur auxquels renvoient les autres fichiers, {HSDS_NOTE}.",
        *HSDS),
}


def _csv_format(kind: Kind) -> _Format:
    return _Format(capitalize(kind.plural), f"{kind.export_description} {CSV_NOTE}", *CSV, kinds=(kind.name,))


def _about(path: str) -> _Format:
    """What the /donnees/ page says of a file; the per-kind tables and the kinds' list come from the registry."""
    kind = next((kind for kind in KINDS if path == f"{kind.export}.csv"), None)
    if kind is not None:
        return _csv_format(kind)
    about = FORMATS[path]
    kinds = ", ".join(kind.plural for kind in KINDS)
    return _Format(about.title, about.description.replace("{kinds}", kinds), about.format, about.media_type,
                   about.kinds)


def export_all(catalog: Catalog, out_dir: Path, site: SiteSettings | None = None) -> list[ExportedFile]:
    """Write every export into `out_dir`; return what was written, in the order the /donnees/ page lists it.

    `site` is anything with `site_url` and `site_name`: generator.settings.Settings or an ExportSettings."""
    settings = ExportSettings.of(site)
    out_dir.mkdir(parents=True, exist_ok=True)
    hsds = Hsds(catalog, settings)
    agenda, event_calendars = ical.calendars(catalog, settings)
    # Built one at a time as they are written: a large directory never holds every file in memory at once.
    builders: dict[str, Callable[[], bytes]] = {
        "annuaire.json": partial(json_export.directory, catalog, settings),
        **{f"{kind.export}.csv": partial(csv_export.table, catalog, settings, kind) for kind in KINDS},
        offer.PATH: partial(offer.table, catalog, settings),
        "acteurs.geojson": partial(geojson.places, catalog, settings),
        "evenements.ics": lambda: agenda,
        "nouveautes.atom": partial(atom.feed, catalog, settings),
        "data-inclusion/structures.json": partial(datainclusion.structures, catalog, settings),
        "data-inclusion/services.json": partial(datainclusion.services, catalog, settings),
        "hsds/organizations.json": hsds.organizations,
        "hsds/services.json": hsds.services,
        "hsds/locations.json": hsds.locations,
        "hsds/service_at_locations.json": hsds.service_at_locations,
        "hsds/taxonomy_terms.json": hsds.taxonomy_terms,
    }
    written = [_write(out_dir, path, build(), _about(path)) for path, build in builders.items()]
    written += _write_event_calendars(catalog, event_calendars, out_dir)
    return written


def _write(out_dir: Path, path: str, content: bytes, about: _Format, listed: bool = True) -> ExportedFile:
    target = out_dir / path
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(content)
    return ExportedFile(path, about.title, about.description, about.format, about.media_type, len(content), listed,
                        about.kinds)


def _write_event_calendars(catalog: Catalog, calendars: dict[str, bytes], out_dir: Path) -> list[ExportedFile]:
    """agenda/<id>.ics; calendars of events that no longer exist are removed, so a reused folder stays true."""
    folder = out_dir / AGENDA_FOLDER
    if folder.is_dir():
        for stale in folder.glob("*.ics"):
            if stale.stem not in calendars:
                stale.unlink()
    written = []
    for event_id, content in sorted(calendars.items()):
        event = catalog.get(EVENT.name, event_id)
        about = _Format(
            event.title if event else event_id,
            "Cet événement, à ajouter à votre agenda.",
            "iCalendar", "text/calendar", EVENTS,
        )
        written.append(_write(out_dir, f"{AGENDA_FOLDER}/{event_id}.ics", content, about, listed=False))
    return written
