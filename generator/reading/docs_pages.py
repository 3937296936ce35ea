"""The pages of docs/ (Markdown) may hold only inert HTML: MkDocs publishes their raw HTML as it is, and a tag
the Content-Security-Policy cannot stop (`<meta http-equiv="refresh">` sending visitors elsewhere, `<base>`,
a `<form>` posting to another site, a `<script src>` loading one of the site's own scripts out of place) would
act on the site's own address. Formatting tags stay allowed, with attributes that do nothing.

The HTML is found as CommonMark finds it (markdown-it), so a tag shown in a fenced code block or a code span is
text; an indented block is read again, as the admonition and definition extensions of MkDocs' Markdown do.
"""

from __future__ import annotations

import re
from pathlib import Path

from markdown_it import MarkdownIt
from markdown_it.token import Token

from generator.reading.diagnostics import Diagnostic, error

INERT_TAGS = frozenset({
    "abbr", "b", "br", "caption", "dd", "del", "details", "div", "dl", "dt", "em", "figcaption", "figure", "hr",
    "i", "ins", "kbd", "li", "mark", "ol", "p", "q", "s", "small", "span", "strong", "sub", "summary", "sup",
    "table", "tbody", "td", "tfoot", "th", "thead", "tr", "u", "ul",
})
INERT_ATTRIBUTES = frozenset({"class", "id", "lang", "title", "markdown", "colspan", "rowspan", "open"})
HINT = ("Les pages de docs/ s'écrivent en Markdown ; seules les balises de mise en forme (div, span, br, "
        "details…) sont acceptées, sans script, formulaire, cadre ni redirection. Retirez la balise, ou mettez-la "
        "entre accents graves (`…`) pour la montrer comme du texte.")

_PARSER = MarkdownIt("commonmark", {"html": True})
_TAG = re.compile(r"<\s*(/?)\s*([A-Za-z][\w:-]*)((?:[^>\"']|\"[^\"]*\"|'[^']*')*)>")
_ATTRIBUTE = re.compile(r"([^\s=/\"'>]+)(?:\s*=\s*(?:\"[^\"]*\"|'[^']*'|[^\s>]+))?")


def problems(text: str, shown: Path) -> list[Diagnostic]:
    """An error for every tag or attribute of the page `text` (shown as `shown`) that is not inert."""
    found: list[Diagnostic] = []
    for html, first_line in _raw_html(_PARSER.parse(text)):
        for tag in _TAG.finditer(html):
            closing, name = tag[1], tag[2].lower()
            where = (first_line + html.count("\n", 0, tag.start()), 0)
            if name not in INERT_TAGS:
                if not closing:  # one error per element, said at its opening
                    found.append(error(shown, where, f"balise HTML « <{name}> » refusée dans une page de docs/", HINT))
                continue
            for attribute in _ATTRIBUTE.finditer(tag[3]):
                if attribute[1].lower() not in INERT_ATTRIBUTES:
                    found.append(error(shown, where, f"attribut HTML « {attribute[1]} » refusé sur « <{name}> » "
                                                     "dans une page de docs/", HINT))
    return found


def _raw_html(tokens: list[Token]) -> list[tuple[str, int]]:
    """Each piece of raw HTML and its line (1-based)."""
    pieces: list[tuple[str, int]] = []
    for token in tokens:
        line = token.map[0] + 1 if token.map else 1
        if token.type == "html_block":
            pieces.append((token.content, line))
        if token.type == "code_block":  # indented: MkDocs' admonitions and definitions read it as Markdown again
            pieces += [(html, line + inner - 1) for html, inner in _raw_html(_PARSER.parse(token.content))]
        searched = 0  # an inline tag's line: where its text is in the paragraph's source
        for child in token.children or ():
            if child.type == "html_inline":
                at = token.content.find(child.content, searched)
                searched = max(at, searched)
                pieces.append((child.content, line + token.content.count("\n", 0, searched)))
    return pieces
