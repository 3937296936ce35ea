"""Opening hours: checking the OpenStreetMap syntax in French, reading it into weeks, French tables and notes,
schema.org and the browser's « Ouvert maintenant » (horaires.js in headless Chromium)."""

from __future__ import annotations

import functools
import html
import http.server
import random
import re
import shutil
import socketserver
import threading
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from conftest import ROOT
from pydantic import TypeAdapter, ValidationError

from generator.contract.hours import EXAMPLE, OpeningHoursText, Problem, check
from generator.contract.schedule import (
    SCHEMA_DAYS,
    _schedule,
    browser_data,
    browser_json,
    open_days,
    opening_hours_specification,
    schedule,
    weekly_rules,
)
from generator.site.hours import clock_fr, notes, open_days_fr, week_rows, weekdays_fr

REFERENCE = date(2026, 12, 1)  # a Tuesday: the reference week starts on Monday 30 November 2026

# --- checking --------------------------------------------------------------------------------------------

VALID = [
    "Mo-Fr 09:00-17:00",
    "Tu,Th 14:00-18:00; PH off",
    "Mo-Fr 09:00-12:00,13:30-17:00; Sa 09:00-12:00",
    "Mo-Fr 09:00-12:00,14:00-17:00; Sa 09:00-12:00; PH off",
    "24/7",
    'Mo-Fr 09:00-17:00 "sur rendez-vous"',
    "Mo,We,Fr 09:00-13:00; Tu 16:00-19:00",
    "We 14:00-19:00; Fr 18:00-22:00",
    "Mo-Th 08:30-12:00,13:30-17:00; Fr 08:30-12:00",
    "Mo-Fr 08:00-19:00; Sa 09:00-12:00; Su,PH off",
    "Fr 20:00-02:00",
    "Mo-Fr 09:00-17:00; Jul-Aug off; PH off",
    "Mo-Fr 09:00-17:00; Dec 24 09:00-12:00; Dec 25 off",
    "Sa[1,3] 09:00-12:00",
    'Mo-Fr 09:00-17:00 unknown "sur rendez-vous"',
    "Mo-Fr 09:00-17:00; PH 10:00-12:00",
    "Mo-Su 00:00-24:00; PH off",
    "Mo-Fr 09:00-17:00, Sa 09:00-12:00",
    'Sa off "fermé en août"; Mo 10:00-11:00',
    "Mo-Fr 09:00 - 17:00",
    "week 1-53/2 Mo 10:00-12:00",
]

