"""`maillage new`: a commented template for a new record, generated from the model itself."""

from __future__ import annotations

import typing
from datetime import date
from typing import Any

from pydantic import BaseModel
from pydantic.fields import FieldInfo

from generator.contract.model import Kind
from generator.reading.validate import nested_model

TITLE_FIELDS = ("nom", "titre")


def is_list(info: FieldInfo) -> bool:
    annotation: Any = info.annotation
    while typing.get_origin(annotation) is not None and typing.get_origin(annotation) is not list:
        annotation = next((a for a in typing.get_args(annotation) if a is not type(None)), None)
    return typing.get_origin(annotation) is list


def choices(info: FieldInfo) -> list[str]:
    pending: list[Any] = [info.annotation]
    while pending:
        annotation = pending.pop()
        if typing.get_origin(annotation) is typing.Literal:
            return [str(a) for a in typing.get_args(annotation)]
        pending.extend(typing.get_args(annotation))
    return []


def _comment(info: FieldInfo) -> str:
    parts = [info.description or ""]
    if values := choices(info):
        parts.append("Valeurs possibles : " + ", ".join(values) + ".")
    return " ".join(p for p in parts if p)


def _lines(model: type[BaseModel], values: dict[str, str]) -> list[str]:
    lines: list[str] = []
    last = ("date_maj",)  # the check date closes the record, as in the sample files
    for name, info in sorted(model.model_fields.items(), key=lambda item: item[0] in last):
        if name == "id":
            continue
        required = info.is_required()
        prefix = "" if required else "# "
        lines.append(f"# {_comment(info)}{' (obligatoire)' if required else ''}")
        nested = nested_model(model, name)
        if nested is not None:  # an example block with its keys; their help is in the JSON Schema
            many = is_list(info)
            lines.append(f"{prefix}{name}:")
            for index, key in enumerate(k for k in nested.model_fields):
                bullet = ("  - " if index == 0 else "    ") if many else "  "
                lines.append(f"{prefix}{bullet}{key}: ")
        elif name in values:
            lines.append(f"{prefix}{name}: {values[name]}")
        elif is_list(info):
            lines.append(f"{prefix}{name}:\n{prefix}  - ")
        else:
            lines.append(f"{prefix}{name}: ")
        lines.append("")
    return lines


def template(kind: Kind, title: str, today: date) -> str:
    values = {"date_maj": today.isoformat()}
    for name in TITLE_FIELDS:
        if name in kind.model.model_fields:
            values[name] = '"' + title.replace("\\", "\\\\").replace('"', '\\"') + '"'
    header = [
        f"# yaml-language-server: $schema=../../schemas/{kind.schema}.schema.json",
        f"# Nouvelle fiche : {kind.with_article}. Remplissez les champs obligatoires ; pour un champ facultatif,",
        "# retirez le « # » en début de ligne. Vérifiez ensuite avec « maillage validate ».",
        "",
    ]
    return "\n".join(header + _lines(kind.model, values)).rstrip() + "\n"
