"""The sample site, read from its HTML: every record has its page showing all its fields, lists and browse pages
hold what they should, the navigation lists sections only, JSON-LD parses, search attributes are in place."""

from __future__ import annotations

import json
import re
from datetime import date, datetime
from urllib.parse import urljoin

import pytest
from conftest import BuiltSite, Html
from pydantic import BaseModel

from generator.build import read
from generator.clock import today
from generator.contract.kinds import KIND_BY_NAME, KINDS
from generator.contract.model import Record
from generator.contract.schedule import schedule
from generator.contract.shapes import target as field_target
from generator.reading.catalog import Catalog
from generator.settings import Settings
from generator.site import french
from generator.site.hours import week_rows
from generator.site.markdown import words_of

# Fields whose fixed values are shown through a French label.
LABELS = {
    "modalites": french.MODALITES,
    "acces": french.ACCES,
    "accessibilite": french.ACCESSIBILITE,
    "statut": french.STATUT,
    "niveau_de_preuve": french.NIVEAU_DE_PREUVE,
    "pays": french.PAYS,
    "langues": french.LANGUES,
}
# Flags are written out as words (« Gratuit », « Mineurs reçus sans accord parental »); official codes and
# coordinates are for the exports and the map, never shown to the public as text.
NOT_SHOWN_AS_TEXT = {"id", "fichier", "consentement", "gratuit", "sur_rendez_vous", "anonyme", "latitude", "longitude",
                     "mineurs_sans_accord_parental", "code_insee",
                     "lieu_numero"}  # lieu_numero: the place it names is shown instead


@pytest.fixture(scope="module")
def catalog(sample_site: BuiltSite) -> Catalog:
    return read(Settings(data_dir=sample_site.project / "data")).catalog


def expected_texts(entry: BaseModel, catalog: Catalog, owner: str = "") -> list[str]:
    """What a reader must find on the page for each field of a record (nested blocks included)."""
    found: list[str] = []
    for name, info in type(entry).model_fields.items():
        value = getattr(entry, name)
        if value is None or value == [] or name in NOT_SHOWN_AS_TEXT:
            continue
        if name == "pays" and value == "FR":
            continue
        target = field_target(info)
        values = value if isinstance(value, list) else [value]
        for item in values:
            if isinstance(target, str) and target in KIND_BY_NAME:
                found.append(catalog.records[target][item].title)
            elif isinstance(target, str):
                found.append(catalog.taxonomies[target].label(item))
            elif isinstance(item, BaseModel):
                found.extend(expected_texts(item, catalog, name))
            elif owner == "evaluation" and name == "type":
                found.append(french.EVALUATION[item])
            elif name in LABELS:
                found.append(LABELS[name].get(item, item))
            elif name == "horaires":  # shown as the French week: each day's hours
                country = getattr(entry, "pays", "FR")
                found.extend(row.hours for row in week_rows(schedule(item, country, today())))
            elif isinstance(item, datetime | date):
                if not (isinstance(entry, Record) and name == "debut"):  # event start: checked through <time>
                    found.append(french.date_fr(item.date() if isinstance(item, datetime) else item))
            elif (isinstance(item, str) and "\n" in item) or name in ("description", "resume", "resultats", "methode"):
                found.append(words_of(item))
            else:
                found.append(str(item))
    return found


def _records(catalog: Catalog) -> list[tuple[str, Record]]:
    return [(kind.name, record) for kind in KINDS for record in catalog.of(kind)]


def test_the_strict_build_logs_no_warning(sample_site: BuiltSite) -> None:
    assert sample_site.warnings == []


