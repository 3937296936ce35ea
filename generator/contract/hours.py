"""Opening hours in the OpenStreetMap `opening_hours` syntax (data·inclusion's `horaires_accueil`): checking.

The parser is `opening-hours-py` (Rust). This module turns its refusals and warnings into French, and
recognises what French-speaking contributors write instead of the syntax (« lundi-vendredi 9h-12h »,
« fermé », « jours fériés » ...): when its corrections give valid hours, the hint quotes the exact text to
type. Nothing is rewritten for the contributor. `generator.schedule` reads valid hours into weeks.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Annotated

from opening_hours import OpeningHours
from pydantic import AfterValidator
from pydantic_core import PydanticCustomError

MAX_LENGTH = 500  # real hours take under 150 characters; beyond, it is prose for `horaires_precisions`
NEAR = 3  # characters between the parser's complaint and a French habit for one to explain the other

EXAMPLE = "Mo-Fr 09:00-12:00,14:00-17:00; Sa 09:00-12:00; PH off"
SYNTAX = (
    f"Écrivez les horaires dans la syntaxe d'OpenStreetMap, par exemple « {EXAMPLE} » : jours Mo (lundi), "
    "Tu (mardi), We (mercredi), Th (jeudi), Fr (vendredi), Sa (samedi), Su (dimanche), PH (jours fériés) ; "
    "heures 09:00-12:00 ; deux plages séparées par une virgule ; « ; » avant chaque autre groupe de jours ; "
    "« off » pour fermé. Ce que la syntaxe ne peut pas dire va dans « horaires_precisions »."
)


@dataclass(frozen=True)
class Problem:
    message: str  # French, for the contributor
    hint: str  # what to type instead: the exact corrected text when there is one
    column: int | None = None  # 1-based position of the mistake in the text, when known


# --- what contributors write instead of the syntax -------------------------------------------------------

_DAY = r"(?:Mo|Tu|We|Th|Fr|Sa|Su)"
_DAYS = rf"{_DAY}(?:[-,]{_DAY})*"
_TIME = r"\d\d:\d\d"
_FRENCH_DAYS = {
    "lundi": "Mo", "mardi": "Tu", "mercredi": "We", "jeudi": "Th", "vendredi": "Fr", "samedi": "Sa",
    "dimanche": "Su", "lun": "Mo", "mer": "We", "jeu": "Th", "ven": "Fr", "sam": "Sa", "dim": "Su",
    "lu": "Mo", "ma": "Tu", "me": "We", "je": "Th", "ve": "Fr", "di": "Su",
}  # no "mar": « Mar » is March in the syntax
_ENGLISH_DAYS = {day.lower(): day for day in ("Mo", "Tu", "We", "Th", "Fr", "Sa", "Su")}

Replacement = str | Callable[[re.Match[str]], str]


@dataclass(frozen=True)
class Fix:
    """One habit of French writing, and its translation into the syntax."""

    pattern: re.Pattern[str]
    replacement: Replacement
    explanation: str  # French: what the syntax wants instead
    wrong_when_valid: bool = True  # also a mistake when the parser accepts the text (False: mere tidying)
    in_comments: bool = False  # applies to the whole text, "comments" included


def _fix(pattern: str, replacement: Replacement, explanation: str, flags: int = 0, **options: bool) -> Fix:
    return Fix(re.compile(pattern, flags), replacement, explanation, **options)


def _hour(match: re.Match[str]) -> str:
    hours, minutes = int(match["h"]), match["m"] or "00"
    return f"{hours:02d}:{minutes}" if hours <= 24 else match[0]


def _french_day(match: re.Match[str]) -> str:
    return _FRENCH_DAYS[match["day"].lower()]


def _english_day(match: re.Match[str]) -> str:
    return _ENGLISH_DAYS[match[0].lower()]


_I = re.IGNORECASE
FIXES: tuple[Fix, ...] = (
    _fix(r"(?P<open>[«“„])\s*|\s*(?P<close>[»”])", '"',
         "un commentaire s'écrit entre guillemets droits : \"sur rendez-vous\"", in_comments=True),
    _fix(r'"\s*ferm(?:é|ée|és|ées|e|eture)\s*"', "off",
         "un commentaire ne ferme pas : « \"fermé\" » veut dire « ouvert », avec le commentaire « fermé » ; "
         "écrivez « off »", _I, in_comments=True),
    _fix(r"\(([^()\"]*)\)", r'"\1"', "un commentaire s'écrit entre guillemets droits, pas entre parenthèses"),
    _fix(r"[\u2010-\u2015\u2212]", "-", "le tiret long « – » n'est pas reconnu : tapez le tiret court « - »"),
    _fix(r"\b24\s*h?\s*(?:/|sur)\s*24\b(?:\s*(?:,|et)?\s*7\s*j(?:ours)?\s*(?:/|sur)\s*7\b)?", "24/7",
         "« 24 h sur 24 » s'écrit « 24/7 »", _I),
    _fix(r"\b7\s*j(?:ours)?\s*(?:/|sur)\s*7\b", "Mo-Su", "« 7 jours sur 7 » s'écrit « Mo-Su »", _I),
    _fix(r"[\s,;]*\b(?:sauf|hors|ferm(?:é|e)\s+les?)\s+(?:les\s+)?jours?\s+f[ée]ri[ée]s\b", "; PH off",
         "« sauf jours fériés » s'écrit « ; PH off », à la fin", _I),
    _fix(r"\b(?:les\s+)?jours?\s+f[ée]ri[ée]s\b|\bf[ée]ri[ée]s?\b|\bJF\b|\bph\b", "PH",
         "les jours fériés s'écrivent « PH »", _I),
    _fix(r"\b(?:(?:le|les)\s+)?(?P<day>lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)s?\b", _french_day,
         "les jours s'écrivent par leur abréviation anglaise : Mo (lundi), Tu (mardi), We (mercredi), "
         "Th (jeudi), Fr (vendredi), Sa (samedi), Su (dimanche)", _I),
    _fix(r"\b(?P<day>lun|mer|jeu|ven|sam|dim)\b\.?|\b(?P<day2>lu|ma|me|je|ve|di)\b",
         lambda m: _FRENCH_DAYS[(m["day"] or m["day2"]).lower()],
         "les jours s'écrivent par leur abréviation anglaise : Mo (lundi), Tu (mardi), We (mercredi), "
         "Th (jeudi), Fr (vendredi), Sa (samedi), Su (dimanche)", _I),
    _fix(r"\b(?:mo|tu|we|th|fr|sa|su)\b", _english_day,
         "les jours s'écrivent avec une majuscule puis une minuscule : Mo, Tu, We, Th, Fr, Sa, Su", _I),
    _fix(r"\b(?:open|closed|off|unknown)\b", lambda m: m[0].lower(),
         "« off », « open », « closed » et « unknown » s'écrivent en minuscules", _I),
    _fix(rf"\bferm(?:é|ée|és|ées|e|eture)\s+(?:(?:le|les)\s+)?({_DAYS})\b", r"\1 off",
         "« fermé » s'écrit « off », après les jours : « Su off »", _I),
    _fix(r"\bferm(?:é|ée|és|ées|e|eture)\b", "off", "« fermé » s'écrit « off »", _I),
    _fix(rf"\b(?:du\s+|de\s+)?({_DAY})\s+(?:au|à|a|jusqu'au)\s+({_DAY})\b", r"\1-\2",
         "une suite de jours s'écrit avec un tiret : Mo-Fr (du lundi au vendredi)", _I),
    _fix(rf"\b({_DAY})(?:\s+-\s*|\s*-\s+)({_DAY})\b", r"\1-\2",
         "pas d'espace autour du tiret entre deux jours : Mo-Fr"),
    _fix(r"\s*,?\s+et\s+(?:(?:de|le)\s+)?", ",", "« et » s'écrit avec une virgule : Mo,We ou 09:00-12:00,14:00-17:00"),
    _fix(rf"(?<=\b(?:Mo|Tu|We|Th|Fr|Sa|Su))\s*,\s+(?={_DAY}\b)", ",",
         "pas d'espace après la virgule entre deux jours : « Mo,Tu » (« Mo, Tu » veut dire lundi toute la journée)"),
    _fix(r"(?<!-)\bmidi\b", "12:00", "« midi » s'écrit 12:00", _I),
    _fix(r"\bminuit\b", "24:00", "« minuit » s'écrit 24:00 (ou 00:00 pour le début de la journée)", _I),
    _fix(r"\b(?P<h>\d{1,2})\s*h(?:\s*(?P<m>[0-5]\d))?\b", _hour,
         "les heures s'écrivent avec deux chiffres, deux-points et deux chiffres : 09:00, 13:30 (pas « 9h »)", _I),
    _fix(r"\b(?P<h>\d{1,2})\.(?P<m>[0-5]\d)\b", _hour, "les heures s'écrivent avec deux-points : 09:30 (pas 9.30)"),
    _fix(r"(?<![\d:])(?P<h>\d):(?P<m>\d\d)\b", _hour, "les heures s'écrivent sur deux chiffres : 09:00, pas 9:00"),
    _fix(rf"\b(?:de\s+|à\s+partir\s+de\s+)?({_TIME})\s*(?:à|a|au|jusqu'à)\s*({_TIME})", r"\1-\2",
         "une plage horaire s'écrit avec un tiret, sans « de » ni « à » : 09:00-12:00", _I),
    _fix(rf"({_TIME})\s*-\s*({_TIME})", r"\1-\2", "une plage horaire s'écrit 09:00-12:00", wrong_when_valid=False),
    _fix(rf"\b({_DAYS}|PH)\s*:\s*", r"\1 ", "pas de deux-points après les jours : Mo-Fr 09:00-17:00"),
    _fix(rf"\b({_DAYS}|PH)\s*,\s*(?=\d)", r"\1 ", "pas de virgule entre les jours et les heures : Mo-Fr 09:00-17:00"),
    _fix(rf"(?<=\d\d:\d\d)\s*,(?={_DAY}\b)", "; ",
         "chaque groupe de jours se sépare du précédent par un point-virgule : We 13:00-18:00; Fr 09:00-12:00"),
    _fix(rf"(?<=\d\d:\d\d)\s*,\s*(?={_TIME})", ",", "deux plages horaires se séparent par une virgule : "
         "09:00-12:00,14:00-17:00", wrong_when_valid=False),
    _fix(rf"(?<=\d\d:\d\d)\s*(?:;|/|\s)\s*(?={_TIME})", ",",
         "deux plages horaires du même jour se séparent par une virgule : 09:00-12:00,14:00-17:00 "
         "(après « ; », une plage sans jours vaut pour tous les jours)"),
    _fix(rf'(?:(?<=\d\d:\d\d)|(?<=off)|(?<="))\s*(?:\n|\s/\s|\s)\s*(?=(?:{_DAY}|PH)\b)', "; ",
         "chaque groupe de jours se sépare du précédent par un point-virgule : Mo-Fr 09:00-17:00; Sa 09:00-12:00"),
    _fix(r"\s*\n\s*", " ", "les horaires s'écrivent sur une seule ligne"),
    _fix(r"\b(?:(?:sur|sans|avec ou sans)\s+)?(?:rendez-vous|rdv)\b",
         lambda m: '"' + re.sub(r"(?i)rdv", "rendez-vous", m[0]) + '"',
         "un commentaire s'écrit entre guillemets droits, après les jours et les heures : "
         "Mo-Fr 09:00-17:00 \"sur rendez-vous\"", _I),
    _fix(r"\s*,\s*(?=\")", " ", "un commentaire suit les heures après une espace, sans virgule"),
    _fix(r";\s*(?=;)", "", "un seul « ; » entre deux groupes de jours"),
    _fix(r"[\s;,]+\Z", "", "le « ; » ou la virgule à la fin sont de trop"),
    _fix(r"[ \t]{2,}", " ", "une seule espace entre deux parties", wrong_when_valid=False),
    _fix(r"\s*;\s*", "; ", "« ; » entre deux groupes de jours", wrong_when_valid=False),
)


_COMMENT = re.compile(r'"[^"]*"')  # a comment holds no quote: the syntax has no escape


def _matches(fix: Fix, text: str) -> Iterator[re.Match[str]]:
    """The fix's matches in the text, outside "comments" unless it is meant for them (looking around them)."""
    comments = [] if fix.in_comments else [comment.span() for comment in _COMMENT.finditer(text)]
    for match in fix.pattern.finditer(text):
        if not any(start < match.end() and match.start() < end for start, end in comments):
            yield match


