"""Stamping pages into a theme's page shell.

Rendering the theme's page template (header, navigation, sidebars, footer) costs more than rendering a record,
and for all record pages of one section it produces the same HTML but for a few values. So the engine renders
the template once per section with placeholders, and every record page of that section is that shell with its
own values put in place: title, description, address, table of contents and content.

Placeholders are plain ASCII words, so escaping, quoting or tag-stripping filters leave them as they are, and a
value is inserted between the shell's pieces, never searched again: nothing a record holds can act as a slot.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

MARK = "MAILLAGEz9q"


def slot(name: str) -> str:
    """The placeholder of one value in the shell's rendering."""
    return f"{MARK}{name}{MARK}"


_SLOT = re.compile(f"{MARK}([a-z_]+){MARK}")
TOC_ID, TOC_TITLE = "toc_id", "toc_title"
# The stand-in page has two table-of-contents entries: (TOC_ID, TOC_TITLE) and these, to learn what the theme
# writes between two entries.
SECOND_TOC_ID, SECOND_TOC_TITLE = "toc_id_next", "toc_title_next"


@dataclass(frozen=True)
class Shell:
    pieces: tuple[str, ...]  # text between slots: len(pieces) == len(slots) + 1
    slots: tuple[str, ...]
    toc_item: Shell | None  # one table-of-contents entry, itself a shell with slots toc_id and toc_title
    toc_separator: str = ""  # what the theme writes between two entries

    @classmethod
    def parse(cls, html: str, *, toc_item: tuple[str, str] | None = None) -> Shell:
        """A shell from the rendering of a page whose values are slots. `toc_item` = (start, end): the markers
        around each of the two table-of-contents entries the rendering was given; they become slot `toc`."""
        item, separator = None, ""
        if toc_item is not None:
            start_marker, end_marker = toc_item
            # the titles are only in the entries (the first anchor is also in the theme's skip link)
            first_at, second_at = html.index(slot(TOC_TITLE)), html.index(slot(SECOND_TOC_TITLE))
            start = html.rindex(start_marker, 0, first_at)
            end = html.index(end_marker, first_at) + len(end_marker)
            second_start = html.rindex(start_marker, 0, second_at)
            second_end = html.index(end_marker, second_at) + len(end_marker)
            item, separator = cls.parse(html[start:end]), html[end:second_start]
            html = html[:start] + slot("toc") + html[second_end:]
        parts = _SLOT.split(html)
        return cls(tuple(parts[0::2]), tuple(parts[1::2]), item, separator)

    def stamp(self, values: Mapping[str, str], toc: Sequence[tuple[str, str]] = ()) -> str:
        """The page with its values in place; `toc` = the (anchor, escaped title) of each entry."""
        filled = dict(values)
        if self.toc_item is not None:
            entries = (self.toc_item.stamp({TOC_ID: anchor, TOC_TITLE: title}) for anchor, title in toc)
            filled["toc"] = self.toc_separator.join(entries)
            filled[TOC_ID] = toc[0][0] if toc else ""  # the theme's skip link goes to the first entry
        out = [self.pieces[0]]
        for name, piece in zip(self.slots, self.pieces[1:], strict=True):
            out.append(filled[name])
            out.append(piece)
        return "".join(out)
