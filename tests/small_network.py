"""A tiny network written into a temporary folder: the taxonomies of tiny_network.py, an actor, a resource with
its document, an event. Tests of hostile input add one bad thing to it and read the diagnostics."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

from tiny_network import write_data  # one way to write a tiny network's data

from generator.reading.diagnostics import Diagnostic
from generator.reading.directory import Options, Reading, read_directory

TODAY = date(2026, 11, 23)
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


ACTOR = """\
nom: Association du test
type: association
description: Une association qui accueille les jeunes à Lille pour parler de santé sexuelle.
thematiques: [sante-sexuelle]
territoires: [lille]
lieux:
  - commune: Lille
    latitude: 50.63
    longitude: 3.06
contacts:
  - fonction: Accueil
date_maj: 2026-10-01
"""

RESOURCE = """\
titre: Brochure du test
type: brochure
description: Une brochure pour les jeunes sur la santé sexuelle, à lire et à distribuer.
thematiques: [sante-sexuelle]
auteurs: [association-test]
fichier: brochure.pdf
date_maj: 2026-10-01
"""

EVENT = """\
titre: Rencontre du test
debut: 2026-12-10
organisateurs: [association-test]
date_maj: 2026-10-01
"""


def write_network(data: Path) -> Path:
    """The tiny network in `data` (created); returns `data`."""
    return write_data(data, {"actors/association-test.yml": ACTOR, "resources/brochure-test.yml": RESOURCE,
                             "resources/files/brochure.pdf": PDF, "events/rencontre-test.yml": EVENT})


def small_project(target: Path) -> Path:
    """The repository's mkdocs.yml and docs/ (by conftest's copy_project) with the tiny network as data/."""
    from conftest import copy_project

    project = copy_project(target)
    shutil.rmtree(project / "data")
    write_network(project / "data")
    return project


def read(data: Path) -> Reading:
    return read_directory(data, Options(today=TODAY))


def errors(data: Path) -> list[Diagnostic]:
    return read(data).errors


def about(data: Path, name: str) -> list[Diagnostic]:
    """The errors about the file (or folder) called `name`."""
    return [d for d in errors(data) if d.path.name == name]
