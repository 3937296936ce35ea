"""Proposals without YAML: French titles on every field, the GitHub issue forms written from the models (valid for
GitHub's schema, up to date), issue bodies as GitHub and people leave them read back by `maillage proposition` into
records the validator accepts, or into French comments, and the workflow that runs it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import NETWORK, copy_project
from pydantic import BaseModel

from generator.cli import main
from generator.contract.kinds import KINDS
from generator.contract.model import Term
from generator.editing.forms import ACTOR_FORM, CALL_FORM, EVENT_FORM, FORMS, Form
from generator.editing.issue_forms import ACCEPTED_LABEL, issue_form, issue_forms
from generator.editing.shapes import Input
from generator.editing.terms import parse_option, read_terms
from generator.reading.validate import nested_model

ROOT = Path(__file__).resolve().parents[1]
TEMPLATES = ROOT / ".github" / "ISSUE_TEMPLATE"
WORKFLOW = ROOT / ".github" / "workflows" / "proposition.yml"
BIN = Path(sys.executable).parent


def test_every_field_has_a_short_french_title() -> None:
    pending: list[type[BaseModel]] = [kind.model for kind in KINDS] + [Term]
    seen: set[type[BaseModel]] = set()
    while pending:
        model = pending.pop()
        seen.add(model)
        for name, info in model.model_fields.items():
            assert "title" in info._attributes_set, f"{model.__name__}.{name} has no title"  # not pydantic's own
            assert len(info.title) <= 40 and info.title[0].isupper(), info.title
            inner = nested_model(model, name)
            if inner is not None and inner not in seen:
                pending.append(inner)


# --- the issue forms ------------------------------------------------------------------------------------------


def _committed_terms() -> dict[str, list[Term]]:
    """The taxonomies as the committed forms list them (« Libellé [id] »): the repository's data/ is not read."""
    found: dict[str, list[Term]] = {}
    for form in FORMS:
        elements = yaml.safe_load((TEMPLATES / f"{form.slug}.yml").read_text(encoding="utf-8"))["body"]
        by_id = {element.get("id"): element for element in elements}
        for question in form.questions:
            if question.shape.input is Input.TERM:
                options = by_id[question.id]["attributes"]["options"]
                found[question.shape.taxonomy] = [Term(id=i, label=label) for label, i in map(parse_option, options)]
    return found


def test_committed_issue_forms_are_written_from_the_models() -> None:
    for name, text in issue_forms(_committed_terms()).items():
        committed = TEMPLATES / name
        assert committed.read_text(encoding="utf-8") == text, f"run `make schemas`: {name} is stale"


@pytest.mark.slow
def test_issue_forms_follow_github_s_schema(tmp_path: Path) -> None:
    assert main(["schema", "--out", str(tmp_path / "schemas"), "--formulaires", str(tmp_path / "forms"),
                 "--vscode", str(tmp_path / "settings.json"), "--data", str(NETWORK / "data")]) == 0
    written = sorted((tmp_path / "forms").glob("*.yml"))
    assert [p.name for p in written] == ["proposer-un-appel.yml", "proposer-un-evenement.yml",
                                         "proposer-une-structure.yml", "signaler-une-erreur.yml"]
    checked = subprocess.run([str(BIN / "check-jsonschema"), "--builtin-schema", "vendor.github-issue-forms",
                              *map(str, written), *map(str, TEMPLATES.glob("*.yml"))], capture_output=True, text=True)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    for path in written:  # what GitHub refuses and its schema does not say: ids, labels, options given twice
        elements = yaml.safe_load(path.read_text(encoding="utf-8"))["body"]
        for what in ("id", "label"):
            named = [e.get(what) or e["attributes"].get(what) for e in elements if e["type"] != "markdown"]
            assert len(named) == len(set(named)), (path.name, what)
        for element in elements:
            options = element["attributes"].get("options", [])
            assert len(options) == len(set(options)) and "None" not in options, path.name
    broken = tmp_path / "casse.yml"  # the check can fail
    form = issue_form(EVENT_FORM, read_terms(NETWORK / "data"))
    form["body"][2]["type"] = "select"
    broken.write_text(yaml.safe_dump(form, allow_unicode=True), encoding="utf-8")
    refused = subprocess.run([str(BIN / "check-jsonschema"), "--builtin-schema", "vendor.github-issue-forms",
                              str(broken)], capture_output=True, text=True)
    assert refused.returncode == 1


