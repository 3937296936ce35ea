"""The maillage command as contributors and CI use it: exit codes, reporters, templates, schemas."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
import yaml
from conftest import NETWORK

from generator import clock
from generator.cli import main, parser
from generator.contract.fields import normalise_phone
from generator.contract.kinds import KINDS
from generator.contract.model import Term
from generator.contract.schema import TAXONOMY_SCHEMA, render, schemas
from generator.contract.shapes import block
from generator.contract.taxonomies import TAXONOMIES
from generator.reading.load import parse

ROOT = Path(__file__).resolve().parents[1]
BROKEN = ROOT / "tests" / "fixtures" / "broken"
BROKEN_ACTORS = sorted(
    p.name
    for p in BROKEN.glob("*.yml")
    if p.name
    not in {
        "ressource-fichier-absent.yml",
        "evenement-fin-avant-debut.yml",
        "terme-en-double.yml",
        "parent-inconnu.yml",
        "fiche-ancienne.yml",
        "description-courte.yml",
    }
)


@pytest.fixture
def data(tmp_path: Path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(NETWORK / "data", target)
    return target


def test_the_test_network_validates_without_errors(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(NETWORK / "data")]) == 0
    out = capsys.readouterr().out
    assert out.startswith("0 erreur")


def test_the_test_network_is_the_promised_size() -> None:
    counts = {kind.folder: len(list((NETWORK / "data" / kind.folder).glob("*.yml"))) for kind in KINDS}
    assert counts["actors"] >= 30 and counts["resources"] >= 40
    assert counts["practices"] >= 10 and counts["events"] >= 8


def test_twenty_broken_files_are_all_reported(data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert len(BROKEN_ACTORS) >= 20
    for name in BROKEN_ACTORS[:20]:
        shutil.copy(BROKEN / name, data / "actors" / name)
    assert main(["validate", str(data), "--format", "json"]) == 1
    report = json.loads(capsys.readouterr().out)
    files = {Path(d["fichier"]).name for d in report["diagnostics"] if d["gravite"] == "erreur"}
    assert files == set(BROKEN_ACTORS[:20])


def test_text_report_reads_like_the_design(data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    shutil.copy(BROKEN / "thematique-inconnue.yml", data / "actors")
    assert main(["validate", str(data)]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].endswith("thematique-inconnue.yml:7:5: erreur: thématique inconnue « sante-sexuel ».")
    assert lines[1].startswith("  → Vouliez-vous dire « sante-sexuelle » ? La liste est dans")
    assert lines[-1] == "1 erreur, 0 avertissement dans 101 fiches."


def test_github_format_annotates_and_writes_the_step_summary(
    data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    summary = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    shutil.copy(BROKEN / "cle-inconnue.yml", data / "actors")
    assert main(["validate", str(data), "--format", "github"]) == 1
    (annotation,) = [line for line in capsys.readouterr().out.splitlines() if line.startswith("::")]
    assert annotation.startswith("::error file=")
    assert ",line=10,col=1,title=La clé « sigel » n'existe pas pour un acteur::" in annotation
    assert "::la clé « sigel » n'existe pas pour un acteur." in annotation
    assert "%0A→ Vouliez-vous dire « sigle » ?" in annotation
    table = summary.read_text(encoding="utf-8")
    assert "| Fichier | Ligne | Gravité | Problème | Que faire |" in table and "sigel" in table


@pytest.mark.slow
def test_exit_codes_from_a_real_process(data: Path, tmp_path: Path) -> None:
    """The command ends without freeing its memory object by object: its codes and output are all there."""

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        command = [sys.executable, "-m", "generator.cli", *args]
        return subprocess.run(command, capture_output=True, cwd=tmp_path, text=True)

    valid = run("validate", str(data))
    assert valid.returncode == 0 and "0 erreur, 0 avertissement" in valid.stdout  # a pipe: flushed at the end
    missing = run("validate", str(data / "nulle-part"))
    assert missing.returncode == 2 and "dossier introuvable" in missing.stderr
    assert run("valider").returncode == 2
    shutil.copy(BROKEN / "url-javascript.yml", data / "actors")
    invalid = run("validate", str(data))
    assert invalid.returncode == 1 and "url-javascript.yml" in invalid.stdout + invalid.stderr


def test_new_writes_a_template_that_validates_once_filled(data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["new", "acteur", "Centre de santé « Les Tilleuls »", "--data", str(data)]) == 0
    path = data / "actors" / "centre-de-sante-les-tilleuls.yml"
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../../schemas/acteur.schema.json\n")
    assert f"date_maj: {clock.today().isoformat()}" in text  # the network's day
    assert main(["validate", str(data)]) == 1  # required fields are still empty
    filled = (
        text.replace("type: \n", "type: association\n")
        .replace(
            "description: \n", "description: Centre de santé qui accueille toute personne pour un dépistage gratuit.\n"
        )
        .replace("thematiques:\n  - \n", "thematiques:\n  - sante-sexuelle\n")
        .replace("territoires:\n  - \n", "territoires:\n  - lille\n")
    )
    path.write_text(filled, encoding="utf-8")
    capsys.readouterr()
    assert main(["validate", str(data)]) == 0, capsys.readouterr().out


def test_new_refuses_to_overwrite(data: Path) -> None:
    assert main(["new", "event", "Rencontre", "--data", str(data)]) == 0
    assert main(["new", "event", "Rencontre", "--data", str(data)]) == 2


def test_every_template_lists_every_field(data: Path) -> None:
    for kind in KINDS:
        assert main(["new", kind.name, f"Essai {kind.name}", "--data", str(data)]) == 0
        text = (data / kind.folder / f"essai-{kind.name}.yml").read_text(encoding="utf-8")
        yaml.safe_load(text)
        for field in kind.model.model_fields:
            assert field == "id" or f"{field}:" in text, (kind.name, field)


def test_committed_schemas_are_up_to_date() -> None:
    for name, schema in schemas().items():
        committed = ROOT / "schemas" / name
        assert committed.read_text(encoding="utf-8") == render(schema), f"run `make schemas`: {name} is stale"
    # the taxonomy ids come from the repository's data/, which tests do not read: `maillage validate` checks them
    # (next test); here, that the committed file has every taxonomy the record schemas point to
    ids = json.loads((ROOT / "schemas" / TAXONOMY_SCHEMA).read_text(encoding="utf-8"))["$defs"]
    # a network may leave out an optional taxonomy (a directory without calls has no types of call)
    assert set(ids) == set(TAXONOMIES.names()) and all(ids[name]["enum"] for name in ids if TAXONOMIES[name].required)
    pointed = set(re.findall(r'"taxonomies\.schema\.json#/\$defs/([a-z_]+)"',
                             "".join(render(schema) for schema in schemas().values())))
    assert pointed == set(TAXONOMIES.names())


@pytest.mark.slow
def test_a_taxonomy_changed_without_its_schema_is_reported(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project = tmp_path / "reseau"
    shutil.copytree(NETWORK / "data", project / "data")
    regenerate = ["schema", "--data", str(project / "data"), "--out", str(project / "schemas"),
                  "--formulaires", str(project / "forms"), "--vscode", str(project / "settings.json")]  # not ours
    assert main(regenerate) == 0
    ids = project / "schemas" / TAXONOMY_SCHEMA
    assert "sante-sexuelle--depistage" in json.loads(ids.read_text(encoding="utf-8"))["$defs"]["thematiques"]["enum"]
    assert main(["validate", str(project / "data")]) == 0
    themes = project / "data" / "taxonomies" / "thematiques.yml"
    themes.write_text(themes.read_text(encoding="utf-8") + "- id: sante-environnementale\n  label: Santé "
                      "environnementale\n", encoding="utf-8")
    capsys.readouterr()
    assert main(["validate", str(project / "data")]) == 0  # the check and the site are right: only editors lag
    out = capsys.readouterr().out
    assert (f"{themes}: avertissement: la taxonomie « thematiques » a changé depuis le schéma des éditeurs ({ids})."
            in out), out
    assert out.endswith("0 erreur, 1 avertissement dans 100 fiches.\n")
    assert main(regenerate) == 0
    assert main(["validate", str(project / "data")]) == 0
    assert capsys.readouterr().out.endswith("0 erreur, 0 avertissement dans 100 fiches.\n")
    enum = json.loads(ids.read_text(encoding="utf-8"))["$defs"]["thematiques"]
    assert "sante-environnementale" in enum["enum"] and "Santé environnementale" in enum["enumDescriptions"]


def test_every_field_is_documented() -> None:
    pending = [kind.model for kind in KINDS] + [Term]
    seen = set()
    while pending:
        model = pending.pop()
        seen.add(model)
        for name, info in model.model_fields.items():
            assert info.description, f"{model.__name__}.{name} has no description"
            inner = block(info.annotation)
            if inner is not None and inner not in seen:
                pending.append(inner)


def test_sample_files_point_editors_to_their_schema() -> None:
    for kind in KINDS:
        assert (ROOT / "schemas" / f"{kind.schema}.schema.json").is_file()  # where data/<kind>/../../ leads
        for path in (NETWORK / "data" / kind.folder).glob("*.yml"):
            first = path.read_text(encoding="utf-8").splitlines()[0]
            assert first == f"# yaml-language-server: $schema=../../schemas/{kind.schema}.schema.json", path


@pytest.mark.parametrize(
    ("written", "region", "normalised"),
    [
        ("03 53 01 12 34", "FR", "+33 3 53 01 12 34"),
        ("03.53.01.12.34", "FR", "+33 3 53 01 12 34"),
        ("03.27.00.00.00", "FR", "+33 3 27 00 00 00"),
        ("+33 (0)3 53 01 12 34", "FR", "+33 3 53 01 12 34"),
        ("+33 3 53 01 12 34", "FR", "+33 3 53 01 12 34"),
        ("0033 6 12 34 56 78", "FR", "+33 6 12 34 56 78"),
        ("071 00 12 34", "BE", "+32 71 00 12 34"),
        ("+32 71 00 12 34", "FR", "+32 71 00 12 34"),  # an international number is read in its own country
        ("02 511 45 67", "BE", "+32 2 511 45 67"),
        ("+32 470 12 34 56", "FR", "+32 470 12 34 56"),
        ("3919", "FR", "3919"),
        ("115", "FR", "115"),
        ("03 27 00 00 0", "FR", None),  # a digit missing: not a Belgian number for a French record
        ("071 00 12 34", "FR", None),  # a Belgian number in a French record needs its +32
        ("12 34", "FR", None),
        ("appelez-nous", "FR", None),
    ],
)
def test_phone_numbers(written: str, region: str, normalised: str | None) -> None:
    assert normalise_phone(written, region) == normalised


def test_yaml_keeps_what_contributors_wrote() -> None:
    data, _, problems = parse("telephone: 0553011234\noui: yes\nnon: no\ncode: 01000\ndate: 2026-03-12\nn: 1.5\n")
    assert data == {
        "telephone": "0553011234",
        "oui": "yes",
        "non": "no",
        "code": "01000",
        "date": date(2026, 3, 12),
        "n": 1.5,
    }
    assert problems == []


def test_every_plugin_option_is_documented_in_the_readme() -> None:
    from generator.engines.mkdocs_plugin import MaillageConfig

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    options = [name for name, _ in MaillageConfig._schema]
    assert options, "the plugin has options"
    for name in options:
        assert f"| `{name}` |" in readme, f"plugin option {name} is missing from the README"


def test_every_command_is_documented_in_the_readme() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    commands = parser()._subparsers._group_actions[0].choices  # type: ignore[union-attr]
    for name in commands:
        assert f"`maillage {name}" in readme, f"command {name} is missing from the README"
