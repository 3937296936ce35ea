"""The benchmark data generator writes valid, realistic and reproducible data directories."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # `bench` lives beside `generator`, outside the installed package
    sys.path.insert(0, str(ROOT))

from bench.generate import counts, generate, to_yaml  # noqa: E402
from generator import clock  # noqa: E402
from generator.cli import main  # noqa: E402
from generator.contract.kinds import ACTOR, EVENT, PRACTICE, RESOURCE  # noqa: E402
from generator.reading.directory import Options, read_directory  # noqa: E402
from generator.reading.load import parse  # noqa: E402

TODAY = clock.today()  # the day the validator sees


def _files(folder: Path) -> dict[str, bytes]:
    return {str(path.relative_to(folder)): path.read_bytes() for path in sorted(folder.rglob("*")) if path.is_file()}


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("bench") / "data"
    generate(folder, 300, seed=7, today=TODAY)
    return folder


def test_counts_follow_the_sample_proportions() -> None:
    assert counts(300) == {"actor": 135, "resource": 105, "practice": 30, "event": 30}
    assert counts(10000) == {"actor": 4500, "resource": 3500, "practice": 1000, "event": 1000}
    assert sum(counts(7).values()) == 7
    assert counts(1)["actor"] == 1  # practices and events need an actor to point to


@pytest.mark.slow
def test_300_records_validate_without_any_diagnostic(generated: Path) -> None:
    reading = read_directory(generated, Options(today=TODAY))
    assert [str(d) for d in reading.diagnostics] == []
    catalog = reading.catalog
    assert {kind.name: len(catalog.of(kind)) for kind in (ACTOR, RESOURCE, PRACTICE, EVENT)} == {
        "actor": 135,
        "resource": 105,
        "practice": 30,
        "event": 30,
    }
    assert reading.files == 300 + len(list((generated / "taxonomies").glob("*.yml")))


def test_the_command_accepts_the_directory(generated: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(generated)]) == 0
    assert "0 erreur, 0 avertissement dans 307 fiches." in capsys.readouterr().out


def test_records_are_linked_like_a_real_network(generated: Path) -> None:
    catalog = read_directory(generated, Options(today=TODAY)).catalog
    members = {actor.id: len(catalog.named_by(ACTOR, actor.id, ACTOR, "reseaux")) for actor in catalog.of(ACTOR)}
    assert max(members.values()) >= 15  # a few networks gather many members
    assert sum(bool(r.auteurs) for r in catalog.of(RESOURCE)) > 50
    assert all(p.porteur for p in catalog.of(PRACTICE))
    assert any(len(p.ressources) >= 2 for p in catalog.of(PRACTICE))
    assert all(e.organisateurs for e in catalog.of(EVENT))
    actors = catalog.of(ACTOR)
    assert sum(bool(a.lieux) for a in actors) > 100
    for actor in actors:
        for lieu in actor.lieux:
            assert 49.9 < (lieu.latitude or 0) < 51.1 and 2.3 < (lieu.longitude or 0) < 4.6  # Nord and Hainaut
        assert not any(contact.nom for contact in actor.contacts)  # functions only, no person named
        assert actor.courriel is None or actor.courriel.endswith(".example.org")
    assert all(
        0 <= (TODAY - r.date_maj).days <= 300 for kind in (ACTOR, RESOURCE, PRACTICE, EVENT) for r in catalog.of(kind)
    )
    lengths = sorted(len(p.contexte) + len(p.actions) for p in catalog.of(PRACTICE))
    assert lengths[-1] > 3 * lengths[0]  # short and long practices
    assert any("\n\n" in p.contexte for p in catalog.of(PRACTICE))  # several paragraphs


def test_same_seed_same_bytes_other_seed_other_data(generated: Path, tmp_path: Path) -> None:
    generate(tmp_path / "again", 300, seed=7, today=TODAY)
    assert _files(tmp_path / "again") == _files(generated)
    generate(tmp_path / "other", 300, seed=8, today=TODAY)
    assert _files(tmp_path / "other") != _files(generated)


@pytest.mark.parametrize(
    "value",
    [
        "03 53 01 12 34",
        "59300",
        "true",
        "null",
        "2026-01-02",
        "Titre : sous-titre",
        "- tiret",
        "a #b",
        "« guillemets »",
    ],
)
def test_written_values_read_back_unchanged(value: str) -> None:
    written = {"texte": value, "liste": [value], "bloc": [{"texte": value, "liste": [value, "x"]}]}  # block and flow
    data, _, problems = parse(to_yaml(written, "acteur"))
    assert problems == []
    assert data == written