def _replacement(fix: Fix, match: re.Match[str]) -> str:
    return fix.replacement(match) if callable(fix.replacement) else match.expand(fix.replacement)


def _apply(fix: Fix, text: str) -> str:
    pieces, last = [], 0
    for match in _matches(fix, text):
        pieces += [text[last : match.start()], _replacement(fix, match)]
        last = match.end()
    return "".join([*pieces, text[last:]])


def _first_change(fix: Fix, text: str) -> tuple[int, int] | None:
    """Where `fix` changes the text as written (0-based span), if it does."""
    if not fix.pattern.search(text):  # most fixes, on most texts: no need to look for comments
        return None
    for match in _matches(fix, text):
        if _replacement(fix, match) != match[0]:
            return match.span()
    return None


def _corrected(text: str) -> str:
    """The text with every fix applied in turn."""
    for fix in FIXES:
        text = _apply(fix, text)
    return text.strip()


# --- the parser's own words, in French -------------------------------------------------------------------

_POSITION = re.compile(r"-->\s*(\d+):(\d+)")
_EXPECTED = re.compile(r"=\s*(?:expected|unexpected)\s+(.*)$", re.MULTILINE)


def _offset(text: str, line: int, column: int) -> int:
    """0-based offset of a 1-based line and column (the parser counts characters)."""
    lines = text.split("\n")
    return sum(len(previous) + 1 for previous in lines[: line - 1]) + column - 1


