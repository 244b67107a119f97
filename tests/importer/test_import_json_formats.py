"""Each export tool's file shape (fixtures written by us) to an exact draft and report."""

from __future__ import annotations

import pytest
from conftest import FIXTURES
from test_import_formats import split_draft

FIRST = (
    "[20:30] 王建国：欢迎大家，今天聊《乡土中国》。\n\n"
    "[20:31] 李小红：我先说：差序格局这个词太妙了。\n\n"
)
REPLY = "[20:32] 阿强：〔回复 李小红「我先说：差序格局这个词太妙了。」〕\n\n"
LINK = "[乡土中国读书笔记](https://example.com/notes?id=11&token=REDACTED)"
MENTION = "[20:33] 王建国：@李小红 你来解释一下？\n\n"
SPEAKERS = [
    "  老王 (QQ 〔QQ号已隐藏〕) → wangjianguo (alias), {lao}",
    "  小红 (QQ 〔QQ号已隐藏〕) → lixiaohong (alias), {hong}",
    "  阿强 (QQ 〔QQ号已隐藏〕) → unknown, kept as written, {qiang}",
]


def test_qq_chat_exporter_v4_every_kind(site, qunzhi, export):
    name = export("qce_v4.json")

    result = qunzhi(site, "import", name, "--dry-run")

    assert result.code == 0, result.err
    front, body = split_draft(result.out)
    assert front == {
        "title": "待定标题", "date": "2016-01-10 20:30", "tags": [], "group": "dushu",
        "status": "draft", "speakers": ["王建国", "李小红", "阿强"], "platform": "qq",
    }  # fmt: skip
    assert body == (
        FIRST + REPLY + "新人报到，请问差序格局怎么理解？我的微信 〔微信号已隐藏〕\n\n" + MENTION
        + f"[20:35] 李小红：{LINK}\n\n"
        "[20:36] 阿强：〔语音：12 秒〕\n\n"
        "[20:37] 王建国：〔合并转发：上期聊天记录〕\n\n- 王建国：下次读《乡土中国》\n"
        "- 李小红：好的，我准备一下\n\n"
        "[2016-01-11 21:00] 李小红：补充：费孝通 1947 年写的，电话 〔手机号已隐藏〕 找我拿书。\n"
    )  # fmt: skip
    assert result.lines == [
        "read exports/qce_v4.json: qq-chat-exporter JSON (qce, utf-8), 11 messages",
        "dry run: nothing written: 8 turns, status: draft",
        "note: 2 sessions found (silences over 2 h), all in this draft: --list shows them, "
        "--session N imports one",
        "date: 2016-01-10 20:30",
        "group: dushu (the export's chat name 读书角)",
        "speakers (3 speakers, by turns):",
        SPEAKERS[0].format(lao="3 turns"),
        SPEAKERS[1].format(hong="3 turns"),
        SPEAKERS[2].format(qiang="2 turns"),
        "dropped 2 lines: 1 joined the group, 1 recalled a message",
        "media placeholders dropped (--keep-media keeps them): 1 (1 [图片])",
        "media shown as placeholders: 1 (1 [语音])",
        "contacts redacted: 3 (1 mobile, 1 WeChat, 1 URL token)",
    ]


def test_qq_chat_exporter_v3_with_milliseconds_and_full_width_digits(site, qunzhi, export):
    result = qunzhi(site, "import", export("qce_v3.json"), "--dry-run")

    assert result.code == 0, result.err
    assert split_draft(result.out)[1] == (
        "[20:30] 王建国：欢迎大家，今天聊《乡土中国》。\n\n"
        "[20:31] 李小红：我先说：差序格局这个词太妙了。QQ号是 〔QQ号已隐藏〕\n\n"
        "[20:33] 阿强：新人报到，请多指教\n"
    )
    assert result.lines[0] == (
        "read exports/qce_v3.json: qq-chat-exporter JSON (qce, utf-8), 4 messages"
    )
    assert result.lines[-2:] == [
        "media placeholders dropped (--keep-media keeps them): 1 (1 [图片])",
        "contacts redacted: 1 (1 QQ)",
    ]


