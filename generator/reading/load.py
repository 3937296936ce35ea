"""Reading YAML files into plain Python data while keeping where every value was written.

The LibYAML parser composes the node tree (fast, with line and column marks); we build the Python values
from it ourselves, which lets us refuse what PyYAML would silently accept: a key written twice in one
mapping (only the last one would be kept), tags that construct objects, an alias bomb. Only plain YAML 1.2
scalars are typed: `0553011234` stays text, `yes` and `no` are not booleans. Files are read through
generator.reading.safe_files (regular files only, never a link) and nesting is bounded, so that no file, however
written, ends in a recursion error.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from yaml.constructor import SafeConstructor
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from yaml.resolver import BaseResolver

from generator.reading.diagnostics import Diagnostic, error
from generator.reading.safe_files import Refused, character_name, read_bytes

MAX_FILE_BYTES = 512 * 1024
MAX_NODES = 20_000  # values built from one file, aliases expanded
MAX_DEPTH = 32  # lists and blocks one inside the other; a record needs four
DEPTH_MESSAGE = f"fichier trop imbriqué : plus de {MAX_DEPTH} niveaux de listes ou de blocs"
DEPTH_HINT = "Une fiche n'a que quelques niveaux : vérifiez l'indentation et les crochets [ ] ou accolades { }."

try:  # `yaml.CParser` does not exist: the class lives in yaml.cyaml (yaml/_yaml.so)
    from yaml.cyaml import CParser as _Parser  # type: ignore[attr-defined]  # not re-exported by the stubs
except ImportError:  # pragma: no cover - LibYAML ships in PyYAML's wheels; a source build still works
    from yaml.loader import BaseLoader as _Parser  # type: ignore[assignment]


class _Resolver(BaseResolver):
    """The YAML 1.2 core schema: decimal numbers, true/false, null, ISO dates."""


_Resolver.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)
_Resolver.add_implicit_resolver("tag:yaml.org,2002:int", re.compile(r"^[-+]?(?:0|[1-9][0-9]*)$"), list("-+0123456789"))
_Resolver.add_implicit_resolver(
    "tag:yaml.org,2002:float",
    re.compile(r"^[-+]?(?:0|[1-9][0-9]*)\.[0-9]+(?:[eE][-+]?[0-9]+)?$"),
    list("-+0123456789"),
)
_Resolver.add_implicit_resolver("tag:yaml.org,2002:null", re.compile(r"^(?:~|null|Null|NULL|)$"), ["~", "n", "N", ""])
_Resolver.add_implicit_resolver(
    "tag:yaml.org,2002:timestamp",
    re.compile(
        r"""^(?:[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]
        |[0-9][0-9][0-9][0-9]-[0-9][0-9]?-[0-9][0-9]?
        (?:[Tt]|[ \t]+)[0-9][0-9]?:[0-9][0-9]:[0-9][0-9](?:\.[0-9]*)?
        (?:[ \t]*(?:Z|[-+][0-9][0-9]?(?::[0-9][0-9])?))?)$""",
        re.X,
    ),
    list("0123456789"),
)


_STR, _SEQ, _MAP = "tag:yaml.org,2002:str", "tag:yaml.org,2002:seq", "tag:yaml.org,2002:map"
# first character of a plain scalar ("" when empty) -> its (tag, pattern) pairs; no resolver applies to any
# first character (key None), so none needs trying after these
_IMPLICIT: dict[str, tuple[tuple[str, re.Pattern[str]], ...]] = {
    first: tuple(pairs) for first, pairs in _Resolver.yaml_implicit_resolvers.items()
}


class _Composer(_Parser, _Resolver):
    def __init__(self, stream: str) -> None:
        _Parser.__init__(self, stream)
        _Resolver.__init__(self)

    # The parser asks for the tag of every node (hundreds of thousands in a large directory). The same
    # answers as BaseResolver's, without its path resolvers (none are registered) and list building.
    def resolve(self, kind: type[Node], value: str, implicit: tuple[bool, bool]) -> str:
        if kind is ScalarNode:
            if implicit[0]:
                for tag, pattern in _IMPLICIT.get(value[:1], ()):
                    if pattern.match(value):
                        return tag
            return _STR
        return _SEQ if kind is SequenceNode else _MAP

    def descend_resolver(self, current_node: Node | None, current_index: object) -> None:
        pass

    def ascend_resolver(self) -> None:
        pass


_TIMESTAMP = SafeConstructor()


# An explicit tag (`!!bool yes`, `!!timestamp demain`) may stand before any text: what does not read as its
# type is kept as text (ValueError), for the model to refuse with its French message.
def _boolean(node: ScalarNode) -> bool:
    if node.value.lower() not in ("true", "false"):
        raise ValueError(node.value)
    return node.value.lower() == "true"


def _timestamp(node: ScalarNode) -> Any:
    if not SafeConstructor.timestamp_regexp.match(node.value):
        raise ValueError(node.value)
    return _TIMESTAMP.construct_yaml_timestamp(node)


_SCALARS: dict[str, Any] = {
    "tag:yaml.org,2002:str": lambda node: node.value,
    "tag:yaml.org,2002:null": lambda node: None,
    "tag:yaml.org,2002:bool": _boolean,
    "tag:yaml.org,2002:int": lambda node: int(node.value),
    "tag:yaml.org,2002:float": lambda node: float(node.value),
    "tag:yaml.org,2002:timestamp": _timestamp,
}


class LoadError(Exception):
    """A problem that stops reading a file; carries its position."""

    def __init__(self, position: tuple[int, int], message: str, hint: str = "") -> None:
        super().__init__(message)
        self.position, self.message, self.hint = position, message, hint


def position(node: Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


@dataclass
class Document:
    """The data of one file and its node tree, to point at any value by its path."""

    path: Path  # as shown to the contributor
    data: Any
    root: Node | None  # None once forgotten: read again from `source` if a position is asked for after all
    source: Path | None = None  # the file as it was opened

    def forget(self) -> None:
        """Drop the node tree and the values. Once a record is validated, positions are rarely needed (a link
        to a missing record), and the trees are most of the memory a reading holds (420 MiB instead of 190 MiB
        for `maillage validate` on 10,000 records)."""
        if self.source is not None:
            self.root, self.data = None, None

    def _tree(self) -> Node | None:
        if self.root is None and self.source is not None:
            with suppress(LoadError):  # should the file have changed and no longer read: the whole file
                _, self.root, _ = parse(read_text(self.source))
        return self.root

    def locate(self, loc: Sequence[str | int], *, at_key: bool = False) -> tuple[int, int]:
        """Line and column of the value at `loc` (or of its key), or of the deepest parent that exists."""
        node = self._tree()
        if node is None:
            return 0, 0
        for index, step in enumerate(loc):
            last = index == len(loc) - 1
            if isinstance(node, MappingNode):
                match = next((pair for pair in node.value if pair[0].value == str(step)), None)
                if match is None:
                    break
                if last and at_key:
                    return position(match[0])
                node = match[1]
            elif isinstance(node, SequenceNode) and isinstance(step, int) and 0 <= step < len(node.value):
                node = node.value[step]
            else:
                break
        return position(node)


class _Builder:
    """Builds Python values from nodes, counting them to stop alias bombs."""

    def __init__(self) -> None:
        self.count = 0
        self.problems: list[LoadError] = []  # reported, but reading goes on

    def build(self, node: Node, depth: int = 0) -> Any:
        self.count += 1
        if self.count > MAX_NODES:
            raise LoadError(
                position(node),
                f"fichier trop complexe : plus de {MAX_NODES} valeurs une fois les alias (*) développés",
                "Une fiche n'a pas besoin d'alias YAML : écrivez les valeurs en clair.",
            )
        if depth > MAX_DEPTH:
            raise LoadError(position(node), DEPTH_MESSAGE, DEPTH_HINT)
        if isinstance(node, ScalarNode):
            construct = _SCALARS.get(node.tag)
            if construct is None:
                raise LoadError(
                    position(node),
                    f"étiquette YAML non autorisée « {node.tag} »",
                    "Retirez l'étiquette commençant par « ! ».",
                )
            try:
                return construct(node)
            except ValueError:  # an impossible date (2026-13-45): kept as text, the model explains
                return node.value
        if isinstance(node, SequenceNode):
            self._check_tag(node, "tag:yaml.org,2002:seq")
            return [self.build(child, depth + 1) for child in node.value]
        if isinstance(node, MappingNode):
            self._check_tag(node, "tag:yaml.org,2002:map")
            return self._mapping(node, depth)
        raise LoadError(position(node), "valeur YAML non reconnue")  # pragma: no cover

    @staticmethod
    def _check_tag(node: Node, expected: str) -> None:
        if node.tag != expected:
            raise LoadError(
                position(node),
                f"étiquette YAML non autorisée « {node.tag} »",
                "Retirez l'étiquette commençant par « ! ».",
            )

    def _mapping(self, node: MappingNode, depth: int) -> dict[str, Any]:
        result: dict[str, Any] = {}
        first_seen: dict[str, int] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode):
                raise LoadError(position(key_node), "une clé doit être un simple mot", "Écrivez « clé: valeur ».")
            key = key_node.value
            if key == "<<":
                raise LoadError(
                    position(key_node), "la fusion de blocs « << » n'est pas acceptée", "Écrivez les clés en clair."
                )
            if key in first_seen:
                self.problems.append(
                    LoadError(
                        position(key_node),
                        f"la clé « {key} » apparaît deux fois dans le même bloc (déjà ligne {first_seen[key]})",
                        "Une seule valeur serait gardée : regroupez-les sous une seule clé (une liste si besoin).",
                    )
                )
                continue
            first_seen[key] = key_node.start_mark.line + 1
            result[key] = self.build(value_node, depth + 1)
        return result


_YAML_PROBLEMS = (
    (
        "mapping values are not allowed",
        "deux-points « : » inattendu",
        "Si la valeur contient « : », mettez-la entre guillemets.",
    ),
    ("could not find expected ':'", "il manque « : » après une clé", "Chaque ligne s'écrit « clé: valeur »."),
    (
        "expected <block end>",
        "indentation incohérente",
        "Alignez les clés d'un même bloc avec le même nombre d'espaces.",
    ),
    (  # LibYAML's words for the same mistake
        "did not find expected key",
        "indentation incohérente",
        "Alignez les clés d'un même bloc avec le même nombre d'espaces.",
    ),
    (
        "did not find expected '-' indicator",
        "indentation incohérente",
        "Alignez les clés d'un même bloc avec le même nombre d'espaces.",
    ),
    ("found undefined alias", "alias « * » inconnu", "Retirez l'astérisque ou mettez la valeur entre guillemets."),
    ("found unexpected end of stream", "guillemets non refermés", "Refermez les guillemets ouverts."),
    (
        "expected a single document",
        "plusieurs documents dans un fichier",
        "Une fiche par fichier : retirez les lignes « --- » en trop.",
    ),
    ("found character '\\t'", "tabulation dans l'indentation", "Indentez avec des espaces, jamais avec la touche Tab."),
)


def _yaml_error(exc: yaml.MarkedYAMLError, text: str) -> LoadError:
    mark = exc.problem_mark or exc.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    problem = f"{exc.problem or ''} {exc.context or ''}"
    source_line = text.splitlines()[line - 1] if 0 < line <= len(text.splitlines()) else ""
    if "\t" in source_line[: len(source_line) - len(source_line.lstrip())]:
        return LoadError(
            (line, 1), "tabulation dans l'indentation", "Indentez avec des espaces, jamais avec la touche Tab."
        )
    if "exceeded maximum nesting depth" in problem:  # LibYAML's own limit (1,000 levels)
        return LoadError((line, column), DEPTH_MESSAGE, DEPTH_HINT)
    for needle, message, hint in _YAML_PROBLEMS:
        if needle in problem:
            return LoadError((line, column), f"syntaxe YAML : {message}", hint)
    return LoadError(
        (line, column),
        f"syntaxe YAML invalide ({problem.strip()})",
        "Comparez avec une fiche voisine ou le modèle « maillage new ».",
    )


def read_text(path: Path) -> str:
    """The file's text; raises LoadError when it is not a regular file, is too large or is not UTF-8."""
    try:
        raw = read_bytes(path, MAX_FILE_BYTES)
    except Refused as refused:
        raise LoadError((0, 0), refused.message, refused.hint) from None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise LoadError(
            (line, 1),
            "le fichier n'est pas encodé en UTF-8",
            "Enregistrez-le en UTF-8 (c'est le cas par défaut dans l'éditeur de GitHub).",
        ) from None