def _word_start(text: str, offset: int) -> int:
    """The start of the word the parser stopped in (« Mardi » is read as « Mar », March, up to « di »)."""
    while 0 < offset < len(text) and text[offset - 1].isalnum() and text[offset].isalnum():
        offset -= 1
    return offset


def _excerpt(text: str, offset: int) -> str:
    word = re.match(r'"[^"]*"?|[^\s;,]+|\S', text[offset:])
    return word[0][:24] if word else ""


def _what_is_expected(expected: str, text: str, offset: int) -> str:
    """A French sentence for the parser's list of expected pieces (its grammar's rule names)."""
    if "nth_entry" in expected:
        return "entre crochets, le rang du jour dans le mois va de 1 à 5, ou -1 pour le dernier : Sa[1,3]"
    if "minute" in expected:
        return "les minutes s'écrivent sur deux chiffres : 09:05, 13:30"
    if "extended_time" in expected:
        return "heure impossible : une plage finit au plus tard à 24:00 (ou à 48:00 le lendemain)"
    if "timespan_plus" in expected or (offset >= len(text.rstrip()) and "timespan" in expected):
        return "une plage horaire s'écrit avec son début et sa fin : 09:00-12:00"
    if offset >= len(text.rstrip()):
        return "le texte s'arrête alors qu'une suite est attendue"
    if text[offset].isdigit():
        return "heure ou date mal écrite : les heures s'écrivent 09:00-12:00"
    if text[offset].isalpha():
        return "mot non reconnu : les jours s'écrivent Mo, Tu, We, Th, Fr, Sa, Su et « fermé » s'écrit « off »"
    return "caractère non reconnu à cet endroit"


