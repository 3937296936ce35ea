"""The CI as GitHub runs it: workflow files and issue forms valid against GitHub's schemas (offline), audited by
zizmor with no finding, the two tiers of the pull request workflow, the poster of the pull request comment and
of the weekly issue against a fake GitHub API on 127.0.0.1, and the "Signaler une erreur" links."""

from __future__ import annotations

import importlib.util
import io
import json
import os
import re
import subprocess
import sys
import threading
import zipfile
from collections.abc import Iterator
from html import unescape
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import ModuleType
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
import yaml
from tiny_network import actor, commit, git, write_network

from generator import build
from generator.settings import Settings

ROOT = Path(__file__).resolve().parents[1]
GITHUB = ROOT / ".github"
NETWORK = ROOT / "tests" / "fixtures" / "network"
WORKFLOWS = sorted((GITHUB / "workflows").glob("*.yml"))
FORMS = sorted((GITHUB / "ISSUE_TEMPLATE").glob("*.yml"))
BIN = Path(sys.executable).parent


def _tool(name: str, *args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(BIN / name), *map(str, args)], capture_output=True, text=True, timeout=120)


def _workflow(name: str) -> dict[str, Any]:
    return yaml.safe_load((GITHUB / "workflows" / name).read_text(encoding="utf-8"))


# --- schemas and audit -------------------------------------------------------------------------------------


@pytest.mark.slow
def test_workflows_and_issue_forms_follow_github_s_schemas(tmp_path: Path) -> None:
    assert {p.name for p in WORKFLOWS} >= {"verification.yml", "commentaire.yml", "publication.yml", "relecture.yml"}
    assert [p.name for p in FORMS] == [
        "proposer-un-appel.yml", "proposer-un-evenement.yml", "proposer-une-structure.yml", "signaler-une-erreur.yml"]
    workflows = _tool("check-jsonschema", "--builtin-schema", "vendor.github-workflows", *WORKFLOWS)
    assert workflows.returncode == 0, workflows.stdout + workflows.stderr
    forms = _tool("check-jsonschema", "--builtin-schema", "vendor.github-issue-forms", *FORMS)
    assert forms.returncode == 0, forms.stdout + forms.stderr
    broken = tmp_path / "casse.yml"
    broken.write_text("name: x\non: push\njobs:\n  a:\n    runs-on: ubuntu-24.04\n    step: []\n", encoding="utf-8")
    assert _tool("check-jsonschema", "--builtin-schema", "vendor.github-workflows", broken).returncode == 1


def test_zizmor_finds_nothing_in_our_workflows(tmp_path: Path) -> None:
    audit = _tool("zizmor", "--offline", "--no-progress", GITHUB)
    assert audit.returncode == 0, audit.stdout + audit.stderr
    assert "No findings to report" in audit.stdout + audit.stderr
    unsafe = tmp_path / ".github" / "workflows" / "dangereux.yml"
    unsafe.parent.mkdir(parents=True)
    unsafe.write_text(
        "on: pull_request_target\npermissions: {}\njobs:\n  a:\n    runs-on: ubuntu-24.04\n    steps:\n"
        "      - uses: actions/checkout@v4\n        with:\n          ref: ${{ github.event.pull_request.head.sha }}\n"
        "      - run: echo \"${{ github.event.pull_request.title }}\"\n", encoding="utf-8")
    found = _tool("zizmor", "--offline", "--no-progress", tmp_path / ".github")
    assert found.returncode != 0 and "template-injection" in found.stdout  # the audit can fail


def test_every_action_is_pinned_by_its_commit() -> None:
    for path in WORKFLOWS:
        for line in path.read_text(encoding="utf-8").splitlines():
            if "uses:" in line:
                assert re.search(r"uses: [\w.-]+/[\w.-]+@[0-9a-f]{40} # v\d", line), f"{path.name}: {line.strip()}"


# --- the two tiers ------------------------------------------------------------------------------------------


def _step(workflow: dict[str, Any], job: str, step_id: str) -> dict[str, Any]:
    return next(step for step in workflow["jobs"][job]["steps"] if step.get("id") == step_id)


def _tier(project: Path, event: str, tmp_path: Path) -> str:
    script = _step(_workflow("verification.yml"), "portee", "portee")["run"]
    output = tmp_path / "sortie.txt"
    output.write_text("", encoding="utf-8")
    env = {"PATH": os.environ["PATH"], "EVENT": event, "GITHUB_OUTPUT": str(output), "HOME": str(tmp_path)}
    subprocess.run(["bash", "-e", "-c", script], cwd=project, env=env, check=True, capture_output=True)
    return output.read_text(encoding="utf-8").strip()


