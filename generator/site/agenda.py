"""Events as lists show them: weekday and date, town, « aujourd'hui » or « passé » (as of the build, then
recomputed in the browser by assets/maillage/agenda.js from the ISO days in data attributes, so that a site not
rebuilt for a week stays right), and the filters of the agenda (territoires, thématiques present among events)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from generator.contract.model import Event
from generator.site.french import MONTHS, time_fr
from generator.site.hours import DAYS
from generator.site.index import Listed, SiteIndex
from generator.site.places import event_place

PAST, TODAY, COMING = "passe", "aujourdhui", ""
MARKS = {PAST: "passé", TODAY: "aujourd'hui"}


def _day(value: date | datetime) -> date:
    return value.date() if isinstance(value, datetime) else value


def _date(day: date, year: bool = True) -> str:
    number = "1er" if day.day == 1 else str(day.day)
    return f"{DAYS[day.weekday()]} {number} {MONTHS[day.month - 1]}" + (f" {day.year}" if year else "")


def when_fr(start: date | datetime, end: date | datetime | None) -> str:
    """ "mardi 9 février 2027, 14 h – 16 h 30", "du jeudi 10 au vendredi 11 juin 2027", "mardi 1er décembre 2026"."""
    first, last = _day(start), _day(end or start)
    if first == last:
        text = _date(first)
        if isinstance(start, datetime):
            text += f", {time_fr(start)}" + (f" – {time_fr(end)}" if isinstance(end, datetime) else "")
        return text
    if (first.year, first.month) == (last.year, last.month):
        number = "1er" if first.day == 1 else str(first.day)
        return f"du {DAYS[first.weekday()]} {number} au {_date(last)}"
    return f"du {_date(first, year=first.year != last.year)} au {_date(last)}"


@dataclass(frozen=True)
class EventFacts:
    """What a list shows of an event beside its title, and what the browser reads to keep it true."""

    when: str
    town: str  # the commune of its place, "" when it has none (online, free text only)
    first: str  # ISO day
    last: str
    state: str  # PAST, TODAY or COMING, as of the build
    territoires: tuple[str, ...]  # with their ancestors: a filter on « Hainaut » keeps Charleroi's events
    thematiques: tuple[str, ...]

    @property
    def mark(self) -> str:
        return MARKS.get(self.state, "")


class Agenda:
    """Facts of events for the templates, computed once per event and build."""

    def __init__(self, index: SiteIndex) -> None:
        self.index = index
        self._facts: dict[str, EventFacts] = {}

    def facts(self, entry: Listed) -> EventFacts:
        event = entry.record
        assert isinstance(event, Event)
        if event.id not in self._facts:
            place = event_place(self.index, event)
            first, last = _day(event.debut), _day(event.fin or event.debut)
            today = self.index.settings.today
            state = PAST if last < today else TODAY if first <= today else COMING
            self._facts[event.id] = EventFacts(
                when_fr(event.debut, event.fin), (place.commune or "") if place else "", first.isoformat(),
                last.isoformat(), state, tuple(self.index.with_ancestors("territoires", event.territoires)),
                tuple(self.index.with_ancestors("thematiques", event.thematiques)),
            )
        return self._facts[event.id]

    def filters(self, entries: Sequence[Listed]) -> dict[str, list[tuple[str, str, int]]]:
        """The options of the agenda's filters: (value, label, depth) for the terms some event has, in the
        taxonomy's order (children after their parent)."""
        options: dict[str, list[tuple[str, str, int]]] = {}
        for taxonomy in ("territoires", "thematiques"):
            used = {term for entry in entries for term in getattr(self.facts(entry), taxonomy)}
            tree = self.index.catalog.taxonomies.get(taxonomy)
            options[taxonomy] = [(t.id, t.label, depth) for t, depth in tree.walk() if t.id in used] if tree else []
        return options
