"""Turning a loaded document into a record, and pydantic's errors into located French diagnostics."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from generator.contract.fields import is_slug, slugify, text_problem
from generator.contract.kinds import KINDS
from generator.contract.model import Entry, Record, Term
from generator.contract.shapes import block
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


def explain(details: ErrorDetails, model: type[BaseModel]) -> tuple[str, str, bool]:
    """French message, hint, and whether the position is the key's rather than the value's."""
    kind, loc, ctx = details["type"], details["loc"], details.get("ctx") or {}
    last_key = max((i for i, step in enumerate(loc) if isinstance(step, str)), default=None)
    field = str(loc[last_key]) if last_key is not None else ""
    owner = model_at(model, loc[:last_key] if last_key is not None else ())
    if kind == "extra_forbidden":
        fields = list(owner.model_fields)
        return (
            f"la clé « {field} » n'existe pas pour {describe(owner)}",
            did_you_mean(field, fields, "Clés possibles : " + ", ".join(fields) + "."),
            True,
        )
    if kind == "missing":
        return (
            f"le champ obligatoire « {field} » manque pour {describe(owner)}",
            f"Ajoutez une ligne « {field}: … ». {_description(owner, field)}",
            True,
        )
    if "hint" in ctx:  # our own French errors (fields.py)
        return details["msg"], str(ctx["hint"]), False
    value = details.get("input")
    value = str(value).lower() if isinstance(value, bool) else value  # as YAML writes it
    if kind in _DATE_ERRORS:
        return (
            f"date invalide « {value} » pour « {field} »",
            "Écrivez la date au format AAAA-MM-JJ, par exemple 2026-03-12.",
            False,
        )
    if kind == "literal_error":
        choices = [c.strip(" '") for c in str(ctx.get("expected", "")).replace(" or ", ", ").split(",")]
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
        return f"« {field} » attend {_TYPE_NAMES[kind]}, pas {shown}", hint, False
    return f"valeur invalide pour « {field} » : {details['msg']}", _description(owner, field), False


def _description(model: type[BaseModel], field: str) -> str:
    info = model.model_fields.get(field)
    return (info.description or "") if info else ""


def _without_empty_values(data: dict[str, Any]) -> dict[str, Any]:
    """An empty key (`publics:` left blank) means "not filled in", as if the line were absent."""
    return {key: value for key, value in data.items() if value is not None}


def _errors(exc: ValidationError) -> Iterator[ErrorDetails]:
    """pydantic's errors, one per place: a refused value inside a list or option is reported once."""
    seen: set[tuple[str | int, ...]] = set()
    for details in exc.errors(include_url=False):
        # drop the names pydantic gives to the branches of a union ("function-after[...]"): not keys
        loc = tuple(step for step in details["loc"] if isinstance(step, int) or "[" not in step)
        details["loc"] = loc
        if loc in seen:
            continue
        seen.add(loc)
        yield details


def validate_entry(
    document: Document, data: Any, model: type[Entry], loc: tuple[str | int, ...] = ()
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
        return model.model_validate(_without_empty_values(data)), []
    except ValidationError as exc:
        diagnostics = []
        for details in _errors(exc):
            message, hint, at_key = explain(details, model)
            at = (details.get("ctx") or {}).get("at")
            where = loc + tuple(details["loc"]) + ((at,) if at else ())
            diagnostics.append(error(document.path, document.locate(where, at_key=at_key), message, hint))
        return None, diagnostics


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
    return validate_entry(document, data, model)


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
