"""nouveautes.atom: the records most recently checked or changed (RFC 4287), for feed readers.

`updated` is the record's `date_maj` (the feed's is the newest of them), never the build time: rebuilding
the same data must not make every reader see unread news. Entry ids are page addresses, which stay the same
as long as the record keeps its id.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import date

from generator.contract.kinds import Kind
from generator.contract.model import Record
from generator.exports.common import ExportSettings, midnight_utc, newest_update, records_in_order
from generator.exports.text import writable
from generator.reading.catalog import Catalog
from generator.site.markdown import plain_text, shorten

ATOM = "http://www.w3.org/2005/Atom"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
LIMIT = 50
SUMMARY_LENGTH = 300
PATH = "nouveautes.atom"


def feed(catalog: Catalog, settings: ExportSettings) -> bytes:
    everything = records_in_order(catalog)
    recent = sorted(everything, key=lambda item: (-item[1].date_maj.toordinal(), item[0].name, item[1].id))[:LIMIT]
    root = ET.Element("feed", {"xmlns": ATOM, XML_LANG: "fr"})
    _text(root, "id", settings.exports_url + PATH)
    _text(root, "title", f"Nouveautés — {settings.site_name}")
    _text(root, "subtitle", "Les fiches de l'annuaire ajoutées ou mises à jour récemment.")
    newest = newest_update(catalog)
    if newest is not None:
        _text(root, "updated", _stamp(newest))
    ET.SubElement(root, "link", {"rel": "self", "type": "application/atom+xml", "href": settings.exports_url + PATH})
    ET.SubElement(root, "link", {"rel": "alternate", "type": "text/html", "href": settings.site_url})
    author = ET.SubElement(root, "author")  # RFC 4287: a feed whose entries have no author needs one
    _text(author, "name", settings.site_name)
    _text(author, "uri", settings.site_url)
    ET.SubElement(root, "generator", {"uri": settings.site_url}).text = "Maillage"
    for kind, record in recent:
        _entry(root, settings, kind, record)
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"


def _entry(root: ET.Element, settings: ExportSettings, kind: Kind, record: Record) -> None:
    url = settings.page_url(kind, record.id)
    entry = ET.SubElement(root, "entry")
    _text(entry, "id", url)
    _text(entry, "title", f"{kind.singular.capitalize()} : {record.title}")
    _text(entry, "updated", _stamp(record.date_maj))
    ET.SubElement(entry, "link", {"rel": "alternate", "type": "text/html", "href": url})
    ET.SubElement(entry, "category", {"term": kind.section, "label": kind.plural.capitalize()})
    summary = shorten(plain_text(_abstract(kind, record)), SUMMARY_LENGTH, ellipsis_within=True)
    if summary:
        ET.SubElement(entry, "summary", {"type": "text"}).text = writable(summary)


def _abstract(kind: Kind, record: Record) -> str | None:
    return getattr(record, kind.summary, None)


def _text(parent: ET.Element, tag: str, text: str) -> None:
    ET.SubElement(parent, tag).text = writable(text)  # a control character would make the feed invalid XML


def _stamp(day: date) -> str:
    return midnight_utc(day).strftime("%Y-%m-%dT%H:%M:%SZ")