WECHAT_JSON_BODY = (
    FIRST + "[20:32] 阿强：新人报到，请问差序格局怎么理解？薇信：〔微信号已隐藏〕\n\n"
    f"[20:35] 李小红：{LINK}\n\n[20:36] 阿强：〔语音〕\n\n"
    "[20:37] 王建国：〔合并转发：上期聊天记录〕\n\n- 王建国：下次读《乡土中国》\n"
    "- 李小红：好的，我准备一下\n"
)


@pytest.mark.parametrize("name", ["echotrace.json", "weflow.json"])
def test_echotrace_and_weflow_wechat_json(site, qunzhi, export, name):
    result = qunzhi(site, "import", export(name), "--dry-run")

    assert result.code == 0, result.err
    front, body = split_draft(result.out)
    assert (front["platform"], front["group"], front["speakers"]) == (
        "wechat", "dushu", ["王建国", "李小红", "阿强"],
    )  # fmt: skip
    assert body == WECHAT_JSON_BODY
    assert result.lines[1:] == [
        "dry run: nothing written: 6 turns, status: draft",
        "date: 2016-01-10 20:30",
        "group: dushu (the export's chat name 读书角)",
        "speakers (3 speakers, by turns):",
        "  老王 (id hidden) → wangjianguo (alias), 2 turns",
        "  小红 (id hidden) → lixiaohong (alias), 2 turns",
        "  阿强 (id hidden) → unknown, kept as written, 2 turns",
        "dropped 2 lines: 1 joined the group, 1 recalled a message",
        "media placeholders dropped (--keep-media keeps them): 1 (1 [图片])",
        "media shown as placeholders: 1 (1 [语音])",
        "contacts redacted: 2 (1 WeChat, 1 URL token)",
    ]
    assert result.lines[0].endswith("EchoTrace/WeFlow WeChat JSON (echotrace, utf-8), 9 messages")


@pytest.mark.parametrize(
    ("name", "label"),
    [("chatlab.json", "ChatLab JSON (chatlab"), ("chatlab.jsonl", "ChatLab JSONL (chatlab-jsonl")],
)
def test_chatlab_json_and_jsonl(site, qunzhi, export, name, label):
    result = qunzhi(site, "import", export(name), "--dry-run")

    assert result.code == 0, result.err
    assert split_draft(result.out)[1] == (
        FIRST + "[20:32] 阿强：新人报到，请问差序格局怎么理解？\n\n"
        f"[20:35] 李小红：{LINK}\n\n[20:36] 阿强：〔语音〕\n"
    )
    assert result.lines[0] == f"read exports/{name}: {label}, utf-8), 8 messages"
    assert result.lines[5:] == [
        "  小红 (id hidden) → lixiaohong (alias), 2 turns",
        "  阿强 (id hidden) → unknown, kept as written, 2 turns",
        "  老王 (id hidden) → wangjianguo (alias), 1 turn",
        "dropped 2 lines: 1 joined the group, 1 recalled a message",
        "media placeholders dropped (--keep-media keeps them): 1 (1 [图片])",
        "media shown as placeholders: 1 (1 [语音])",
        "contacts redacted: 1 (1 URL token)",
    ]


def test_telegram_result_json(site, qunzhi, export):
    result = qunzhi(site, "import", export("telegram/result.json"), "--dry-run")

    assert result.code == 0, result.err
    front, body = split_draft(result.out)
    assert front["speakers"] == ["王建国", "李小红", "阿强"]
    assert body == (
        FIRST + REPLY + "新人报到，请问差序格局怎么理解？\n\n" + MENTION
        + f"[20:35] 李小红：笔记在这里：{LINK}\n\n[20:36] 阿强：〔语音：12 秒〕\n\n"
        "[20:37] 王建国：〔合并转发：转发自 李小红〕\n\n- 李小红：下次读《乡土中国》\n"
    )  # fmt: skip
    assert result.lines[0] == (
        "read exports/telegram/result.json: Telegram Desktop result.json (telegram, utf-8), "
        "9 messages"
    )
    assert "dropped 1 line: 1 joined the group" in result.lines
    assert result.lines[-1] == "contacts redacted: 1 (1 URL token)"


