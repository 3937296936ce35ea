"""Open data exports of the test network: each file is read back with an ordinary parser and compared with
the catalog it came from (annuaire.json, CSV, GeoJSON, iCalendar, Atom, the manifest, the command)."""

from __future__ import annotations

import csv
import io
import json
import shutil
import xml.etree.ElementTree as ET
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from conftest import NETWORK
from icalendar import Calendar

from generator.cli import main
from generator.contract.kinds import ACTOR, EVENT, KINDS, PRACTICE, RESOURCE, Kind
from generator.contract.model import Actor, Event, Record
from generator.exports import ExportedFile, ExportSettings, export_all
from generator.exports.ical import _span
from generator.reading.catalog import Catalog
from generator.reading.directory import read_directory
from generator.site.markdown import plain_text, shorten

DATA = NETWORK / "data"
SITE = "https://reseau.example.fr/annuaire/"
ATOM = "{http://www.w3.org/2005/Atom}"
CSV_NAMES = {
    "actor": "acteurs.csv", "resource": "ressources.csv", "practice": "pratiques.csv", "event": "evenements.csv",
    "call": "appels.csv",
}
PARIS = ZoneInfo("Europe/Paris")


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    reading = read_directory(DATA)
    assert not reading.errors
    return reading.catalog


@pytest.fixture(scope="module")
def exported(catalog: Catalog, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[ExportedFile]]:
    out = tmp_path_factory.mktemp("donnees")
    return out, export_all(catalog, out, ExportSettings(site_url=SITE))


@pytest.fixture(scope="module")
def out(exported: tuple[Path, list[ExportedFile]]) -> Path:
    return exported[0]


def page(section: str, record_id: str) -> str:
    return f"{SITE}{section}/{record_id}/"


def all_pages(catalog: Catalog) -> set[str]:
    return {page(kind.section, record.id) for kind in KINDS for record in catalog.of(kind)}


# --- manifest and determinism ------------------------------------------------------------------------------


def test_the_manifest_describes_every_file_written(exported: tuple[Path, list[ExportedFile]], catalog: Catalog) -> None:
    out, files = exported
    on_disk = {p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file()}
    assert on_disk == {f.path for f in files}
    for file in files:
        assert (out / file.path).stat().st_size == file.size > 0
        assert file.title and file.format and file.media_type
        assert len(file.description) > 20 and " " in file.description  # a sentence, for the /donnees/ page
    listed = [f.path for f in files if f.listed]
    assert listed[:2] == ["annuaire.json", "acteurs.csv"]
    expected = {"evenements.ics", "acteurs.geojson", "nouveautes.atom", "data-inclusion/structures.json",
                "data-inclusion/services.json", "hsds/organizations.json", "hsds/services.json", "hsds/locations.json"}
    assert expected <= set(listed)
    calendars = [f.path for f in files if not f.listed]
    assert sorted(calendars) == sorted(f"agenda/{event.id}.ics" for event in catalog.of(EVENT))


