"""Markdown from the data, rendered safely: no raw HTML, and links only to http(s), mailto: and tel:.

Contributors write free text in Markdown (descriptions, contexte, resultats…). Whatever they type, the
output must be inert: raw HTML is escaped rather than passed through, and a link whose target is not one
of the allowed schemes (javascript:, data:, a relative path…) stays as plain text. Images are not
embedded (a picture from an unknown server would track the visitor): `![texte](https://…)` becomes a link.
"""

from __future__ import annotations

import html
import re
from functools import lru_cache
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
def plain_text(text: str | None, limit: int = 0) -> str:
    """The words of a Markdown text without markup, cut at a word boundary after `limit` characters. Read
    from its HTML (blocks end with a new line; inline tags join the words they surround)."""
    if not text:
        return ""
    inline = _TAG.sub("", _CODE_BLOCK.sub("\n", render(text)))
    return shorten(" ".join(html.unescape(inline).split()), limit)


def shorten(words: str, limit: int) -> str:
    """A plain text cut at a word boundary after `limit` characters (0: not cut), with "…" when cut."""
    if limit and len(words) > limit:
        return words[:limit].rsplit(" ", 1)[0].rstrip(" ,;:.") + "…"
    return words