# text, column of the mistake (1-based, None when the parser gives none), words of the message, hint
# ("= text": the exact correction to type; otherwise words the hint holds).
INVALID: list[tuple[str, int | None, str, str]] = [
    ("lundi-vendredi 9h-12h", 1, "abréviation anglaise : Mo (lundi)", "= Mo-Fr 09:00-12:00"),
    ("Lu-Ve 09:00-12:00", 1, "abréviation anglaise", "= Mo-Fr 09:00-12:00"),
    ("Mo-Fr 9h-12h", 7, "deux-points", "= Mo-Fr 09:00-12:00"),
    ("Mo-Fr 9h30-12h", 7, "pas « 9h »", "= Mo-Fr 09:30-12:00"),
    ("Mo-Fr 9:00-12:00", 7, "deux chiffres : 09:00, pas 9:00", "= Mo-Fr 09:00-12:00"),
    ("Mo-Fr 09:00–12:00", 12, "tiret court", "= Mo-Fr 09:00-12:00"),
    ("Sa-Su fermé", 7, "« fermé » s'écrit « off »", "= Sa-Su off"),
    ("Mo-Fr 09:00-17:00; dimanche fermé", 20, "abréviation anglaise", "= Mo-Fr 09:00-17:00; Su off"),
    ("Mo-Fr 09:00-17:00; jours fériés fermé", 20, "« PH »", "= Mo-Fr 09:00-17:00; PH off"),
    ("Mo-Fr 09:00-17:00 sauf jours fériés", 19, "« ; PH off »", "= Mo-Fr 09:00-17:00; PH off"),
    ("Mo-Fr 09:00-12:00 14:00-17:00", 19, "virgule", "= Mo-Fr 09:00-12:00,14:00-17:00"),
    ("Mo-Fr 09:00-12:00; 14:00-17:00", 18, "vaut pour tous les jours", "= Mo-Fr 09:00-12:00,14:00-17:00"),
    ("Mo - Fr 09:00-17:00", 4, "pas d'espace autour du tiret", "= Mo-Fr 09:00-17:00"),
    ("Mo, Tu 10:00-12:00", 3, "lundi toute la journée", "= Mo,Tu 10:00-12:00"),
    ('Sa "fermé"', 4, "un commentaire ne ferme pas", "= Sa off"),
    ('"sur rendez-vous"', 1, "un commentaire seul", "horaires_precisions"),
    ('Mo-Fr 09:00-17:00 || "sur rendez-vous"', 22, "un commentaire seul", "horaires_precisions"),
    ("24h/24 7j/7", 1, "« 24/7 »", "= 24/7"),
    ("Mo-Fr 09:00-17:00;", 19, "à la fin", "= Mo-Fr 09:00-17:00"),
    ("mo-fr 09:00-17:00", 1, "majuscule puis une minuscule", "= Mo-Fr 09:00-17:00"),
    ("Mo-Fr 09:00-17:00 OFF", 19, "minuscules", "= Mo-Fr 09:00-17:00 off"),
    ("Mo-Fr 09:00-17:00\nSa 09:00-12:00", 18, "point-virgule", "= Mo-Fr 09:00-17:00; Sa 09:00-12:00"),
    ("Mo-Fr: 09:00-17:00", 6, "deux-points après les jours", "= Mo-Fr 09:00-17:00"),
    ("Mo-Fr 09:00-17:00 sur rendez-vous", 19, "guillemets droits", '= Mo-Fr 09:00-17:00 "sur rendez-vous"'),
    ("Mo-Fr 09:00-17:00 (sur rendez-vous)", 19, "pas entre parenthèses", '= Mo-Fr 09:00-17:00 "sur rendez-vous"'),
    ("Mo-Fr 09:00-17:00 « sur rendez-vous »", 19, "guillemets droits", '= Mo-Fr 09:00-17:00 "sur rendez-vous"'),
    ("Mo-Fr 09.00-17.00", 7, "deux-points : 09:30", "= Mo-Fr 09:00-17:00"),
    ("Du lundi au vendredi, de 9 h à 12 h et de 14 h à 17 h", 1, "abréviation anglaise",
     "= Mo-Fr 09:00-12:00,14:00-17:00"),
    ("Lundi, mardi et jeudi de 9 h à 12 h 30 ; mercredi de 14 h à 18 h", 1, "abréviation anglaise",
     "= Mo,Tu,Th 09:00-12:30; We 14:00-18:00"),
    ("Mardi et jeudi de 17 h à 21 h ; samedi de 14 h à 18 h", 1, "abréviation anglaise",
     "= Tu,Th 17:00-21:00; Sa 14:00-18:00"),
    ("Mercredi de 13 h à 18 h et vendredi de 9 h à 12 h", 1, "abréviation anglaise",
     "= We 13:00-18:00; Fr 09:00-12:00"),
    ("Mercredi de 13 h à 18 h sur rendez-vous", 1, "abréviation anglaise", '= We 13:00-18:00 "sur rendez-vous"'),
    ("Lundi et jeudi de 9 h à 16 h ; mercredi de 13 h à 17 h (groupe de femmes)", 1, "abréviation anglaise",
     '= Mo,Th 09:00-16:00; We 13:00-17:00 "groupe de femmes"'),
    ("Mardi de 13 h 30 à 17 h, avec ou sans rendez-vous", 1, "abréviation anglaise",
     '= Tu 13:30-17:00 "avec ou sans rendez-vous"'),
    ("Du lundi au vendredi de 8 h à 19 h ; garde téléphonique le samedi matin", 1, "abréviation anglaise",
     "Mo-Fr 09:00-12:00,14:00-17:00"),
    ("Accueil : lundi", 1, "(« Accueil ») : mot non reconnu", "syntaxe d'OpenStreetMap"),
    ("Mo-Fr 09:00-17:00; Sa 09:00", 28, "début et sa fin", "syntaxe d'OpenStreetMap"),
    ("Mo-Fr 09:0-12:00", 10, "minutes s'écrivent sur deux chiffres", "syntaxe d'OpenStreetMap"),
    ("Mo-Fr 24:00-25:00", 7, "heure ou date mal écrite", "syntaxe d'OpenStreetMap"),
    ("2026-2020 Mo 10:00-11:00", None, "les années sont à l'envers", "« 2020-2026 »"),
    ("week 10-05 Mo 10:00-11:00", None, "semaine sont à l'envers", "« 5-10 »"),
    ("week 01-53/300 Mo", None, "le nombre 300 est trop grand", "entre 0 et 255"),
    ("Mo 09:00-48:30", None, "heure impossible « 48:30 »", "48:00 le lendemain"),
    ("Sa[6] 09:00-12:00", 4, "rang du jour dans le mois", "syntaxe d'OpenStreetMap"),
    ("Mo-Su sunrise-sunset", 7, "lever et du coucher du soleil", "Indiquez des heures"),
    ("jan 10:00-12:00", 1, "« jan » s'écrit « Jan »", "= Jan 10:00-12:00"),
    ("", None, "les horaires sont vides", EXAMPLE),
    ("   ", None, "les horaires sont vides", EXAMPLE),
    ("Mo-Fr 09:00-17:00 " + "x" * 500, None, "trop longs", "horaires_precisions"),
]

