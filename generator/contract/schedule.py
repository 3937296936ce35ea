"""Valid opening hours (see `generator.hours`) read as a usual week plus the dated days that differ from it.

The parser evaluates the hours day by day over a year from the reference week, public holidays of the
place's country included; from that come the forms pages and exports need: weekly rules (schema.org,
HSDS), the days a place opens (the « ouvert le samedi » filter) and the data the browser reads to say
« Ouvert maintenant ». Times are wall-clock times of the place (Europe/Paris for the network).
"""

from __future__ import annotations

import functools
import itertools
import json
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta
from typing import Any

import opening_hours
from opening_hours import OpeningHours, State

from generator.clock import today

DAY_MINUTES = 24 * 60
HORIZON_DAYS = 53 * 7  # from the reference Monday: a year of holidays and closures
MOST_DEVIATIONS = 40  # beyond, the hours are not "a week, except on some dates" (alternate weeks ...)
SCHEMA_DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


@dataclass(frozen=True)
class Interval:
    start: int  # minutes after midnight of the day it starts
    end: int  # beyond 1440 when it runs into the next day (« 20:00-02:00 » is 1200-1560)
    comment: str = ""  # the "comment" of the syntax, as the contributor wrote it
    unknown: bool = False  # the syntax's « unknown »: maybe open (« sur rendez-vous » ...)


Day = tuple[Interval, ...]  # a day's intervals in order; () is closed


@dataclass(frozen=True)
class Deviation:
    """Consecutive days with the same hours, other than the usual week's."""

    first: date
    last: date
    hours: Day
    holiday: bool = False  # a public holiday (always a single day)


@dataclass(frozen=True)
class Schedule:
    week: tuple[Day, ...]  # Monday to Sunday: the usual week (the reference week when not `regular`)
    deviations: tuple[Deviation, ...]  # between `first` and `last`, in order
    first: date  # Monday of the reference week
    last: date  # last day evaluated
    reference: date  # the day the schedule was computed for ("today" of the build)
    regular: bool  # False: the hours change too often to be told as a week plus some dates
    unknown_holidays: bool  # the hours speak of public holidays, and the parser has no calendar for the country
    comments: tuple[str, ...]  # every comment of the text, in order, once each


def schedule(text: str, country: str | None = "FR", reference: date | None = None) -> Schedule:
    """The schedule of valid hours `text` for a place in `country` (ISO code; None: no public holidays)."""
    return _schedule(text, country, reference or today())


def days_between(first: date, last: date) -> Iterator[date]:
    """Every day from first to last, both included."""
    for offset in range((last - first).days + 1):
        yield first + timedelta(days=offset)


def _days(hours: OpeningHours, first: date, last: date) -> dict[date, Day]:
    """Each day's open or maybe-open intervals, first to last; a night stays with the evening it starts."""
    origin = datetime.combine(first - timedelta(days=1), time())  # a day on each side: nights into and out of it
    pieces: list[list[Interval]] = [[] for _ in range((last - first).days + 3)]
    for opens, closes, state, comment in hours.intervals(origin, origin + timedelta(days=len(pieces))):
        if state is State.CLOSED:
            continue
        unknown = state is State.UNKNOWN
        start, end = _minutes_since(origin, opens), _minutes_since(origin, closes)
        while start < end:  # cut at midnights (naive datetimes: wall-clock minutes, whatever the clock change)
            index = start // DAY_MINUTES
            stop = min(end, (index + 1) * DAY_MINUTES)
            pieces[index].append(Interval(start - index * DAY_MINUTES, stop - index * DAY_MINUTES, comment, unknown))
            start = stop
    for evening, morning in itertools.pairwise(pieces):
        if evening and morning:
            night, dawn = evening[-1], morning[0]
            if (night.end == DAY_MINUTES and night.start > 0 and dawn.start == 0 and dawn.end < DAY_MINUTES
                    and (night.comment, night.unknown) == (dawn.comment, dawn.unknown)):
                evening[-1] = replace(night, end=DAY_MINUTES + dawn.end)
                del morning[0]
    return {first + timedelta(days=offset): tuple(pieces[offset + 1]) for offset in range(len(pieces) - 2)}


