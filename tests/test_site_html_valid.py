"""Every page type is valid HTML for the W3C Nu checker (vnu-jar from npm, run with Java): no error, no warning.

The checker is installed from npm on first use into tests/.cache/vnu/ (as on a fresh CI machine), pinned to one
version. It reads the built files; it cannot evaluate the Content-Security-Policy against a file: address (the
policy's 'self' never matches one), so its notes about the policy are left to the browser tests, which load the
pages over HTTP (tests/test_site_csp.py)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from collections import defaultdict
from pathlib import Path

import pytest
from conftest import BuiltSite, Html, build_site, copy_project

from generator.site.renderer import RELATED_SHOWN

VNU_VERSION = "26.9.27"
CACHE = Path(__file__).resolve().parent / ".cache" / "vnu"
JAR = CACHE / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
CSP_NOTE = "Content Security Policy"

# One page of each type, from the test network (plus members enough for a relation page of their own).
PAGE_TYPES = {
    "accueil": "index.html",
    "acteur avec services et carte": "acteurs/centre-depistage-grand-hopital-sambre/index.html",
    "acteur réseau": "acteurs/reseau-sante-sexuelle-hainaut-nord/index.html",
    "ressource": "ressources/fiche-synthese-diagnostic-2026/index.html",
    "bonne pratique": "pratiques/animation-cls-valenciennes/index.html",
    "événement à venir": "agenda/rencontres-annuelles-reseau-2027/index.html",
    "événement passé": "agenda/formation-trod-juin-2026/index.html",
    "liste": "acteurs/index.html",
    "agenda": "agenda/index.html",
    "appel ouvert": "appels/appel-reproduire-marche-echange-projets/index.html",
    "appel clos": "appels/salle-reunion-a-partager-maubeuge/index.html",
    "appels et offres": "appels/index.html",
    "acteur avec un appel ouvert": "acteurs/terre-accueil-hainaut/index.html",
    "bulletin (avec ses appels ouverts)": "bulletin/index.html",
    "index de taxonomie": "territoires/index.html",
    "page d'un terme": "thematiques/sante-sexuelle/index.html",
    "page d'une relation": "acteurs/reseau-sante-sexuelle-hainaut-nord/membres/index.html",
    "carte": "carte/index.html",
    "recherche": "recherche/index.html",
    "données ouvertes": "donnees/index.html",
    "page écrite à la main": "contribuer/index.html",
    "page introuvable": "404.html",
}
MEMBER = """\
nom: Association membre {n:03d}
type: association
description: Association de quartier membre du réseau, qui accueille les jeunes et oriente vers le dépistage.
thematiques: [sante-sexuelle]
territoires: [lille]
lieux:
  - commune: Lille
reseaux: [reseau-sante-sexuelle-hainaut-nord]
date_maj: 2026-10-01
"""


@pytest.fixture(scope="module")
def vnu() -> list[str]:
    """The command that runs the checker, installed from npm into the tests' cache when missing."""
    java, npm = shutil.which("java"), shutil.which("npm")
    assert java, "Java is needed for the W3C checker: apt-get install default-jre-headless (.ci/run does it)"
    if not JAR.is_file():
        assert npm, "npm is needed to install the W3C checker: apt-get install npm (.ci/run does it)"
        CACHE.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            [npm, "install", "--prefix", str(CACHE), "--no-save", "--no-audit", "--no-fund", "--loglevel=error",
             f"vnu-jar@{VNU_VERSION}"],
            cwd=CACHE, check=True, timeout=600, env={**os.environ, "npm_config_update_notifier": "false"},
        )
    assert JAR.is_file(), f"vnu-jar {VNU_VERSION} did not install into {CACHE}"
    return [java, "-Xss4m", "-jar", str(JAR), "--format", "json", "--stdout"]


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    project = copy_project(tmp_path_factory.mktemp("valide") / "project")
    for n in range(RELATED_SHOWN + 1):
        (project / "data" / "actors" / f"membre-{n:03d}.yml").write_text(MEMBER.format(n=n), encoding="utf-8")
    return build_site(project, project / "site")


def check(vnu: list[str], files: list[Path]) -> dict[str, list[str]]:
    """The checker's errors and warnings, by file (its notes on the policy left out, see above)."""
    done = subprocess.run([*vnu, *map(str, files)], capture_output=True, text=True, timeout=600)
    assert done.stdout.strip(), f"the checker said nothing: {done.stderr[-2000:]}"
    found: dict[str, list[str]] = defaultdict(list)
    for message in json.loads(done.stdout)["messages"]:
        kind = "error" if message["type"] == "error" else message.get("subType")  # warnings are "info" + "warning"
        if kind in ("error", "warning") and CSP_NOTE not in message["message"]:
            where = message.get("url", "").removeprefix("file:")
            found[where].append(f"{message.get('lastLine', '?')}: {kind}: {message['message']}")
    return dict(found)


@pytest.mark.slow
def test_every_page_type_is_valid_html(vnu: list[str], site: BuiltSite) -> None:
    files = [site.site / path for path in PAGE_TYPES.values()]
    assert all(file.is_file() for file in files), [str(f) for f in files if not f.is_file()]
    assert check(vnu, files) == {}


@pytest.mark.slow
def test_the_checker_sees_what_the_theme_used_to_write(vnu: list[str], tmp_path: Path) -> None:
    """The same run, on what the theme wrote before our overrides, does find its errors and warnings: the filter
    above hides nothing but the policy notes."""
    page = tmp_path / "theme.html"
    page.write_text(
        '<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>t</title></head><body>'
        '<input class="md-toggle" type="checkbox" id="__drawer" autocomplete="off">'
        '<label class="md-nav__title" for="__toc">Table des matières</label>'
        '<article class="md-content__inner"><nav aria-label="Fil d\'Ariane"><ol><li>Accueil</li></ol></nav>'
        '<article class="mj-record"><header><h1>Fiche</h1></header></article></article></body></html>',
        encoding="utf-8",
    )
    found = check(vnu, [page])[str(page)]
    assert any("error: Attribute “autocomplete”" in problem for problem in found), found
    assert any("error: The value of the “for” attribute" in problem for problem in found), found
    assert any("warning: Article lacks heading" in problem for problem in found), found


@pytest.mark.slow
def test_a_record_page_is_one_article(site: BuiltSite) -> None:
    for folder in ("acteurs", "ressources", "pratiques", "agenda"):
        for page in sorted((site.site / folder).glob("*/index.html"))[:40]:
            if page.parent.name == "page":
                continue
            html = Html(page.read_text(encoding="utf-8"))
            articles = [attrs for tag, attrs in html.elements if tag == "article"]
            assert len(articles) == 1, f"{page}: {len(articles)} <article>"
            assert "mj-record" in articles[0].get("class", ""), page
