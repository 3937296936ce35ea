"""The reporters as a pull request shows them: the change's own files annotated first, within GitHub's limits,
untouched records' warnings kept out of the annotations, everything in the step summary, values escaped; and a
terminal that never runs what a value holds."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from tiny_network import actor, commit, write_network

from generator.cli import main
from generator.reading.changes import of_paths
from generator.reading.diagnostics import Diagnostic, Severity
from generator.reading.report import github, markdown_summary, text

HOSTILE = ("\x1b[2K\r\x1b[32m0 erreur, 0 avertissement\x1b[0m | <script>alert(1)</script> `x` [lien](javascript:a) "
           "@admin #1")


def _diagnostic(path: str, line: int, severity: Severity = Severity.ERROR, message: str = "thématique inconnue « x »",
                hint: str = "Vouliez-vous dire « y » ?") -> Diagnostic:
    return Diagnostic(Path(path), line, 1, severity, message, hint)


def _annotations(out: str) -> list[str]:
    return [line for line in out.splitlines() if line.startswith("::")]


def test_the_change_s_own_errors_come_first_within_github_s_limits() -> None:
    untouched_errors = [_diagnostic(f"data/actors/autre-{n:02d}.yml", 3) for n in range(5)]
    own_errors = [_diagnostic(f"data/actors/mien-{n:02d}.yml", 4) for n in range(12)]
    own_warnings = [_diagnostic("data/actors/mien-00.yml", 9, Severity.WARNING, "fiche vérifiée il y a 13 mois")]
    stale = [_diagnostic(f"data/actors/vieux-{n:02d}.yml", 7, Severity.WARNING, "fiche vérifiée il y a 20 mois")
             for n in range(30)]
    diagnostics = sorted(untouched_errors + own_errors + own_warnings + stale)
    changed = of_paths(f"data/actors/mien-{n:02d}.yml" for n in range(12))
    annotations = _annotations(github(diagnostics, 50, changed))
    errors = [a for a in annotations if a.startswith("::error")]
    warnings = [a for a in annotations if a.startswith("::warning")]
    assert len(errors) == 10 and all("mien-" in a for a in errors)  # the 12 own errors come before the others
    assert len(warnings) == 1 and "mien-00.yml" in warnings[0]  # stale untouched records take no annotation
    (notice,) = [a for a in annotations if a.startswith("::notice")]
    assert "7 autres problèmes sans annotation" in notice  # 2 own errors and 5 elsewhere; not the 30 warnings


def test_errors_elsewhere_follow_the_change_s_own() -> None:
    diagnostics = sorted([_diagnostic("data/actors/a.yml", 2), _diagnostic("data/actors/b.yml", 2)])
    annotations = _annotations(github(diagnostics, 2, of_paths(["data/actors/b.yml"])))
    assert [a.split(",")[0] for a in annotations] == ["::error file=data/actors/b.yml",
                                                     "::error file=data/actors/a.yml"]


def test_titles_say_what_is_wrong() -> None:
    (annotation,) = _annotations(github([_diagnostic("data/actors/a.yml", 2)], 1))
    assert ",title=Thématique inconnue « x »::thématique inconnue « x ».%0A→ Vouliez-vous dire « y » ?" in annotation
    assert "Maillage" not in annotation


def test_the_summary_lists_everything_and_says_where_the_rest_is() -> None:
    own = [_diagnostic(f"data/actors/mien-{n:02d}.yml", 4) for n in range(12)]
    stale = [_diagnostic(f"data/actors/vieux-{n:02d}.yml", 7, Severity.WARNING, "fiche ancienne") for n in range(3)]
    summary = markdown_summary(sorted(own + stale), 15, of_paths(d.path for d in own))
    assert "**12 erreurs, 3 avertissements dans 15 fiches.**" in summary
    assert "10 problèmes annotés sur les lignes concernées" in summary and "2 de plus ne sont listés qu'ici" in summary
    assert "### Fichiers modifiés par cette demande (12)" in summary
    assert "### Avertissements sur des fiches que la demande ne modifie pas (3)" in summary
    assert all(f"mien\\-{n:02d}\\.yml" in summary for n in range(12))
    assert all(f"vieux\\-{n:02d}\\.yml" in summary for n in range(3))


def test_values_are_escaped_in_the_step_summary() -> None:
    summary = markdown_summary([_diagnostic("data/actors/a|b.yml", 2, message=HOSTILE, hint="<img src=x onerror=y>")],
                               1)
    row = next(line for line in summary.splitlines() if "a\\|b" in line)
    assert row.count(" | ") == 4  # five cells: no pipe of the data opens a sixth
    for markup in "<>`[]()&":
        assert not re.search(r"(?<!\\)" + re.escape(markup), row), markup  # each one backslash-escaped
    for raw in ("\x1b", "\r", "@admin", "#1"):
        assert raw not in row, raw
    assert "\\<script\\>" in row and "\\x1b" in row and "\\r" in row


def test_the_step_summary_is_written_where_github_says(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    summary = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    github([_diagnostic("data/actors/a.yml", 2)], 1)
    assert "| data\\/actors\\/a\\.yml | 2 | erreur |" in summary.read_text(encoding="utf-8")


def test_the_text_report_shows_control_characters_instead_of_running_them() -> None:
    out = text([_diagnostic("data/actors/a.yml", 2, message=HOSTILE, hint="\u202eexe.fdp")], 1)
    assert "\x1b" not in out and "\r" not in out and "\u202e" not in out
    assert "\\x1b[32m0 erreur" in out and "\\u202eexe.fdp" in out
    assert out.splitlines()[-1] == "1 erreur, 0 avertissement dans 1 fiche."


def test_validate_with_a_git_base_annotates_the_pull_request_s_files(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MAILLAGE_AUJOURDHUI", "2026-03-10")
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)
    stale = {f"actors/ancien-{n:02d}.yml": actor(f"Ancien {n}", date_maj="2024-01-01") for n in range(12)}
    project = write_network(tmp_path / "reseau", stale)
    commit(project, "départ")
    monkeypatch.chdir(project)
    broken = project / "data" / "actors" / "nouveau.yml"
    broken.write_text(actor("Nouveau", date_maj="2025-01-01").replace("- lille", "- lile"), encoding="utf-8")
    assert main(["validate", "data", "--format", "github", "--base", "HEAD"]) == 1
    annotations = _annotations(capsys.readouterr().out)
    assert [a.split(",")[0] for a in annotations] == ["::error file=data/actors/nouveau.yml",
                                                     "::warning file=data/actors/nouveau.yml"]
    assert re.search(r"title=Territoire inconnu « lile »::", annotations[0])

    broken.unlink()  # only the untouched stale records are left: they never fail the pull request
    assert main(["validate", "data", "--format", "github", "--base", "HEAD"]) == 0
    out = capsys.readouterr().out
    assert _annotations(out) == [] and "0 erreur, 12 avertissements" in out
    assert main(["validate", "data", "--format", "github", "--changed", "data/actors/ancien-03.yml"]) == 0
    assert [a.split(",")[0] for a in _annotations(capsys.readouterr().out)] == [
        "::warning file=data/actors/ancien-03.yml"]
    assert main(["validate", "data", "--format", "github", "--base", "nulle-part"]) == 2
    assert "révision inconnue « nulle-part »" in capsys.readouterr().err