def parse(text: str) -> tuple[Any, Node | None, list[LoadError]]:
    """Data, root node (None for an empty text) and non-fatal problems of a YAML text; raises LoadError."""
    composer = _Composer(text)
    try:
        root = composer.get_single_node()
    except yaml.MarkedYAMLError as exc:
        raise _yaml_error(exc, text) from None
    except yaml.reader.ReaderError as exc:  # a control character written as it is
        before = text.encode("utf-8")[: exc.position].decode("utf-8", "ignore")  # LibYAML counts bytes
        line, column = before.count("\n") + 1, len(before) - (before.rfind("\n") + 1) + 1
        raise LoadError(
            (line, column),
            f"caractère de contrôle {character_name(chr(exc.character))} dans le fichier",
            "Retirez ce caractère invisible (souvent collé depuis un autre logiciel).",
        ) from None
    except yaml.YAMLError as exc:  # pragma: no cover - the other errors are marked
        raise LoadError((1, 1), f"syntaxe YAML invalide ({exc})", "Comparez avec une fiche voisine.") from None
    finally:
        composer.dispose()
    if root is None:
        return None, None, []
    builder = _Builder()
    return builder.build(root), root, builder.problems


def load(path: Path, shown_as: Path | None = None) -> tuple[Document | None, list[Diagnostic]]:
    """One file as a Document (None when it cannot be read at all) and the problems met reading it."""
    shown = shown_as or path
    try:
        data, root, problems = parse(read_text(path))
    except LoadError as exc:
        return None, [error(shown, exc.position, exc.message, exc.hint)]
    if root is None:
        return None, [error(shown, (0, 0), "le fichier est vide", "Partez du modèle créé par « maillage new ».")]
    return Document(shown, data, root, path), [error(shown, p.position, p.message, p.hint) for p in problems]
