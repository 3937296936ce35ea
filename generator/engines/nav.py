"""The menu of a site built by an engine that reads mkdocs.yml (MkDocs, Zensical): sections only, record pages
never (a menu of thousands of pages would be rendered into every page). An entry whose page does not exist is
left out (`prune`)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from generator.contract.kinds import KINDS

# The sections of the site, in menu order: (title, page file); the menu when mkdocs.yml has none.
SECTIONS: list[tuple[str, str]] = [
    ("Accueil", "index.md"),
    *((kind.title, f"{kind.section}/index.md") for kind in KINDS),  # the list of each kind
    ("Thématiques", "thematiques/index.md"),
    ("Territoires", "territoires/index.md"),
    ("Publics", "publics/index.md"),
    ("Carte", "carte/index.md"),
    ("Réseau", "reseau/index.md"),
    ("Offre par territoire", "offre/index.md"),
    ("Guides", "guides/index.md"),
    ("Bulletin", "bulletin/index.md"),
    ("Données", "donnees/index.md"),
    ("Contribuer", "contribuer.md"),
    ("Proposer une fiche", "proposer/index.md"),  # only when the network has a coordination address
    ("Charte", "charte.md"),
    ("À propos", "a-propos.md"),
]


def default() -> list[dict[str, str]]:
    return [{title: target} for title, target in SECTIONS]


def prune(nav: list[Any], exists: Callable[[str], bool]) -> list[Any]:
    """The menu without the entries whose page does not exist (external links and sections kept)."""
    kept: list[Any] = []
    for item in nav:
        target = next(iter(item.values())) if isinstance(item, dict) and len(item) == 1 else item
        if isinstance(target, list):
            children = prune(target, exists)
            if children:
                kept.append({next(iter(item)): children})
        elif isinstance(target, str) and "://" not in target and target.endswith(".md") and not exists(target):
            continue
        else:
            kept.append(item)
    return kept
