"""Values are taken as they are written, or refused in French: no control character in a text, no line break in a
title, no boolean read as a number, no text read as a boolean, no number read as a date."""

from __future__ import annotations

import re
import typing
from pathlib import Path
from typing import Any

import pytest
from pydantic import AfterValidator, BaseModel
from pydantic.fields import FieldInfo
from small_network import ACTOR, EVENT, about, read, write_network

from generator.contract import kinds, model


@pytest.fixture
def data(tmp_path: Path) -> Path:
    return write_network(tmp_path / "data")


def _with(data: Path, folder: str, name: str, text: str) -> list[tuple[int, str, str]]:
    (data / folder / name).write_text(text, encoding="utf-8")
    return [(d.line, d.message, d.hint) for d in about(data, name)]


CONTROL_CASES = [
    # (YAML written, line, message)
    ('nom: "Association\\0 du test"', 1, "caractère de contrôle U+0000 (caractère nul) après « Association »"),
    ('nom: "Association\\x0b du test"', 1,
     "caractère de contrôle U+000B (tabulation verticale) après « Association »"),
    ('nom: "\\e[32mAssociation"', 1, "caractère de contrôle U+001B (échappement) au début du texte"),
    ('nom: "Asso\\x7fciation"', 1, "caractère de contrôle U+007F (suppression) après « Asso »"),
    ('nom: "Asso\\x9bciation"', 1, "caractère de contrôle U+009B après « Asso »"),
    ('nom: "Asso\\tciation"', 1, "caractère de contrôle U+0009 (tabulation) après « Asso »"),
    ('nom: "Association\\rdu test"', 1, "retour à la ligne dans un texte d'une seule ligne après « Association »"),
    ('nom: "Association\\Ldu test"', 1, "retour à la ligne dans un texte d'une seule ligne après « Association »"),
    ('nom: "Association\\ndu test"', 1, "retour à la ligne dans un texte d'une seule ligne après « Association »"),
    ('description: "Une association qui accueille les jeunes à Lille.\\x0bEt les autres."', 3,
     "caractère de contrôle U+000B (tabulation verticale) après « …accueille les jeunes à Lille. »"),
    ('description: "Une association qui accueille les jeunes à Lille.\\n\\x1bEt les autres."', 3,
     "caractère de contrôle U+001B (échappement) au début d'une ligne"),
    ('description: "Une association qui accueille les jeunes à Lille.\\rEt les autres."', 3,
     "caractère de contrôle U+000D (retour chariot) après « …accueille les jeunes à Lille. »"),
    ('description: "Une association qui accueille les jeunes à Lille.\\PEt les autres."', 3,
     "caractère de contrôle U+2029 (séparateur de paragraphe) après « …accueille les jeunes à Lille. »"),
]


@pytest.mark.parametrize(("written", "line", "message"), CONTROL_CASES, ids=[c[2][:40] for c in CONTROL_CASES])
def test_control_characters_are_named(data: Path, written: str, line: int, message: str) -> None:
    key = written.split(":", 1)[0]
    lines = [written if text.startswith(f"{key}:") else text for text in ACTOR.splitlines()]
    found = _with(data, "actors", "association-test.yml", "\n".join(lines) + "\n")
    assert [(at, text) for at, text, _ in found] == [(line, message)]


def test_markdown_keeps_its_line_breaks_and_tabs_but_no_other_control(data: Path) -> None:
    text = ACTOR.replace("description: Une association",
                         'description: "Une association\\n\\tsur deux lignes\\x0c,')
    text = text.replace("santé sexuelle.\n", 'santé sexuelle."\n')
    assert [message for _, message, _ in _with(data, "actors", "association-test.yml", text)] == [
        "caractère de contrôle U+000C (saut de page) après « sur deux lignes »"
    ]


def test_an_event_title_with_a_line_break_is_refused(data: Path) -> None:
    """It passed validation and made the calendar export fail."""
    text = EVENT.replace("titre: Rencontre du test", "titre: |\n  Rencontre\n  du test")
    ((line, message, hint),) = _with(data, "events", "rencontre-test.yml", text)
    assert (line, message) == (1, "retour à la ligne dans un texte d'une seule ligne après « Rencontre »")
    assert "s'écrit sur une ligne" in hint


def test_a_taxonomy_label_with_a_control_character_is_refused(data: Path) -> None:
    text = '- id: jeunes\n  label: "Jeunes\\x07"\n'
    assert [message for _, message, _ in _with(data, "taxonomies", "publics.yml", text)] == [
        "caractère de contrôle U+0007 (sonnerie) après « Jeunes »"
    ]


def test_an_address_with_a_control_character_is_refused_without_printing_it(data: Path) -> None:
    text = ACTOR + 'site_web: "https://exemple.fr/\\e]8;;https://ailleurs.example/\\e\\\\"\n'
    ((_, message, _),) = _with(data, "actors", "association-test.yml", text)
    assert message == "caractère de contrôle U+001B (échappement) après « https://exemple.fr/ »"


