"""What the render core hands to an engine: pages as site paths, titles and HTML bodies."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from generator.reading.catalog import Key


@dataclass(frozen=True)
class TocEntry:
    id: str
    title: str
    level: int = 2


@dataclass(frozen=True)
class Body:
    html: str
    toc: tuple[TocEntry, ...] = ()


@dataclass(frozen=True)
class Page:
    """One page of the site. `render` is called once, when the engine needs the HTML (not before)."""

    path: str  # site path: "acteurs/x/", "" for the home page
    title: str
    render: Callable[[], Body] = field(repr=False, compare=False)
    description: str = ""  # <meta name="description">
    kind: str = ""  # "record", "list", "browse", "home" or another producer's word
    extends_docs: bool = False  # appended to the hand-written page of the same path when there is one
    # The records whose content the page shows (besides the taxonomies and settings every page may show):
    # unchanged, the page is unchanged. None: any record may change it.
    shows: frozenset[Key] | None = field(default=None, repr=False, compare=False)

    @property
    def src_uri(self) -> str:
        """The Markdown file an engine would read: "acteurs/x/index.md"."""
        return f"{self.path}index.md"


@dataclass(frozen=True)
class ExtraFile:
    """A file copied or written as it is into the site (a document, an export…)."""

    path: str  # site path: "ressources/fichiers/guide.pdf"
    content: bytes | None = None
    source: str | None = None  # absolute path of a file to copy, when there is no content