def test_every_record_has_its_page_with_all_its_fields(sample_site: BuiltSite, catalog: Catalog) -> None:
    missing: list[str] = []
    for kind_name, record in _records(catalog):
        kind = KIND_BY_NAME[kind_name]
        page = Html(sample_site.page(f"{kind.section}/{record.id}"))
        text = page.text.casefold()
        for expected in expected_texts(record, catalog):
            shown = " ".join(expected.split())
            if shown.casefold() not in text and shown not in page.links:
                missing.append(f"{kind.section}/{record.id}: « {shown[:80]} »")
        assert f"Fiche vérifiée le {french.date_fr(record.date_maj)}" in page.text
    assert missing == []


def test_record_pages_show_dates_in_french_and_their_kind(sample_site: BuiltSite) -> None:
    page = Html(sample_site.page("agenda/rencontres-annuelles-reseau-2027"))
    assert "Du jeudi 10 au vendredi 11 juin 2027" in page.text
    assert ("time", {"datetime": "2027-06-10"}) in page.elements
    actor = Html(sample_site.page("acteurs/reseau-sante-sexuelle-hainaut-nord"))
    assert "Acteur · Réseau" in actor.text
    assert "2026-09-14" not in actor.text  # ISO dates only in machine-readable attributes


def test_services_conditions_are_written_out(sample_site: BuiltSite) -> None:
    page = Html(sample_site.page("acteurs/centre-depistage-grand-hopital-sambre"))
    assert "Gratuit · Sans rendez-vous · Anonyme possible" in page.text
    assert "Payant · Sur rendez-vous" in page.text
    assert "Aller-vers (hors les murs)" in page.text


def test_labels_never_raw_ids(sample_site: BuiltSite) -> None:
    page = Html(sample_site.page("acteurs/centre-depistage-grand-hopital-sambre"))
    for raw in ("sante-sexuelle--depistage", "jeunes-adultes", "centre-sante-sexuelle", "sur-place"):
        assert raw not in page.text
    assert "Dépistage (VIH, hépatites, IST)" in page.text


def test_record_pages_have_breadcrumb_and_way_back(sample_site: BuiltSite) -> None:
    for kind in KINDS:
        page = Html(sample_site.page(f"{kind.section}/{_first_id(sample_site, kind.section)}"))
        crumbs = [attrs for tag, attrs in page.elements if tag == "nav" and attrs.get("aria-label") == "Fil d'Ariane"]
        assert crumbs, kind.section
        assert f"../../{kind.section}/" in page.links
        assert f"Voir la liste des {kind.plural}" in page.text


def _first_id(site: BuiltSite, section: str) -> str:
    return sorted(p.name for p in (site.site / section).iterdir() if p.is_dir() and p.name != "page")[0]


def test_report_and_edit_links_come_from_the_templates(sample_site: BuiltSite) -> None:
    page = Html(sample_site.page("acteurs/pse-mons"))
    report = [link for link in page.links if link.startswith("https://github.com/rsshn/maillage/issues/new")]
    assert len(report) == 1
    assert "Service%20de%20promotion" in report[0] or "title=Erreur" in report[0]
    assert "data/actors/pse-mons.yml" in report[0]
    assert "https://github.com/rsshn/maillage/edit/main/data/actors/pse-mons.yml" in page.links
    assert "Signaler une erreur" in page.text


def test_json_ld_parses_and_describes_each_record(sample_site: BuiltSite, catalog: Catalog) -> None:
    types = {"actor": "Organization", "resource": "CreativeWork", "practice": "Project", "event": "Event",
             "call": "Offer"}
    for kind_name, record in _records(catalog):
        kind = KIND_BY_NAME[kind_name]
        page = Html(sample_site.page(f"{kind.section}/{record.id}"))
        assert len(page.jsonld) == 1
        data = json.loads(page.jsonld[0])
        assert data["@context"] == "https://schema.org"
        assert data["@type"] == types[kind_name]
        assert data["name"] == record.title
        assert data["url"] == f"https://maillage.example.org/{kind.section}/{record.id}/"
        assert data["dateModified"] == record.date_maj.isoformat()
    event = json.loads(Html(sample_site.page("agenda/webinaire-parcours-ivg-transfrontalier")).jsonld[0])
    assert event["startDate"].endswith("+01:00")  # local times carry the Paris offset
    assert event["organizer"][0]["@type"] == "Organization"


