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

from generator.contract.model import (
    ACTOR,
    EVENT,
    KIND_BY_NAME,
    KINDS,
    PRACTICE,
    RESOURCE,
    Event,
    Kind,
    Practice,
    Record,
)
from generator.reading.catalog import Catalog, Key, references
from generator.settings import Settings
from generator.site.french import capitalize, sort_key
from generator.site.markdown import plain_text, shorten
from generator.site.urls import BROWSED, record_path

EXCERPT = 220  # characters of description shown in lists

TYPE_TAXONOMY = {"actor": "types_acteur", "resource": "types_ressource", "event": "types_evenement"}


@dataclass(frozen=True)
class Entry:
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


def _summary(record: Record) -> str:
    return plain_text(getattr(record, "resume", None) or getattr(record, "description", None))


class SiteIndex:
    def __init__(self, catalog: Catalog, settings: Settings) -> None:
        self.catalog = catalog
        self.settings = settings
        self.entries: dict[Key, Entry] = {}
        for kind in KINDS:
            for record in catalog.of(kind):
                entry = Entry(
                    kind, record, record_path(kind, record.id), record.title, self._type_label(kind, record),
                    _summary(record), sort_key(record.title),
                )
                self.entries[entry.key] = entry
        self.by_kind: dict[str, list[Entry]] = {kind.name: self._sorted(kind) for kind in KINDS}
        self.by_term = self._by_term()
        self._lineage_labels: dict[tuple[str, str], list[str]] = {}

    # --- lists ------------------------------------------------------------------------------------------

    def _type_label(self, kind: Kind, record: Record) -> str:
        if kind is PRACTICE:
            return capitalize(kind.singular)
        term = getattr(record, "type", None)
        return self.label(TYPE_TAXONOMY[kind.name], term) if term else capitalize(kind.singular)

    def _sorted(self, kind: Kind) -> list[Entry]:
        entries = [e for (name, _), e in self.entries.items() if name == kind.name]
        if kind is EVENT:
            return self.upcoming_first(entries)
        return sorted(entries, key=lambda e: e.order)

    def is_past(self, event: Event) -> bool:
        return _day(event.fin or event.debut) < self.settings.today

    def upcoming_first(self, entries: list[Entry]) -> list[Entry]:
        """Events to come in calendar order, then past events, the most recent first."""
        events = [(e, e.record) for e in entries if isinstance(e.record, Event)]
        coming = [pair for pair in events if not self.is_past(pair[1])]
        past = [pair for pair in events if self.is_past(pair[1])]
        coming.sort(key=lambda pair: (_day(pair[1].debut), pair[0].order, pair[0].key))
        past.sort(key=lambda pair: (-_day(pair[1].debut).toordinal(), pair[0].order, pair[0].key))
        return [entry for entry, _ in coming + past]

    def latest(self, count: int) -> list[Entry]:
        ordered = sorted(self.entries.values(), key=lambda e: e.order)
        return sorted(ordered, key=lambda e: e.record.date_maj, reverse=True)[:count]

    def upcoming(self, count: int) -> list[Entry]:
        return [e for e in self.by_kind[EVENT.name] if not self.is_past(e.record)][:count]  # type: ignore[arg-type]

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

    def _by_term(self) -> dict[str, dict[str, list[Entry]]]:
        """taxonomy -> term -> entries tagged with the term or any term below it, in list order."""
        found: dict[str, dict[str, list[Entry]]] = {name: defaultdict(list) for name in BROWSED}
        for kind in KINDS:
            for entry in self.by_kind[kind.name]:
                for taxonomy in BROWSED:
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
        """The terms of `taxonomy` a record is tagged with, services' publics included for actors."""
        terms = list(getattr(record, taxonomy, None) or [])
        if taxonomy == "publics":
            for service in getattr(record, "services", None) or []:
                terms.extend(p for p in service.publics if p not in terms)
        return terms

    def tagged(self, taxonomy: str, term_id: str) -> list[Entry]:
        return self.by_term.get(taxonomy, {}).get(term_id, [])

    # --- links between records --------------------------------------------------------------------------

    def entry(self, kind: Kind, record_id: str) -> Entry | None:
        return self.entries.get((kind.name, record_id))

    def neighbours(self, entry: Entry) -> set[Key]:
        """The records this record names or that name it: their titles, summaries and links are on its page."""
        named = {(target, value) for _, target, value in references(entry.record) if target in KIND_BY_NAME}
        return named | {source for source, _ in self.catalog.inbound.get(entry.key, [])}

    def entries_for(self, kind: Kind, ids: list[str]) -> list[Entry]:
        return [e for e in (self.entry(kind, i) for i in ids) if e is not None]

    def named_by(self, kind: Kind, record_id: str, source: Kind, *via: str) -> list[Entry]:
        """Records of `source` naming this one in one of the fields `via`, in list order, without repeats."""
        keys: dict[Key, None] = {}  # in the order found, never a set's (which changes with PYTHONHASHSEED)
        for field in via:
            for record in self.catalog.named_by(kind, record_id, source, field):
                keys.setdefault((source.name, record.id))
        found = [self.entries[k] for k in keys]
        if source is EVENT:
            return self.upcoming_first(found)
        return sorted(found, key=lambda e: (e.order, e.key))

    def partners(self, record: Record) -> list[Entry]:
        """Partners both ways: those the record names and those naming it."""
        kind = ACTOR if not isinstance(record, Practice) else PRACTICE
        named = self.entries_for(ACTOR, list(getattr(record, "partenaires", [])))
        naming = self.named_by(kind, record.id, ACTOR, "partenaires") if kind is ACTOR else []
        unique = {e.key: e for e in named + naming}
        return sorted(unique.values(), key=lambda e: e.order)

    def resources_of(self, actor_id: str) -> list[Entry]:
        return self.named_by(ACTOR, actor_id, RESOURCE, "auteurs", "disponible_aupres_de")
