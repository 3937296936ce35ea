"""JSON Schemas of the records and taxonomies, for editors' autocompletion and outside tools.

They must say what the validator says, or an editor would flag a good file (or pass a bad one):
- a text field takes a number too, as the validator does (`code_postal: 59600`; the YAML language server reads
  `02100` as a number where Maillage keeps the text);
- an event's time may have no offset (`2027-01-14T09:30`, Paris time), which `format: date-time` refuses;
- a taxonomy field takes the ids of its taxonomy. Those are data, not code: they live in their own schema,
  `taxonomies.schema.json`, generated from data/taxonomies/ (`maillage schema`), which the record schemas point
  to; `maillage validate` warns on a taxonomy changed since it was generated.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from pydantic import BaseModel
from pydantic.json_schema import GenerateJsonSchema, JsonSchemaValue
from pydantic_core import core_schema

from generator.contract.fields import TERM_PATTERN
from generator.contract.kinds import KINDS
from generator.contract.model import Term
from generator.contract.shapes import block, target
from generator.contract.taxonomies import TAXONOMIES

TermIds = Mapping[str, Sequence[tuple[str, str]]]  # taxonomy name -> (id, label) of its terms, in tree order

DRAFT = "https://json-schema.org/draft/2020-12/schema"
TAXONOMY_SCHEMA = "taxonomies.schema.json"
# What `datetime.fromisoformat` reads for an event (generator.fields.Moment), offset or not.
LOCAL_DATE_TIME = r"^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?([Zz]|[+-]\d{2}:?\d{2})?$"


class _Contract(GenerateJsonSchema):
    """pydantic's schemas, with a text field that also takes a number (coerce_numbers_to_str)."""

    def str_schema(self, schema: core_schema.StringSchema) -> JsonSchemaValue:
        found = super().str_schema(schema)
        if "format" not in found:
            found["type"] = ["string", "number"]
        return found


def _taxonomy_fields(model: type[BaseModel], schema: dict[str, Any], defs: dict[str, Any]) -> None:
    """Point every taxonomy field of `model` (and of the blocks it holds) to the ids of its taxonomy."""
    for name, info in model.model_fields.items():
        refers_to = target(info)
        if isinstance(refers_to, str) and refers_to in TAXONOMIES:
            _point(schema.get("properties", {}).get(name, {}), {"$ref": f"{TAXONOMY_SCHEMA}#/$defs/{refers_to}"})
        inner = block(info.annotation)
        if inner is not None and inner.__name__ in defs:
            _taxonomy_fields(inner, defs[inner.__name__], defs)


def _point(node: Any, reference: dict[str, str]) -> None:
    """Replace the id schema (TERM_PATTERN) inside a property, list or optional, by `reference`."""
    if isinstance(node, dict):
        for key, value in list(node.items()):
            if isinstance(value, dict) and value.get("pattern") == TERM_PATTERN:
                node[key] = dict(reference)
            else:
                _point(value, reference)
        if node.get("pattern") == TERM_PATTERN:
            for key in ("pattern", "type"):
                node.pop(key, None)
            node.update(reference)
    elif isinstance(node, list):
        for index, value in enumerate(node):
            if isinstance(value, dict) and value.get("pattern") == TERM_PATTERN:
                node[index] = dict(reference)
            else:
                _point(value, reference)


def _moments(node: Any) -> None:
    """The event times: a date-time with or without offset (pydantic writes `format: date-time`, which needs
    one); the contract has no other date-time."""
    if isinstance(node, dict):
        if node.get("format") == "date-time":
            del node["format"]
            node["pattern"] = LOCAL_DATE_TIME
        for value in node.values():
            _moments(value)
    elif isinstance(node, list):
        for value in node:
            _moments(value)


def schemas() -> dict[str, dict[str, Any]]:
    """File name -> JSON Schema, for every kind of record and for taxonomy files."""
    found: dict[str, dict[str, Any]] = {}
    for kind in KINDS:
        schema = kind.model.model_json_schema(schema_generator=_Contract)
        schema["required"] = [name for name in schema.get("required", []) if name != "id"]  # the file name is the id
        _taxonomy_fields(kind.model, schema, schema.get("$defs", {}))
        _moments(schema)
        found[f"{kind.schema}.schema.json"] = {"$schema": DRAFT, **schema, "title": f"Fiche {kind.singular} — Maillage"}
    term = Term.model_json_schema(schema_generator=_Contract)
    found["taxonomie.schema.json"] = {
        "$schema": DRAFT,
        "title": "Taxonomie — Maillage",
        "type": "array",
        "items": {"$ref": "#/$defs/Term"},
        "$defs": {**term.pop("$defs", {}), "Term": term},
    }
    return found


def taxonomy_schema(terms: TermIds) -> dict[str, Any]:
    """The ids of every taxonomy, with their labels for editors (enumDescriptions), in the taxonomy's order."""
    defs: dict[str, Any] = {}
    for taxonomy in TAXONOMIES:
        found = terms.get(taxonomy.name, ())
        defs[taxonomy.name] = {
            "description": f"Identifiant {taxonomy.noun.of_the} (data/taxonomies/{taxonomy.file}).",
            "enum": [term_id for term_id, _ in found],
            "enumDescriptions": [label for _, label in found],
            "type": "string",
        }
    return {"$schema": DRAFT, "title": "Identifiants des taxonomies — Maillage", "$defs": defs}


def render(schema: dict[str, Any]) -> str:
    return json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def write_schemas(folder: Path, terms: TermIds | None = None) -> list[Path]:
    """Every schema into `folder`; the taxonomy ids from `terms` (none: empty lists)."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, schema in {**schemas(), TAXONOMY_SCHEMA: taxonomy_schema(terms or {})}.items():
        path = folder / name
        path.write_text(render(schema), encoding="utf-8")
        written.append(path)
    return written
