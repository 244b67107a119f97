"""Each format and encoding to exact turns, speakers, mapping and counts."""

from __future__ import annotations

import re

import pytest
import yaml

QQ_BODY = """\
[20:00] 王建国：大家好，欢迎来到读书角第十期。

今天请小红聊聊社群的记忆。

先说规矩：分享时别刷屏，问题攒到最后。

[20:02] 李小红：谢谢老王！我先回应一句。

老王&#65306;你说的“别刷屏”我第一个同意。

有事打我电话 〔手机号已隐藏〕。

[20:05] 星：注意：这里有个坑。QQ：〔QQ号已隐藏〕 有事找我

[20:06] 路人甲：我的邮箱 〔邮箱已隐藏〕，微信号：〔微信号已隐藏〕

&lt;b>加粗&lt;/b>不会生效

[20:07] 赵磊：2016 年的活动经费还剩 300 元，下次 20:30 开始。

[20:08] 王建国：谢谢大家，晚安。

[2016-01-04 00:10] 李小红：补一句：1999 年出版的书也值得读。
"""

WECHAT_BODY = """\
[20:30] 王建国：欢迎阿强！今天聊《乡土中国》。

[20:31] 李小红：我先说：差序格局这个词太妙了。

[20:32] 阿强：新人报到，请多指教

问一下：下次读什么？

[20:35] 王建国：下次读《江村经济》。
"""


def split_draft(text: str) -> tuple[dict, str]:
    _, front, body = text.split("---\n", 2)
    return yaml.safe_load(front), body.removeprefix("\n")


@pytest.mark.parametrize(("form", "encoding"), [("gbk_crlf", "gb18030"), ("utf8_bom", "utf-8")])
def test_qq_export_in_gbk_with_crlf_and_utf8_with_bom(site, qunzhi, chat, logs, form, encoding):
    data = getattr(logs, f"qq_{form}")()
    assert data.count(b"\r\n") > 40 if form == "gbk_crlf" else data.startswith(b"\xef\xbb\xbf")
    name = chat("qq.txt", data)

    result = qunzhi(site, "import", name, "--host", "老王", "--speakers", "小红", "--dry-run")

    assert result.code == 0, result.err
    front, body = split_draft(result.out)
    assert body == QQ_BODY
    assert list(front) == [
        "title", "date", "tags", "group", "status", "host", "speakers", "platform"
    ]  # fmt: skip
    assert front == {
        "title": "待定标题",
        "date": "2016-01-03 20:00",
        "tags": [],
        "group": "dushu",  # the export's 消息对象 读书角 is this group's name
        "status": "draft",
        "host": "王建国",
        "speakers": ["李小红", "星", "路人甲"],  # 赵磊 is a member, not a declared speaker
        "platform": "qq",
    }
    assert result.lines == [
        f"read qq.txt: QQ message export (qq, {encoding}), 12 messages",
        "dry run: nothing written: 7 turns, status: draft",
        "note: 2 sessions found (silences over 2 h), all in this draft: --list shows them, "
        "--session N imports one",
        "date: 2016-01-03 20:00",
        "group: dushu (the export's 消息对象 读书角)",
        "speakers (5 speakers, by turns):",
        "  老王 / 【群主】老王 (QQ 〔QQ号已隐藏〕) → wangjianguo (alias), 2 turns",
        "  小红 (QQ 〔QQ号已隐藏〕) → lixiaohong (alias), 2 turns",
        "  [管理员]*星* (QQ 〔QQ号已隐藏〕) → unknown, written as 星, 1 turn",
        "  路人甲 (e-mail 〔邮箱已隐藏〕) → unknown, kept as written, 1 turn",
        "  磊子 (QQ 〔QQ号已隐藏〕) → zhaolei (alias), 1 turn",
        "host: 王建国",
        "dropped 9 lines: 6 export header, 1 joined the group, 1 recalled a message, 1 red packet",
        "media placeholders dropped (--keep-media keeps them): 3 (2 [表情], 1 [图片])",
        "contacts redacted: 4 (1 mobile, 1 e-mail, 1 QQ, 1 WeChat)",
    ]


@pytest.mark.parametrize("name", ["wechat_name_first.txt", "wechat_time_first.txt"])
def test_wechat_in_both_header_styles(site, qunzhi, chat, logs, name):
    chat(name, logs.text(name))

    result = qunzhi(site, "import", name, "--group", "paoge", "--dry-run")

    assert result.code == 0, result.err
    front, body = split_draft(result.out)
    assert body == WECHAT_BODY
    assert (front["date"], front["platform"], front["group"]) == (
        "2016-01-10 20:30",
        "wechat",
        "paoge",
    )
    assert front["speakers"] == ["王建国", "李小红", "阿强"]  # by turns, then first turn
    before = "1 before the first message, " if "name_first" in name else ""
    lines = "8 lines" if before else "7 lines"
    assert (
        f"dropped {lines}: {before}2 joined the group, 1 left the group, 1 recalled a message, "
        "1 red packet, 1 pat-pat, 1 other system line"
    ) in result.lines
    assert "  阿强 → unknown, kept as written, 1 turn" in result.lines


