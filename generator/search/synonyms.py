"""Synonyms in the index: a record saying "IVG" is found by "avortement".

The groups come from data/synonymes.yml (generator/reading/synonyms.py) and from the actors' sigles, synonyms of
their names when they hold an acronym ("RSSHN", "PSE Mons"; not "Le Relais", a short name whose words are
common). At index time each record's searchable copy ends with the other terms of every group it names
(generator/search/pagefind.py), read by Pagefind with a lower weight than the record's own words.

A phrase names a group when its words follow one another in the record's text, compared as Pagefind would:
stemmed by the Snowball French stemmer (the one Pagefind uses), accents and case aside, stop words left out
("pilule du lendemain" is "pilule lendemain", as in the index): generator/reading/words.py.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from generator.contract.model import Actor
from generator.reading.synonyms import Group
from generator.reading.words import Key, is_stop_word, key, stem, words

WEIGHT = "0.5"  # of the synonyms in a record's copy: the record's own words rank first (Pagefind's default is 1)
_WORD = re.compile(r"\w+")


# --- the actors' sigles ---------------------------------------------------------------------------------


def has_acronym(sigle: str) -> bool:
    """"RSSHN", "PSE Mons", "CLPS-VS": a word of two capitals or more. "Le Relais" has none."""
    return any(len(word) >= 2 and word.isupper() for word in _WORD.findall(sigle))


def sigle_groups(actors: Iterable[Actor]) -> list[Group]:
    """Each actor's sigle and name, when the sigle holds an acronym."""
    return [(actor.sigle, actor.nom) for actor in actors
            if actor.sigle and has_acronym(actor.sigle) and key(actor.sigle) != key(actor.nom)]


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
        self._lengths = {first: tuple(sorted(found)) for first, found in lengths.items()}
        # A word's stem keeps its first three letters: a word whose first letters begin no term's word is not
        # stemmed (most of a record's words).
        self._prefixes = frozenset(word[:3] for term in self._terms for word in term)

    def named(self, text: str) -> dict[int, set[Key]]:
        """The groups the text names, each with the terms it names. Many terms may start with the same word
        ("Centre …", the actors' names): the words from each position are looked up once per length of term."""
        prefixes, lengths, terms = self._prefixes, self._lengths, self._terms
        stems = [stem(word) if word[:3] in prefixes else "" for word in words(text)]
        found: dict[int, set[Key]] = {}
        for at, first in enumerate(stems):
            for length in lengths.get(first, ()) if first else ():
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
        said = html.escape(" · ".join(kept), quote=False)
        return f'{copy[:end]}<p data-pagefind-weight="{WEIGHT}">{said}</p>\n{copy[end:]}'


def thesaurus(groups: Iterable[Group], actors: Iterable[Actor]) -> Thesaurus:
    """The network's synonyms: its file's groups, then its actors' sigles."""
    return Thesaurus((*groups, *sigle_groups(actors)))
