"""Weeks and months in the site's time zone: what a digest covers and where it lives.

A week is named after the ISO week that holds most of its days, so with the
default first day (Monday) it is exactly the ISO week; a community that starts
its week on Sunday gets Sunday-to-Saturday weeks with the same names. A moment
belongs to the period that holds it in the site's time zone: a Sunday 23:30
transcript in Shanghai is in that Sunday's week even though it is 15:30 UTC.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, tzinfo

from qunzhi.hub.settings import DIGEST_KINDS as KINDS
from qunzhi.hub.settings import WEEKDAYS as WEEKDAY_NAMES

PERIOD_ID = re.compile(r"^(?P<year>\d{4})-(?:W(?P<week>\d{2})|(?P<month>\d{2}))$")


@dataclass(frozen=True)
class Period:
    """One week or month: ``start`` is its first moment, ``end`` the first moment after it."""

    kind: str
    year: int
    number: int
    start: datetime
    end: datetime

    @property
    def id(self) -> str:
        """``2016-W01`` or ``2016-01``: the name of an editor's note and of ``--period``."""
        return f"{self.year}-{'W' if self.kind == 'week' else ''}{self.number:02d}"

    @property
    def path(self) -> str:
        """``2016/w01/`` or ``2016/01/``: never changes once a period has a digest."""
        return f"{self.year}/{'w' if self.kind == 'week' else ''}{self.number:02d}/"

    @property
    def last(self) -> datetime:
        """The last moment inside the period (``end`` is already outside)."""
        return self.end - timedelta(microseconds=1)

    @property
    def days(self) -> list[date]:
        first = self.start.date()
        return [first + timedelta(days=n) for n in range((self.end.date() - first).days)]

    @property
    def title(self) -> str:
        if self.kind == "month":
            return f"{self.year}年{self.number}月"
        return f"{self.year}年第{self.number}周"

    @property
    def span(self) -> str:
        """``1月4日—1月10日`` (the year too when the week crosses one)."""
        first, last = self.start.date(), self.last.date()
        left = f"{first.month}月{first.day}日"
        if first.year != last.year:
            left = f"{first.year}年{left}"
            return f"{left}—{last.year}年{last.month}月{last.day}日"
        return f"{left}—{last.month}月{last.day}日"

    @property
    def archive_month(self) -> tuple[int, int]:
        """(year, month) a week is filed under: the month of its middle day."""
        middle = self.start.date() + timedelta(days=3)
        return (middle.year, middle.month) if self.kind == "week" else (self.year, self.number)

    @property
    def sort_key(self) -> tuple[datetime, int]:
        return (self.start, KINDS.index(self.kind))


class Calendar:
    """Makes periods for one site: its time zone and the first day of its week."""

    def __init__(self, zone: tzinfo, week_start: str = "monday") -> None:
        self.zone = zone
        self.first_weekday = WEEKDAY_NAMES.index(week_start)

    def _midnight(self, day: date) -> datetime:
        return datetime.combine(day, time(), tzinfo=self.zone)

    def week(self, year: int, week: int) -> Period:
        """The week named ``year-Wweek``; ValueError when that ISO week does not exist."""
        monday = date.fromisocalendar(year, week, 1)
        offset = self.first_weekday if self.first_weekday <= 3 else self.first_weekday - 7
        first = monday + timedelta(days=offset)
        return Period(
            "week", year, week, self._midnight(first), self._midnight(first + timedelta(days=7))
        )

    def month(self, year: int, month: int) -> Period:
        following = date(year + month // 12, month % 12 + 1, 1)
        return Period(
            "month", year, month, self._midnight(date(year, month, 1)), self._midnight(following)
        )

    def containing(self, kind: str, moment: datetime) -> Period:
        """The week or month that holds ``moment`` in the site's time zone."""
        day = moment.astimezone(self.zone).date()
        if kind == "month":
            return self.month(day.year, day.month)
        first = day - timedelta(days=(day.weekday() - self.first_weekday) % 7)
        year, week, _ = (first + timedelta(days=3)).isocalendar()
        return self.week(year, week)

    def parse(self, text: str) -> Period:
        """``2016-W01`` or ``2016-01``; ValueError with what was expected otherwise."""
        match = PERIOD_ID.match(text.strip())
        problem = f'expected a week like 2016-W01 or a month like 2016-01, found "{text}"'
        if not match:
            raise ValueError(problem)
        year = int(match["year"])
        try:
            if match["week"]:
                return self.week(year, int(match["week"]))
            return self.month(year, int(match["month"]))
        except ValueError:
            if match["week"]:
                weeks = date(year, 12, 28).isocalendar()[1]
                raise ValueError(f"{problem}; {year} has {weeks} ISO weeks") from None
            raise ValueError(problem) from None
