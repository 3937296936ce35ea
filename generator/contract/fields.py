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

import phonenumbers
from pydantic import AfterValidator, BeforeValidator, Field, Strict, ValidationInfo, WithJsonSchema
from pydantic_core import PydanticCustomError

from generator.contract import characters
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
    """Where a refused character is: after the last words before it on its line."""
    return characters.words_before(value, index, "au début du texte")


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


def _lookalike_in(value: str) -> None:
    """An id typed with a letter of another alphabet that looks Latin (a Cyrillic « е » copied from a web page)."""
    found = characters.lookalike(value)
    if found is not None:
        raise refuse(
            "identifiant",
            f"identifiant invalide « {{value}} » : {found}",
            "Retapez l'identifiant au clavier : il ne contient que des lettres latines sans accents, des chiffres et "
            "des tirets.",
            value,
        )


def _check_slug(value: str) -> str:
    if not is_slug(value):
        _lookalike_in(value)
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
        _lookalike_in(value)
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
PracticeId = Annotated[Slug, RefersTo("practice")]
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


# The countries a network's places may be in (Lieu.pays), in French, with an example number of each.
COUNTRIES = {
    "FR": ("France", "en France", "03 53 01 12 34"),
    "BE": ("Belgique", "en Belgique", "071 12 34 56"),
    "LU": ("Luxembourg", "au Luxembourg", "+352 26 12 34 56"),
    "CH": ("Suisse", "en Suisse", "022 123 45 67"),
    "DE": ("Allemagne", "en Allemagne", "030 1234567"),
}
PHONE_REGION = "region"  # the validation context's key: the country national numbers are read in


def _phone_number(value: str, region: str) -> phonenumbers.PhoneNumber | None:
    raw = value.strip().replace("(0)", "")  # "+33 (0)3 …": the trunk zero some write in brackets
    if not raw or re.search(r"[^\d\s.+()/-]", raw):
        return None
    try:
        return phonenumbers.parse(raw, region)
    except phonenumbers.NumberParseException:
        return None


def normalise_phone(value: str, region: str = "FR") -> str | None:
    """The international form of a valid number ("+33 3 53 01 12 34"), or None.

    A national number ("03 53 01 12 34") is read in `region`, the country of the record's place: the same digits
    are a French number with ten of them and a Belgian one with nine, so a French number with a digit missing
    must not come out as a Belgian one. Validity (lengths and ranges of every country) is Google's
    libphonenumber's. Short service numbers (115, 3919) stay as they are."""
    number = _phone_number(value, region)
    if number is None:
        return None
    digits = re.sub(r"\D", "", value)
    national = not value.strip().startswith(("+", "00"))
    if national and len(digits) <= 6 and phonenumbers.is_valid_short_number_for_region(number, region):
        return digits
    if not phonenumbers.is_valid_number(number):
        return None
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)


def _check_phone(value: str, info: ValidationInfo) -> str:
    region = (info.context or {}).get(PHONE_REGION, "FR")
    normalised = normalise_phone(value, region)
    if normalised is not None:
        return normalised
    name, where, example = COUNTRIES.get(region, COUNTRIES["FR"])
    digits = re.sub(r"\D", "", value)
    national = not value.strip().startswith(("+", "00"))
    elsewhere = [code for code in COUNTRIES if code != region and national and _full_number(value, code)]
    if elsewhere and _phone_number(value, region) is not None:
        other = elsewhere[0]
        raise refuse(
            "telephone",
            f"numéro de téléphone invalide {where} « {{value}} » ({len(digits)} chiffres)",
            f"Vérifiez qu'il ne manque pas de chiffre (par exemple « {example} »). S'il s'agit d'un numéro "
            f"{_adjective(other)}, écrivez-le avec son indicatif : « {_full_number(value, other)} ».",
            value,
        )
    if re.search(r"[^\d\s.+()/-]", value.replace("(0)", "")):
        raise refuse(
            "telephone",
            "le numéro de téléphone « {value} » contient du texte",
            "Écrivez seulement le numéro (chiffres, espaces ou points) ; une précision comme « accueil » va dans un "
            "contact : « contacts: » puis « - fonction: Accueil » et « telephone: … ».",
            value,
        )
    if national and digits:
        lengths = _national_lengths(region)
        raise refuse(
            "telephone",
            f"numéro de téléphone invalide {where} « {{value}} » ({len(digits)} chiffres)",
            f"Un numéro {_adjective(region)} a {lengths} chiffres, par exemple « {example} » ; un numéro d'un autre "
            "pays s'écrit avec son indicatif (« +32 71 12 34 56 »), un numéro court tel quel (« 3919 »).",
            value,
        )
    raise refuse(
        "telephone",
        "numéro de téléphone invalide « {value} »",
        f"Écrivez par exemple « {example} » ({name}), un numéro d'un autre pays avec son indicatif "
        "(« +32 71 12 34 56 ») ou un numéro court comme « 3919 ».",
        value,
    )


def _national_lengths(region: str) -> str:
    """How many digits a national number has in `region`, with its leading 0 (libphonenumber's metadata)."""
    metadata = phonenumbers.PhoneMetadata.metadata_for_region(region)
    if metadata is None:  # pragma: no cover - the countries of COUNTRIES all have theirs
        return "10"
    trunk = len(metadata.national_prefix or "")  # the 0 of "03 …"; Luxembourg has none
    general = metadata.general_desc
    lengths = sorted({n + trunk for n in (general.possible_length if general else ())})
    return " ou ".join(map(str, lengths)) if len(lengths) <= 2 else f"de {lengths[0]} à {lengths[-1]}"


def _full_number(value: str, region: str) -> str | None:
    number = _phone_number(value, region)
    if number is None or not phonenumbers.is_valid_number(number):
        return None
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)


def _adjective(region: str) -> str:
    return {"FR": "français", "BE": "belge", "LU": "luxembourgeois", "CH": "suisse", "DE": "allemand"}[region]


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
