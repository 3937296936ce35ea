"""The fast path (record pages stamped into the theme's shell) writes exactly what the theme would: on the test
network, on hostile records and on a few hundred generated ones (events without a description, the paginated
members of a large network: pages whose shell differs)."""

from __future__ import annotations

import shutil
import sys
from datetime import date
from pathlib import Path

import pytest
from conftest import ROOT, BuiltSite, build_site, copy_project

from generator.site.shell import Shell, slot

if str(ROOT) not in sys.path:  # `bench` lives beside `generator`, outside the installed package
    sys.path.insert(0, str(ROOT))

from bench.generate import generate

GENERATED_DAY = date(2026, 5, 1)


def _html_pages(site: Path) -> dict[str, bytes]:
    """Every page, the sitemap (which must list the fast path's pages) and what the search index holds of each
    page (Pagefind numbers the pages differently from one run to the next, so its other files vary)."""
    paths = [*site.rglob("*.html"), site / "sitemap.xml", *(site / "pagefind" / "fragment").iterdir()]
    return {path.relative_to(site).as_posix(): path.read_bytes() for path in sorted(paths) if path.is_file()}


def _generated_project(where: Path) -> Path:
    project = copy_project(where)
    shutil.rmtree(project / "data")
    generate(project / "data", 300, seed=3, today=GENERATED_DAY)
    return project


def _slow(project: Path) -> Path:
    """The project built with every page rendered by MkDocs (`rendu_rapide: false`)."""
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(
        text.replace("  - maillage:\n", "  - maillage:\n      rendu_rapide: false\n", 1), encoding="utf-8"
    )
    assert "rendu_rapide: false" in config.read_text(encoding="utf-8")
    return project


def _slow_build(tmp_path: Path, data_from: Path | None = None) -> BuiltSite:
    project = copy_project(tmp_path / "lent")
    if data_from is not None:
        (project / "data" / "actors" / "collectif-piege.yml").write_bytes(data_from.read_bytes())
    return build_site(_slow(project), project / "site")


@pytest.mark.slow
def test_every_page_is_byte_identical_to_the_theme_rendering(sample_site: BuiltSite, tmp_path: Path) -> None:
    fast, slow = _html_pages(sample_site.site), _html_pages(_slow_build(tmp_path).site)
    assert fast.keys() == slow.keys()
    different = [path for path in fast if fast[path] != slow[path]]
    assert different == []
    assert sum(1 for path in fast if path.startswith("acteurs/")) > 30  # record pages were compared
    assert sum(1 for path in fast if path.startswith("pagefind/fragment/")) > 80  # and the search index
    assert fast["sitemap.xml"].count(b"<loc>") == len([path for path in fast if path.endswith("index.html")])


@pytest.mark.slow
def test_generated_records_are_byte_identical_on_both_paths(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MAILLAGE_AUJOURDHUI", GENERATED_DAY.isoformat())
    fast_project = _generated_project(tmp_path / "rapide")
    fast = _html_pages(build_site(fast_project, fast_project / "site", strict=False).site)
    slow_project = _slow(_generated_project(tmp_path / "lent"))
    slow = _html_pages(build_site(slow_project, slow_project / "site", strict=False).site)
    assert fast.keys() == slow.keys()
    assert [path for path in fast if fast[path] != slow[path]] == []
    # Pages of each kind whose shell differs were compared: without a description, and a network's members.
    assert any("/membres/" in path for path in fast)
    events = sorted((fast_project / "data" / "events").glob("*.yml"))
    undescribed = [event.stem for event in events if "\ndescription:" not in event.read_text(encoding="utf-8")]
    assert len(undescribed) >= 3
    for event in undescribed:  # the theme wrote the site's description in their head
        assert '<meta name="description" content="L&#39;annuaire partagé'.encode() in fast[f"agenda/{event}/index.html"]


@pytest.mark.slow
def test_hostile_records_come_out_the_same_on_both_paths(hostile_site: BuiltSite, tmp_path: Path) -> None:
    hostile = hostile_site.project / "data" / "actors" / "collectif-piege.yml"
    assert hostile.is_file()
    slow = _slow_build(tmp_path, hostile).site
    page = "acteurs/collectif-piege/index.html"
    assert (hostile_site.site / page).read_bytes() == (slow / page).read_bytes()


@pytest.mark.parametrize("value", ["<b>x</b>", "MAILLAGEz9qtitleMAILLAGEz9q", "{title}", ""])
def test_values_are_inserted_once_never_read_again(value: str) -> None:
    shell = Shell.parse(f"<title>{slot('title')}</title><main>{slot('content')}</main>")
    assert shell.stamp({"title": value, "content": "ok"}) == f"<title>{value}</title><main>ok</main>"


def test_table_of_contents_entries_keep_the_theme_separator() -> None:
    item = '<li class="i"><a href="#{}">{}</a></li>'
    html = (
        "<nav>"
        + item.format(slot("toc_id"), slot("toc_title"))
        + "\n  "
        + item.format(slot("toc_id_next"), slot("toc_title_next"))
        + f'</nav><a href="#{slot("toc_id")}">skip</a>'
    )
    shell = Shell.parse(html, toc_item=('<li class="i">', "</li>"))
    stamped = shell.stamp({}, [("a", "A"), ("b", "B"), ("c", "C")])
    assert stamped == "<nav>" + "\n  ".join(item.format(x, x.upper()) for x in "abc") + '</nav><a href="#a">skip</a>'