def _minutes_since(origin: datetime, moment: datetime) -> int:
    elapsed = moment - origin
    return elapsed.days * DAY_MINUTES + elapsed.seconds // 60


@functools.lru_cache(maxsize=32)
def _holidays(country: str, first: date, last: date) -> frozenset[date] | None:
    """The public holidays of the country between two days, or None when the parser does not know it."""
    try:
        every_holiday = OpeningHours("PH", country=country)
    except opening_hours.UnknownCountryError:  # type: ignore[attr-defined]  # missing from the package's stubs
        return None
    return frozenset(day for day, hours in _days(every_holiday, first, last).items() if hours)


_COMMENT = re.compile(r'"([^"]*)"')
# What the parser writes back for hours that are the same every week, public holidays aside.
_WEEKLY = re.compile(r"(?:Mo|Tu|We|Th|Fr|Sa|Su|PH|24/7|open|closed|unknown|\d\d:\d\d|[-,;| ])*")


def _usual_week(actual: dict[date, Day], holidays: frozenset[date]) -> tuple[Day, ...]:
    """Each weekday's most frequent hours (the earliest on a tie)."""
    counts: list[Counter[Day]] = [Counter() for _ in range(7)]
    for day, hours in actual.items():
        if day not in holidays:
            counts[day.weekday()][hours] += 1
    return tuple(count.most_common(1)[0][0] if count else () for count in counts)


def _deviations(actual: dict[date, Day], week: tuple[Day, ...], holidays: frozenset[date]) -> tuple[Deviation, ...]:
    """Days whose hours differ from the week's, as ranges; `holidays` are the days that differ for being one."""
    ranges: list[Deviation] = []
    for day in sorted(actual):
        hours = actual[day]
        if hours == week[day.weekday()]:
            continue
        holiday = day in holidays
        previous = ranges[-1] if ranges else None
        if (previous and not holiday and not previous.holiday and previous.hours == hours
                and previous.last == day - timedelta(days=1)):
            ranges[-1] = replace(previous, last=day)
        else:
            ranges.append(Deviation(day, day, hours, holiday))
    return tuple(ranges)


@functools.lru_cache(maxsize=4096)
def _schedule(text: str, country: str | None, reference: date, quick: bool = True) -> Schedule:
    first = reference - timedelta(days=reference.weekday())
    last = first + timedelta(days=HORIZON_DAYS - 1)
    plain = OpeningHours(text)  # without a country, public holidays never come
    written = _COMMENT.sub("", str(plain))
    holidays = _holidays(country, first, last) if country else None
    local = OpeningHours(text, country=country) if holidays is not None else plain
    if quick and _WEEKLY.fullmatch(written):
        # The same every week: only public holidays, and the nights around them, can differ from it.
        week = tuple(_days(plain, first, first + timedelta(days=6)).values())
        actual: dict[date, Day] = {}
        if "PH" in written:
            for holiday in sorted(holidays or ()):
                actual |= _days(local, max(first, holiday - timedelta(days=1)), min(last, holiday + timedelta(days=1)))
        holiday_effects = holidays or frozenset()  # here a holiday's hours differ from the week's for being one
    else:
        actual = _days(local, first, last)
        week = _usual_week(actual, holidays or frozenset())
        holiday_effects = frozenset(holiday for holiday in holidays or () if first <= holiday <= last
                                    and _days(plain, holiday, holiday)[holiday] != actual[holiday])
    deviations = _deviations(actual, week, holiday_effects)
    regular = len(deviations) <= MOST_DEVIATIONS
    if not regular:  # the table then shows the reference week as it is
        week = tuple(_days(local, first, first + timedelta(days=6)).values())
    comments = tuple(dict.fromkeys(comment[1] for comment in _COMMENT.finditer(text)))
    return Schedule(week, deviations, first, last, reference, regular, "PH" in written and holidays is None, comments)


# --- what pages, exports and the browser read -------------------------------------------------------------


def _opens(hours: Day) -> list[Interval]:
    return [interval for interval in hours if not interval.unknown]


