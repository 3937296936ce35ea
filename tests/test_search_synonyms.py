"""The synonyms of the search (data/synonymes.yml and the actors' sigles): the file checked with French messages at
their line, the groups a record's text names, what a searchable copy gains. The search in Chromium is in
test_site_search.py; the stop word list is checked here too, since the synonyms compare words without them."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from conftest import NETWORK

from generator.cli import main
from generator.contract.kinds import ACTOR
from generator.contract.model import Actor
from generator.reading import synonyms as synonyms_file
from generator.reading import words as stop_words
from generator.reading.directory import read_directory
from generator.search import pagefind as search
from generator.search import synonyms


@pytest.fixture
def data(tmp_path: Path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(NETWORK / "data", target)
    return target


def _actors(records: list[object]) -> list[Actor]:
    return [record for record in records if isinstance(record, Actor)]


def _validate(data: Path, text: str, capsys: pytest.CaptureFixture[str]) -> tuple[int, list[str]]:
    (data / synonyms_file.FILE).write_text(text, encoding="utf-8")
    code = main(["validate", str(data)])
    out = capsys.readouterr().out
    assert "Traceback" not in out
    return code, [line for line in out.splitlines() if synonyms_file.FILE in line or line.startswith("  →")]


def test_the_test_network_has_synonyms_and_acronyms() -> None:
    reading = read_directory(NETWORK / "data")
    assert not reading.errors
    assert ("IVG", "avortement", "interruption volontaire de grossesse") in reading.synonyms
    assert ("préservatif", "capote") in reading.synonyms
    groups = synonyms.thesaurus(reading.synonyms, _actors(reading.catalog.of(ACTOR))).groups
    assert ("RSSHN", "Réseau santé sexuelle Hainaut–Nord") in groups
    assert ("PSE Mons", "Service de promotion de la santé à l'école de Mons") in groups
    assert not [group for group in groups if group[0] in ("Le Relais", "Les Passerelles", "Entre Pairs")]


@pytest.mark.parametrize(("text", "expected"), [
    ("IVG: [avortement]\n",
     ["synonymes.yml:1:1: erreur: le fichier des synonymes doit être une liste de groupes de mots."]),
    ("- [IVG, avortement]\n- IVG, avortement\n",
     ["synonymes.yml:2:3: erreur: un groupe de synonymes s'écrit comme une liste, entre crochets."]),
    ("- [IVG]\n",
     ["synonymes.yml:1:3: erreur: un groupe de synonymes a besoin d'au moins deux mots."]),
    ("- [VIH, 3]\n",
     ["synonymes.yml:1:9: erreur: synonyme « 3 » : un mot ou une expression est attendu.",
      '  → Écrivez-le entre guillemets : "3".']),
    ("- [VIH, ~]\n",
     ["synonymes.yml:1:9: erreur: synonyme vide : un mot ou une expression est attendu."]),
    ("- [du, de la]\n",
     ["synonymes.yml:1:4: erreur: « du » ne contient que des mots trop courants pour la recherche."]),
    ("- [IST, MST, Ist]\n",
     ["synonymes.yml:1:14: erreur: « Ist » est deux fois dans ce groupe (comme « IST »)."]),
    ("- [préservatif, capote]\n- [préservatifs, condom]\n",
     ["synonymes.yml:2:4: erreur: « préservatifs » est déjà dans le groupe de la ligne 1.",
      "  → Réunissez les deux groupes en un seul : un mot n'a qu'une liste de synonymes."]),
    (f"- [VIH, {'virus ' * 20}]\n",
     ["synonymes.yml:1:9: erreur: synonyme trop long (119 caractères, 100 au plus)."]),
    ("- [IVG, avortement\n",
     ["synonymes.yml:1:3: erreur: « [ » ouvert ligne 1 et jamais refermé par « ] »."]),
], ids=["pas une liste", "groupe sans crochets", "un seul mot", "nombre", "vide", "mots courants", "doublon",
        "deux groupes", "trop long", "YAML cassé"])
def test_a_broken_synonyms_file_is_reported_in_french_at_its_line(
    data: Path, capsys: pytest.CaptureFixture[str], text: str, expected: list[str]
) -> None:
    code, lines = _validate(data, text, capsys)
    assert code == 1
    for wanted in expected:
        assert any(line.endswith(wanted) or (wanted.endswith("erreur:") and wanted in line) for line in lines), lines


def test_every_problem_of_the_file_is_reported_in_one_run(data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, lines = _validate(data, "- [IVG]\n- [capote, préservatif]\n- [VIH, 3]\n- [du, sida]\n", capsys)
    assert code == 1
    assert [line.split(": erreur")[0].rsplit("/", 1)[-1] for line in lines if "erreur" in line] == [
        "synonymes.yml:1:3", "synonymes.yml:3:9", "synonymes.yml:4:4"]


def test_a_valid_file_passes_and_a_missing_one_is_no_error(data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _ = _validate(data, "# Des mots qui se valent.\n- [IVG, avortement]\n- [capote, \"préservatif\"]\n", capsys)
    assert code == 0
    (data / synonyms_file.FILE).unlink()
    assert main(["validate", str(data)]) == 0
    assert read_directory(data).synonyms == ()


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symbolic links on this system")
def test_a_linked_synonyms_file_is_refused_not_read(data: Path, tmp_path: Path,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    elsewhere = tmp_path / "ailleurs.yml"
    elsewhere.write_text("- [IVG, avortement]\n", encoding="utf-8")
    (data / synonyms_file.FILE).unlink()
    (data / synonyms_file.FILE).symlink_to(elsewhere)
    reading = read_directory(data)
    assert reading.synonyms == ()
    assert [d for d in reading.errors if d.path.name == synonyms_file.FILE]


# --- finding the groups a text names ----------------------------------------------------------------------


THESAURUS = synonyms.Thesaurus((
    ("IVG", "avortement", "interruption volontaire de grossesse"),
    ("préservatif", "capote"),
    ("contraception d'urgence", "pilule du lendemain"),
))


def test_a_group_is_named_by_any_of_its_terms_as_pagefind_reads_them() -> None:
    assert THESAURUS.added("Informations sur l'IVG.") == ["avortement", "interruption volontaire de grossesse"]
    assert THESAURUS.added("Des PRÉSERVATIFS gratuits") == ["capote"]  # plural, case
    assert THESAURUS.added("la pilule lendemain") == ["contraception d'urgence"]  # stop words aside, as the index
    assert THESAURUS.added("une interruption volontaire de la grossesse") == ["IVG", "avortement"]
    assert THESAURUS.added("une pilule, le lendemain matin") == ["contraception d'urgence"]
    assert THESAURUS.added("la pilule et son lendemain") == ["contraception d'urgence"]  # "et", "son": stop words
    assert THESAURUS.added("une pilule contraceptive, puis le jour d'après") == []  # the words must follow
    assert THESAURUS.added("IVG et avortement") == ["interruption volontaire de grossesse"]
    assert synonyms.Thesaurus(()).added("IVG") == []


def test_an_acronym_is_a_sigle_with_capitals() -> None:
    assert synonyms.has_acronym("RSSHN") and synonyms.has_acronym("PSE Mons") and synonyms.has_acronym("CLPS-VS")
    assert not synonyms.has_acronym("Le Relais") and not synonyms.has_acronym("Entre Pairs")


def test_a_copy_ends_with_its_synonyms_weighted_below_its_own_words() -> None:
    page = ('<html><body><article class="mj-record" data-pagefind-body><h1>Centre &lt;IVG&gt;</h1>'
            "<p>Préservatifs</p></article></body></html>")
    copy = search.searchable_copy(page)
    assert copy is not None
    expanded = THESAURUS.expanded(copy)
    added = f'<p data-pagefind-weight="{synonyms.WEIGHT}">avortement · interruption volontaire grossesse · capote</p>'
    assert added + "\n</article>" in expanded  # inside the indexed article, without its stop words ("de")
    assert expanded.replace(added + "\n", "") == copy
    assert THESAURUS.expanded(search.searchable_copy(page.replace("IVG", "VIH").replace("Préservatifs", "")) or "") \
        == search.searchable_copy(page.replace("IVG", "VIH").replace("Préservatifs", ""))


def test_the_sample_sites_copies_carry_the_synonyms(tmp_path: Path) -> None:
    """A record saying "IVG" has a copy holding "avortement", written by the build for Pagefind."""
    reading = read_directory(NETWORK / "data")
    thesaurus = synonyms.thesaurus(reading.synonyms, _actors(reading.catalog.of(ACTOR)))
    html = ('<article class="mj-record" data-pagefind-body><h1>Collectif pour le droit à l\'IVG en Hainaut</h1>'
            "<p>RSSHN</p></article>")
    search.write_copy(html, "acteurs/collectif-ivg-hainaut/", tmp_path, thesaurus)
    written = (tmp_path / "acteurs" / "collectif-ivg-hainaut" / "index.html").read_text(encoding="utf-8")
    assert "avortement" in written and "Réseau santé sexuelle Hainaut–Nord" in written


# --- the stop words -------------------------------------------------------------------------------------


def test_the_stop_words_are_snowballs_french_list() -> None:
    assert {"au", "aux", "de", "du", "dans", "le", "les", "et", "été", "sans", "à"} <= stop_words.STOP_WORDS
    assert len(stop_words.STOP_WORDS) == 164  # every word of the vendored file
    assert not {"ivg", "vih", "prep", "santé", "droits", "couple"} & stop_words.STOP_WORDS
    assert stop_words.is_stop_word("Aux") and stop_words.is_stop_word("ete") and not stop_words.is_stop_word("IVG")
    licence = (stop_words.SOURCE.parent / "LICENSE").read_text(encoding="utf-8")  # type: ignore[attr-defined]
    assert "Snowball" in licence and "Redistribution" in licence
