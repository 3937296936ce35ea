"""Opening hours in French for the pages: a row per weekday (« 9 h – 12 h, 14 h – 17 h », « Fermé ») and notes
for what the week cannot show (public holidays, closures and other dates, comments). Plain text: templates
escape it (comments are the contributor's words)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from generator.contract.schedule import DAY_MINUTES, Day, Deviation, Interval, Schedule, days_between, open_days
from generator.site.french import capitalize, date_fr, join_fr, span_fr

DAYS = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")
MOST_DATED_NOTES = 6
NBSP = "\u00a0"


@dataclass(frozen=True)
class DayRow:
    weekday: int  # 0 is Monday
    name: str  # « Lundi »
    hours: str  # « 9 h – 12 h, 14 h – 17 h », « Fermé »
    open: bool  # open at some time of the day (« maybe open » does not count)


def clock_fr(minutes: int) -> str:
    """ "9 h", "13 h 30", "minuit" (the end of the day)."""
    if minutes == DAY_MINUTES:
        return "minuit"
    hours, rest = divmod(minutes, 60)
    return f"{hours}{NBSP}h" + (f"{NBSP}{rest:02d}" if rest else "")


def interval_fr(interval: Interval) -> str:
    """ "9 h – 12 h", "20 h – 2 h le lendemain", "24 h sur 24", with the comment: "9 h – 17 h (sur rendez-vous)"."""
    if (interval.start, interval.end) == (0, DAY_MINUTES):
        text = f"24{NBSP}h sur 24"
    elif interval.end > DAY_MINUTES:
        text = f"{clock_fr(interval.start)} – {clock_fr(interval.end - DAY_MINUTES)} le lendemain"
    else:
        text = f"{clock_fr(interval.start)} – {clock_fr(interval.end)}"
    if interval.comment:
        return f"{text} ({interval.comment})"
    return f"{text} (à confirmer)" if interval.unknown else text


def day_fr(hours: Day) -> str:
    return ", ".join(interval_fr(interval) for interval in hours) or "Fermé"


def week_rows(schedule: Schedule) -> list[DayRow]:
    return [
        DayRow(weekday, capitalize(DAYS[weekday]), day_fr(hours), any(not i.unknown for i in hours))
        for weekday, hours in enumerate(schedule.week)
    ]


def open_days_fr(schedule: Schedule) -> list[str]:
    """ "lundi", "samedi" ...: the values of a filter « ouvert le … »."""
    return [DAYS[weekday] for weekday in open_days(schedule)]


def weekdays_fr(weekdays: Iterable[int]) -> str:
    """ "tous les jours", "du lundi au vendredi", "le lundi et le mercredi", "du lundi au mercredi et le samedi"."""
    chosen = sorted(set(weekdays))
    if len(chosen) == 7:
        return "tous les jours"
    runs: list[list[int]] = []
    for weekday in chosen:
        if runs and runs[-1][-1] == weekday - 1:
            runs[-1].append(weekday)
        else:
            runs.append([weekday])
    parts = []
    for run in runs:
        if len(run) >= 3:
            parts.append(f"du {DAYS[run[0]]} au {DAYS[run[-1]]}")
        else:
            parts += [f"le {DAYS[weekday]}" for weekday in run]
    return join_fr(parts)


def _lower(hours_text: str) -> str:
    return "fermé" if hours_text == "Fermé" else hours_text


# --- notes -------------------------------------------------------------------------------------------------


@dataclass
class _Period:
    """Dated days with other hours than usual, told together: weekday -> hours."""

    first: date
    last: date
    hours: dict[int, Day]

    def note(self) -> str:
        when = span_fr(self.first, self.last)
        if not any(self.hours.values()):
            return f"Fermé {when}."
        if self.first == self.last:
            return f"{capitalize(when)} : {_lower(day_fr(self.hours[self.first.weekday()]))}."
        groups: dict[Day, list[int]] = {}
        for weekday in sorted(self.hours):
            groups.setdefault(self.hours[weekday], []).append(weekday)
        parts = [f"{weekdays_fr(weekdays)}, {_lower(day_fr(hours))}" for hours, weekdays in groups.items()]
        return f"{capitalize(when)} : {' ; '.join(parts)}."


def _periods(deviations: list[Deviation], holidays: set[date]) -> list[_Period]:
    """Each weekday's deviating days chained week after week (over public holidays), then the chains that overlap
    told as one period."""
    chains: list[tuple[date, date, int, Day]] = []  # first, last, weekday, hours
    open_chain: dict[tuple[int, Day], int] = {}
    days = sorted((day, deviation.hours) for deviation in deviations
                  for day in days_between(deviation.first, deviation.last))
    for day, hours in days:
        key = (day.weekday(), hours)
        index = open_chain.get(key)
        week_before = day - timedelta(days=7)
        while week_before in holidays:
            week_before -= timedelta(days=7)
        if index is not None and chains[index][1] == week_before:
            chains[index] = (chains[index][0], day, *key)
        else:
            open_chain[key] = len(chains)
            chains.append((day, day, *key))
    periods: list[_Period] = []
    for first, last, weekday, hours in sorted(chains):
        period = periods[-1] if periods else None
        if period and first <= period.last + timedelta(days=1) and period.hours.get(weekday, hours) == hours:
            period.last = max(period.last, last)
            period.hours[weekday] = hours
        else:
            periods.append(_Period(first, last, {weekday: hours}))
    return [short for period in periods for short in _split_if_short(period)]


def _split_if_short(period: _Period) -> list[_Period]:
    """A period of less than a week, not closed throughout, is clearer told day by day."""
    if (period.last - period.first).days >= 6 or not any(period.hours.values()):
        return [period]
    return [_Period(day, day, {day.weekday(): period.hours[day.weekday()]})
            for day in days_between(period.first, period.last) if day.weekday() in period.hours]


def _holiday_notes(holidays: list[Deviation]) -> list[str]:
    if not holidays:
        return []
    kinds = {deviation.hours for deviation in holidays}
    if kinds == {()}:
        return ["Fermé les jours fériés."]
    if len(kinds) == 1:
        return [f"Les jours fériés : {day_fr(holidays[0].hours)}."]
    return [f"Le {date_fr(d.first)} (jour férié) : {_lower(day_fr(d.hours))}." for d in holidays]


def notes(schedule: Schedule) -> list[str]:
    """What the week does not show, in French sentences, from the reference day on."""
    told: list[str] = []
    shown: list[Day] = list(schedule.week)
    if not schedule.regular:
        told.append(f"Ces horaires changent d'une semaine à l'autre : le tableau montre la semaine du "
                    f"{date_fr(schedule.first)}.")
    else:
        upcoming = [d for d in schedule.deviations if d.last >= schedule.reference]
        holidays = [d for d in upcoming if d.holiday]
        told += _holiday_notes(holidays)
        shown += [d.hours for d in holidays]
        periods = _periods([d for d in upcoming if not d.holiday], {d.first for d in holidays})
        for period in periods[:MOST_DATED_NOTES]:
            told.append(period.note())
            shown += period.hours.values()
        if len(periods) > MOST_DATED_NOTES:
            told.append("Les horaires changent aussi à d'autres dates.")
    if schedule.unknown_holidays:
        told.append("Les horaires des jours fériés sont particuliers.")
    written = {interval.comment for hours in shown for interval in hours}
    told += [f"Précision : {comment}" for comment in schedule.comments if comment and comment not in written]
    return told
