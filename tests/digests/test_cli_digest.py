"""``qunzhi digest``: what an editor previews before the build."""

from __future__ import annotations

import pytest


def test_default_is_the_latest_period_as_text(digest_site, qunzhi):
    result = qunzhi(digest_site, "digest")
    assert result.code == 0, result.err
    assert result.out.startswith("2016年第8周周报\n")
    assert "即将举行" in result.out and "读书沙龙" in result.out


def test_markdown_and_html_of_a_group_period(digest_site, qunzhi):
    md = qunzhi(digest_site, "digest", "--period", "2016-01", "--group", "paoge", "--format", "md")
    assert md.code == 0, md.err
    assert md.out.startswith("# 炮哥有约 · 2016年1月月报\n")
    assert "- [社群运营入门](https://hub.example.org/transcripts/yunying-rumen/)" in md.out
    assert "深夜读书会" not in md.out  # a dushu transcript
    html = qunzhi(digest_site, "digest", "--period", "2016-W02", "--format", "html")
    assert html.code == 0
    assert html.out.startswith("<!doctype html>") and "第二周：慢下来" in html.out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--period", "2016-W06"],
            "qunzhi: digest: --period: 2016-W06 has no published content "
            "(or has not begun); try another period",
        ),
        (
            ["--period", "2016-1"],
            "qunzhi: digest: --period: expected a week like 2016-W01 or a month like 2016-01, "
            'found "2016-1"',
        ),
        (
            ["--group", "nope"],
            "qunzhi: digest: --group: expected one of paoge, dushu, found 'nope'",
        ),
    ],
)
def test_bad_or_empty_periods_are_one_line_errors(digest_site, qunzhi, args, message):
    result = qunzhi(digest_site, "digest", *args)
    assert result.code == 2
    assert result.out == ""
    assert result.lines == [message]


def test_the_interface_for_feeds_lists_periods_with_their_html(digest_site, qunzhi):
    from pelican.settings import read_settings

    from qunzhi.digests.archive import Digests
    from qunzhi.digests.send import digest_html
    from qunzhi.hub.errors import Diagnostics
    from qunzhi.hub.hub import load_hub
    from qunzhi.hub.settings import check_settings

    settings = read_settings(str(digest_site.settings), override={"PATH": str(digest_site.content)})
    check_settings(settings)
    digests = Digests(load_hub(settings, Diagnostics()))
    weeks = digests.of("week")
    assert [d.id for d in weeks] == [
        "2015-W23",
        "2016-W01",
        "2016-W02",
        "2016-W03",
        "2016-W05",
        "2016-W08",
    ]
    week = weeks[2]
    assert (week.url, week.title) == ("digests/2016/w02/", "2016年第2周周报")
    assert (week.period.start.isoformat(), week.period.last.isoformat()) == (
        "2016-01-11T00:00:00+08:00",
        "2016-01-17T23:59:59.999999+08:00",
    )
    assert week.summary == "编辑写的本周摘要。"
    assert [d.id for d in digests.of("month", digests.hub.groups["dushu"])] == [
        "dushu/2016-01",
        "dushu/2016-02",
    ]
    html = digest_html(week, "https://hub.example.org", "摘要测试群")
    assert html.startswith('<div style="') and html.endswith("</div>")
    assert 'href="https://hub.example.org/transcripts/shen-ye-du-shu/"' in html


def test_periods_setting_switches_weeks_or_all_digests_off(digest_site, qunzhi):
    with digest_site.settings.open("a", encoding="utf-8") as settings:
        settings.write('\nHUB_DIGEST_PERIODS = ["month"]\n')
    assert qunzhi(digest_site, "build").code == 0
    assert (digest_site.output / "digests/2016/01/index.html").exists()
    assert not (digest_site.output / "digests/2016/w01").exists()
    week = qunzhi(digest_site, "digest", "--period", "2016-W01")
    assert week.lines == [
        "content/digests/2016-W02.md:1: warning: file: expected a week with published content, "
        "found none (or its digests are switched off in HUB_DIGEST_PERIODS); the note is not shown",
        "qunzhi: digest: --period: weekly digests are off in HUB_DIGEST_PERIODS",
    ]
    with digest_site.settings.open("a", encoding="utf-8") as settings:
        settings.write("\nHUB_DIGEST_PERIODS = []\n")
    assert qunzhi(digest_site, "build").code == 0
    assert not (digest_site.output / "digests").exists()
    assert 'href="https://hub.example.org/digests/"' not in digest_site.page("")


def test_bad_digest_settings_are_reported_together(digest_site, qunzhi):
    with digest_site.settings.open("a", encoding="utf-8") as settings:
        settings.write('\nHUB_DIGEST_PERIODS = "weekly"\nHUB_DIGEST_WEEK_START = "周日"\n')
    result = qunzhi(digest_site, "digest")
    assert result.code == 2
    assert result.lines == [
        "qunzhi: pelicanconf.py: HUB_DIGEST_PERIODS: expected a list of 'week'/'month' "
        'like ["week", "month"], found "weekly"',
        'pelicanconf.py: HUB_DIGEST_WEEK_START: expected a day name like "monday" or "sunday", '
        'found "周日"',
    ]
