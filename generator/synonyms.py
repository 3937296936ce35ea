"""Synonyms for the search: a record saying "IVG" is found by "avortement".

The network keeps them as data, in data/synonymes.yml: a list of groups, each a list of words or phrases that
mean the same ("- [IVG, avortement, interruption volontaire de grossesse]"). The actors' sigles are synonyms of
their names too, when they hold an acronym ("RSSHN", "PSE Mons"; not "Le Relais", a short name whose words are
common). At index time, each record's searchable copy ends with the other terms of every group it names
(generator/search.py), read by Pagefind with a lower weight than the record's own words.

A phrase names a group when its words follow one another in the record's text, compared as Pagefind would:
stemmed by the Snowball French stemmer (the one Pagefind uses), accents and case aside, stop words left out
("pilule du lendemain" is "pilule lendemain", as in the index).
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import snowballstemmer

from generator.diagnostics import Diagnostic, error
from generator.load import Document, load
from generator.safe_files import Tree
from generator.stop_words import BARE_STOP_WORDS, bare, is_stop_word

FILE = "synonymes.yml"  # directly in data/
MAX_TERM = 100  # characters of one term
WEIGHT = "0.5"  # of the synonyms in a record's copy: the record's own words rank first (Pagefind's default is 1)
EXAMPLE = "Écrivez un groupe par ligne, par exemple : - [IVG, avortement, interruption volontaire de grossesse]"

Group = tuple[str, ...]  # the terms of one group, as written
Key = tuple[str, ...]  # a term as compared: the stems of its words, stop words left out

_WORD = re.compile(r"\w+")
_STEMMER = snowballstemmer.stemmer("french")


@lru_cache(maxsize=65536)
def _stem(word: str) -> str:
    return _STEMMER.stemWord(word)


def _words(text: str) -> list[str]:
    """The words of a text without accents, in lower case, stop words left out (the whole text made bare at
    once: a copy's words are many)."""
    return [word for word in _WORD.findall(bare(text)) if word not in BARE_STOP_WORDS]


def key(text: str) -> Key:
    """The words of a text as compared with a term's: stemmed, without accents nor stop words."""
    return tuple(map(_stem, _words(text)))


# --- data/synonymes.yml ---------------------------------------------------------------------------------


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


def _group(group: Any, index: int, problem: Any) -> Group | None:
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


# --- the actors' sigles ---------------------------------------------------------------------------------


def has_acronym(sigle: str) -> bool:
    """"RSSHN", "PSE Mons", "CLPS-VS": a word of two capitals or more. "Le Relais" has none."""
    return any(len(word) >= 2 and word.isupper() for word in _WORD.findall(sigle))


def sigle_groups(actors: Iterable[Any]) -> list[Group]:
    """Each actor's sigle and name, when the sigle holds an acronym."""
    return [(actor.sigle, actor.nom) for actor in actors
            if getattr(actor, "sigle", None) and has_acronym(actor.sigle) and key(actor.sigle) != key(actor.nom)]


# --- at index time --------------------------------------------------------------------------------------


@dataclass
class Thesaurus:
    """The groups, ready to find the ones a text names."""

    groups: Sequence[Group] = ()
    _keys: list[list[Key]] = field(init=False, repr=False)
    _terms: dict[Key, list[int]] = field(init=False, repr=False)  # term -> its groups
    _lengths: dict[str, tuple[int, ...]] = field(init=False, repr=False)  # first stem -> lengths of its terms
    _prefixes: frozenset[str] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self._keys = [[key(term) for term in group] for group in self.groups]
        self._terms = {}
        lengths: dict[str, set[int]] = {}
        for index, keys in enumerate(self._keys):
            for found in keys:
                if found:
                    self._terms.setdefault(found, []).append(index)
                    lengths.setdefault(found[0], set()).add(len(found))
        self._lengths = {stem: tuple(sorted(found)) for stem, found in lengths.items()}
        # A word's stem keeps its first three letters: a word whose first letters begin no term's word is not
        # stemmed (most of a record's words).
        self._prefixes = frozenset(stem[:3] for term in self._terms for stem in term)

    def named(self, text: str) -> dict[int, set[Key]]:
        """The groups the text names, each with the terms it names. Many terms may start with the same word
        ("Centre …", the actors' names): the words from each position are looked up once per length of term."""
        prefixes, lengths, terms = self._prefixes, self._lengths, self._terms
        stems = [_stem(word) if word[:3] in prefixes else "" for word in _words(text)]
        found: dict[int, set[Key]] = {}
        for at, stem in enumerate(stems):
            for length in lengths.get(stem, ()) if stem else ():
                term = tuple(stems[at : at + length])
                for group in terms.get(term, ()):
                    found.setdefault(group, set()).add(term)
        return found

    def added(self, text: str) -> list[str]:
        """The terms of the groups the text names that the text does not say itself."""
        if not self._terms:
            return []
        return [term for group, said in sorted(self.named(text).items())
                for term, found in zip(self.groups[group], self._keys[group], strict=True) if found not in said]

    def expanded(self, copy: str) -> str:
        """A searchable copy ending with the synonyms of what it says (hidden from no one: the copy is never
        published, Pagefind alone reads it)."""
        terms = self.added(html.unescape(re.sub(r"<[^>]*>", " ", copy)))
        if not terms:
            return copy
        end = copy.rindex("</article>")
        kept = (" ".join(word for word in term.split() if not is_stop_word(word.strip(",;:.()"))) for term in terms)
        words = html.escape(" · ".join(kept), quote=False)
        return f'{copy[:end]}<p data-pagefind-weight="{WEIGHT}">{words}</p>\n{copy[end:]}'


def thesaurus(groups: Iterable[Group], actors: Iterable[Any]) -> Thesaurus:
    """The network's synonyms: its file's groups, then its actors' sigles."""
    return Thesaurus((*groups, *sigle_groups(actors)))