def test_a_data_or_docs_change_skips_the_test_suite_a_code_change_runs_it(tmp_path: Path) -> None:
    project = write_network(tmp_path / "reseau", {"actors/alpha.yml": actor("Alpha")})
    (project / "generator").mkdir()
    (project / "generator" / "code.py").write_text("x = 1\n", encoding="utf-8")
    commit(project, "départ")
    (project / "data" / "actors" / "beta.yml").write_text(actor("Beta"), encoding="utf-8")
    (project / "docs" / "index.md").write_text("# Autre accueil\n", encoding="utf-8")
    commit(project, "des fiches et une page")
    assert _tier(project, "pull_request", tmp_path) == "code=false"
    assert _tier(project, "push", tmp_path) == "code=true"  # main: everything runs
    (project / "generator" / "code.py").write_text("x = 2\n", encoding="utf-8")
    commit(project, "du code")
    assert _tier(project, "pull_request", tmp_path) == "code=true"
    git(project, "rm", "--quiet", "data/actors/beta.yml")
    (project / "pyproject.toml").write_text("[project]\n", encoding="utf-8")
    commit(project, "une dépendance")
    assert _tier(project, "pull_request", tmp_path) == "code=true"


def test_the_data_tier_installs_no_browser_and_the_suite_waits_for_code() -> None:
    jobs = _workflow("verification.yml")["jobs"]
    data_steps = " ".join(str(step.get("run", "")) for step in jobs["fiches"]["steps"])
    assert "maillage validate data --format github --base HEAD^1" in data_steps
    assert "maillage build" in data_steps and "maillage rapport --base HEAD^1" in data_steps
    assert "chromium" not in data_steps and "make test" not in data_steps and "[test]" not in data_steps
    assert jobs["tests"]["if"] == "needs.portee.outputs.code == 'true'"
    assert "make test" in " ".join(str(step.get("run", "")) for step in jobs["tests"]["steps"])
    for name in ("verification.yml", "commentaire.yml", "relecture.yml", "publication.yml"):
        assert _workflow(name)["permissions"] in ({}, {"contents": "read"}), name
    schedules = {name: _workflow(name)[True].get("schedule") for name in ("publication.yml", "relecture.yml")}
    assert schedules["publication.yml"] == [{"cron": "7 23 * * *"}]  # daily: the agenda stays true
    assert schedules["relecture.yml"] == [{"cron": "17 5 * * 1"}]  # weekly


# --- the poster, against a fake GitHub API -------------------------------------------------------------------


def _load_poster() -> ModuleType:
    spec = importlib.util.spec_from_file_location("publier", GITHUB / "scripts" / "publier.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


publier = _load_poster()
HEAD_SHA = "a" * 40


class FakeGitHub(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), FakeHandler)
        self.artifact = b""
        self.artifact_size: int | None = None
        self.pull_head = HEAD_SHA
        self.comments: list[dict[str, Any]] = [{"id": 1, "user": {"login": "quelquun"}, "body": "Merci !"}]
        self.issues: list[dict[str, Any]] = []
        self.calls: list[tuple[str, str, str]] = []  # method, path, authorization


