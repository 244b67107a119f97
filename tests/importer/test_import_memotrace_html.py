"""MemoTrace's (留痕) HTML export: the JavaScript array of messages in the page, read as data."""

from __future__ import annotations

from conftest import FIXTURES
from test_import_formats import split_draft
from test_import_json_formats import FIRST, LINK, MENTION, REPLY

PAGE = (FIXTURES / "memotrace.html").read_text(encoding="utf-8")
REPORT = [
    "read exports/memotrace.html: MemoTrace WeChat HTML (memotrace-html, utf-8), 13 messages",
    "dry run: nothing written: 8 turns, status: draft",
    "note: 2 sessions found (silences over 2 h), all in this draft: --list shows them, "
    "--session N imports one",
    "date: 2016-01-10 20:30",
    "group: dushu (the export's chat name 读书角)",
    "speakers (3 speakers, by turns):",
    "  老王 → wangjianguo (alias), 3 turns",
    "  小红 → lixiaohong (alias), 3 turns",
    "  阿强 → unknown, kept as written, 2 turns",
    "dropped 3 lines: 1 joined the group, 1 recalled a message, 1 red packet",
    "media placeholders dropped (--keep-media keeps them): 1 (1 [图片])",
    "media shown as placeholders: 2 (1 [语音], 1 [文件])",
    "contacts redacted: 4 (2 mobile, 1 WeChat, 1 URL token)",
]


def test_every_kind_of_the_page_becomes_the_draft(site, qunzhi, export):
    result = qunzhi(site, "import", export("memotrace.html"), "--dry-run")

    assert result.code == 0, result.err
    front, body = split_draft(result.out)
    assert front == {
        "title": "待定标题", "date": "2016-01-10 20:30", "tags": [], "group": "dushu",
        "status": "draft", "speakers": ["王建国", "李小红", "阿强"], "platform": "wechat",
    }  # fmt: skip
    assert body == (
        FIRST + REPLY + "新人报到，请问差序格局怎么理解？薇信：〔微信号已隐藏〕\n\n" + MENTION
        + f"[20:35] 李小红：{LINK}\n\n"
        "[20:36] 阿强：〔语音：我也想读，电话 〔手机号已隐藏〕〕\n\n"
        "我的理解是<熟人社会>，'差序'就是一圈一圈的[微笑]\n\n对吗？\n\n"
        "[20:38] 王建国：〔文件：报名表.xlsx〕\n\n"
        "[2016-01-11 21:00] 李小红：补充：费孝通 1947 年写的，电话 〔手机号已隐藏〕 找我拿书。\n"
    )  # fmt: skip
    assert result.lines == REPORT


def test_sessions_and_the_pictures_beside_the_page(site, qunzhi, export):
    name = export("memotrace.html")

    listed = qunzhi(site, "import", name, "--list")
    one = qunzhi(site, "import", name, "--session", "1", "--keep-media", "--dry-run")

    assert listed.out.splitlines()[1:] == [
        "  1  2016-01-10 20:30  2016-01-10 20:38         9         3  "
        "欢迎大家，今天聊《乡土中国》。",
        "  2  2016-01-11 21:00  2016-01-11 21:00         1         1  "
        "补充：费孝通 1947 年写的，电话 〔手机号已隐藏〕 找我拿书。",
    ]
    assert one.code == 0, one.err
    body = split_draft(one.out)[1]
    assert "[20:34] 李小红：![图片](/images/import/" in body
    assert "补充" not in body
    assert "pictures: 1 under content/images/import/, metadata removed" in one.lines


def test_the_page_is_detected_even_named_otherwise_and_forced(site, qunzhi, chat):
    chat("聊天记录.txt", PAGE)

    found = qunzhi(site, "import", "聊天记录.txt", "--dry-run")
    forced = qunzhi(site, "import", "聊天记录.txt", "--format", "memotrace-html", "--dry-run")

    assert found.code == forced.code == 0
    assert found.out == forced.out
    assert found.lines[0].endswith("(memotrace-html, utf-8), 13 messages")


def test_script_in_a_message_stays_text(site, qunzhi, chat):
    hostile = "</script><script>alert(1)</script>"
    chat("page.html", PAGE.replace("'@小红 你来解释一下？'", f"'{hostile}'"))

    result = qunzhi(site, "import", "page.html", "--dry-run")

    assert result.code == 0, result.err
    assert "[20:33] 王建国：&lt;/script>&lt;script>alert(1)&lt;/script>\n" in result.out


def test_a_hostile_unclosed_message_fails_at_once(site, qunzhi, chat):
    fields = ("k:'v'" + " " * 20) * 3000  # blanks two patterns could share: exponential once
    chat(
        "hostile.html", PAGE.replace("{ type:1, text: '欢迎", "{ " + fields + "type:1, text: '欢迎")
    )
    chat(
        "open.html", PAGE[: PAGE.index("const chatMessages")] + "const chatMessages = [{ " + fields
    )

    closed, unclosed = qunzhi(site, "import", "hostile.html"), qunzhi(site, "import", "open.html")

    assert (closed.code, unclosed.code) == (0, 2)
    assert unclosed.lines[0].endswith("found the end of the file in the middle (truncated?)")
