"""Turning a loaded document into a record, and pydantic's errors into located French diagnostics."""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from typing import Any

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from generator.contract import characters
from generator.contract.fields import COUNTRIES, PHONE_REGION, is_slug, slugify, text_problem
from generator.contract.keys import key_meant
from generator.contract.kinds import KINDS
from generator.contract.model import Entry, Record, Term
from generator.contract.shapes import block, choices, target
from generator.reading.diagnostics import Diagnostic, did_you_mean, error
from generator.reading.load import Document
from generator.reading.safe_files import printable

_TYPE_NAMES = {
    "string_type": "du texte",
    "list_type": "une liste",
    "model_type": "un bloc de clés (clé: valeur)",
    "model_attributes_type": "un bloc de clés (clé: valeur)",
    "dict_type": "un bloc de clés (clé: valeur)",
    "bool_type": "true ou false",
    "bool_parsing": "true ou false",
    "int_type": "un nombre entier",
    "int_parsing": "un nombre entier",
    "float_type": "un nombre",
    "float_parsing": "un nombre",
}
_TYPE_HINTS = {
    "list_type": "Écrivez une liste : une ligne « - valeur » par élément, ou [valeur1, valeur2].",
    "bool_type": "Écrivez true (oui) ou false (non), sans guillemets.",
    "bool_parsing": "Écrivez true (oui) ou false (non), sans guillemets.",
    "float_parsing": "Utilisez le point décimal : 50.63, pas 50,63.",
    "float_type": "Utilisez le point décimal : 50.63, pas 50,63.",
}
_NUMBER_HINTS = {  # a number written as true or false, or between quotes
    bool: "Écrivez un nombre (par exemple 50.63), pas true ou false.",
    str: "Écrivez le nombre sans guillemets, avec un point décimal : 50.63.",
}
_DATE_ERRORS = ("date_type", "date_parsing", "date_from_datetime_parsing", "date_from_datetime_inexact", "date_future")


def nested_model(model: type[BaseModel], field: str) -> type[BaseModel] | None:
    """The model a field holds (directly, in a list or optional), if any."""
    info = model.model_fields.get(field)
    return block(info.annotation) if info is not None else None


def model_at(model: type[BaseModel], loc: tuple[str | int, ...]) -> type[BaseModel]:
    """The innermost model along `loc` (list indexes are skipped)."""
    for step in loc:
        if isinstance(step, str):
            inner = nested_model(model, step)
            if inner is None:
                break
            model = inner
    return model


def describe(model: type[BaseModel]) -> str:
    """ « un acteur », « un lieu »: a record as its kind names it, a block as its model does."""
    kind = KINDS.of_model(model)
    return kind.noun.indefinite if kind is not None else getattr(model, "described_as", "ce bloc")


