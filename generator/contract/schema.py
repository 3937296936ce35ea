"""JSON Schemas of the records and taxonomies, for editors' autocompletion and outside tools."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from generator.contract.kinds import KINDS
from generator.contract.model import Term

DRAFT = "https://json-schema.org/draft/2020-12/schema"


def schemas() -> dict[str, dict[str, Any]]:
    """File name -> JSON Schema, for every kind of record and for taxonomy files."""
    found: dict[str, dict[str, Any]] = {}
    for kind in KINDS:
        schema = kind.model.model_json_schema()
        schema["required"] = [name for name in schema.get("required", []) if name != "id"]  # the file name is the id
        found[f"{kind.schema}.schema.json"] = {"$schema": DRAFT, **schema, "title": f"Fiche {kind.singular} — Maillage"}
    term = Term.model_json_schema()
    found["taxonomie.schema.json"] = {
        "$schema": DRAFT,
        "title": "Taxonomie — Maillage",
        "type": "array",
        "items": {"$ref": "#/$defs/Term"},
        "$defs": {**term.pop("$defs", {}), "Term": term},
    }
    return found


def render(schema: dict[str, Any]) -> str:
    return json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def write_schemas(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, schema in schemas().items():
        path = folder / name
        path.write_text(render(schema), encoding="utf-8")
        written.append(path)
    return written
