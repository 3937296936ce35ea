"""The JSON Schemas kept in the repository, against the taxonomies read: written by `maillage schema`, and a
warning from `maillage validate` when a taxonomy changed and the schema editors complete ids from was not
written again."""

from __future__ import annotations

import json
from pathlib import Path

from generator.contract.schema import TAXONOMY_SCHEMA, TermIds, taxonomy_schema, write_schemas
from generator.contract.taxonomies import TAXONOMIES
from generator.reading.catalog import Taxonomy
from generator.reading.diagnostics import Diagnostic, warning


def term_ids(taxonomies: dict[str, Taxonomy]) -> TermIds:
    return {name: [(term.id, term.label) for term, _ in taxonomy.walk()] for name, taxonomy in taxonomies.items()}


def write(folder: Path, taxonomies: dict[str, Taxonomy]) -> list[Path]:
    return write_schemas(folder, term_ids(taxonomies))


def stale_taxonomy_schema(folder: Path, taxonomies: dict[str, Taxonomy], taxonomy_folder: Path) -> list[Diagnostic]:
    """A warning on each taxonomy whose ids the schema editors complete from no longer lists: on the taxonomy
    file, which the change touches, so that the pull request shows it. The check and the site are right; only
    an editor would propose the old ids."""
    path = folder / TAXONOMY_SCHEMA
    hint = (f"Lancez « maillage schema » (ou « make schemas ») et ajoutez {path} à la modification ; sinon les "
            "éditeurs (VS Code) proposeront les anciens identifiants. Sans terminal, demandez-le à un mainteneur.")
    try:
        written = json.loads(path.read_text(encoding="utf-8")).get("$defs", {})
    except (OSError, ValueError, AttributeError):
        return [warning(path, (0, 0), "le schéma des identifiants de taxonomies manque ou est illisible", hint)]
    wanted = taxonomy_schema(term_ids(taxonomies))["$defs"]
    return [
        warning(taxonomy_folder / taxonomy.file, (0, 0),
                f"la taxonomie « {taxonomy.name} » a changé depuis le schéma des éditeurs ({path})", hint)
        for taxonomy in TAXONOMIES if written.get(taxonomy.name) != wanted[taxonomy.name]
    ]