def explain(
    details: ErrorDetails, model: type[BaseModel], emptied: frozenset[str] = frozenset()
) -> tuple[str, str, bool]:
    """French message, hint, and whether the position is the key's rather than the value's. `emptied` holds the
    keys of the record written with no value (`type:` left blank in the template)."""
    kind, loc, ctx = details["type"], details["loc"], details.get("ctx") or {}
    last_key = max((i for i, step in enumerate(loc) if isinstance(step, str)), default=None)
    field = str(loc[last_key]) if last_key is not None else ""
    owner = model_at(model, loc[:last_key] if last_key is not None else ())
    if kind == "extra_forbidden":
        return (*unknown_key(field, owner), True)
    if kind == "missing":
        if len(loc) == 1 and field in emptied:
            return f"« {field} » est vide", f"{_what_to_write(owner, field)} {_description(owner, field)}".strip(), True
        return (
            f"le champ obligatoire « {field} » manque pour {describe(owner)}",
            f"Ajoutez une ligne « {field}: … ». {_description(owner, field)}",
            True,
        )
    if "hint" in ctx:  # our own French errors (fields.py)
        return details["msg"], str(ctx["hint"]), False
    value = details.get("input")
    if value is None:  # a key or a list item left blank
        if isinstance(loc[-1], int):
            return (
                f"un élément de la liste « {field} » est vide",
                "Écrivez une valeur après le tiret « - », ou retirez la ligne.",
                False,
            )
        return f"« {field} » est vide", f"{_what_to_write(owner, field)} {_description(owner, field)}".strip(), False
    value = str(value).lower() if isinstance(value, bool) else value  # as YAML writes it
    if kind in _DATE_ERRORS:
        return (
            f"date invalide « {value} » pour « {field} »",
            "Écrivez la date au format AAAA-MM-JJ, par exemple 2026-03-12.",
            False,
        )
    if kind == "literal_error":
        choices = [c.strip(" '") for c in str(ctx.get("expected", "")).replace(" or ", ", ").split(",")]
        meant = next((code for code, (name, *_) in COUNTRIES.items() if slugify(str(value)) == slugify(name)), None)
        if field == "pays" and meant is not None:  # `pays: France`
            return f"pays « {value} » écrit en toutes lettres", f"Écrivez son code : « pays: {meant} ».", False
        return (
            f"valeur « {value} » non reconnue pour « {field} »",
            did_you_mean(str(value), choices, "Valeurs possibles : " + ", ".join(choices) + "."),
            False,
        )
    if kind in ("too_short", "string_too_short"):
        required = field in owner.model_fields and owner.model_fields[field].is_required()
        what_to_do = "Remplissez-le." if required else "Remplissez-le ou retirez la ligne."
        return f"le champ « {field} » est vide", f"{what_to_do} {_description(owner, field)}", False
    if kind == "string_pattern_mismatch":
        refused = text_problem(str(value), str(ctx.get("pattern", "")))
        if refused is not None:  # a control character, or a line break in a title
            return *refused, False
        return f"format invalide « {value} » pour « {field} »", _description(owner, field), False
    if kind in ("greater_than_equal", "less_than_equal"):
        return f"valeur hors limites « {value} » pour « {field} »", _description(owner, field), False
    if kind in _TYPE_NAMES:
        shown = "une liste" if isinstance(value, list) else "un bloc" if isinstance(value, dict) else f"« {value} »"
        hint = _TYPE_HINTS.get(kind, _description(owner, field))
        if kind.startswith("float") and "," not in str(value):
            hint = _NUMBER_HINTS.get(type(details.get("input")), hint)
        if kind == "list_type" and isinstance(value, str) and " - " in value:  # "a - b": the first dash forgotten
            first = value.split(" - ", 1)[0]
            hint = f"Il manque le tiret « - » devant « {first} » : chaque élément de la liste commence par « - »."
        if kind in ("model_type", "model_attributes_type", "dict_type") and isinstance(value, str):
            hint = _block_written_as_text(value, model_at(model, loc)) or hint
        return f"« {field} » attend {_TYPE_NAMES[kind]}, pas {shown}", hint, False
    return f"valeur invalide « {value} » pour « {field} »", _description(owner, field), False


def _block_written_as_text(value: str, block: type[BaseModel]) -> str | None:
    """`- nom:Antenne`: a key with no space after its colon reads as text."""
    key = value.split(":", 1)[0].strip()
    if ":" in value and key in block.model_fields:
        return f"Il manque une espace après « {key}: » : écrivez « {key}: {value.split(':', 1)[1].strip()} »."
    return None


def _what_to_write(model: type[BaseModel], field: str) -> str:
    info = model.model_fields.get(field)
    values = choices(info.annotation) if info is not None else []
    if values:
        return "Choisissez parmi : " + ", ".join(values) + "."
    required = info is not None and info.is_required()
    return "Remplissez-le (il est obligatoire)." if required else "Remplissez-le, ou retirez la ligne."


