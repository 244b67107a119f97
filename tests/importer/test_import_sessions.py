"""A year of chat cut into sessions: listed, chosen by number or time, several drafts at once."""

from __future__ import annotations

import pytest
from test_import_formats import split_draft

# three evenings of a WeChat group; the second has a 90-minute pause inside it
YEAR = """\
2016-01-10 20:30:00 老王
第一次读书会开始。
2016-01-10 20:31:00 小红
我先来。
2016-01-10 20:40:00 阿强
我的电话 13912345678，欢迎联系
2016-01-17 20:00:00 老王
第二次：读《江村经济》。
2016-01-17 21:30:00 小红
中场休息回来了。
2016-03-05 19:00:00 阿强
"小红"邀请"路人乙"加入了群聊
2016-03-05 19:00:30 阿强
春季第一次，谁来？
2016-03-05 19:02:00 老王
我来。
"""

LIST = [
    "  #  start             end               messages  speakers  first line",
    "  1  2016-01-10 20:30  2016-01-10 20:40         3         3  第一次读书会开始。",
    "  2  2016-01-17 20:00  2016-01-17 21:30         2         2  第二次：读《江村经济》。",
    "  3  2016-03-05 19:00  2016-03-05 19:02         2         2  春季第一次，谁来？",
]


@pytest.fixture
def year(chat):
    return chat("year.txt", YEAR)


def test_list_prints_every_session_and_writes_nothing(site, qunzhi, year):
    before = sorted(site.content.rglob("*"))

    result = qunzhi(site, "import", year, "--list")

    assert result.code == 0, result.err
    assert result.out.splitlines() == LIST
    assert sorted(site.content.rglob("*")) == before


def test_list_masks_the_first_lines(site, qunzhi, chat):
    chat("wx.txt", "2016-01-10 20:30:00 阿强\n我的电话 13912345678，欢迎联系\n")

    result = qunzhi(site, "import", "wx.txt", "--list")

    assert result.out.splitlines()[1].endswith("我的电话 〔手机号已隐藏〕，欢迎联系")
    assert "13912345678" not in result.out


def test_a_shorter_gap_cuts_the_pause_and_a_longer_one_joins_evenings(site, qunzhi, year):
    shorter = qunzhi(site, "import", year, "--list", "--gap", "60m").out.splitlines()
    longer = qunzhi(site, "import", year, "--list", "--gap", "8d").out.splitlines()

    assert [line[:3] for line in shorter[1:]] == ["  1", "  2", "  3", "  4"]
    assert shorter[3].split()[1:3] == ["2016-01-17", "21:30"]
    assert [line.split()[1:5] for line in longer[1:]] == [
        ["2016-01-10", "20:30", "2016-01-17", "21:30"],
        ["2016-03-05", "19:00", "2016-03-05", "19:02"],
    ]


def test_session_n_imports_that_evening_only(site, qunzhi, year):
    result = qunzhi(site, "import", year, "--session", "2", "--dry-run")

    assert result.code == 0, result.err
    front, body = split_draft(result.out)
    assert front["date"] == "2016-01-17 20:00"
    assert body == "[20:00] 王建国：第二次：读《江村经济》。\n\n[21:30] 李小红：中场休息回来了。\n"
    assert "session 2 of 3: 2016-01-17 20:00 to 2016-01-17 21:30, 2 messages" in result.lines


def test_from_and_until_cut_by_time(site, qunzhi, year):
    result = qunzhi(
        site, "import", year, "--from", "2016-03-05", "--until", "2016-03-05 19:01", "--dry-run"
    )

    assert result.code == 0, result.err
    assert split_draft(result.out)[1] == "[19:00] 阿强：春季第一次，谁来？\n"
    assert "dropped 1 line: 1 joined the group" in result.lines  # the join inside the window


def test_several_sessions_become_several_drafts_in_one_run(site, qunzhi, year):
    before = set(site.content.rglob("*.md"))

    result = qunzhi(site, "import", year, "--session", "1,3", "--title", "春秋读书")

    assert result.code == 0, result.err
    written = sorted(
        path.relative_to(site.content).as_posix()
        for path in set(site.content.rglob("*.md")) - before
    )
    assert written == [
        "transcripts/2016/2016-01-10-chun-qiu-du-shu.md",
        "transcripts/2016/2016-03-05-chun-qiu-du-shu-2.md",
    ]
    lines = result.out.splitlines()
    assert lines[0] == "read year.txt: WeChat chat text (wechat, utf-8), 8 messages"
    assert [line for line in lines if line.startswith("wrote")] == [
        f"wrote content/{written[0]}: 3 turns, status: draft",
        f"wrote content/{written[1]}: 2 turns, status: draft",
    ]
    assert "session 3 of 3: 2016-03-05 19:00 to 2016-03-05 19:02, 2 messages" in lines
    spring = (site.content / written[1]).read_text(encoding="utf-8")
    assert "[19:02] 王建国：我来。" in spring and "第一次读书会" not in spring


def test_session_all_makes_a_draft_per_session(site, qunzhi, year):
    result = qunzhi(site, "import", year, "--session", "all", "--dry-run")

    assert result.code == 0, result.err
    assert result.out.count("\nstatus: draft\n") == 3


def test_without_a_choice_the_whole_file_is_one_draft_and_the_report_says_so(site, qunzhi, year):
    result = qunzhi(site, "import", year, "--dry-run")

    assert result.out.count("status: draft") == 1
    assert (
        "note: 3 sessions found (silences over 2 h), all in this draft: --list shows them, "
        "--session N imports one"
    ) in result.lines


SESSIONS = "expected session numbers like 3, 2,5, 2-4 or all (see --list)"
EMPTY = "found an empty session (--list shows the sessions)"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ("--session", "4"),
            "--session 4: expected a session from 1 to 3 of year.txt (see --list), found none",
        ),
        (("--session", "二"), f"--session: {SESSIONS}, found '二'"),
        (
            ("--gap", "两小时"),
            "--gap: expected a silence like 2h, 90m or 30 (minutes), found '两小时'",
        ),
        (
            ("--from", "2016-02-01", "--until", "2016-02-28"),
            f"year.txt: expected messages from 2016-02-01 until 2016-02-28, {EMPTY}",
        ),
        (
            ("--from", "下周"),
            "--from: expected a date like 2016-03-12 or 2016-03-12 19:00, found '下周'",
        ),
        (
            ("--from", "2016-03-05", "--until", "2016-01-01"),
            "--until: expected a time after --from 2016-03-05, found 2016-01-01",
        ),
        (
            ("--session", "1", "--from", "2016-01-01"),
            "--session: expected either --session or --from/--until, found both",
        ),
    ],
)
def test_bad_choices_are_one_line_exit_2_nothing_written(site, qunzhi, year, args, message):
    before = sorted(site.content.rglob("*"))

    result = qunzhi(site, "import", year, *args)

    assert (result.code, result.out) == (2, "")
    assert result.lines == [f"qunzhi: import: {message}"]
    assert sorted(site.content.rglob("*")) == before
