"""The page producers of the generated site: record pages, lists per kind, browse pages per taxonomy term,
the home block. Each is a function of the rendering core (generator/site/renderer.py)."""

from __future__ import annotations

from collections.abc import Iterator

from generator.site.page import Page
from generator.site.pages import home, lists, records, terms
from generator.site.renderer import Renderer


def generated_pages(renderer: Renderer) -> Iterator[Page]:
    """Home block, record pages, lists per kind and browse pages."""
    yield home.page(renderer)
    yield from records.pages(renderer)
    yield from lists.pages(renderer)
    yield from terms.pages(renderer)
