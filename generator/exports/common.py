"""What every export shares: settings, page addresses, labels, dates in Paris time, stable serialisation.

Exports must be byte-identical for the same data: nothing here reads the clock, and JSON is written with
sorted keys so that a diff between two publications shows only what the data changed.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from typing import Protocol
from urllib.parse import urlsplit

from generator.clock import PARIS
from generator.contract.kinds import KIND_BY_NAME, KINDS, Kind
from generator.contract.model import Record
from generator.contract.shapes import Target
from generator.reading.catalog import Catalog

DEFAULT_SITE_URL = "https://maillage.example.org/"
EXPORTS_PATH = "donnees/"  # where the site publishes the exports, under the site URL



class SiteSettings(Protocol):
    """What the exports read from the site settings (generator.settings.Settings has it)."""

    @property
    def site_url(self) -> str: ...

    @property
    def site_name(self) -> str: ...


@dataclass(frozen=True)
class ExportSettings:
    """What the exports need to know about the published site."""

    site_url: str = DEFAULT_SITE_URL
    site_name: str = "Maillage"

    def __post_init__(self) -> None:
        # Page URLs are built by concatenation: the site URL must end with exactly one slash. Exports need
        # absolute addresses (iCal UID, Atom ids): an unknown site URL falls back to the default one.
        object.__setattr__(self, "site_url", (self.site_url or DEFAULT_SITE_URL).rstrip("/") + "/")

    @classmethod
    def of(cls, settings: SiteSettings | None) -> ExportSettings:
        if settings is None or isinstance(settings, ExportSettings):
            return settings or cls()
        return cls(site_url=settings.site_url, site_name=settings.site_name or cls.site_name)

    @property
    def host(self) -> str:
        return urlsplit(self.site_url).hostname or "maillage.invalid"

    @property
    def exports_url(self) -> str:
        return self.site_url + EXPORTS_PATH

    def page_url(self, kind: Kind, record_id: str) -> str:
        return f"{self.site_url}{kind.section}/{record_id}/"


@dataclass(frozen=True)
class ExportedFile:
    """One file of the open data, as the /donnees/ page lists it."""

    path: str  # relative to the output folder, with "/" separators
    title: str
    description: str  # French, for the people who download it
    format: str
    media_type: str
    size: int  # bytes
    listed: bool = True  # False for the per-event calendars: reachable from event pages, too many to list
    kinds: tuple[str, ...] = ()  # the kinds whose records it holds (its date is their newest check); () for all


def dump_json(data: object) -> bytes:
    """Stable JSON with sorted keys and real accents, one record per line.

    One line per item of the top-level lists keeps a diff between two publications readable (a changed record
    is a changed line) and lets json use its C encoder: indenting everything made 10,000 records several
    times slower to write and a third larger."""
    return (_lines(data) + "\n").encode("utf-8")


def _compact(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def _lines(value: object, depth: int = 0) -> str:
    if isinstance(value, list) and depth < 2 and value:
        return "[\n" + ",\n".join(_compact(item) for item in value) + "\n]"
    if isinstance(value, dict) and depth == 0:
        members = [f"{_compact(key)}: {_lines(value[key], depth + 1)}" for key in sorted(value)]
        return "{\n" + ",\n".join(members) + "\n}"
    return _compact(value)


# --- fields of the models -------------------------------------------------------------------------------


def is_record_target(target: Target) -> bool:
    return isinstance(target, str) and target in KIND_BY_NAME


def is_taxonomy_target(target: Target) -> bool:
    return isinstance(target, str) and target not in KIND_BY_NAME


# --- records, terms and dates ---------------------------------------------------------------------------


def reference(catalog: Catalog, settings: ExportSettings, kind_name: str, record_id: str) -> dict[str, str]:
    """A link to another record: id, title and page address."""
    kind = KIND_BY_NAME[kind_name]
    record = catalog.get(kind_name, record_id)
    return {"id": record_id, "titre": record.title if record else record_id, "page": settings.page_url(kind, record_id)}


def term(catalog: Catalog, taxonomy: str, term_id: str) -> dict[str, str]:
    found = catalog.taxonomies.get(taxonomy)
    return {"id": term_id, "label": found.label(term_id) if found else term_id}


def label(catalog: Catalog, taxonomy: str, term_id: str) -> str:
    return term(catalog, taxonomy, term_id)["label"]


def labels(catalog: Catalog, taxonomy: str, term_ids: list[str]) -> list[str]:
    return [label(catalog, taxonomy, term_id) for term_id in term_ids]


def records_in_order(catalog: Catalog) -> list[tuple[Kind, Record]]:
    """Every record, kind by kind, ids sorted."""
    return [(kind, record) for kind in KINDS for record in sorted(catalog.of(kind), key=lambda r: r.id)]


def in_paris(moment: datetime) -> datetime:
    """A date-time as Paris time: written without offset it is Paris time, with one it is converted."""
    return moment.replace(tzinfo=PARIS) if moment.tzinfo is None else moment.astimezone(PARIS)


def iso(value: date | datetime) -> str:
    return in_paris(value).isoformat() if isinstance(value, datetime) else value.isoformat()


def midnight_utc(day: date) -> datetime:
    """A stable instant for a date (DTSTAMP, Atom `updated`): the data has no time of day for it."""
    return datetime.combine(day, time(0), tzinfo=UTC)


def newest_update(catalog: Catalog) -> date | None:
    return max((record.date_maj for _, record in records_in_order(catalog)), default=None)