_LIBRARY_ERRORS: tuple[tuple[re.Pattern[str], Callable[[re.Match[str]], tuple[str, str]]], ...] = (
    (re.compile(r"Inverted year ranges .*'(?P<range>[^']*)'"),
     lambda m: ("les années sont à l'envers", f"Écrivez la plus petite d'abord : « {m['range']} ».")),
    (re.compile(r"Inverted week ranges .*'(?P<range>[^']*)'"),
     lambda m: ("les numéros de semaine sont à l'envers", f"Écrivez le plus petit d'abord : « {m['range']} ».")),
    (re.compile(r"(?P<value>-?\d+) is too large: expected a value between (?P<low>-?\d+) and (?P<high>-?\d+)"),
     lambda m: (f"le nombre {m['value']} est trop grand", f"Il doit être compris entre {m['low']} et {m['high']}.")),
    (re.compile(r"invalid extended time for (?P<time>\S+)"),
     lambda m: (f"heure impossible « {m['time']} »", "Une plage finit au plus tard à 24:00, ou à 48:00 le lendemain.")),
)


def _library_problem(error: str) -> Problem:
    for pattern, explain in _LIBRARY_ERRORS:
        match = pattern.search(error)
        if match:
            message, hint = explain(match)
            return Problem(f"horaires non reconnus : {message}", hint)
    return Problem("horaires non reconnus : cette forme n'est pas prise en charge", SYNTAX)


# --- checking --------------------------------------------------------------------------------------------

_WARNING = re.compile(r"should be (?P<case>capitalized|lowercase), got '(?P<word>[^']*)'")


def _parse(text: str) -> tuple[OpeningHours | None, str]:
    try:
        return OpeningHours(text), ""
    except Exception as refusal:  # the parser's ParserError, or any other refusal it makes
        return None, str(refusal)


def _is_clean(text: str) -> bool:
    parsed, _ = _parse(text)
    return parsed is not None and _lint(text, parsed) is None


def _correction_hint(text: str) -> str:
    """The exact text to type when the fixes give clean hours; the syntax otherwise."""
    corrected = _corrected(text)
    if corrected != text and not corrected.startswith('"') and _is_clean(corrected):
        return f"Écrivez : « {corrected} »."
    return SYNTAX


