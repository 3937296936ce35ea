"""The JSON Schemas kept in the repository, against the taxonomies read: written by `maillage schema`, reported
stale by `maillage validate` when a taxonomy changed and the schema editors complete ids from was not written
again."""

from __future__ import annotations

from pathlib import Path

from generator.contract.schema import TAXONOMY_SCHEMA, TermIds, render, taxonomy_schema, write_schemas
from generator.reading.catalog import Taxonomy
from generator.reading.diagnostics import Diagnostic, error


def term_ids(taxonomies: dict[str, Taxonomy]) -> TermIds:
    return {name: [(term.id, term.label) for term, _ in taxonomy.walk()] for name, taxonomy in taxonomies.items()}


def write(folder: Path, taxonomies: dict[str, Taxonomy]) -> list[Path]:
    return write_schemas(folder, term_ids(taxonomies))


def stale_taxonomy_schema(folder: Path, taxonomies: dict[str, Taxonomy]) -> Diagnostic | None:
    """An error when the schema editors complete taxonomy ids from no longer lists the taxonomies' ids."""
    path = folder / TAXONOMY_SCHEMA
    try:
        written = path.read_text(encoding="utf-8")
    except OSError:
        written = None
    if written == render(taxonomy_schema(term_ids(taxonomies))):
        return None
    return error(
        path,
        (0, 0),
        "le schéma des taxonomies n'est plus à jour : les éditeurs proposeraient d'anciens identifiants"
        if written is not None else "le schéma des taxonomies manque",
        "Lancez « maillage schema » (ou « make schemas ») et ajoutez le fichier à la modification ; une personne "
        "qui n'a que l'éditeur de GitHub peut demander à un mainteneur de le faire dans sa demande.",
    )
