"""The synonyms file, data/synonymes.yml: words and phrases that mean the same for the search.

A list of groups, each a list of words or phrases ("- [IVG, avortement, interruption volontaire de grossesse]").
Read and checked here like the records, every problem a French diagnostic at its line; the search adds each
group to the records that name one of its terms (generator/search/synonyms.py). Terms are compared as the search
compares words (generator/reading/words.py): a group holding "IST" and "ist", or a term in two groups, is an
error the contributor can act on.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from generator.reading.diagnostics import Diagnostic, error
from generator.reading.load import Document, load
from generator.reading.safe_files import Tree
from generator.reading.words import Key, key

FILE = "synonymes.yml"  # directly in data/
MAX_TERM = 100  # characters of one term
EXAMPLE = "Écrivez un groupe par ligne, par exemple : - [IVG, avortement, interruption volontaire de grossesse]"

Group = tuple[str, ...]  # the terms of one group, as written
Report = Callable[[Sequence[str | int], str, str], None]


def read(tree: Tree, data_dir: Path, shown_data: Path) -> tuple[tuple[Group, ...], list[Diagnostic]]:
    """The groups of data/synonymes.yml (none without the file) and what is wrong in it. A file refused for what
    it is (a link) has its error from the tree already."""
    if FILE not in tree.files_in(".") or tree.refused(FILE):
        return (), []
    document, diagnostics = load(data_dir / FILE, shown_data / FILE)
    if document is None:
        return (), diagnostics
    groups, problems = validate(document)
    return groups, diagnostics + problems


def validate(document: Document) -> tuple[tuple[Group, ...], list[Diagnostic]]:
    """The groups of a synonyms file; every problem with its line, in French. A group with a problem is not kept
    (and the build stops, the problem being an error)."""
    problems: list[Diagnostic] = []

    def problem(loc: Sequence[str | int], message: str, hint: str = "") -> None:
        problems.append(error(document.path, document.locate(loc), message, hint))

    data = document.data
    if not isinstance(data, list):
        problem((), "le fichier des synonymes doit être une liste de groupes de mots", EXAMPLE)
        return (), problems
    groups: list[Group] = []
    seen: dict[Key, int] = {}  # each term's group, by its index
    for index, group in enumerate(data):
        terms = _group(group, index, problem)
        if terms is None:
            continue
        clash = False
        for position, term in enumerate(terms):
            found = key(term)
            if found in seen and seen[found] != index:
                line = document.locate((seen[found],))[0]
                problem((index, position), f"« {term} » est déjà dans le groupe de la ligne {line}",
                        "Réunissez les deux groupes en un seul : un mot n'a qu'une liste de synonymes.")
                clash = True
            seen.setdefault(found, index)
        if not clash:
            groups.append(terms)
    return tuple(groups), problems


def _group(group: Any, index: int, problem: Report) -> Group | None:
    """One group's terms, or None when it has a problem (reported)."""
    if not isinstance(group, list):
        problem((index,), "un groupe de synonymes s'écrit comme une liste, entre crochets", EXAMPLE)
        return None
    terms: list[str] = []
    keys: dict[Key, str] = {}
    for position, term in enumerate(group):
        if not isinstance(term, str):
            shown = "vide" if term is None else f"« {term} »"
            hint = (f"Écrivez-le entre guillemets : \"{term}\"." if isinstance(term, int | float)
                    and not isinstance(term, bool) else "Chaque synonyme est un mot ou une expression, sur une ligne.")
            problem((index, position), f"synonyme {shown} : un mot ou une expression est attendu", hint)
            return None
        term = " ".join(term.split())
        if len(term) > MAX_TERM:
            problem((index, position), f"synonyme trop long ({len(term)} caractères, {MAX_TERM} au plus)",
                    "Un synonyme est un mot ou une courte expression.")
            return None
        found = key(term)
        if not found:
            problem((index, position), f"« {term} » ne contient que des mots trop courants pour la recherche",
                    "Les mots comme « de », « la », « aux » ne sont pas cherchés : écrivez un mot qui compte.")
            return None
        if found in keys:
            problem((index, position), f"« {term} » est deux fois dans ce groupe (comme « {keys[found]} »)",
                    "Les accents, les majuscules et les pluriels ne comptent pas : gardez-en un seul.")
            return None
        keys[found] = term
        terms.append(term)
    if len(terms) < 2:
        problem((index,), "un groupe de synonymes a besoin d'au moins deux mots",
                "Ajoutez les mots qui veulent dire la même chose, ou retirez ce groupe.")
        return None
    return tuple(terms)
