"""What a field's type says: the record kind or taxonomy it refers to, the block nested in it, whether it holds
a list, its fixed choices.

One walk over a field's annotation (`Annotated`, unions, lists, literals) serves every reader of the models:
linking, validation messages, the exports' columns, the new-record template, the link checker.
"""

from __future__ import annotations

import typing
from collections.abc import Iterator
from functools import cache
from typing import Any

from pydantic import BaseModel
from pydantic.fields import FieldInfo

from generator.contract.fields import RefersTo

Target = str | type[BaseModel] | None  # a kind name, a taxonomy name, a nested block, or a plain value


def nodes(annotation: Any) -> Iterator[Any]:
    """The annotation and every type inside it, outermost first, left to right (without recursion)."""
    pending = [annotation]
    while pending:
        current = pending.pop()
        yield current
        pending.extend(reversed(typing.get_args(current)))


def _is_block(node: Any) -> bool:
    return isinstance(node, type) and issubclass(node, BaseModel)


def block(annotation: Any) -> type[BaseModel] | None:
    """The nested model of a field (`Lieu` for `list[Lieu]`, `Periode` for `Periode | None`), if any."""
    return next((node for node in nodes(annotation) if _is_block(node)), None)


def target(info: FieldInfo) -> Target:
    """What a field points to: a kind or taxonomy name (`RefersTo`), a nested model, or nothing."""
    for meta in info.metadata:
        if isinstance(meta, RefersTo):
            return meta.kind
    for node in nodes(info.annotation):
        found = next((m.kind for m in getattr(node, "__metadata__", ()) if isinstance(m, RefersTo)), None)
        if found is not None:
            return found
        if _is_block(node):
            return node
    return None


def is_list(annotation: Any) -> bool:
    return any(typing.get_origin(node) is list for node in nodes(annotation))


def choices(annotation: Any) -> list[str]:
    """The values of a `Literal` field (["sur-place", "a-distance", …]), or none."""
    found = next((node for node in nodes(annotation) if typing.get_origin(node) is typing.Literal), None)
    return [str(value) for value in typing.get_args(found)] if found is not None else []


def contains(annotation: Any, part: Any) -> bool:
    """Whether `part` (a type alias such as `Url`) is the annotation or inside it."""
    return any(node == part for node in nodes(annotation))


@cache
def plan(model: type[BaseModel]) -> tuple[tuple[str, Target, bool], ...]:
    """(name, target, holds a list) of every field of a model, in declaration order."""
    return tuple((name, target(info), is_list(info.annotation)) for name, info in model.model_fields.items())


@cache
def paths_to(model: type[BaseModel], name: str) -> tuple[tuple[str, ...], ...]:
    """The fields of `model` referring to the kind or taxonomy `name`, nested blocks included:
    (("publics",), ("services", "publics")) for an actor's publics."""
    found: list[tuple[str, ...]] = []
    for field, target, _ in plan(model):
        if target == name:
            found.append((field,))
        elif isinstance(target, type):
            found += [(field, *rest) for rest in paths_to(target, name)]
    return tuple(found)


def values_at(entry: BaseModel, path: tuple[str, ...]) -> Iterator[Any]:
    """The values at the end of `path`, lists and optional blocks along the way flattened."""
    value = getattr(entry, path[0], None)
    for item in value if isinstance(value, list) else [value]:
        if item is None:
            continue
        if len(path) == 1:
            yield item
        else:
            yield from values_at(item, path[1:])


def references(entry: BaseModel, loc: tuple[str | int, ...] = ()) -> Iterator[tuple[tuple[str | int, ...], str, str]]:
    """(location, kind or taxonomy name, id) of every id an entry names, nested blocks included."""
    for name, found, _ in plan(type(entry)):
        if found is None:
            continue
        value = getattr(entry, name)
        items = list(enumerate(value)) if isinstance(value, list) else [(None, value)]
        for index, item in items:
            where = loc + (name,) + ((index,) if index is not None else ())
            if item is None:
                continue
            if isinstance(found, str):
                yield where, found, item
            else:
                yield from references(item, where)
