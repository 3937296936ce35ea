"""Value types of the data contract: ids, links to other records, URLs, e-mails, phones, dates.

Each type validates and normalises one kind of value and explains a refusal in French: the message goes
to the contributor as it is, the hint (`ctx["hint"]`) on the line below it.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime
from typing import Annotated
from urllib.parse import urlsplit

from pydantic import AfterValidator, BeforeValidator, Field, WithJsonSchema
from pydantic_core import PydanticCustomError

SLUG_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
TERM_PATTERN = r"^[a-z0-9]+(--?[a-z0-9]+)*$"
_SLUG = re.compile(SLUG_PATTERN)
_TERM = re.compile(TERM_PATTERN)


def refuse(kind: str, message: str, hint: str, value: object, at: str = "") -> PydanticCustomError:
    """A validation error whose message (with `{value}` in it) and hint are French sentences.

    `at` names the key to point at when a rule on a whole block concerns one of its keys."""
    return PydanticCustomError(kind, message, {"hint": hint, "value": str(value), "at": at})


def _check_slug(value: str) -> str:
    if not _SLUG.match(value):
        raise refuse(
            "identifiant",
            "identifiant invalide « {value} »",
            "Un identifiant s'écrit en minuscules sans accents, chiffres et tirets simples, "
            "par exemple « planning-familial-lille ».",
            value,
        )
    return value


def _check_term(value: str) -> str:
    if not _TERM.match(value):
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


Url = Annotated[str, AfterValidator(_check_url), Field(json_schema_extra={"format": "uri"})]

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


Email = Annotated[str, AfterValidator(_check_email), Field(json_schema_extra={"format": "email"})]


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


Phone = Annotated[str, AfterValidator(_check_phone)]


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
