"""Everything the pages need that depends on more than one record, computed once per build.

Lists in alphabetical (or calendar) order, records under each taxonomy term (a parent term gathers its
children's records), reverse links, the latest updates, the next events: each is built in one pass over
the catalog, so the build stays linear in the number of records.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Protocol, cast

from generator.contract.kinds import KIND_BY_NAME, KINDS, Kind, Relation
from generator.contract.model import Record
from generator.contract.shapes import paths_to, plan, references, values_at
from generator.contract.taxonomies import TAXONOMIES
from generator.reading.catalog import Catalog, Key
from generator.settings import Settings
from generator.site.french import capitalize, sort_key
from generator.site.markdown import shorten, words_of
from generator.site.urls import record_path

EXCERPT = 220  # characters of description shown in lists


class Dated(Protocol):
    """A record of a calendar kind (events): it starts, and may end."""

    @property
    def debut(self) -> date | datetime: ...

    @property
    def fin(self) -> date | datetime | None: ...


@dataclass(frozen=True)
class Listed:
    """A record as lists and links show it."""

    kind: Kind
    record: Record
    path: str
    title: str
    type_label: str
    summary: str  # its description (or résumé) as plain text, parsed once for lists, search and JSON-LD
    order: str  # its title as alphabetical order sees it (computed once: lists sort the same entries often)

    @property
    def excerpt(self) -> str:
        return shorten(self.summary, EXCERPT)

    @property
    def key(self) -> Key:
        return (self.kind.name, self.record.id)


def _day(value: date | datetime) -> date:
    return value.date() if isinstance(value, datetime) else value


def _summary(kind: Kind, record: Record) -> str:
    return words_of(getattr(record, kind.summary, None))


def _browsed() -> list[str]:
    """The taxonomies whose terms gather records: those with browse pages or a search filter."""
    return [taxonomy.name for taxonomy in TAXONOMIES.searched()]


class SiteIndex:
    def __init__(self, catalog: Catalog, settings: Settings) -> None:
        self.catalog = catalog
        self.settings = settings
        self.entries: dict[Key, Listed] = {}
        for kind in KINDS:
            for record in catalog.of(kind):
                entry = Listed(
                    kind, record, record_path(kind, record.id), record.title, self._type_label(kind, record),
                    _summary(kind, record), sort_key(record.title),
                )
                self.entries[entry.key] = entry
        self.by_kind: dict[str, list[Listed]] = {kind.name: self._sorted(kind) for kind in KINDS}
        self.by_term = self._by_term()
        self._lineage_labels: dict[tuple[str, str], list[str]] = {}

    # --- lists ------------------------------------------------------------------------------------------

    def _type_label(self, kind: Kind, record: Record) -> str:
        term = getattr(record, "type", None) if kind.type_taxonomy else None
        return self.label(kind.type_taxonomy, term) if kind.type_taxonomy and term else capitalize(kind.singular)

    def _sorted(self, kind: Kind) -> list[Listed]:
        entries = [e for (name, _), e in self.entries.items() if name == kind.name]
        if kind.calendar:
            return self.upcoming_first(entries)
        if kind.deadline:
            return self.open_first(entries)
        return sorted(entries, key=lambda e: e.order)

    @staticmethod
    def deadline(entry: Listed) -> date | None:
        """The last day a record of a kind with a deadline is open (None: open until it is removed)."""
        return getattr(entry.record, entry.kind.deadline) if entry.kind.deadline else None

    def is_closed(self, entry: Listed) -> bool:
        """Its deadline has passed (Europe/Paris, as of the build; assets/maillage/echeances.js then keeps it true)."""
        day = self.deadline(entry)
        return day is not None and day < self.settings.today

    def open_first(self, entries: list[Listed]) -> list[Listed]:
        """Open records, the nearest deadline first (those without one after), then closed ones, the most
        recently closed first."""
        opened = [e for e in entries if not self.is_closed(e)]
        closed = [e for e in entries if self.is_closed(e)]
        opened.sort(key=lambda e: (self.deadline(e) or date.max, e.order, e.key))
        closed.sort(key=lambda e: (-(self.deadline(e) or date.max).toordinal(), e.order, e.key))
        return opened + closed

    def still_open(self, entries: Iterable[Listed]) -> list[Listed]:
        return [e for e in entries if not self.is_closed(e)]

    def is_past(self, event: Dated) -> bool:
        return _day(event.fin or event.debut) < self.settings.today

    def upcoming_first(self, entries: list[Listed]) -> list[Listed]:
        """Events to come in calendar order, then past events, the most recent first."""
        events = [(e, cast(Dated, e.record)) for e in entries if e.kind.calendar]
        coming = [pair for pair in events if not self.is_past(pair[1])]
        past = [pair for pair in events if self.is_past(pair[1])]
        coming.sort(key=lambda pair: (_day(pair[1].debut), pair[0].order, pair[0].key))
        past.sort(key=lambda pair: (-_day(pair[1].debut).toordinal(), pair[0].order, pair[0].key))
        return [entry for entry, _ in coming + past]

    def latest(self, count: int) -> list[Listed]:
        ordered = sorted(self.entries.values(), key=lambda e: e.order)
        return sorted(ordered, key=lambda e: e.record.date_maj, reverse=True)[:count]

    def calendar(self) -> list[Listed]:
        """The records of every calendar kind (events), to come first."""
        return self.upcoming_first([e for kind in KINDS if kind.calendar for e in self.by_kind[kind.name]])

    def upcoming(self, count: int) -> list[Listed]:
        return [e for e in self.calendar() if not self.is_past(cast(Dated, e.record))][:count]

    # --- taxonomies -------------------------------------------------------------------------------------

    def label(self, taxonomy: str, term_id: str) -> str:
        found = self.catalog.taxonomies.get(taxonomy)
        return found.label(term_id) if found else term_id

    def lineage_labels(self, taxonomy: str, term_id: str) -> list[str]:
        """The term's label and its ancestors', nearest first (cached: many records share a term)."""
        key = (taxonomy, term_id)
        if key not in self._lineage_labels:
            found = self.catalog.taxonomies.get(taxonomy)
            chain = found.lineage(term_id) if found else [term_id]
            self._lineage_labels[key] = [self.label(taxonomy, t) for t in chain]
        return self._lineage_labels[key]

    def _by_term(self) -> dict[str, dict[str, list[Listed]]]:
        """taxonomy -> term -> entries tagged with the term or any term below it, in list order."""
        browsed = _browsed()
        found: dict[str, dict[str, list[Listed]]] = {name: defaultdict(list) for name in browsed}
        for kind in KINDS:
            for entry in self.by_kind[kind.name]:
                for taxonomy in browsed:
                    for term in self.with_ancestors(taxonomy, self.terms_of(entry.record, taxonomy)):
                        found[taxonomy][term].append(entry)
        return {name: dict(terms) for name, terms in found.items()}

    def with_ancestors(self, taxonomy: str, terms: Iterable[str]) -> list[str]:
        """The terms and all their ancestors, each once, in order: a record tagged "sante-sexuelle--depistage"
        is found under "sante-sexuelle" too."""
        tree = self.catalog.taxonomies.get(taxonomy)
        found: dict[str, None] = {}
        for term in terms:
            for ancestor in tree.lineage(term) if tree else [term]:
                found.setdefault(ancestor)
        return list(found)

    @staticmethod
    def terms_of(record: Record, taxonomy: str) -> list[str]:
        """The terms of `taxonomy` a record is tagged with, in any of its fields (an actor's services' publics
        are its publics too), each once."""
        paths = paths_to(type(record), taxonomy)
        return list(dict.fromkeys(value for path in paths for value in values_at(record, path)))

    def tagged(self, taxonomy: str, term_id: str) -> list[Listed]:
        return self.by_term.get(taxonomy, {}).get(term_id, [])

    # --- links between records --------------------------------------------------------------------------

    def entry(self, kind: Kind, record_id: str) -> Listed | None:
        return self.entries.get((kind.name, record_id))

    def neighbours(self, entry: Listed) -> set[Key]:
        """The records this record names or that name it: their titles, summaries and links are on its page."""
        named = {(target, value) for _, target, value in references(entry.record) if target in KIND_BY_NAME}
        return named | {source for source, _ in self.catalog.inbound.get(entry.key, [])}

    def entries_for(self, kind: Kind, ids: list[str]) -> list[Listed]:
        return [e for e in (self.entry(kind, i) for i in ids) if e is not None]

    def named_by(self, kind: Kind, record_id: str, source: Kind, *via: str) -> list[Listed]:
        """Records of `source` naming this one in one of the fields `via`, in list order, without repeats."""
        keys: dict[Key, None] = {}  # in the order found, never a set's (which changes with PYTHONHASHSEED)
        for field in via:
            for record in self.catalog.named_by(kind, record_id, source, field):
                keys.setdefault((source.name, record.id))
        found = [self.entries[k] for k in keys]
        if source.calendar:
            return self.upcoming_first(found)
        if source.deadline:
            return self.open_first(found)
        return sorted(found, key=lambda e: (e.order, e.key))

    # --- the relations a kind declares (generator/contract/kinds.py) ------------------------------------

    def related(self, entry: Listed) -> dict[str, list[Listed] | Listed | None]:
        """The records a record page links to, both ways, under the names its kind gives them."""
        found: dict[str, list[Listed] | Listed | None] = {}
        for relation in entry.kind.relations:
            found[relation.name] = self.relation(entry, relation, found)
        return found

    def relation(
        self, entry: Listed, relation: Relation, before: dict[str, list[Listed] | Listed | None] | None = None
    ) -> list[Listed] | Listed | None:
        """One relation of a record: one record (a single id field), or a list in list order."""
        if relation.source is None:
            field = relation.fields[0]
            value = getattr(entry.record, field)
            target = KIND_BY_NAME[_target_of(entry.kind, field)]
            if isinstance(value, list):
                return self.entries_for(target, value)
            return self.entry(target, value) if value else None
        source = KIND_BY_NAME[relation.source]
        naming = self.named_by(entry.kind, entry.record.id, source, *relation.fields)
        if relation.both_ways:
            named = [e for field in relation.fields for e in self._named(entry, field)]
            unique = {e.key: e for e in named + naming}
            return sorted(unique.values(), key=lambda e: e.order)
        left_out = {e.key for name in relation.excluding for e in _as_list((before or {}).get(name))}
        return [e for e in naming if e.key not in left_out] if left_out else naming

    def _named(self, entry: Listed, field: str) -> list[Listed]:
        return _as_list(self.relation(entry, Relation(field, (field,))))


def _target_of(kind: Kind, field: str) -> str:
    return next(str(target) for name, target, _ in plan(kind.model) if name == field)


def _as_list(found: list[Listed] | Listed | None) -> list[Listed]:
    if found is None:
        return []
    return found if isinstance(found, list) else [found]
