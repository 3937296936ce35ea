"""The agenda: upcoming events first (soonest first), then the archives (most recent first), "today" taken from
the settings; every event page links to its own calendar file and to the whole agenda, and those files are in
the built site and parse as iCalendar."""

from __future__ import annotations

import re
from datetime import date, datetime
from pathlib import Path

import pytest
from conftest import NETWORK, BuiltSite, Html
from icalendar import Calendar

from generator import build
from generator.build import read
from generator.contract.kinds import EVENT
from generator.contract.model import Event
from generator.reading.catalog import Catalog
from generator.settings import Settings

EVENT_LINK = re.compile(r'<a class="mj-list__title" href="[./]*agenda/([a-z0-9-]+)/"')


@pytest.fixture(scope="module")
def catalog(sample_site: BuiltSite) -> Catalog:
    return read(Settings(data_dir=sample_site.project / "data")).catalog


def _events(catalog: Catalog) -> list[Event]:
    return [e for e in catalog.of(EVENT) if isinstance(e, Event)]


def _day(value: date | datetime) -> date:
    return value.date() if isinstance(value, datetime) else value


def expected_order(catalog: Catalog, today: date) -> tuple[list[str], list[str]]:
    """(upcoming, soonest first), (past, most recent first): an event is past once its last day is over."""
    events = _events(catalog)
    coming = [e for e in events if _day(e.fin or e.debut) >= today]
    past = [e for e in events if _day(e.fin or e.debut) < today]
    coming.sort(key=lambda e: (_day(e.debut), e.titre.casefold()))
    past.sort(key=lambda e: _day(e.debut), reverse=True)
    return [e.id for e in coming], [e.id for e in past]


def _sections(html: str) -> tuple[list[str], list[str]]:
    """Event ids listed under "À venir" and under "Archives", in page order."""
    body = html.split('<div class="mj-page mj-listing">', 1)[1]
    coming, _, past = body.partition('<h2 id="archives">')
    if '<h2 id="a-venir">' not in coming:
        coming, past = "", body
    return EVENT_LINK.findall(coming), EVENT_LINK.findall(past)


def test_the_built_agenda_shows_upcoming_events_before_the_archives(sample_site: BuiltSite, catalog: Catalog) -> None:
    html = sample_site.page("agenda")
    coming, past = expected_order(catalog, Settings().today)  # the build's "today" (the settings' default)
    assert _sections(html) == (coming, past)
    assert html.index('<h2 id="a-venir">À venir</h2>') < html.index('<h2 id="archives">Archives</h2>')


@pytest.mark.parametrize("today", [date(2026, 11, 23), date(2027, 1, 20), date(2027, 7, 1)])
def test_today_comes_from_the_settings(today: date, catalog: Catalog) -> None:
    """The same data on three days: events move from "À venir" to "Archives" as the settings' date passes."""
    site = build.prepare(Settings(data_dir=NETWORK / "data", today=today))
    pages = {page.path: page for page in build.pages(site)}
    html = pages["agenda/"].render().html
    coming, past = expected_order(catalog, today)
    assert _sections(html) == (coming, past)
    text = Html(html).text
    if coming:
        assert f"{len(coming)} événement{'s' if len(coming) > 1 else ''} à venir" in text
    else:
        assert "Aucun événement annoncé pour l'instant" in text
    assert f"{len(past)} événement{'s' if len(past) > 1 else ''} passé" in text
    # An event page says it took place once it is over, and offers registration only before.
    for event_id in past:
        page = Html(pages[f"agenda/{event_id}/"].render().html)
        assert "Cet événement a eu lieu" in page.text
        assert "S'inscrire" not in page.text
    for event_id in coming:
        assert "Cet événement a eu lieu" not in pages[f"agenda/{event_id}/"].render().html


def test_archives_link_to_the_page_where_they_start(tmp_path: Path) -> None:
    """With a long agenda over several pages, the link to the archives leads to the right page and anchor."""
    site = build.prepare(Settings(data_dir=NETWORK / "data", per_page=3, today=date(2026, 11, 23)))
    pages = {page.path: page.render().html for page in build.pages(site) if page.path.startswith("agenda/")}
    first = Html(pages["agenda/"])
    coming = len(_sections(pages["agenda/"])[0]) + len(_sections(pages["agenda/page/2/"])[0])
    archives = f"agenda/page/{coming // 3 + 1}/"
    assert f"../{archives}#archives" in first.links
    assert "archives" in Html(pages[archives]).ids


def _link(page: LinkedHtml, text: str) -> str:
    hrefs = [href for href, label in page.labelled_links if label.startswith(text) and not href.startswith("#")]
    assert hrefs, text
    return hrefs[0]


def test_every_event_page_has_working_add_to_calendar_links(sample_site: BuiltSite, catalog: Catalog) -> None:
    feed_ids: set[str] = set()
    for event in _events(catalog):
        page_dir = sample_site.site / "agenda" / event.id
        page = LinkedHtml((page_dir / "index.html").read_text(encoding="utf-8"))
        assert "ajouter-a-mon-agenda" in page.ids, event.id

        own = page_dir / _link(page, "Ajouter à mon agenda")
        assert own.resolve() == (sample_site.site / f"donnees/agenda/{event.id}.ics").resolve()
        calendar = Calendar.from_ical(own.read_bytes())
        [entry] = calendar.walk("VEVENT")
        assert str(entry["SUMMARY"]) == event.titre
        assert str(entry["UID"]) == f"{event.id}@maillage.example.org"
        assert calendar.walk("VTIMEZONE")[0]["TZID"] == "Europe/Paris"

        feed = page_dir / _link(page, "Télécharger tout l'agenda")
        assert feed.resolve() == (sample_site.site / "donnees/evenements.ics").resolve()
        feed_ids = {str(e["UID"]) for e in Calendar.from_ical(feed.read_bytes()).walk("VEVENT")}
        assert str(entry["UID"]) in feed_ids  # the same UID: a calendar app counts the event once

        assert _link(page, "S'abonner à l'agenda") == "webcal://maillage.example.org/donnees/evenements.ics"
    assert len(feed_ids) == len(_events(catalog))


def test_the_agenda_page_links_to_the_whole_calendar(sample_site: BuiltSite) -> None:
    page = LinkedHtml(sample_site.page("agenda"))
    assert (sample_site.site / "agenda" / _link(page, "Télécharger l'agenda")).resolve() == (
        sample_site.site / "donnees/evenements.ics"
    ).resolve()
    assert _link(page, "S'abonner à l'agenda").startswith("webcal://maillage.example.org/")


class LinkedHtml(Html):
    """Html that also keeps each link's text (screen-reader text included): (href, text)."""

    def __init__(self, source: str) -> None:
        self.labelled_links: list[tuple[str, str]] = []
        self._open: list[tuple[str, list[str]]] = []
        super().__init__(source)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        super().handle_starttag(tag, attrs)
        if tag == "a":
            self._open.append((dict(attrs).get("href") or "", []))

    def handle_endtag(self, tag: str) -> None:
        super().handle_endtag(tag)
        if tag == "a" and self._open:
            href, words = self._open.pop()
            self.labelled_links.append((href, " ".join(" ".join(words).split())))

    def handle_data(self, data: str) -> None:
        super().handle_data(data)
        for _, words in self._open:
            words.append(data)
