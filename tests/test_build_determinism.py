"""Two builds of the same data give the same site, byte for byte, whatever the machine's time zone, language and
hash seed: built in separate processes and compared file by file (Pagefind's index included), on a small network
and on a few hundred generated records (rendered on several cores). "Today" is a day in Paris."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from datetime import date, datetime
from pathlib import Path

import pytest
from conftest import copy_project

from generator.clock import PARIS
from generator.search import pagefind as search

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # `bench` lives beside `generator`, outside the installed package
    sys.path.insert(0, str(ROOT))

from bench.generate import generate  # noqa: E402

MAILLAGE = Path(sys.executable).parent / "maillage"
# Two machines as far apart as can be: their days always differ (UTC+14 and UTC-10), and so do their languages
# and Python's hash seeds (the order of sets).
MACHINES = (
    {"TZ": "Pacific/Kiritimati", "LANG": "fr_FR.UTF-8", "LC_ALL": "fr_FR.UTF-8", "PYTHONHASHSEED": "1"},
    {"TZ": "Pacific/Honolulu", "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8", "PYTHONHASHSEED": "4242"},
)
SAME_DAY = [("e", "Atelier Alpha"), ("b", "Atelier Bêta"), ("d", "Atelier Gamma"), ("a", "Atelier Delta"),
            ("c", "Atelier Epsilon"), ("f", "Atelier Alpha")]


def _build(project: Path, site: Path, machine: dict[str, str], today: str | None) -> None:
    env = {key: value for key, value in os.environ.items() if key not in ("MAILLAGE_AUJOURDHUI", "SOURCE_DATE_EPOCH")}
    env.update(machine)
    if today:
        env["MAILLAGE_AUJOURDHUI"] = today
    result = subprocess.run([str(MAILLAGE), "build", "--config", str(project / "mkdocs.yml"), "--site", str(site)],
                            capture_output=True, text=True, timeout=600, env=env)
    assert result.returncode == 0, result.stdout + result.stderr


def _files(site: Path) -> dict[str, bytes]:
    return {path.relative_to(site).as_posix(): path.read_bytes() for path in sorted(site.rglob("*")) if path.is_file()}


def _differences(first: Path, second: Path) -> list[str]:
    one, two = _files(first), _files(second)
    return sorted(path for path in one.keys() | two.keys() if one.get(path) != two.get(path))


def _event(organiser: str, title: str, day: date) -> str:
    return (f'titre: "{title}"\ndebut: {day.isoformat()}\norganisateurs:\n  - {organiser}\n'
            f"date_maj: {day.isoformat()}\n")


@pytest.mark.slow
def test_the_same_data_gives_the_same_site_on_any_machine(tmp_path: Path) -> None:
    """Past events of one day named by one actor (in a set, once), and an event ending today in Paris."""
    project = copy_project(tmp_path / "project")
    events = project / "data" / "events"
    organiser = sorted((project / "data" / "actors").glob("*.yml"))[0].stem
    for suffix, title in SAME_DAY:
        (events / f"atelier-passe-{suffix}.yml").write_text(_event(organiser, title, date(2020, 3, 5)),
                                                             encoding="utf-8")
    for attempt in range(2):  # once again should Paris's midnight fall between the two builds
        today = datetime.now(PARIS).date()
        (events / "atelier-du-jour.yml").write_text(_event(organiser, "Atelier du jour", today),
                                                    encoding="utf-8")
        sites = [tmp_path / f"site-{attempt}-{number}" for number in range(len(MACHINES))]
        for site, machine in zip(sites, MACHINES, strict=True):
            _build(project, site, machine, today=None)
        if datetime.now(PARIS).date() == today:
            break
    assert _differences(*sites) == []
    agenda = (sites[0] / "agenda" / "index.html").read_text(encoding="utf-8")
    upcoming = agenda.split('<h2 id="archives">', 1)[0]
    assert "atelier-du-jour/" in upcoming  # today in Paris: not over yet on either machine
    # The organiser's page lists the past events of one day in alphabetical order, the same title by its id.
    page = (sites[0] / "acteurs" / organiser / "index.html").read_text(encoding="utf-8")
    shown = re.findall(r'href="[./]*agenda/atelier-passe-([a-f])/"', page)
    assert shown == ["e", "f", "b", "a", "c", "d"]
    # MkDocs dates the pages with the same day (the sitemap), not the machine's.
    sitemap = (sites[0] / "sitemap.xml").read_text(encoding="utf-8")
    assert set(re.findall(r"<lastmod>(.*?)</lastmod>", sitemap)) == {today.isoformat()}


@pytest.mark.slow
def test_a_few_hundred_records_give_the_same_site_and_index(tmp_path: Path) -> None:
    """Enough records for the pages and searchable copies to be written on several cores, Pagefind reading them,
    built under two hash seeds (MACHINES): nothing may come out in the order of a set."""
    today = "2026-05-01"
    project = copy_project(tmp_path / "project")
    shutil.rmtree(project / "data")
    generate(project / "data", 300, seed=3, today=date.fromisoformat(today))
    sites = [tmp_path / f"site-{number}" for number in range(len(MACHINES))]
    for site, machine in zip(sites, MACHINES, strict=True):
        _build(project, site, machine, today=today)
    assert len(list((sites[0] / "pagefind" / "fragment").iterdir())) == 300
    assert len(list((sites[0] / "pagefind" / "filter").iterdir())) == 5  # fiche, thematique, territoire, public, ouvert
    # Pages the test network has none of: a network's members listed on pages of their own, events without a
    # description (the theme writes the site's instead)
    assert list(sites[0].glob("acteurs/*/membres/index.html"))
    assert any("\ndescription:" not in event.read_text(encoding="utf-8")
               for event in (project / "data" / "events").glob("*.yml"))
    assert _differences(*sites) == []
    sitemap = (sites[0] / "sitemap.xml").read_text(encoding="utf-8")
    assert set(re.findall(r"<lastmod>(.*?)</lastmod>", sitemap)) == {today}  # not the machine's day


def test_an_index_pagefind_wrote_otherwise_stops_the_build_in_french(tmp_path: Path) -> None:
    bundle = tmp_path / "pagefind"
    bundle.mkdir()
    (bundle / "pagefind-entry.json").write_text('{"version":"1.5.2","languages":{"fr":{"hash":"fr_x"}}}')
    (bundle / "pagefind.fr_x.pf_meta").write_bytes(b"pas un index")
    (bundle / "pagefind.js").write_text("")
    indexing = search.Indexing.__new__(search.Indexing)
    indexing.bundle, indexing.pages, indexing.process = bundle, 1, subprocess.Popen(["true"])
    indexing.process.wait()
    indexing.output = open(os.devnull, "rb")  # noqa: SIM115
    try:
        with pytest.raises(search.PagefindError, match="l'index de recherche de Pagefind n'a pas pu être relu"):
            indexing.finish()
    finally:
        indexing.output.close()
