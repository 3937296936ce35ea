"""The taxonomies' terms as forms list them: « Libellé [id] », in the file's order, read with the validator's reader."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from pathlib import Path

from generator.contract.model import Term
from generator.contract.taxonomies import TAXONOMIES
from generator.editing.forms import Question
from generator.editing.shapes import Input
from generator.reading.diagnostics import Diagnostic
from generator.reading.load import load
from generator.reading.validate import validate_terms

Terms = dict[str, list[Term]]  # taxonomy name -> its terms
_OPTION = re.compile(r"^(?P<label>.*?)\s*\[(?P<id>[a-z0-9-]+)\]\s*$")


class TaxonomyError(Exception):
    """A taxonomy file the forms cannot be written from; holds the validator's diagnostics."""

    def __init__(self, diagnostics: list[Diagnostic]) -> None:
        super().__init__("taxonomies illisibles")
        self.diagnostics = diagnostics


def read_terms(data_dir: Path) -> Terms:
    found: Terms = {}
    problems: list[Diagnostic] = []
    for name in TAXONOMIES.names():
        path = data_dir / "taxonomies" / f"{name}.yml"
        if not TAXONOMIES[name].required and not path.exists():
            continue  # an optional taxonomy (types of call) a directory does without: the forms needing it are left out
        document, diagnostics = load(path)
        problems += diagnostics
        if document is None:
            continue
        terms, diagnostics = validate_terms(document)
        problems += diagnostics
        found[name] = terms
    if problems:
        raise TaxonomyError(problems)
    return found


def askable(questions: Iterable[Question], has_terms: Callable[[str], bool]) -> bool:
    """Whether every list of terms a form offers has terms (a directory without types of call has no call form)."""
    return all(has_terms(q.shape.taxonomy) for q in questions if q.shape.input is Input.TERM)


def option(term: Term) -> str:
    return f"{term.label} [{term.id}]"


def parse_option(text: str) -> tuple[str, str] | None:
    """(label, id) of « Libellé [id] », None for other text."""
    found = _OPTION.match(text.strip())
    return (found["label"], found["id"]) if found else None
