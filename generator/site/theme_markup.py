"""Markup of the theme that HTML forbids, put right in each page the theme writes.

Material for MkDocs writes `autocomplete="off"` on its drawer and search toggles, two checkboxes (HTML allows the
attribute on text fields only). They sit in its base.html outside any block an override can replace, so the
attribute is taken out of the rendered page instead. (The theme wants Firefox not to restore a toggle on "back";
the menu is then at worst open again, as it was left.)
"""

from __future__ import annotations

THEME_TOGGLES = (
    '<input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer" autocomplete="off">',
    '<input class="md-toggle" data-md-toggle="search" type="checkbox" id="__search" autocomplete="off">',
)
REFUSED = ' autocomplete="off"'


def valid_theme_markup(html: str) -> str:
    """The page without the theme's invalid attributes (a page without them is returned as it is)."""
    for toggle in THEME_TOGGLES:
        html = html.replace(toggle, toggle.replace(REFUSED, ""), 1)
    return html
