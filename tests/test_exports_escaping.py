"""Whatever text a record holds, the exports stay valid and say only what they say: an iCalendar value never ends
its line (no property of its own), Atom stays well-formed XML. The data's checks refuse such text; the exports do
not rely on them (records are changed here behind the checks' back)."""

from __future__ import annotations

import csv
import io
import re
import xml.etree.ElementTree as ET
from datetime import date
from pathlib import Path

import pytest
from conftest import copy_project
from icalendar import Calendar, vText

from generator.contract.kinds import ACTOR, EVENT
from generator.exports import ExportSettings, atom, export_all, ical
from generator.exports import csv as csv_export
from generator.reading.catalog import Catalog
from generator.reading.directory import read_directory

ATOM = "{http://www.w3.org/2005/Atom}"
SETTINGS = ExportSettings(site_url="https://reseau.example.fr/", site_name="Réseau\rNAME:pirate")
HOSTILE = [
    "Réunion\nNAME:pirate",
    "Réunion\rNAME:pirate",
    "Réunion\r\nBEGIN:VEVENT\r\nSUMMARY:pirate",
    "Réunion\x00 \x0b\x0c\x1b[32m verte",
    "Réunion\u2028X-PIRATE:1\x85X-PIRATE:2",
    "Réunion ; virgule, barre \\ fin\\n",
]


@pytest.fixture(scope="module")
def catalog(tmp_path_factory: pytest.TempPathFactory) -> Catalog:
    reading = read_directory(copy_project(tmp_path_factory.mktemp("network") / "project") / "data")
    assert not reading.errors
    return reading.catalog


def _with(catalog: Catalog, kind: str, **changes: object) -> tuple[Catalog, str]:
    """The catalog with its first record of `kind` changed (without validation), and that record's id."""
    records = {name: dict(by_id) for name, by_id in catalog.records.items()}
    record_id = sorted(records[kind])[0]
    records[kind][record_id] = records[kind][record_id].model_copy(update=changes)
    return Catalog(records, catalog.taxonomies, catalog.sources, catalog.inbound), record_id


def _lines(content: bytes) -> list[str]:
    """The content lines of an iCalendar file, unfolded; it must use CRLF line ends only."""
    text = content.decode("utf-8")
    assert "\r" not in text.replace("\r\n", "") and "\n" not in text.replace("\r\n", "")
    return re.sub(r"\r\n[ \t]", "", text).split("\r\n")


def _expected(text: str) -> str:
    """What a calendar application shows of the text: line breaks kept, control characters left out."""
    for breaking in ("\r\n", "\r", "\x0b", "\x0c", "\x85", "\u2028"):
        text = text.replace(breaking, "\n")
    return re.sub("[\x00-\x08\x0e-\x1f]", "", text)


@pytest.mark.parametrize("title", HOSTILE, ids=range(len(HOSTILE)))
def test_an_event_title_never_breaks_nor_adds_a_calendar_property(catalog: Catalog, title: str) -> None:
    changed, event_id = _with(catalog, EVENT.name, titre=title, lieu=title, description=title)
    whole = ical.calendar(changed, SETTINGS)
    single = ical.event_calendars(changed, SETTINGS)[event_id]  # its NAME is the event's title
    for content in (whole, single):
        lines = _lines(content)
        names = [line.split(":", 1)[0].split(";", 1)[0] for line in lines if line]
        assert not [name for name in names if "PIRATE" in name or name.startswith(("Réunion", "SUMMARY:p"))]
        assert names.count("BEGIN") == names.count("END")
        assert "\x00" not in content.decode() and "\x1b" not in content.decode()
        parsed = Calendar.from_ical(content)
        events = [part for part in parsed.walk("VEVENT") if str(part["uid"]).startswith(f"{event_id}@")]
        assert len(events) == 1
        assert str(events[0]["summary"]) == _expected(title)
        place = ical._address(changed, changed.get(EVENT.name, event_id))  # type: ignore[arg-type]
        assert str(events[0]["location"]) == ", ".join(part for part in (_expected(title), place) if part)
        name = _expected(title) if content is single else "Agenda — Réseau\nNAME:pirate"
        assert f"NAME:{vText(name).to_ical().decode()}" in lines  # one line, its text escaped
    assert len(Calendar.from_ical(whole).walk("VEVENT")) == len(catalog.of(EVENT))


@pytest.mark.parametrize("text", HOSTILE, ids=range(len(HOSTILE)))
def test_the_atom_feed_stays_well_formed_xml(catalog: Catalog, text: str) -> None:
    changed, actor_id = _with(catalog, ACTOR.name, nom=text, description=text + "\ufffe\x7f",
                              date_maj=date(2099, 1, 1))  # the most recent: first in the feed
    root = ET.fromstring(atom.feed(changed, SETTINGS))  # expat refuses what XML 1.0 forbids
    entry = root.find(f"{ATOM}entry")
    assert entry is not None and entry.findtext(f"{ATOM}id", "").endswith(f"/acteurs/{actor_id}/")
    assert entry.findtext(f"{ATOM}title") == f"Acteur : {_expected(text)}"
    assert root.findtext(f"{ATOM}author/{ATOM}name") == "Réseau\nNAME:pirate"


def test_the_exports_are_written_whatever_the_titles(catalog: Catalog, tmp_path: Path) -> None:
    changed, _ = _with(catalog, EVENT.name, titre=HOSTILE[1], description=HOSTILE[3])
    files = export_all(changed, tmp_path, SETTINGS)
    assert {"evenements.ics", "nouveautes.atom"} <= {f.path for f in files}


@pytest.mark.parametrize("name", ['=HYPERLINK("https://pirate.example.org")', "+cmd|' /C calc'!A0", "-2+3", "@SUM(A1)"])
def test_a_csv_cell_never_starts_a_formula(catalog: Catalog, name: str) -> None:
    changed, actor_id = _with(catalog, ACTOR.name, nom=name)
    rows = list(csv.DictReader(io.StringIO(csv_export.table(changed, SETTINGS, ACTOR).decode("utf-8-sig"))))
    assert next(row["nom"] for row in rows if row["id"] == actor_id) == "'" + name
