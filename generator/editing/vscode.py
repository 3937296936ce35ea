"""Schema completion for editors that lose the first line of a record (`# yaml-language-server: $schema=…`), as the
web editor does when it saves: VS Code's YAML extension maps each data folder to its kind's schema."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from generator.contract.kinds import KINDS

SETTING = "yaml.schemas"


def schema_mapping(schemas: str = "schemas", data: str = "data") -> dict[str, list[str]]:
    found = {f"{schemas}/{kind.schema}.schema.json": [f"{data}/{kind.folder}/*.yml"] for kind in KINDS}
    found[f"{schemas}/taxonomie.schema.json"] = [f"{data}/taxonomies/*.yml"]
    return found


def settings_text(current: str | None) -> str:
    """The settings file with the mapping set, every other setting kept (a file that is not JSON is replaced)."""
    settings: dict[str, Any] = {}
    if current:
        try:
            loaded = json.loads(current)
        except ValueError:
            loaded = {}
        settings = loaded if isinstance(loaded, dict) else {}
    settings[SETTING] = schema_mapping()
    return json.dumps(settings, ensure_ascii=False, indent=2) + "\n"


def write_settings(path: Path) -> Path:
    current = path.read_text(encoding="utf-8") if path.is_file() else None
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(settings_text(current), encoding="utf-8")
    return path
