"""Maillage: the shared directory of a territorial health network, from YAML records to a static site.

The public API is what the command and the MkDocs plugin use: read a data directory into a catalog with its
diagnostics, and the record model. Everything else is internal and may change.
"""

from generator.contract.model import (
    ACTOR,
    EVENT,
    KINDS,
    PRACTICE,
    RESOURCE,
    Actor,
    Event,
    Kind,
    Practice,
    Record,
    Resource,
)
from generator.reading.catalog import Catalog, Taxonomy
from generator.reading.diagnostics import Diagnostic, Severity
from generator.reading.directory import Options, Reading, read_directory

__all__ = [
    "ACTOR",
    "EVENT",
    "KINDS",
    "PRACTICE",
    "RESOURCE",
    "Actor",
    "Catalog",
    "Diagnostic",
    "Event",
    "Kind",
    "Options",
    "Practice",
    "Reading",
    "Record",
    "Resource",
    "Severity",
    "Taxonomy",
    "read_directory",
]
