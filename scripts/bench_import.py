"""Time ``qunzhi import`` on generated exports: text (QQ, WeChat) and JSON (streamed) formats.

Writes a tiny hub and deterministic exports into a temporary folder (QQ in
GB18030 with CRLF, WeChat text, qq-chat-exporter, EchoTrace, ChatLab JSON and
JSONL, Telegram and DiscordChatExporter JSON, a MemoTrace HTML page; every
2,000 messages a three-hour silence, so an export holds many sessions),
imports each in a fresh process
and prints a table: format, what was run (the whole file as one draft to
stdout, ``--list``, ``--session 2``; ``--modes all``: ``--session all``),
messages, file size, seconds, messages per second and the peak RSS of that
process. ``--rich`` writes 20,000
speakers instead of 200, an @mention in one message of five and a reply (by
id where the format has ids) in one of seven.

    .venv/bin/python scripts/bench_import.py [--messages 1000000] [--formats qce,telegram]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import IO

THEME = Path(__file__).resolve().parents[1] / "theme"
SETTINGS = f"""
SITENAME = "基准"
PATH = "content"
THEME = {str(THEME)!r}
HUB_NOW = "2016-06-01 12:00"
HUB_GROUPS = {{"bench": {{"name": "基准群", "platform": "qq"}}}}
"""
MEMBERS = {"laowang": ("王建国", ["老王"]), "lixiaohong": ("李小红", ["小红", "20002"])}
WORDS = (
    "今天聊读书笔记怎么做", "我觉得卡片比摘抄有用", "注意：周四晚上八点开始",
    "有人读过《乡土中国》吗", "举例：我上周写了三张卡片", "同意楼上", "哈哈哈",
    "链接在群公告里", "下次活动在杭州", "谢谢分享！", "这个问题我也想问",
)  # fmt: skip
SYSTEM = ('"路人{n}"通过扫描二维码加入群聊', "路人{n}撤回了一条消息", '"路人{n}" 拍了拍 "老王"')


SESSION = 2000  # messages between three-hour silences
FORMATS = ("qq", "wechat", "qce", "echotrace", "chatlab", "chatlab-jsonl", "telegram", "discord",
           "memotrace-html")  # fmt: skip
MODES = {"whole": (), "list": ("--list",), "session": ("--session", "2"),
         "all": ("--session", "all")}  # fmt: skip
DEFAULT_MODES = ("whole", "list", "session")  # "all": one draft per session (500 at 1,000,000)
Row = tuple[datetime, str, str, list[str], int | None]  # …, the index of the message answered


def messages(count: int, seed: int = 3, rich: bool = False) -> Iterator[Row]:
    """(time, nickname, QQ number, lines, reply): one sender in seven is a member."""
    rng = random.Random(seed)
    moment = datetime(2016, 1, 1, 20, 0)
    senders = 20_000 if rich else 200
    for index in range(count):
        moment += timedelta(seconds=rng.randint(1, 40))
        if index and index % SESSION == 0:
            moment += timedelta(hours=3)
        sender = rng.randint(0, senders - 1)
        name, number = (
            (["老王", "小红"][sender % 2], str(10001 + sender % 2))
            if sender < 30
            else (
                f"群友{sender}",
                str(30000 + sender),
            )
        )
        lines = [rng.choice(WORDS) for _ in range(rng.choice((1, 1, 1, 2, 3)))]
        if index % 50 == 0:
            lines.append("[图片]")
        if index % 500 == 0:
            lines.append("电话 138-1234-5678")
        if rich and index % 5 == 0:
            lines[0] = f"@群友{rng.randint(30, senders - 1)} {lines[0]}"
        reply = rng.randint(max(0, index - 500), index - 1) if rich and index % 7 == 1 else None
        if index % 97 == 0:
            lines = [rng.choice(SYSTEM).format(n=index)]
        yield moment, name, number, lines, reply


def write_hub(root: Path) -> None:
    (root / "pelicanconf.py").write_text(SETTINGS, encoding="utf-8")
    for member_id, (name, aliases) in MEMBERS.items():
        path = root / "content" / "members" / f"{member_id}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"---\nname: {name}\naliases: {aliases}\n---\n", encoding="utf-8")


def write_exports(
    root: Path, count: int, formats: Sequence[str], rich: bool = False
) -> dict[str, Path]:
    """Each export written as a stream (a million messages never sit in memory here)."""
    paths = {}
    for name in formats:
        path = paths[name] = root / f"export-{name}.{SUFFIX[name]}"
        binary = name == "qq"
        with path.open("wb" if binary else "w", **({} if binary else {"encoding": "utf-8"})) as out:
            WRITERS[name](out, messages(count, rich=rich))
    return paths


def _qq(out: IO[bytes], rows: Iterator[Row]) -> None:
    out.write(
        "消息记录\r\n\r\n================\r\n消息对象:基准群\r\n================\r\n\r\n".encode(
            "gb18030"
        )
    )
    for moment, name, number, lines, _ in rows:
        text = "\r\n".join([f"{moment:%Y-%m-%d %H:%M:%S} {name}({number})", *lines, ""])
        out.write((text + "\r\n").encode("gb18030"))


def _wechat(out: IO[str], rows: Iterator[Row]) -> None:
    for moment, name, _, lines, _ in rows:
        out.write(
            "\n".join([f"{name} {moment.year}/{moment.month}/{moment.day} {moment:%H:%M}", *lines])
            + "\n"
        )


def _json_array(out: IO[str], head: dict, items: Iterator[dict], tail: dict | None = None) -> None:
    out.write(json.dumps(head, ensure_ascii=False)[:-1] + ', "messages": [\n')
    for number, item in enumerate(items):
        out.write(("," if number else "") + json.dumps(item, ensure_ascii=False) + "\n")
    out.write("]" + (", " + json.dumps(tail, ensure_ascii=False)[1:] if tail else "}") + "\n")


def _epoch(moment: datetime) -> int:
    return int((moment - timedelta(hours=8)).replace(tzinfo=UTC).timestamp())


def _qce(out: IO[str], rows: Iterator[Row]) -> None:
    head = {"metadata": {"name": "QQChatExporter V4", "version": "4.8.2"},
            "chatInfo": {"name": "基准群", "type": "group"}, "statistics": {}}  # fmt: skip
    items = (
        {"id": str(number), "timestamp": _epoch(moment) * 1000,
         "time": f"{moment:%Y-%m-%d %H:%M:%S}",
         "sender": {"uid": f"u_{qq}", "uin": qq, "name": name}, "type": "normal",
         "content": {"text": "\n".join(lines), "elements": [
             *([{"type": "reply", "data": {"senderName": "群友", "content": WORDS[reply % 11]}}]
               if reply is not None else []),
             {"type": "text", "data": {"text": "\n".join(lines)}}],
             "resources": [], "mentions": []},
         "recalled": False, "system": False}
        for number, (moment, name, qq, lines, reply) in enumerate(rows)
    )  # fmt: skip
    _json_array(out, head, items, {"avatars": {}})


def _echotrace(out: IO[str], rows: Iterator[Row]) -> None:
    head = {"session": {"wxid": "1@chatroom", "displayName": "基准群", "type": "群聊"}}
    items = (
        {"localId": number, "createTime": _epoch(moment),
         "formattedTime": f"{moment:%Y-%m-%d %H:%M:%S}",
         "type": "文本消息", "localType": 1, "content": "\n".join(lines), "isSend": 0,
         "senderUsername": f"wxid_{qq}", "senderDisplayName": name, "source": ""}
        for number, (moment, name, qq, lines, _) in enumerate(rows)
    )  # fmt: skip
    _json_array(out, head, items)


def _chatlab(out: IO[str], rows: Iterator[Row]) -> None:
    head = {
        "chatlab": {"version": "0.0.2", "exportedAt": 0},
        "meta": {"name": "基准群", "platform": "qq", "type": "group"},
        "members": [],
    }
    items = (
        {"sender": qq, "accountName": name, "timestamp": _epoch(moment), "type": 0,
         "content": "\n".join(lines)}
        for moment, name, qq, lines, _ in rows
    )  # fmt: skip
    _json_array(out, head, items)


def _chatlab_jsonl(out: IO[str], rows: Iterator[Row]) -> None:
    out.write(json.dumps({"_type": "header", "chatlab": {"version": "0.0.2", "exportedAt": 0},
                          "meta": {"name": "基准群", "platform": "qq", "type": "group"}},
                         ensure_ascii=False) + "\n")  # fmt: skip
    for moment, name, qq, lines, _ in rows:
        record = {"_type": "message", "sender": qq, "accountName": name,
                  "timestamp": _epoch(moment), "type": 0, "content": "\n".join(lines)}  # fmt: skip
        out.write(json.dumps(record, ensure_ascii=False) + "\n")


def _telegram(out: IO[str], rows: Iterator[Row]) -> None:
    head = {"name": "基准群", "type": "private_supergroup", "id": 1}
    items = (
        {"id": number, "type": "message", "date": f"{moment:%Y-%m-%dT%H:%M:%S}",
         "date_unixtime": str(_epoch(moment)), "from": name, "from_id": f"user{qq}",
         "text": "\n".join(lines), "text_entities": [],
         **({"reply_to_message_id": reply} if reply is not None else {})}
        for number, (moment, name, qq, lines, reply) in enumerate(rows)
    )  # fmt: skip
    _json_array(out, head, items)


def _discord(out: IO[str], rows: Iterator[Row]) -> None:
    head = {"guild": {"id": "1", "name": "基准"}, "channel": {"id": "2", "name": "基准群"}}
    items = (
        {"id": str(number), "type": "Default", "timestamp": f"{moment:%Y-%m-%dT%H:%M:%S}+08:00",
         "content": "\n".join(lines), "author": {"id": qq, "name": name, "nickname": name},
         "attachments": [], "embeds": [], "stickers": [], "reactions": [], "mentions": [],
         **({"type": "Reply", "reference": {"messageId": str(reply)}} if reply is not None
            else {})}
        for number, (moment, name, qq, lines, reply) in enumerate(rows)
    )  # fmt: skip
    _json_array(out, head, items)


def _memotrace_html(out: IO[str], rows: Iterator[Row]) -> None:
    out.write(
        '<!DOCTYPE html>\n<html lang="zh-CN">\n<head><meta charset="UTF-8"><title>基准群</title>'
        "</head>\n<body>\n<script>\nconst chatMessages = [\n"
    )
    for moment, name, _, lines, reply in rows:
        text = "\\n".join(lines)  # the words hold no quote or backslash to escape
        kind = (
            "type:1"
            if reply is None
            else f"type:49, sub_type:57, refer_text: '群友：{WORDS[reply % 11]}'"
        )
        out.write(
            f"{{ {kind}, text: '{text}',is_send:0,avatar_path:'./avatar/a.png',"
            f"timestamp:{_epoch(moment)},is_chatroom:1,displayname:'{name}'}},"
        )
    out.write("\n];\n\n</script>\n</body>\n</html>\n")


WRITERS = {"qq": _qq, "wechat": _wechat, "qce": _qce, "echotrace": _echotrace,
           "chatlab": _chatlab, "chatlab-jsonl": _chatlab_jsonl, "telegram": _telegram,
           "discord": _discord, "memotrace-html": _memotrace_html}  # fmt: skip
SUFFIX = {"qq": "txt", "wechat": "txt", "chatlab-jsonl": "jsonl", "memotrace-html": "html"} | {
    name: "json" for name in ("qce", "echotrace", "chatlab", "telegram", "discord")
}


def run_one(root: Path, export: Path, mode: Sequence[str]) -> tuple[float, int]:
    """Seconds and peak RSS (KiB) of one ``qunzhi import`` in its own process."""
    qunzhi = Path(sys.executable).with_name("qunzhi")
    command = [str(qunzhi), "import", str(export), "--title", "基准", "--dry-run", *mode]
    started = time.monotonic()
    process = subprocess.Popen(
        command, cwd=root, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.monotonic() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise SystemExit(f"bench_import: {export.name}: qunzhi import exited {process.returncode}")
    return seconds, usage.ru_maxrss


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--messages", type=int, default=1_000_000, help="messages per export")
    parser.add_argument(
        "--formats",
        default=",".join(FORMATS),
        help=f"comma-separated (default: {','.join(FORMATS)})",
    )
    parser.add_argument(
        "--modes",
        default=",".join(DEFAULT_MODES),
        help=f"comma-separated: {', '.join(MODES)} (default: {','.join(DEFAULT_MODES)})",
    )
    parser.add_argument(
        "--rich", action="store_true", help="20,000 speakers, @mentions and replies"
    )
    args = parser.parse_args(argv)
    formats = [name for name in args.formats.split(",") if name]
    unknown = sorted(set(formats) - set(FORMATS)) + sorted(set(args.modes.split(",")) - set(MODES))
    if unknown:
        parser.error(f"unknown format or mode: {', '.join(unknown)}")
    with tempfile.TemporaryDirectory(prefix="qunzhi-bench-import-") as folder:
        root = Path(folder)
        write_hub(root)
        exports = write_exports(root, args.messages, formats, args.rich)
        print(
            f"{'format':<14} {'run':<8} {'messages':>9} {'MB':>6} {'seconds':>8} {'msg/s':>9} "
            f"{'peak RSS':>9}"
        )
        for name, export in exports.items():
            size = export.stat().st_size / 1e6
            for mode in args.modes.split(","):
                seconds, rss = run_one(root, export, MODES[mode])
                print(
                    f"{name:<14} {mode:<8} {args.messages:>9,} {size:>6.1f} {seconds:>8.2f} "
                    f"{args.messages / seconds:>9,.0f} {rss / 1024:>7.0f} MB",
                    flush=True,
                )
    return 0


if __name__ == "__main__":
    sys.exit(main())