def unknown_key(written: str, owner: type[BaseModel]) -> tuple[str, str]:
    """The message and hint for a key the block does not have: the French key when the meaning is sure (an
    English or accented key), the block the key belongs to when it was not indented under it."""
    fields = [name for name in owner.model_fields if name != "id"]
    meant = key_meant(written, fields)
    message = f"la clé « {written} » n'existe pas pour {describe(owner)}"
    if meant is not None:
        return f"{message} : écrivez « {meant} »", f"Renommez « {written}: » en « {meant}: » (les clés sont en " \
            "français, en minuscules, sans accents)."
    lookalike = characters.lookalike(written)
    if lookalike is not None:
        meant = did_you_mean(characters.latin_spelling(written), fields)
        return message, f"{lookalike} : retapez la clé au clavier. {meant}".strip()
    for name in owner.model_fields:
        inner = nested_model(owner, name)
        if inner is not None and written in inner.model_fields:
            return message, (f"« {written} » se range dans le bloc « {name} » : écrivez « {name}: » puis, "
                             f"sur la ligne suivante, « {written}: … » précédé de deux espaces.")
    return message, did_you_mean(written, fields, "Clés possibles : " + ", ".join(fields) + ".")


def _description(model: type[BaseModel], field: str) -> str:
    info = model.model_fields.get(field)
    return (info.description or "") if info else ""


def _without_empty_values(data: dict[str, Any]) -> dict[str, Any]:
    """An empty key (`publics:` left blank) means "not filled in", as if the line were absent."""
    return {key: value for key, value in data.items() if value is not None}


def _errors(exc: ValidationError, data: Any) -> Iterator[ErrorDetails]:
    """pydantic's errors, one per place: a refused value inside a list or option is reported once."""
    seen: set[tuple[str | int, ...]] = set()
    for details in exc.errors(include_url=False):
        loc = _keys_of(details["loc"], data)
        details["loc"] = loc
        if loc in seen:
            continue
        seen.add(loc)
        yield details


def _keys_of(loc: tuple[str | int, ...], data: Any) -> tuple[str | int, ...]:
    """The steps of `loc` that are keys or positions: pydantic also names the branches of a union it tried
    ("function-after[...]"), which are dropped; a key the contributor wrote is kept, brackets or not ("[x](y)")."""
    kept: list[str | int] = []
    here = data
    for step in loc:
        inside = isinstance(here, dict) and step in here
        if inside or (isinstance(here, list) and isinstance(step, int) and 0 <= step < len(here)):
            here = here[step]
        elif isinstance(step, str) and "[" in step:
            continue  # a branch's name: what is below it is still inside `here`
        else:
            here = None
        kept.append(step)
    return tuple(kept)


def validate_entry(
    document: Document, data: Any, model: type[Entry], loc: tuple[str | int, ...] = (),
    context: dict[str, Any] | None = None,
) -> tuple[Any, list[Diagnostic]]:
    """`data` (found at `loc` in the document) as a `model` instance, or None with the reasons why not."""
    if not isinstance(data, dict):
        return None, [
            error(
                document.path,
                document.locate(loc),
                f"{describe(model)} doit s'écrire comme un bloc de clés (« clé: valeur » sur chaque ligne)",
                "Comparez avec le modèle créé par « maillage new ».",
            )
        ]
    try:
        return model.model_validate(_without_empty_values(data), context=context), []
    except ValidationError as exc:
        errors = list(_errors(exc, data))
        renamed = _renamed_keys(errors, model)
        emptied = frozenset(key for key, value in data.items() if value is None)
        diagnostics = []
        for details in errors:
            if details["type"] == "missing" and tuple(details["loc"]) in renamed:
                continue  # said once, by the key written in English or with accents
            message, hint, at_key = explain(details, model, emptied)
            ctx = details.get("ctx") or {}
            where = loc + tuple(details["loc"]) + ((ctx["at"],) if ctx.get("at") else ())
            column = ctx.get("column")  # inside the value (opening hours): the character at fault
            position = document.locate_inside(where, column) if column else document.locate(where, at_key=at_key)
            found = error(document.path, position, message, hint)
            target = _refers_to(model, tuple(details["loc"]))
            if target is not None and details["type"] == "identifiant":
                found = found.about(target, str(details.get("input")))
            elif target is not None and (details.get("input") is None or _blank_key(details, emptied)):
                found = found.about(target, "")  # left blank: the hint lists what to choose from
            diagnostics.append(found)
        return None, diagnostics