def test_two_exports_of_the_same_data_are_byte_identical(out: Path, tmp_path: Path) -> None:
    again = tmp_path / "again"
    files = export_all(read_directory(DATA).catalog, again, ExportSettings(site_url=SITE))  # a fresh reading too
    first = {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    second = {p.relative_to(again): p.read_bytes() for p in again.rglob("*") if p.is_file()}
    assert first.keys() == second.keys()
    assert [name for name in first if first[name] != second[name]] == []
    assert sum(f.size for f in files) == sum(len(b) for b in second.values())


def test_calendars_of_deleted_events_do_not_linger(catalog: Catalog, tmp_path: Path) -> None:
    (tmp_path / "agenda").mkdir()
    (tmp_path / "agenda" / "evenement-supprime.ics").write_text("BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n")
    (tmp_path / "agenda" / "notes.txt").write_text("pas un agenda")
    export_all(catalog, tmp_path)
    assert not (tmp_path / "agenda" / "evenement-supprime.ics").exists()
    assert (tmp_path / "agenda" / "notes.txt").exists()  # only our own calendars are removed


# --- annuaire.json -----------------------------------------------------------------------------------------


def test_annuaire_holds_every_record_with_references_resolved(out: Path, catalog: Catalog) -> None:
    data = json.loads((out / "annuaire.json").read_text(encoding="utf-8"))
    for kind, key in ((ACTOR, "acteurs"), (RESOURCE, "ressources"), (PRACTICE, "pratiques"), (EVENT, "evenements")):
        ids = [item["id"] for item in data[key]]
        assert ids == sorted(record.id for record in catalog.of(kind))
        assert data["nombre"][key] == len(ids)
        assert all(item["page"] == page(kind.section, item["id"]) for item in data[key])
    assert data["date_maj"] == max(r.date_maj for kind in KINDS for r in catalog.of(kind)).isoformat()

    practice = next(p for p in data["pratiques"] if p["id"] == "bus-depistage-sambre-avesnois")
    porteur = catalog.get("actor", "cls-sambre-avesnois")
    assert porteur is not None
    assert practice["porteur"] == {"id": porteur.id, "titre": porteur.title, "page": page("acteurs", porteur.id)}
    assert {"id": "sante-sexuelle--depistage", "label": "Dépistage (VIH, hépatites, IST)"} in practice["thematiques"]
    assert all(set(r) == {"id", "titre", "page"} for r in practice["ressources"])

    brochure = next(r for r in data["ressources"] if r["id"] == "brochure-prep-mode-emploi")
    assert brochure["url"] == "https://entrepairs.example.org/prep"  # its own address, not its page's
    assert brochure["type"] == {"id": "brochure", "label": "Brochure"}

    forum = next(e for e in data["evenements"] if e["id"] == "forum-sante-jeunes-valenciennes-2026")
    assert forum["debut"] == "2026-10-08T13:30:00+02:00"  # Paris time, with its offset


def test_annuaire_includes_the_taxonomies(out: Path, catalog: Catalog) -> None:
    data = json.loads((out / "annuaire.json").read_text(encoding="utf-8"))
    assert set(data["taxonomies"]) == set(catalog.taxonomies)
    thematiques = {t["id"]: t for t in data["taxonomies"]["thematiques"]}
    assert thematiques["sante-sexuelle--ivg"]["parent"] == "sante-sexuelle"
    assert thematiques["sante-sexuelle"]["data_inclusion"] == "sante--sante-sexuelle"
    assert [t["id"] for t in data["taxonomies"]["publics"]] == list(catalog.taxonomies["publics"].terms)


# --- CSV ---------------------------------------------------------------------------------------------------


def read_csv(path: Path) -> list[dict[str, str]]:
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), "the BOM lets spreadsheets read UTF-8 accents"
    return list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline="")))


@pytest.mark.parametrize("kind", KINDS, ids=lambda kind: kind.name)
def test_each_csv_has_one_row_per_record(out: Path, catalog: Catalog, kind: Kind) -> None:
    rows = read_csv(out / CSV_NAMES[kind.name])
    records = sorted(catalog.of(kind), key=lambda r: r.id)
    assert [row["id"] for row in rows] == [record.id for record in records]
    assert all(row["page"] == page(kind.section, row["id"]) for row in rows)
    assert all(row["date_maj"] == record.date_maj.isoformat() for row, record in zip(rows, records, strict=True))
    header = list(rows[0])
    assert header[0] == "id" and header[-1] == "date_maj"
    assert "thematiques" in header and header[header.index("thematiques") + 1] == "thematiques_libelles"


def test_actor_csv_flattens_places_lists_and_labels(out: Path) -> None:
    row = next(r for r in read_csv(out / "acteurs.csv") if r["id"] == "centre-sante-sexuelle-maubeuge")
    assert row["nom"] == "Centre de santé sexuelle de Maubeuge"
    assert row["thematiques"].split(" ; ")[0] == "sante-sexuelle--contraception"
    assert row["thematiques_libelles"].split(" ; ")[0] == "Contraception"
    assert row["type_libelle"] == "Centre de santé sexuelle"
    assert (row["lieu_commune"], row["lieu_code_postal"], row["lieu_latitude"]) == ("Maubeuge", "59600", "50.2764")
    assert row["lieux"].count(" ; ") == 1 and "Avesnes-sur-Helpe" in row["lieux"]
    assert row["reseaux_noms"].startswith("Réseau santé sexuelle Hainaut–Nord ; ")
    assert row["identifiants_siret"] == "26595234100013"
    assert "Dépistage VIH, hépatites et IST (sur place, gratuit, anonyme)" in row["services"]
    assert row["telephone"] == "'+33 3 53 01 31 31", "a leading + would be read as a formula"


