"""`maillage rapport`: what a pull request does to the site, from two git revisions of a test repository,
compared with the expected comments (tests/fixtures/rapport/)."""

from __future__ import annotations

from pathlib import Path

import pytest
from tiny_network import actor, commit, event, resource, set_records, write_network

from generator.cli import main

EXPECTED = Path(__file__).parent / "fixtures" / "rapport"
TODAY = "2026-03-10"

BASE = {
    "actors/alpha.yml": actor("Alpha"),
    "actors/beta.yml": actor("Beta"),
    "actors/gamma.yml": actor("Gamma"),
    "actors/ancien.yml": actor("Ancien collectif", date_maj="2024-06-01"),  # stale, and the change leaves it alone
    "resources/guide.yml": resource("Guide du dépistage", ["alpha"]),
    "events/rencontre.yml": event("Rencontre de printemps", "beta", "2026-04-02"),
    "events/forum.yml": event("Forum de l'hiver", "alpha", "2026-02-01"),
}


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("MAILLAGE_AUJOURDHUI", TODAY)
    root = write_network(tmp_path / "reseau", BASE)
    commit(root, "Le réseau de départ")
    monkeypatch.chdir(root)
    return root


def _report(capsys: pytest.CaptureFixture[str], *args: str) -> str:
    capsys.readouterr()
    assert main(["rapport", *args]) == 0
    return capsys.readouterr().out


@pytest.mark.slow
def test_a_valid_change_is_described_as_the_expected_comment(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    base = commit(project, "rien")
    set_records(project, {
        "actors/delta.yml": actor("Delta | <b>gras</b> `code` @quelquun"),  # added, a title full of Markdown
        "actors/gamma.yml": None,  # removed
        "events/forum.yml": None,  # removed
        "actors/alpha.yml": actor("Alpha", date_maj="2026-03-01"),  # re-dated only
        "resources/guide.yml": resource("Guide du dépistage", ["alpha", "beta"], date_maj="2026-03-01"),
        "events/rencontre.yml": event("Rencontre de printemps", "beta", "2026-04-02", lieu="Lille"),
    })
    head = commit(project, "La demande")
    expected = (EXPECTED / "demande-valide.md").read_text(encoding="utf-8")
    url = "https://github.com/exemple/reseau/actions/runs/1/artifacts/2"
    assert _report(capsys, "--base", base, "--head", head, "--artefact", url) == expected


@pytest.mark.slow
def test_a_change_with_errors_says_what_to_fix(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    set_records(project, {
        "actors/epsilon.yml": actor("Epsilon").replace("- depistage", "- depistag"),  # added with an error
        "actors/beta.yml": actor("Beta", date_maj="2025-01-01"),  # changed, now stale
        "actors/gamma.yml": None,  # removed
    })
    expected = (EXPECTED / "demande-avec-erreurs.md").read_text(encoding="utf-8")
    assert _report(capsys, "--base", "HEAD") == expected  # the working tree against the last commit


def test_a_change_to_docs_only_changes_no_record(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project / "docs" / "index.md").write_text("# Réseau de test\n\nUn autre texte.\n", encoding="utf-8")
    out = _report(capsys, "--base", "HEAD")
    assert "Aucune fiche n'est ajoutée, modifiée ni supprimée." in out
    assert "- docs\\/index\\.md" in out
    assert "données ouvertes" not in out
    assert "Le site construit avec cette demande est joint à la vérification" in out
    failed = _report(capsys, "--base", "HEAD", "--site-non-construit")  # MkDocs failed, not the records
    assert "Le site n'a pas pu être construit : le journal de l'étape « Construire le site » dit pourquoi." in failed


def test_an_unknown_revision_is_a_usage_error(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["rapport", "--base", "nulle-part"]) == 2
    assert "révision inconnue « nulle-part »" in capsys.readouterr().err
