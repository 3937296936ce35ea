"""The bench's peer (bench/peer.py, bench/hugo/): Hugo renders every field of every generated record, Pagefind
indexes each record page in French, and `hugo server` is timed on the same rename as `maillage serve`."""

from __future__ import annotations

import json
import re
import sys
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import ROOT, Html

if str(ROOT) not in sys.path:  # `bench` lives beside `generator`, outside the installed package
    sys.path.insert(0, str(ROOT))

from bench.common import Sample
from bench.generate import generate
from bench.peer import measure_hugo, measure_hugo_preview

RECORDS = 50
SECTIONS = {"actors": "acteurs", "resources": "ressources", "practices": "pratiques", "events": "agenda"}
TYPES = {"actors": "types_acteur", "resources": "types_ressource", "events": "types_evenement"}
TAXONOMIES = ("thematiques", "publics", "territoires")
ACTOR_REFERENCES = {"reseaux", "partenaires", "auteurs", "porteur", "organisateurs", "disponible_aupres_de"}
MONTHS = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
          "novembre", "décembre")
BOOLEANS = {"gratuit": "Gratuit", "sur_rendez_vous": "Sur rendez-vous", "anonyme": "Anonyme"}
TYPOGRAPHY = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "«": '"', "»": '"'})


@dataclass
class Peer:
    data: Path
    site: Path
    figures: dict[str, float]
    records: dict[str, dict[str, dict[str, Any]]]  # by folder, by id
    labels: dict[str, dict[str, str]]  # by taxonomy, by term id


@pytest.fixture(scope="module")
def peer(tmp_path_factory: pytest.TempPathFactory) -> Peer:
    work = tmp_path_factory.mktemp("pair")
    generate(work / "data", RECORDS, seed=3)
    sample = Sample(RECORDS, work / "data", work, repeat=1, row={"build_s": 1.0})
    figures = measure_hugo(sample)
    records = {folder: {path.stem: _read(path) for path in (work / "data" / folder).glob("*.yml")}
               for folder in SECTIONS}
    labels = {path.stem: {term["id"]: term["label"] for term in _read(path)}
              for path in (work / "data" / "taxonomies").glob("*.yml")}
    return Peer(work / "data", work / "site-hugo-1", figures, records, labels)


def _read(path: Path) -> Any:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def _written_out(moment: date) -> str:
    day = f"{moment.day} {MONTHS[moment.month - 1]} {moment.year}"
    return f"{day} à {moment:%H} h {moment:%M}" if isinstance(moment, datetime) else day


def _lines(text: str) -> list[str]:
    """A text's lines as a page shows them: Markdown list markers gone, typographic quotes made plain."""
    return [re.sub(r"^\s*(?:[-*]|\d+\.)\s+", "", line).strip().translate(TYPOGRAPHY)
            for line in text.splitlines() if line.strip()]


def _shown(key: str, value: Any, folder: str, peer: Peer, top: bool) -> list[str]:
    """What a page must show for one value of a record: a term's label, a named record's name, a date written
    out, a yes or no after its field's name, the text itself."""
    if isinstance(value, dict):
        return [text for inner, item in value.items() for text in _shown(inner, item, folder, peer, False)]
    if isinstance(value, list):
        return [text for item in value for text in _shown(key, item, folder, peer, top)]
    if isinstance(value, bool):
        return [f"{BOOLEANS[key]} {'oui' if value else 'non'}"]
    if isinstance(value, date):
        return [_written_out(value)]
    if key in TAXONOMIES:
        return [peer.labels[key][value]]
    if key == "type" and top and folder in TYPES:
        return [peer.labels[TYPES[folder]][value]]
    if key in ACTOR_REFERENCES:
        return [peer.records["actors"][value]["nom"]]
    if key == "ressources":
        return [peer.records["resources"][value]["titre"]]
    return _lines(str(value))


@pytest.mark.slow
def test_every_field_of_every_record_is_on_its_hugo_page(peer: Peer) -> None:
    checked, missing = 0, []
    for folder, section in SECTIONS.items():
        for record_id, record in peer.records[folder].items():
            page = Html((peer.site / section / record_id / "index.html").read_text(encoding="utf-8"))
            text = page.text.translate(TYPOGRAPHY)
            for key, value in record.items():
                for expected in _shown(key, value, folder, peer, True):
                    checked += 1
                    if expected not in text and expected not in page.links:
                        missing.append(f"{section}/{record_id}: {key} « {expected} »")
    assert checked > 20 * RECORDS  # every kind, with its nested fields
    assert missing == []


@pytest.mark.slow
def test_an_actor_page_lists_its_members(peer: Peer) -> None:
    actors = peer.records["actors"]
    members = {member_id: record for member_id, record in actors.items() if record.get("reseaux")}
    assert members
    for member_id, record in members.items():
        for network in record["reseaux"]:
            page = Html((peer.site / "acteurs" / network / "index.html").read_text(encoding="utf-8"))
            assert f"/acteurs/{member_id}/" in page.links
            assert "Membres" in page.text


@pytest.mark.slow
def test_pagefind_indexes_every_record_page_in_french(peer: Peer) -> None:
    entry = json.loads((peer.site / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert list(entry["languages"]) == ["fr"]
    assert entry["languages"]["fr"]["page_count"] == RECORDS  # record pages only: lists are not searched
    page = Html((peer.site / "acteurs" / next(iter(peer.records["actors"])) / "index.html").read_text())
    filters = {attrs["data-pagefind-filter"].split(":")[0] for _, attrs in page.having("data-pagefind-filter")}
    assert filters == {"fiche", "thematique", "public", "territoire"}


@pytest.mark.slow
def test_the_peer_build_is_measured(peer: Peer) -> None:
    figures = peer.figures
    assert figures["hugo_s"] > 0 and figures["hugo_cpu_s"] > 0 and figures["hugo_peak_mib"] > 0
    assert figures["hugo_ratio"] == pytest.approx(1.0 / figures["hugo_s"])
    assert 0.1 < figures["hugo_site_mib"] < 20
    assert not (ROOT / "bench" / "hugo" / "public").exists()  # nothing written into the project


@pytest.mark.slow
def test_hugo_server_shows_a_renamed_actor_on_its_page_and_its_member(peer: Peer, tmp_path: Path) -> None:
    files = {path: path.read_bytes() for path in (peer.data / "actors").glob("*.yml")}
    figures = measure_hugo_preview(Sample(RECORDS, peer.data, tmp_path, repeat=2))
    assert 0 < figures["hugo_preview_edit_s"] <= figures["hugo_preview_edit_worst_s"] < 60
    assert figures["hugo_preview_first_s"] > 0
    assert {path: path.read_bytes() for path in files} == files  # the renamed record is restored
    assert (tmp_path / "apercu-hugo").is_dir()  # the server wrote its pages under the bench's folder
