"""Conditions of access (on a service, and on the actor for all its services): checked in French where a
contributor wrote them, shown in words, a service's own value winning over its actor's."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest
from conftest import NETWORK

from generator.contract.model import Actor
from generator.reading.directory import Options, read_directory
from generator.site.practical import (
    EVERY_SERVICE,
    ConditionRow,
    actor_conditions,
    address_lines,
    call_number,
    directions_url,
    locality,
)

ACTOR = """\
nom: Association témoin
type: association
description: |
  Association témoin qui accueille les jeunes pour parler de santé sexuelle, sans rendez-vous et gratuitement.
thematiques:
  - sante-sexuelle
territoires:
  - lille
services:
  - nom: Accueil
{service}date_maj: 2026-10-01
"""


@pytest.fixture(scope="module")
def data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("conditions") / "data"
    shutil.copytree(NETWORK / "data", target)
    return target


def problems(data: Path, service: str) -> list[tuple[int, str, str]]:
    path = data / "actors" / "association-temoin.yml"
    path.write_text(ACTOR.format(service=service), encoding="utf-8")
    try:
        reading = read_directory(data, Options(today=date(2026, 11, 23)))
    finally:
        path.unlink()
    return [(d.line, d.message, d.hint) for d in reading.diagnostics if d.path.name == path.name and d.is_error]


@pytest.mark.parametrize(
    ("service", "line", "message", "hint"),
    [
        ("    age_minimum: 18\n    age_maximum: 12\n", 12, "l'âge maximum (12 ans) est inférieur à l'âge minimum",
         "« age_minimum » et « age_maximum »"),
        ('    age_minimum: "16"\n', 11, "« age_minimum » attend un nombre entier, pas « 16 »", "en années"),
        ("    age_maximum: 150\n", 11, "valeur hors limites « 150 » pour « age_maximum »", "en années"),
        ("    langues: [francais]\n", 11, "format invalide « francais » pour « langues »", "fr, nl, en"),
        ("    mineurs_sans_accord_parental: oui\n", 11, "« mineurs_sans_accord_parental » attend true ou false",
         "true (oui) ou false (non)"),
        ("    mineur_sans_accord_parental: true\n", 11, "la clé « mineur_sans_accord_parental » n'existe pas",
         "« mineurs_sans_accord_parental »"),
        ("    documents: Aucun\n", 11, "la clé « documents » n'existe pas", "documents_a_fournir"),
    ],
)
def test_a_wrong_condition_gets_a_located_french_error(
    data: Path, service: str, line: int, message: str, hint: str
) -> None:
    found = problems(data, service)
    assert found, f"no error for {service!r}"
    first_line, first_message, first_hint = found[0]
    assert message in first_message and hint in first_hint
    assert first_line == line


def test_valid_conditions_pass(data: Path) -> None:
    assert problems(data, "    age_minimum: 12\n    age_maximum: 25\n    langues: [fr, nl, prs]\n"
                          "    mineurs_sans_accord_parental: true\n    documents_a_fournir: Aucun\n") == []


def actor(**fields: object) -> Actor:
    return Actor.model_validate({
        "id": "temoin", "nom": "Témoin", "type": "association", "description": "Une association témoin.",
        "thematiques": ["sante-sexuelle"], "territoires": ["lille"], "date_maj": date(2026, 10, 1), **fields,
    })


def test_what_every_service_shares_is_said_once_then_what_each_adds() -> None:
    record = actor(
        conditions={"langues": ["fr", "nl"], "gratuit": True},
        services=[
            {"nom": "Dépistage", "anonyme": True, "sur_rendez_vous": False},
            {"nom": "PrEP", "gratuit": False, "sur_rendez_vous": True, "age_minimum": 15},
        ],
    )
    assert actor_conditions(record) == [
        ConditionRow(EVERY_SERVICE, ("Langues parlées : français et néerlandais",)),
        ConditionRow("Dépistage", ("Gratuit", "Sans rendez-vous", "Anonyme possible")),
        ConditionRow("PrEP", ("Payant", "Sur rendez-vous", "Dès 15 ans")),  # its own price wins
    ]


def test_an_actor_without_services_shows_its_own_conditions() -> None:
    record = actor(conditions={"age_minimum": 11, "age_maximum": 21, "mineurs_sans_accord_parental": True,
                               "documents_a_fournir": "Aucun"})
    assert actor_conditions(record) == [
        ConditionRow(None, ("De 11 à 21 ans", "Mineurs reçus sans accord parental", "À apporter : Aucun")),
    ]
    assert actor_conditions(actor()) == []


def test_call_itinerary_and_where_an_organisation_is() -> None:
    record = actor(
        contacts=[{"fonction": "Accueil", "telephone": "03 20 00 00 00"}],
        lieux=[{"adresse": "Rue de la Paix 3", "code_postal": "7000", "commune": "Mons", "pays": "BE"},
               {"commune": "Tournai", "pays": "BE", "latitude": 50.6, "longitude": 3.39},
               {"commune": "Lille", "pays": "FR"}],
    )
    assert call_number(record) == "+33 3 20 00 00 00"  # no number of its own: its first contact's
    first, second, third = record.lieux
    assert address_lines(first) == ["Rue de la Paix 3", "7000 Mons", "Belgique"]
    assert directions_url(first) == "https://www.openstreetmap.org/directions?to=Rue%20de%20la%20Paix%203%2C%207000%20Mons%2C%20Belgique"
    assert directions_url(second) == "https://www.openstreetmap.org/directions?route=%3B50.6%2C3.39"
    assert directions_url(third) is None  # a commune alone is no destination
    assert locality(record) == "Mons, Tournai… (Belgique et France)"
    assert locality(actor(lieux=[{"commune": "Lille"}])) == "Lille (France)"
    assert locality(actor()) == ""
