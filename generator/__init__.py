"""Maillage: the shared directory of a territorial health network, from YAML records to a static site.

The public API is what the command and the MkDocs plugin use: read a data directory into a catalog with its
diagnostics, and the record model. Everything else is internal and may change.
"""

from generator.catalog import Catalog, Taxonomy
from generator.diagnostics import Diagnostic, Severity
from generator.directory import Options, Reading, read_directory
from generator.model import ACTOR, EVENT, KINDS, PRACTICE, RESOURCE, Actor, Event, Kind, Practice, Record, Resource

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
