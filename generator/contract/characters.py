"""Characters a contributor cannot see or tell apart, named in French and found where they were typed.

Control characters no record text and no file name needs (shared by the contract's value types and the reading
of the data folder); and what text copied from Word, a PDF or an e-mail brings: a non-breaking space, a
zero-width space, curly quotes, an en-dash bullet, a line separator, a Cyrillic letter that looks Latin. YAML
reads them as they are, so `sante-sexuelle` followed by a zero-width space is an unknown id, and a name between
curly quotes is published with them. The classes are drawn from Unicode's categories (`unicodedata`), not from
a hand-made list; the French names cover the characters Word and browsers actually insert, the others are named
by category.
"""

from __future__ import annotations

import re
import unicodedata

from confusable_homoglyphs import confusables

# Characters a name or a text never needs: C0 controls, DEL, C1 controls, and the two Unicode line separators.
CONTROL_CLASS = r"\x00-\x1f\x7f-\x9f\u2028\u2029"  # as Python's and pydantic's regular expressions write it
CONTROL = re.compile(f"[{CONTROL_CLASS}]")

_NAMES = {
    0x0000: "caractère nul",
    0x0007: "sonnerie",
    0x0008: "retour arrière",
    0x000A: "saut de ligne",
    0x000D: "retour chariot",
    0x001B: "échappement",
    0x007F: "suppression",
    0x0009: "tabulation",
    0x000B: "tabulation verticale",
    0x000C: "saut de page",
    0x0085: "ligne suivante",
    0x00A0: "espace insécable",
    0x00AD: "trait d'union conditionnel",
    0x2007: "espace tabulaire",
    0x2009: "espace fine",
    0x200A: "espace ultrafine",
    0x200B: "espace sans largeur",
    0x200C: "antiliant sans chasse",
    0x200D: "liant sans chasse",
    0x200E: "marque gauche-à-droite",
    0x200F: "marque droite-à-gauche",
    0x2028: "séparateur de ligne",
    0x2029: "séparateur de paragraphe",
    0x202F: "espace fine insécable",
    0x2060: "gluon de mots",
    0x3000: "espace idéographique",
    0xFEFF: "espace insécable sans largeur (BOM)",
    0x2018: "apostrophe ouvrante de traitement de texte",
    0x2019: "apostrophe typographique",
    0x201A: "guillemet bas simple",
    0x201C: "guillemet anglais ouvrant",
    0x201D: "guillemet anglais fermant",
    0x201E: "guillemet bas double",
    0x2013: "tiret demi-cadratin",
    0x2014: "tiret cadratin",
    0x2022: "puce",
    0x00B7: "point médian",
    0x2212: "signe moins",
}
_CATEGORIES = {
    "Zs": "espace spéciale",
    "Cf": "caractère de mise en forme invisible",
    "Zl": "séparateur de ligne",
    "Zp": "séparateur de paragraphe",
}


def character_name(char: str) -> str:
    """« U+00A0 (espace insécable) »: a character as a contributor can look it up, in French."""
    code = ord(char)
    french = _NAMES.get(code) or _CATEGORIES.get(unicodedata.category(char), "")
    return f"U+{code:04X}" + (f" ({french})" if french else "")


def _class(category: str, start: int = 0x80) -> str:
    chars = "".join(chr(c) for c in range(start, 0x10000) if unicodedata.category(chr(c)) == category)
    return "".join(re.escape(c) for c in chars)


# Invisible format characters (zero-width space, joiners, direction marks, BOM, soft hyphen): never wanted in a
# value; the zero-width joiner is kept between two symbols, where it builds an emoji (👩‍⚕️).
INVISIBLE = re.compile(f"[{_class('Cf')}]")
# Spaces that are not the space bar's: a non-breaking space before « : » or as indentation breaks YAML
ODD_SPACES = re.compile(f"[{_class('Zs')}]")
_JOINER = "\u200d"


def invisible_in(value: str) -> re.Match[str] | None:
    """The first invisible format character of `value` that is not part of an emoji."""
    for found in INVISIBLE.finditer(value):
        char, start = found.group(), found.start()
        if char == _JOINER and 0 < start < len(value) - 1 and _symbol(value[start - 1]) and _symbol(value[start + 1]):
            continue
        return found
    return None


def _symbol(char: str) -> bool:
    return unicodedata.category(char) in ("So", "Sk", "Mn")


def words_before(value: str, index: int, start: str = "au début de la valeur") -> str:
    """« après « … » »: where a character is in a value, by the words before it on its line (`start` when it is
    the value's first)."""
    words = value[:index].rsplit("\n", 1)[-1].split()
    if not words:
        return f" {start}" if index == 0 else " au début d'une ligne"
    shown = " ".join(words)
    while len(shown) > 30 and len(words) > 1:
        words = words[1:]
        shown = "…" + " ".join(words)
    return f" après « {shown} »"


# Word's "smart quotes": a value typed between straight quotes comes out between these (opening, closing).
CURLY_QUOTES = {"\u201c": "\u201d", "\u201e": "\u201c", "\u2018": "\u2019", "\u201a": "\u2018", "\u201d": "\u201d"}
# Word turns "- " at the start of a line into a bullet or an en dash.
BULLETS = ("\u2013", "\u2014", "\u2022", "\u00b7", "\u2212", "\u25aa", "\u25cf")


def curly_quoted(value: str) -> bool:
    """The whole value between Word's curly quotes: “Centre de santé”."""
    if len(value) < 2 or "\n" in value:
        return False
    closing = CURLY_QUOTES.get(value[0])
    # once only: ‘a’ et ‘b’ is two quotations, not a value between quotes
    return closing is not None and value[-1] in (closing, "\u201d", "\u2019") and value.count(value[0]) == 1


def bullet_at_start(value: str) -> str | None:
    """The Word bullet a value starts with (« – sante-sexuelle »), if any."""
    stripped = value.lstrip()
    if len(stripped) > 1 and stripped[0] in BULLETS and stripped[1] in " \u00a0\t":
        return stripped[0]
    return None


_SCRIPTS = {"CYRILLIC": "une lettre cyrillique", "GREEK": "une lettre grecque", "ARMENIAN": "une lettre arménienne",
            "CHEROKEE": "une lettre cherokee", "COMMON": "un symbole"}


def lookalike(value: str) -> str | None:
    """« « е » est une lettre cyrillique qui ressemble à « e » »: the first character of `value` that looks like a
    Latin letter without being one (the Unicode confusables table, via `confusable-homoglyphs`)."""
    if value.isascii():
        return None
    found = confusables.is_confusable(value, preferred_aliases=["latin"], greedy=False)
    if not found:
        return None
    char, alias = found[0]["character"], found[0]["alias"]
    latin = next((h["c"] for h in found[0]["homoglyphs"] if h["c"].isascii()), None)
    if latin is None:
        return None
    what = _SCRIPTS.get(alias, f"un caractère {alias.lower()}")
    return f"« {char} » est {what} qui ressemble à « {latin} »"


def latin_spelling(value: str) -> str:
    """`value` with its look-alike letters replaced by the Latin ones they imitate."""
    for found in confusables.is_confusable(value, preferred_aliases=["latin"], greedy=True) or []:
        latin = next((h["c"] for h in found["homoglyphs"] if h["c"].isascii()), None)
        if latin:
            value = value.replace(found["character"], latin)
    return value