_SUN = _fix(r"\b(?:sunrise|sunset|dawn|dusk)\b", "", "", re.IGNORECASE)


def _lint(text: str, parsed: OpeningHours) -> Problem | None:
    """What the parser accepts but a contributor does not mean, or should write otherwise."""
    for fix in FIXES:
        span = _first_change(fix, text) if fix.wrong_when_valid else None
        if span:
            return Problem(f"horaires à corriger au caractère {span[0] + 1} : {fix.explanation}",
                           _correction_hint(text), span[0] + 1)
    for warning in parsed.warnings:  # the parser's own remarks on case (months, for instance)
        match = _WARNING.search(warning)
        if not match:
            return Problem("horaires à corriger : un mot est mal écrit", SYNTAX)
        word = match["word"]
        right = word.capitalize() if match["case"] == "capitalized" else word.lower()
        position = text.find(word)
        return Problem(f"horaires à corriger au caractère {position + 1} : « {word} » s'écrit « {right} »",
                       f"Écrivez : « {text[:position]}{right}{text[position + len(word):]} ».", position + 1)
    for comment in _COMMENT.finditer(text):
        before, after = text[: comment.start()].rstrip(), text[comment.end() :].lstrip()
        if (not before or before.endswith((";", "||", ","))) and (not after or after.startswith((";", "||"))):
            return Problem(
                f"horaires à corriger au caractère {comment.start() + 1} : un commentaire seul ne dit pas quels "
                "jours ni à quelles heures",
                "Écrivez les jours et les heures avant le commentaire, par exemple "
                "« Mo-Fr 09:00-17:00 \"sur rendez-vous\" », ou mettez ce texte dans « horaires_precisions ».",
                comment.start() + 1,
            )
    for sun in _matches(_SUN, text):
        return Problem(
            f"horaires à corriger au caractère {sun.start() + 1} : les heures du lever et du coucher du soleil ne sont "
            "pas prises en charge",
            "Indiquez des heures, par exemple « Mo-Fr 08:00-18:00 ».",
            sun.start() + 1,
        )
    return None


@functools.lru_cache(maxsize=4096)  # the same hours come back, place after place
def check(text: str) -> Problem | None:
    """Why `text` is not usable opening hours, in French, or None when it is."""
    if not text.strip():
        return Problem("les horaires sont vides", f"Écrivez par exemple « {EXAMPLE} », ou retirez la ligne.")
    if len(text) > MAX_LENGTH:
        return Problem(
            f"les horaires sont trop longs ({len(text)} caractères, {MAX_LENGTH} au plus)",
            "Gardez les jours et les heures ; mettez les explications dans « horaires_precisions ».",
        )
    parsed, error = _parse(text)
    if parsed is not None:
        return _lint(text, parsed)
    position = _POSITION.search(error)
    if not position:
        return _library_problem(error)
    offset = min(_offset(text, int(position[1]), int(position[2])), len(text))
    while offset < len(text.rstrip()) and text[offset] in " \t":
        offset += 1
    offset = _word_start(text, offset)
    expected = _EXPECTED.search(error)
    explanation = _nearest_explanation(text, offset) or _what_is_expected(expected[1] if expected else "", text, offset)
    word = _excerpt(text, offset)
    if text[offset : offset + 1] == "\n":
        where = f"au caractère {offset + 1} (retour à la ligne)"
    else:
        where = f"au caractère {offset + 1} (« {word} »)" if word else f"à la fin (caractère {offset + 1})"
    return Problem(f"horaires non reconnus {where} : {explanation}", _correction_hint(text), offset + 1)


def _nearest_explanation(text: str, offset: int) -> str | None:
    """The explanation of the French habit found at or near the parser's complaint, if any."""
    found = []
    for index, fix in enumerate(FIXES):
        span = _first_change(fix, text)
        if span:
            start, end = span
            around = start <= offset < max(end, start + 1)
            found.append((0 if around else min(abs(start - offset), abs(end - offset)), index, fix.explanation))
    near = [item for item in found if item[0] <= NEAR]
    return min(near)[2] if near else None


def _check_hours(value: str) -> str:
    problem = check(value)
    if problem:
        # The message goes in last, through "{message}": braces the contributor typed are never replaced.
        raise PydanticCustomError("horaires", "{message}", {
            "hint": problem.hint, "value": value, "at": "", "column": problem.column, "message": problem.message,
        })
    return value


OpeningHoursText = Annotated[str, AfterValidator(_check_hours)]