class FakeHandler(BaseHTTPRequestHandler):
    server: FakeGitHub

    def log_message(self, format: str, *args: object) -> None:
        pass

    def _send(self, status: int, payload: Any = None, raw: bytes | None = None, location: str = "") -> None:
        body = raw if raw is not None else json.dumps(payload).encode()
        self.send_response(status)
        if location:
            self.send_header("Location", location)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _route(self, method: str) -> None:
        fake, url = self.server, urlsplit(self.path)
        fake.calls.append((method, url.path, self.headers.get("Authorization", "")))
        size = int(self.headers.get("Content-Length") or 0)
        sent = json.loads(self.rfile.read(size)) if size else None
        repo = "/repos/exemple/reseau"
        if url.path == f"{repo}/actions/runs/42/artifacts":
            size_in_bytes = fake.artifact_size if fake.artifact_size is not None else len(fake.artifact)
            self._send(200, {"artifacts": [{"id": 7, "name": "rapport", "size_in_bytes": size_in_bytes}]})
        elif url.path == f"{repo}/actions/artifacts/7/zip":
            self._send(302, raw=b"", location=f"http://127.0.0.1:{fake.server_address[1]}/stockage/7.zip")
        elif url.path == "/stockage/7.zip":
            self._send(200, raw=fake.artifact)
        elif url.path == f"{repo}/pulls/12":
            self._send(200, {"number": 12, "head": {"sha": fake.pull_head}})
        elif url.path == f"{repo}/issues/12/comments" and method == "GET":
            page = int(parse_qs(url.query).get("page", ["1"])[0])
            self._send(200, fake.comments if page == 1 else [])
        elif url.path == f"{repo}/issues/12/comments" and method == "POST":
            fake.comments.append({"id": 99, "user": {"login": "github-actions[bot]"}, "body": sent["body"]})
            self._send(201, fake.comments[-1])
        elif url.path == f"{repo}/issues/comments/99" and method == "PATCH":
            fake.comments[-1]["body"] = sent["body"]
            self._send(200, fake.comments[-1])
        elif url.path == f"{repo}/issues" and method == "GET":
            self._send(200, [i for i in fake.issues if parse_qs(url.query).get("creator") == ["github-actions[bot]"]])
        elif url.path == f"{repo}/issues" and method == "POST":
            fake.issues.append({"number": 5, "title": sent["title"], "body": sent["body"]})
            self._send(201, fake.issues[-1])
        elif url.path == f"{repo}/issues/5" and method == "PATCH":
            fake.issues[-1]["body"] = sent["body"]
            self._send(200, fake.issues[-1])
        else:
            self._send(404, {"message": "Not Found"})

    def do_GET(self) -> None:
        self._route("GET")

    def do_POST(self) -> None:
        self._route("POST")

    def do_PATCH(self) -> None:
        self._route("PATCH")


@pytest.fixture
def fake_github(monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeGitHub]:
    fake = FakeGitHub()
    thread = threading.Thread(target=fake.serve_forever, daemon=True)
    thread.start()
    for name, value in {"GITHUB_API_URL": f"http://127.0.0.1:{fake.server_address[1]}", "GITHUB_TOKEN": "secret",
                        "GITHUB_REPOSITORY": "exemple/reseau", "RUN_ID": "42", "HEAD_SHA": HEAD_SHA,
                        "RUN_URL": "https://github.com/exemple/reseau/actions/runs/42"}.items():
        monkeypatch.setenv(name, value)
    yield fake
    fake.shutdown()
    fake.server_close()


def _artifact(comment: str, number: str = "12", extra: dict[str, bytes] | None = None) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("commentaire.md", comment)
        archive.writestr("numero.txt", number + "\n")
        for name, content in (extra or {}).items():
            archive.writestr(name, content)
    return out.getvalue()


def test_the_report_is_posted_once_then_updated(fake_github: FakeGitHub, capsys: pytest.CaptureFixture[str]) -> None:
    fake_github.artifact = _artifact("<!-- maillage:rapport -->\n## Ce que cette demande change\n\nMerci @admin !")
    assert publier.main(["commentaire"]) == 0
    assert "commentaire ajouté à la demande n° 12" in capsys.readouterr().out
    (posted,) = [c for c in fake_github.comments if c["id"] == 99]
    assert posted["body"].startswith("<!-- maillage:rapport -->\n## Ce que cette demande change")
    assert posted["body"].count("<!-- maillage:rapport -->") == 1
    assert "@admin" not in posted["body"] and "@\u2060admin" in posted["body"]  # nobody is notified
    assert "[vérification](https://github.com/exemple/reseau/actions/runs/42)" in posted["body"]
    storage = [auth for _, path, auth in fake_github.calls if path.startswith("/stockage/")]
    assert storage == [""]  # the storage the API redirects to never gets the token

    fake_github.artifact = _artifact("<!-- maillage:rapport -->\n## Deuxième envoi")
    assert publier.main(["commentaire"]) == 0
    assert "mis à jour" in capsys.readouterr().out
    assert len(fake_github.comments) == 2 and "Deuxième envoi" in fake_github.comments[-1]["body"]


