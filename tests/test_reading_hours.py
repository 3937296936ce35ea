"""The contract of opening hours and event places: broken files dropped into a copy of the test network get
French messages at the line and column of the mistake (the column inside the hours text), exit code 1."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import NETWORK

from generator.cli import main

BROKEN = Path(__file__).resolve().parent / "fixtures" / "broken"

# fixture, folder, "line:col", words of the message, words of the hint
CASES = [
    ("horaires-en-francais.yml", "actors", "12:21", "horaires non reconnus au caractère 7 (« 9h-12h »)",
     "Écrivez : « Mo-Fr 09:00-12:00; Sa 09:00-12:00 »."),
    ("horaires-service.yml", "actors", "12:35", "les jours s'écrivent par leur abréviation anglaise",
     "Écrivez : « Mo-Fr 09:00-17:00; Su off »."),
    ("evenement-lieu-numero.yml", "events", "5:14",
     "l'acteur « entre-pairs-lille » n'a pas de lieu numéro 3 (sa fiche en a 1)", "1 : Local d'Entre Pairs"),
    ("evenement-deux-lieux.yml", "events", "6:3", "l'événement a deux lieux : « lieu_acteur » et « adresse »",
     "Gardez « lieu_acteur »"),
    ("evenement-adresse-sans-commune.yml", "events", "5:3", "le champ obligatoire « commune » manque pour une adresse",
     "commune: …"),
]


@pytest.fixture
def data(tmp_path: Path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(NETWORK / "data", target)
    return target


@pytest.mark.parametrize(("name", "folder", "where", "message", "hint"), CASES, ids=[c[0] for c in CASES])
def test_a_located_french_error(data: Path, capsys: pytest.CaptureFixture[str], name: str, folder: str, where: str,
                                message: str, hint: str) -> None:
    shutil.copy(BROKEN / name, data / folder / name)
    assert main(["validate", str(data)]) == 1
    out = capsys.readouterr().out
    lines = out.splitlines()
    first = next(number for number, line in enumerate(lines) if f"{name}:" in line)
    assert f"{folder}/{name}:{where}: erreur: " in lines[first], out
    assert message in lines[first], out
    assert lines[first + 1].startswith("  → ") and hint in lines[first + 1], out
    assert "Traceback" not in out
    assert "1 erreur," in out


def test_the_column_follows_the_quotes_and_falls_back_on_escapes(data: Path,
                                                                 capsys: pytest.CaptureFixture[str]) -> None:
    actor = (BROKEN / "horaires-en-francais.yml").read_text(encoding="utf-8")
    for written, where in [("'Mo-Fr 9h-12h'", "12:22"), ('"Mo-Fr 9h-12h \\u0020"', "12:15")]:
        (data / "actors" / "horaires.yml").write_text(
            actor.replace("Mo-Fr 9h-12h; Sa 09:00-12:00", written), encoding="utf-8")
        assert main(["validate", str(data)]) == 1
        out = capsys.readouterr().out
        assert f"horaires.yml:{where}: erreur: horaires non reconnus au caractère 7" in out, out


def test_the_sample_network_hours_are_structured_and_notes_kept() -> None:
    """The migration kept what the syntax cannot say: a place with such words has `horaires_precisions`."""
    maubeuge = (NETWORK / "data" / "actors" / "centre-sante-sexuelle-maubeuge.yml").read_text(encoding="utf-8")
    assert 'horaires: "Mo-Fr 08:30-17:30"' in maubeuge
    assert 'horaires_precisions: "Le samedi matin, sur rendez-vous."' in maubeuge
    for path in (NETWORK / "data" / "actors").glob("*.yml"):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip().startswith("horaires:"):
                assert " h " not in line and "lundi" not in line.lower(), (path.name, line)
