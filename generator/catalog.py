"""The catalog: records by kind and id, taxonomies as trees, and the links between records both ways.

Linking is where cross-file rules are checked: every id a record names must exist (with a suggestion when
it does not), and so must every taxonomy term and every taxonomy parent.
"""

from __future__ import annotations

import typing
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from data_inclusion.schema.v1 import Public, Thematique
from pydantic import BaseModel
from pydantic.fields import FieldInfo

from generator.diagnostics import Diagnostic, did_you_mean, error
from generator.fields import RefersTo
from generator.load import Document
from generator.model import KIND_BY_NAME, KINDS, TAXONOMIES, Kind, Record, Resource, Term

Key = tuple[str, str]  # (kind name, record id)

# The national vocabularies a taxonomy term may map to (`data_inclusion:`): a wrong code would make the
# data·inclusion export invalid, so it is caught here, where the contributor wrote it.
DATA_INCLUSION_CODES: dict[str, list[str]] = {
    "thematiques": sorted(t.value for t in Thematique),
    "publics": sorted(p.value for p in Public),
}


@dataclass
class Taxonomy:
    """The terms of one taxonomy file, as a forest."""

    name: str
    terms: dict[str, Term]
    children: dict[str, list[str]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for term in self.terms.values():
            if term.parent in self.terms:
                self.children.setdefault(term.parent, []).append(term.id)

    def label(self, term_id: str) -> str:
        term = self.terms.get(term_id)
        return term.label if term else term_id

    def roots(self) -> list[Term]:
        return [term for term in self.terms.values() if term.parent not in self.terms]

    def lineage(self, term_id: str) -> list[str]:
        """The term and its ancestors, nearest first."""
        chain: list[str] = []
        while term_id in self.terms and term_id not in chain:
            chain.append(term_id)
            term_id = self.terms[term_id].parent or ""
        return chain

    def descendants(self, term_id: str) -> list[str]:
        """The term and everything below it."""
        found, pending = [], [term_id]
        while pending:
            current = pending.pop()
            if current not in found:
                found.append(current)
                pending.extend(self.children.get(current, []))
        return found


@dataclass
class Catalog:
    records: dict[str, dict[str, Record]]  # kind name -> id -> record, ids sorted
    taxonomies: dict[str, Taxonomy]
    sources: dict[Key, Path]  # the file each record comes from
    inbound: dict[Key, list[tuple[Key, str]]]  # record -> [(record naming it, field)]

    def of(self, kind: Kind) -> list[Record]:
        return list(self.records.get(kind.name, {}).values())

    def get(self, kind_name: str, record_id: str) -> Record | None:
        return self.records.get(kind_name, {}).get(record_id)

    def named_by(self, kind: Kind, record_id: str, source_kind: Kind, via: str) -> list[Record]:
        """Records of `source_kind` whose field `via` names this record (the reverse of a link)."""
        found = []
        for (other_kind, other_id), relation in self.inbound.get((kind.name, record_id), []):
            if other_kind == source_kind.name and relation == via:
                found.append(self.records[other_kind][other_id])
        return found

    def count(self) -> int:
        return sum(len(by_id) for by_id in self.records.values())


# --- finding the ids a record names ------------------------------------------------------------------


def _target(annotation: Any) -> str | type[BaseModel] | None:
    """What a field's type points to: a kind or taxonomy name, or a nested model to walk into."""
    for meta in getattr(annotation, "__metadata__", ()):
        if isinstance(meta, RefersTo):
            return meta.kind
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in typing.get_args(annotation):
        found = _target(arg)
        if found is not None:
            return found
    return None


def field_target(info: FieldInfo) -> str | type[BaseModel] | None:
    """What a field points to: a kind or taxonomy name, a nested model, or nothing."""
    return next((m.kind for m in info.metadata if isinstance(m, RefersTo)), None) or _target(info.annotation)


@cache
def _plan(model: type[BaseModel]) -> tuple[tuple[str, Any], ...]:
    plan = []
    for name, info in model.model_fields.items():
        target = field_target(info)
        if target is not None:
            plan.append((name, target))
    return tuple(plan)


def references(entry: BaseModel, loc: tuple[str | int, ...] = ()) -> Iterator[tuple[tuple[str | int, ...], str, str]]:
    """(location, kind or taxonomy name, id) of every id an entry names, nested blocks included."""
    for name, target in _plan(type(entry)):
        value = getattr(entry, name)
        items = list(enumerate(value)) if isinstance(value, list) else [(None, value)]
        for index, item in items:
            where = loc + (name,) + ((index,) if index is not None else ())
            if item is None:
                continue
            if isinstance(target, str):
                yield where, target, item
            else:
                yield from references(item, where)


# --- linking ----------------------------------------------------------------------------------------


def link_taxonomies(
    files: dict[str, tuple[Document, list[Term]]], folder: Path
) -> tuple[dict[str, Taxonomy], list[Diagnostic]]:
    """Taxonomies from their files, checking duplicates and parents; reports the missing required ones."""
    diagnostics: list[Diagnostic] = []
    taxonomies: dict[str, Taxonomy] = {}
    for name in TAXONOMIES:
        if name not in files:
            diagnostics.append(
                error(
                    folder / f"{name}.yml",
                    (0, 0),
                    f"la taxonomie « {name} » manque",
                    f"Créez {folder / name}.yml : une liste de termes « - id: … » / « label: … ».",
                )
            )
    for name, (document, terms) in files.items():
        by_id: dict[str, Term] = {}
        for index, term in enumerate(terms):
            if term.id in by_id:
                diagnostics.append(
                    error(
                        document.path,
                        _term_position(document, term.id, index),
                        f"le terme « {term.id} » est défini deux fois",
                        "Gardez une seule entrée par identifiant.",
                    )
                )
                continue
            by_id[term.id] = term
        taxonomy = Taxonomy(name, by_id)
        diagnostics += _unknown_data_inclusion_codes(document, name, terms)
        for index, term in enumerate(terms):
            if term.parent is None:
                continue
            where = document.locate((*_term_loc(document, term.id, index), "parent"))
            if term.parent not in by_id:
                diagnostics.append(
                    error(
                        document.path,
                        where,
                        f"parent inconnu « {term.parent} » pour le terme « {term.id} »",
                        did_you_mean(term.parent, by_id, "Le parent doit être un identifiant du même fichier."),
                    )
                )
            elif term.id in taxonomy.lineage(term.parent):
                diagnostics.append(
                    error(
                        document.path,
                        where,
                        f"le terme « {term.id} » est son propre ancêtre",
                        "Corrigez les « parent: » pour former un arbre.",
                    )
                )
        taxonomies[name] = taxonomy
    return taxonomies, diagnostics


def _unknown_data_inclusion_codes(document: Document, name: str, terms: list[Term]) -> list[Diagnostic]:
    codes = DATA_INCLUSION_CODES.get(name)
    found = []
    for index, term in enumerate(terms):
        if term.data_inclusion is None or codes is None or term.data_inclusion in codes:
            continue
        found.append(
            error(
                document.path,
                document.locate((*_term_loc(document, term.id, index), "data_inclusion")),
                f"code data·inclusion inconnu « {term.data_inclusion} » pour le terme « {term.id} »",
                did_you_mean(term.data_inclusion, codes, "Les codes sont ceux du référentiel national data·inclusion."),
            )
        )
    return found


def _term_loc(document: Document, term_id: str, fallback: int) -> tuple[int]:
    items = document.data if isinstance(document.data, list) else []
    positions = [i for i, item in enumerate(items) if isinstance(item, dict) and item.get("id") == term_id]
    return (positions[-1] if len(positions) > 1 else positions[0] if positions else fallback,)


def _term_position(document: Document, term_id: str, fallback: int) -> tuple[int, int]:
    return document.locate((*_term_loc(document, term_id, fallback), "id"))


def link(
    records: list[tuple[Kind, Record, Document]],
    taxonomies: dict[str, Taxonomy],
    taxonomy_folder: Path,
    files_folder: Path,
    known: dict[str, set[str]],
) -> tuple[Catalog, list[Diagnostic]]:
    """The catalog of valid records; every reference to something missing is a diagnostic.

    `known` holds the ids of every record file, valid or not: a reference to a record whose file has its own
    errors is not reported again, so that one typo gives one diagnostic, not one per record naming it."""
    by_kind: dict[str, dict[str, Record]] = {kind.name: {} for kind in KINDS}
    sources: dict[Key, Path] = {}
    for kind, record, document in sorted(records, key=lambda item: (item[0].name, item[1].id)):
        by_kind[kind.name][record.id] = record
        sources[(kind.name, record.id)] = document.path
    inbound: dict[Key, list[tuple[Key, str]]] = defaultdict(list)
    diagnostics: list[Diagnostic] = []
    for kind, record, document in records:
        for loc, target, value in references(record):
            relation = str(loc[0])
            if target in KIND_BY_NAME:
                problem = _missing_record(kind, record, target, value, known)
                if problem is None and value in by_kind[target]:
                    inbound[(target, value)].append(((kind.name, record.id), relation))
            else:
                problem = _missing_term(taxonomies.get(target), target, value, taxonomy_folder)
            if problem is not None:
                diagnostics.append(error(document.path, document.locate(loc), *problem))
        if isinstance(record, Resource) and record.fichier is not None:
            problem = _missing_file(record.fichier, files_folder)
            if problem is not None:
                diagnostics.append(error(document.path, document.locate(("fichier",)), *problem))
    return Catalog(by_kind, taxonomies, sources, dict(inbound)), diagnostics


def _missing_record(
    kind: Kind, record: Record, target: str, value: str, known: dict[str, set[str]]
) -> tuple[str, str] | None:
    target_kind = KIND_BY_NAME[target]
    if target == kind.name and value == record.id:
        return f"{kind.with_article} ne peut pas se citer lui-même (« {value} »)", "Retirez cet identifiant."
    if value in known.get(target, ()):
        return None
    return (
        f"{target_kind.singular} inconnu{'e' if target_kind.model.described_as.startswith('une') else ''} « {value} »",
        did_you_mean(
            value,
            sorted(known.get(target, ())),
            f"Les identifiants sont les noms des fichiers de data/{target_kind.folder}/.",
        ),
    )


def _missing_term(taxonomy: Taxonomy | None, name: str, value: str, folder: Path) -> tuple[str, str] | None:
    if taxonomy is not None and value in taxonomy.terms:
        return None
    listing = f"La liste est dans {folder / name}.yml."
    return f"{TAXONOMIES.get(name, name)} inconnu{'e' if name == 'thematiques' else ''} « {value} »", did_you_mean(
        value, taxonomy.terms if taxonomy else (), listing
    )


def _missing_file(name: str, folder: Path) -> tuple[str, str] | None:
    if "/" in name or "\\" in name or name.startswith("."):
        return f"nom de fichier invalide « {name} »", f"Indiquez seulement le nom d'un fichier déposé dans {folder}/."
    if not (folder / name).is_file():
        return f"fichier introuvable « {name} »", f"Déposez-le dans {folder}/ ou corrigez le nom."
    return None
