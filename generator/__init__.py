"""Maillage: the shared directory of a territorial health network, from YAML records to a static site.

The public API is what the command and the MkDocs plugin use: read a data directory into a catalog with its
diagnostics, and the record model. Everything else is internal and may change.

The folders are layers, each importing only from those before it (tests/test_layers.py checks it, and that no
two modules import each other, even through others):

1. contract: the models, value types, the registries of kinds and taxonomies (kinds.py, taxonomies.py);
2. reading: files to a catalog with its diagnostics;
3. site: the pages (renderer core, page producers in site/pages/, templates, theme);
4. search: the search index and its page;
5. exports: the open data;
6. build: the engine-neutral build (generator/build.py: the data read, the pages and files every engine
   publishes), which the engines adapt;
7. engines: MkDocs (and its fast path), the files engine;
8. upkeep: link checking, review reminders, pull request reports (which build the site before and after);
9. the command (cli), which may import every layer, like this package's own entry point.

clock, parallel, scratch, publish and settings are utilities that any layer may import; they import no layer
(settings, the site's options, is read by the pages and the exports alike).
"""

from generator.contract.kinds import ACTOR, EVENT, KINDS, PRACTICE, RESOURCE, Kind
from generator.contract.model import Actor, Event, Practice, Record, Resource
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