def test_discord_chat_exporter_json(site, qunzhi, export):
    result = qunzhi(site, "import", export("discord.json"), "--dry-run")

    assert result.code == 0, result.err
    assert split_draft(result.out)[1] == (
        FIRST + REPLY + "新人报到，请问差序格局怎么理解？\n\n" + MENTION
        + f"[20:35] 李小红：{LINK}\n\n[20:36] 阿强：〔文件：报名表.xlsx〕\n"
    )  # fmt: skip
    assert result.lines[0] == (
        "read exports/discord.json: DiscordChatExporter JSON (discord, utf-8), 9 messages"
    )
    assert "dropped 2 lines: 1 joined the group, 1 other system line" in result.lines
    assert "media shown as placeholders: 1 (1 [文件])" in result.lines


def test_memotrace_csv_with_a_multi_line_cell(site, qunzhi, export):
    result = qunzhi(site, "import", export("memotrace.csv"), "--group", "paoge", "--dry-run")

    assert result.code == 0, result.err
    assert split_draft(result.out)[1] == (
        FIRST + "[20:32] 阿强：新人报到，请问差序格局怎么理解？\n\n"
        f"[20:35] 李小红：{LINK}\n\n[20:36] 阿强：〔语音〕\n\n"
        "我的身份证 〔身份证号已隐藏〕 别外传，\n\n卡号 〔银行卡号已隐藏〕\n"
    )
    assert result.lines[0] == (
        "read exports/memotrace.csv: MemoTrace WeChat CSV (memotrace, utf-8), 8 messages"
    )
    assert result.lines[-1] == "contacts redacted: 3 (1 ID card, 1 bank card, 1 URL token)"


def test_qq_mht_web_archive(site, qunzhi, export):
    result = qunzhi(site, "import", export("qq_export.mht"), "--dry-run")

    assert result.code == 0, result.err
    assert split_draft(result.out)[1] == (
        "[20:30] 王建国：欢迎大家，今天聊《乡土中国》。\n\n"
        "[20:31] 李小红：我先说：差序格局这个词太妙了。\n\n有事打我电话 〔手机号已隐藏〕\n\n"
        "看我的笔记\n\n[20:36] 阿强：&lt;b>新人&lt;/b>报到 & 请多指教\n"
    )
    assert result.lines[0] == (
        "read exports/qq_export.mht: QQ message export (.mht) (qq-mht, mime), 5 messages"
    )
    assert "dropped 4 lines: 3 export header, 1 joined the group" in result.lines


def test_whatsapp_text_in_chinese_with_a_number_abroad(site, qunzhi, export):
    result = qunzhi(site, "import", export("whatsapp.txt"), "--dry-run")

    assert result.code == 0, result.err
    assert split_draft(result.out)[1] == (
        "[20:30] 王建国：欢迎大家，今天聊《乡土中国》。\n\n"
        "[20:31] 李小红：我先说：差序格局这个词太妙了。\n\n还有一句：费孝通写得真好。\n\n"
        "[20:32] 阿强：新人报到，我在多伦多，电话 〔电话已隐藏〕，国内号 〔手机号已隐藏〕\n"
    )
    assert (
        result.lines[0]
        == "read exports/whatsapp.txt: WhatsApp chat export (whatsapp, utf-8), 7 messages"
    )
    assert "dropped 3 lines: 1 joined the group, 1 recalled a message, 1 other system line" in (
        result.lines
    )
    assert result.lines[-1] == "contacts redacted: 2 (1 mobile, 1 phone)"


