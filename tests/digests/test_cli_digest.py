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