# The parser's own words (its messages and grammar): none may reach a contributor.
ENGLISH = re.compile(
    r"\b(?:expected|unexpected|EOI|rule|rules|literal|should|capitali[sz]ed|lowercase|failed|parse|parsing|"
    r"ambiguous|inverted|large|between|unsupported|feature|invalid|extended|timespan|selector|separator|got|"
    r"mean|error|expression|wday|holiday|comment|monthday|week_selector|point in time)\b",
    re.IGNORECASE,
)


def test_valid_hours_pass() -> None:
    for text in VALID:
        assert check(text) is None, text


@pytest.mark.parametrize(("text", "column", "words", "hint"), INVALID, ids=[repr(c[0])[:40] for c in INVALID])
def test_mistakes_get_a_french_message_at_their_column(text: str, column: int | None, words: str, hint: str) -> None:
    problem = check(text)
    assert isinstance(problem, Problem), text
    assert words in problem.message
    assert problem.column == column
    if column is not None:
        assert f"caractère {column}" in problem.message
    if hint.startswith("= "):
        assert problem.hint == f"Écrivez : « {hint[2:]} ».", problem.hint
    else:
        assert hint in problem.hint
        assert not problem.hint.startswith("Écrivez : «"), "no exact correction where none is certain"


def test_the_corpus_is_large_enough() -> None:
    assert len(VALID) + len(INVALID) >= 30
    assert len(INVALID) >= 30


def test_no_english_from_the_parser_reaches_a_message() -> None:
    for text, *_ in INVALID:
        problem = check(text)
        assert problem is not None
        for said in (problem.message, problem.hint):
            quoted = re.sub(r"«[^»]*»|\"[^\"]*\"", "", said)  # the contributor's own text and syntax examples
            assert not ENGLISH.search(quoted), (text, said)


def test_every_exact_correction_is_itself_valid() -> None:
    corrections = 0
    for text, *_ in INVALID:
        problem = check(text)
        assert problem is not None
        exact = re.fullmatch(r"Écrivez : « (.*) »\.", problem.hint)
        if exact:
            corrections += 1
            assert check(exact[1]) is None, (text, exact[1])
            assert exact[1] != text
    assert corrections >= 25


def test_any_input_gets_an_answer_never_an_exception() -> None:
    pieces = ["Mo", "Fr", "Sa", "PH", "lundi", "9h", "09:00", "-", "–", ",", ";", " ", "\n", '"', "«", "»", "(", ")",
              "off", "fermé", "24/7", "[1]", "week", "2026", "Jan", "25:00", "h", ":", "/", "+", "||", "é", "{value}"]
    generator = random.Random(15)
    for _ in range(600):
        text = "".join(generator.choice(pieces) for _ in range(generator.randint(1, 12)))
        problem = check(text)
        if problem is not None:
            quoted = re.sub(r"«[^»]*»|\"[^\"]*\"", "", problem.message + " " + problem.hint)
            assert not ENGLISH.search(quoted), (text, problem)
            assert problem.column is None or 1 <= problem.column <= len(text) + 1


def test_the_column_points_at_the_mistake() -> None:
    for text, expected in [("Mo-Fr 9h-12h", "9h"), ("Mo-Fr 09:00-17:00 fermé", "fermé"),
                           ("Mo-Fr 09:00-12:00; 14:00-17:00", "; 14"), ("Mardi 09:00-12:00", "Mardi")]:
        problem = check(text)
        assert problem is not None and problem.column is not None
        assert text[problem.column - 1:].startswith(expected), (text, problem)


