"""Text a contributor wrote, made harmless where reports write it: a terminal, GitHub Markdown, workflow commands.

A value may hold anything: ANSI escape sequences that repaint a terminal line (a fake green "0 erreur"),
bidirectional controls that reorder what is read, Markdown or HTML that rewrites a summary, an @mention that
notifies a stranger. Each is shown as what it is, never acted upon.
"""

from __future__ import annotations

import re
import unicodedata

# Bidirectional embeddings, overrides and isolates, and the line and paragraph separators: not control
# characters for Unicode (category Cc), as dangerous on screen.
_INVISIBLE_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u2028\u2029")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
_ASCII_PUNCTUATION = re.compile(r"([!-/:-@\[-`{-~])")  # every character CommonMark lets a backslash escape
_MENTION = re.compile(r"([@#])(?=\w)")  # "@someone", "#12": a notification or a cross-reference on GitHub
WORD_JOINER = "\u2060"


def _visible(char: str) -> str:
    if char in _NAMED:
        return _NAMED[char]
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def is_control(char: str) -> bool:
    return unicodedata.category(char) == "Cc" or char in _INVISIBLE_CONTROLS


def for_terminal(text: str) -> str:
    """Control characters shown as escapes (ESC as "\\x1b"), so that nothing a value holds moves the cursor,
    changes colours or reorders the line."""
    if text.isprintable():  # the usual case, checked at C speed
        return text
    return "".join(_visible(char) if is_control(char) else char for char in text)


def for_markdown(text: str) -> str:
    """Plain text inside GitHub Markdown (a table cell, a list item, a heading): one line, every Markdown and
    HTML character escaped, no mention, no issue reference."""
    text = for_terminal(text)
    text = _ASCII_PUNCTUATION.sub(r"\\\1", text)
    return _MENTION.sub(lambda found: found.group(1) + WORD_JOINER, text)