def test_pasted_web_transcript_with_run_together_turns_and_false_colons(site, qunzhi, chat, logs):
    chat("paste.txt", logs.text("plain_paste.txt"))

    result = qunzhi(
        site, "import", "paste.txt", "--speakers", "陈老师", "--host", "老王",
        "--date", "2016-01-17 20:00", "--dry-run",
    )  # fmt: skip

    assert result.code == 0, result.err
    front, body = split_draft(result.out)
    assert body == (
        "读书角第十二期文字整理，转自公众号。\n\n"
        "王建国：各位晚上好，今天请到陈老师。注意：今天的分享会录音。\n\n"
        "陈老师：谢谢老王。我先讲一个例子。举例：去年我们读《乡土中国》，一共读了八周。\n\n"
        "第二点，读书会要有人做记录。\n\n"
        "李小红：想问一下，记录谁来做？\n\n"
        "陈老师：轮流。规则是：谁迟到谁记录。\n\n"
        "王建国：这个规则好！\n"
    )
    assert (front["date"], front["host"], front["speakers"]) == (
        "2016-01-17 20:00",
        "王建国",
        ["陈老师"],
    )
    assert front["platform"] == "wechat"  # the first group's platform: pasted text has none
    assert "read paste.txt: pasted transcript (plain, utf-8), 6 messages" in result.lines
    assert "  Hong → lixiaohong (alias), 1 turn" in result.lines
    assert "kept 1 line before the first turn as an introduction" in result.lines


def test_pasted_text_without_date_uses_today_and_says_so(site, qunzhi, chat):
    chat("paste.txt", "[19:30] 老王：开始。\n[19:31] 小红：好。\n")

    result = qunzhi(site, "import", "paste.txt", "--dry-run")

    front, body = split_draft(result.out)
    assert front["date"] == "2016-02-01 19:30"  # HUB_NOW's day, the first turn's time
    assert body == "[19:30] 王建国：开始。\n\n[19:31] 李小红：好。\n"
    assert (
        "date: 2016-02-01 19:30 (pasted text has no date: today's is used; "
        "correct date or pass --date)"
    ) in result.lines


def test_names_the_turn_pattern_cannot_match_are_made_to(site, qunzhi, chat, logs):
    chat("odd.txt", logs.text("odd_names.txt"))

    result = qunzhi(site, "import", "odd.txt", "--dry-run")

    front, body = split_draft(result.out)
    assert front["speakers"] == ["张三", "星", "A·B", "王五 【备注】"]
    assert body == (
        "[21:00] 张三：开始吧。\n\n"
        "[21:01] 星：我来了\n\n"
        "张三&#65306;你上次说的书我买了\n\n"
        "[21:02] A·B：名字里有冒号\n\n"
        "[21:03] 王五 【备注】：名字里有方括号\n"
    )
    assert "  [群主]张三 → unknown, written as 张三, 1 turn" in result.lines


def test_keep_media_leaves_visible_markers_and_voice_is_always_shown(site, qunzhi, chat):
    chat("wx.txt", '老王 2016/1/10 20:30\n看图[图片]\n[语音] 12"\n')

    result = qunzhi(site, "import", "wx.txt", "--keep-media", "--dry-run")

    assert split_draft(result.out)[1] == "[20:30] 王建国：看图〔图片〕\n\n〔语音〕\n"
    assert "media placeholders kept as markers: 1 (1 [图片])" in result.lines
    assert "media shown as placeholders: 1 (1 [语音])" in result.lines


def test_keep_contacts_keeps_what_was_written(site, qunzhi, chat, logs):
    chat("qq.txt", logs.qq_utf8_bom())

    result = qunzhi(site, "import", "qq.txt", "--keep-contacts", "--dry-run")

    assert "有事打我电话 138-1234-5678。" in result.out
    assert "QQ：30003 有事找我" in result.out
    assert "contacts: kept as written (--keep-contacts)" in result.lines


def test_header_numbers_never_reach_the_draft(site, qunzhi, chat, logs):
    chat("qq.txt", logs.qq_gbk_crlf())

    result = qunzhi(site, "import", "qq.txt", "--dry-run")

    for secret in ("10001", "20002", "30003", "40004", "lu@example.net", "1234-5678"):
        assert secret not in result.out
    assert re.search(r"\b20\d{2}\b", result.out)  # years stay


