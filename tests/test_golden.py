"""Outputs whose exact bytes matter, against golden files in tests/fixtures/golden/ (`pytest --refresh-golden`
rewrites them; the diff is then read like any change): the text report of the broken fixtures, the open data
of a small network, and one record's article per kind."""

from __future__ import annotations

import contextlib
import io
import os
import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import NETWORK, BuiltSite
from test_reading_validate import BROKEN, CASES
from tiny_network import actor, event, resource, write_network

from generator.cli import main

Golden = Callable[[str, bytes], None]


def _run(*args: str, cwd: Path) -> tuple[int, str]:
    out = io.StringIO()
    before = Path.cwd()
    os.chdir(cwd)  # paths in the report are relative, as a contributor's terminal shows them
    try:
        with contextlib.redirect_stdout(out):
            code = main(list(args))
    finally:
        os.chdir(before)
    return code, out.getvalue()


def test_the_report_of_the_broken_fixtures(tmp_path: Path, golden: Golden) -> None:
    shutil.copytree(NETWORK / "data", tmp_path / "data")
    for fixture, folder, *_ in CASES:
        shutil.copy(BROKEN / fixture, tmp_path / "data" / folder / fixture)
    code, report = _run("validate", "data", "--format", "text", cwd=tmp_path)
    assert code == 1
    golden("rapport-fiches-fautives.txt", report.encode("utf-8"))


@pytest.fixture(scope="module")
def small_export(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = write_network(tmp_path_factory.mktemp("petit"), {
        "actors/le-phare.yml": actor("Le Phare", telephone="03 20 00 00 00", site_web="https://phare.example.org/"),
        "actors/la-boussole.yml": actor("La Boussole", sigle="LB", partenaires="[le-phare]"),
        "resources/guide-depistage.yml": resource("Guide du dépistage", ["le-phare"]),
        "events/forum-sante.yml": event("Forum santé", "la-boussole", "2027-01-14T09:30"),
    })
    code, _ = _run("export", "--data", "data", "--out", "donnees", "--site-url", "https://reseau.example.org/",
                   cwd=project)
    assert code == 0
    return project / "donnees"


@pytest.mark.parametrize("name", ["annuaire.json", "acteurs.csv", "evenements.csv"])
def test_the_open_data_of_a_small_network(small_export: Path, name: str, golden: Golden) -> None:
    golden(f"donnees/{name}", (small_export / name).read_bytes())


ARTICLE = re.compile(r"<article\b|</article>")


def _first_article(html: str) -> str:
    """The outermost <article> of a page, nested ones included."""
    depth, start = 0, None
    for found in ARTICLE.finditer(html):
        if found.group().startswith("</"):
            depth -= 1
            if depth == 0 and start is not None:
                return html[start:found.end()]
        else:
            start = found.start() if depth == 0 else start
            depth += 1
    raise AssertionError("no <article> in the page")


@pytest.mark.parametrize("page", ["acteurs/centre-sante-sexuelle-maubeuge", "ressources/brochure-depistage-ist-anonyme",
                                  "pratiques/bus-depistage-sambre-avesnois", "agenda/journee-mondiale-sida-2026",
                                  "appels/appel-reproduire-marche-echange-projets"])
def test_one_record_article_per_kind(sample_site: BuiltSite, page: str, golden: Golden) -> None:
    html = (sample_site.site / page / "index.html").read_text(encoding="utf-8")
    golden(f"articles/{page.replace('/', '--')}.html", _first_article(html).encode("utf-8"))
