"""The Atom feed (RFC 4287) of each kind with a deadline (appels/appels.atom): its open records, the nearest
deadline first. A record leaves it the day after its deadline, as of the build (the daily build keeps it true);
its page stays, under « Clos ».

`updated` is the records' `date_maj` (the feed's is the newest among the open ones), never the build time:
rebuilding the same data on the same day gives the same bytes. Entry ids are page addresses.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterator
from datetime import UTC, date, datetime, time

from generator.contract.kinds import ACTOR, KINDS, Kind
from generator.contract.nouns import capitalize
from generator.site.french import date_fr
from generator.site.index import Listed, SiteIndex
from generator.site.page import ExtraFile
from generator.site.urls import list_path, open_feed_path

ATOM = "http://www.w3.org/2005/Atom"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def feeds(index: SiteIndex, site_url: str) -> Iterator[ExtraFile]:
    """One feed per kind with a deadline that has records; `site_url` is absolute (Atom ids must be)."""
    for kind in KINDS:
        if kind.deadline and index.by_kind[kind.name]:
            yield ExtraFile(open_feed_path(kind), content=feed(index, kind, site_url))


def feed(index: SiteIndex, kind: Kind, site_url: str) -> bytes:
    name = index.settings.site_name
    entries = index.still_open(index.by_kind[kind.name])
    path = open_feed_path(kind)
    root = ET.Element("feed", {"xmlns": ATOM, XML_LANG: "fr"})
    _text(root, "id", site_url + path)
    _text(root, "title", f"{capitalize(kind.plural)} {kind.noun.agree('ouvert')}s — {name}")
    _text(root, "subtitle", f"Les {kind.plural} dont la date limite n'est pas passée, la plus proche en premier.")
    every = index.by_kind[kind.name]
    _text(root, "updated", _stamp(max(e.record.date_maj for e in entries or every)))
    ET.SubElement(root, "link", {"rel": "self", "type": "application/atom+xml", "href": site_url + path})
    ET.SubElement(root, "link", {"rel": "alternate", "type": "text/html", "href": site_url + list_path(kind)})
    author = ET.SubElement(root, "author")
    _text(author, "name", name)
    for entry in entries:
        _entry(root, index, entry, site_url)
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"


def _entry(root: ET.Element, index: SiteIndex, entry: Listed, site_url: str) -> None:
    url = site_url + entry.path
    element = ET.SubElement(root, "entry")
    _text(element, "id", url)
    _text(element, "title", f"{entry.type_label} : {entry.title}")
    _text(element, "updated", _stamp(entry.record.date_maj))
    ET.SubElement(element, "link", {"rel": "alternate", "type": "text/html", "href": url})
    carrier = next((index.entry(ACTOR, value) for value in _carriers(entry)), None)
    if carrier is not None:
        author = ET.SubElement(element, "author")
        _text(author, "name", carrier.title)
        _text(author, "uri", site_url + carrier.path)
    ET.SubElement(element, "category", {"term": str(getattr(entry.record, "type", entry.kind.schema)),
                                        "label": entry.type_label})
    limit = index.deadline(entry)
    when = f"Date limite : {date_fr(limit)}." if limit else "Sans date limite."
    _text(element, "summary", f"{when} {entry.excerpt}".strip()).set("type", "text")


def _carriers(entry: Listed) -> list[str]:
    """The actor ids of the fields naming who is asked to check the record (the call's porteur)."""
    values = [getattr(entry.record, field, None) for field in entry.kind.checked_by]
    return [v for value in values for v in (value if isinstance(value, list) else [value]) if isinstance(v, str)]


def _text(parent: ET.Element, tag: str, text: str) -> ET.Element:
    element = ET.SubElement(parent, tag)
    element.text = "".join(c for c in text if c in "\t\n" or ord(c) >= 32)  # a control character is invalid XML
    return element


def _stamp(day: date) -> str:
    return datetime.combine(day, time(), UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