def test_the_contract_type_refuses_with_message_hint_and_column() -> None:
    adapter = TypeAdapter(OpeningHoursText)
    assert adapter.validate_python("Mo-Fr 09:00-17:00; PH off") == "Mo-Fr 09:00-17:00; PH off"
    with pytest.raises(ValidationError) as refusal:
        adapter.validate_python("Mo-Fr 9h-12h")
    details = refusal.value.errors()[0]
    assert details["type"] == "horaires"
    assert details["msg"] == check("Mo-Fr 9h-12h").message  # type: ignore[union-attr]
    assert details["ctx"]["hint"] == "Écrivez : « Mo-Fr 09:00-12:00 »."
    assert details["ctx"]["column"] == 7
    # Braces the contributor typed stay as they are (pydantic fills {names} in messages).
    with pytest.raises(ValidationError) as braces:
        adapter.validate_python('Mo-Fr 09:00-17:00 "x" {value}')
    assert "{value}" in braces.value.errors()[0]["msg"]


# --- reading into weeks ----------------------------------------------------------------------------------


def _week(text: str, country: str | None = "FR") -> list[list[tuple[int, int]]]:
    return [[(i.start, i.end) for i in day] for day in schedule(text, country, REFERENCE).week]


def _deviations(text: str, country: str | None = "FR") -> list[tuple[str, str, list[tuple[int, int]], bool]]:
    return [(d.first.isoformat(), d.last.isoformat(), [(i.start, i.end) for i in d.hours], d.holiday)
            for d in schedule(text, country, REFERENCE).deviations]


MORNING, AFTERNOON = (540, 720), (840, 1020)


def test_the_usual_week_and_french_public_holidays() -> None:
    assert _week(EXAMPLE) == [[MORNING, AFTERNOON]] * 5 + [[MORNING], []]
    assert _deviations(EXAMPLE) == [
        (day, day, [], True) for day in ("2026-12-25", "2027-01-01", "2027-03-29", "2027-05-01", "2027-05-06",
                                        "2027-05-08", "2027-05-17", "2027-07-14", "2027-11-01", "2027-11-11")
    ]  # 15 August 2027 is a Sunday, already closed


def test_public_holidays_follow_the_country_of_the_place() -> None:
    belgian = {first for first, *_ in _deviations("Mo-Su 09:00-17:00; PH off", "BE")}
    french = {first for first, *_ in _deviations("Mo-Su 09:00-17:00; PH off", "FR")}
    assert "2027-07-21" in belgian and "2027-07-21" not in french  # fête nationale belge
    assert "2027-07-14" in french and "2027-07-14" not in belgian
    assert _deviations("Mo-Su 09:00-17:00; PH off", None) == []


def test_hours_without_holidays_have_no_deviation() -> None:
    assert _deviations("Mo-Fr 09:00-17:00") == []
    assert _deviations("Tu,Th 14:00-18:00; PH off") == [("2027-05-06", "2027-05-06", [], True),
                                                        ("2027-11-11", "2027-11-11", [], True)]


def test_a_night_stays_with_the_evening_it_starts() -> None:
    assert _week("Fr 20:00-02:00") == [[], [], [], [], [(1200, 1560)], [], []]
    assert _week("Mo-Su 00:00-24:00") == [[(0, 1440)]] * 7
    assert _week("Mo-Fr 09:00-24:00; Sa 00:00-02:00")[4] == [(540, 1560)]


def test_dated_closures_and_days() -> None:
    closures = _deviations("Mo-Fr 09:00-17:00; Jul-Aug off")
    assert closures[0] == ("2027-07-01", "2027-07-02", [], False)
    assert closures[-1] == ("2027-08-30", "2027-08-31", [], False)
    assert _deviations("Mo-Fr 09:00-17:00; Dec 24 09:00-12:00; Dec 25 off") == [
        ("2026-12-24", "2026-12-24", [MORNING], False),
        ("2026-12-25", "2026-12-25", [], False),  # closed by its date, not for being a holiday
    ]


def test_the_quick_path_gives_what_the_full_evaluation_gives() -> None:
    """Hours that are the same every week are evaluated on the reference week and around public holidays only;
    evaluating every day of the year must give the same schedule."""
    for text in VALID:
        for country in ("FR", "BE", None):
            assert _schedule(text, country, REFERENCE) == _schedule(text, country, REFERENCE, quick=False), text


