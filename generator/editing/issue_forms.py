"""GitHub issue forms written from the proposal forms (forms.py) and the taxonomies: « Proposer ou mettre à jour une
structure », « Proposer un événement », and « Signaler une erreur », which a record's page opens prefilled.

A taxonomy field is a dropdown of « Libellé [id] » options (the id in brackets is what `maillage proposition`
reads back); another record is named by its identifier or its page's address, one per line."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from generator.editing.forms import FORMS, Form, Question
from generator.editing.shapes import Input
from generator.editing.terms import Terms, askable, option

PROPOSAL_LABEL = "proposition"  # set by the forms: anyone may use it
ACCEPTED_LABEL = "proposition-acceptee"  # set by a maintainer: the workflow turns the issue into a pull request
PROPOSAL_HEADER = (
    "# Written by `maillage schema` from generator/editing/forms.py and data/taxonomies/: edit those, then run\n"
    f"# `make schemas`. A maintainer's label « {ACCEPTED_LABEL} » turns the issue into a pull request\n"
    "# (.github/workflows/proposition.yml), which `maillage proposition` writes from the issue's body.\n"
)
REPORT_HEADER = (
    "# Written by `maillage schema` (generator/editing/issue_forms.py). « Signaler une erreur » on every record\n"
    "# page opens this form, its fields filled from the page (each field's id is a query parameter of the link: see\n"
    "# signaler_url in mkdocs.yml). The label is set by the form itself, so that anyone can report, without the\n"
    "# right to label issues.\n"
)
FLAG_OPTIONS = ("Oui", "Non")
_PLACEHOLDERS = {
    Input.DAY: "AAAA-MM-JJ, par exemple 2027-01-14",
    Input.MOMENT: "2027-01-14 09:30 (ou seulement la date : 2027-01-14)",
    Input.NUMBER: "50.63",
}


def _description(question: Question) -> str:
    shape = question.shape
    text = shape.description
    if shape.input is Input.RECORD and shape.kind is not None:
        text += f" Une fiche par ligne : son identifiant ou l'adresse de sa page ({shape.kind.section}/…)."
    if shape.input is Input.CHOICE and not shape.many:
        text += " Valeurs : " + ", ".join(shape.choices) + "."
    return text.strip()


def _element(question: Question, terms: Terms) -> dict[str, Any]:
    shape = question.shape
    attributes: dict[str, Any] = {"label": question.label, "description": _description(question)}
    if shape.input is Input.TERM:
        kind = "dropdown"
        attributes["multiple"] = shape.many
        attributes["options"] = [option(term) for term in terms[shape.taxonomy]]
    elif shape.input is Input.CHOICE:
        kind = "dropdown"
        attributes["multiple"] = shape.many
        attributes["options"] = list(shape.choices)
    elif shape.input is Input.FLAG:
        kind = "dropdown"
        attributes["options"] = list(FLAG_OPTIONS)
    elif shape.input in (Input.PROSE, Input.RECORD) or shape.many:
        kind = "textarea"
    else:
        kind = "input"
        if shape.input in _PLACEHOLDERS:
            attributes["placeholder"] = _PLACEHOLDERS[shape.input]
    return {"type": kind, "id": question.id, "attributes": attributes, "validations": {"required": question.required}}


def issue_form(form: Form, terms: Terms) -> dict[str, Any]:
    return {
        "name": form.name,
        "description": form.description,
        "title": form.issue_title,
        "labels": [PROPOSAL_LABEL],
        "body": [
            {"type": "markdown", "attributes": {"value": form.intro}},
            *(_element(question, terms) for question in form.questions),
        ],
    }


def report_form() -> dict[str, Any]:
    """« Signaler une erreur »: each field's id is a query parameter of the record page's link (signaler_url)."""
    return {
        "name": "Signaler une erreur sur une fiche",
        "description": "Une information de l'annuaire est inexacte, incomplète ou dépassée.",
        "title": "Erreur sur une fiche",
        "labels": ["signalement"],
        "body": [
            {"type": "markdown", "attributes": {"value": (
                "Merci de nous aider à garder l'annuaire juste. Ce signalement est public : n'y écrivez pas "
                "d'information personnelle (santé, adresse privée…). Pas de compte GitHub ? Utilisez le lien "
                "« Signaler une erreur par courriel » de la fiche.")}},
            {"type": "input", "id": "fiche", "attributes": {
                "label": "Adresse de la fiche", "description": "Remplie automatiquement quand vous venez de la fiche.",
                "placeholder": "https://…/acteurs/…/"}, "validations": {"required": True}},
            {"type": "input", "id": "fichier", "attributes": {
                "label": "Fichier de la fiche",
                "description": "Rempli automatiquement ; il aide l'équipe à corriger plus vite.",
                "placeholder": "data/actors/…yml"}, "validations": {"required": False}},
            {"type": "textarea", "id": "probleme", "attributes": {
                "label": "Ce qui est inexact",
                "description": "Par exemple « le numéro de téléphone a changé » ou « les horaires du samedi sont "
                "faux »."}, "validations": {"required": True}},
            {"type": "textarea", "id": "correction", "attributes": {
                "label": "La bonne information",
                "description": "Si vous la connaissez, avec où la vérifier (site officiel, affiche, appel…)."},
             "validations": {"required": False}},
            {"type": "dropdown", "id": "qui", "attributes": {"label": "Vous êtes", "options": [
                "Membre de la structure concernée", "Professionnel ou professionnelle d'une autre structure",
                "Usager, usagère ou visiteur", "Autre"]}, "validations": {"required": False}},
        ],
    }


class _Dumper(yaml.SafeDumper):
    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)  # list items indented under their key, as GitHub's examples are


def render(form: dict[str, Any], header: str) -> str:
    return header + yaml.dump(form, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=10_000)


def issue_forms(terms: Terms) -> dict[str, str]:
    """File name -> text, for .github/ISSUE_TEMPLATE/."""
    found = {f"{form.slug}.yml": render(issue_form(form, terms), PROPOSAL_HEADER) for form in FORMS
             if askable(form.questions, lambda name: bool(terms.get(name)))}
    found["signaler-une-erreur.yml"] = render(report_form(), REPORT_HEADER)
    return found


def write_issue_forms(folder: Path, terms: Terms) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in issue_forms(terms).items():
        (folder / name).write_text(text, encoding="utf-8")
        written.append(folder / name)
    return written
