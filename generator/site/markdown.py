"""Markdown from the data: as safe HTML for the pages, as words on one line (summaries, search, JSON-LD), as
plain text keeping its paragraphs and links (formats without markup: iCal, Atom, data·inclusion, HSDS).

HTML is rendered safely: no raw HTML, and links only to http(s), mailto: and tel:.

Contributors write free text in Markdown (descriptions, contexte, resultats…). Whatever they type, the
output must be inert: raw HTML is escaped rather than passed through, and a link whose target is not one
of the allowed schemes (javascript:, data:, a relative path…) stays as plain text. Images are not
embedded (a picture from an unknown server would track the visitor): `![texte](https://…)` becomes a link.
"""

from __future__ import annotations

import html
import re
from functools import cache, lru_cache
from urllib.parse import urlsplit

from markdown_it import MarkdownIt
from markdown_it.token import Token
from markupsafe import Markup

ALLOWED_SCHEMES = frozenset({"http", "https", "mailto", "tel"})


def is_safe_link(url: str) -> bool:
    """True for an absolute http(s), mailto: or tel: address (control characters refused)."""
    cleaned = url.strip()
    if not cleaned or any(ord(c) < 32 for c in cleaned):
        return False
    try:
        scheme = urlsplit(cleaned).scheme.lower()
    except ValueError:
        return False
    return scheme in ALLOWED_SCHEMES


def _parser() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    md.enable(["table", "strikethrough"])
    md.disable("image")
    md.validateLink = is_safe_link  # type: ignore[method-assign]
    return md


_MD = _parser()


def _shift_headings(tokens: list[Token], first_level: int) -> None:
    """A "# Titre" in a description must not compete with the page title: headings start at `first_level`."""
    for token in tokens:
        if token.type in ("heading_open", "heading_close"):
            level = min(6, int(token.tag[1]) + first_level - 1)
            token.tag = f"h{level}"


@lru_cache(maxsize=32768)  # a description is rendered for its page and read again for its summary
def render(text: str | None, first_heading: int = 3) -> Markup:
    """HTML for a Markdown field (empty markup when the field is empty)."""
    if not text:
        return Markup("")
    tokens = _MD.parse(text)
    _shift_headings(tokens, first_heading)
    return Markup(_MD.renderer.render(tokens, _MD.options, {}))


_CODE_BLOCK = re.compile(r"<pre><code[^>]*>.*?</code></pre>", re.S)  # not words of the text
_TAG = re.compile(r"<[^>]+>")


@lru_cache(maxsize=32768)  # `maillage serve` asks again for the same texts after every save
def words_of(text: str | None, limit: int = 0) -> str:
    """The words of a Markdown text on one line, without markup, cut at a word boundary after `limit`
    characters. Read from its HTML (blocks end with a new line; inline tags join the words they surround)."""
    if not text:
        return ""
    inline = _TAG.sub("", _CODE_BLOCK.sub("\n", render(text)))
    return shorten(" ".join(html.unescape(inline).split()), limit)


def shorten(text: str, limit: int, *, ellipsis_within: bool = False) -> str:
    """The text on one line, cut at a word boundary when longer than `limit` characters (0: never), with "…"
    when cut. With `ellipsis_within` the "…" counts in the limit (a field of limited length), else it follows."""
    flat = " ".join(text.split())
    if not limit or len(flat) <= limit:
        return flat
    return flat[: limit - 1 if ellipsis_within else limit].rsplit(" ", 1)[0].rstrip(" ,;:.") + "…"


# --- plain text, for formats without markup -------------------------------------------------------------


@cache
def _plain_parser() -> MarkdownIt:
    return MarkdownIt("commonmark", {"html": False})


@lru_cache(maxsize=4096)  # an actor's description is converted again for each of its services
def plain_text(markdown: str | None) -> str:
    """Paragraphs separated by a blank line, list items on their own line ("- " or "1. "); links keep their
    address in brackets so that nothing is lost."""
    if not markdown:
        return ""
    blocks: list[tuple[str, int]] = []  # (text, number of the top-level list it belongs to, 0 outside lists)
    lists: list[list[int]] = []  # one counter per open list; 0 marks a bullet list
    top_lists = 0
    prefix = ""
    for token in _plain_parser().parse(markdown):
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