@pytest.mark.parametrize(
    ("name", "forced"),
    [("qce_v4.json", "qce"), ("echotrace.json", "echotrace"), ("discord.json", "discord")],
)
def test_format_can_be_forced(site, qunzhi, export, name, forced):
    result = qunzhi(site, "import", export(name), "--format", forced, "--dry-run")

    assert result.code == 0, result.err
    assert f"({forced}, utf-8)" in result.lines[0]


def test_keep_media_copies_pictures_without_exif_named_by_digest(site, qunzhi, export):
    from PIL import Image

    name = export("telegram/result.json")
    with Image.open(site.root / "exports/telegram/photos/photo_1@10-01-2016_20-34-00.jpg") as photo:
        assert photo.getexif()  # the fixture's photo names a camera and a time

    result = qunzhi(site, "import", name, "--keep-media", "--title", "乡土中国")

    assert result.code == 0, result.err
    pictures = list((site.content / "images/import").iterdir())
    assert len(pictures) == 1 and len(pictures[0].stem) == 16
    with Image.open(pictures[0]) as copied:
        assert not copied.getexif()  # camera and time are gone
    draft = (site.content / "transcripts/2016/2016-01-10-xiang-tu-zhong-guo.md").read_text()
    assert f"[20:34] 李小红：![图片](/images/import/{pictures[0].name})" in draft
    assert "pictures: 1 under content/images/import/, metadata removed, 1 new" in (
        result.out.splitlines()
    )


def test_keep_media_never_reads_outside_the_exports_folder(site, qunzhi, chat):
    (site.root.parent / "secret.jpg").write_bytes((FIXTURES / "images/notes.jpg").read_bytes())
    chat(
        "tg.json",
        '{"name": "读书角", "type": "private_supergroup", "messages": [{"id": 1, "type": '
        '"message", "date_unixtime": "1452429000", "from": "老王", "from_id": "u1", '
        '"text": "看图", "photo": "../secret.jpg"}]}',
    )

    result = qunzhi(site, "import", "tg.json", "--keep-media", "--dry-run")

    assert result.code == 0, result.err
    assert split_draft(result.out)[1] == "[20:30] 王建国：看图\n\n〔图片〕\n"
    assert "pictures not found in the export: 1 (markers instead)" in result.lines


def test_keep_media_takes_the_pictures_out_of_an_mht(site, qunzhi, export):
    result = qunzhi(site, "import", export("qq_export.mht"), "--keep-media", "--dry-run")

    assert result.code == 0, result.err
    body = split_draft(result.out)[1]
    assert "看我的笔记\n\n![图片](/images/import/" in body
    assert not (site.content / "images/import").exists()  # --dry-run writes nothing


def test_message_kinds_build_as_a_reader_sees_them(site, qunzhi, export):
    name = export("telegram/result.json")
    assert qunzhi(site, "import", name, "--keep-media", "--title", "乡土中国").code == 0
    path = site.content / "transcripts/2016/2016-01-10-xiang-tu-zhong-guo.md"
    path.write_text(path.read_text(encoding="utf-8").replace("status: draft", "status: published"))

    result = qunzhi(site, "build")

    assert result.code == 0, result.err
    page = site.page("transcripts/xiang-tu-zhong-guo")
    assert "<p>〔回复 李小红「我先说：差序格局这个词太妙了。」〕</p>" in page  # not a quote
    assert "<blockquote" not in page
    assert (
        '<a href="https://example.com/notes?id=11&amp;token=REDACTED">乡土中国读书笔记</a>' in page
    )
    assert "<ul>\n<li>李小红：下次读《乡土中国》</li>\n</ul>" in page
    picture = next((site.content / "images/import").iterdir()).name
    assert f'<img alt="图片" src="/images/import/{picture}"' in page
    assert (site.root / "output/images/import" / picture).is_file()