def _blank_key(details: ErrorDetails, emptied: frozenset[str]) -> bool:
    loc = details["loc"]
    return len(loc) == 1 and loc[0] in emptied


def _renamed_keys(errors: list[ErrorDetails], model: type[BaseModel]) -> set[tuple[str | int, ...]]:
    """The missing fields an unknown key surely stands for (`name` for `nom`)."""
    found = set()
    for details in errors:
        if details["type"] != "extra_forbidden":
            continue
        loc = tuple(details["loc"])
        owner = model_at(model, loc[:-1])
        meant = key_meant(str(loc[-1]), list(owner.model_fields))
        if meant is not None:
            found.add((*loc[:-1], meant))
            continue
        close = difflib.get_close_matches(str(loc[-1]), list(owner.model_fields), n=1, cutoff=0.6)
        missing = {tuple(d["loc"]) for d in errors if d["type"] == "missing"}
        if close and (*loc[:-1], close[0]) in missing:  # `descritpion` for the missing `description`
            found.add((*loc[:-1], close[0]))
    return found


def _refers_to(model: type[BaseModel], loc: tuple[str | int, ...]) -> str | None:
    """The kind or taxonomy the field at `loc` names ids of, if it does."""
    keys = [i for i, step in enumerate(loc) if isinstance(step, str)]
    if not keys:
        return None
    owner = model_at(model, loc[: keys[-1]])
    info = owner.model_fields.get(str(loc[keys[-1]]))
    refers = target(info) if info is not None else None
    return refers if isinstance(refers, str) else None


def validate_record(document: Document, model: type[Record], record_id: str) -> tuple[Record | None, list[Diagnostic]]:
    """A record from its file; its id is the file name, which an `id:` key may repeat but not contradict."""
    if not is_slug(record_id):
        return None, [
            error(
                document.path,
                (0, 0),
                f"le nom du fichier « {printable(record_id)}.yml » n'est pas un identifiant valide",
                f"Renommez-le « {slugify(record_id) or 'nom-de-la-fiche'}.yml » : "
                "minuscules sans accents, chiffres et tirets.",
            )
        ]
    data = document.data
    if isinstance(data, dict):
        written = data.get("id")
        if written is not None and str(written) != record_id:
            return None, [
                error(
                    document.path,
                    document.locate(("id",)),
                    f"l'identifiant « {written} » ne correspond pas au nom du fichier « {record_id}.yml »",
                    "Retirez la ligne « id: » ou renommez le fichier : l'identifiant est le nom du fichier.",
                )
            ]
        data = {**data, "id": record_id}
    return validate_entry(document, data, model, context={PHONE_REGION: region_of(data)})


def region_of(data: Any) -> str:
    """The country national phone numbers of a record are read in: its first place's, France by default."""
    places = data.get("lieux") if isinstance(data, dict) else None
    for place in places if isinstance(places, list) else []:
        if isinstance(place, dict) and place.get("pays") in COUNTRIES:
            return str(place["pays"])
    return "FR"


def validate_terms(document: Document) -> tuple[list[Term], list[Diagnostic]]:
    """The terms of a taxonomy file (a list of blocks), each checked on its own."""
    if not isinstance(document.data, list):
        return [], [
            error(
                document.path,
                document.locate(()),
                "une taxonomie doit être une liste de termes (« - id: … » puis « label: … »)",
                "Comparez avec data/taxonomies/thematiques.yml.",
            )
        ]
    terms: list[Term] = []
    diagnostics: list[Diagnostic] = []
    for index, item in enumerate(document.data):
        term, problems = validate_entry(document, item, Term, (index,))
        diagnostics += problems
        if term is not None:
            terms.append(term)
    return terms, diagnostics