STRICT_CASES = [
    # (key in the actor, YAML written, message, hint)
    ("    latitude: 50.63", "    latitude: true", "« latitude » attend un nombre, pas « true »", "pas true ou false"),
    ("    latitude: 50.63", '    latitude: "50.63"', "« latitude » attend un nombre, pas « 50.63 »", "sans guillemets"),
    ("  - fonction: Accueil", "  - fonction: Accueil\n    nom: Camille\n    consentement: yes",
     "« consentement » attend true ou false, pas « yes »", "Écrivez true (oui) ou false (non)"),
    ("  - fonction: Accueil", "  - fonction: Accueil\n    nom: Camille\n    consentement: 1",
     "« consentement » attend true ou false, pas « 1 »", "Écrivez true (oui) ou false (non)"),
    ("  - fonction: Accueil", "  - fonction: Accueil\n    nom: Camille\n    consentement: !!bool yes",
     "« consentement » attend true ou false, pas « yes »", "Écrivez true (oui) ou false (non)"),
    ("date_maj: 2026-10-01", "date_maj: 0", "date invalide « 0 » pour « date_maj »", "AAAA-MM-JJ"),
    ("date_maj: 2026-10-01", "date_maj: !!timestamp demain", "date invalide « demain » pour « date_maj »",
     "AAAA-MM-JJ"),
    ("date_maj: 2026-10-01", "date_maj: true", "date invalide « true » pour « date_maj »", "AAAA-MM-JJ"),
]


@pytest.mark.parametrize(("key", "written", "message", "hint"), STRICT_CASES, ids=[c[1].strip() for c in STRICT_CASES])
def test_values_are_not_converted_between_types(data: Path, key: str, written: str, message: str, hint: str) -> None:
    found = _with(data, "actors", "association-test.yml", ACTOR.replace(key, written))
    assert [text for _, text, _ in found] == [message]
    assert hint in found[0][2]


def test_a_service_condition_is_true_or_false(data: Path) -> None:
    text = ACTOR + "services:\n  - nom: Dépistage\n    gratuit: on\n"
    assert [message for _, message, _ in _with(data, "actors", "association-test.yml", text)] == [
        "« gratuit » attend true ou false, pas « on »"
    ]


def test_integers_and_true_still_read_but_not_quoted_numbers(data: Path) -> None:
    # an integer longitude (3, some 4 km from Lille: still in its commune, generator.geography)
    text = ACTOR.replace("    longitude: 3.06", "    longitude: 3")
    text = text.replace("    latitude: 50.63", '    latitude: "50.63"')
    text = text.replace("  - fonction: Accueil", "  - fonction: Accueil\n    nom: Camille\n    consentement: true")
    assert [message for _, message, _ in _with(data, "actors", "association-test.yml", text)] == [
        "« latitude » attend un nombre, pas « 50.63 »"
    ]
    text = text.replace('latitude: "50.63"', "latitude: 50.63")
    assert _with(data, "actors", "association-test.yml", text) == []
    (actor,) = read(data).catalog.of(kinds.ACTOR)
    assert isinstance(actor, model.Actor) and actor.lieux[0].longitude == 3.0 and actor.contacts[0].consentement


# --- the rule is in the model, for every text field ----------------------------------------------------------


def _models() -> list[type[BaseModel]]:
    found: list[type[BaseModel]] = []
    pending: list[Any] = [kind.model for kind in kinds.KINDS] + [model.Term]
    while pending:
        current = pending.pop()
        if isinstance(current, type) and issubclass(current, BaseModel):
            if current not in found:
                found.append(current)
                pending += [info.annotation for info in current.model_fields.values()]
        else:
            pending += typing.get_args(current)
    return found


def _texts_without_check(annotation: Any, checks: tuple[Any, ...] = ()) -> int:
    """How many `str` in the type carry neither a pattern nor a check of control characters."""
    if typing.get_origin(annotation) is typing.Annotated:
        base, *metadata = typing.get_args(annotation)
        return _texts_without_check(base, checks + tuple(metadata))
    if annotation is str:
        checks += tuple(inner for m in checks if isinstance(m, FieldInfo) for inner in m.metadata)
        names = {getattr(m.func, "__name__", "") for m in checks if isinstance(m, AfterValidator)}
        patterns = [m.pattern for m in checks if getattr(m, "pattern", None)]
        refusing = [p for p in patterns if not re.search(p, "x\x0b")]  # a pattern that lets nothing through
        return 0 if refusing or names & {"_check_slug", "_check_term"} else 1
    return sum(_texts_without_check(arg, checks) for arg in typing.get_args(annotation))


def test_every_text_field_refuses_control_characters() -> None:
    unchecked = [
        f"{owner.__name__}.{name}"
        for owner in _models()
        for name, info in owner.model_fields.items()
        if _texts_without_check(typing.Annotated[info.annotation, *info.metadata] if info.metadata
                                else info.annotation)
    ]
    assert unchecked == []