def test_csv_cells_never_start_a_formula(out: Path) -> None:
    for name in CSV_NAMES.values():
        for row in read_csv(out / name):
            for column, value in row.items():
                if value[:1] in ("=", "+", "-", "@"):
                    float(value)  # only numbers (a negative longitude) may start so; anything else fails here
                    assert column.endswith(("latitude", "longitude")), column


def test_practice_csv_flattens_single_blocks(out: Path) -> None:
    row = next(r for r in read_csv(out / "pratiques.csv") if r["id"] == "bus-depistage-sambre-avesnois")
    assert row["periode_debut"] == "2023-04-01" and row["periode_fin"] == ""
    assert row["evaluation_type"] == "resultats"
    assert row["contact_consentement"] == "non"
    assert row["porteur_nom"] == "Contrat local de santé de Sambre-Avesnois"


# --- GeoJSON -----------------------------------------------------------------------------------------------


def test_geojson_has_one_point_per_located_place_in_lon_lat_order(out: Path, catalog: Catalog) -> None:
    collection = json.loads((out / "acteurs.geojson").read_text(encoding="utf-8"))
    assert collection["type"] == "FeatureCollection" and "crs" not in collection
    actors = [a for a in catalog.of(ACTOR) if isinstance(a, Actor)]
    located = [lieu for a in actors for lieu in a.lieux if lieu.latitude is not None and lieu.longitude is not None]
    assert len(collection["features"]) == len(located) > 0
    pages = all_pages(catalog)
    for feature in collection["features"]:
        assert feature["type"] == "Feature" and feature["geometry"]["type"] == "Point"
        lon, lat = feature["geometry"]["coordinates"]
        assert 2.0 < lon < 5.5 and 49.5 < lat < 51.5, "[longitude, latitude] inside Hauts-de-France and Hainaut"
        props = feature["properties"]
        assert props["url"] in pages and props["url"] == page("acteurs", props["id"])
        actor = catalog.get("actor", props["id"])
        assert isinstance(actor, Actor)
        assert props["nom"] == actor.nom
        assert props["type"] == catalog.taxonomies["types_acteur"].label(actor.type)
        assert props["thematiques"] == [catalog.taxonomies["thematiques"].label(t) for t in actor.thematiques]
        assert props["commune"] in {lieu.commune for lieu in actor.lieux}


# --- iCalendar ---------------------------------------------------------------------------------------------


def events(catalog: Catalog) -> dict[str, Event]:
    return {e.id: e for e in catalog.of(EVENT) if isinstance(e, Event)}


def test_the_agenda_round_trips_every_event(out: Path, catalog: Catalog) -> None:
    agenda = Calendar.from_ical((out / "evenements.ics").read_bytes())
    assert [str(tz["TZID"]) for tz in agenda.walk("VTIMEZONE")] == ["Europe/Paris"]
    parsed = {str(e["UID"]): e for e in agenda.walk("VEVENT")}
    expected = events(catalog)
    assert sorted(parsed) == sorted(f"{event_id}@reseau.example.fr" for event_id in expected)
    for uid, entry in parsed.items():
        event = expected[uid.split("@")[0]]
        assert str(entry["SUMMARY"]) == event.titre
        assert str(entry["URL"]) == page("agenda", event.id)
        assert entry.decoded("DTSTAMP") == datetime.combine(event.date_maj, datetime.min.time(), tzinfo=UTC)
        start = entry.decoded("DTSTART")
        if isinstance(event.debut, datetime):
            assert entry["DTSTART"].params["TZID"] == "Europe/Paris"
            assert start == event.debut.replace(tzinfo=PARIS)
        else:
            assert entry["DTSTART"].params["VALUE"] == "DATE" and start == event.debut
            last = event.fin if isinstance(event.fin, date) else event.debut
            assert entry.decoded("DTEND") == last + timedelta(days=1), "a whole-day DTEND is the day after"
        description = str(entry["DESCRIPTION"])
        assert "**" not in description and page("agenda", event.id) in description


def test_each_event_has_its_own_calendar_file(out: Path, catalog: Catalog) -> None:
    for event_id, event in events(catalog).items():
        single = Calendar.from_ical((out / "agenda" / f"{event_id}.ics").read_bytes())
        (entry,) = single.walk("VEVENT")
        assert str(entry["UID"]) == f"{event_id}@reseau.example.fr"
        assert str(entry["SUMMARY"]) == event.titre
        assert len(single.walk("VTIMEZONE")) == 1


