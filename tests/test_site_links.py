"""Links in the built site: every internal link and anchor resolves, and records link to each other both ways."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest
from conftest import BuiltSite, Html

from generator.build import read
from generator.contract.kinds import ACTOR, EVENT, PRACTICE, RESOURCE
from generator.contract.model import Actor, Event, Practice, Resource
from generator.reading.catalog import Catalog
from generator.settings import Settings

EXTERNAL = ("http:", "https:", "mailto:", "tel:", "//")


def _pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


@cache
def _parsed(path: Path) -> Html:
    return Html(path.read_text(encoding="utf-8"))


def _target(site: Path, page: Path, href: str) -> tuple[Path, str]:
    """The file an internal link leads to, and its anchor."""
    base = "https://site/" + page.relative_to(site).as_posix()
    parts = urlsplit(urljoin(base, href))
    path = unquote(parts.path).lstrip("/")
    target = site / path
    if path == "" or path.endswith("/") or target.is_dir():
        target = target / "index.html"
    return target, unquote(parts.fragment)


def broken_links(site: Path) -> list[str]:
    broken = []
    for page in _pages(site):
        for href in _parsed(page).links:
            if href.startswith(EXTERNAL) or href.startswith(("javascript:", "data:")):
                continue
            target, anchor = _target(site, page, href)
            where = f"{page.relative_to(site)} → {href}"
            if not target.is_file():
                broken.append(f"{where} (page introuvable)")
            elif anchor and target.suffix == ".html" and anchor not in _parsed(target).ids:
                broken.append(f"{where} (ancre introuvable)")
    return broken


def test_every_internal_link_and_anchor_resolves(sample_site: BuiltSite) -> None:
    assert len(_pages(sample_site.site)) > 150
    assert broken_links(sample_site.site) == []


def test_links_resolve_with_paginated_lists(hostile_site: BuiltSite) -> None:
    # 7 records per list page: lists and browse pages run over several pages.
    assert (hostile_site.site / "acteurs/page/2/index.html").is_file()
    assert (hostile_site.site / "thematiques/sante-sexuelle/page/3/index.html").is_file()
    assert broken_links(hostile_site.site) == []


def test_list_pages_stay_small(hostile_site: BuiltSite) -> None:
    page = _parsed(hostile_site.site / "acteurs/page/2/index.html")
    records = [h for h in page.links if re.fullmatch(r"\.\./\.\./\.\./acteurs/[a-z0-9-]+/", h) and "/page/" not in h]
    assert len(set(records)) == 7
    assert "Page 2 sur 5" in page.text
    # The page numbers shown do not grow with the list: first, last, and two around the current page.
    numbers = [a for tag, a in page.elements if tag == "a" and "/page/" in a.get("href", "")]
    assert len(numbers) <= 7


@pytest.fixture(scope="module")
def catalog(sample_site: BuiltSite) -> Catalog:
    return read(Settings(data_dir=sample_site.project / "data")).catalog


def _links(site: BuiltSite, section: str, record_id: str) -> set[str]:
    return set(_parsed(site.site / section / record_id / "index.html").links)


def test_reverse_links_are_present(sample_site: BuiltSite, catalog: Catalog) -> None:
    missing: list[str] = []

    def expect(section: str, record_id: str, target_section: str, target_id: str, why: str) -> None:
        if f"../../{target_section}/{target_id}/" not in _links(sample_site, section, record_id):
            missing.append(f"{section}/{record_id} → {target_section}/{target_id} ({why})")

    for resource in catalog.of(RESOURCE):
        assert isinstance(resource, Resource)
        for author in resource.auteurs:
            expect("acteurs", author, "ressources", resource.id, "auteur")
            expect("ressources", resource.id, "acteurs", author, "auteurs")
        if resource.disponible_aupres_de:
            expect("acteurs", resource.disponible_aupres_de, "ressources", resource.id, "disponible auprès de")
    for practice in catalog.of(PRACTICE):
        assert isinstance(practice, Practice)
        expect("acteurs", practice.porteur, "pratiques", practice.id, "porteur")
        for partner in practice.partenaires:
            expect("acteurs", partner, "pratiques", practice.id, "partenaire")
        for resource_id in practice.ressources:
            expect("ressources", resource_id, "pratiques", practice.id, "ressource utilisée")
    for event in catalog.of(EVENT):
        assert isinstance(event, Event)
        for organiser in event.organisateurs:
            expect("acteurs", organiser, "agenda", event.id, "organisateur")
    for actor in catalog.of(ACTOR):
        assert isinstance(actor, Actor)
        for network in actor.reseaux:
            expect("acteurs", network, "acteurs", actor.id, "membre du réseau")
            expect("acteurs", actor.id, "acteurs", network, "réseau")
        for partner in actor.partenaires:
            expect("acteurs", partner, "acteurs", actor.id, "partenaire, dans l'autre sens")
            expect("acteurs", actor.id, "acteurs", partner, "partenaire")
    assert missing == []


def test_a_network_lists_its_members(sample_site: BuiltSite, catalog: Catalog) -> None:
    members = [a for a in catalog.of(ACTOR) if "reseau-sante-sexuelle-hainaut-nord" in a.reseaux]  # type: ignore[attr-defined]
    page = _parsed(sample_site.site / "acteurs/reseau-sante-sexuelle-hainaut-nord/index.html")
    assert "Membres du réseau" in page.text
    assert f"{len(members)} structures membres" in page.text
    assert "membres" in page.ids and "partenaires" in page.ids
