"""Depth has limits that give French errors, never a recursion error: nested YAML, deep taxonomies, cycles of
parents; and checking a taxonomy costs work in proportion to its size."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from types import FrameType
from typing import Any

import pytest
from small_network import ACTOR, about, read, small_project, write_network

from generator.engines import mkdocs_run

GENERATOR = str(Path(__file__).resolve().parents[1] / "generator")


@pytest.fixture
def data(tmp_path: Path) -> Path:
    return write_network(tmp_path / "data")


@pytest.mark.parametrize("levels", [500, 5000])
def test_deeply_nested_yaml_is_an_error_not_a_recursion(data: Path, levels: int) -> None:
    (data / "actors" / "imbrique.yml").write_text(ACTOR + "liens: " + "[" * levels + "]" * levels + "\n",
                                                  encoding="utf-8")
    ((message, hint),) = [(d.message, d.hint) for d in about(data, "imbrique.yml")]
    assert message == "fichier trop imbriqué : plus de 32 niveaux de listes ou de blocs"
    assert "indentation" in hint


def _chain(levels: int, name: str = "niveau") -> str:
    """A taxonomy of `levels` terms, each the parent of the next."""
    return "".join(f"- id: {name}-{n}\n  label: Niveau {n}\n" + (f"  parent: {name}-{n - 1}\n" if n else "")
                   for n in range(levels))


def test_a_taxonomy_deeper_than_the_limit_is_refused_once_per_branch(data: Path) -> None:
    (data / "taxonomies" / "thematiques.yml").write_text("- id: sante-sexuelle\n  label: Santé sexuelle\n"
                                                          + _chain(250), encoding="utf-8")
    found = about(data, "thematiques.yml")
    assert [(d.line, d.message) for d in found] == [
        (34, "le terme « niveau-10 » est au niveau 11 : une taxonomie a au plus 10 niveaux")  # its « parent: »
    ]


@pytest.mark.slow
def test_a_taxonomy_at_the_limit_builds_and_one_level_more_does_not(tmp_path: Path) -> None:
    from conftest import build_site

    project = small_project(tmp_path / "projet")
    taxonomy = project / "data" / "taxonomies" / "thematiques.yml"
    deepest = "sante-sexuelle-9"
    taxonomy.write_text(_chain(10, "sante-sexuelle"), encoding="utf-8")
    for folder in ("actors", "resources"):
        for path in (project / "data" / folder).glob("*.yml"):
            path.write_text(path.read_text(encoding="utf-8").replace("[sante-sexuelle]", f"[{deepest}]"),
                            encoding="utf-8")
    built = build_site(project, project / "site")
    page = built.page("thematiques")
    assert page.count('class="mj-tree"') == 10 and "Niveau 9" in page
    assert "Niveau 0" in built.page(f"thematiques/{deepest}")
    taxonomy.write_text(_chain(11, "sante-sexuelle"), encoding="utf-8")
    with pytest.raises(mkdocs_run.Problem, match="une taxonomie a au plus 10 niveaux"):
        build_site(project, project / "site")


def test_cycles_of_parents_are_named_term_by_term(data: Path) -> None:
    text = ("- id: a\n  label: A\n  parent: b\n- id: b\n  label: B\n  parent: a\n"
            "- id: sous-a\n  label: Sous A\n  parent: a\n- id: soi\n  label: Soi\n  parent: soi\n")
    (data / "taxonomies" / "publics.yml").write_text("- id: jeunes\n  label: Jeunes\n" + text, encoding="utf-8")
    assert [(d.line, d.message) for d in about(data, "publics.yml")] == [
        (5, "le terme « a » est son propre ancêtre"),
        (8, "le terme « b » est son propre ancêtre"),
        (14, "le terme « soi » est son propre ancêtre"),
    ]


def _lines_run(work: Callable[[], Any]) -> int:
    """How many lines of generator/ `work` runs: a measure of work that does not depend on the machine."""
    count = 0

    def local(frame: FrameType, event: str, arg: object) -> Any:
        nonlocal count
        if event == "line":
            count += 1
        return local

    def calls(frame: FrameType, event: str, arg: object) -> Any:
        return local if frame.f_code.co_filename.startswith(GENERATOR) else None

    sys.settrace(calls)
    try:
        work()
    finally:
        sys.settrace(None)
    return count


def test_checking_a_taxonomy_costs_work_in_proportion_to_its_size(tmp_path: Path) -> None:
    """A chain of 2,800 levels took 43 s to check: the walks up the parents were quadratic. Twice the terms
    (a long chain hanging below a cycle) must cost about twice the work, not four times."""
    work = []
    for levels in (300, 600):
        data = write_network(tmp_path / str(levels))
        chain = _chain(levels).replace("  label: Niveau 0\n", "  label: Niveau 0\n  parent: boucle\n")
        chain += "- id: boucle\n  label: Boucle\n  parent: niveau-0\n"
        (data / "taxonomies" / "thematiques.yml").write_text("- id: sante-sexuelle\n  label: Santé sexuelle\n"
                                                              + chain, encoding="utf-8")
        work.append(_lines_run(lambda data=data: read(data)))
        assert sorted(d.message for d in about(data, "thematiques.yml")) == [
            "le terme « boucle » est son propre ancêtre",
            "le terme « niveau-0 » est son propre ancêtre",
            "le terme « niveau-11 » est au niveau 11 : une taxonomie a au plus 10 niveaux",  # counted from the cycle
        ]
    assert work[1] < 2.3 * work[0], work
