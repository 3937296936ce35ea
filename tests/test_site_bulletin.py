"""The monthly bulletin (/bulletin/ and /bulletin/AAAA-MM/): the records checked or changed in the month, the
events to come, links that work once pasted into an e-mail, one page per month and an Atom feed (read back by
feedparser) with one entry per issue; axe-core on the page. The test network is seen on 2026-11-23."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import date, datetime
from typing import Any

import feedparser
import pytest
from conftest import NETWORK, NETWORK_DAY, BuiltSite, Html
from test_site_a11y import AXE, WCAG

from generator.build import read
from generator.contract.kinds import CALL, EVENT, KINDS
from generator.contract.model import Call, Event, Record
from generator.reading.catalog import Catalog
from generator.settings import Settings

ATOM = "{http://www.w3.org/2005/Atom}"
SITE = "https://maillage.example.org/"
TODAY = date.fromisoformat(NETWORK_DAY)
MONTHS = [date(2026, m, 1) for m in range(11, 0, -1)] + [date(2025, 12, 1)]  # the month in progress first


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return read(Settings(data_dir=NETWORK / "data")).catalog


def day(moment: date | datetime) -> date:
    return moment.date() if isinstance(moment, datetime) else moment


def following(month: date) -> date:
    return date(month.year + month.month // 12, month.month % 12 + 1, 1)


def expected(catalog: Catalog, month: date) -> tuple[set[str], set[str], set[str]]:
    """Pages of the records checked in the month, of the events of the issue, and of the calls open on its first
    day (today, for the month in progress)."""
    end = following(month)
    records: list[tuple[str, Record]] = [(k.section, r) for k in KINDS if k not in (EVENT, CALL)
                                         for r in catalog.of(k)]
    checked = {f"{SITE}{section}/{r.id}/" for section, r in records if month <= r.date_maj < end}
    start = TODAY if month == TODAY.replace(day=1) else month
    events = {f"{SITE}agenda/{e.id}/" for e in catalog.of(EVENT) if isinstance(e, Event)
              and start <= day(e.debut) < following(end)}
    calls = {f"{SITE}appels/{c.id}/" for c in catalog.of(CALL) if isinstance(c, Call)
             and (c.date_limite is None or c.date_limite >= start)}
    return checked, events, calls


def framed(html: str) -> tuple[Html, list[str]]:
    """The part to copy into an e-mail, and its links."""
    start = html.index('<div class="mj-bulletin__courriel"')
    part = Html(html[start:html.index("</div>", start)])
    return part, part.links


def test_each_issue_lists_the_month_s_records_and_the_events_to_come(sample_site: BuiltSite,
                                                                      catalog: Catalog) -> None:
    seen_records = seen_events = 0
    for month in MONTHS:
        part, links = framed(sample_site.page(f"bulletin/{month:%Y-%m}"))
        checked, events, calls = expected(catalog, month)
        agenda = {link for link in links if "/agenda/" in link}
        assert set(links) - {SITE} == checked | events | calls
        assert agenda == events
        assert {link for link in links if "/appels/" in link} == calls
        seen_records += len(checked)
        seen_events += len(events)
    assert seen_records and seen_events, "the test network has records and events over the year"
    part, links = framed(sample_site.page("bulletin"))  # the month in progress
    assert set(links) - {SITE} == set().union(*expected(catalog, MONTHS[0]))
    assert "Bulletin de novembre 2026 (en cours)" in part.text


def test_links_to_paste_are_absolute_and_lead_to_pages(sample_site: BuiltSite) -> None:
    for month in MONTHS:
        _, links = framed(sample_site.page(f"bulletin/{month:%Y-%m}"))
        for link in links:
            assert link.startswith(SITE)
            target = sample_site.site / link.removeprefix(SITE)
            assert (target / "index.html").is_file(), link


def test_every_issue_has_its_page_and_its_entry_in_the_feed(sample_site: BuiltSite, catalog: Catalog) -> None:
    index = Html(sample_site.page("bulletin"))
    for month in MONTHS:
        assert f"../bulletin/{month:%Y-%m}/" in index.links
    assert not (sample_site.site / "bulletin" / f"{following(MONTHS[0]):%Y-%m}").exists()  # nothing from the future
    raw = (sample_site.site / "bulletin" / "bulletin.atom").read_bytes()
    parsed = feedparser.parse(raw)
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.version == "atom10"
    feed = ET.fromstring(raw)
    entries = feed.findall(f"{ATOM}entry")
    assert [e.findtext(f"{ATOM}id") for e in entries] == [f"{SITE}bulletin/{m:%Y-%m}/" for m in MONTHS]
    for month, entry in zip(MONTHS, entries, strict=True):
        checked, _, _ = expected(catalog, month)
        dates = [r.date_maj for k in KINDS if k not in (EVENT, CALL) for r in catalog.of(k)
                 if f"{SITE}{k.section}/{r.id}/" in checked]
        assert entry.findtext(f"{ATOM}updated") == f"{max(dates, default=month).isoformat()}T00:00:00Z"
    assert "../bulletin/bulletin.atom" in index.links


@pytest.mark.browser
@pytest.mark.parametrize("width", [1280, 320], ids=["ordinateur", "320 px"])
def test_no_wcag_violation_and_no_sideways_scroll(browser: Any, served_site: str, width: int) -> None:
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    page.goto(served_site + "bulletin/")
    page.evaluate(AXE.read_text(encoding="utf-8"))
    result = page.evaluate("(tags) => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG)
    assert [f"{v['id']}: {v['help']} — {[n['target'] for n in v['nodes']]}" for v in result["violations"]] == []
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    context.close()
