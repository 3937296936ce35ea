"""What a field of the contract asks a person to fill in, read from the pydantic models: one line of text, Markdown,
a fixed value, a taxonomy term, another record, yes or no, a date, a number or a block of keys, and whether it
holds a list. The CMS configuration, the issue forms and the public proposal form are all written from this."""

from __future__ import annotations

import typing
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from typing import Any

from pydantic import BaseModel
from pydantic.fields import FieldInfo

from generator.contract.fields import LINE_PATTERN, PROSE_PATTERN
from generator.contract.kinds import KIND_BY_NAME, Kind
from generator.contract.model import Record
from generator.contract.shapes import block, choices, is_list, target
from generator.contract.taxonomies import TAXONOMIES


class Input(StrEnum):
    LINE = "ligne"
    PROSE = "texte"
    CHOICE = "choix"  # one of the model's fixed values (a Literal)
    TERM = "terme"  # a term of a taxonomy file
    RECORD = "fiche"  # the id of another record
    FLAG = "oui-non"
    DAY = "date"
    MOMENT = "date-heure"  # a date, or a date and a time
    NUMBER = "nombre"
    BLOCK = "bloc"  # a nested model


@dataclass(frozen=True)
class Shape:
    name: str
    title: str
    description: str
    required: bool
    many: bool
    input: Input
    choices: tuple[str, ...] = ()
    taxonomy: str = ""  # for TERM: the taxonomy file's name
    kind: Kind | None = None  # for RECORD
    block: type[BaseModel] | None = None  # for BLOCK
    default: Any = None
    pattern: str = ""  # a pattern of the value's own (SIRET, language codes), besides the text patterns
    format: str = ""  # "email", "uri" (JSON Schema's word for a web address), or ""


def _parts(annotation: Any) -> list[Any]:
    """Every type an annotation is made of (Optional, list, Annotated unwrapped), with their metadata."""
    found: list[Any] = []
    pending = [annotation]
    while pending:
        current = pending.pop()
        found.append(current)
        if typing.get_origin(current) is typing.Annotated:
            found.extend(current.__metadata__)
        pending.extend(typing.get_args(current))
    return found


def _format(parts: list[Any]) -> str:
    for part in parts:
        extra = getattr(part, "json_schema_extra", None)
        if isinstance(extra, dict) and isinstance(extra.get("format"), str):
            return extra["format"]
    return ""


def _patterns(info: FieldInfo, parts: list[Any]) -> list[str]:
    found = [getattr(m, "pattern", None) for m in [*info.metadata, *parts]]
    for part in parts:
        for meta in getattr(part, "metadata", ()) or ():
            found.append(getattr(meta, "pattern", None))
    return [p for p in found if isinstance(p, str)]


def shape(model: type[BaseModel], name: str) -> Shape:
    info = model.model_fields[name]
    parts = [*info.metadata, *_parts(info.annotation)]  # pydantic moves a field's own Annotated[...] to metadata
    refers, values, nested = target(info), choices(info.annotation), block(info.annotation)
    patterns = _patterns(info, parts)
    own = next((p for p in patterns if p not in (LINE_PATTERN, PROSE_PATTERN)), "")
    common: dict[str, Any] = {
        "name": name,
        "title": info.title or name,
        "description": info.description or "",
        "required": info.is_required() and not (name == "id" and issubclass(model, Record)),  # a record's: its file
        "many": is_list(info.annotation),
        "default": None if info.is_required() else info.default,
    }
    if isinstance(refers, str) and refers in TAXONOMIES:
        return Shape(**common, input=Input.TERM, taxonomy=refers)
    if isinstance(refers, str):
        return Shape(**common, input=Input.RECORD, kind=KIND_BY_NAME[refers])
    if values:
        return Shape(**common, input=Input.CHOICE, choices=tuple(values))
    if nested is not None:
        return Shape(**common, input=Input.BLOCK, block=nested)
    if bool in parts:
        return Shape(**common, input=Input.FLAG)
    if datetime in parts:
        return Shape(**common, input=Input.MOMENT)
    if date in parts:
        return Shape(**common, input=Input.DAY)
    if float in parts or int in parts:
        return Shape(**common, input=Input.NUMBER)
    if PROSE_PATTERN in patterns:
        return Shape(**common, input=Input.PROSE)
    return Shape(**common, input=Input.LINE, pattern=own, format=_format(parts))


def shapes(model: type[BaseModel]) -> list[Shape]:
    """The fields a person fills in, in the model's order (the id is the file name: never asked)."""
    return [shape(model, name) for name in model.model_fields if name != "id"]
