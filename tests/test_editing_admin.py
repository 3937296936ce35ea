"""The web editor at /admin/: its configuration, written from the models, valid for the JSON Schema Sveltia CMS ships
(tests/vendor/sveltia-cms/, from the npm package of the vendored version); the page built with the site, with its own
policy; and in headless Chromium, with Sveltia's test backend (files kept in the browser's private storage), a form
per kind with every field, the taxonomy terms and the actors to choose from, and a record typed and saved that
`maillage validate` accepts."""

from __future__ import annotations

import functools
import hashlib
import http.server
import json
import re
import socketserver
import threading
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any, ClassVar

import jsonschema
import pytest
import yaml
from conftest import NETWORK, BuiltSite, build_site, copy_project

from generator.cli import main
from generator.contract.kinds import ACTOR, EVENT, KINDS
from generator.editing import cms
from generator.editing.admin_page import ADMIN_PATH
from generator.editing.shapes import Input, shapes
from generator.editing.vscode import settings_text

ROOT = Path(__file__).resolve().parents[1]
SCHEMA = json.loads((ROOT / "tests" / "vendor" / "sveltia-cms" / "sveltia-cms.json").read_text(encoding="utf-8"))
# The vendored script is npm's dist/sveltia-cms.js with one change: its French strings are read beside it, not from
# unpkg.com (generator/editing/admin/README.md).
NPM_SHA256 = "2fc783907e1a4a70783f155cc28435c70b8f79792f2aab75e787984e84aa413a"
LOCALE_PATCH = ("USe=`./locales`", "USe=`${iP}@${rP}/locales`")


def _errors(config: dict[str, Any]) -> list[str]:
    return [e.message for e in jsonschema.Draft7Validator(SCHEMA).iter_errors(config)]


@pytest.mark.slow
@pytest.mark.parametrize("backend", [cms.Backend(), cms.Backend("rsshn/maillage"),
                                     cms.Backend("rsshn/maillage", "principale", "https://auth.example.org")])
def test_the_configuration_follows_sveltia_s_schema(backend: cms.Backend) -> None:
    config = cms.config(backend, "https://maillage.example.org/", "Réseau")
    assert _errors(config) == []
    broken = json.loads(json.dumps(config))
    broken["collections"][0]["dossier"] = "data/actors"  # the check can fail
    broken["backend"]["name"] = "gitub"
    assert len(_errors(broken)) >= 2


