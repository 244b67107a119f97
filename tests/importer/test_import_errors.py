"""Bad input: one line naming the file and what was expected, exit status 2, nothing written."""

from __future__ import annotations

import pytest
from conftest import FIXTURES

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


QCE = (FIXTURES / "qce_v4.json").read_text(encoding="utf-8")
# where the key after a removed comma starts: the parser's complaint
AFTER_SEQ = QCE.encode().index(b'"seq": "903",') + len(b'"seq": "903"\n      ')
CHATLAB_LINES = (FIXTURES / "chatlab.jsonl").read_text(encoding="utf-8").splitlines()
PAGE = (FIXTURES / "memotrace.html").read_text(encoding="utf-8")
FOURTH = PAGE.encode().index("{ type:49, text: '新人".encode())  # where message 4 starts


@pytest.mark.parametrize(
    ("name", "data", "args", "message"),
    [
        (
            "cut.json",
            QCE[:3000],
            (),
            f"cut.json: line 147 column 14 (byte {len(QCE[:3000].encode())}): expected valid "
            "JSON, found the end of the file in the middle (truncated?)",
        ),
        (
            "bad.json",
            QCE.replace('"seq": "903",', '"seq": "903"', 1),
            (),
            f"bad.json: line 114 column 7 (byte {AFTER_SEQ}): expected valid JSON, found a "
            "syntax error (expecting ',' delimiter)",
        ),
        (
            "other.json",
            '{"title": "不是聊天记录", "items": []}',
            (),
            "other.json: expected a chat export in JSON from a tool qunzhi reads "
            "(qq-chat-exporter, EchoTrace/WeFlow, ChatLab, Telegram, DiscordChatExporter), found "
            "JSON of another shape; pass --format if you know which it is",
        ),
        (
            "odd.json",
            '{"guild": {}, "channel": {}, "messages": [1]}',
            (),
            "odd.json: message 1: expected a JSON object, found 1",
        ),
        (
            "qce.json",
            QCE,
            ("--format", "telegram"),
            "qce.json: expected a Telegram Desktop result.json (--format telegram), found "
            "qq-chat-exporter JSON",
        ),
        (
            "bad.jsonl",
            "\n".join([*CHATLAB_LINES[:3], '{"_type": "message", 坏了'][:4]),
            (),
            "bad.jsonl: line 4 column 22: expected a JSON object, expecting property name "
            "enclosed in double quotes",
        ),
        (
            "chat.csv",
            "localId,Type,StrContent\n1,1,你好\n",
            (),
            "chat.csv: line 1: expected a MemoTrace CSV with columns Type, StrContent, NickName, "
            "CreateTime or StrTime, found localId, Type, StrContent",
        ),
        (
            "short.csv",
            "localId,Type,StrContent,StrTime,NickName\n1,1,你好\n",
            (),
            "short.csv: line 2: expected 5 columns, found 3",
        ),
        (
            "system.json",
            QCE.replace('"system": false', '"system": true').replace(
                '"recalled": false', '"recalled": true'
            ),
            (),
            "system.json: expected chat messages with text, found 11 messages that were all "
            "system lines or media placeholders",
        ),
        (
            "page.html",
            "<!DOCTYPE html>\n<html><head><title>读书角</title></head><body><p>没有消息</p>"
            "</body></html>\n",
            (),
            "page.html: expected a MemoTrace (留痕) HTML export with its messages in "
            "'const chatMessages = [', found a page without them; export the chat again as "
            "HTML, or as CSV",
        ),
        (
            "cut.html",
            PAGE[: PAGE.index("refer_text")],
            (),
            f"cut.html: message 4 (byte {FOURTH}): expected a message like "
            "{ type:1, text: '…' }, found the end of the file in the middle (truncated?)",
        ),
        (
            "bad.html",
            PAGE.replace("sub_type:57,refer_text: '", "sub_type:57,refer_text: 小红", 1),
            (),
            f"bad.html: message 4 (byte {FOURTH}): expected a message like "
            "{ type:1, text: '…' }, found \"{ type:49, text: '新人报到，请问差序格局怎\"",
        ),
        (
            "chat.json",
            (FIXTURES / "qce_v4.json").read_text(encoding="utf-8"),
            ("--format", "memotrace-html"),
            "chat.json: expected a MemoTrace WeChat HTML (--format memotrace-html), found "
            "qq-chat-exporter JSON",
        ),
    ],
)
def test_bad_exports_are_one_line_with_where_exit_2(site, qunzhi, chat, name, data, args, message):
    chat(name, data)
    before = sorted(site.content.rglob("*"))

    result = qunzhi(site, "import", name, *args)

    assert (result.code, result.out) == (2, "")
    assert result.lines == [f"qunzhi: import: {message}"]
    assert sorted(site.content.rglob("*")) == before
