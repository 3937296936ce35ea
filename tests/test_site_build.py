"""Building the site: `maillage build`, `mkdocs build --strict`, bad data stopping the build in French,
`maillage generate` for other engines, and a build that stays linear in the number of records."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import NETWORK, ROOT, Html, build_site, copy_project

from generator import build
from generator.cli import main
from generator.engines import mkdocs_run
from generator.settings import Settings
from generator.site.page import Page

BIN = Path(sys.executable).parent


@pytest.mark.slow
def test_mkdocs_build_strict_has_zero_warnings(tmp_path: Path) -> None:
    """The plain MkDocs command, as CI and other tools run it (the plugin found through its entry point)."""
    result = subprocess.run(
        [str(BIN / "mkdocs"), "build", "--strict", "--site-dir", str(tmp_path / "site")],
        cwd=NETWORK, capture_output=True, text=True, timeout=300, env={**os.environ, "NO_COLOR": "1"},
    )
    assert result.returncode == 0, result.stderr
    assert not re.search(r"^(WARNING|ERROR)", result.stderr, re.M), result.stderr
    assert (tmp_path / "site/acteurs/pse-mons/index.html").is_file()
    assert (tmp_path / "site/pagefind/pagefind-entry.json").is_file()  # the search index, from the plugin


@pytest.mark.slow
def test_maillage_build_validates_then_builds(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["build", "--config", str(NETWORK / "mkdocs.yml"), "--site", str(tmp_path / "site"), "--strict"])
    out = capsys.readouterr().out
    assert code == 0
    assert "0 erreur, 0 avertissement dans 100 fiches." in out
    assert "Site construit dans" in out
    assert (tmp_path / "site/index.html").is_file()


def _broken_project(tmp_path: Path) -> Path:
    project = copy_project(tmp_path / "project")
    _replace(project / "data/actors/entre-pairs-lille.yml", "type: association", "type: asociation")
    return project


def _replace(path: Path, old: str, new: str) -> None:
    path.write_text(path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")


def test_bad_data_stops_maillage_build(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project = _broken_project(tmp_path)
    code = main(["build", "--config", str(project / "mkdocs.yml")])
    captured = capsys.readouterr()
    assert code == 1
    assert "erreur: type d'acteur inconnu « asociation »" in captured.out
    assert "Vouliez-vous dire « association » ?" in captured.out
    assert "Traceback" not in captured.out + captured.err
    assert not (project / "site").exists()


def test_bad_data_stops_the_mkdocs_build_with_the_same_diagnostics(tmp_path: Path) -> None:
    project = _broken_project(tmp_path)
    config, plugin = mkdocs_run.load(project / "mkdocs.yml", project / "site")
    with pytest.raises(mkdocs_run.Problem) as problem:
        mkdocs_run.build(config, plugin)
    message = str(problem.value)
    assert "les données contiennent des erreurs" in message
    assert "data/actors/entre-pairs-lille.yml:" in message
    assert "type d'acteur inconnu « asociation »" in message
    assert "1 erreur, 0 avertissement dans 100 fiches." in message


@pytest.mark.slow
def test_generate_writes_pages_another_engine_can_build(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["generate", "--out", str(tmp_path / "genere"), "--config", str(NETWORK / "mkdocs.yml")]) == 0
    assert "fichiers écrits" in capsys.readouterr().out
    out = tmp_path / "genere" / "docs"
    record = (out / "acteurs/pse-mons/index.md").read_text(encoding="utf-8")
    assert record.startswith("---\ntitle: Service de promotion de la santé à l&#39;école de Mons\n")  # as HTML
    assert 'data-pagefind-body' in record
    home = (out / "index.md").read_text(encoding="utf-8")
    assert home.startswith("---\ntitle: Accueil") and "Dernières mises à jour" in home  # intro + generated block
    for page in ("contribuer.md", "charte.md", "a-propos.md", "ressources/fichiers/synthese-diagnostic-2026.pdf"):
        assert (out / page).is_file()
    assert not list((NETWORK / "docs").glob("acteurs"))  # nothing written into docs/

    # Another engine reading a mkdocs.yml without our plugin: plain MkDocs with Material and our overrides.
    theme = ROOT / "generator/site/theme"
    config = tmp_path / "mkdocs.yml"
    config.write_text(
        f"site_name: Essai\ndocs_dir: {out}\nsite_dir: {tmp_path / 'site'}\n"
        f"theme:\n  name: material\n  language: fr\n  custom_dir: {theme}\nplugins: []\n",
        encoding="utf-8",
    )
    env = {**os.environ, "NO_COLOR": "1"}
    result = subprocess.run([str(BIN / "mkdocs"), "build", "-f", str(config)], capture_output=True, text=True,
                            timeout=300, env=env)
    assert result.returncode == 0, result.stderr
    page = Html((tmp_path / "site/acteurs/pse-mons/index.html").read_text(encoding="utf-8"))
    assert "Service de promotion de la santé à l'école de Mons" in page.text
    assert {"presentation", "contacts"} <= page.ids


def test_use_directory_urls_is_required(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    config = project / "mkdocs.yml"
    _replace(config, "use_directory_urls: true", "use_directory_urls: false")
    loaded, plugin = mkdocs_run.load(config, project / "site")
    with pytest.raises(mkdocs_run.Problem, match="use_directory_urls"):
        mkdocs_run.build(loaded, plugin)


@pytest.mark.slow
def test_extra_producers_and_hooks_plug_into_the_build(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """How a feature joins the build: a page producer, a post-build hook; a menu entry appears with its page."""
    from generator.site.page import Body

    calls: list[Path] = []

    def extra_page(site: build.Site) -> list[Page]:
        return [Page("essai/", "Essai", lambda: Body('<h1>Essai</h1><p id="essai">Une page de plus</p>'), kind="essai")]

    # Without the map's producer, the reserved "Carte" entry of the menu is left out.
    producers = [p for p in build.PAGE_PRODUCERS if p is not build.map_pages]
    monkeypatch.setattr(build, "PAGE_PRODUCERS", [*producers, extra_page])
    monkeypatch.setattr(build, "POST_BUILD_HOOKS", [lambda site, site_dir: calls.append(site_dir)])
    built = build_site(NETWORK, tmp_path / "site")
    assert built.warnings == []
    assert len(calls) == 1 and calls[0].parent == built.site.parent  # the site being built, beside its folder
    assert "Une page de plus" in built.page("essai")
    menu = Html(built.page("acteurs").split('class="md-sidebar md-sidebar--secondary"', 1)[0]).text
    assert "Données" in menu  # the reserved menu entry appears with its page
    assert "Carte" not in menu


def _write_actors(data: Path, count: int) -> None:
    template = (data / "actors/tournai-prevention.yml").read_text(encoding="utf-8")
    for number in range(count):
        text = template.replace("nom: ", f"nom: Structure d'essai {number} — ", 1)
        (data / "actors" / f"structure-essai-{number}.yml").write_text(text, encoding="utf-8")


@pytest.mark.slow
def test_pages_do_not_grow_with_the_directory(tmp_path: Path) -> None:
    """Linear build: adding records leaves unrelated record pages as they are and list pages bounded."""

    def render(count: int) -> dict[str, str]:
        data = tmp_path / f"data-{count}"
        shutil.copytree(NETWORK / "data", data)
        _write_actors(data, count)
        settings = Settings(data_dir=data, site_url="https://maillage.example.org/")
        site = build.prepare(settings)
        return {page.path: page.render().html for page in build.pages(site)}

    small, large = render(0), render(120)
    assert len(large) > len(small) + 120
    for path in ("acteurs/pse-mons/", "pratiques/animation-cls-valenciennes/", "agenda/formation-trod-juin-2026/"):
        assert large[path] == small[path], path
    biggest_list = max(len(html) for path, html in large.items() if path.startswith("acteurs/page/"))
    assert biggest_list < 2 * len(large["acteurs/"])
    assert len(large[""]) < 1.2 * len(small[""])  # the home block: counts change, nothing else grows


@pytest.mark.slow
def test_a_build_keeps_nothing_of_the_previous_one_in_the_same_process(tmp_path: Path) -> None:
    """MkDocs keeps the plugin from build to build: a second site must not list the first one's pages."""
    first = copy_project(tmp_path / "premier")
    shutil.copy(first / "data" / "actors" / "asv-lille-moulins.yml", first / "data" / "actors" / "en-plus.yml")
    assert "en-plus/" in build_site(first, first / "site").page("acteurs/en-plus").split("canonical", 1)[1][:200]
    second = copy_project(tmp_path / "second")
    _replace(second / "mkdocs.yml", "  - maillage:\n", "  - maillage:\n      rendu_rapide: false\n")
    site = build_site(second, second / "site").site
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    assert "/acteurs/asv-lille-moulins/" in sitemap and "en-plus" not in sitemap
    assert sitemap.count("<loc>") == len(list(site.rglob("index.html")))


@pytest.mark.slow
def test_exports_that_fail_stop_the_build_with_a_message_and_leave_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from generator.exports.opendata import OpenData

    def broken(*args: object) -> OpenData:
        raise RuntimeError("disque plein")

    monkeypatch.setattr(OpenData, "write", broken)  # the exports' child is a fork of this process
    config, plugin = mkdocs_run.load(NETWORK / "mkdocs.yml", tmp_path / "site")
    with pytest.raises(mkdocs_run.Problem, match=r"(?s)données ouvertes n'ont pas pu être écrits.*disque plein"):
        mkdocs_run.build(config, plugin)
    assert [path.name for path in tmp_path.iterdir() if path.name.startswith(".")] == []
