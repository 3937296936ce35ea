"""Reporters: diagnostics for people (text), for GitHub pull requests (workflow commands), for tools (JSON).

Every value a contributor wrote is neutralised where it is written (generator.neutral): a terminal never runs an
escape sequence, a step summary never renders Markdown or HTML from the data.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Collection
from pathlib import Path

from generator.contract.nouns import plural
from generator.reading.changes import absolute
from generator.reading.diagnostics import Diagnostic
from generator.reading.neutral import for_markdown, for_terminal

# GitHub shows 10 error and 10 warning annotations per step and drops the others without a word: we choose
# which, and say where the rest are.
ANNOTATIONS_PER_STEP = 10
TITLE_LENGTH = 100  # an annotation's title is one line above its message
SUMMARY_ROWS = 1000  # a step summary holds 1 MiB at most; a row takes a few hundred bytes

Changed = Collection[str] | None  # absolute paths of the files a change touches (generator.changes); None: unknown


def _where(d: Diagnostic) -> str:
    return f"{d.path}:{d.line}:{d.column}" if d.line else str(d.path)


def summary(diagnostics: list[Diagnostic], files: int) -> str:
    errors = sum(d.is_error for d in diagnostics)
    warnings = len(diagnostics) - errors
    return f"{plural(errors, 'erreur')}, {plural(warnings, 'avertissement')} dans {plural(files, 'fiche')}."


def _text_lines(diagnostics: list[Diagnostic]) -> list[str]:
    lines = []
    for d in diagnostics:
        lines.append(for_terminal(f"{_where(d)}: {d.severity.value}: {d.message}."))
        if d.hint:
            lines.append("  → " + for_terminal(d.hint))
    return lines


def text(diagnostics: list[Diagnostic], files: int, changed: Changed = None) -> str:
    return "\n".join([*_text_lines(diagnostics), summary(diagnostics, files)]) + "\n"


# --- GitHub ---------------------------------------------------------------------------------------------


def _escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(value: str) -> str:
    return _escape_data(value).replace(":", "%3A").replace(",", "%2C")


def title_of(d: Diagnostic) -> str:
    """What is wrong, in a few words: the message itself, capitalised, cut to one line."""
    message = for_terminal(d.message)
    message = message[:1].upper() + message[1:]
    return message if len(message) <= TITLE_LENGTH else message[: TITLE_LENGTH - 1].rstrip() + "…"


def _annotation(d: Diagnostic) -> str:
    command = "error" if d.is_error else "warning"
    props = [f"file={_escape_property(for_terminal(str(d.path)))}"]
    if d.line:
        props += [f"line={d.line}", f"col={d.column}"]
    props.append(f"title={_escape_property(title_of(d))}")
    body = for_terminal(d.message) + "." + (f"\n→ {for_terminal(d.hint)}" if d.hint else "")
    return f"::{command} {','.join(props)}::{_escape_data(body)}"


class Triage:
    """The diagnostics split by what a pull request did: its own files first, then errors elsewhere (often a
    record it removed and another still names), then warnings on records it did not touch, which never fail
    it nor take its annotations."""

    def __init__(self, diagnostics: list[Diagnostic], changed: Changed) -> None:
        self.known = changed is not None
        touched = set(changed or ())
        mine = [d for d in diagnostics if not self.known or absolute(d.path) in touched]
        mine_set = set(mine)
        others = [d for d in diagnostics if d not in mine_set]
        self.own = mine
        self.other_errors = [d for d in others if d.is_error]
        self.untouched_warnings = [d for d in others if not d.is_error]

    def annotated(self) -> list[Diagnostic]:
        errors = [d for d in self.own if d.is_error] + self.other_errors
        warnings = [d for d in self.own if not d.is_error]
        return errors[:ANNOTATIONS_PER_STEP] + warnings[:ANNOTATIONS_PER_STEP]

    def held_back(self) -> int:
        """Errors, and warnings on the change's own files, beyond what GitHub shows."""
        return len(self.own) + len(self.other_errors) - len(self.annotated())


