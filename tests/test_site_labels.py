"""The site shows labels, never raw ids: every fixed value of the model has its French label."""

from __future__ import annotations

import typing

import pytest
from pydantic import BaseModel

from generator.contract.model import Evaluation, Identifiants, Lieu, Practice, Resource, Service, Term
from generator.site import french


def _values(model: type[BaseModel], field: str) -> set[str]:
    pending: list[object] = [model.model_fields[field].annotation]
    while pending:
        annotation = pending.pop()
        if typing.get_origin(annotation) is typing.Literal:
            return {str(value) for value in typing.get_args(annotation)}
        pending.extend(typing.get_args(annotation))
    raise AssertionError(f"{model.__name__}.{field} is not a fixed list of values")


@pytest.mark.parametrize(
    ("model", "field", "labels"),
    [
        (Service, "modalites", french.MODALITES),
        (Resource, "acces", french.ACCES),
        (Resource, "accessibilite", french.ACCESSIBILITE),
        (Practice, "statut", french.STATUT),
        (Practice, "niveau_de_preuve", french.NIVEAU_DE_PREUVE),
        (Evaluation, "type", french.EVALUATION),
        (Term, "type", french.TERRITOIRE_TYPE),
        (Lieu, "pays", french.PAYS),
    ],
)
def test_every_fixed_value_has_a_label(model: type[BaseModel], field: str, labels: dict[str, str]) -> None:
    assert _values(model, field) == set(labels)


def test_every_identifier_has_a_label() -> None:
    assert set(Identifiants.model_fields) == set(french.IDENTIFIANTS)