@pytest.mark.parametrize(
    ("case", "message"),
    [
        ("numero", "numéro de demande invalide"),
        ("trop-grand", "l'archive du rapport est trop grande"),
        ("bombe", "commentaire.md est trop grand"),
        ("pas-zip", "l'archive du rapport n'est pas un zip valide"),
    ],
)
def test_an_untrusted_artifact_is_refused(
    fake_github: FakeGitHub, capsys: pytest.CaptureFixture[str], case: str, message: str
) -> None:
    fake_github.artifact = _artifact("Rapport")
    if case == "numero":
        fake_github.artifact = _artifact("Rapport", number="12; rm -rf /")
    elif case == "trop-grand":
        fake_github.artifact_size = 10**9
    elif case == "bombe":
        fake_github.artifact = _artifact("x" * 10_000_000)  # 10 MB that zip into a few kilobytes
    else:
        fake_github.artifact = b"pas une archive"
    assert publier.main(["commentaire"]) == 1
    assert capsys.readouterr().err == f"Rien n'est publié : {message}.\n"
    assert [c["id"] for c in fake_github.comments] == [1]


def test_a_report_for_another_commit_is_not_posted(fake_github: FakeGitHub, capsys: pytest.CaptureFixture[str]) -> None:
    """A pull request pushed to since the run, or a run naming another pull request: nothing is posted."""
    fake_github.artifact = _artifact("Rapport")
    fake_github.pull_head = "b" * 40
    assert publier.main(["commentaire"]) == 0
    said = capsys.readouterr().out
    assert said == "Rien à publier : la demande n° 12 n'en est plus au commit que la vérification a lu.\n"
    assert [c["id"] for c in fake_github.comments] == [1]


def test_the_weekly_issue_is_opened_once_then_updated(
    fake_github: FakeGitHub, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    report = tmp_path / "relecture.md"
    report.write_text("<!-- maillage:relecture -->\nRapport du 9 mars 2026", encoding="utf-8")
    assert publier.main(["relecture", str(report)]) == 0
    assert fake_github.issues == [{"number": 5, "title": "Fiches à relire", "body": report.read_text()}]
    report.write_text("<!-- maillage:relecture -->\nRapport du 16 mars 2026", encoding="utf-8")
    assert publier.main(["relecture", str(report)]) == 0
    assert len(fake_github.issues) == 1 and "16 mars" in fake_github.issues[0]["body"]
    assert "ticket n° 5 ouvert" in capsys.readouterr().out


# --- "Signaler une erreur" ------------------------------------------------------------------------------------


def _form_ids() -> set[str]:
    form = yaml.safe_load((GITHUB / "ISSUE_TEMPLATE" / "signaler-une-erreur.yml").read_text(encoding="utf-8"))
    return {field["id"] for field in form["body"] if "id" in field}


def test_the_report_link_prefills_the_issue_form_without_labels() -> None:
    config = (NETWORK / "mkdocs.yml").read_text(encoding="utf-8")  # the sample configuration, frozen
    url = re.search(r"signaler_url: >-\n\s+(\S+)", config)
    assert url is not None
    query = parse_qs(urlsplit(url.group(1)).query)
    assert query.pop("template") == ["signaler-une-erreur.yml"]
    assert "labels" not in query  # outsiders cannot label: the form sets its label itself
    query.pop("title")
    assert set(query) <= _form_ids() and {"fiche", "fichier"} <= set(query)
    assert re.search(r"courriel_coordination: \S+@\S+", config)


def test_the_record_page_offers_the_form_and_an_e_mail(tmp_path: Path) -> None:
    project = write_network(tmp_path / "reseau", {"actors/alpha.yml": actor("Alpha & « Cie »")})
    settings = Settings(
        data_dir=project / "data", site_url="https://reseau.example.org/",
        report_url="https://github.com/exemple/reseau/issues/new?template=signaler-une-erreur.yml&fiche={url}",
        coordination_email="coordination@reseau.example.org",
    )
    site = build.prepare(settings)
    page = next(page for page in build.pages(site) if page.path == "acteurs/alpha/")
    html = page.render().html
    assert ('href="https://github.com/exemple/reseau/issues/new?template=signaler-une-erreur.yml&amp;fiche='
            'https%3A%2F%2Freseau.example.org%2Facteurs%2Falpha%2F"') in html
    mail = re.search(r'href="(mailto:[^"]+)"', html)
    assert mail is not None
    address, _, query = unescape(mail.group(1)).partition("?")
    assert address == "mailto:coordination@reseau.example.org"
    fields = parse_qs(query)
    assert fields["subject"] == ["Erreur sur la fiche « Alpha & « Cie » »"]
    assert fields["body"][0].startswith("Fiche : https://reseau.example.org/acteurs/alpha/\r\n\r\nCe qui est inexact")
    assert "labels" not in html and "par courriel (sans compte GitHub)" in html
