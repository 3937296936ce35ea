"""The open data in the built site: /donnees/ lists every export with its size and date, each link leads to the
file in the site, the exports are computed once per build, and two builds of the same data publish the same
bytes."""

from __future__ import annotations

import hashlib
from datetime import date
from pathlib import Path

import pytest
from conftest import NETWORK, BuiltSite, Html, build_site
from icalendar import Calendar

from generator import build
from generator.build import read
from generator.contract.kinds import EVENT, KINDS
from generator.engines import files, mkdocs_run
from generator.exports import ExportedFile, export_all, opendata
from generator.reading.catalog import Catalog
from generator.settings import Settings
from generator.site.french import date_fr, size_fr

SITE_URL = "https://maillage.example.org/"  # the test network's mkdocs.yml


@pytest.fixture(scope="module")
def catalog(sample_site: BuiltSite) -> Catalog:
    return read(Settings(data_dir=sample_site.project / "data")).catalog


@pytest.fixture(scope="module")
def manifest(catalog: Catalog, tmp_path_factory: pytest.TempPathFactory) -> list[ExportedFile]:
    """What the exports hold for the same data and the site's settings (name and address, from mkdocs.yml)."""
    config, plugin = mkdocs_run.load(NETWORK / "mkdocs.yml")
    settings = mkdocs_run.settings_of(config, plugin)
    assert settings.site_url == SITE_URL
    return export_all(catalog, tmp_path_factory.mktemp("export"), settings)


@pytest.fixture(scope="module")
def second_build(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    return build_site(NETWORK, tmp_path_factory.mktemp("again") / "site")


def _items(page: str) -> dict[str, str]:
    """Each download of the page: link -> the visible text of its list item."""
    found = {}
    for chunk in page.split('<li class="mj-list__item mj-download">')[1:]:
        item = chunk.split("</li>", 1)[0]
        href = Html(item).links[0]
        found[href] = Html(item).text
    return found


def test_size_in_french_units() -> None:
    assert size_fr(1) == "1\u00a0octet"
    assert size_fr(850) == "850\u00a0octets"
    assert size_fr(12_345) == "12,3\u00a0ko"
    assert size_fr(250_049) == "250\u00a0ko"
    assert size_fr(1_234_567) == "1,2\u00a0Mo"
    assert size_fr(999_999) == "1,0\u00a0Mo"  # never "1000 ko"


def test_the_page_lists_every_export_with_its_size_and_date(
    sample_site: BuiltSite, manifest: list[ExportedFile], catalog: Catalog
) -> None:
    items = _items(sample_site.page("donnees"))
    listed = [f for f in manifest if f.listed]
    assert len(listed) >= 15
    assert sorted(items) == sorted(f"../donnees/{f.path}" for f in listed)
    for exported in listed:
        text = items[f"../donnees/{exported.path}"]
        assert exported.title in text
        assert exported.format in text
        assert size_fr(exported.size).replace("\u00a0", " ") in text, exported.path
        assert "mis à jour le " in text
    newest = max(record.date_maj for kind in KINDS for record in catalog.of(kind))
    assert f"Données à jour au {date_fr(newest)}" in Html(sample_site.page("donnees")).text
    newest_event = max(record.date_maj for record in catalog.of(EVENT))
    assert f"mis à jour le {date_fr(newest_event)}" in items["../donnees/evenements.ics"]


def test_each_link_leads_to_the_file_with_the_listed_size(sample_site: BuiltSite, manifest: list[ExportedFile]) -> None:
    sizes = {f.path: f.size for f in manifest}
    links = [h for h in Html(sample_site.page("donnees")).links if h.startswith("../donnees/") and not h.endswith("/")]
    assert len(links) == sum(f.listed for f in manifest)
    for href in links:
        name = href.removeprefix("../donnees/")
        target = sample_site.site / "donnees" / name
        assert target.is_file(), href
        assert target.stat().st_size == sizes[name], href


def test_every_export_is_published_and_nothing_else(sample_site: BuiltSite, manifest: list[ExportedFile]) -> None:
    folder = sample_site.site / "donnees"
    published = {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()} - {"index.html"}
    assert published == {f.path for f in manifest}
    calendars = [f for f in manifest if not f.listed]
    assert calendars and all(f.path.startswith("agenda/") for f in calendars)
    assert f"{len(calendars)} fichiers" in Html(sample_site.page("donnees")).text  # mentioned, not listed one by one


def test_the_menu_leads_to_the_open_data(sample_site: BuiltSite) -> None:
    assert "../donnees/" in Html(sample_site.page("acteurs")).links
    assert "../donnees/" in Html(sample_site.page("a-propos")).links


@pytest.mark.slow
def test_two_builds_publish_byte_identical_exports(sample_site: BuiltSite, second_build: BuiltSite) -> None:
    def digests(site: Path) -> dict[str, str]:
        files = [*sorted((site / "donnees").rglob("*")), site / "carte/lieux.json"]
        return {p.relative_to(site).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
                for p in files if p.is_file()}

    first, second = digests(sample_site.site), digests(second_build.site)
    assert len(first) > 20
    assert first == second


@pytest.mark.slow
def test_calendar_uids_stay_the_same_across_builds(sample_site: BuiltSite, second_build: BuiltSite) -> None:
    def uids(site: Path) -> list[str]:
        calendar = Calendar.from_ical((site / "donnees/evenements.ics").read_bytes())
        return [str(event["UID"]) for event in calendar.walk("VEVENT")]

    assert uids(sample_site.site) == uids(second_build.site)
    assert all(uid.endswith("@maillage.example.org") for uid in uids(sample_site.site))


def test_the_exports_run_once_per_build(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    calls: list[Path] = []
    real = opendata.export_all

    def counted(*args: object, **kwargs: object) -> list[ExportedFile]:
        calls.append(Path(str(args[1])))
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(opendata, "export_all", counted)
    site = build.prepare(Settings(data_dir=NETWORK / "data", site_url=SITE_URL, today=date(2026, 11, 23)))
    pages = {page.path: page for page in build.pages(site)}
    files = {extra.path: extra for extra in build.files(site)}
    assert "Annuaire complet" in pages["donnees/"].render().html
    assert files["donnees/annuaire.json"].content
    assert len(calls) == 1
    assert not calls[0].exists()  # the temporary folder is gone: the bytes are in memory


@pytest.mark.slow
def test_other_engines_get_the_exports_too(tmp_path: Path) -> None:
    site = build.prepare(Settings(data_dir=NETWORK / "data", site_url=SITE_URL))
    files.write_docs(site, tmp_path / "pages")
    assert (tmp_path / "pages/donnees/annuaire.json").is_file()
    assert (tmp_path / "pages/donnees/agenda/formation-trod-juin-2026.ics").is_file()
    assert (tmp_path / "pages/donnees/index.md").read_text(encoding="utf-8").startswith("---\ntitle: ")
    assert (tmp_path / "pages/carte/lieux.json").is_file()
