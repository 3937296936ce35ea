"""The field reference of the documentation, written from the models so that it never drifts from them."""

from __future__ import annotations

from pydantic import BaseModel

from generator.contract.model import KINDS, Term
from generator.contract.scaffold import choices
from generator.reading.validate import nested_model


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _what(model: type[BaseModel], name: str) -> str:
    info = model.model_fields[name]
    parts = [info.description or ""]
    if values := choices(info):
        parts.append("Valeurs : " + ", ".join(f"`{v}`" for v in values) + ".")
    return _cell(" ".join(p for p in parts if p))


def _table(model: type[BaseModel], title: str, level: str) -> list[str]:
    lines = [f"{level} {title}", "", "| Clé | Obligatoire | Description |", "| --- | --- | --- |"]
    nested: list[tuple[str, type[BaseModel]]] = []
    for name, info in model.model_fields.items():
        required = "oui" if info.is_required() and name != "id" else ""
        lines.append(f"| `{name}` | {required} | {_what(model, name)} |")
        inner = nested_model(model, name)
        if inner is not None:
            nested.append((name, inner))
    lines.append("")
    for name, inner in nested:
        lines += _table(inner, f"`{name}` : {inner.described_as}", level + "#")  # type: ignore[attr-defined]
    return lines


def field_reference() -> str:
    """Markdown: one table per kind of record (and per nested block), then the taxonomy terms."""
    lines = [
        "# Référence des champs",
        "",
        "Chaque fiche est un fichier YAML ; son identifiant est le nom du fichier. Les clés inconnues sont refusées,",
        "pour qu'une faute de frappe ne fasse jamais disparaître une information.",
        "",
    ]
    for kind in KINDS:
        lines += _table(kind.model, f"{kind.singular.capitalize()} (`data/{kind.folder}/<id>.yml`)", "##")
    lines += _table(Term, "Terme de taxonomie (`data/taxonomies/*.yml`)", "##")
    return "\n".join(lines)