def test_event_spans_follow_rfc_5545() -> None:
    base = {"id": "x", "titre": "Réunion", "organisateurs": ["a"], "date_maj": "2026-01-01"}
    one_day = Event.model_validate({**base, "debut": "2026-12-01"})
    assert _span(one_day) == (date(2026, 12, 1), date(2026, 12, 2))
    mixed = Event.model_validate({**base, "debut": "2026-12-01", "fin": "2026-12-02T12:00:00"})
    assert _span(mixed) == (date(2026, 12, 1), date(2026, 12, 3))
    utc = Event.model_validate({**base, "debut": "2027-01-14T09:30:00+00:00"})
    start, end = _span(utc)
    assert end is None and isinstance(start, datetime)
    assert (start.hour, start.tzinfo) == (10, PARIS), "an explicit offset is converted to Paris time"


# --- Atom --------------------------------------------------------------------------------------------------


def test_the_atom_feed_lists_the_latest_records(out: Path, catalog: Catalog) -> None:
    feed = ET.parse(out / "nouveautes.atom").getroot()
    assert feed.tag == f"{ATOM}feed"
    records = [r for kind in KINDS for r in catalog.of(kind)]
    entries = feed.findall(f"{ATOM}entry")
    assert len(entries) == min(50, len(records)) > 0
    newest = max(r.date_maj for r in records)
    assert feed.findtext(f"{ATOM}updated") == f"{newest.isoformat()}T00:00:00Z"
    assert feed.find(f"{ATOM}link[@rel='self']") is not None and feed.find(f"{ATOM}author/{ATOM}name") is not None
    stamps = [e.findtext(f"{ATOM}updated") or "" for e in entries]
    assert stamps == sorted(stamps, reverse=True)
    cutoff = sorted((r.date_maj for r in records), reverse=True)[len(entries) - 1]
    assert all(r.date_maj <= cutoff for r in records if page_of(r) not in {e.findtext(f"{ATOM}id") for e in entries})
    pages = all_pages(catalog)
    for entry in entries:
        link = entry.find(f"{ATOM}link")
        assert link is not None and link.get("href") in pages
        assert entry.findtext(f"{ATOM}id") == link.get("href")
        assert entry.findtext(f"{ATOM}title")


def page_of(record: Record) -> str:
    kind = KINDS.of_model(type(record))
    assert kind is not None, record
    return page(kind.section, record.id)


# --- plain text --------------------------------------------------------------------------------------------


def test_markdown_becomes_plain_text_without_losing_links() -> None:
    text = plain_text("Voir **le** [guide](https://a.fr/g).\nSuite.\n\n- un\n- deux\n\n1. a\n2. b\n\nFin &amp; fin")
    assert text == "Voir le guide (https://a.fr/g). Suite.\n\n- un\n- deux\n\n1. a\n2. b\n\nFin & fin"
    assert shorten("un deux trois quatre", 12, ellipsis_within=True) == "un deux…"


# --- the command -------------------------------------------------------------------------------------------


def test_maillage_export_writes_the_files(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "donnees"
    assert main(["export", "--out", str(target), "--data", str(DATA), "--site-url", "https://autre.example.org"]) == 0
    assert "annuaire.json" in capsys.readouterr().out
    data = json.loads((target / "annuaire.json").read_text(encoding="utf-8"))
    assert data["acteurs"][0]["page"].startswith("https://autre.example.org/acteurs/")
    assert b"@autre.example.org" in (target / "evenements.ics").read_bytes()
    assert (target / "hsds" / "services.json").is_file() and (target / "data-inclusion" / "services.json").is_file()


def test_maillage_export_refuses_invalid_data(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    record = data / "actors" / "pse-mons.yml"
    record.write_text(record.read_text(encoding="utf-8").replace("thematiques:", "thematique:", 1), encoding="utf-8")
    assert main(["export", "--out", str(tmp_path / "out"), "--data", str(data)]) == 1
    assert "pse-mons.yml" in capsys.readouterr().out
    assert not (tmp_path / "out").exists()


def test_maillage_export_rejects_a_bad_site_url(tmp_path: Path) -> None:
    assert main(["export", "--out", str(tmp_path), "--data", str(DATA), "--site-url", "reseau.example.fr"]) == 2
