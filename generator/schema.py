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
from pathlib import Path
from typing import Any

from pydantic import BaseModel
from pydantic.json_schema import GenerateJsonSchema, JsonSchemaValue
from pydantic_core import core_schema

from generator.catalog import Taxonomy, field_target
from generator.diagnostics import Diagnostic, warning
from generator.fields import TERM_PATTERN
from generator.model import KINDS, TAXONOMIES, Term
from generator.validate import nested_model

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
        target = field_target(info)
        if isinstance(target, str) and target in TAXONOMIES:
            _point(schema.get("properties", {}).get(name, {}), {"$ref": f"{TAXONOMY_SCHEMA}#/$defs/{target}"})
        inner = nested_model(model, name)
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


def taxonomy_schema(taxonomies: dict[str, Taxonomy]) -> dict[str, Any]:
    """The ids of every taxonomy, with their labels for editors (enumDescriptions), in the taxonomy's order."""
    defs: dict[str, Any] = {}
    for name, what in TAXONOMIES.items():
        taxonomy = taxonomies.get(name)
        terms = [term for term, _ in taxonomy.walk()] if taxonomy else []
        defs[name] = {
            "description": f"Identifiant de {what} (data/taxonomies/{name}.yml).",
            "enum": [term.id for term in terms],
            "enumDescriptions": [term.label for term in terms],
            "type": "string",
        }
    return {"$schema": DRAFT, "title": "Identifiants des taxonomies — Maillage", "$defs": defs}


def render(schema: dict[str, Any]) -> str:
    return json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def write_schemas(folder: Path, taxonomies: dict[str, Taxonomy]) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, schema in {**schemas(), TAXONOMY_SCHEMA: taxonomy_schema(taxonomies)}.items():
        path = folder / name
        path.write_text(render(schema), encoding="utf-8")
        written.append(path)
    return written


def stale_taxonomy_schema(folder: Path, taxonomies: dict[str, Taxonomy], taxonomy_folder: Path) -> list[Diagnostic]:
    """A warning on each taxonomy whose ids the schema editors complete from no longer lists: on the taxonomy
    file, which the change touches, so that the pull request shows it. The check and the site are right; only
    an editor would propose the old ids."""
    path = folder / TAXONOMY_SCHEMA
    hint = (f"Lancez « maillage schema » (ou « make schemas ») et ajoutez {path} à la modification ; sinon les "
            "éditeurs (VS Code) proposeront les anciens identifiants. Sans terminal, demandez-le à un mainteneur.")
    try:
        written = json.loads(path.read_text(encoding="utf-8")).get("$defs", {})
    except (OSError, ValueError, AttributeError):
        return [warning(path, (0, 0), "le schéma des identifiants de taxonomies manque ou est illisible", hint)]
    wanted = taxonomy_schema(taxonomies)["$defs"]
    return [
        warning(taxonomy_folder / f"{name}.yml", (0, 0),
                f"la taxonomie « {name} » a changé depuis le schéma des éditeurs ({path})", hint)
        for name in TAXONOMIES if written.get(name) != wanted[name]
    ]
