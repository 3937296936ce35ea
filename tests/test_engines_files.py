"""`maillage generate` writes pages for another engine: whatever a record's title or a taxonomy label holds, its
front matter stays YAML whose values are what they were, escaped for HTML (themes print them as they are), and
no script from the data runs in the site that engine builds."""

from __future__ import annotations

import os
import subprocess
import sys
from html import unescape
from pathlib import Path

import pytest
from conftest import HOSTILE_ACTOR, ROOT, Html, copy_project
from mkdocs.utils.meta import get_data

from generator.cli import main
from generator.engines.files import front_matter
from generator.site.page import Body, Page

BIN = Path(sys.executable).parent
TITLE = 'Nom </title><script>alert("titre")</script> l\'« été »\n---\ntitle: pirate\n...\n'
LABEL = "Santé <script>alert('label')</script> \"guillemets\" --- fin"


@pytest.mark.parametrize("title", [TITLE, "---", "- liste", "a: b", "&amp; déjà", "#commentaire", "\u2028"])
def test_front_matter_holds_any_title_in_its_value(title: str) -> None:
    page = Page("acteurs/x/", title, lambda: Body(""), description=title + " description", kind="record")
    content = front_matter(page) + "<p>corps</p>\n"
    body, meta = get_data(content)  # as MkDocs and the engines reading its format split a page
    assert body.strip() == "<p>corps</p>"
    assert set(meta) == {"title", "description", "maillage"} and meta["maillage"] == "record"
    assert unescape(meta["title"]) == title and unescape(meta["description"]) == title + " description"
    assert "<" not in meta["title"] and '"' not in meta["title"]


def _mkdocs(tmp_path: Path, docs: Path, name: str, overrides: bool) -> Path:
    site = tmp_path / name
    theme = f"  custom_dir: {ROOT / 'generator/site/theme'}\n" if overrides else ""
    config = tmp_path / f"{name}.yml"
    config.write_text(f"site_name: Essai\ndocs_dir: {docs}\nsite_dir: {site}\n"
                      f"theme:\n  name: material\n  language: fr\n{theme}plugins: []\n", encoding="utf-8")
    result = subprocess.run([str(BIN / "mkdocs"), "build", "-f", str(config)], capture_output=True, text=True,
                            timeout=300, env={**os.environ, "NO_COLOR": "1"})
    assert result.returncode == 0, result.stderr
    return site


@pytest.mark.slow
def test_generated_pages_built_by_another_engine_run_no_script_from_the_data(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    (project / "data/actors/collectif-piege.yml").write_text(HOSTILE_ACTOR, encoding="utf-8")
    taxonomy = project / "data/taxonomies/thematiques.yml"
    text = taxonomy.read_text(encoding="utf-8")
    first_label = text.split("label: ", 1)[1].split("\n", 1)[0]
    taxonomy.write_text(text.replace(f"label: {first_label}", f"label: '{LABEL.replace(chr(39), chr(39) * 2)}'", 1),
                        encoding="utf-8")
    out = tmp_path / "pages"
    assert main(["generate", "--out", str(out), "--config", str(project / "mkdocs.yml")]) == 0
    docs = out / "docs"
    written = {path: path.read_text(encoding="utf-8") for path in docs.rglob("*.md")}
    assert not [path for path, content in written.items() if "<script>alert" in content]
    record = docs / "acteurs/collectif-piege/index.md"
    _, meta = get_data(written[record])
    assert unescape(meta["title"]) == "Collectif </title><script>alert('nom')</script> test"
    labelled = [meta for _, meta in map(get_data, written.values()) if unescape(meta.get("title", "")) == LABEL]
    assert labelled, "the taxonomy term's page is titled with its label"

    # Material as it is prints front matter as it is; our overrides read it through `striptags | e`.
    for name, overrides in (("material", False), ("overrides", True)):
        site = _mkdocs(tmp_path, docs, name, overrides)
        pages = {path: path.read_text(encoding="utf-8") for path in site.rglob("*.html")}
        assert not [path for path, html in pages.items() if "<script>alert" in html], name
        head = pages[site / "acteurs/collectif-piege/index.html"].split("</head>", 1)[0]
        assert "&lt;/title&gt;&lt;script&gt;alert(" in head, name
        if overrides:  # escaped once: a reader sees the name as it was typed
            title = head.split("<title>", 1)[1].split("</title>", 1)[0]
            assert Html(f"<p>{title}</p>").text.startswith("Collectif </title><script>alert('nom')</script> test")


def test_a_configuration_that_inherits_is_refused_in_french(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project = copy_project(tmp_path / "project")
    config = project / "mkdocs.yml"
    (project / "base.yml").write_text("theme:\n  name: material\n", encoding="utf-8")
    config.write_text("INHERIT: base.yml\n" + config.read_text(encoding="utf-8"), encoding="utf-8")
    assert main(["generate", "--out", str(tmp_path / "genere"), "--config", str(config)]) == 2
    assert "« INHERIT » n'est pas pris en charge" in capsys.readouterr().err


@pytest.mark.slow
def test_the_generated_folder_builds_with_mkdocs_alone(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Its mkdocs.yml has no `maillage` plugin, the theme overrides (styles, scripts, the pages' policy), a menu of
    pages that exist, the tags another engine resolves itself, the values of !ENV: MkDocs without the plugin
    builds the pages from it."""
    project = copy_project(tmp_path / "project")
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8").replace("site_name: Réseau santé sexuelle Hainaut–Nord",
                                                       "site_name: !ENV [MAILLAGE_ESSAI_NOM, Défaut]", 1)
    emoji = ("  - pymdownx.emoji:\n      emoji_index: !!python/name:material.extensions.emoji.twemoji\n"
             "      emoji_generator: !!python/name:material.extensions.emoji.to_svg\n")
    config.write_text(text.replace("  - admonition\n", "  - admonition\n" + emoji, 1), encoding="utf-8")
    monkeypatch.setenv("MAILLAGE_ESSAI_NOM", "Réseau « essai »")
    out = tmp_path / "genere"
    assert main(["generate", "--out", str(out), "--config", str(config)]) == 0
    written = (out / "mkdocs.yml").read_text(encoding="utf-8")
    assert "emoji_index: !!python/name:material.extensions.emoji.twemoji" in written
    assert "site_name: Réseau « essai »" in written
    assert "maillage:" not in written.split("plugins:", 1)[1].split("\n", 2)[1]
    result = subprocess.run([str(BIN / "mkdocs"), "build", "--strict", "-f", str(out / "mkdocs.yml")],
                            capture_output=True, text=True, timeout=300, env={**os.environ, "NO_COLOR": "1"})
    assert result.returncode == 0, result.stderr
    page = (out / "site/acteurs/asv-lille-moulins/index.html").read_text(encoding="utf-8")
    assert '<meta http-equiv="Content-Security-Policy" content="default-src \'self\'' in page
    assert "assets/maillage/maillage.css" in page and "Atelier santé ville de Lille-Moulins" in page
    assert (out / "site/assets/maillage/carte.js").is_file() and (out / "site/carte/lieux.json").is_file()
