"""A proposal as a record file, checked by the validator in its directory.

The file is written as contributors write theirs (the schema line first, keys in the model's order, the check
date last, Markdown as a `|` block), then the whole data directory is read again with it: its references to
actors and terms are checked as any pull request's would be."""

from __future__ import annotations

import shutil
import tempfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import yaml

from generator.contract.kinds import Kind
from generator.reading.diagnostics import Diagnostic
from generator.reading.directory import read_directory
from generator.reading.load import load


class _Dumper(yaml.SafeDumper):
    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)  # list items indented under their key, as the sample files write them


def _text(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


def _moment(dumper: yaml.SafeDumper, value: datetime) -> yaml.ScalarNode:
    return dumper.represent_scalar("tag:yaml.org,2002:str", value.strftime("%Y-%m-%dT%H:%M"))


_Dumper.add_representer(str, _text)
_Dumper.add_representer(datetime, _moment)


def record_text(kind: Kind, values: dict[str, Any]) -> tuple[str, dict[int, str]]:
    """The file's text, and the key that starts on each of its lines (to say which answer a problem is about)."""
    order = [name for name in kind.model.model_fields if name not in ("id", "date_maj")] + ["date_maj"]
    ordered = [name for name in order if name in values] + [name for name in values if name not in order]
    lines = [f"# yaml-language-server: $schema=../../schemas/{kind.schema}.schema.json"]
    starts: dict[int, str] = {}
    for name in ordered:
        starts[len(lines) + 1] = name
        dumped = yaml.dump({name: values[name]}, Dumper=_Dumper, allow_unicode=True, sort_keys=False,
                           default_flow_style=False, width=10_000)
        lines += dumped.rstrip("\n").split("\n")
    return "\n".join(lines) + "\n", starts


def existing_values(path: Path) -> tuple[dict[str, Any] | None, list[Diagnostic]]:
    """What a record file holds now (None if it cannot be read as a block of keys)."""
    document, diagnostics = load(path)
    if document is None or not isinstance(document.data, dict):
        return None, diagnostics
    return dict(document.data), diagnostics


def merged(current: dict[str, Any], proposed: dict[str, Any]) -> dict[str, Any]:
    """An update: the answers given replace the values; a key of the first place changes that place only."""
    result = dict(current)
    for key, value in proposed.items():
        old = result.get(key)
        if isinstance(value, list) and value and isinstance(value[0], dict) and isinstance(old, list) and old \
                and isinstance(old[0], dict):
            result[key] = [{**old[0], **value[0]}, *old[1:]]
        else:
            result[key] = value
    return result


@dataclass
class Checked:
    path: Path  # where the record goes, under the data directory
    text: str
    diagnostics: list[Diagnostic]  # the validator's, for this file only

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.is_error]


def check(data_dir: Path, kind: Kind, record_id: str, text: str, keep: bool) -> Checked:
    """The validator's verdict on the record among the others. With `keep`, the file stays in `data_dir` when it
    has no error (and whatever was there before is put back when it has one); without, the directory is untouched
    (a copy is read)."""
    relative = Path(kind.folder) / f"{record_id}.yml"
    if not keep:
        with tempfile.TemporaryDirectory(prefix="maillage-proposition-") as scratch:
            copy = Path(scratch) / "data"
            shutil.copytree(data_dir, copy, symlinks=True)
            found = _verdict(copy, relative, text)
        return Checked(data_dir / relative, text, [_moved(d, copy, data_dir) for d in found])
    path = data_dir / relative
    before = path.read_bytes() if path.is_file() else None
    found = _verdict(data_dir, relative, text)
    if any(d.is_error for d in found):
        if before is None:
            path.unlink()
        else:
            path.write_bytes(before)
    return Checked(path, text, found)


def _verdict(data_dir: Path, relative: Path, text: str) -> list[Diagnostic]:
    path = data_dir / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    reading = read_directory(data_dir)
    target = path.resolve()
    return [d for d in reading.diagnostics if _same(d.path, target)]


def _same(shown: Path, target: Path) -> bool:
    try:
        return shown.resolve() == target
    except OSError:
        return False


def _moved(d: Diagnostic, copy: Path, data_dir: Path) -> Diagnostic:
    """A diagnostic of the copy, named as the file will be in the real directory."""
    try:
        relative = d.path.resolve().relative_to(copy.resolve())
    except ValueError:
        return d
    return Diagnostic(data_dir / relative, d.line, d.column, d.severity, d.message, d.hint)