def test_search_attributes_for_pagefind(sample_site: BuiltSite) -> None:
    page = Html(sample_site.page("ressources/affiche-1er-decembre-2026"))
    assert [tag for tag, attrs in page.having("data-pagefind-body")] == ["article"]
    filters = {(a["data-pagefind-filter"], a.get("data-value")) for _, a in page.having("data-pagefind-filter")}
    # Ids, as the search page's address names them (/recherche/?thematique=sante-sexuelle).
    assert ("fiche[data-value]", "ressource") in filters
    assert ("thematique[data-value]", "sante-sexuelle--depistage") in filters
    assert ("thematique[data-value]", "sante-sexuelle") in filters  # the parent, for filtering on it
    assert ("territoire[data-value]", "frontiere-franco-belge") in filters
    assert ("public[data-value]", "tous-publics") in filters
    metas = {a["data-pagefind-meta"]: a.get("data-value") for _, a in page.having("data-pagefind-meta")}
    assert metas["title[data-value]"] == "1er décembre 2026 : dépistons-nous, des deux côtés de la frontière"
    assert metas["kind[data-value]"] == "Ressource · Affiche"
    assert metas["territoire[data-value]"] == "Frontière franco-belge"
    assert metas["resume[data-value]"].startswith("L'affiche commune du réseau pour la Journée mondiale")
    assert metas["date[data-value]"] == "2026-11-02"
    # Lists and hand-written pages are not indexed as records.
    assert not Html(sample_site.page("acteurs")).having("data-pagefind-body")


def test_navigation_lists_sections_only(sample_site: BuiltSite, catalog: Catalog) -> None:
    expected = ["Accueil", "Acteurs", "Ressources", "Bonnes pratiques", "Agenda", "Appels et offres", "Thématiques",
                "Territoires", "Publics", "Carte", "Réseau", "Offre par territoire", "Guides", "Bulletin", "Données",
                "Contribuer", "Charte", "À propos"]
    record_paths = {f"{k.section}/{r.id}/" for k in KINDS for r in catalog.of(k)}
    for path in ("", "acteurs/pse-mons", "pratiques/animation-cls-valenciennes", "contribuer"):
        source = sample_site.page(path) if path else (sample_site.site / "index.html").read_text(encoding="utf-8")
        entries = _nav_entries(source)
        assert [title for _, title in entries] == expected, path
        base = f"https://x/{path}/" if path else "https://x/"
        targets = {urljoin(base, href).removeprefix("https://x/") for href, _ in entries}
        assert not targets & record_paths, path


_NAV_LINK = re.compile(
    r'<a href="([^"#][^"]*|)" class="md-nav__link[^"]*"[^>]*>\s*<span class="md-ellipsis">\s*(.*?)\s*</span>', re.S
)


def _nav_entries(source: str) -> list[tuple[str, str]]:
    """(href, title) of the menu's page links, in order (the table of contents links are anchors, left out)."""
    primary = source.split('class="md-nav md-nav--primary"', 1)[1]
    primary = primary.split('class="md-sidebar md-sidebar--secondary"', 1)[0]
    seen: dict[str, str] = {}
    for href, title in _NAV_LINK.findall(primary):
        seen.setdefault(href, " ".join(title.split()))
    return list(seen.items())


def test_list_pages_per_kind(sample_site: BuiltSite, catalog: Catalog) -> None:
    for kind in KINDS:
        page = Html(sample_site.page(kind.section))
        for record in catalog.of(kind):
            assert f"../{kind.section}/{record.id}/" in page.links
        count = len(catalog.of(kind))
        assert f"{count} {kind.plural if count > 1 else kind.singular}".casefold() in page.text.casefold()
    agenda = Html(sample_site.page("agenda"))
    assert "À venir" in agenda.text


