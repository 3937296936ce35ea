"""The exports that follow a published standard are checked with that standard's own tools: data·inclusion
with the official `data-inclusion-schema` package, HSDS 3.0 with its compiled JSON Schemas (in the shared
reference folder cloned beside this repository)."""

from __future__ import annotations

import json
import os
import uuid
from pathlib import Path
from typing import Any

import pytest
from conftest import NETWORK
from data_inclusion.schema.v1 import Public, Service, Structure, Thematique
from jsonschema import Draft202012Validator, FormatChecker
from pydantic import BaseModel, ValidationError

from generator.contract.kinds import ACTOR
from generator.contract.model import Actor
from generator.exports import ExportSettings, export_all
from generator.exports.hsds import NAMESPACE
from generator.reading.catalog import Catalog
from generator.reading.directory import read_directory

# Beside the repository, or where MAILLAGE_HSDS_SCHEMAS says (a git worktree, a copy of the repository).
HSDS_SCHEMAS = Path(
    os.environ.get("MAILLAGE_HSDS_SCHEMAS") or Path(__file__).resolve().parents[2] / "shared/reference/hsds-3.0"
)
STRICT = {"ignore_warnings": False}  # data·inclusion's warnings (a name ending with a dot …) count as errors


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    reading = read_directory(NETWORK / "data")
    assert not reading.errors
    return reading.catalog


