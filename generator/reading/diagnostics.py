"""Diagnostics: what is wrong, where, and what to do about it, in French."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path


class Severity(StrEnum):
    ERROR = "erreur"
    WARNING = "avertissement"


@dataclass(frozen=True, order=True)
class Diagnostic:
    path: Path
    line: int  # 1-based; 0 when the problem concerns the whole file
    column: int  # 1-based
    severity: Severity
    message: str
    hint: str = ""

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR


def error(path: Path, position: tuple[int, int], message: str, hint: str = "") -> Diagnostic:
    return Diagnostic(path, position[0], position[1], Severity.ERROR, message, hint)


def warning(path: Path, position: tuple[int, int], message: str, hint: str = "") -> Diagnostic:
    return Diagnostic(path, position[0], position[1], Severity.WARNING, message, hint)


def did_you_mean(value: str, choices: Iterable[str], listing: str = "") -> str:
    """ "Vouliez-vous dire « x » ?", or the listing when nothing is close."""
    close = difflib.get_close_matches(value, list(choices), n=1, cutoff=0.6)
    if close:
        return f"Vouliez-vous dire « {close[0]} » ?" + (f" {listing}" if listing else "")
    return listing