def test_browse_pages_include_the_children_of_a_term(sample_site: BuiltSite, catalog: Catalog) -> None:
    # A resource tagged only with a sub-theme is found under its parent theme.
    resource = catalog.get("resource", "affiche-1er-decembre-2026")
    assert resource is not None and "sante-sexuelle" not in resource.thematiques  # type: ignore[attr-defined]
    parent = Html(sample_site.page("thematiques/sante-sexuelle"))
    assert "../../ressources/affiche-1er-decembre-2026/" in parent.links
    assert "../../thematiques/sante-sexuelle--depistage/" in parent.links  # way down to the sub-theme
    child = Html(sample_site.page("thematiques/sante-sexuelle--depistage"))
    assert "../../thematiques/sante-sexuelle/" in child.links  # and back up
    # Territories: a Lille actor is found under the Nord department.
    nord = Html(sample_site.page("territoires/nord"))
    assert "../../acteurs/entre-pairs-lille/" in nord.links
    publics = Html(sample_site.page("publics"))
    assert "Jeunes" in publics.text and "Étudiants et étudiantes" in publics.text


def test_taxonomy_index_pages(sample_site: BuiltSite) -> None:
    page = Html(sample_site.page("territoires"))
    assert "Province de Hainaut" in page.text
    assert "Commune" in page.text and "(59350)" in page.text


def test_home_page(sample_site: BuiltSite, catalog: Catalog) -> None:
    page = Html((sample_site.site / "index.html").read_text(encoding="utf-8"))
    assert "L'annuaire partagé du réseau" in page.text  # the hand-written intro (docs/index.md)
    for kind in KINDS:
        assert f"{kind.section}/" in page.links
        assert str(len(catalog.of(kind))) in page.text
    assert "Dernières mises à jour" in page.text and "Prochains rendez-vous" in page.text
    latest = max(r.date_maj for _, r in _records(catalog))
    assert french.date_fr(latest) in page.text
    forms = [a for tag, a in page.elements if tag == "form"]
    assert len(forms) == 2  # in the header and on the page
    assert all(f.get("method") == "get" and f.get("action", "").endswith("recherche/") for f in forms)


def test_hand_written_pages_keep_working(sample_site: BuiltSite) -> None:
    pages = (("contribuer", "Contribuer à l'annuaire"), ("charte", "Charte du réseau"), ("a-propos", "À propos"))
    for path, title in pages:
        page = Html(sample_site.page(path))
        assert title in page.text
        assert ".." in page.links  # breadcrumb back to the home page
    contribuer = Html(sample_site.page("contribuer"))
    assert "maillage new acteur" in contribuer.text
    assert "Vouliez-vous dire" in contribuer.text


def test_theme_basics(sample_site: BuiltSite) -> None:
    source = sample_site.page("acteurs/pse-mons")
    assert '<html lang="fr"' in source
    assert 'href="../../assets/maillage/print.css" media="print"' in source
    assert 'class="md-skip mj-skip"' in source
    assert "fonts.googleapis.com" not in source
    assert (sample_site.site / "assets/maillage/maillage.css").is_file()
    assert "Page introuvable" in (sample_site.site / "404.html").read_text(encoding="utf-8")
    assert not (sample_site.site / "search").exists()  # Material's search plugin is off


def test_resource_documents_are_published(sample_site: BuiltSite) -> None:
    page = Html(sample_site.page("ressources/fiche-synthese-diagnostic-2026"))
    assert "../../ressources/fichiers/synthese-diagnostic-2026.pdf" in page.links
    assert (sample_site.site / "ressources/fichiers/synthese-diagnostic-2026.pdf").is_file()


def test_nothing_is_written_into_docs(sample_site: BuiltSite) -> None:
    docs = {p.relative_to(sample_site.project / "docs").as_posix() for p in (sample_site.project / "docs").rglob("*")}
    assert docs == {"index.md", "contribuer.md", "charte.md", "a-propos.md"}