def github(diagnostics: list[Diagnostic], files: int, changed: Changed = None) -> str:
    """Workflow commands (annotations on the pull request's lines), the whole list in the log, and every
    diagnostic in the step summary."""
    triage = Triage(diagnostics, changed)
    lines = [_annotation(d) for d in triage.annotated()]
    held = triage.held_back()
    if held:
        message = (f"{plural(held, 'autre problème', 'autres problèmes')} sans annotation (GitHub en montre "
                   f"{ANNOTATIONS_PER_STEP} par étape) : la liste complète est dans le résumé de la vérification "
                   "(« Summary ») et dans le journal de cette étape.")
        lines.append(f"::notice title={_escape_property('Autres problèmes')}::{_escape_data(message)}")
    lines += _text_lines(diagnostics)
    lines.append(summary(diagnostics, files))
    step_summary = os.environ.get("GITHUB_STEP_SUMMARY")
    if step_summary:
        with Path(step_summary).open("a", encoding="utf-8") as out:
            out.write(markdown_summary(diagnostics, files, changed))
    return "\n".join(lines) + "\n"


def _cell(value: str) -> str:
    return for_markdown(value)


def _table(diagnostics: list[Diagnostic], room: int) -> list[str]:
    rows = ["| Fichier | Ligne | Gravité | Problème | Que faire |", "| --- | --- | --- | --- | --- |"]
    for d in diagnostics[:room]:
        cells = [_cell(str(d.path)), str(d.line or ""), d.severity.value, _cell(d.message), _cell(d.hint)]
        rows.append("| " + " | ".join(cells) + " |")
    if len(diagnostics) > room:
        rows += ["", f"… et {len(diagnostics) - room} de plus, dans le journal de l'étape « Vérifier les fiches »."]
    return [*rows, ""]


def markdown_summary(diagnostics: list[Diagnostic], files: int, changed: Changed = None) -> str:
    """The step summary: every diagnostic, the change's own files first, values escaped."""
    triage = Triage(diagnostics, changed)
    rows = ["## Vérification des fiches", "", f"**{summary(diagnostics, files)}**", ""]
    shown, held = len(triage.annotated()), triage.held_back()
    if shown:
        rest = f" ; {held} de plus ne sont listés qu'ici." if held else "."
        rows += [f"{plural(shown, 'problème annoté', 'problèmes annotés')} sur les lignes concernées (onglet "
                 "« Files changed » de la demande)" + rest, ""]
    room = SUMMARY_ROWS
    sections = [
        ("Fichiers modifiés par cette demande" if triage.known else "Problèmes", "", triage.own),
        ("Erreurs dans d'autres fichiers",
         "Ces fichiers ne sont pas modifiés par la demande mais ont une erreur : souvent, une fiche en cite une "
         "autre que la demande supprime ou renomme.", triage.other_errors),
    ]
    for title, intro, found in sections:
        if not found:
            continue
        rows += [f"### {title} ({len(found)})", ""] + ([intro, ""] if intro else []) + _table(found, room)
        room = max(0, room - len(found))
    if triage.untouched_warnings:
        count = len(triage.untouched_warnings)
        rows += [f"### Avertissements sur des fiches que la demande ne modifie pas ({count})", "",
                 "Ils ne bloquent pas la demande : ce sont des fiches à relire un jour (la liste est aussi dans le "
                 "rapport hebdomadaire « Fiches à relire »).", "",
                 "<details><summary>Voir la liste</summary>", ""]
        rows += [*_table(triage.untouched_warnings, room), "</details>", ""]
    return "\n".join(rows) + "\n"


def as_json(diagnostics: list[Diagnostic], files: int, changed: Changed = None) -> str:
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


Reporter = Callable[[list[Diagnostic], int, Changed], str]
REPORTERS: dict[str, Reporter] = {"text": text, "github": github, "json": as_json}
