"""Where every generated page lives. Paths are site-relative and end with "/" (directory URLs)."""

from __future__ import annotations

from generator.contract.kinds import Kind

SEARCH_PATH = "recherche/"  # the search page
FILES_PATH = "ressources/fichiers/"  # documents of data/resources/files/


def record_path(kind: Kind, record_id: str) -> str:
    return f"{kind.section}/{record_id}/"


def paged(path: str, page: int) -> str:
    return path if page <= 1 else f"{path}page/{page}/"


def list_path(kind: Kind, page: int = 1) -> str:
    return paged(f"{kind.section}/", page)


def taxonomy_path(taxonomy: str) -> str:
    return f"{taxonomy}/"


def term_path(taxonomy: str, term_id: str, page: int = 1) -> str:
    return paged(f"{taxonomy}/{term_id}/", page)


def file_path(name: str) -> str:
    return FILES_PATH + name


def to_root(path: str) -> str:
    """The relative prefix that leads from a page at `path` back to the site root ("../../")."""
    return "../" * path.count("/")


# --- the map, the open data and the agenda files -----------------------------------------------------

MAP_PATH = "carte/"  # the map page (its list continues on carte/page/2/ …)
MAP_DATA = "carte/lieux.json"  # the located places, fetched by the map script (kept out of the HTML)
VENDOR = "assets/vendor/"  # Leaflet and its marker clusters, shipped in the theme
OPEN_DATA_PATH = "donnees/"  # the exports, as generator.exports writes them
AGENDA_FEED = OPEN_DATA_PATH + "evenements.ics"  # every event


def event_calendar_path(event_id: str) -> str:
    """One event's calendar file, written by the export as agenda/<id>.ics under the open data folder."""
    return f"{OPEN_DATA_PATH}agenda/{event_id}.ics"


def open_feed_path(kind: Kind) -> str:
    """The Atom feed of a kind with a deadline: its open records (appels/appels.atom)."""
    return f"{kind.section}/{kind.export}.atom"
