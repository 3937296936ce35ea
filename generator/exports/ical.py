"""evenements.ics (the whole agenda) and agenda/<id>.ics (one event): RFC 5545 calendars.

- Times are Paris time (DTSTART;TZID=Europe/Paris) with the VTIMEZONE written out as the two yearly EU rules,
  so the file does not change with the tzdata version of the machine that builds it.
- Whole-day events use VALUE=DATE; their DTEND is the day after the last one (RFC 5545: exclusive end).
- Every text is written as iCalendar TEXT (line breaks, commas and semicolons escaped, control characters
  left out): no value can end its line and start a property of its own.
- UID is `<id>@<site host>`, so calendar apps update an event instead of duplicating it; DTSTAMP and
  LAST-MODIFIED come from `date_maj`, so two builds of the same data give the same bytes.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Any

from icalendar import Calendar, Timezone, TimezoneDaylight, TimezoneStandard, vText
from icalendar import Event as CalendarEvent

from generator.contract.kinds import ACTOR, EVENT
from generator.contract.model import Event
from generator.exports.common import ExportSettings, in_paris, label, midnight_utc
from generator.exports.text import writable
from generator.reading.catalog import Catalog
from generator.site.markdown import plain_text

PRODID = "-//Maillage//Agenda du réseau//FR"
TZID = "Europe/Paris"


END = b"END:VCALENDAR\r\n"


def calendars(catalog: Catalog, settings: ExportSettings) -> tuple[bytes, dict[str, bytes]]:
    """The whole agenda, and one small calendar per event by id (the "Ajouter à mon agenda" link of its page):
    each event is written once, its lines shared by both."""
    entries = {event.id: _event(catalog, settings, event).to_ical() for event in _events(catalog)}
    agenda = _wrapped(f"Agenda — {settings.site_name}", settings, list(entries.values()))
    singles = {event_id: _wrapped(event.titre, settings, [entries[event_id]])
               for event_id, event in ((e.id, e) for e in _events(catalog))}
    return agenda, singles


def calendar(catalog: Catalog, settings: ExportSettings) -> bytes:
    return calendars(catalog, settings)[0]


def event_calendars(catalog: Catalog, settings: ExportSettings) -> dict[str, bytes]:
    return calendars(catalog, settings)[1]


def _wrapped(name: str, settings: ExportSettings, entries: list[bytes]) -> bytes:
    """A calendar named `name` around events already written: what `Calendar.to_ical` gives once they are added."""
    head = _calendar(name, settings).to_ical()
    return head.removesuffix(END) + b"".join(entries) + END


def _events(catalog: Catalog) -> list[Event]:
    events = [record for record in catalog.of(EVENT) if isinstance(record, Event)]
    return sorted(events, key=lambda event: (*_starts(event), event.id))


def _starts(event: Event) -> tuple[date, time]:
    if isinstance(event.debut, datetime):
        local = in_paris(event.debut)
        return local.date(), local.time()
    return event.debut, time.min  # a whole-day event comes before the timed ones of its day


def _calendar(name: str, settings: ExportSettings) -> Calendar:
    agenda = Calendar()
    agenda.add("prodid", PRODID)
    agenda.add("version", "2.0")
    agenda.add("calscale", "GREGORIAN")
    agenda.add("method", "PUBLISH")
    agenda.add("name", _text(name))  # RFC 7986
    agenda.add("x-wr-calname", _text(name))  # the same, for clients that predate RFC 7986
    agenda.add("x-wr-timezone", TZID)
    agenda.add("url", settings.site_url + "agenda/")
    agenda.add_component(_paris())
    return agenda


def _paris() -> Timezone:
    """Europe/Paris as the EU rules since 1996: summer time from the last Sunday of March, 02:00, to the last
    Sunday of October, 03:00."""
    zone = Timezone()
    zone.add("tzid", TZID)
    for part, start, month, offsets, name in (
        (TimezoneDaylight(), datetime(1996, 3, 31, 2), 3, (1, 2), "CEST"),
        (TimezoneStandard(), datetime(1996, 10, 27, 3), 10, (2, 1), "CET"),
    ):
        part.add("tzname", name)
        part.add("dtstart", start)
        part.add("tzoffsetfrom", timedelta(hours=offsets[0]))
        part.add("tzoffsetto", timedelta(hours=offsets[1]))
        part.add("rrule", {"freq": "yearly", "bymonth": month, "byday": "-1su"})
        zone.add_component(part)
    return zone


def _event(catalog: Catalog, settings: ExportSettings, event: Event) -> CalendarEvent:
    entry = CalendarEvent()
    entry.add("uid", f"{event.id}@{settings.host}")
    entry.add("dtstamp", midnight_utc(event.date_maj))
    entry.add("last-modified", midnight_utc(event.date_maj))
    entry.add("summary", _text(event.titre))
    start, end = _span(event)
    entry.add("dtstart", start)
    if end is not None:
        entry.add("dtend", end)
    location = ", ".join(part for part in (event.lieu, _address(catalog, event)) if part) or event.en_ligne
    if location:
        entry.add("location", _text(str(location)))
    entry.add("description", _text(_description(catalog, settings, event)))
    if event.type:
        entry.add("categories", [writable(label(catalog, "types_evenement", event.type))])
    entry.add("url", settings.page_url(EVENT, event.id))
    return entry


def _address(catalog: Catalog, event: Event) -> str:
    """The address of the event's place: its own, or that of the actor's place it names."""
    place: Any = event.adresse
    if event.lieu_acteur:
        host = catalog.get(ACTOR.name, event.lieu_acteur)
        places = getattr(host, "lieux", None) or []
        number = event.lieu_numero or 1
        place = places[number - 1] if number <= len(places) else None
    if place is None:
        return ""
    town = " ".join(part for part in (place.code_postal, place.commune) if part)
    return ", ".join(part for part in (place.adresse, town) if part)


def _text(value: str) -> vText:
    """TEXT, whatever the property: icalendar writes the values of some (NAME, X-WR-CALNAME) as they are."""
    return vText(writable(value))


def _span(event: Event) -> tuple[date | datetime, date | datetime | None]:
    """Start and end as iCal wants them; a date mixed with a date-time is read as whole days."""
    start, end = event.debut, event.fin
    if isinstance(start, datetime) and (end is None or isinstance(end, datetime)):
        return in_paris(start), in_paris(end) if end else None  # no end: the event ends when it starts
    first = _day(start)
    last = _day(end) if end is not None else first
    return first, last + timedelta(days=1)


def _day(moment: date | datetime) -> date:
    return in_paris(moment).date() if isinstance(moment, datetime) else moment


def _description(catalog: Catalog, settings: ExportSettings, event: Event) -> str:
    parts = [plain_text(event.description)] if event.description else []
    organisers = [record.title for record_id in event.organisateurs if (record := catalog.get(ACTOR.name, record_id))]
    if organisers:
        parts.append("Organisé par : " + ", ".join(organisers) + ".")
    if event.en_ligne:
        parts.append(f"En ligne : {event.en_ligne}")
    if event.inscription:
        parts.append(f"Inscription : {event.inscription}")
    parts.append(f"Plus d'informations : {settings.page_url(EVENT, event.id)}")
    return "\n\n".join(parts)