def test_taxonomy_options_come_from_the_network_s_files(tmp_path: Path) -> None:
    terms = read_terms(NETWORK / "data")
    form = issue_form(ACTOR_FORM, terms)
    themes = next(e for e in form["body"] if e.get("id") == "thematiques")
    assert themes["type"] == "dropdown" and themes["attributes"]["multiple"] is True
    assert themes["attributes"]["options"] == [f"{t.label} [{t.id}]" for t in terms["thematiques"]]
    assert themes["validations"]["required"] is True  # the model requires one
    ids = [e.get("id") for e in form["body"] if e.get("id")]
    assert {"nom", "type", "description", "territoires", "courriel", "lieu-adresse", "fiche"} <= set(ids)


# --- reading bodies back --------------------------------------------------------------------------------------


def github_body(form: Form, answers: dict[str, str]) -> str:
    """The body GitHub writes for an issue form: every question's label, `_No response_` where nothing was given."""
    parts = []
    for question in form.questions:
        parts.append(f"### {question.label}\n\n{answers.get(question.id) or '_No response_'}")
    return "\n\n".join(parts) + "\n"


ACTOR_ANSWERS = {
    "nom": "Maison des femmes de l'Avesnois",
    "type": "Association [association]",
    "description": "Accueil, écoute et accompagnement des femmes victimes de violences.\n\n"
                   "Permanences juridiques le mardi ; consultations « santé sexuelle » sans rendez-vous.",
    "thematiques": "Dépistage (VIH, hépatites, IST) [sante-sexuelle--depistage], Contraception "
                   "[sante-sexuelle--contraception]",
    "territoires": "Sambre-Avesnois [sambre-avesnois]",
    "telephone": "03 27 12 34 56",
    "courriel": "Accueil@MDF-Avesnois.example.org",
    "lieu-adresse": "12 rue de la Gare",
    "lieu-code-postal": "59600",
    "lieu-commune": "Maubeuge",
}


def _propose(project: Path, body: str, *extra: str) -> tuple[int, str, str]:
    (project / "corps.md").write_text(body, encoding="utf-8", newline="")
    comment = project / "commentaire.md"
    code = main(["proposition", str(project / "corps.md"), "--data", str(project / "data"), "--commentaire",
                 str(comment), *extra])
    return code, comment.read_text(encoding="utf-8"), body


def _records(project: Path) -> set[str]:
    return {p.relative_to(project / "data").as_posix() for p in (project / "data").rglob("*.yml")}


