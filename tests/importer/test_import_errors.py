"""Bad input: one line naming the file and what was expected, exit status 2, nothing written."""

from __future__ import annotations

import pytest

PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10"


@pytest.mark.parametrize(
    ("data", "args", "message"),
    [
        (b"", (), "chat.txt: expected a chat log, found an empty file"),
        (b"\r\n  \n", (), "chat.txt: expected a chat log, found an empty file"),
        (b"\xef\xbb\xbf", (), "chat.txt: expected a chat log, found an empty file"),
        (b"\xef\xbb\xbf\r\n\r\n", (), "chat.txt: expected a chat log, found an empty file"),
        (b"\xff\xfe\r\x00\n\x00", (), "chat.txt: expected a chat log, found an empty file"),
        (PNG, (), "chat.txt: expected a text file, found binary data (NUL bytes)"),
        (
            "老王：好\n".encode() + b"\x81\x20\xff",
            (),
            "chat.txt: expected UTF-8 or GBK/GB18030 text, found bytes that are neither "
            "(first at byte 13); pass --encoding if you know the encoding",
        ),
        (
            "今天天气不错。\n注意：明天下雨。\n".encode(),
            (),
            "chat.txt: expected chat messages (a QQ export, WeChat chat text, or lines "
            "starting with a known speaker and a colon), found none; name the speakers "
            "with --speakers A,B",
        ),
        (
            "老王 2016/1/10 20:30\n你好\n".encode(),
            ("--format", "qq"),
            "chat.txt: expected a QQ message export (--format qq) with lines like "
            '"2016-01-01 20:31:05 昵称(12345678)", found none',
        ),
        (
            "2016-01-03 20:00:12 老王(10001)\n你好\n".encode(),
            ("--format", "wechat"),
            "chat.txt: expected a WeChat chat text (--format wechat) with lines like "
            '"昵称 2016/1/1 20:31" or "2016-01-01 20:31:05 昵称", found none',
        ),
        (
            "2016-01-03 20:00:12 老王(10001)\n你好\n".encode(),
            ("--format", "plain"),
            "chat.txt: expected a pasted transcript (--format plain) with lines starting "
            "with a known speaker and a colon (NAME：); name the speakers with --speakers "
            "A,B, found none",
        ),
        (
            "老王 2016/1/10 20:30\n[图片]\n小红 2016/1/10 20:31\n小红撤回了一条消息\n".encode(),
            (),
            "chat.txt: expected chat messages with text, found 2 messages that were all "
            "system lines or media placeholders",
        ),
        (
            "老王：你好\n".encode("big5"),
            ("--encoding", "utf-8"),
            "chat.txt: expected text in utf-8 (--encoding), found bytes that are not "
            "(first at byte 0)",
        ),
        (
            "老王：你好\n".encode(),
            ("--encoding", "klingon"),
            "--encoding: expected an encoding such as utf-8, gbk or gb18030, found 'klingon'",
        ),
        (
            "老王：你好\n".encode(),
            ("--group", "nope"),
            "--group: expected one of paoge, dushu, found 'nope'",
        ),
        (
            "老王：你好\n".encode(),
            ("--title", "！！"),
            "--title: expected words to make a URL slug from, found '！！'",
        ),
        (
            "老王：你好\n".encode(),
            ("--date", "上周四"),
            "--date: expected a date like 2016-03-12 or 2016-03-12 19:00, found '上周四'",
        ),
        (
            "老王 2016/1/10 20:30\n你好\n".encode(),
            ("--date", "2016-01-10"),
            "--date: expected only for pasted text, which has no dates; chat.txt is a "
            "WeChat chat text with its own",
        ),
    ],
)
def test_bad_input_is_one_line_and_exit_2(site, qunzhi, chat, data, args, message):
    chat("chat.txt", data)
    before = sorted(site.content.rglob("*"))

    result = qunzhi(site, "import", "chat.txt", *args)

    assert (result.code, result.out) == (2, "")
    assert result.lines == [f"qunzhi: import: {message}"]
    assert sorted(site.content.rglob("*")) == before


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("missing.txt", "expected a chat log file, found nothing at this path"),
        ("content", "expected a chat log file, found a folder"),
    ],
)
def test_unreadable_paths(site, qunzhi, name, message):
    result = qunzhi(site, "import", name)

    assert result.code == 2
    assert result.lines == [f"qunzhi: import: {name}: {message}"]


def test_a_member_file_with_errors_is_named_in_the_report(site, qunzhi, chat):
    site.write("members/broken.md", "---\nname: [坏\n---\n")
    chat("chat.txt", "老王：你好\n")

    result = qunzhi(site, "import", "chat.txt", "--dry-run")

    assert result.code == 0
    assert result.lines[-1] == (
        "note: 1 member file could not be read and took no part in mapping; run qunzhi check"
    )
