"""HUB_ settings are checked at start-up, every problem reported at once."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from qunzhi.hub.settings import build_now, check_settings


def test_every_settings_problem_is_reported_together(site, qunzhi):
    with site.settings.open("a", encoding="utf-8") as settings:
        settings.write(
            "\nHUB_GROUPS = ['paoge']\nHUB_PAGE_SIZE = 0\nHUB_GROUP = {}\n"
            "HUB_NOW = '明天'\nTIMEZONE = 'Mars/Base'\n"
        )

    result = qunzhi(site, "build")

    assert result.code == 2
    assert result.lines == [
        'qunzhi: pelicanconf.py: HUB_GROUP: unknown hub setting, did you mean "HUB_GROUPS"?',
        "pelicanconf.py: HUB_GROUPS: expected a mapping of group id to {name, platform}, "
        "found a list of 1",
        'pelicanconf.py: HUB_NOW: expected None or a date-time like 2016-03-12 19:00, found "明天"',
        "pelicanconf.py: HUB_PAGE_SIZE: expected a whole number of at least 1, found the number 0",
        "pelicanconf.py: TIMEZONE: expected an IANA time zone like Asia/Shanghai, "
        'found "Mars/Base"',
    ]
    assert not site.output.exists()


def test_group_entries_are_checked(site, qunzhi):
    with site.settings.open("a", encoding="utf-8") as settings:
        settings.write("\nHUB_GROUPS = {'Paoge Club': {'name': '炮哥'}}\n")

    result = qunzhi(site, "check")

    assert result.code == 2
    assert result.lines == [
        "qunzhi: pelicanconf.py: HUB_GROUPS: expected group ids of lowercase letters, digits, "
        '- and _, found "Paoge Club"'
    ]


def test_now_comes_from_hub_now_then_source_date_epoch(monkeypatch):
    shanghai = ZoneInfo("Asia/Shanghai")
    settings = {"HUB_NOW": "2016-03-12 19:00", "TIMEZONE": "Asia/Shanghai"}
    check_settings(settings)
    assert settings["HUB_NOW"] == datetime(2016, 3, 12, 19, 0)  # converted, in TIMEZONE
    assert build_now(settings) == datetime(2016, 3, 12, 19, 0, tzinfo=shanghai)
    offset = {"HUB_NOW": "2016-03-12 19:00+00:00", "TIMEZONE": "Asia/Shanghai"}
    check_settings(offset)
    assert build_now(offset) == datetime(2016, 3, 13, 3, 0, tzinfo=shanghai)

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1457780400")  # 2016-03-12 11:00 UTC
    from_epoch = build_now({"HUB_NOW": None, "TIMEZONE": "Asia/Shanghai"})
    assert from_epoch == datetime(2016, 3, 12, 19, 0, tzinfo=shanghai)


def test_the_feed_size_settings_refuse_what_they_cannot_use(site, qunzhi):
    with site.settings.open("a", encoding="utf-8") as settings:
        settings.write("\nHUB_FEED_SUMMARIES = ['members', '<script>']\nHUB_FEED_MAX_BYTES = -1\n")

    result = qunzhi(site, "build")

    assert result.code == 2
    assert result.lines[0].startswith("qunzhi: pelicanconf.py: HUB_FEED_MAX_BYTES: expected a ")
    assert result.lines[1].startswith("pelicanconf.py: HUB_FEED_SUMMARIES: expected a list of ")
    assert result.lines[1].endswith('found "<script>"')
    assert not site.output.exists()


def test_a_check_returns_the_value_converted_and_takes_it_back():
    settings = {
        "HUB_FEEDS": ["all", "tags", "all"],
        "HUB_DIGEST_PERIODS": ["week"],
        "HUB_CARD_FONT": " ~/fonts/品牌.ttf ",
        "HUB_NOW": "2016-03-12",
        "HUB_GROUPS": {"paoge": {"name": "炮哥有约", "platform": "wechat"}},
    }
    check_settings(settings)
    assert settings["HUB_FEEDS"] == ("all", "tags")
    assert settings["HUB_DIGEST_PERIODS"] == ("week",)
    assert settings["HUB_CARD_FONT"] == Path.home() / "fonts/品牌.ttf"
    assert settings["HUB_NOW"] == datetime(2016, 3, 12)
    checked = dict(settings)
    check_settings(settings)  # qunzhi checks the settings, then Pelican's start-up again
    assert settings == checked


HOSTILE_VALUES = [
    pytest.param(
        "HUB_NOW = '\\x1b[2J2016-03-12'",
        'HUB_NOW: expected None or a date-time like 2016-03-12 19:00, found "\\x1b[2J2016-03-12"',
        id="now-with-an-escape",
    ),
    pytest.param(
        "HUB_NOW = '2016-02-30 19:00'",
        'HUB_NOW: expected None or a date-time like 2016-03-12 19:00, found "2016-02-30 19:00"',
        id="now-on-an-impossible-day",
    ),
    pytest.param(
        "HUB_NOW = '2016-03-12 19:00+25:00'",
        "HUB_NOW: expected None or a date-time like 2016-03-12 19:00, "
        'found "2016-03-12 19:00+25:00"',
        id="now-with-an-impossible-offset",
    ),
    pytest.param(
        "HUB_CARD_FONT = '\\t'",
        'HUB_CARD_FONT: expected None or the path of a .ttf, .otf or .ttc font file, found "\\t"',
        id="font-of-blanks",
    ),
    pytest.param(
        "HUB_FEEDS = 'all'",
        "HUB_FEEDS: expected a list of 'all'/'transcripts'/'events'/'rules'/'joined'/"
        "'groups'/'tags'/'members'/'podcast'/'weekly'/'monthly', found \"all\"",
        id="feeds-as-one-string",
    ),
    pytest.param(
        "HUB_DIGEST_PERIODS = [['week']]",
        "HUB_DIGEST_PERIODS: expected a list of 'week'/'month' like [\"week\", \"month\"], "
        "found a list of 1",
        id="periods-nested",
    ),
]


@pytest.mark.parametrize(("line", "problem"), HOSTILE_VALUES)
def test_a_hostile_value_is_one_visible_line(site, qunzhi, line, problem):
    """The checks that convert values refuse what they cannot convert, in one line with
    control characters spelled out, before anything is read or written."""
    with site.settings.open("a", encoding="utf-8") as settings:
        settings.write(f"\n{line}\n")

    result = qunzhi(site, "check")

    assert result.code == 2
    assert result.lines == [f"qunzhi: pelicanconf.py: {problem}"]
    assert not site.output.exists()