def open_days(schedule: Schedule) -> tuple[int, ...]:
    """The weekdays (0 is Monday) the place opens, or may open (« sur rendez-vous »), in its usual week or on
    dated days (« Sa[1] »), public holidays aside: what a filter « ouvert le samedi » keeps."""
    days = {weekday for weekday, hours in enumerate(schedule.week) if hours}
    for deviation in schedule.deviations:
        if not deviation.holiday and deviation.hours:
            days.update(day.weekday() for day in days_between(deviation.first, min(deviation.last,
                                                                                    deviation.first + timedelta(6))))
    return tuple(sorted(days))


@dataclass(frozen=True)
class WeeklyRule:
    days: tuple[int, ...]  # weekdays, 0 is Monday
    opens: int  # minutes after midnight
    closes: int  # beyond 1440 when it closes the next day


def weekly_rules(schedule: Schedule) -> tuple[WeeklyRule, ...]:
    """The usual week's open intervals, each with the weekdays it applies to (« maybe open » left out)."""
    days: dict[tuple[int, int], list[int]] = {}
    for weekday, hours in enumerate(schedule.week):
        for interval in _opens(hours):
            days.setdefault((interval.start, interval.end), []).append(weekday)
    return tuple(sorted((WeeklyRule(tuple(weekdays), opens, closes) for (opens, closes), weekdays in days.items()),
                        key=lambda rule: (rule.days[0], rule.opens)))


def clock(minutes: int) -> str:
    """ "09:00"; a time of the next day is written on the clock ("26:00" is "02:00")."""
    return f"{minutes // 60 % 24:02d}:{minutes % 60:02d}"


def _closes(opens: int, closes: int) -> str:
    return "23:59" if (opens, closes) == (0, DAY_MINUTES) else clock(closes)  # schema.org's "open all day"


def _reliable(schedule: Schedule) -> bool:
    """Whether the week and its dated exceptions say when the place is open, every day of the year ahead."""
    return schedule.regular and not schedule.unknown_holidays


def opening_hours_specification(schedule: Schedule) -> list[dict[str, Any]]:
    """schema.org `openingHoursSpecification`: the usual week, then the dated days ahead (closed: 00:00-00:00).
    Empty when the hours are not regular: nothing rather than something wrong."""
    if not _reliable(schedule):
        return []
    kind = {"@type": "OpeningHoursSpecification"}
    specifications: list[dict[str, Any]] = [
        kind | {"dayOfWeek": [f"https://schema.org/{SCHEMA_DAYS[day]}" for day in rule.days],
                "opens": clock(rule.opens), "closes": _closes(rule.opens, rule.closes)}
        for rule in weekly_rules(schedule)
    ]
    for deviation in schedule.deviations:
        if deviation.last < schedule.reference:
            continue
        valid = {"validFrom": deviation.first.isoformat(), "validThrough": deviation.last.isoformat()}
        opened = _opens(deviation.hours)
        if not opened:
            specifications.append(kind | {"opens": "00:00", "closes": "00:00"} | valid)
        specifications += [kind | {"opens": clock(interval.start), "closes": _closes(interval.start, interval.end)}
                           | valid for interval in opened]
    return specifications


def _browser_day(hours: Day) -> list[list[int | str]]:
    return [[interval.start, interval.end, *(["?"] if interval.unknown else [])] for interval in hours]


def browser_data(schedule: Schedule) -> dict[str, Any]:
    """What assets/maillage/horaires.js reads (in `data-horaires`) to say « Ouvert maintenant · ferme à 17 h »:
    per weekday [start, end] minutes ("?" third: maybe open), dated exceptions [first, last, intervals], and the
    days it holds for. No contributor text. {"regulier": false} makes the browser stay silent."""
    if not _reliable(schedule):
        return {"regulier": False}
    return {
        "regulier": True,
        "du": schedule.first.isoformat(),
        "au": schedule.last.isoformat(),
        "semaine": [_browser_day(hours) for hours in schedule.week],
        "exceptions": [[deviation.first.isoformat(), deviation.last.isoformat(), _browser_day(deviation.hours)]
                       for deviation in schedule.deviations],
    }


def browser_json(schedule: Schedule) -> str:
    return json.dumps(browser_data(schedule), separators=(",", ":"))
