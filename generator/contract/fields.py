"""Value types of the data contract: texts, ids, links to other records, URLs, e-mails, phones, dates, numbers
and yes-or-no values.

Each type validates and normalises one kind of value and explains a refusal in French: the message goes
to the contributor as it is, the hint (`ctx["hint"]`) on the line below it. Every text field is a `Line` (a
title, a name: one line) or `Prose` (Markdown: several lines), so that no control character reaches a page,
a feed or a calendar. Numbers and yes-or-no values are strict: `true` is not 1, `yes` (text in YAML 1.2) is
not true.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime
from typing import Annotated
from urllib.parse import urlsplit

from pydantic import AfterValidator, BeforeValidator, Field, Strict, WithJsonSchema
from pydantic_core import PydanticCustomError

from generator.contract.characters import CONTROL, CONTROL_CLASS, character_name

SLUG_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
TERM_PATTERN = r"^[a-z0-9]+(--?[a-z0-9]+)*$"
# matched whole (fullmatch): `$` alone would let a trailing line break through
_SLUG = re.compile(SLUG_PATTERN)
_TERM = re.compile(TERM_PATTERN)


def is_slug(value: str) -> bool:
    return _SLUG.fullmatch(value) is not None


def refuse(kind: str, message: str, hint: str, value: object, at: str = "") -> PydanticCustomError:
    """A validation error whose message (with `{value}` in it) and hint are French sentences.

    `at` names the key to point at when a rule on a whole block concerns one of its keys."""
    return PydanticCustomError(kind, message, {"hint": hint, "value": str(value), "at": at})


# --- texts ------------------------------------------------------------------------------------------------

# Checked by pydantic's own regular expressions (four times quicker than a Python check on every text of ten
# thousand records); a refusal is explained by `text_problem`. Editors read the same patterns in the schemas.
_PROSE_CLASS = CONTROL_CLASS.replace(r"\x00-\x1f", r"\x00-\x08\x0b-\x1f")  # line breaks (\n) and tabs allowed
LINE_PATTERN = f"^[^{CONTROL_CLASS}]*$"  # no control character, no line break
PROSE_PATTERN = f"^[^{_PROSE_CLASS}]*$"
_PROSE_CONTROL = re.compile(f"[{_PROSE_CLASS}]")
_LINE_BREAKS = "\n\r\x85\u2028\u2029"  # the others (\x0b, \x0c …) are named as control characters

Line = Annotated[str, Field(pattern=LINE_PATTERN)]  # a title, a name, a label, an address: one line of text
Prose = Annotated[str, Field(pattern=PROSE_PATTERN)]  # several lines (Markdown): line breaks and tabs allowed


def text_problem(value: str, pattern: str) -> tuple[str, str] | None:
    """The French message and hint for a text that `LINE_PATTERN` or `PROSE_PATTERN` refuses (None for another
    pattern): the first refused character, named, and where it is."""
    if pattern not in (LINE_PATTERN, PROSE_PATTERN):
        return None
    found = (CONTROL if pattern == LINE_PATTERN else _PROSE_CONTROL).search(value)
    if found is None:  # pragma: no cover - the pattern refused it
        return None
    where = _where(value, found.start())
    if pattern == LINE_PATTERN and found.group() in _LINE_BREAKS:
        return (
            f"retour à la ligne dans un texte d'une seule ligne{where}",
            "Un titre, un nom ou un libellé s'écrit sur une ligne : retirez le retour à la ligne "
            "(et le « | » ou le « > » en début de valeur).",
        )
    return (
        f"caractère de contrôle {character_name(found.group())}{where}",
        "Retirez ce caractère invisible (souvent collé depuis un autre logiciel) ; "
        "une tabulation se remplace par une espace.",
    )


def _where(value: str, index: int) -> str:
    """Where a refused character is: after the last words before it on its line (which hold none: it is the
    first one)."""
    words = value[:index].rsplit("\n", 1)[-1].split()
    if not words:
        return " au début du texte" if index == 0 else " au début d'une ligne"
    shown = " ".join(words)
    while len(shown) > 30 and len(words) > 1:
        words = words[1:]
        shown = "…" + " ".join(words)
    return f" après « {shown} »"


# --- numbers, yes or no, dates ----------------------------------------------------------------------------

Flag = Annotated[bool, Strict()]  # true or false as YAML writes them; not 1, not "yes"
Number = Annotated[float, Strict()]  # an integer or a decimal number; not true, not "50.6"


def _not_a_number(value: object) -> object:
    """pydantic reads a number as a Unix time: `date_maj: 0` would be 1970-01-01."""
    if isinstance(value, bool | int | float):
        raise PydanticCustomError("date_type", "date invalide")  # explained as pydantic's own date errors
    return value


Day = Annotated[date, BeforeValidator(_not_a_number)]


# --- ids ----------------------------------------------------------------------------------------------------


def _check_slug(value: str) -> str:
    if not is_slug(value):
        raise refuse(
            "identifiant",
            "identifiant invalide « {value} »",
            "Un identifiant s'écrit en minuscules sans accents, chiffres et tirets simples, "
            "par exemple « planning-familial-lille ».",
            value,
        )
    return value


def _check_term(value: str) -> str:
    if _TERM.fullmatch(value) is None:
        raise refuse(
            "identifiant",
            "identifiant invalide « {value} »",
            "Un identifiant de taxonomie s'écrit en minuscules sans accents, chiffres et tirets, "
            "par exemple « sante-sexuelle--depistage ».",
            value,
        )
    return value


Slug = Annotated[str, AfterValidator(_check_slug), Field(json_schema_extra={"pattern": SLUG_PATTERN})]
TermId = Annotated[str, AfterValidator(_check_term), Field(json_schema_extra={"pattern": TERM_PATTERN})]


def slugify(name: str, max_length: int = 60) -> str:
    """A valid record id from a name: "Centre de santé sexuelle (Lille)" -> "centre-de-sante-sexuelle-lille"."""
    spelled = name.replace("œ", "oe").replace("Œ", "Oe").replace("æ", "ae").replace("Æ", "Ae")
    ascii_name = unicodedata.normalize("NFKD", spelled).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")
    return slug[:max_length].rstrip("-")


@dataclass(frozen=True)
class RefersTo:
    """Marks an id field: the id must name a record of `kind` or a term of the taxonomy `kind`."""

    kind: str


ActorId = Annotated[Slug, RefersTo("actor")]
ResourceId = Annotated[Slug, RefersTo("resource")]
Thematique = Annotated[TermId, RefersTo("thematiques")]
Public = Annotated[TermId, RefersTo("publics")]
Territoire = Annotated[TermId, RefersTo("territoires")]


def _check_url(value: str) -> str:
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https"):
        raise refuse(
            "url",
            "adresse web refusée « {value} » : seules les adresses http:// et https:// sont acceptées",
            "Copiez l'adresse complète depuis la barre du navigateur, par exemple https://www.exemple.fr/page.",
            value,
        )
    if not parts.hostname or "." not in parts.hostname or any(c.isspace() for c in value):
        raise refuse(
            "url",
            "adresse web invalide « {value} »",
            "Une adresse web ressemble à https://www.exemple.fr/page, sans espace.",
            value,
        )
    return value


Url = Annotated[Line, AfterValidator(_check_url), Field(json_schema_extra={"format": "uri"})]

_EMAIL = re.compile(r"^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@([A-Za-z0-9-]+\.)+[A-Za-z]{2,}$")


def _check_email(value: str) -> str:
    if not _EMAIL.match(value):
        raise refuse(
            "courriel",
            "adresse électronique invalide « {value} »",
            "Une adresse électronique ressemble à accueil@association.fr, sans espace ni « mailto: ».",
            value,
        )
    local, domain = value.rsplit("@", 1)
    return f"{local}@{domain.lower()}"


Email = Annotated[Line, AfterValidator(_check_email), Field(json_schema_extra={"format": "email"})]


def _group(digits: str, sizes: tuple[int, ...]) -> str:
    parts, start = [], 0
    for size in sizes:
        parts.append(digits[start : start + size])
        start += size
    return " ".join(p for p in parts if p)


def normalise_phone(value: str) -> str | None:
    """International form of a French or Belgian number ("+33 3 53 01 12 34"), or None if not a number.

    National forms are read by their length: ten digits starting with 0 are French, nine are Belgian
    landlines. Belgian mobiles (04xx) need the +32 prefix since "04…" is also a French landline. Short
    service numbers (115, 3919) stay as they are; other countries keep their digits after "+".
    """
    raw = value.strip().replace("(0)", "")  # "+33 (0)3 …": the trunk zero some write in brackets
    if re.search(r"[^\d\s.+()/-]", raw):
        return None
    digits = re.sub(r"\D", "", raw)
    if raw.startswith("+"):
        international = digits
    elif digits.startswith("00"):
        international = digits[2:]
    elif raw.isdigit() and 2 <= len(raw) <= 4 and raw[0] in "13":  # 15, 115, 3919: short numbers
        return raw
    elif len(digits) == 10 and digits.startswith("0") and digits[1] != "0":
        international = "33" + digits[1:]
    elif len(digits) == 9 and digits.startswith("0"):
        international = "32" + digits[1:]
    else:
        return None
    if international.startswith("33"):
        national = international[2:]
        return "+33 " + _group(national, (1, 2, 2, 2, 2)) if len(national) == 9 else None
    if international.startswith("32"):
        national = international[2:]
        if len(national) == 9 and national.startswith("4"):
            return "+32 " + _group(national, (3, 2, 2, 2))
        if len(national) == 8:
            one_digit_zone = national[0] in "2349"  # Brussels, Antwerp, Liège, Ghent
            return "+32 " + _group(national, (1, 3, 2, 2) if one_digit_zone else (2, 2, 2, 2))
        return None
    return "+" + international if 8 <= len(international) <= 15 else None


def _check_phone(value: str) -> str:
    normalised = normalise_phone(value)
    if normalised is None:
        raise refuse(
            "telephone",
            "numéro de téléphone invalide « {value} »",
            "Écrivez par exemple « 03 53 01 12 34 » (France), « +32 71 00 12 34 » (Belgique) "
            "ou un numéro court comme « 3919 ».",
            value,
        )
    return normalised


Phone = Annotated[Line, AfterValidator(_check_phone)]


def _parse_moment(value: object) -> date | datetime:
    """A date or a date-time, as YAML gives it or as text ("2027-01-14", "2027-01-14T09:30:00")."""
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        text = value.strip()
        try:
            if len(text) == 10:
                return date.fromisoformat(text)
            return datetime.fromisoformat(text)
        except ValueError:
            pass
    raise refuse(
        "date",
        "date ou date-heure invalide « {value} »",
        "Écrivez AAAA-MM-JJ (2027-01-14) ou AAAA-MM-JJTHH:MM (2027-01-14T09:30).",
        value,
    )


Moment = Annotated[
    date | datetime,
    BeforeValidator(_parse_moment),
    WithJsonSchema({"anyOf": [{"type": "string", "format": "date"}, {"type": "string", "format": "date-time"}]}),
]
