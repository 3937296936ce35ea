"""The catalog: records by kind and id, taxonomies as trees, and the links between records both ways.

Linking is where cross-file rules are checked: every id a record names must exist (with a suggestion when
it does not), and so must every taxonomy term and every taxonomy parent.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from generator.contract.kinds import ACTOR, KIND_BY_NAME, KINDS, Kind
from generator.contract.model import Actor, Event, Record, Resource, Term
from generator.contract.shapes import references
from generator.contract.taxonomies import TAXONOMIES
from generator.reading import uploads
from generator.reading.diagnostics import Diagnostic, did_you_mean, error
from generator.reading.load import Document

Key = tuple[str, str]  # (kind name, record id)



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
        chain: dict[str, None] = {}
        while term_id in self.terms and term_id not in chain:
            chain[term_id] = None
            term_id = self.terms[term_id].parent or ""
        return list(chain)

    def descendants(self, term_id: str) -> list[str]:
        """The term and everything below it."""
        found: dict[str, None] = {}
        pending = [term_id]
        while pending:
            current = pending.pop()
            if current not in found:
                found[current] = None
                pending.extend(self.children.get(current, []))
        return list(found)

    def walk(self) -> Iterator[tuple[Term, int]]:
        """Every term reachable from the roots with its depth (0 for a root), parents before their children,
        in file order: the order of a tree drawn as nested lists."""
        pending = [(term.id, 0) for term in reversed(self.roots())]
        seen: set[str] = set()
        while pending:
            term_id, depth = pending.pop()
            if term_id in seen:
                continue
            seen.add(term_id)
            yield self.terms[term_id], depth
            pending.extend((child, depth + 1) for child in reversed(self.children.get(term_id, [])))


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


# --- linking ----------------------------------------------------------------------------------------


MAX_DEPTH = 10  # levels of a taxonomy: région, département, EPCI, commune, quartier … leave room to spare


def link_taxonomies(
    files: dict[str, tuple[Document, list[Term]]], folder: Path, unreadable: set[str] | None = None
) -> tuple[dict[str, Taxonomy], list[Diagnostic]]:
    """Taxonomies from their files, checking duplicates, parents and depth; reports the missing required ones
    (not those whose file is there but could not be read: that file has its error)."""
    diagnostics: list[Diagnostic] = []
    taxonomies: dict[str, Taxonomy] = {}
    for name in TAXONOMIES.names():
        if TAXONOMIES[name].required and name not in files and name not in (unreadable or set()):
            diagnostics.append(
                error(
                    folder / f"{name}.yml",
                    (0, 0),
                    f"la taxonomie « {name} » manque",
                    f"Créez {folder / name}.yml : une liste de termes « - id: … » / « label: … ».",
                )
            )
    for name, (document, terms) in files.items():
        places = _places(document)
        by_id: dict[str, Term] = {}
        for index, term in enumerate(terms):
            if term.id in by_id:
                diagnostics.append(
                    error(
                        document.path,
                        document.locate((places.get(term.id, index), "id")),
                        f"le terme « {term.id} » est défini deux fois",
                        "Gardez une seule entrée par identifiant.",
                    )
                )
                continue
            by_id[term.id] = term
        taxonomy = Taxonomy(name, by_id)
        diagnostics += _unknown_data_inclusion_codes(document, name, terms, places)
        depths, cyclic = _depths(by_id)
        for index, term in enumerate(terms):
            if term.parent is None or by_id.get(term.id) is not term:
                continue
            problem = _parent_problem(term, by_id, depths[term.id], term.id in cyclic)
            if problem is not None:
                where = document.locate((places.get(term.id, index), "parent"))
                diagnostics.append(error(document.path, where, *problem))
        taxonomies[name] = taxonomy
    return taxonomies, diagnostics


def _parent_problem(term: Term, terms: dict[str, Term], depth: int, cyclic: bool) -> tuple[str, str] | None:
    if term.parent not in terms:
        return (
            f"parent inconnu « {term.parent} » pour le terme « {term.id} »",
            did_you_mean(term.parent or "", terms, "Le parent doit être un identifiant du même fichier."),
        )
    if cyclic:
        return f"le terme « {term.id} » est son propre ancêtre", "Corrigez les « parent: » pour former un arbre."
    if depth == MAX_DEPTH + 1:  # the first level too deep of each branch: one error per branch
        return (
            f"le terme « {term.id} » est au niveau {MAX_DEPTH + 1} : une taxonomie a au plus {MAX_DEPTH} niveaux",
            "Rattachez ce terme (« parent: ») à un terme plus haut dans l'arbre.",
        )
    return None


def _depths(terms: dict[str, Term]) -> tuple[dict[str, int], set[str]]:
    """Each term's level (1 for a root: no parent, or an unknown one), and the terms on a cycle of parents
    (level 0: the terms below a cycle are counted from it). One pass: each chain of parents is followed only up
    to a term already met."""
    depths: dict[str, int] = {}
    cyclic: set[str] = set()
    for start in terms:
        chain: dict[str, None] = {}  # the terms met from `start` upwards, in order
        current = start
        while current in terms and current not in depths and current not in chain:
            chain[current] = None
            current = terms[current].parent or ""
        below = list(chain)
        level = depths.get(current, 0)
        if current in chain:
            cycle = below[below.index(current):]
            cyclic.update(cycle)
            depths.update(dict.fromkeys(cycle, 0))
            below, level = below[: len(below) - len(cycle)], 0
        for term_id in reversed(below):
            level += 1
            depths[term_id] = level
    return depths, cyclic


def _unknown_data_inclusion_codes(
    document: Document, name: str, terms: list[Term], places: dict[str, int]
) -> list[Diagnostic]:
    """The national vocabularies a term may map to (`data_inclusion:`): a wrong code would make the
    data·inclusion export invalid, so it is caught here, where the contributor wrote it."""
    taxonomy = TAXONOMIES.get(name)
    codes = taxonomy.data_inclusion_codes() if taxonomy and taxonomy.data_inclusion else None
    found = []
    for index, term in enumerate(terms):
        if term.data_inclusion is None or codes is None or term.data_inclusion in codes:
            continue
        found.append(
            error(
                document.path,
                document.locate((places.get(term.id, index), "data_inclusion")),
                f"code data·inclusion inconnu « {term.data_inclusion} » pour le terme « {term.id} »",
                did_you_mean(term.data_inclusion, codes, "Les codes sont ceux du référentiel national data·inclusion."),
            )
        )
    return found


def _places(document: Document) -> dict[str, int]:
    """Where each term id is written in its file (the last time, for an id written twice): terms that do not
    validate are missing from the list of terms, so their index there is not their place in the file."""
    items = document.data if isinstance(document.data, list) else []
    return {item["id"]: index for index, item in enumerate(items) if isinstance(item, dict)
            and isinstance(item.get("id"), str)}


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
    documents: dict[str, uploads.Problem | None] = {}  # each file checked once, however many name it
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
                diagnostics.append(error(document.path, document.locate(loc), *problem).about(target, value))
        if isinstance(record, Event) and record.lieu_acteur in by_kind[ACTOR.name]:
            host = by_kind[ACTOR.name][record.lieu_acteur]
            problem = _missing_place(record, host)  # type: ignore[arg-type]
            if problem is not None:
                at = ("lieu_numero",) if record.lieu_numero is not None else ("lieu_acteur",)
                diagnostics.append(error(document.path, document.locate(at), *problem))
        if isinstance(record, Resource) and record.fichier is not None:
            if record.fichier not in documents:
                documents[record.fichier] = uploads.problem(files_folder, record.fichier)
            problem = documents[record.fichier]
            if problem is not None:
                diagnostics.append(error(document.path, document.locate(("fichier",)), *problem))
    return Catalog(by_kind, taxonomies, sources, dict(inbound)), diagnostics


def _missing_place(event: Event, host: Actor) -> tuple[str, str] | None:
    """Why the event's `lieu_acteur` (and `lieu_numero`) names no place of the actor, if it does not."""
    if not host.lieux:
        return (f"l'acteur « {host.id} » n'a pas de lieu d'accueil dans sa fiche",
                "Ajoutez le lieu à sa fiche (« lieux »), ou décrivez le lieu de l'événement dans « adresse ».")
    number = event.lieu_numero or 1
    if number <= len(host.lieux):
        return None
    places = " ; ".join(f"{n} : {lieu.nom or lieu.commune or host.nom}" for n, lieu in enumerate(host.lieux, 1))
    return (f"l'acteur « {host.id} » n'a pas de lieu numéro {number} (sa fiche en a {len(host.lieux)})",
            f"Lieux de sa fiche : {places}.")


def _missing_record(
    kind: Kind, record: Record, target: str, value: str, known: dict[str, set[str]]
) -> tuple[str, str] | None:
    target_kind = KIND_BY_NAME[target]
    if target == kind.name and value == record.id:
        return (f"{kind.noun.indefinite} ne peut pas se citer {kind.noun.itself} (« {value} »)",
                "Retirez cet identifiant.")
    if value in known.get(target, ()):
        return None
    return (
        f"{target_kind.singular} {target_kind.noun.agree('inconnu')} « {value} »",
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
    known = TAXONOMIES.get(name)
    unknown = f"{known.noun.singular} {known.noun.agree('inconnu')}" if known else f"{name} inconnu"
    return f"{unknown} « {value} »", did_you_mean(
        value, taxonomy.terms if taxonomy else (), listing
    )
