"""French stop words: the words too common to search ("de", "la", "aux", "dans" …).

The list is the Snowball project's, the one written for the French stemmer Pagefind uses (vendored with its
licence in generator/assets/snowball/). The same list serves everywhere a word may be dropped: the searchable
copies leave these words out of the index (generator/search.py), the search page leaves them out of a query
before asking Pagefind (it would find no record holding "aux"), and the synonyms ignore them when they compare
a phrase with a record's text (generator/synonyms.py).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from importlib import resources

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
