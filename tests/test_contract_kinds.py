"""The registry of kinds: a kind defined only here (trainings) goes through the real site, and no
module outside the registry and the models names a kind.

Adding a kind takes five files: its registry entry, its model, its template, sample records and the generated
schema. The test kind brings the first three itself (`KINDS.registered`, a model, a template folder), writes
sample records into a copy of the test network and generates the schema; everything else (reading, linking,
record and list pages, search data, exports, the command's words) must follow from the registry.
"""

from __future__ import annotations

import ast
import csv
import gzip
import io
import json
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from conftest import BuiltSite, build_site, copy_project

from generator.contract.fields import ActorId, Territoire, Thematique
from generator.contract.kinds import KIND_BY_NAME, KINDS, Kind, Relation
from generator.contract.model import Day, Markdown, Record, Text, doc
from generator.contract.nouns import Gender, Noun, feminine, masculine
from generator.contract.schema import write_schemas
from generator.contract.taxonomies import TAXONOMIES
from generator.reading.directory import read_directory
from generator.settings import Settings
from generator.site.index import Listed, SiteIndex

PACKAGE = Path(__file__).resolve().parent.parent / "generator"


class Training(Record):
    """A training course: the test-only kind."""

    titre: Text = doc("Titre de la formation.")
    description: Markdown = doc("Ce que la formation apprend, pour qui (Markdown).")
    porteur: ActorId = doc("Acteur qui organise la formation (identifiant d'acteur).")
    date_limite: Day = doc("Date limite d'inscription (AAAA-MM-JJ).")
    thematiques: list[Thematique] = doc("Thématiques (liste : data/taxonomies/thematiques.yml).", min_length=1)
    territoires: list[Territoire] = doc("Territoires concernés (liste : data/taxonomies/territoires.yml).", default=[])

    @property
    def title(self) -> str:
        return self.titre


TEMPLATE = """\
{% extends "record.html" %}
{% import "_macros.html" as m with context %}
{% block lead %}<div class="mj-lead">{{ record.description | markdown }}</div>{% endblock %}
{% block facts %}
{% call m.fact("Porteur") %}{{ m.link(related.carrier) }}{% endcall %}
{% call m.fact("Date limite") %}{{ record.date_limite | date_fr }}{% endcall %}
{% call m.fact("Thématiques") %}{{ m.terms("thematiques", record.thematiques) }}{% endcall %}
{% endblock %}
"""

TRAININGS = {
    "formation-prevention-2027": """\
titre: Formation prévention 2027
description: |
  Mener des actions de **prévention** en santé sexuelle auprès des jeunes, pour les associations du
  territoire.
porteur: {actor}
date_limite: 2027-03-31
thematiques:
  - sante-sexuelle--depistage
territoires:
  - frontiere-franco-belge
date_maj: 2026-10-01
""",
    "formation-aller-vers": """\
titre: Aller-vers en milieu rural
description: Des équipes mobiles pour aller à la rencontre des publics éloignés des lieux de soin et d'accueil.
porteur: {actor}
date_limite: 2027-01-15
thematiques:
  - sante-sexuelle
date_maj: 2026-09-12
""",
}


def training_kind(templates: Path) -> Kind:
    return Kind(
        name="training",
        noun=feminine("formation"),
        model=Training,
        folder="trainings",
        section="formations",
        schema="formation",
        title="Formations",
        intro="Les formations ouvertes aux acteurs du réseau.",
        export="formations",
        export_description="Les formations, à venir et passées.",
        jsonld="Course",
        deadline="date_limite",  # open until that day: « Ouvertes » and « Closes », a feed of the open ones
        relations=(Relation("carrier", ("porteur",)),),
        templates=templates,
    )


@pytest.fixture(scope="module")
def training_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[BuiltSite, Kind]]:
    root = tmp_path_factory.mktemp("kind")
    templates = root / "templates"
    templates.mkdir()
    (templates / "training.html").write_text(TEMPLATE, encoding="utf-8")
    project = copy_project(root / "project")
    actor = sorted((project / "data" / "actors").glob("*.yml"))[0].stem
    for name, text in TRAININGS.items():
        path = project / "data" / "trainings" / f"{name}.yml"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text.format(actor=actor), encoding="utf-8")
    with KINDS.registered(training_kind(templates)) as kind:
        yield build_site(project, project / "site"), kind


@pytest.mark.slow
def test_the_kind_is_registered_only_for_the_test(training_site: tuple[BuiltSite, Kind]) -> None:
    _, kind = training_site
    assert KIND_BY_NAME["training"] is kind and list(KINDS)[-1] is kind
    assert kind.noun.definite == "la formation" and kind.noun.of_the == "de la formation"


