"""Markdown from the records as plain text, for formats that carry no markup (iCal, Atom summaries,
data·inclusion and HSDS descriptions). Links keep their address in brackets so that nothing is lost."""

from __future__ import annotations

import re
from functools import cache, lru_cache

from markdown_it import MarkdownIt
from markdown_it.token import Token


@cache
def _parser() -> MarkdownIt:
    return MarkdownIt("commonmark", {"html": False})


@lru_cache(maxsize=4096)  # an actor's description is converted again for each of its services
def plain_text(markdown: str | None) -> str:
    """Paragraphs separated by a blank line, list items on their own line ("- " or "1. ")."""
    if not markdown:
        return ""
    blocks: list[tuple[str, int]] = []  # (text, number of the top-level list it belongs to, 0 outside lists)
    lists: list[list[int]] = []  # one counter per open list; 0 marks a bullet list
    top_lists = 0
    prefix = ""
    for token in _parser().parse(markdown):
        if token.type in ("bullet_list_open", "ordered_list_open"):
            top_lists += not lists
            lists.append([0 if token.type == "bullet_list_open" else int(str(token.attrGet("start") or 1))])
        elif token.type in ("bullet_list_close", "ordered_list_close"):
            lists.pop()
            prefix = "  " * len(lists)
        elif token.type == "list_item_open":
            counter = lists[-1]
            prefix = "  " * (len(lists) - 1) + ("- " if counter[0] == 0 else f"{counter[0]}. ")
            if counter[0]:
                counter[0] += 1
        elif token.type == "inline":
            blocks.append((prefix + _inline(token.children or []), top_lists if lists else 0))
            prefix = "  " * len(lists)  # a second paragraph of a list item stays indented
        elif token.type in ("fence", "code_block"):
            blocks.append((token.content.rstrip("\n"), top_lists if lists else 0))
    text = ""
    for index, (block, in_list) in enumerate(blocks):
        if index:  # items of one list stay together; paragraphs and separate lists get a blank line
            text += "\n" if in_list and in_list == blocks[index - 1][1] else "\n\n"
        text += block
    return text.strip()


def _inline(children: list[Token]) -> str:
    parts: list[str] = []
    links: list[tuple[str, int]] = []  # (address, where its text starts)
    for child in children:
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type == "softbreak":
            parts.append(" ")
        elif child.type == "hardbreak":
            parts.append("\n")
        elif child.type == "image":
            parts.append(child.content)
        elif child.type == "link_open":
            links.append((str(child.attrGet("href") or ""), len(parts)))
        elif child.type == "link_close" and links:
            href, start = links.pop()
            shown = "".join(parts[start:])
            address = href.removeprefix("mailto:").removeprefix("tel:")
            if address and address != shown:
                parts.append(f" ({address})")
    return "".join(parts).strip()


def shorten(text: str, limit: int) -> str:
    """The text cut at a word boundary, with an ellipsis when something was cut."""
    flat = " ".join(text.split())
    if len(flat) <= limit:
        return flat
    cut = flat[: limit - 1].rsplit(" ", 1)[0].rstrip(" ,;:.")
    return cut + "…"


# Line breaks as str.splitlines() sees them (a reader may split there too), and the characters a text format
# cannot carry: control characters (but the tab), and what XML 1.0 forbids besides.
_BREAKS = re.compile("\r\n|[\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")
_UNWRITABLE = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufffe\uffff]")


def writable(text: str) -> str:
    """The text with every line break as "\\n" and without the characters that would make an iCalendar or XML
    file invalid (the data's checks refuse them; an export stays valid whatever it is given)."""
    return _UNWRITABLE.sub("", _BREAKS.sub("\n", text))
