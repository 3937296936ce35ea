"""Every check of the validator, driven by a small broken file dropped into a copy of the test network."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest
from conftest import NETWORK

from generator.reading.diagnostics import Diagnostic, Severity
from generator.reading.directory import Options, read_directory
from generator.reading.load import MAX_FILE_BYTES

ROOT = Path(__file__).resolve().parents[1]
BROKEN = ROOT / "tests" / "fixtures" / "broken"
TODAY = date(2026, 11, 23)


@pytest.fixture
def data(tmp_path: Path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(NETWORK / "data", target)
    return target


def diagnostics_for(data: Path, folder: str, name: str, content: bytes | None = None) -> list[Diagnostic]:
    """Drop a broken file into `folder` and return the diagnostics about that file."""
    path = data / folder / name
    path.write_bytes(content if content is not None else (BROKEN / name).read_bytes())
    reading = read_directory(data, Options(today=TODAY))
    others = [d for d in reading.diagnostics if d.path.name != name]
    assert not [d for d in others if d.is_error], "a broken file must not cause errors elsewhere"
    return [d for d in reading.diagnostics if d.path.name == name]


CASES = [
    # (fixture, folder, line, message, hint)
    ("cle-inconnue.yml", "actors", 10, "la clé « sigel » n'existe pas pour un acteur", "Vouliez-vous dire « sigle » ?"),
    (
        "cle-en-double.yml",
        "actors",
        10,
        "la clé « nom » apparaît deux fois dans le même bloc (déjà ligne 2)",
        "regroupez",
    ),
    (
        "id-different.yml",
        "actors",
        10,
        "l'identifiant « autre-chose » ne correspond pas au nom du fichier",
        "Retirez la ligne",
    ),
    (
        "Mauvais_Nom.yml",
        "actors",
        0,
        "le nom du fichier « Mauvais_Nom.yml » n'est pas un identifiant valide",
        "« mauvais-nom.yml »",
    ),
    (
        "thematique-inconnue.yml",
        "actors",
        7,
        "thématique inconnue « sante-sexuel »",
        "Vouliez-vous dire « sante-sexuelle » ?",
    ),
    (
        "partenaire-inconnu.yml",
        "actors",
        11,
        "acteur inconnu « entre-pair-lille »",
        "Vouliez-vous dire « entre-pairs-lille » ?",
    ),
    ("date-impossible.yml", "actors", 10, "date invalide « 2026-13-45 » pour « date_maj »", "AAAA-MM-JJ"),
    ("url-javascript.yml", "actors", 10, "adresse web refusée « javascript:alert(1) »", "https://"),
    ("courriel-invalide.yml", "actors", 10, "adresse électronique invalide « accueil@ »", "accueil@association.fr"),
    ("telephone-invalide.yml", "actors", 10, "numéro de téléphone invalide en France « 12 34 » (4 chiffres)",
     "03 53 01 12 34"),
    ("contact-sans-consentement.yml", "actors", 12, "nomme une personne sans son accord", "consentement: true"),
    ("fichier-vide.yml", "actors", 0, "le fichier est vide", "maillage new"),
    ("liste-au-lieu-de-bloc.yml", "actors", 1, "un acteur doit s'écrire comme un bloc de clés", "maillage new"),
    ("tabulation.yml", "actors", 12, "tabulation dans l'indentation", "espaces"),
    ("alias-bombe.yml", "actors", None, "fichier trop complexe", "alias"),
    (
        "nom-manquant.yml",
        "actors",
        2,
        "le champ obligatoire « nom » manque pour un acteur",
        "Ajoutez une ligne « nom: … »",
    ),
    ("liste-attendue.yml", "actors", 6, "« thematiques » attend une liste", "- valeur"),
    ("modalite-inconnue.yml", "actors", 12, "valeur « sur-placee » non reconnue pour « modalites »", "« sur-place »"),
    ("deux-points.yml", "actors", 12, "deux-points « : » à l'intérieur de la valeur de « horaires_precisions »",
     "guillemets"),
    ("virgule-decimale.yml", "actors", 12, "« latitude » attend un nombre, pas « 50,63 »", "point décimal"),
    (
        "ressource-fichier-absent.yml",
        "resources",
        6,
        "fichier introuvable « guide-absent.pdf »",
        "data/resources/files",
    ),
    (
        "evenement-fin-avant-debut.yml",
        "events",
        4,
        "la fin (2027-02-10 12:00:00) précède le début",
        "Vérifiez les deux dates",
    ),
    ("date-future.yml", "actors", 10, "date de vérification dans le futur (2062-10-01)", "AAAA-MM-JJ"),
    (
        "terme-en-double.yml",
        "taxonomies",
        3,
        "le terme « sante-sexuelle » est défini deux fois",
        "Gardez une seule entrée",
    ),
    (
        "parent-inconnu.yml",
        "taxonomies",
        5,
        "parent inconnu « sante-sexuel »",
        "Vouliez-vous dire « sante-sexuelle » ?",
    ),
]


@pytest.mark.parametrize(("name", "folder", "line", "message", "hint"), CASES, ids=[c[0] for c in CASES])
def test_each_check_reports_a_located_french_error(
    data: Path, name: str, folder: str, line: int | None, message: str, hint: str
) -> None:
    found = diagnostics_for(data, folder, name)
    errors = [d for d in found if d.is_error]
    assert errors, f"no error for {name}: {found}"
    first = errors[0]
    assert message in first.message
    assert hint in first.hint
    if line is not None:
        assert first.line == line


@pytest.mark.parametrize(
    ("name", "line", "message"),
    [
        ("fiche-ancienne.yml", 10, "fiche vérifiée il y a 34 mois (2024-01-15)"),
        ("description-courte.yml", 4, "« description » très courte"),
    ],
)
def test_warnings_do_not_block(data: Path, name: str, line: int, message: str) -> None:
    found = diagnostics_for(data, "actors", name)
    assert [(d.severity, d.line) for d in found] == [(Severity.WARNING, line)]
    assert message in found[0].message


def test_review_period_is_configurable(data: Path) -> None:
    shutil.copy(BROKEN / "fiche-ancienne.yml", data / "actors")
    assert read_directory(data, Options(today=TODAY, review_months=40)).warnings == []


def test_a_yaml_extension_is_reported_not_ignored(data: Path) -> None:
    found = diagnostics_for(data, "actors", "oubli.yaml", (BROKEN / "cle-inconnue.yml").read_bytes())
    assert [d.message for d in found] == ["extension « .yaml » non lue"]


def test_non_utf8_file(data: Path) -> None:
    content = "nom: Association\ndescription: Accueil des jeunes à Lille\n".encode("latin-1")
    (found,) = diagnostics_for(data, "actors", "latin.yml", content)
    assert (found.message, found.line) == ("le fichier n'est pas encodé en UTF-8", 2)


def test_file_size_cap(data: Path) -> None:
    content = b"nom: x\ndescription: |\n" + b"  texte\n" * (MAX_FILE_BYTES // 8 + 1)
    (found,) = diagnostics_for(data, "actors", "enorme.yml", content)
    assert "fichier trop volumineux" in found.message


def test_empty_key_counts_as_absent(data: Path) -> None:
    content = (BROKEN / "cle-inconnue.yml").read_bytes().replace(b"sigel: AT", b"publics:")
    assert diagnostics_for(data, "actors", "vide-ok.yml", content) == []


def test_an_invalid_record_is_still_known_to_references(data: Path) -> None:
    """One typo in an actor gives one diagnostic, not one per record naming that actor."""
    path = data / "actors" / "entre-pairs-lille.yml"
    path.write_text(path.read_text(encoding="utf-8") + "sigel: x\n", encoding="utf-8")
    errors = read_directory(data, Options(today=TODAY)).errors
    assert [(d.path.name, d.message) for d in errors] == [
        ("entre-pairs-lille.yml", "la clé « sigel » n'existe pas pour un acteur")
    ]


def test_missing_taxonomy(data: Path) -> None:
    (data / "taxonomies" / "publics.yml").unlink()
    messages = [d.message for d in read_directory(data, Options(today=TODAY)).errors]
    assert "la taxonomie « publics » manque" in messages
    assert any(m.startswith("public inconnu") for m in messages)


def test_diagnostics_are_sorted_by_file_and_line(data: Path) -> None:
    for name in ("cle-inconnue.yml", "url-javascript.yml", "partenaire-inconnu.yml", "tabulation.yml"):
        shutil.copy(BROKEN / name, data / "actors")
    found = read_directory(data, Options(today=TODAY)).diagnostics
    assert found == sorted(found, key=lambda d: (str(d.path), d.line, d.column))


def test_data_inclusion_codes_are_checked(data: Path) -> None:
    path = data / "taxonomies" / "thematiques.yml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("sante--addictions", "sante--addiction"), encoding="utf-8")
    (found,) = read_directory(data, Options(today=TODAY)).errors
    line = text.splitlines().index("  data_inclusion: sante--addictions") + 1
    assert (found.path.name, found.line) == ("thematiques.yml", line)
    assert found.message == "code data·inclusion inconnu « sante--addiction » pour le terme « addictions »"
    assert found.hint.startswith("Vouliez-vous dire « sante--addictions » ?")
