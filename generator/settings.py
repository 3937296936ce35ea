"""Site settings: the `maillage` plugin options of mkdocs.yml, as a plain value the render and export code read.

Nothing here knows MkDocs: the adapter maps its config into `Settings`, another engine or a test builds one
directly.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from urllib.parse import quote

from generator.clock import today


@dataclass(frozen=True)
class Settings:
    data_dir: Path = Path("data")
    docs_dir: Path | None = None  # the hand-written pages: checked for links, which the engine would follow
    site_name: str = "Maillage"
    site_url: str = ""  # absolute address of the published site ("https://…/"), "" when unknown
    review_months: int = 12  # a record not checked for this long gets a warning
    report_url: str = ""  # "Signaler une erreur" link template; see `fill_template`
    edit_url: str = ""  # "Modifier cette fiche" link template (e.g. the GitHub web editor)
    coordination_email: str = ""  # where a visitor without a GitHub account reports a mistake (mailto:)
    per_page: int = 50  # items per list page
    latest: int = 10  # latest updates shown on the home page
    upcoming: int = 5  # upcoming events shown on the home page
    map_tiles: str = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"  # for the map page (/carte/)
    map_attribution: str = "© les contributeurs d'OpenStreetMap"
    editor_repo: str = ""  # GitHub repository (owner/name) the web editor at /admin/ writes to; "" for no editor
    editor_branch: str = "main"
    editor_auth_url: str = ""  # the network's OAuth worker for the editor's sign-in; "" for a personal token only
    today: date = field(default_factory=today)

    @property
    def base_url(self) -> str:
        """The site address with exactly one trailing slash, or "" when unknown."""
        return self.site_url.rstrip("/") + "/" if self.site_url else ""

    def absolute(self, path: str) -> str:
        """Absolute address of a site path ("acteurs/x/"), or "" when the site address is unknown."""
        return self.base_url + path if self.base_url else ""


# Placeholders a link template may hold; values are percent-encoded before they are put in.
TEMPLATE_FIELDS = ("titre", "type", "id", "chemin", "url", "fichier")


def fill_template(template: str, values: dict[str, str]) -> str:
    """Replace {titre}, {type}, {id}, {chemin} (site path), {url} (absolute page address) and {fichier}
    (the record's file, e.g. data/actors/x.yml) in a URL template. Other braces are left alone, so that a
    template may hold any URL."""
    filled = template
    for name in TEMPLATE_FIELDS:
        filled = filled.replace("{" + name + "}", quote(values.get(name, ""), safe="/" if name == "fichier" else ""))
    return filled


def mailto(address: str, subject: str, body: str) -> str:
    """A `mailto:` link with its subject and body (RFC 6068: percent-encoded, lines ending in CR LF)."""
    body = body.replace("\r\n", "\n").replace("\n", "\r\n")
    return f"mailto:{quote(address, safe='@')}?subject={quote(subject, safe='')}&body={quote(body, safe='')}"