def test_hours_that_change_every_other_week_are_not_regular() -> None:
    alternate = schedule("Mo-Su 08:00-20:00; week 1-53/2 Su off; week 2-52/2 Sa off", "FR", REFERENCE)
    assert not alternate.regular
    assert browser_data(alternate) == {"regulier": False}
    assert opening_hours_specification(alternate) == []
    assert week_rows(alternate)[6].hours == "Fermé"  # the reference week as it is (week 49: Sundays off)


def test_holidays_of_an_unknown_country_make_the_browser_silent() -> None:
    unknown = schedule("Mo-Fr 09:00-17:00; PH off", "XX", REFERENCE)
    assert unknown.unknown_holidays and unknown.regular
    assert browser_data(unknown) == {"regulier": False}
    assert "Les horaires des jours fériés sont particuliers." in notes(unknown)
    assert not schedule("Mo-Fr 09:00-17:00", "XX", REFERENCE).unknown_holidays


def test_open_days_for_the_filter() -> None:
    assert open_days(schedule(EXAMPLE, "FR", REFERENCE)) == (0, 1, 2, 3, 4, 5)
    assert open_days_fr(schedule("Tu,Th 14:00-18:00; PH off", "FR", REFERENCE)) == ["mardi", "jeudi"]
    assert open_days_fr(schedule("Sa[1,3] 09:00-12:00", "FR", REFERENCE)) == ["samedi"]  # some Saturdays
    assert open_days_fr(schedule('Mo unknown "sur rendez-vous"', "FR", REFERENCE)) == ["lundi"]
    # Opening on public holidays that fall on a Sunday does not make the place open on Sundays.
    assert open_days(schedule("Mo-Fr 09:00-17:00; PH 10:00-12:00", "FR", REFERENCE)) == (0, 1, 2, 3, 4)
    assert open_days(schedule("Fr 20:00-02:00", "FR", REFERENCE)) == (4,)


def test_the_reference_day_is_the_network_today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MAILLAGE_AUJOURDHUI", "2027-03-10")
    assert schedule(EXAMPLE).first == date(2027, 3, 8)
    assert schedule(EXAMPLE).reference == date(2027, 3, 10)


@pytest.mark.parametrize(("instant", "day"), [
    ("2026-12-02T23:30:00+00:00", date(2026, 12, 3)),  # already tomorrow in Paris, still today in London
    ("2026-07-14T22:15:00+00:00", date(2026, 7, 15)),  # summer time: two hours ahead
    ("2026-12-03T10:00:00+14:00", date(2026, 12, 2)),  # a machine far ahead (Kiritimati) is not followed
])
def test_today_is_the_day_in_paris_whatever_the_machine_s_zone(
    monkeypatch: pytest.MonkeyPatch, instant: str, day: date
) -> None:
    from generator import clock

    moment = datetime.fromisoformat(instant)

    class Frozen(datetime):
        @classmethod
        def now(cls, tz: Any = None) -> Any:  # a machine whose local time is the instant's own offset
            return moment.astimezone(tz) if tz is not None else moment.replace(tzinfo=None)

    monkeypatch.delenv(clock.TODAY_VARIABLE, raising=False)
    monkeypatch.setattr(clock, "datetime", Frozen)
    assert clock.today() == day


# --- schema.org, the browser's data ------------------------------------------------------------------------

DAY_URL = "https://schema.org/{}".format


