"""The web editor at /admin/: Sveltia CMS (vendored in generator/editing/admin/), configured from the models so that
its forms never drift from the validator.

One folder collection per kind (data/actors …) whose file name is set once, at creation, from the record's name;
every field with its French title and description; fixed values as selects; taxonomy terms as relations to the
taxonomy files as they are (top-level lists of id/label: a files collection whose list is the file's root); other
records as relations to their collection; places, services, contacts as lists of blocks; dates as the validator
reads them. Saving opens a pull request (editorial workflow), which the same CI checks."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel

from generator.contract.kinds import KINDS, Kind
from generator.contract.model import Term
from generator.contract.taxonomies import TAXONOMIES
from generator.editing.shapes import Input, Shape, shape, shapes

ADMIN_ASSETS = Path(__file__).parent / "admin"  # sveltia-cms.js and its licence, as published on npm
SVELTIA_VERSION = "0.221.1"
CONFIG_FILE = "editeur-sveltia.yml"  # beside the JSON Schemas: the editor's configuration, for review and tests
TAXONOMY_COLLECTION = "taxonomies"
TERMS_FIELD = "termes"  # the name of a taxonomy file's root list (never written: the list is the file)
SUMMARY_KEYS = ("nom", "titre", "fonction", "id")
DAY_FORMAT = "YYYY-MM-DD"
MOMENT_PATTERN = r"^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2})?)?$"


@dataclass(frozen=True)
class Backend:
    """Where the editor reads and writes: a GitHub repository, or the browser's own test storage."""

    repo: str = ""  # owner/name; "" for Sveltia's test backend (files kept in the browser)
    branch: str = "main"
    auth_url: str = ""  # the OAuth worker (sveltia-cms-auth) of the network; "" allows only a personal token

    def config(self) -> dict[str, Any]:
        if not self.repo:
            return {"name": "test-repo"}
        found: dict[str, Any] = {"name": "github", "repo": self.repo, "branch": self.branch}
        if self.auth_url:
            found["base_url"] = self.auth_url
        else:
            found["auth_methods"] = ["token"]
        return found


def _label(text: str) -> str:
    return text[0].upper() + text[1:]


def _relation(shape: Shape) -> dict[str, Any]:
    if shape.input is Input.TERM:
        return {
            "widget": "relation",
            "collection": TAXONOMY_COLLECTION,
            "file": shape.taxonomy,
            "value_field": f"{TERMS_FIELD}.*.id",
            "display_fields": [f"{TERMS_FIELD}.*.label"],
            "search_fields": [f"{TERMS_FIELD}.*.label", f"{TERMS_FIELD}.*.id"],
        }
    assert shape.kind is not None
    title = shape.kind.title_field
    return {
        "widget": "relation",
        "collection": shape.kind.folder,
        "value_field": "{{slug}}",
        "display_fields": [title],
        "search_fields": [title],
    }


