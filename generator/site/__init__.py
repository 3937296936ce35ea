"""The render core: records to HTML pages, with Jinja2 templates and no knowledge of any site engine.

`Renderer` describes and renders the generated pages; `Page` and `ExtraFile` are what an engine receives.
"""

from generator.site.page import Body, ExtraFile, Page, TocEntry
from generator.site.renderer import Crumb, Renderer

__all__ = ["Body", "Crumb", "ExtraFile", "Page", "Renderer", "TocEntry"]
