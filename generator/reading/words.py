"""Words as the search compares them: French stop words, accents and case aside, Snowball's French stemmer.

Stop words are the words too common to search ("de", "la", "aux", "dans" …). The list is the Snowball
project's, the one written for the French stemmer Pagefind uses (vendored with its licence in
generator/assets/snowball/). The same list serves everywhere a word may be dropped: the searchable copies leave
these words out of the index (generator/search/pagefind.py), the search page leaves them out of a query before
asking Pagefind (it would find no record holding "aux"), and a synonym is compared with a record's text without
them (generator/reading/synonyms.py checks the synonyms file with `key`, generator/search/synonyms.py finds
them in the records).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from importlib import resources

import snowballstemmer

SOURCE = resources.files("generator") / "assets" / "snowball" / "french_stop.txt"


def parse(text: str) -> frozenset[str]:
    """The words of a list in Snowball's format: one word at the start of a line, comments after a "|"."""
    words = (line.split("|", 1)[0].strip() for line in text.splitlines())
    return frozenset(word for word in words if word)


STOP_WORDS = parse(SOURCE.read_text(encoding="utf-8"))
LONGEST = max(map(len, STOP_WORDS))

# The blocks of combining diacritical marks: the accents once letters are decomposed ("é" is "e" and "◌́").
_MARKS = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")


def bare(text: str) -> str:
    """The text in lower case without its accents ("Été" -> "ete"), as Pagefind compares words."""
    return _MARKS.sub("", unicodedata.normalize("NFD", text.lower()))


# Words are compared as Pagefind compares them, without accents: "a" is "à", "ete" is "été". The search page
# gets this form of the list (its script drops the same words from a query as the index does from a record).
BARE_STOP_WORDS = frozenset(map(bare, STOP_WORDS))


@lru_cache(maxsize=8192)
def is_stop_word(word: str) -> bool:
    return bare(word) in BARE_STOP_WORDS


# --- a phrase as compared with a record's text ------------------------------------------------------------

Key = tuple[str, ...]  # the stems of a phrase's words, stop words left out

_WORD = re.compile(r"\w+")
_STEMMER = snowballstemmer.stemmer("french")


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """A bare word's stem ("preservatifs" -> "preserv")."""
    return _STEMMER.stemWord(word)


def words(text: str) -> list[str]:
    """The words of a text without accents, in lower case, stop words left out (the whole text made bare at
    once: a record's words are many)."""
    return [word for word in _WORD.findall(bare(text)) if word not in BARE_STOP_WORDS]


def key(text: str) -> Key:
    """The words of a text as a phrase is compared: stemmed, without accents nor stop words. "Préservatifs" and
    "préservatif", "pilule du lendemain" and "pilule lendemain" have the same."""
    return tuple(map(stem, words(text)))
