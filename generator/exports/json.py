"""annuaire.json: the whole directory in one file, references resolved so that a reuser needs no join.

Each record gets `page`, the address of its page (not `url`: a resource has its own `url` field). A
reference to a record becomes {id, titre, page}; a taxonomy term becomes {id, label}. Text fields stay
Markdown, as written by the contributors. Every field is present (null or [] when empty), so that each
record of a kind has the same keys.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from pydantic import BaseModel

from generator.contract.kinds import KINDS
from generator.contract.shapes import Target, plan
from generator.contract.taxonomies import TAXONOMIES
from generator.exports.common import (
    ExportSettings,
    dump_json,
    is_record_target,
    iso,
    newest_update,
    reference,
    term,
)
from generator.reading.catalog import Catalog

FORMAT = "maillage-annuaire/1"  # bumped when a key changes meaning, so that reusers can tell


def directory(catalog: Catalog, settings: ExportSettings) -> bytes:
    newest = newest_update(catalog)
    data: dict[str, Any] = {
        "format": FORMAT,
        "site": settings.site_url,
        "date_maj": newest.isoformat() if newest else None,
        "nombre": {kind.export: len(catalog.of(kind)) for kind in KINDS},
        "taxonomies": _taxonomies(catalog),
    }
    for kind in KINDS:
        data[kind.export] = [
            {**_entry(catalog, settings, record), "page": settings.page_url(kind, record.id)}
            for record in sorted(catalog.of(kind), key=lambda r: r.id)
        ]
    return dump_json(data)


def _taxonomies(catalog: Catalog) -> dict[str, list[dict[str, Any]]]:
    """Terms in file order: contributors order them on purpose (a parent before its children)."""
    names = [name for name in TAXONOMIES.names() if name in catalog.taxonomies]
    names += sorted(name for name in catalog.taxonomies if name not in TAXONOMIES)
    return {name: [t.model_dump(mode="json") for t in catalog.taxonomies[name].terms.values()] for name in names}


def _entry(catalog: Catalog, settings: ExportSettings, entry: BaseModel) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name, target, _ in plan(type(entry)):
        value = getattr(entry, name)
        if isinstance(value, list):
            out[name] = [_value(catalog, settings, target, item) for item in value]
        else:
            out[name] = None if value is None else _value(catalog, settings, target, value)
    return out


def _value(catalog: Catalog, settings: ExportSettings, target: Target, value: Any) -> Any:
    if isinstance(value, BaseModel):
        return _entry(catalog, settings, value)
    if is_record_target(target):
        return reference(catalog, settings, str(target), value)
    if isinstance(target, str):
        return term(catalog, target, value)
    if isinstance(value, date | datetime):
        return iso(value)
    return value
