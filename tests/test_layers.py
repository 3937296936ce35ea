"""The package's layers (generator/__init__.py's docstring): every import of a generator module, read from the
sources, goes to an earlier layer or a utility, and no two modules import each other, even through others."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "generator"
LAYERS = ("contract", "reading", "site", "search", "exports", "build", "engines", "upkeep")
TOP = len(LAYERS)  # cli and the package itself: they may import every layer
UTILITIES = frozenset({"generator.clock", "generator.parallel", "generator.scratch", "generator.publish",
                       "generator.settings"})


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}


def imports_of(name: str) -> set[str]:
    """The generator modules a module imports, at its top or inside a function: `from generator.exports import
    atom` imports the module generator.exports.atom, `from generator.exports import export_all` the package."""
    path = MODULES[name]
    package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names if alias.name in MODULES)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                base = f"{anchor}.{base}" if base else anchor
            for alias in node.names:
                if f"{base}.{alias.name}" in MODULES:
                    found.add(f"{base}.{alias.name}")
                elif base in MODULES:
                    found.add(base)
    found.discard(name)
    return found


GRAPH = {name: imports_of(name) for name in MODULES}


def layer(name: str) -> int | None:
    """The module's layer (0 for contract …), None for a utility."""
    if name in UTILITIES:
        return None
    parts = name.split(".")
    if len(parts) > 1 and parts[1] in LAYERS:
        return LAYERS.index(parts[1])
    return TOP


def test_the_sources_are_read() -> None:
    """The graph is that of the real package: a reader finding no import would make the other tests pass."""
    assert {"generator.contract.kinds", "generator.site.renderer", "generator.cli"} <= set(MODULES)
    assert "generator.contract.model" in GRAPH["generator.contract.kinds"]
    assert "generator.exports.atom" in GRAPH["generator.exports"]  # `from generator.exports import atom`
    assert "generator.site.renderer" in GRAPH["generator.search.records"]


def wrong_way(graph: dict[str, set[str]]) -> list[str]:
    """Every import of a later layer, or of a layer by a utility."""
    wrong = []
    for name, imported in sorted(graph.items()):
        for other in sorted(imported):
            mine, theirs = layer(name), layer(other)
            if theirs is not None and (mine is None or theirs > mine):
                wrong.append(f"{name} imports {other}")
    return wrong


def test_layers_import_only_earlier_layers_and_utilities() -> None:
    assert wrong_way(GRAPH) == []


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The groups of modules that import each other, directly or through others (Tarjan, without recursion)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    for start in sorted(graph):
        if start in index:
            continue
        work = [(start, iter(sorted(graph[start])))]
        index[start] = low[start] = len(index)
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph.get(child, ())))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index[node]:
                group = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    group.append(member)
                    if member == node:
                        break
                if len(group) > 1:
                    found.append(sorted(group))
    return found


def test_no_module_imports_itself_through_others() -> None:
    assert cycles(GRAPH) == []


@pytest.mark.parametrize(
    ("graph", "expected"),
    [
        ({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}, [["a", "b", "c"]]),
        ({"a": {"b"}, "b": set(), "c": {"b"}}, []),
        ({"a": {"b"}, "b": {"a"}, "c": {"d"}, "d": {"c"}}, [["a", "b"], ["c", "d"]]),
    ],
)
def test_the_cycle_finder_finds_cycles(graph: dict[str, set[str]], expected: list[list[str]]) -> None:
    assert sorted(cycles(graph)) == expected


def test_a_wrong_way_import_is_reported() -> None:
    graph = {
        "generator.contract.kinds": {"generator.site.renderer", "generator.clock"},  # the site: refused
        "generator.site.renderer": {"generator.contract.kinds", "generator.settings"},  # earlier, utility: fine
        "generator.settings": {"generator.reading.catalog"},  # a utility importing a layer: refused
        "generator.engines.mkdocs_plugin": {"generator.build"},  # build comes before the engines
        "generator.upkeep.links": {"generator.cli"},  # the command comes last
    }
    assert wrong_way(graph) == [
        "generator.contract.kinds imports generator.site.renderer",
        "generator.settings imports generator.reading.catalog",
        "generator.upkeep.links imports generator.cli",
    ]