def test_an_issue_form_body_becomes_a_record_the_validator_accepts(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = copy_project(tmp_path / "reseau")
    code, comment, _ = _propose(project, github_body(ACTOR_FORM, ACTOR_ANSWERS), "--ecrire")
    assert code == 0, capsys.readouterr().out
    path = project / "data" / "actors" / "maison-des-femmes-de-l-avesnois.yml"
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../../schemas/acteur.schema.json\n")
    record = yaml.safe_load(text)
    assert record["nom"] == "Maison des femmes de l'Avesnois"
    assert record["thematiques"] == ["sante-sexuelle--depistage", "sante-sexuelle--contraception"]
    assert record["description"] == ACTOR_ANSWERS["description"]  # several lines, kept as written
    assert record["lieux"] == [{"adresse": "12 rue de la Gare", "code_postal": "59600", "commune": "Maubeuge"}]
    assert str(record["date_maj"]) == os.environ["MAILLAGE_AUJOURDHUI"]
    assert "sigle" not in record and "publics" not in record  # `_No response_` is no answer
    assert "devient la fiche" in comment and "maison-des-femmes-de-l-avesnois.yml" in comment
    capsys.readouterr()
    assert main(["validate", str(project / "data")]) == 0, capsys.readouterr().out


def test_a_call_proposal_becomes_a_call_with_its_contact_block(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The call form asks for a function and a service address, never a person's name (the issue is public)."""
    assert "contact-nom" not in {q.id for q in CALL_FORM.questions}
    project = copy_project(tmp_path / "reseau")
    answers = {
        "titre": "Une exposition sur la contraception à emprunter",
        "type": "Matériel à partager [offre-mutualisation--materiel]",
        "porteur": "centre-sante-sexuelle-valenciennes",
        "description": "Douze panneaux prêtés aux structures du réseau pour une semaine ou deux.",
        "thematiques": "Contraception [sante-sexuelle--contraception]",
        "territoires": "Valenciennes [valenciennes]",
        "date_limite": "2027-06-30",
        "partenaires-types": "Association [association]",
        "contact-fonction": "Accueil",
        "contact-courriel": "accueil@css-valenciennes.example.org",
    }
    code, comment, _ = _propose(project, github_body(CALL_FORM, answers), "--ecrire")
    assert code == 0, capsys.readouterr().out + comment
    record = yaml.safe_load((project / "data" / "calls" / "une-exposition-sur-la-contraception-a-emprunter.yml")
                            .read_text(encoding="utf-8"))
    assert record["contact"] == {"fonction": "Accueil", "courriel": "accueil@css-valenciennes.example.org"}
    assert record["partenaires_recherches"] == {"types": ["association"]}
    assert str(record["date_limite"]) == "2027-06-30" and record["porteur"] == "centre-sante-sexuelle-valenciennes"
    capsys.readouterr()
    assert main(["validate", str(project / "data")]) == 0, capsys.readouterr().out


def test_an_edited_body_is_read_as_the_form_s(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Headings someone retyped (level, case, « : »), another order, Windows line breaks, wrapped lines."""
    project = copy_project(tmp_path / "reseau")
    body = (
        "## titre :\r\n\r\nRencontre régionale\r\ndes CPTS\r\n\r\n"
        "### Organisateurs\r\n\r\nhttps://maillage.example.org/acteurs/cpts-lille-sud/\r\n- cls-valenciennes\r\n\r\n"
        "### Début\r\n\r\n14/01/2027 9h30\r\n\r\n"
        "### TYPE D'ÉVÉNEMENT\r\n\r\nrencontre\r\n\r\n"
        "### Thématiques\r\n\r\nSanté sexuelle, Contraception\r\n"
    )
    code, _, _ = _propose(project, body, "--ecrire")
    assert code == 0, capsys.readouterr().out
    record = yaml.safe_load((project / "data" / "events" / "rencontre-regionale-des-cpts.yml").read_text("utf-8"))
    assert record["titre"] == "Rencontre régionale des CPTS"
    assert record["organisateurs"] == ["cpts-lille-sud", "cls-valenciennes"]
    assert record["debut"] == "2027-01-14T09:30"
    assert record["thematiques"] == ["sante-sexuelle", "sante-sexuelle--contraception"]
    capsys.readouterr()
    assert main(["validate", str(project / "data")]) == 0, capsys.readouterr().out


def test_an_update_changes_only_what_it_answers(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project = copy_project(tmp_path / "reseau")
    path = project / "data" / "actors" / "pmi-maubeuge.yml"
    before = yaml.safe_load(path.read_text(encoding="utf-8"))
    body = github_body(ACTOR_FORM, {
        "fiche": "https://maillage.example.org/acteurs/pmi-maubeuge/",
        "nom": before["nom"],
        "type": "Collectivité [collectivite]",
        "description": before["description"],
        "thematiques": ", ".join(f"X [{t}]" for t in before["thematiques"]),
        "territoires": ", ".join(f"X [{t}]" for t in before["territoires"]),
        "telephone": "03 27 99 99 99",
        "lieu-horaires-precisions": "Lundi au vendredi, 9 h – 17 h",
    })
    code, comment, _ = _propose(project, body.replace("X [", "["), "--ecrire")
    assert code == 0, capsys.readouterr().out
    after = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert after["telephone"] == "03 27 99 99 99" and after["type"] == "collectivite"
    assert after["lieux"][0]["horaires_precisions"] == "Lundi au vendredi, 9 h – 17 h"
    assert {k: v for k, v in after["lieux"][0].items() if k != "horaires_precisions"} == \
        {k: v for k, v in before["lieux"][0].items() if k != "horaires_precisions"}
    assert {k for k in before} <= {k for k in after}  # nothing the file held is lost
    assert "met à jour la fiche" in comment


def test_a_wrong_answer_gets_a_french_comment_and_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = copy_project(tmp_path / "reseau")
    files = _records(project)
    answers = {**ACTOR_ANSWERS, "courriel": "accueil(at)mdf.fr", "thematiques": "Santé sexuel",
               "site_web": "javascript:alert(1)"}
    body = "Bonjour, voici notre fiche.\n\n" + github_body(ACTOR_FORM, answers) + "\n### Couriel\n\nx@y.fr\n"
    code, comment, _ = _propose(project, body, "--ecrire")
    out = capsys.readouterr().out
    assert code == 1
    assert _records(project) == files  # nothing written
    assert "corps.md:1:1: avertissement: texte avant la première rubrique" in out
    assert "« Santé sexuel » n'est pas dans la liste « Thématiques »" in out
    assert "Vouliez-vous dire « Santé sexuelle » ?" in out
    assert "rubrique inconnue « Couriel »" in out and "Vouliez-vous dire « Courriel » ?" in out
    assert "adresse électronique invalide" in out and "seules les adresses http:// et https://" in out
    assert comment.startswith("Merci pour cette proposition. Elle ne peut pas encore devenir une fiche")
    assert "**Courriel**" in comment and "**Site web**" in comment
    assert "javascript:alert(1)" not in comment  # escaped for Markdown (javascript\:alert\(1\))


def test_a_body_that_is_no_proposal_is_explained(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project = copy_project(tmp_path / "reseau")
    code, comment, _ = _propose(project, "Bonjour, pouvez-vous ajouter notre association ?\n")
    assert code == 1
    assert "ce texte n'est pas une proposition" in capsys.readouterr().out
    assert "Proposer ou mettre à jour une structure" in comment


def test_a_new_record_never_replaces_one_of_the_same_name(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = copy_project(tmp_path / "reseau")
    before = (project / "data" / "actors" / "pmi-maubeuge.yml").read_bytes()
    code, comment, _ = _propose(project, github_body(ACTOR_FORM, {**ACTOR_ANSWERS, "nom": "PMI Maubeuge"}),
                                "--ecrire")
    assert code == 1 and "existe déjà" in capsys.readouterr().out and "Fiche à mettre à jour" in comment
    assert (project / "data" / "actors" / "pmi-maubeuge.yml").read_bytes() == before


# --- the workflow -----------------------------------------------------------------------------------------------


def _workflow() -> dict[str, Any]:
    return yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))


def test_the_workflow_runs_on_the_maintainer_s_label_with_the_body_in_the_environment() -> None:
    workflow = _workflow()
    assert workflow[True] == {"issues": {"types": ["labeled"]}} and workflow["permissions"] == {}
    job = workflow["jobs"]["proposer"]
    assert job["if"] == f"github.event.label.name == '{ACCEPTED_LABEL}'"
    assert job["permissions"] == {"contents": "read", "issues": "write"}
    for step in job["steps"]:
        assert "${{" not in step.get("run", ""), step.get("name")  # values reach scripts through env only
    read = next(step for step in job["steps"] if step.get("id") == "lire")
    assert read["env"] == {"CORPS": "${{ github.event.issue.body }}"}
    opening = next(step for step in job["steps"] if step.get("name") == "Ouvrir la pull request")
    assert opening["env"]["GH_TOKEN"] == "${{ secrets.MAILLAGE_PROPOSITION_TOKEN }}"  # its checks run
    labels = {yaml.safe_load((TEMPLATES / f"{form.slug}.yml").read_text("utf-8"))["labels"][0] for form in FORMS}
    assert labels == {"proposition"} and ACCEPTED_LABEL not in labels  # a proposer cannot accept their own


@pytest.mark.slow
def test_the_workflow_s_reading_step_on_a_hostile_body(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "reseau")
    script = next(step for step in _workflow()["jobs"]["proposer"]["steps"] if step.get("id") == "lire")["run"]
    hostile = github_body(EVENT_FORM, {
        "titre": "Forum $(touch pirate) `touch pirate2` \"; touch pirate3 #",
        "debut": "2027-02-03", "organisateurs": "cpts-lille-sud",
    })
    output, runner = tmp_path / "sortie.txt", tmp_path / "runner"
    runner.mkdir()
    output.write_text("", encoding="utf-8")
    env = {"PATH": f"{BIN}:{os.environ['PATH']}", "CORPS": hostile, "GITHUB_OUTPUT": str(output),
           "RUNNER_TEMP": str(runner), "HOME": str(tmp_path), "MAILLAGE_AUJOURDHUI": "2026-11-23"}
    done = subprocess.run(["bash", "-e", "-c", script], cwd=project, env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
    assert output.read_text(encoding="utf-8").strip() == "valide=true"
    assert not list(project.glob("pirate*"))
    written = yaml.safe_load((project / "data" / "events" / "forum-touch-pirate-touch-pirate2-touch-pirate3.yml")
                             .read_text(encoding="utf-8"))
    assert written["titre"] == "Forum $(touch pirate) `touch pirate2` \"; touch pirate3 #"
    assert "devient la fiche" in (runner / "commentaire.md").read_text(encoding="utf-8")
    env["CORPS"] = github_body(EVENT_FORM, {"titre": "Sans organisateur", "debut": "demain"})
    output.write_text("", encoding="utf-8")
    done = subprocess.run(["bash", "-e", "-c", script], cwd=project, env=env, capture_output=True, text=True)
    assert done.returncode == 0 and output.read_text(encoding="utf-8").strip() == "valide=false"
    assert "**Début**" in (runner / "commentaire.md").read_text(encoding="utf-8")