def test_the_qq_system_account_number_is_no_contact(site, qunzhi, chat):
    chat(
        "qq.txt",
        "2016-01-03 20:00:30 系统消息(10000)\n阿强加入本群。\n\n"
        "2016-01-03 20:01:30 老王(10001)\n全国有 10000 个读书会，找我打 10001\n",
    )

    result = qunzhi(site, "import", "qq.txt", "--dry-run")

    assert result.code == 0, result.err
    assert split_draft(result.out)[1] == (
        "[20:01] 王建国：全国有 10000 个读书会，找我打 〔QQ号已隐藏〕\n"
    )
    assert result.lines[-1] == "contacts redacted: 1 (1 QQ)"


def test_a_qq_sender_without_a_nickname_is_named_in_the_report(site, qunzhi, chat):
    chat("qq.txt", "2016-01-03 20:01:30 (55555)\n我没有昵称\n")

    result = qunzhi(site, "import", "qq.txt", "--dry-run")

    assert result.code == 0, result.err
    assert split_draft(result.out)[1] == "[20:01] 无名：我没有昵称\n"
    assert "  (no nickname) (QQ 〔QQ号已隐藏〕) → unknown, written as 无名, 1 turn" in result.lines


def test_a_qq_number_listed_as_alias_maps_the_speaker(site, qunzhi, chat, logs):
    site.write("members/xingxing.md", "---\nname: 周星\naliases: ['30003']\n---\n")
    chat("qq.txt", logs.qq_utf8_bom())

    result = qunzhi(site, "import", "qq.txt", "--dry-run")

    assert "[20:05] 周星：注意：这里有个坑。" in result.out
    assert "  [管理员]*星* (QQ 〔QQ号已隐藏〕) → xingxing (QQ number as alias), 1 turn" in (
        result.lines
    )


def test_a_phone_number_in_a_nickname_is_masked_too(site, qunzhi, chat):
    chat("wx.txt", "2016-01-20 21:00:00 卖书的13912345678\n二手书低价转让\n")

    result = qunzhi(site, "import", "wx.txt", "--dry-run")

    assert "13912345678" not in result.out
    assert split_draft(result.out)[1] == "[21:00] 卖书的〔手机号已隐藏〕：二手书低价转让\n"
    assert "contacts redacted: 1 (1 mobile)" in result.lines


def test_two_nicknames_masked_alike_stay_two_speakers(site, qunzhi, chat):
    chat(
        "wx.txt",
        "13812345678 2016/1/10 20:31\n我是甲\n13912345678 2016/1/10 20:32\n我是乙\n",
    )

    result = qunzhi(site, "import", "wx.txt", "--dry-run")

    assert result.code == 0, result.err
    front, body = split_draft(result.out)
    assert body == "[20:31] 〔手机号已隐藏〕：我是甲\n\n[20:32] 〔手机号已隐藏〕（2）：我是乙\n"
    assert front["speakers"] == ["〔手机号已隐藏〕", "〔手机号已隐藏〕（2）"]
    assert result.lines[1] == "dry run: nothing written: 2 turns, status: draft"
    assert "  〔手机号已隐藏〕 → unknown, written as 〔手机号已隐藏〕（2）, 1 turn" in result.lines
    assert "13912345678" not in result.err  # the report prints masked values only


def test_a_wechat_line_in_the_other_header_style_is_a_quote_not_a_message(site, qunzhi, chat):
    chat(
        "wx.txt",
        "小红 2016/1/10 20:31\n我转一下上次的记录：\n"
        "2016-01-10 20:31:05 这是引用\n"
        "老王 2016/1/10 20:32\n收到。\n",
    )

    result = qunzhi(site, "import", "wx.txt", "--dry-run")

    assert result.code == 0, result.err
    front, body = split_draft(result.out)
    assert body == (
        "[20:31] 李小红：我转一下上次的记录：\n\n"
        "2016-01-10 20:31:05 这是引用\n\n"
        "[20:32] 王建国：收到。\n"
    )
    assert front["speakers"] == ["李小红", "王建国"]
    assert result.lines[0] == "read wx.txt: WeChat chat text (wechat, utf-8), 2 messages"


def test_wechat_nicknames_may_start_with_digits(site, qunzhi, chat):
    chat(
        "wx.txt",
        "12号选手 2016/1/10 20:31\n大家好\n小红 2016/1/10 20:32\n欢迎\n"
        "2016 2016/1/10 20:33\n我叫2016\n",
    )

    result = qunzhi(site, "import", "wx.txt", "--dry-run")

    assert result.code == 0, result.err
    front, body = split_draft(result.out)
    assert body == "[20:31] 12号选手：大家好\n\n[20:32] 李小红：欢迎\n\n[20:33] 2016：我叫2016\n"
    assert front["speakers"] == ["12号选手", "李小红", "2016"]
    assert not any(line.startswith("dropped") for line in result.lines)
