"""The monthly bulletin (/bulletin/): what changed in the directory during one month and what is coming, for a
coordinator to copy into an e-mail, with its own Atom feed (bulletin/bulletin.atom, one entry per issue).

An issue is a calendar month: the records checked or changed that month (`date_maj`: a new record and an updated
one look the same), under "À la une" (good practices and resources) and "Les acteurs", and the "Agenda": events
starting from the first day of the month (from today, for the month in progress) to the end of the next month, and
the "Appels ouverts": calls open on that day (today's for the month in progress), the nearest deadline first.
Each of the last ISSUES months has its page (/bulletin/AAAA-MM/); /bulletin/ shows the month in progress and lists
the others. Links in the part to copy are absolute when the site's address is known, so that they work in a mail.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from functools import cached_property, partial

from generator.contract.kinds import ACTOR, CALL, EVENT, PRACTICE, RESOURCE
from generator.contract.model import Event
from generator.site.french import MONTHS
from generator.site.index import Listed
from generator.site.page import Body, ExtraFile, Page
from generator.site.renderer import Crumb, Renderer

PATH = "bulletin/"
FEED = PATH + "bulletin.atom"
ISSUES = 12  # months with a page and an entry in the feed, the month in progress included
ATOM = "http://www.w3.org/2005/Atom"
INTRO = ("Les nouveautés du réseau, mois par mois : les fiches ajoutées ou mises à jour et les prochains "
         "événements. À copier dans un courriel, ou à suivre avec un lecteur de flux.")


def _day(moment: date | datetime) -> date:
    return moment.date() if isinstance(moment, datetime) else moment


def next_month(month: date) -> date:
    return date(month.year + month.month // 12, month.month % 12 + 1, 1)


def month_fr(month: date) -> str:
    return f"{MONTHS[month.month - 1]} {month.year}"


@dataclass(frozen=True)
class Issue:
    month: date  # its first day
    current: bool  # the month in progress
    featured: list[Listed]  # good practices and resources checked or changed in the month
    actors: list[Listed]
    events: list[Listed]
    calls: list[Listed]  # open on its first day (today, for the month in progress)

    @property
    def path(self) -> str:
        return f"{PATH}{self.month:%Y-%m}/"

    @property
    def title(self) -> str:
        name = month_fr(self.month)
        return f"Bulletin d'{name}" if name[0] in "aeiou" else f"Bulletin de {name}"

    @property
    def records(self) -> list[Listed]:
        return self.featured + self.actors

    @property
    def updated(self) -> date:
        """For the feed: the newest check of its records, or the first day of the month (never the clock)."""
        return max((e.record.date_maj for e in self.records), default=self.month)


class Bulletin:
    def __init__(self, renderer: Renderer) -> None:
        self.renderer = renderer
        self.index = renderer.index
        self.today = renderer.settings.today

    @cached_property
    def issues(self) -> list[Issue]:
        """The last ISSUES months, the month in progress first."""
        month = self.today.replace(day=1)
        months = [month]
        while len(months) < ISSUES:
            month = (month - timedelta(days=1)).replace(day=1)
            months.append(month)
        return [self.issue(m) for m in months]

    def issue(self, month: date) -> Issue:
        end = next_month(month)
        checked = sorted(
            (e for e in self.index.entries.values() if month <= e.record.date_maj < end and e.kind is not EVENT),
            key=lambda e: (-e.record.date_maj.toordinal(), e.order, e.key),
        )
        current = month == self.today.replace(day=1)
        start = self.today if current else month
        horizon = next_month(end)
        events = [e for e in self.index.by_kind[EVENT.name]
                  if isinstance(e.record, Event) and start <= _day(e.record.debut) < horizon]
        events.sort(key=lambda e: (_day(e.record.debut), e.order, e.key))  # type: ignore[attr-defined]
        calls = [e for e in self.index.by_kind[CALL.name] if (self.index.deadline(e) or start) >= start]
        return Issue(month, current,
                     [e for e in checked if e.kind in (PRACTICE, RESOURCE)],
                     [e for e in checked if e.kind is ACTOR], events, calls)

    def address(self, path: str) -> str:
        return self.renderer.settings.absolute(path)

    # --- pages ----------------------------------------------------------------------------------------

    def pages(self) -> Iterator[Page]:
        latest = self.issues[0]
        yield Page(path=PATH, title="Bulletin du réseau", render=partial(self.body, latest, PATH), description=INTRO,
                   kind="bulletin")
        for issue in self.issues:
            yield Page(path=issue.path, title=issue.title, render=partial(self.body, issue, issue.path),
                       description=f"{issue.title} : les nouveautés du réseau.", kind="bulletin")

    def body(self, issue: Issue, path: str) -> Body:
        crumbs = [Crumb("Accueil", ""), Crumb("Bulletin", None if path == PATH else PATH)]
        if path != PATH:
            crumbs.append(Crumb(month_fr(issue.month).capitalize(), None))
        return self.renderer.render_template(
            "bulletin.html", path, issue=issue, issues=self.issues, on_index=path == PATH, intro=INTRO,
            crumbs=crumbs, feed=FEED, address=self.address, month_fr=month_fr, horizon=next_month(issue.month),
        )

    # --- the feed ---------------------------------------------------------------------------------------

    def feed(self, site_url: str) -> ExtraFile:
        """bulletin.atom (RFC 4287): one entry per issue; `site_url` is the site's address (the exports' default
        when the settings have none: Atom ids must be absolute)."""
        name = self.renderer.settings.site_name
        root = ET.Element("feed", {"xmlns": ATOM, "{http://www.w3.org/XML/1998/namespace}lang": "fr"})
        ET.SubElement(root, "id").text = site_url + FEED
        ET.SubElement(root, "title").text = f"Bulletin — {name}"
        ET.SubElement(root, "subtitle").text = INTRO
        ET.SubElement(root, "updated").text = _stamp(max(issue.updated for issue in self.issues))
        ET.SubElement(root, "link", {"rel": "self", "type": "application/atom+xml", "href": site_url + FEED})
        ET.SubElement(root, "link", {"rel": "alternate", "type": "text/html", "href": site_url + PATH})
        author = ET.SubElement(root, "author")
        ET.SubElement(author, "name").text = name
        for issue in self.issues:
            entry = ET.SubElement(root, "entry")
            ET.SubElement(entry, "id").text = site_url + issue.path
            ET.SubElement(entry, "title").text = issue.title
            ET.SubElement(entry, "updated").text = _stamp(issue.updated)
            ET.SubElement(entry, "link", {"rel": "alternate", "type": "text/html", "href": site_url + issue.path})
            ET.SubElement(entry, "summary", {"type": "text"}).text = _summary(issue)
        ET.indent(root)
        return ExtraFile(FEED, content=ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n")


def _stamp(day: date) -> str:
    return datetime.combine(day, time(), UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _summary(issue: Issue) -> str:
    parts = []
    if issue.records:
        parts.append("Fiches ajoutées ou mises à jour : " + ", ".join(e.title for e in issue.records) + ".")
    if issue.events:
        parts.append("Agenda : " + ", ".join(e.title for e in issue.events) + ".")
    if issue.calls:
        parts.append("Appels ouverts : " + ", ".join(e.title for e in issue.calls) + ".")
    return " ".join(parts) or "Rien de nouveau ce mois-là."
