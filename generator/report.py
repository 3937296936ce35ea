"""Reporters: diagnostics for people (text), for GitHub pull requests (workflow commands), for tools (JSON)."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path

from generator.diagnostics import Diagnostic, plural


def _where(d: Diagnostic) -> str:
    return f"{d.path}:{d.line}:{d.column}" if d.line else str(d.path)


def summary(diagnostics: list[Diagnostic], files: int) -> str:
    errors = sum(d.is_error for d in diagnostics)
    warnings = len(diagnostics) - errors
    return f"{plural(errors, 'erreur')}, {plural(warnings, 'avertissement')} dans {plural(files, 'fiche')}."


def text(diagnostics: list[Diagnostic], files: int) -> str:
    lines = []
    for d in diagnostics:
        lines.append(f"{_where(d)}: {d.severity.value}: {d.message}.")
        if d.hint:
            lines.append(f"  → {d.hint}")
    lines.append(summary(diagnostics, files))
    return "\n".join(lines) + "\n"


def _escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(value: str) -> str:
    return _escape_data(value).replace(":", "%3A").replace(",", "%2C")


def github(diagnostics: list[Diagnostic], files: int) -> str:
    """Workflow commands (annotations on the pull request's lines); the summary table goes to the step summary."""
    lines = []
    for d in diagnostics:
        command = "error" if d.is_error else "warning"
        props = [f"file={_escape_property(str(d.path))}"]
        if d.line:
            props += [f"line={d.line}", f"col={d.column}"]
        props.append(f"title={_escape_property('Maillage : ' + d.severity.value)}")
        body = d.message + "." + (f"\n→ {d.hint}" if d.hint else "")
        lines.append(f"::{command} {','.join(props)}::{_escape_data(body)}")
    lines.append(summary(diagnostics, files))
    step_summary = os.environ.get("GITHUB_STEP_SUMMARY")
    if step_summary:
        with Path(step_summary).open("a", encoding="utf-8") as out:
            out.write(markdown_table(diagnostics, files))
    return "\n".join(lines) + "\n"


def _cell(value: str) -> str:
    return value.replace("|", "\\|").replace("\n", " ")


def markdown_table(diagnostics: list[Diagnostic], files: int) -> str:
    rows = ["## Vérification des fiches", "", summary(diagnostics, files), ""]
    if diagnostics:
        rows += ["| Fichier | Ligne | Gravité | Problème | Que faire |", "| --- | --- | --- | --- | --- |"]
        for d in diagnostics:
            cells = [f"`{_cell(str(d.path))}`", str(d.line or ""), d.severity.value, _cell(d.message), _cell(d.hint)]
            rows.append("| " + " | ".join(cells) + " |")
    return "\n".join(rows) + "\n\n"


def as_json(diagnostics: list[Diagnostic], files: int) -> str:
    payload = {
        "fiches": files,
        "erreurs": sum(d.is_error for d in diagnostics),
        "avertissements": sum(not d.is_error for d in diagnostics),
        "diagnostics": [
            {
                "fichier": str(d.path),
                "ligne": d.line,
                "colonne": d.column,
                "gravite": d.severity.value,
                "message": d.message,
                "conseil": d.hint,
            }
            for d in diagnostics
        ],
    }
    return json.dumps(payload, ensure_ascii=False, indent=2) + "\n"


REPORTERS: dict[str, Callable[[list[Diagnostic], int], str]] = {"text": text, "github": github, "json": as_json}
