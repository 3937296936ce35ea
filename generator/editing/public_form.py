"""« Proposer une fiche » (/proposer/): the proposal forms on the public site, for people without a GitHub account.

The page needs no server: its script (assets/maillage/proposer.js) checks what it can in the browser, then opens an
e-mail to the network's coordination (`courriel_coordination`) whose body is written as GitHub writes an issue form's
(`### Libellé` sections, « Libellé [id] » for terms, `_No response_` where nothing was given), so that
`maillage proposition` reads it back as it reads an issue. The page exists only when the address is set."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from generator.editing.forms import FORMS, Form, Question
from generator.editing.issue_forms import FLAG_OPTIONS
from generator.editing.shapes import Input
from generator.editing.terms import askable
from generator.reading.catalog import Catalog
from generator.site.page import Body, Page
from generator.site.renderer import Crumb, Renderer

PROPOSAL_PATH = "proposer/"
_TYPES = {Input.DAY: "date", Input.NUMBER: "text"}  # a moment is text: a date alone, or a date and a time
_FORMATS = {"email": "email", "uri": "url"}


@dataclass(frozen=True)
class Control:
    """One question as an HTML control."""

    id: str
    label: str
    description: str
    required: bool
    control: str  # input, textarea, select, checkboxes
    type: str = "text"  # of an input
    options: tuple[tuple[str, str], ...] = ()  # (value the e-mail holds, label shown)
    placeholder: str = ""


def _options(question: Question, catalog: Catalog) -> tuple[tuple[str, str], ...]:
    shape = question.shape
    if shape.input is Input.TERM:
        terms = catalog.taxonomies[shape.taxonomy].terms.values()
        return tuple((f"{term.label} [{term.id}]", term.label) for term in terms)
    if shape.input is Input.FLAG:
        return tuple((value, value) for value in FLAG_OPTIONS)
    return tuple((value, value) for value in shape.choices)


def control(form: Form, question: Question, catalog: Catalog) -> Control:
    shape = question.shape
    common: dict[str, Any] = {"id": f"mj-p-{form.slug}-{question.id}", "label": question.label,
                              "description": shape.description, "required": question.required}
    if shape.input in (Input.TERM, Input.CHOICE, Input.FLAG):
        kind = "checkboxes" if shape.many else "select"
        return Control(**common, control=kind, options=_options(question, catalog))
    if shape.input is Input.RECORD:
        assert shape.kind is not None
        hint = f"Une fiche par ligne : son identifiant ou l'adresse de sa page ({shape.kind.section}/…)"
        return Control(**common, control="textarea", placeholder=hint)
    if shape.input is Input.PROSE or shape.many:
        return Control(**common, control="textarea")
    if shape.input is Input.MOMENT:
        return Control(**common, control="input", placeholder="14/01/2027 09:30, ou la date seule : 14/01/2027")
    kind = _TYPES.get(shape.input) or _FORMATS.get(shape.format) or ("tel" if shape.name == "telephone" else "text")
    return Control(**common, control="input", type=kind)


@dataclass(frozen=True)
class FormView:
    form: Form
    controls: tuple[Control, ...]


def views(catalog: Catalog) -> list[FormView]:
    def has_terms(name: str) -> bool:
        return name in catalog.taxonomies and bool(catalog.taxonomies[name].terms)

    return [FormView(form, tuple(control(form, q, catalog) for q in form.questions)) for form in FORMS
            if askable(form.questions, has_terms)]


def proposal_page(renderer: Renderer) -> list[Page]:
    address = renderer.settings.coordination_email
    if not address:
        return []

    def render() -> Body:
        return renderer.render_template(
            "proposer.html", PROPOSAL_PATH, crumbs=[Crumb("Accueil", ""), Crumb("Proposer une fiche", None)],
            forms=views(renderer.catalog), address=address)

    return [Page(path=PROPOSAL_PATH, title="Proposer une fiche ou une mise à jour", render=render, kind="proposal",
                 description="Proposer une structure ou un événement pour l'annuaire, sans compte, par courriel.")]
