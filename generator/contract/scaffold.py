"""`maillage new`: a commented template for a new record, generated from the model itself."""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel
from pydantic.fields import FieldInfo

from generator.contract.kinds import Kind
from generator.contract.shapes import block, choices, is_list


def _comment(info: FieldInfo) -> str:
    parts = [info.description or ""]
    if values := choices(info.annotation):
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
        nested = block(info.annotation)
        if nested is not None:  # an example block with its keys; their help is in the JSON Schema
            many = is_list(info.annotation)
            lines.append(f"{prefix}{name}:")
            for index, key in enumerate(k for k in nested.model_fields):
                bullet = ("  - " if index == 0 else "    ") if many else "  "
                lines.append(f"{prefix}{bullet}{key}: ")
        elif name in values:
            lines.append(f"{prefix}{name}: {values[name]}")
        elif is_list(info.annotation):
            lines.append(f"{prefix}{name}:\n{prefix}  - ")
        else:
            lines.append(f"{prefix}{name}: ")
        lines.append("")
    return lines


def template(kind: Kind, title: str, today: date) -> str:
    values = {"date_maj": today.isoformat()}
    if kind.title_field in kind.model.model_fields:
        values[kind.title_field] = '"' + title.replace("\\", "\\\\").replace('"', '\\"') + '"'
    header = [
        f"# yaml-language-server: $schema=../../schemas/{kind.schema}.schema.json",
        f"# Nouvelle fiche : {kind.with_article}. Remplissez les champs obligatoires ; pour un champ facultatif,",
        "# retirez le « # » en début de ligne. Vérifiez ensuite avec « maillage validate ».",
        "",
    ]
    return "\n".join(header + _lines(kind.model, values)).rstrip() + "\n"