def test_weekly_rules_and_opening_hours_specification() -> None:
    example = schedule(EXAMPLE, "FR", REFERENCE)
    assert [(r.days, r.opens, r.closes) for r in weekly_rules(example)] == [
        ((0, 1, 2, 3, 4, 5), 540, 720), ((0, 1, 2, 3, 4), 840, 1020)]
    specification = opening_hours_specification(example)
    weekdays = [DAY_URL(d) for d in ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday")]
    assert specification[:3] == [
        {"@type": "OpeningHoursSpecification", "dayOfWeek": [*weekdays, DAY_URL("Saturday")],
         "opens": "09:00", "closes": "12:00"},
        {"@type": "OpeningHoursSpecification", "dayOfWeek": weekdays, "opens": "14:00", "closes": "17:00"},
        {"@type": "OpeningHoursSpecification", "opens": "00:00", "closes": "00:00",
         "validFrom": "2026-12-25", "validThrough": "2026-12-25"},
    ]
    assert len(specification) == 2 + 10
    always = opening_hours_specification(schedule("24/7", "FR", REFERENCE))
    assert always == [{"@type": "OpeningHoursSpecification", "dayOfWeek": [DAY_URL(d) for d in SCHEMA_DAYS],
                       "opens": "00:00", "closes": "23:59"}]
    night = opening_hours_specification(schedule("Fr 20:00-02:00", None, REFERENCE))
    assert night == [{"@type": "OpeningHoursSpecification", "dayOfWeek": [DAY_URL("Friday")],
                      "opens": "20:00", "closes": "02:00"}]
    special = opening_hours_specification(schedule("Mo-Fr 09:00-17:00; Dec 24 09:00-12:00", None, REFERENCE))
    assert special[-1] == {"@type": "OpeningHoursSpecification", "opens": "09:00", "closes": "12:00",
                           "validFrom": "2026-12-24", "validThrough": "2026-12-24"}


def test_browser_data_holds_minutes_and_dates_never_contributor_text() -> None:
    data = browser_data(schedule('Tu 09:00-12:00 "<b>rdv</b>"; We 14:00-17:00 unknown; PH off', "FR", REFERENCE))
    assert data == {
        "regulier": True, "du": "2026-11-30", "au": "2027-12-05",
        "semaine": [[], [[540, 720]], [[840, 1020, "?"]], [], [], [], []],
        "exceptions": [["2027-07-14", "2027-07-14", []]],
    }
    assert "<b>" not in browser_json(schedule('Tu 09:00-12:00 "<b>rdv</b>"', "FR", REFERENCE))


# --- French ------------------------------------------------------------------------------------------------


def _plain(text: str) -> str:
    return text.replace("\u00a0", " ")


def _rows(text: str, country: str | None = "FR") -> list[str]:
    return [f"{row.name} : {_plain(row.hours)}" for row in week_rows(schedule(text, country, REFERENCE))]


def _notes(text: str, country: str | None = "FR") -> list[str]:
    return [_plain(note) for note in notes(schedule(text, country, REFERENCE))]


def test_the_french_week() -> None:
    assert _rows(EXAMPLE) == [
        "Lundi : 9 h – 12 h, 14 h – 17 h", "Mardi : 9 h – 12 h, 14 h – 17 h", "Mercredi : 9 h – 12 h, 14 h – 17 h",
        "Jeudi : 9 h – 12 h, 14 h – 17 h", "Vendredi : 9 h – 12 h, 14 h – 17 h", "Samedi : 9 h – 12 h",
        "Dimanche : Fermé",
    ]
    assert [row.open for row in week_rows(schedule(EXAMPLE, "FR", REFERENCE))] == [True] * 6 + [False]
    assert _rows("Mo-Fr 09:00-12:00,13:30-17:00")[0] == "Lundi : 9 h – 12 h, 13 h 30 – 17 h"
    assert _rows("24/7")[3] == "Jeudi : 24 h sur 24"
    assert _rows("Fr 20:00-02:00")[4] == "Vendredi : 20 h – 2 h le lendemain"
    assert _rows("Sa 18:00-24:00")[5] == "Samedi : 18 h – minuit"
    assert _rows('Mo-Fr 09:00-17:00 "sur rendez-vous"')[0] == "Lundi : 9 h – 17 h (sur rendez-vous)"
    assert _rows("Mo 09:00-17:00 unknown")[0] == "Lundi : 9 h – 17 h (à confirmer)"
    assert clock_fr(0) == "0\u00a0h" and clock_fr(545) == "9\u00a0h\u00a005"


def test_notes_say_what_the_week_cannot() -> None:
    assert _notes(EXAMPLE) == ["Fermé les jours fériés."]
    assert _notes("Mo-Fr 09:00-17:00; PH 10:00-12:00") == ["Les jours fériés : 10 h – 12 h."]
    assert _notes("Mo-Fr 09:00-17:00") == []
    assert _notes("Mo-Fr 09:00-17:00; Jul-Aug off; PH off") == ["Fermé les jours fériés.",
                                                               "Fermé du 1er juillet au 31 août 2027."]
    assert _notes("Mo-Fr 09:00-17:00; Dec 24 09:00-12:00; Dec 25 off") == [
        "Le 24 décembre 2026 : 9 h – 12 h.", "Fermé le 25 décembre 2026."]
    assert _notes("Mo-Fr 09:00-17:00; Jul-Aug Mo-We 10:00-12:00; Jul-Aug Th,Fr off") == [
        "Du 1er juillet au 31 août 2027 : du lundi au mercredi, 10 h – 12 h ; le jeudi et le vendredi, fermé."]
    saturdays = _notes("Sa[1,3] 09:00-12:00")
    assert saturdays[:2] == ["Le 5 décembre 2026 : 9 h – 12 h.", "Le 19 décembre 2026 : 9 h – 12 h."]
    assert len(saturdays) == 7 and saturdays[-1] == "Les horaires changent aussi à d'autres dates."
    assert _notes('Sa off "fermé en août"; Mo 10:00-11:00 "accueil"') == ["Précision : fermé en août"]
    assert _notes("Mo-Su 08:00-20:00; week 1-53/2 Su off; week 2-52/2 Sa off") == [
        "Ces horaires changent d'une semaine à l'autre : le tableau montre la semaine du 30 novembre 2026."]


def test_notes_start_at_the_reference_day() -> None:
    late = [_plain(n) for n in notes(schedule("Mo-Fr 09:00-17:00; Dec 24 09:00-12:00", None, date(2026, 12, 28)))]
    assert late == ["Le 24 décembre 2027 : 9 h – 12 h."]  # this year's 24 December is past


def test_weekdays_in_french() -> None:
    assert weekdays_fr(range(7)) == "tous les jours"
    assert weekdays_fr([0, 1, 2, 3, 4]) == "du lundi au vendredi"
    assert weekdays_fr([0, 2]) == "le lundi et le mercredi"
    assert weekdays_fr([0, 1, 2, 5]) == "du lundi au mercredi et le samedi"


# --- the browser ---------------------------------------------------------------------------------------------

SCRIPT = ROOT / "generator" / "site" / "theme" / "assets" / "maillage" / "horaires.js"
PAGE = """<!doctype html>
<html lang="fr"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'self'">
<title>Horaires</title></head><body>
{elements}
<script type="module" src="horaires.js"></script>
</body></html>
"""


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def hours_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, str]]:
    """A folder served over HTTP (module scripts do not run from file://) holding horaires.js."""
    folder = tmp_path_factory.mktemp("horaires")
    shutil.copy(SCRIPT, folder / "horaires.js")
    server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(folder)))
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield folder, f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


