"""A record page names at most RELATED_SHOWN records of one relation; the whole list has pages of its own."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import Html, build_site, copy_project

from generator.site.renderer import RELATED_SHOWN

MEMBERS = RELATED_SHOWN + 15
MEMBER = """\
nom: Association membre {n:03d}
type: association
description: Association de quartier membre du réseau, qui accueille les jeunes et oriente vers le dépistage.
thematiques: [sante-sexuelle]
territoires: [lille]
reseaux: [reseau-sante-sexuelle-hainaut-nord]
date_maj: 2026-10-01
"""


@pytest.mark.slow
def test_a_large_network_lists_its_members_on_pages_of_their_own(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    for n in range(MEMBERS):
        (project / "data" / "actors" / f"membre-{n:03d}.yml").write_text(MEMBER.format(n=n), encoding="utf-8")
    built = build_site(project, project / "site")
    network = Html(built.page("acteurs/reseau-sante-sexuelle-hainaut-nord"))
    shown = [link for link in network.links if "/membre-" in link]
    assert len(shown) <= RELATED_SHOWN
    assert "../../acteurs/reseau-sante-sexuelle-hainaut-nord/membres/" in network.links

    base = "acteurs/reseau-sante-sexuelle-hainaut-nord/membres"
    first = Html(built.page(base))
    second = Html(built.page(f"{base}/page/2"))
    assert any(link.endswith("membres/page/2/") for link in first.links) and "page 2 sur 2" in second.text
    members = {
        link.rstrip("/").rsplit("/", 1)[-1] for page in (first, second) for link in page.links if "membre-" in link
    }
    assert len(members) == MEMBERS
    assert "Membres du réseau : Réseau" in first.text
    assert built.warnings == []