@pytest.mark.slow
def test_its_records_are_read_and_linked(training_site: tuple[BuiltSite, Kind]) -> None:
    built, kind = training_site
    reading = read_directory(built.project / "data")
    assert reading.errors == []
    assert sorted(r.id for r in reading.catalog.of(kind)) == sorted(TRAININGS)


@pytest.mark.slow
@pytest.mark.usefixtures("training_site")
def test_a_wrong_reference_is_explained_in_french(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    (project / "data" / "trainings").mkdir()
    (project / "data" / "trainings" / "formation-sans-porteur.yml").write_text(
        TRAININGS["formation-aller-vers"].format(actor="acteur-qui-n-existe-pas"), encoding="utf-8"
    )
    unfinished = "titre: Sans le reste\ndate_maj: 2026-01-01\n"
    (project / "data" / "trainings" / "formation-mal-ecrite.yml").write_text(unfinished, encoding="utf-8")
    messages = [d.message for d in read_directory(project / "data").diagnostics]
    assert "acteur inconnu « acteur-qui-n-existe-pas »" in messages
    assert any("une formation" in m for m in messages), messages  # what it lacks, named by its kind


@pytest.mark.slow
def test_its_record_pages_show_it(training_site: tuple[BuiltSite, Kind]) -> None:
    built, _ = training_site
    assert built.warnings == []
    html = built.page("formations/formation-prevention-2027")
    assert '<article class="mj-record mj-record--training" data-pagefind-body>' in html
    assert "<h1>Formation prévention 2027</h1>" in html
    assert "<strong>prévention</strong>" in html
    assert "31 mars 2027" in html  # its own template's facts
    assert "Voir la liste des formations" in html
    ld = json.loads(html.split('<script type="application/ld+json">')[1].split("</script>")[0])
    assert ld["@type"] == "Course" and ld["name"] == "Formation prévention 2027"
    assert ld["description"].startswith("Mener des actions de prévention")


@pytest.mark.slow
def test_its_list_page_and_the_menu_of_kinds(training_site: tuple[BuiltSite, Kind]) -> None:
    built, _ = training_site
    listing = built.page("formations")
    assert "<h1>Formations</h1>" in listing
    assert "Les formations ouvertes aux acteurs du réseau." in listing
    assert "2 formations" in listing
    assert 'href="../formations/formation-aller-vers/"' in listing
    assert 'href="../formations/formation-prevention-2027/"' in listing
    home = built.page("")
    assert "formations</span>" in home


@pytest.mark.slow
def test_its_deadline_gives_open_and_closed_lists_and_a_feed(training_site: tuple[BuiltSite, Kind]) -> None:
    built, _ = training_site
    listing = built.page("formations")
    assert '<h2 id="ouverts">Ouvertes</h2>' in listing and '<h2 id="clos">' not in listing  # both open on 2026-11-23
    assert "jusqu'au <time datetime=\"2027-01-15\">15 janvier 2027</time>" in listing
    assert listing.index("formation-aller-vers/") < listing.index("formation-prevention-2027/")  # nearest first
    assert 'href="../formations/formations.atom"' in listing and "Suivre les formations ouvertes" in listing
    feed = ET.fromstring((built.site / "formations" / "formations.atom").read_bytes())
    atom = "{http://www.w3.org/2005/Atom}"
    assert feed.findtext(f"{atom}title", "").startswith("Formations ouvertes — ")
    assert [e.findtext(f"{atom}id", "").rsplit("/", 2)[-2] for e in feed.findall(f"{atom}entry")] == [
        "formation-aller-vers", "formation-prevention-2027"]


@pytest.mark.slow
def test_its_records_are_found_under_their_terms(training_site: tuple[BuiltSite, Kind]) -> None:
    built, _ = training_site
    folder = built.site / "thematiques" / "sante-sexuelle"  # a parent term gathers its children's records too
    pages = "".join(path.read_text(encoding="utf-8") for path in sorted(folder.rglob("index.html")))
    assert "Formation prévention 2027" in pages and "Aller-vers en milieu rural" in pages
    assert '<h2 id="formations">Formations</h2>' in pages
    assert "2 formations" in built.page("thematiques/sante-sexuelle")  # the counts per kind, on page 1


@pytest.mark.slow
def test_its_relations_resolve_both_ways(training_site: tuple[BuiltSite, Kind]) -> None:
    """Its page names its carrier; an actor's page could name the trainings it carries by declaring the reverse
    relation (Relation(..., source="training")) in the actor's entry."""
    built, kind = training_site
    catalog = read_directory(built.project / "data").catalog
    index = SiteIndex(catalog, Settings(today=date(2026, 11, 23)))
    training = index.entry(kind, "formation-aller-vers")
    assert training is not None
    carrier = index.related(training)["carrier"]
    assert isinstance(carrier, Listed) and carrier.kind.name == "actor"
    carried = index.relation(carrier, Relation("trainings", ("porteur",), source="training"))
    assert isinstance(carried, list)
    assert [e.record.id for e in carried] == ["formation-aller-vers", "formation-prevention-2027"]
    assert f'href="../../acteurs/{carrier.record.id}/"' in built.page("formations/formation-aller-vers")


def _search_fragments(site: Path) -> list[dict[str, Any]]:
    fragments = []
    for path in sorted((site / "pagefind" / "fragment").glob("*.pf_fragment")):
        data = gzip.decompress(path.read_bytes())
        fragments.append(json.loads(data[data.index(b"{"):]))
    return fragments


@pytest.mark.slow
def test_its_records_are_in_the_search_index(training_site: tuple[BuiltSite, Kind]) -> None:
    built, _ = training_site
    html = built.page("formations/formation-aller-vers")
    assert 'data-pagefind-filter="fiche[data-value]" data-value="formation"' in html
    found = [f for f in _search_fragments(built.site) if f.get("url", "").startswith("/formations/")]
    titles = sorted(f["meta"]["title"] for f in found)
    assert titles == ["Aller-vers en milieu rural", "Formation prévention 2027"]
    assert all(f["filters"]["fiche"] == ["formation"] for f in found)
    assert found[0]["meta"]["kind"] == "Formation"
    search = built.page("recherche")
    assert "Formations" in search  # a value of the kind facet
    assert "ou une formation du réseau" in search  # the page's description, with its article


@pytest.mark.slow
def test_its_records_are_in_the_exports(training_site: tuple[BuiltSite, Kind]) -> None:
    built, _ = training_site
    folder = built.site / "donnees"
    directory = json.loads((folder / "annuaire.json").read_text(encoding="utf-8"))
    assert directory["nombre"]["formations"] == 2
    assert [r["id"] for r in directory["formations"]] == ["formation-aller-vers", "formation-prevention-2027"]
    carrier = directory["formations"][0]["porteur"]
    assert carrier["page"].endswith(f"/acteurs/{carrier['id']}/") and carrier["titre"]
    rows = list(csv.DictReader(io.StringIO((folder / "formations.csv").read_text(encoding="utf-8-sig"))))
    assert [row["id"] for row in rows] == ["formation-aller-vers", "formation-prevention-2027"]
    assert rows[0]["page"].endswith("/formations/formation-aller-vers/")
    assert rows[0]["porteur_nom"] and rows[0]["thematiques_libelles"] == "Santé sexuelle"
    assert rows[0]["date_limite"] == "2027-01-15"
    donnees = built.page("donnees")
    assert "formations.csv" in donnees and "Les formations, à venir et passées." in donnees
    assert "événements, appels, formations) et les taxonomies" in donnees  # the directory lists every kind


@pytest.mark.slow
def test_its_schema_is_generated(tmp_path: Path, training_site: tuple[BuiltSite, Kind]) -> None:
    written = {path.name for path in write_schemas(tmp_path)}
    assert "formation.schema.json" in written
    schema = json.loads((tmp_path / "formation.schema.json").read_text(encoding="utf-8"))
    assert set(schema["required"]) >= {"titre", "porteur", "date_limite", "date_maj"}
    assert schema["title"] == "Fiche formation — Maillage"


@pytest.mark.slow
def test_the_command_creates_one(tmp_path: Path, training_site: tuple[BuiltSite, Kind]) -> None:
    from generator.cli import main

    assert main(["new", "formation", "Formation vaccination", "--data", str(tmp_path)]) == 0
    text = (tmp_path / "trainings" / "formation-vaccination.yml").read_text(encoding="utf-8")
    assert "# Nouvelle fiche : une formation." in text and 'titre: "Formation vaccination"' in text


# --- no module outside the registry names a kind ------------------------------------------------------

ALLOWED = {PACKAGE / "contract" / "kinds.py", PACKAGE / "contract" / "model.py", PACKAGE / "contract" / "fields.py",
           PACKAGE / "contract" / "keys.py"}  # keys.py: English keys, one of which is « resources » (a practice's)


def _shown(path: Path) -> str:
    return str(path.relative_to(PACKAGE.parent)) if path.is_relative_to(PACKAGE.parent) else path.name


def kind_names_in(path: Path, names: set[str]) -> list[str]:
    """The string literals of a module equal to a kind's name ("actor" …), docstrings and comments aside."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = {id(node.body[0].value) for node in ast.walk(tree)
                  if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef)
                  and node.body and isinstance(node.body[0], ast.Expr)}
    return [f"{_shown(path)}:{node.lineno}: {node.value!r}" for node in ast.walk(tree)
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value in names
            and id(node) not in docstrings]


def test_no_module_outside_the_registry_names_a_kind() -> None:
    names = {kind.name for kind in KINDS} | {kind.folder for kind in KINDS}
    found = [hit for path in sorted(PACKAGE.rglob("*.py")) if path not in ALLOWED for hit in kind_names_in(path, names)]
    assert found == []


def test_no_module_outside_the_registries_keeps_a_table_keyed_by_kind_or_taxonomy() -> None:
    """A dict written with kind names as keys ({"actor": …, "event": …}), or only taxonomy names ({"thematiques":
    …, "publics": …}), is a facet that belongs to a registry entry. (A record of an export format may have keys
    named like taxonomies among its other keys.)"""
    kinds, taxonomies = {kind.name for kind in KINDS}, set(TAXONOMIES.names())
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if path.parent.name == "contract" and path.name in ("kinds.py", "taxonomies.py"):
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Dict):
                keys = {k.value for k in node.keys if isinstance(k, ast.Constant) and isinstance(k.value, str)}
                if len(keys & kinds) >= 2 or (len(keys) >= 2 and keys <= taxonomies):
                    found.append(f"{path.relative_to(PACKAGE.parent)}:{node.lineno}")
    assert found == []


def test_the_literal_finder_finds_literals(tmp_path: Path) -> None:
    module = tmp_path / "m.py"
    module.write_text('"""About "actor"."""\nX = {"actor": 1}\ndef f():\n    """event"""\n    return "event"\n',
                      encoding="utf-8")
    assert [hit.split(": ", 1)[1] for hit in kind_names_in(module, {"actor", "event"})] == ["'actor'", "'event'"]


# --- French from the declared gender --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("noun", "indefinite", "definite", "of_the", "this", "every", "agreed"),
    [
        (masculine("acteur"), "un acteur", "l'acteur", "de l'acteur", "cet acteur", "tous les acteurs", "inconnu"),
        (feminine("ressource"), "une ressource", "la ressource", "de la ressource", "cette ressource",
         "toutes les ressources", "inconnue"),
        (masculine("public"), "un public", "le public", "du public", "ce public", "tous les publics", "inconnu"),
        (feminine("thématique"), "une thématique", "la thématique", "de la thématique", "cette thématique",
         "toutes les thématiques", "inconnue"),
        (masculine("événement"), "un événement", "l'événement", "de l'événement", "cet événement",
         "tous les événements", "inconnu"),
        (Noun("hôpital", "hôpitaux", Gender.MASCULINE, elided=True), "un hôpital", "l'hôpital", "de l'hôpital",
         "cet hôpital", "tous les hôpitaux", "inconnu"),
    ],
)
def test_articles_come_from_the_gender(
    noun: Noun, indefinite: str, definite: str, of_the: str, this: str, every: str, agreed: str
) -> None:
    assert (noun.indefinite, noun.definite, noun.of_the, noun.this, noun.every, noun.agree("inconnu")) == (
        indefinite, definite, of_the, this, every, agreed
    )


def test_every_kind_and_taxonomy_declares_its_gender() -> None:
    assert {kind.name: kind.noun.gender for kind in KINDS if kind.name != "training"} == {
        "actor": Gender.MASCULINE, "resource": Gender.FEMININE, "practice": Gender.FEMININE, "event": Gender.MASCULINE,
        "call": Gender.MASCULINE,
    }
    assert TAXONOMIES["thematiques"].noun.feminine and not TAXONOMIES["publics"].noun.feminine
    assert TAXONOMIES["types_acteur"].title == "Types d'acteur"
    assert TAXONOMIES["publics"].fields_of(KIND_BY_NAME["actor"].model) == ["publics", "services.publics"]


def test_a_kind_s_facets_must_be_new() -> None:
    actor = KIND_BY_NAME["actor"]
    with pytest.raises(ValueError, match="section 'acteurs' is already taken"):
        KINDS.register(Kind(**{**actor.__dict__, "name": "other", "folder": "others", "schema": "autre",
                               "export": "autres"}))
    assert "other" not in KIND_BY_NAME