REFERENCE_MARCH = date(2026, 3, 2)  # a Monday


def _data(text: str, country: str | None = "FR", reference: date = REFERENCE_MARCH) -> str:
    return browser_json(_schedule(text, country, reference))


def statuses(browser: Any, server: tuple[Path, str], moment: str, datas: list[str], zone: str = "UTC",
             advance_ms: int = 0) -> list[str | None]:
    """What the elements say (None: hidden) at an instant (ISO, with its offset), in a browser running in `zone`."""
    folder, address = server
    name = f"page-{abs(hash((moment, tuple(datas), zone)))}.html"
    elements = "\n".join(f'<p data-horaires="{html.escape(data)}" hidden></p>' for data in datas)
    (folder / name).write_text(PAGE.format(elements=elements), encoding="utf-8")
    context = browser.new_context(timezone_id=zone)
    page = context.new_page()
    problems: list[str] = []
    page.on("console", lambda message: problems.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: problems.append(str(error)))
    instant = datetime.fromisoformat(moment)
    if advance_ms:
        page.clock.install(time=instant)
    else:
        page.clock.set_fixed_time(instant)
    page.goto(address + name)
    page.wait_for_function("document.querySelectorAll('[data-horaires]').length > 0")
    page.wait_for_load_state("load")
    if advance_ms:
        page.clock.run_for(advance_ms)
    said = page.eval_on_selector_all(
        "[data-horaires]", "elements => elements.map(e => e.hidden ? null : e.textContent)")
    context.close()
    assert not problems, problems
    return [None if text is None else text.replace("\u00a0", " ") for text in said]


