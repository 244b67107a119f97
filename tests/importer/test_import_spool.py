"""A draft longer than an import keeps in memory: spooled, exact, placed whole or not at all."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

from test_import_formats import split_draft

from qunzhi.importer.spool import CHUNK, Spill, Spool

START = datetime(2016, 1, 10, 20, 30)
COUNT = 2 * CHUNK + 500  # three chunks: two spooled, one in memory
SENDERS = [("老王", "10001", "王建国"), ("小红", "20002", "李小红")]


def element(text):
    return {"type": "text", "data": {"text": text}}


def qce(texts, late_sender=True, gap_before=None):
    """A qq-chat-exporter v4 file: two members taking turns, 阿强 (50005) only at the end."""
    messages = []
    for index, (elements, sender) in enumerate(texts):
        moment = START + timedelta(seconds=10 * index)
        if gap_before is not None and index >= gap_before:
            moment += timedelta(hours=3)
        name, uin = sender
        messages.append({
            "id": str(index),
            "timestamp": int((moment - timedelta(hours=8)).replace(tzinfo=UTC).timestamp()) * 1000,
            "sender": {"uid": f"u_{uin}", "uin": uin, "name": name}, "type": "normal",
            "content": {"text": "", "elements": elements}, "recalled": False, "system": False,
        })  # fmt: skip
    head = {"metadata": {"name": "QQChatExporter V4"}, "chatInfo": {"name": "读书角"}}
    return json.dumps({**head, "messages": messages}, ensure_ascii=False, indent=1)


def long_chat():
    texts = []
    for index in range(COUNT):
        name, uin, _ = SENDERS[index % 2]
        said = "有事找 50005" if index == 0 else f"第{index}条"
        if index % 100 == 50:
            said += "，电话 138-1234-5678"
        texts.append(([element(said)], (name, uin)))
    texts.append(([element("我来晚了")], ("阿强", "50005")))
    return texts


def expected_body():
    turns = []
    for index in range(COUNT):
        moment = START + timedelta(seconds=10 * index)
        stamp = f"{moment:%H:%M}" if moment.date() == START.date() else f"{moment:%Y-%m-%d %H:%M}"
        said = "有事找 〔QQ号已隐藏〕" if index == 0 else f"第{index}条"
        if index % 100 == 50:
            said += "，电话 〔手机号已隐藏〕"
        turns.append(f"[{stamp}] {SENDERS[index % 2][2]}：{said}")
    last = START + timedelta(seconds=10 * COUNT)
    turns.append(f"[{last:%Y-%m-%d %H:%M}] 阿强：我来晚了")
    return "\n\n".join(turns) + "\n"


def test_a_long_draft_is_exact_and_masks_a_number_of_a_sender_seen_only_at_the_end(
    site, qunzhi, chat
):
    chat("long.json", qce(long_chat()))

    shown = qunzhi(site, "import", "long.json", "--dry-run")
    written = qunzhi(site, "import", "long.json")

    assert shown.code == written.code == 0, shown.err
    front, body = split_draft(shown.out)
    assert front["speakers"] == ["王建国", "李小红", "阿强"]
    assert body == expected_body()
    assert shown.lines[1] == f"dry run: nothing written: {COUNT + 1} turns, status: draft"
    assert shown.lines[-1] == f"contacts redacted: {COUNT // 100 + 1} ({COUNT // 100} mobile, 1 QQ)"
    assert f"  老王 (QQ 〔QQ号已隐藏〕) → wangjianguo (alias), {COUNT // 2} turns" in shown.lines
    drafts = sorted(site.content.glob("transcripts/2016/*.md"))
    placed = site.content / "transcripts/2016/2016-01-10-dai-ding-biao-ti.md"
    assert placed in drafts
    assert placed.read_text(encoding="utf-8") == shown.out
    assert not [path for path in site.content.rglob(".qunzhi-import-*")]


def test_a_bad_byte_near_the_end_writes_nothing(site, qunzhi, chat):
    text = qce(long_chat())
    cut = text.index('"第4400条"')
    chat("bad.json", text[:cut] + '"第4400条' + text[cut + len('"第4400条"') :])
    before = sorted(site.content.rglob("*"))

    result = qunzhi(site, "import", "bad.json")

    assert (result.code, result.out) == (2, "")
    assert len(result.lines) == 1
    assert result.lines[0].startswith("qunzhi: import: bad.json: line ")
    assert sorted(site.content.rglob("*")) == before


def test_a_session_of_only_pictures_makes_no_draft(site, qunzhi, chat):
    picture = {"type": "image", "data": {"filename": "a.jpg"}}
    texts = [([element(f"第{index}条")], ("老王", "10001")) for index in range(3)]
    chat("pictures.json", qce([*texts, ([picture], ("小红", "20002"))], gap_before=3))

    every = qunzhi(site, "import", "pictures.json", "--session", "all", "--dry-run")
    second = qunzhi(site, "import", "pictures.json", "--session", "2", "--dry-run")

    assert every.code == 0, every.err
    assert every.out.count("status: draft") == 1
    assert "session 1 of 2: 2016-01-10 20:30 to 2016-01-10 20:30, 3 messages" in every.lines
    assert (second.code, second.lines) == (2, [
        "qunzhi: import: pictures.json: expected chat messages with text, found 4 messages "
        "that were all system lines or media placeholders"
    ])  # fmt: skip


def test_a_spill_keeps_order_across_chunks_and_flushes(tmp_path):
    spill = Spill(Spool(tmp_path))
    for number in range(CHUNK + 3):
        spill.append(number)

    assert (len(spill.chunks), spill.tail) == (1, [CHUNK, CHUNK + 1, CHUNK + 2])
    spill.flush()
    assert (len(spill.chunks), spill.tail, len(spill)) == (2, [], CHUNK + 3)
    assert list(spill) == list(range(CHUNK + 3))
    assert list(tmp_path.iterdir()) == []  # the spool's file has no name
    spill.spool.close()
