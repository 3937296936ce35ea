"""The site: records to HTML pages, with Jinja2 templates and no knowledge of any site engine.

`Renderer` is the rendering core; the page producers of generator/site/pages/ describe the generated pages with
it; `Page` and `ExtraFile` are what an engine receives.
"""

from generator.site.page import Body, ExtraFile, Page, TocEntry
from generator.site.renderer import Crumb, Renderer

__all__ = ["Body", "Crumb", "ExtraFile", "Page", "Renderer", "TocEntry"]
