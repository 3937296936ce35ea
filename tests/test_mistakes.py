"""The corpus of mistakes (tests/fixtures/mistakes/): each case is what a person leaves in data/ (copying from
Word, editing in GitHub's web editor), dropped into the test network; `maillage validate` must give exactly the
diagnostics written in its attendu.json (message, hint, file, line, column) and its exit code. The cases named
« ok-… » are inputs that are fine and must pass.

The same corpus checks that no diagnostic carries the parser's English or Python's `None`, and that the JSON
Schemas editors use agree with the validator: every sample record and every passing case validates against
them, and every broken case they can express (`"schema": true`) fails them."""

from __future__ import annotations

import contextlib
import io
import json
import re
import shutil
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from conftest import NETWORK
from jsonschema import Draft202012Validator, FormatChecker
from referencing import Registry, Resource
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from generator.cli import main
from generator.contract.kinds import KINDS
from generator.contract.schema import TAXONOMY_SCHEMA, schemas, taxonomy_schema
from generator.reading.directory import read_directory
from generator.reading.load import _Composer
from generator.reading.schema_files import term_ids

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "tests" / "fixtures" / "mistakes"
CASES = sorted(path.name for path in CORPUS.iterdir() if (path / "attendu.json").is_file())


def expected(name: str) -> dict[str, Any]:
    return json.loads((CORPUS / name / "attendu.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the test network, which each case visits and leaves as it found it."""
    project = tmp_path_factory.mktemp("reseau")
    shutil.copytree(NETWORK / "data", project / "data")
    return project


def validate_case(project: Path, name: str) -> tuple[int, list[dict[str, Any]]]:
    """Drop the case's files into the network, run `maillage validate data --format json` from the project folder
    (paths as a contributor sees them), take the files away again."""
    source = CORPUS / name / "data"
    written: list[Path] = []
    created: list[Path] = []
    try:
        for path in sorted(p for p in source.rglob("*") if p.is_file()):
            target = project / "data" / path.relative_to(source)
            for parent in reversed(target.relative_to(project).parents):
                folder = project / parent
                if not folder.exists():
                    folder.mkdir()
                    created.append(folder)
            shutil.copyfile(path, target)
            written.append(target)
        out = io.StringIO()
        with contextlib.chdir(project), contextlib.redirect_stdout(out):
            code = main(["validate", "data", "--format", "json"])
        return code, json.loads(out.getvalue())["diagnostics"]
    finally:
        for path in written:
            path.unlink()
        for folder in reversed(created):
            folder.rmdir()


def test_the_corpus_is_large_and_shows_what_passes() -> None:
    broken = [name for name in CASES if expected(name)["code_de_sortie"] == 1]
    assert len(broken) >= 80
    assert len(CASES) - len(broken) >= 10


@pytest.mark.parametrize("name", CASES)
def test_each_mistake_gets_its_diagnostic(project: Path, name: str) -> None:
    code, found = validate_case(project, name)
    wanted = expected(name)
    assert found == wanted["diagnostics"], f"{name}: {wanted['description']}"
    assert code == wanted["code_de_sortie"]
    if code == 1:  # the first error is about the file the person wrote, on a line of it when the file is read
        first = next(d for d in found if d["gravite"] == "erreur")
        assert first["message"] and first["conseil"], name


# Words of LibYAML's and pydantic's messages, and Python's None: none may reach a contributor.
ENGLISH = re.compile(
    r"\b(None|expected|found|while|scanning|mapping|allowed|could not|stream|indicator|token|character|Input "
    r"should|Field required|Extra inputs|Value error|String should|valid)\b"
)


def test_no_diagnostic_speaks_english_or_says_none() -> None:
    texts = [f"{d['message']} {d['conseil']}" for name in CASES for d in expected(name)["diagnostics"]]
    assert len(texts) >= 80
    leaking = [text for text in texts if ENGLISH.search(text)]
    assert leaking == []


def test_the_recorded_diagnostics_point_at_the_case_s_files() -> None:
    """Each broken case's errors are about the file(s) it adds (or the folder it made), so an expectation
    cannot be satisfied by a problem elsewhere in the network."""
    for name in CASES:
        wanted = expected(name)
        added = {"data/" + str(p.relative_to(CORPUS / name / "data")) for p in (CORPUS / name / "data").rglob("*")}
        for d in wanted["diagnostics"]:
            assert d["fichier"] in added or name.startswith("doublon"), (name, d["fichier"])


# --- the JSON Schemas agree with the validator ---------------------------------------------------------------


def _as_an_editor_reads(node: Node) -> Any:
    """The values of a YAML node as the YAML language server sees them: dates are text, nothing is removed."""
    if isinstance(node, MappingNode):
        return {key.value: _as_an_editor_reads(value) for key, value in node.value}
    if isinstance(node, SequenceNode):
        return [_as_an_editor_reads(item) for item in node.value]
    assert isinstance(node, ScalarNode)
    tag = node.tag.rsplit(":", 1)[-1]
    if tag == "null":
        return None
    if tag == "bool":
        return node.value.lower() == "true"
    if tag == "int":
        return int(node.value)
    if tag == "float":
        return float(node.value)
    return node.value  # text, and dates and times as they were written


def _editor_data(path: Path) -> Any:
    composer = _Composer(path.read_text(encoding="utf-8"))
    try:
        return _as_an_editor_reads(composer.get_single_node())
    finally:
        composer.dispose()


@pytest.fixture(scope="module")
def validators() -> dict[str, Draft202012Validator]:
    """A validator per kind's folder, from `maillage schema`'s schemas, the taxonomy ids being the network's."""
    taxonomies = read_directory(NETWORK / "data").catalog.taxonomies
    found = schemas()
    ids = Resource.from_contents(taxonomy_schema(term_ids(taxonomies)))
    registry: Registry = Registry().with_resource(TAXONOMY_SCHEMA, ids)
    return {
        kind.folder: Draft202012Validator(found[f"{kind.schema}.schema.json"], registry=registry,
                                          format_checker=FormatChecker())
        for kind in KINDS
    }


def _schema_errors(validators: dict[str, Draft202012Validator], folder: str, path: Path) -> list[str]:
    return [error.message for error in validators[folder].iter_errors(_editor_data(path))]


@pytest.mark.parametrize("kind", KINDS, ids=[kind.folder for kind in KINDS])
def test_every_sample_record_validates_against_its_schema(
    validators: dict[str, Draft202012Validator], kind: Any
) -> None:
    records = sorted((NETWORK / "data" / kind.folder).glob("*.yml"))
    assert records
    problems = {path.name: _schema_errors(validators, kind.folder, path) for path in records}
    assert {name: found for name, found in problems.items() if found} == {}


def _case_record(name: str) -> tuple[str, Path] | None:
    wanted = expected(name)
    relative = Path(wanted["fichier"]).relative_to("data")
    if len(relative.parts) != 2 or relative.parts[0] not in {kind.folder for kind in KINDS}:
        return None
    return relative.parts[0], CORPUS / name / "data" / relative


@pytest.mark.parametrize("name", [n for n in CASES if expected(n)["schema"] or expected(n).get("code_de_sortie") == 0])
def test_the_schema_says_what_the_validator_says(validators: dict[str, Draft202012Validator], name: str) -> None:
    found = _case_record(name)
    assert found is not None, name
    folder, path = found
    errors = _schema_errors(validators, folder, path)
    if expected(name)["code_de_sortie"] == 0:
        assert errors == [], name  # an editor must not flag what `maillage validate` accepts
    else:
        assert errors, f"{name}: the schema lets through what the validator refuses"


def test_event_times_without_offset_follow_the_schema(validators: dict[str, Draft202012Validator]) -> None:
    event = {"titre": "Rencontre", "debut": "2027-01-14T09:30", "fin": "2027-01-14 12:00:00",
             "organisateurs": ["cls-sambre-avesnois"], "date_maj": "2026-11-02"}
    assert list(validators["events"].iter_errors(event)) == []
    assert list(validators["events"].iter_errors({**event, "debut": "14/01/2027 9h30"}))


def test_dates_in_the_corpus_are_text_for_editors() -> None:
    """The editor reading above keeps dates as text, as the YAML language server does: not date objects."""
    data = _editor_data(CORPUS / "ok-heure-sans-decalage" / "data" / "events" / "rencontre-partenaires-jeunesse.yml")
    assert data["debut"] == "2027-01-14T09:30" and not isinstance(data["date_maj"], date | datetime)
