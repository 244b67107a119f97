"""Weeks and months in the site's time zone, named as editors name their notes."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from qunzhi.digests.periods import Calendar

SHANGHAI = ZoneInfo("Asia/Shanghai")


def test_a_sunday_2330_in_shanghai_belongs_to_its_iso_week():
    calendar = Calendar(SHANGHAI)
    sunday_night = datetime(2016, 1, 17, 23, 30, tzinfo=SHANGHAI)  # 15:30 UTC, still Sunday
    week = calendar.containing("week", sunday_night)
    assert (week.id, week.path) == ("2016-W02", "2016/w02/")
    assert week.start == datetime(2016, 1, 11, tzinfo=SHANGHAI)
    assert week.end == datetime(2016, 1, 18, tzinfo=SHANGHAI)
    # Monday 00:30 in Shanghai is Sunday 16:30 UTC: the next week, in the site's zone
    monday = datetime(2016, 1, 17, 16, 30, tzinfo=UTC)
    assert calendar.containing("week", monday).id == "2016-W03"
    assert Calendar(ZoneInfo("UTC")).containing("week", monday).id == "2016-W02"


def test_weeks_at_the_turn_of_a_year_and_months():
    calendar = Calendar(SHANGHAI)
    week = calendar.containing("week", datetime(2016, 1, 3, 20, tzinfo=SHANGHAI))
    assert (week.id, week.title, week.span) == (
        "2015-W53",
        "2015年第53周",
        "2015年12月28日—2016年1月3日",
    )
    assert week.archive_month == (2015, 12)
    month = calendar.containing("month", datetime(2016, 1, 31, 23, 59, tzinfo=SHANGHAI))
    assert (month.id, month.path, len(month.days)) == ("2016-01", "2016/01/", 31)
    assert calendar.month(2016, 12).end == datetime(2017, 1, 1, tzinfo=SHANGHAI)


def test_a_week_starting_on_sunday_keeps_the_iso_name_of_most_of_its_days():
    calendar = Calendar(SHANGHAI, "sunday")
    week = calendar.containing("week", datetime(2016, 1, 17, 23, 30, tzinfo=SHANGHAI))
    assert week.id == "2016-W03"  # Sunday 17 to Saturday 23: four days are ISO week 3
    assert week.start == datetime(2016, 1, 17, tzinfo=SHANGHAI)
    assert calendar.parse("2016-W03") == week


@pytest.mark.parametrize(
    ("written", "message"),
    [
        ("2016-W1", 'expected a week like 2016-W01 or a month like 2016-01, found "2016-W1"'),
        ("2016-13", 'expected a week like 2016-W01 or a month like 2016-01, found "2016-13"'),
        (
            "2016-W53",
            'expected a week like 2016-W01 or a month like 2016-01, found "2016-W53"; '
            "2016 has 52 ISO weeks",
        ),
    ],
)
def test_bad_period_names_say_what_was_expected(written, message):
    with pytest.raises(ValueError) as raised:
        Calendar(SHANGHAI).parse(written)
    assert str(raised.value) == message
