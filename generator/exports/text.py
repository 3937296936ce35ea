"""Texts as the export formats can carry them: no character an iCalendar or XML file may not hold."""

from __future__ import annotations

import re

# Line breaks as str.splitlines() sees them (a reader may split there too), and the characters a text format
# cannot carry: control characters (but the tab), and what XML 1.0 forbids besides.
_BREAKS = re.compile("\r\n|[\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")
_UNWRITABLE = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufffe\uffff]")


def writable(text: str) -> str:
    """The text with every line break as "\\n" and without the characters that would make an iCalendar or XML
    file invalid (the data's checks refuse them; an export stays valid whatever it is given)."""
    return _UNWRITABLE.sub("", _BREAKS.sub("\n", text))