@pytest.mark.browser
def test_open_now_in_paris_time_while_the_browser_runs_in_utc(browser: Any, hours_server: tuple[Path, str]) -> None:
    example = _data(EXAMPLE)
    cases = [
        ("2026-03-02T08:30:00+00:00", "Ouvert maintenant · ferme à 12 h"),  # 9 h 30 in Paris (UTC+1): open
        ("2026-03-02T11:30:00+00:00", "Fermé maintenant · ouvre à 14 h"),
        ("2026-03-02T16:30:00+00:00", "Fermé maintenant · ouvre demain à 9 h"),
        ("2026-03-07T11:30:00+00:00", "Fermé maintenant · ouvre lundi à 9 h"),  # Saturday 12 h 30
        ("2026-03-01T23:30:00+00:00", "Fermé maintenant · ouvre à 9 h"),  # Sunday in UTC, Monday 0 h 30 in Paris
        ("2026-07-06T07:30:00+00:00", "Ouvert maintenant · ferme à 12 h"),  # summer time: 9 h 30 in Paris (UTC+2)
        ("2026-07-06T14:59:00+00:00", "Ouvert maintenant · ferme à 17 h"),
        ("2026-07-06T15:00:00+00:00", "Fermé maintenant · ouvre demain à 9 h"),
        ("2026-05-01T08:00:00+00:00", "Fermé maintenant · ouvre demain à 9 h"),  # 1er mai, a Friday
        ("2026-05-13T16:00:00+00:00", "Fermé maintenant · ouvre vendredi à 9 h"),  # Ascension on Thursday 14
    ]
    for moment, expected in cases:
        assert statuses(browser, hours_server, moment, [example]) == [expected], moment


@pytest.mark.browser
def test_nights_midnight_long_closures_and_always_open(browser: Any, hours_server: tuple[Path, str]) -> None:
    assert statuses(browser, hours_server, "2026-03-07T00:30:00+00:00", [_data("Fr 20:00-02:00")]) == [
        "Ouvert maintenant · ferme à 2 h"]  # Saturday 1 h 30 in Paris, from Friday's evening
    assert statuses(browser, hours_server, "2026-03-06T19:30:00+00:00", [_data("Mo-Su 18:00-24:00")]) == [
        "Ouvert maintenant · ferme à minuit"]
    assert statuses(browser, hours_server, "2026-08-25T08:00:00+00:00",
                    [_data("Mo-Fr 09:00-17:00; Jul-Aug off")]) == ["Fermé maintenant · ouvre le 1er septembre à 9 h"]
    assert statuses(browser, hours_server, "2026-07-15T08:00:00+00:00",
                    [_data("Mo-Fr 09:00-17:00; Jul-Aug off")]) == ["Fermé maintenant"]  # more than 14 days ahead
    assert statuses(browser, hours_server, "2026-03-04T12:00:00+00:00", [_data("24/7")]) == [
        "Ouvert maintenant · 24 h sur 24"]


@pytest.mark.browser
def test_silent_rather_than_wrong(browser: Any, hours_server: tuple[Path, str]) -> None:
    datas = [
        _data("Mo-Su 08:00-20:00; week 1-53/2 Su off; week 2-52/2 Sa off"),  # not regular
        _data("Mo-Fr 09:00-17:00; PH off", "XX"),  # public holidays of an unknown country
        _data('Mo-Fr 09:00-17:00 unknown "sur rendez-vous"'),  # maybe open right now
        _data(EXAMPLE, reference=date(2025, 1, 6)),  # a build older than its data's year
        "{not json",
        _data(EXAMPLE),
    ]
    assert statuses(browser, hours_server, "2026-03-03T09:00:00+00:00", datas) == [
        None, None, None, None, None, "Ouvert maintenant · ferme à 12 h"]
    # Outside the maybe-open hours, « closed » is certain; no opening is promised.
    assert statuses(browser, hours_server, "2026-03-03T18:00:00+00:00", [datas[2]]) == ["Fermé maintenant"]


@pytest.mark.browser
def test_the_same_status_whatever_the_device_zone(browser: Any, hours_server: tuple[Path, str]) -> None:
    moment, example = "2026-03-02T16:30:00+00:00", _data(EXAMPLE)
    for zone in ("UTC", "America/New_York", "Asia/Tokyo", "Europe/Paris"):
        assert statuses(browser, hours_server, moment, [example], zone) == [
            "Fermé maintenant · ouvre demain à 9 h"], zone


@pytest.mark.browser
def test_the_status_follows_the_clock(browser: Any, hours_server: tuple[Path, str]) -> None:
    """A page left open stays right: at noon « ouvert » becomes « fermé »."""
    assert statuses(browser, hours_server, "2026-03-02T10:59:00+00:00", [_data(EXAMPLE)],
                    advance_ms=2 * 60_000) == ["Fermé maintenant · ouvre à 14 h"]


def test_the_status_script_writes_text_only() -> None:
    source = SCRIPT.read_text(encoding="utf-8")
    assert "innerHTML" not in source and "eval(" not in source  # textContent only, under a strict CSP