def _fields_of(fields: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {f["name"]: f for f in fields}


def test_every_field_of_every_kind_is_in_its_collection() -> None:
    config = cms.config(cms.Backend("rsshn/maillage"))
    assert config["publish_mode"] == "editorial_workflow"  # saving opens a pull request
    assert config["backend"] == {"name": "github", "repo": "rsshn/maillage", "branch": "main",
                                 "auth_methods": ["token"]}  # without a sign-in worker: a personal token
    collections = {c["name"]: c for c in config["collections"]}
    for kind in KINDS:
        collection = collections[kind.folder]
        assert collection["folder"] == f"data/{kind.folder}" and collection["extension"] == "yml"
        pending = [(kind.model, collection["fields"])]
        while pending:
            model, fields = pending.pop()
            by_name = _fields_of(fields)
            for shape in shapes(model):
                made = by_name[shape.name]
                assert made["label"] == shape.title and made["hint"] == shape.description
                assert made["required"] == shape.required
                if shape.input is Input.TERM:
                    assert (made["widget"], made["collection"], made["file"]) == ("relation", "taxonomies",
                                                                                 shape.taxonomy)
                elif shape.input is Input.RECORD:
                    assert shape.kind is not None
                    assert (made["widget"], made["collection"]) == ("relation", shape.kind.folder)
                elif shape.input is Input.CHOICE:
                    assert made["widget"] == "select" and made["options"] == list(shape.choices)
                elif shape.input is Input.BLOCK:
                    assert made["widget"] == ("list" if shape.many else "object")
                    pending.append((shape.block, made["fields"]))
            assert set(by_name) == {s.name for s in shapes(model)}
    actor = _fields_of(collections["actors"]["fields"])
    assert actor["date_maj"]["format"] == "YYYY-MM-DD" and list(actor)[-1] == "date_maj"
    start = re.compile(_fields_of(collections["events"]["fields"])["debut"]["pattern"][0])
    assert start.match("2027-01-14") and start.match("2027-01-14T09:30") and not start.match("14/01/2027")
    taxonomies = collections["taxonomies"]["files"]
    assert {f["file"] for f in taxonomies} == {f"data/taxonomies/{name}.yml" for name in
                                               ("thematiques", "publics", "territoires", "types_acteur",
                                                "types_ressource", "types_evenement", "types_appel")}
    assert all(f["fields"][0]["root"] is True for f in taxonomies)  # the file is the list, as the validator reads it


def test_committed_editor_files_are_up_to_date() -> None:
    committed = (ROOT / "schemas" / cms.CONFIG_FILE).read_text(encoding="utf-8")
    assert committed == cms.render(cms.config(cms.Backend())), "run `make schemas`"
    vscode = (ROOT / ".vscode" / "settings.json").read_text(encoding="utf-8")
    assert settings_text(vscode) == vscode, "run `make schemas`"
    mapping = json.loads(vscode)["yaml.schemas"]
    assert mapping["schemas/acteur.schema.json"] == ["data/actors/*.yml"]
    for schema in mapping:
        assert (ROOT / schema).is_file()


def test_vscode_settings_keep_what_else_they_hold() -> None:
    kept = json.loads(settings_text('{"editor.tabSize": 2, "yaml.schemas": {"autre.json": ["x.yml"]}}'))
    assert kept["editor.tabSize"] == 2 and "autre.json" not in kept["yaml.schemas"]


def test_the_vendored_editor_is_npm_s_file_with_its_licence() -> None:
    folder = cms.ADMIN_ASSETS
    script = (folder / "sveltia-cms.js").read_text(encoding="utf-8")
    assert script.count(LOCALE_PATCH[0]) == 1
    original = script.replace(*LOCALE_PATCH)
    assert hashlib.sha256(original.encode("utf-8")).hexdigest() == NPM_SHA256
    assert "MIT License" in (folder / "LICENSE").read_text(encoding="utf-8")
    assert json.loads((folder / "locales" / "fr.json").read_text(encoding="utf-8"))
    assert cms.SVELTIA_VERSION in (folder / "README.md").read_text(encoding="utf-8")


# --- the page, built with the site --------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def editor_site(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    project = copy_project(tmp_path_factory.mktemp("editeur") / "projet")
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    option = "      donnees: data\n"
    config.write_text(text.replace(option, option + "      editeur_depot: rsshn/maillage\n"), encoding="utf-8")
    return build_site(project, project / "site")


def _policy(html: str) -> str:
    found = re.findall(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)"', html)
    assert len(found) == 1
    return found[0].replace("&#39;", "'")


@pytest.mark.slow
def test_the_editor_page_is_built_with_its_own_policy(editor_site: BuiltSite, sample_site: BuiltSite) -> None:
    admin = editor_site.site / ADMIN_PATH
    page = (admin / "index.html").read_text(encoding="utf-8")
    assert '<html lang="fr">' in page and 'rel="cms-config-url"' in page and "<noscript>" in page
    assert re.findall(r"<script[^>]*>", page) == ['<script src="langue.js">', '<script src="sveltia-cms.js">']
    policy = _policy(page)
    assert "connect-src 'self' blob: data: https://api.github.com https://www.githubstatus.com;" in policy
    assert "script-src 'self';" in policy and "'unsafe-eval'" not in policy
    built = yaml.safe_load((admin / "config.yml").read_text(encoding="utf-8"))
    assert built["backend"]["repo"] == "rsshn/maillage" and built["site_url"] == "https://maillage.example.org/"
    assert (admin / "sveltia-cms.js").stat().st_size > 1_000_000 and (admin / "LICENSE-sveltia-cms.txt").is_file()
    public = {_policy(p.read_text(encoding="utf-8")) for p in editor_site.site.rglob("*.html")
              if admin not in p.parents}
    assert len(public) == 1 and "github" not in public.pop()  # the public pages' policy is untouched
    assert not (sample_site.site / ADMIN_PATH).exists()  # no repository, no editor


def test_a_sign_in_address_that_would_change_the_policy_stops_the_build(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "projet")
    config = project / "mkdocs.yml"
    option = "      donnees: data\n"
    text = config.read_text(encoding="utf-8").replace(
        option, option + "      editeur_depot: a/b\n      editeur_connexion: \"https://x.org; script-src *\"\n")
    config.write_text(text, encoding="utf-8")
    assert main(["build", "--config", str(config), "--site", str(tmp_path / "site")]) == 1


# --- in Chromium --------------------------------------------------------------------------------------------------


class _Files(http.server.SimpleHTTPRequestHandler):
    extensions_map: ClassVar[dict[str, str]] = {**http.server.SimpleHTTPRequestHandler.extensions_map,
                                                ".yml": "application/yaml"}

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def editor_url(editor_site: BuiltSite) -> Iterator[str]:
    """The built site over HTTP, its editor on Sveltia's test backend instead of GitHub."""
    (editor_site.site / ADMIN_PATH / "config.yml").write_text(cms.render(cms.config(cms.Backend())), encoding="utf-8")

    class Server(socketserver.ThreadingMixIn, http.server.HTTPServer):
        daemon_threads = True

    server = Server(("127.0.0.1", 0), functools.partial(_Files, directory=str(editor_site.site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


STORE = """async (files) => {
  const top = await (await navigator.storage.getDirectory()).getDirectoryHandle('sveltia-cms-test', {create: true});
  for (const [path, text] of Object.entries(files)) {
    const parts = path.split('/'); let dir = top;
    for (const part of parts.slice(0, -1)) dir = await dir.getDirectoryHandle(part, {create: true});
    const writable = await (await dir.getFileHandle(parts.at(-1), {create: true})).createWritable();
    await writable.write(text); await writable.close();
  }
}"""
READ = """async (path) => {
  let dir = await (await navigator.storage.getDirectory()).getDirectoryHandle('sveltia-cms-test');
  const parts = path.split('/');
  for (const part of parts.slice(0, -1)) dir = await dir.getDirectoryHandle(part);
  return await (await (await dir.getFileHandle(parts.at(-1))).getFile()).text();
}"""


@pytest.fixture
def editor(editor_url: str, tmp_path: Path) -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    files = {p.relative_to(NETWORK).as_posix(): p.read_text(encoding="utf-8")
             for p in sorted((NETWORK / "data").rglob("*.yml"))}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium")
        context = browser.new_context(locale="fr-FR", viewport={"width": 1280, "height": 900})
        page = context.new_page()
        page.route(lambda url: not url.startswith(editor_url), lambda route: route.abort())  # nothing from outside
        problems: list[str] = []
        page.on("pageerror", lambda error: problems.append(str(error)))
        page.goto(editor_url)
        page.evaluate(STORE, files)
        page.goto(editor_url + ADMIN_PATH, wait_until="commit")
        page.get_by_role("button", name="Travailler avec un dépôt de test").click()  # French, from langue.js
        page.get_by_text("Acteurs").first.wait_for()
        yield page, editor_url
        assert problems == []
        browser.close()


def _new(page: Any, base: str, folder: str) -> None:
    page.goto(f"{base}{ADMIN_PATH}#/collections/{folder}/new", wait_until="commit")
    page.get_by_role("button", name="Enregistrer").wait_for()
    page.get_by_text("Titre" if folder != ACTOR.folder else "Nom", exact=True).first.wait_for()


def _shown(page: Any, label: str) -> bool:
    """Whether the form shows a field labelled so; Sveltia renders a long form as it is scrolled to."""
    found = page.locator("label, [id$='-label']").get_by_text(label, exact=True)
    for _ in range(30):
        if found.count():
            return True
        page.mouse.move(300, 500)
        page.mouse.wheel(0, 600)
        page.wait_for_timeout(100)
    return False


@pytest.mark.browser
def test_the_editor_shows_a_form_per_kind_with_every_field(editor: Any, tmp_path: Path) -> None:
    page, base = editor
    for kind in KINDS:
        _new(page, base, kind.folder)
        for shape in shapes(kind.model):
            assert _shown(page, shape.title), (kind.name, shape.name)
        page.screenshot(path=str(tmp_path / f"{kind.folder}.png"), full_page=True)
        assert (tmp_path / f"{kind.folder}.png").stat().st_size > 10_000
    _new(page, base, ACTOR.folder)
    page.get_by_role("combobox", name="Thématiques").click()
    options = [o.inner_text() for o in page.get_by_role("option").all()]
    assert "Santé sexuelle" in options and "Dépistage (VIH, hépatites, IST)" in options  # from thematiques.yml
    _new(page, base, EVENT.folder)
    page.get_by_role("combobox", name="Organisateurs").click()
    actors = [o.inner_text() for o in page.get_by_role("option").all()]
    assert "Communauté professionnelle territoriale de santé Lille Sud" in actors
    assert len(actors) == len(list((NETWORK / "data" / "actors").glob("*.yml")))


@pytest.mark.browser
def test_a_record_typed_in_the_editor_validates(
    editor: Any, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    page, base = editor
    _new(page, base, ACTOR.folder)
    page.get_by_role("textbox", name="Nom", exact=True).fill("Maison des femmes de l'Avesnois")
    page.get_by_role("combobox", name="Type d'acteur").click()
    page.get_by_role("option", name="Association", exact=True).click()
    page.get_by_role("textbox", name="Description").first.click()
    page.keyboard.type("Accueil, écoute et accompagnement des femmes : « permanences » le mardi.")
    page.get_by_role("combobox", name="Thématiques").click()
    page.get_by_role("option", name="Contraception").click()
    page.get_by_role("combobox", name="Territoires").click()
    page.get_by_role("option", name="Maubeuge").click()
    page.get_by_role("button", name=re.compile("Ajouter.*Lieu")).click()
    page.get_by_role("textbox", name="Commune").first.fill("Maubeuge")
    assert _shown(page, "Partenaires")
    page.get_by_role("combobox", name="Partenaires").click()
    page.get_by_role("option", name="Communauté professionnelle territoriale de santé Lille Sud").click()
    page.screenshot(path=str(tmp_path / "saisie.png"), full_page=True)
    page.get_by_role("button", name="Enregistrer").click()
    page.wait_for_url(re.compile(r".*/entries/maison-des-femmes-de-l-avesnois$"))  # saved: the entry has its file
    text = page.evaluate(READ, "data/actors/maison-des-femmes-de-l-avesnois.yml")
    record = yaml.safe_load(text)
    assert record["nom"] == "Maison des femmes de l'Avesnois" and record["type"] == "association"
    assert record["thematiques"] == ["sante-sexuelle--contraception"] and record["territoires"] == ["maubeuge"]
    assert record["partenaires"] == ["cpts-lille-sud"] and record["lieux"][0]["commune"] == "Maubeuge"
    assert "« permanences »" in record["description"]
    project = copy_project(tmp_path / "projet")
    (project / "data" / "actors" / "maison-des-femmes-de-l-avesnois.yml").write_text(text, encoding="utf-8")
    assert isinstance(record["date_maj"], date)  # the editor's default: the day it was typed, as the files write it
    monkeypatch.setenv("MAILLAGE_AUJOURDHUI", record["date_maj"].isoformat())  # checked on that day
    capsys.readouterr()
    assert main(["validate", str(project / "data")]) == 0, capsys.readouterr().out