@pytest.fixture(scope="module")
def out(catalog: Catalog, tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("donnees")
    export_all(catalog, target, ExportSettings(site_url="https://reseau.example.fr/"))
    return target


def load(path: Path) -> list[dict[str, Any]]:
    items = json.loads(path.read_text(encoding="utf-8"))
    assert isinstance(items, list) and items
    return items


def actors(catalog: Catalog) -> list[Actor]:
    return [a for a in catalog.of(ACTOR) if isinstance(a, Actor)]


def strictly_valid(model: type[BaseModel], item: dict[str, Any]) -> None:
    model.model_validate(item, context=STRICT)
    unknown = set(item) - set(model.model_fields)
    assert not unknown, f"{item['id']}: keys the schema would silently drop: {unknown}"


# --- data·inclusion ----------------------------------------------------------------------------------------


def test_every_structure_validates_with_the_official_package(out: Path, catalog: Catalog) -> None:
    structures = load(out / "data-inclusion" / "structures.json")
    assert sorted(s["id"] for s in structures) == sorted(f"maillage--{a.id}" for a in actors(catalog))
    for item in structures:
        strictly_valid(Structure, item)
        assert item["source"] == "maillage"
        assert item["lien_source"] == f"https://reseau.example.fr/acteurs/{item['id'].removeprefix('maillage--')}/"


def test_every_service_validates_with_the_official_package(out: Path, catalog: Catalog) -> None:
    services = load(out / "data-inclusion" / "services.json")
    assert len(services) == sum(len(a.services) for a in actors(catalog))
    assert len({s["id"] for s in services}) == len(services)
    structure_ids = {s["id"] for s in load(out / "data-inclusion" / "structures.json")}
    for item in services:
        strictly_valid(Service, item)
        assert item["structure_id"] in structure_ids and item["id"].startswith(item["structure_id"] + "--")


def test_data_inclusion_mapping(out: Path) -> None:
    structures = {s["id"]: s for s in load(out / "data-inclusion" / "structures.json")}
    services = {s["id"]: s for s in load(out / "data-inclusion" / "services.json")}
    css = structures["maillage--centre-sante-sexuelle-maubeuge"]
    assert (css["siret"], css["code_insee"], css["telephone"]) == ("26595234100013", "59392", "+33353013131")
    depistage = services["maillage--centre-sante-sexuelle-maubeuge--depistage-vih-hepatites-et-ist"]
    assert depistage["frais"] == "gratuit" and depistage["modes_accueil"] == ["en-presentiel"]
    assert depistage["publics"] == ["tous-publics"], "tous-publics stands alone in data·inclusion"
    assert "sante--sante-sexuelle" in depistage["thematiques"]
    assert "59392" in depistage["zone_eligibilite"]  # Maubeuge, from the actor's territories
    belgian = structures["maillage--pse-mons"]
    assert "code_postal" not in belgian and "code_insee" not in belgian  # "7000" and an INS code are not French codes
    assert belgian["commune"] == "Mons"


def test_conditions_of_access_reach_data_inclusion(out: Path) -> None:
    """A service's own conditions, else its actor's (`conditions:`), in the schema's fields: frais,
    conditions_acces (appointment, anonymity, minors, documents, accessibility), publics_precisions (ages)."""
    services = {s["id"]: s for s in load(out / "data-inclusion" / "services.json")}
    ghs = "maillage--centre-depistage-grand-hopital-sambre"
    prep = services[f"{ghs}--consultation-prep"]
    assert prep["publics_precisions"] == "À partir de 15 ans."
    assert "Documents à apporter : Carte d'identité et carte de mutuelle." in prep["conditions_acces"]
    assert "Accessibilité : Interprète en langue des signes" in prep["conditions_acces"]  # from the actor
    anonymous = services[f"{ghs}--depistage-anonyme-et-gratuit"]
    assert anonymous["conditions_acces"].startswith("Sans rendez-vous. Possible de manière anonyme. Les mineurs sont "
                                                    "reçus sans l'accord de leurs parents.")
    teenagers = services["maillage--mda-valenciennois--permanences-dans-les-colleges"]
    assert teenagers["publics_precisions"] == "De 11 à 21 ans." and teenagers["frais"] == "gratuit"
    assert "Documents à apporter : Aucun." in teenagers["conditions_acces"]


def test_the_validator_would_catch_a_bad_service(out: Path) -> None:
    item = dict(load(out / "data-inclusion" / "services.json")[0])
    item["publics"] = ["tous-publics", "jeunes"]
    with pytest.raises(ValidationError):
        Service.model_validate(item, context=STRICT)


def test_taxonomy_correspondences_are_data_inclusion_values(catalog: Catalog) -> None:
    """A typo in a `data_inclusion:` key of a taxonomy would make the export invalid: checked on the test network."""
    vocabularies = {"thematiques": {t.value for t in Thematique}, "publics": {p.value for p in Public}}
    for name, allowed in vocabularies.items():
        mapped = {t.id: t.data_inclusion for t in catalog.taxonomies[name].terms.values() if t.data_inclusion}
        assert mapped, name
        assert {term: value for term, value in mapped.items() if value not in allowed} == {}


# --- HSDS 3.0 ----------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def schemas() -> dict[str, dict[str, Any]]:
    assert HSDS_SCHEMAS.is_dir(), f"HSDS schemas expected in {HSDS_SCHEMAS} (shared/ cloned beside the repository)"
    found = {name: json.loads((HSDS_SCHEMAS / f"{name}.json").read_text(encoding="utf-8"))
             for name in ("organization", "service", "service_at_location")}
    # The compiled schemas have no file for these objects: they are described inside organization.json.
    found["location"] = found["organization"]["properties"]["locations"]["items"]
    found["taxonomy_term"] = found["organization"]["properties"]["attributes"]["items"]["properties"]["taxonomy_term"]
    return found


def errors(schema: dict[str, Any], item: dict[str, Any]) -> list[str]:
    validator = Draft202012Validator(schema, format_checker=FormatChecker())
    return [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(item)]


@pytest.mark.parametrize(("file", "schema"), [
    ("organizations.json", "organization"),
    ("services.json", "service"),
    ("locations.json", "location"),
    ("service_at_locations.json", "service_at_location"),
    ("taxonomy_terms.json", "taxonomy_term"),
])
def test_hsds_files_validate_against_the_reference_schemas(
    out: Path, schemas: dict[str, Any], file: str, schema: str
) -> None:
    items = load(out / "hsds" / file)
    problems = {item["id"]: errors(schemas[schema], item) for item in items}
    assert {item_id: found for item_id, found in problems.items() if found} == {}
    assert len(problems) == len(items), "ids are unique"


def test_the_hsds_schema_would_catch_a_bad_organization(out: Path, schemas: dict[str, Any]) -> None:
    item = dict(load(out / "hsds" / "organizations.json")[0])
    del item["name"]
    item["id"] = "pas-un-uuid"
    found = errors(schemas["organization"], item)
    assert any("'name' is a required property" in e for e in found)
    assert any("uuid" in e for e in found)


def test_hsds_ids_are_stable_uuid5_and_links_hold(out: Path, catalog: Catalog) -> None:
    organizations = load(out / "hsds" / "organizations.json")
    assert [o["id"] for o in organizations] == [str(uuid.uuid5(NAMESPACE, f"actor/{a.id}")) for a in
                                                sorted(actors(catalog), key=lambda a: a.id)]
    org_ids = {o["id"] for o in organizations}
    services = load(out / "hsds" / "services.json")
    location_ids = {loc["id"] for loc in load(out / "hsds" / "locations.json")}
    term_ids = {t["id"] for t in load(out / "hsds" / "taxonomy_terms.json")}
    assert len(location_ids) == sum(len(a.lieux) for a in actors(catalog))
    for service in services:
        assert service["organization_id"] in org_ids
        assert all(sal["location_id"] in location_ids for sal in service.get("service_at_locations", []))
    for owner in organizations + services:
        assert all(attribute["taxonomy_term_id"] in term_ids for attribute in owner.get("attributes", []))
    for sal in load(out / "hsds" / "service_at_locations.json"):
        assert sal["location_id"] in location_ids and sal["service"]["id"] == sal["service_id"]


def test_conditions_of_access_reach_hsds(out: Path) -> None:
    """Ages, languages and documents in HSDS's own fields (the files validate above, these included)."""
    services = {s["name"]: s for s in load(out / "hsds" / "services.json")
                if s["organization_id"] == str(uuid.uuid5(NAMESPACE, "actor/centre-depistage-grand-hopital-sambre"))}
    prep = services["Consultation PrEP"]
    assert prep["minimum_age"] == 15 and "maximum_age" not in prep
    assert [language["code"] for language in prep["languages"]] == ["fr", "nl", "en"]  # the actor's, inherited
    assert [d["document"] for d in prep["required_documents"]] == ["Carte d'identité et carte de mutuelle"]
    assert all(d["service_id"] == prep["id"] for d in prep["required_documents"] + prep["languages"])
    assert "À partir de 15 ans." in prep["eligibility_description"]


# --- opening hours in both standards ----------------------------------------------------------------------


def test_opening_hours_go_to_data_inclusion_as_written(out: Path) -> None:
    structures = {s["id"]: s for s in load(out / "data-inclusion" / "structures.json")}
    services = {s["id"]: s for s in load(out / "data-inclusion" / "services.json")}
    relais = structures["maillage--caarud-le-relais"]
    assert relais["horaires_accueil"] == "Mo-Fr 13:30-18:00; Sa 10:00-13:00"
    strictly_valid(Structure, relais)
    trod = services["maillage--caarud-le-relais--depistage-par-trod"]
    assert trod["horaires_accueil"] == "Mo-Fr 13:30-18:00; Sa 10:00-13:00", "the service takes its place's hours"
    strictly_valid(Service, trod)
    assert "horaires_accueil" not in structures["maillage--cpts-lille-sud"], "precisions only: no hours to give"


def test_opening_hours_become_hsds_weekly_schedules(out: Path, schemas: dict[str, Any]) -> None:
    locations = load(out / "hsds" / "locations.json")
    relais = next(loc for loc in locations if loc["name"] == "Accueil de Moulins")
    schedules = relais["schedules"]
    assert [(s["freq"], s["byday"], s["opens_at"], s["closes_at"]) for s in schedules] == [
        ("WEEKLY", "MO,TU,WE,TH,FR", "13:30", "18:00"), ("WEEKLY", "SA", "10:00", "13:00")]
    assert all(s["location_id"] == relais["id"] and "Mo-Fr 13:30-18:00" in s["description"] for s in schedules)
    assert errors(schemas["location"], relais) == []
    maubeuge = next(loc for loc in locations if loc["name"] == "Centre de santé sexuelle de Maubeuge")
    assert {s["notes"] for s in maubeuge["schedules"]} == {"Le samedi matin, sur rendez-vous."}
    cpts = next(loc for loc in locations if loc["organization_id"] == _uuid("actor", "cpts-lille-sud"))
    assert [set(s) for s in cpts["schedules"]] == [{"id", "location_id", "description"}], "precisions only"
    broken = dict(relais, schedules=[dict(schedules[0], freq="DAILY")])
    assert errors(schemas["location"], broken), "the schema would catch a wrong frequency"


def _uuid(*parts: str) -> str:
    return str(uuid.uuid5(NAMESPACE, "/".join(parts)))


def test_a_service_with_its_own_hours(catalog: Catalog, schemas: dict[str, Any]) -> None:
    from generator.exports.datainclusion import actor_services
    from generator.exports.hsds import Hsds

    settings = ExportSettings(site_url="https://reseau.example.fr/")
    actor = next(a for a in actors(catalog) if a.id == "centre-sante-sexuelle-maubeuge")
    own = actor.services[0].model_copy(update={"horaires": 'We 14:00-17:00 "consultation"',
                                              "horaires_precisions": "Un mercredi sur deux en été."})
    changed = actor.model_copy(update={"services": [own, *actor.services[1:]]})
    [first, *_] = actor_services(catalog, settings, changed)
    assert first["horaires_accueil"] == 'We 14:00-17:00 "consultation"'
    strictly_valid(Service, first)
    slug = first["id"].rsplit("--", 1)[1]
    service = Hsds(catalog, settings).service(changed, own, slug)
    assert [(s["byday"], s["opens_at"], s["closes_at"], s["notes"]) for s in service["schedules"]] == [
        ("WE", "14:00", "17:00", "Un mercredi sur deux en été.")]
    assert all(s["service_id"] == service["id"] and "location_id" not in s for s in service["schedules"])
    assert errors(schemas["service"], service) == []