def field(shape: Shape) -> dict[str, Any]:
    """One Sveltia field for one field of the contract."""
    found: dict[str, Any] = {"name": shape.name, "label": shape.title, "hint": shape.description,
                             "required": shape.required}
    if shape.input in (Input.TERM, Input.RECORD):
        found.update(_relation(shape))
        if shape.many:
            found["multiple"] = True
            found["min"] = 1 if shape.required else 0
    elif shape.input is Input.CHOICE:
        found.update({"widget": "select", "options": list(shape.choices)})
        if shape.many:
            found["multiple"] = True
        if shape.default is not None and not shape.many:
            found["default"] = shape.default
    elif shape.input is Input.BLOCK:
        assert shape.block is not None
        inner = [field(s) for s in shapes(shape.block)]
        summary = next((f"{{{{fields.{k}}}}}" for k in SUMMARY_KEYS if k in shape.block.model_fields), None)
        found.update({"widget": "list" if shape.many else "object", "fields": inner, "collapsed": "auto"})
        if summary:
            found["summary"] = summary
        if shape.many:
            found["label_singular"] = _label(shape.block.described_as.split(" ", 1)[1])  # type: ignore[attr-defined]
    elif shape.input is Input.FLAG:
        found["widget"] = "boolean"
    elif shape.input is Input.DAY:
        found.update({"widget": "datetime", "type": "date", "format": DAY_FORMAT})
        if shape.name == "date_maj":
            found["default"] = "{{now}}"
    elif shape.input is Input.MOMENT:  # a date alone or a date and a time: a picker would force the time
        found.update({"widget": "string", "pattern": [MOMENT_PATTERN, "Écrivez 2027-01-14 ou 2027-01-14T09:30."]})
    elif shape.input is Input.NUMBER:
        found.update({"widget": "number", "value_type": "float"})
    elif shape.input is Input.PROSE:
        found.update({"widget": "markdown", "modes": ["rich_text", "raw"], "editor_components": []})
    elif shape.many:  # a list of short texts (the languages of a resource)
        found.update({"widget": "list", "field": {"name": "valeur", "label": shape.title, "widget": "string"}})
        if isinstance(shape.default, list):
            found["default"] = shape.default
    else:
        found["widget"] = "string"
        if shape.pattern:
            found["pattern"] = [shape.pattern, f"Format attendu : {shape.description}"]
    return found


def _fields(model: type[BaseModel]) -> list[dict[str, Any]]:
    found = [field(s) for s in shapes(model)]
    dated = [f for f in found if f["name"] == "date_maj"]
    return [f for f in found if f["name"] != "date_maj"] + dated  # the check date closes the form, as the files


def collection(kind: Kind) -> dict[str, Any]:
    title = kind.title_field
    return {
        "name": kind.folder,
        "label": _label(kind.plural),
        "label_singular": _label(kind.singular),
        "description": f"Une fiche par fichier dans data/{kind.folder}/ ; son nom de fichier vient du "
                       f"{'nom' if title == 'nom' else 'titre'} donné à la création et ne change plus.",
        "folder": f"data/{kind.folder}",
        "extension": "yml",
        "format": "yaml",
        "create": True,
        "identifier_field": title,
        "slug": f"{{{{{title}}}}}",
        "slug_length": 60,
        "summary": f"{{{{{title}}}}}",
        "fields": _fields(kind.model),
    }


def taxonomy_collection() -> dict[str, Any]:
    terms = {"name": TERMS_FIELD, "label": "Termes", "widget": "list", "root": True, "collapsed": "auto",
             "summary": "{{fields.label}}", "label_singular": "Terme",
             "fields": [field(shape(Term, name)) for name in Term.model_fields]}
    return {
        "name": TAXONOMY_COLLECTION,
        "label": "Taxonomies",
        "description": "Les listes de valeurs des fiches : thématiques, publics, territoires, types.",
        "format": "yaml",
        "files": [{"name": taxonomy.name, "label": taxonomy.title, "file": f"data/taxonomies/{taxonomy.file}",
                   "fields": [terms]} for taxonomy in TAXONOMIES],
    }


def config(backend: Backend, site_url: str = "", site_name: str = "Maillage") -> dict[str, Any]:
    found: dict[str, Any] = {
        "app_title": f"Éditeur — {site_name}",
        "backend": backend.config(),
        "publish_mode": "editorial_workflow",
        "media_folder": "data/resources/files",
        "public_folder": "",
        "slug": {"encoding": "ascii", "clean_accents": True},
        "output": {"omit_empty_optional_fields": True, "yaml": {"indent_sequences": True, "quote": "none"}},
        "collections": [*(collection(kind) for kind in KINDS), taxonomy_collection()],
    }
    if site_url:
        found["site_url"] = site_url
    return found


def render(found: dict[str, Any]) -> str:
    return ("# Written by Maillage from its models (generator/editing/cms.py): the web editor's configuration. The\n"
            "# site's /admin/config.yml is this, with the repository of mkdocs.yml (editeur_depot) as its backend.\n"
            + yaml.safe_dump(found, allow_unicode=True, sort_keys=False, width=10_000))
