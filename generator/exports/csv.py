"""One CSV table per kind (acteurs.csv …): one row per record, for spreadsheets.

Choices, so that a spreadsheet opens the file cleanly:
- UTF-8 with a byte order mark: without it Excel reads the file as Windows-1252 and breaks the accents;
  LibreOffice, pandas (encoding="utf-8-sig") and Python's csv module read it as well.
- comma separator, fields quoted when needed, CRLF line ends (RFC 4180, and the recommendation of
  schema.data.gouv.fr).
- a list in one cell is joined with " ; "; a taxonomy column has a `_libelles` column beside it, a column
  of record ids a `_noms` (actors) or `_titres` column; yes/no is "oui"/"non".
- nested blocks are flattened: `identifiants_siret`, `periode_debut` …; for a list of blocks, the first
  place gets its own columns (`lieu_adresse`, `lieu_commune` …) and every block is summed up in one column.
- a text cell starting with =, +, -, @ (a phone number "+33 …", a Markdown list "- …") gets a leading
  apostrophe: spreadsheets would otherwise run it as a formula, showing an error or, from a malicious
  text, calling out (OWASP "CSV injection"). Numbers such as a negative longitude are left alone. Reusers
  who need the raw values take annuaire.json.
The columns come from the models, so a new field appears without changing this module.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable
from datetime import date, datetime
from typing import Any

from pydantic import BaseModel

from generator.contract.kinds import KIND_BY_NAME, Kind
from generator.contract.model import Contact, Lien, Lieu, Record, Service
from generator.contract.shapes import Target, plan
from generator.exports.common import (
    ExportSettings,
    is_record_target,
    is_taxonomy_target,
    iso,
)
from generator.reading.catalog import Catalog

SEPARATOR = " ; "
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
NUMBER = re.compile(r"-?\d+(\.\d+)?")
FIRST_BLOCK_COLUMNS = {"lieux": "lieu"}  # list of blocks whose first item also gets its own columns

Getter = Callable[[Any], str]  # from the record to the text of one cell
Column = tuple[str, Getter]


def table(catalog: Catalog, settings: ExportSettings, kind: Kind) -> bytes:
    columns = _columns(catalog, settings, kind)
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([header for header, _ in columns])
    for record in sorted(catalog.of(kind), key=lambda r: r.id):
        writer.writerow([inert(get(record)) for _, get in columns])
    return "\ufeff".encode() + buffer.getvalue().encode("utf-8")


def _columns(catalog: Catalog, settings: ExportSettings, kind: Kind) -> list[Column]:
    """id and page address first, the fields in the order of the model, the check date last.

    The page column is `page`, not `url`: a resource has its own `url` field."""
    fields = _block_columns(catalog, kind.model, "", lambda record: record)
    first = [c for c in fields if c[0] == "id"]
    last = [c for c in fields if c[0] == "date_maj"]
    middle = [c for c in fields if c[0] not in ("id", "date_maj")]
    page: Column = ("page", lambda record: settings.page_url(kind, record.id))
    return [*first, page, *middle, *last]


def _block_columns(catalog: Catalog, model: type[BaseModel], prefix: str, reach: Callable[[Any], Any]) -> list[Column]:
    columns: list[Column] = []
    for name, target, is_list in plan(model):
        header = prefix + name
        get = _getter(reach, name)
        if isinstance(target, type) and issubclass(target, BaseModel):
            if not is_list:
                columns += _block_columns(catalog, target, header + "_", get)
                continue
            if name in FIRST_BLOCK_COLUMNS:
                columns += _block_columns(catalog, target, prefix + FIRST_BLOCK_COLUMNS[name] + "_", _first(get))
            columns.append((header, _joined(get, _summary)))
        elif is_taxonomy_target(target):
            columns.append((header, _joined(get, str)))
            suffix = "_libelles" if is_list else "_libelle"
            columns.append((header + suffix, _joined(get, _term_label(catalog, target))))
        elif is_record_target(target):
            columns.append((header, _joined(get, str)))
            word = "_" + KIND_BY_NAME[str(target)].title_field
            columns.append((header + word + ("s" if is_list else ""), _joined(get, _record_title(catalog, target))))
        else:
            columns.append((header, _joined(get, cell)))
    return columns


def _getter(reach: Callable[[Any], Any], name: str) -> Callable[[Any], Any]:
    def get(record: Any) -> Any:
        owner = reach(record)
        return None if owner is None else getattr(owner, name)

    return get


def _first(get: Callable[[Any], Any]) -> Callable[[Any], Any]:
    return lambda record: next(iter(get(record) or []), None)


def _joined(get: Callable[[Any], Any], show: Callable[[Any], str]) -> Getter:
    def cell_of(record: Any) -> str:
        value = get(record)
        if value is None:
            return ""
        items = value if isinstance(value, list) else [value]
        return SEPARATOR.join(show(item) for item in items)

    return cell_of


def _term_label(catalog: Catalog, taxonomy: Target) -> Callable[[Any], str]:
    found = catalog.taxonomies.get(str(taxonomy))
    return lambda term_id: found.label(term_id) if found else str(term_id)


def _record_title(catalog: Catalog, kind_name: Target) -> Callable[[Any], str]:
    kind = KIND_BY_NAME[str(kind_name)]

    def title(record_id: Any) -> str:
        record: Record | None = catalog.get(kind.name, str(record_id))
        return record.title if record else str(record_id)

    return title


def inert(text: str) -> str:
    """The text as a spreadsheet must show it, never as a formula."""
    if not text or text[0] not in FORMULA_STARTS or NUMBER.fullmatch(text):
        return text
    return "'" + text


def cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "oui" if value else "non"
    if isinstance(value, date | datetime):
        return iso(value)
    if isinstance(value, list):
        return SEPARATOR.join(cell(item) for item in value)
    return str(value)


def _summary(block: Any) -> str:
    """One block in a few words, commas inside (the blocks themselves are separated by " ; ")."""
    if isinstance(block, Lieu):
        where = " ".join(p for p in (block.code_postal, block.commune) if p)
        parts = [block.nom, block.adresse, where, block.pays if block.pays != "FR" else None]
    elif isinstance(block, Service):
        details = [m.replace("-", " ") for m in block.modalites]
        details += [label for flag, label in ((block.gratuit, "gratuit"), (block.sur_rendez_vous, "sur rendez-vous"),
                                              (block.anonyme, "anonyme")) if flag]
        return block.nom + (f" ({', '.join(details)})" if details else "")
    elif isinstance(block, Contact):
        parts = [block.fonction, block.nom, block.courriel, block.telephone]
    elif isinstance(block, Lien):
        return f"{block.titre} : {block.url}"
    else:
        parts = [cell(v) for v in block.model_dump().values() if not isinstance(v, dict | list)]
    return ", ".join(p for p in parts if p)
