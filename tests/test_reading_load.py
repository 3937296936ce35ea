"""What keeps reading 10,000 records fast (bench/RESULTS.md), guarded so that it does not silently go away."""

from __future__ import annotations

import gc

import yaml
from conftest import NETWORK

from generator.reading import load as load_module
from generator.reading.directory import read_directory
from generator.reading.load import load

SAMPLE_ACTOR = NETWORK / "data" / "actors" / "reseau-sante-sexuelle-hainaut-nord.yml"


def test_the_libyaml_parser_is_used() -> None:
    # The pure-Python fallback is ten times slower; PyYAML's wheels ship LibYAML.
    assert yaml.__with_libyaml__
    assert load_module._Parser.__module__ == "yaml._yaml"


def test_a_forgotten_tree_gives_the_same_positions() -> None:
    document, problems = load(SAMPLE_ACTOR)
    assert document is not None and problems == []
    places = [("nom",), ("services", 2, "nom"), ("contacts", 1), ("partenaires", 2), ("absent",), ()]
    expected = [document.locate(loc) for loc in places] + [document.locate(("liens",), at_key=True)]
    document.forget()
    assert document.root is None
    assert [document.locate(loc) for loc in places] + [document.locate(("liens",), at_key=True)] == expected


def test_the_collector_is_resumed_after_reading() -> None:
    assert gc.isenabled()
    read_directory(NETWORK / "data")
    assert gc.isenabled()
    gc.disable()
    try:
        read_directory(NETWORK / "data")
        assert not gc.isenabled()  # left as the caller had it
    finally:
        gc.enable()
