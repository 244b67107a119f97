"""WhatsApp's "Export chat" text (without media), as phones in Chinese and other locales write it.

Android: ``2016/1/3 20:00 - 老王: 大家好`` (or ``03/01/2016, 20:00 - …``, with
``上午``/``下午`` or AM/PM); iOS: ``[2016/1/3 20:00:12] 老王: 大家好``. A line
without ``NAME: `` after the time is a system line (joins, encryption notice);
a line without a time continues the message before.
"""

from __future__ import annotations

import re
from datetime import datetime

from .messages import Media, Message, Parsed

DATE = r"(?P<date>\d{1,4}[/.-]\d{1,2}[/.-]\d{2,4})"
TIME = (
    r"(?P<noon>上午|下午|凌晨|中午|晚上)?\s?(?P<time>\d{1,2}:\d{2}(?::\d{2})?)"
    r"(?:\s?(?P<ampm>[AaPp]\.?[Mm]\.?))?"
)
HEADERS = (
    re.compile(rf"^[\u200e\u200f]?\[{DATE},?\s+{TIME}\]\s+(?P<rest>.*)$"),  # iOS
    re.compile(rf"^[\u200e\u200f]?{DATE},?\s+{TIME}\s+-\s+(?P<rest>.*)$"),  # Android
)
SENDER = re.compile(r"^(?P<name>[^:：\n]{1,60}?):\s(?P<text>.*)$")
OMITTED = {
    "<Media omitted>": "图片",
    "<省略影音内容>": "图片",
    "<附件已省略>": "文件",
    "image omitted": "图片",
    "图片已忽略": "图片",
    "audio omitted": "语音",
    "音频已忽略": "语音",
    "video omitted": "视频",
    "视频已忽略": "视频",
    "sticker omitted": "表情",
    "贴纸已忽略": "表情",
    "document omitted": "文件",
    "GIF omitted": "动画表情",
}
DELETED = frozenset({"This message was deleted", "You deleted this message", "此消息已删除",
                     "你删除了此消息"})  # fmt: skip
JOINED = re.compile(
    r"joined using this group's invite link|通过此群组的邀请链接加入|加入了群组|added"
)
LEFT = re.compile(r"\bleft$|退出了|已退出|removed|移除了")


def header(line: str) -> re.Match[str] | None:
    if line[:1] not in "[0123456789\u200e\u200f":
        return None
    return HEADERS[0].match(line) or HEADERS[1].match(line)


def count_headers(lines: list[str]) -> int:
    return sum(1 for line in lines if header(line))


def parse(lines: list[str]) -> Parsed:
    parsed = Parsed("whatsapp")
    matches = [header(line) for line in lines]
    order = _date_order([match["date"] for match in matches if match])
    current: Message | None = None
    for number, (line, match) in enumerate(zip(lines, matches, strict=True), 1):
        at = _moment(match, order) if match else None
        if match is None or at is None:
            if current is not None:
                current.lines.append(line)
            elif line.strip():
                parsed.dropped["before the first message"] += 1
            continue
        sender = SENDER.match(match["rest"])
        if sender is None:
            current = Message("", number, at=at, system=_system(match["rest"]))
            parsed.messages.append(current)
            continue
        current = Message(sender["name"].strip(), number, at=at)
        _text(current, sender["text"].strip("\u200e "))
        parsed.messages.append(current)
    return parsed


def _text(message: Message, text: str) -> None:
    if text in OMITTED:
        message.parts.append(Media(OMITTED[text]))
    elif text in DELETED:
        message.system = "recalled a message"
    else:
        message.lines.append(text)


def _system(text: str) -> str:
    if JOINED.search(text):
        return "joined the group"
    return "left the group" if LEFT.search(text) else "other system line"


def _date_order(dates: list[str]) -> str:
    """``ymd``, ``dmy`` or ``mdy``: the order a file's dates are in (day first when unsure)."""
    fields = [re.split(r"[/.-]", date) for date in dates[:5000]]
    if any(len(parts[0]) == 4 for parts in fields):
        return "ymd"
    if any(int(parts[0]) > 12 for parts in fields):
        return "dmy"
    return "mdy" if any(int(parts[1]) > 12 for parts in fields) else "dmy"


def _moment(match: re.Match[str], order: str) -> datetime | None:
    first, second, third = (int(part) for part in re.split(r"[/.-]", match["date"]))
    year, month, day = {
        "ymd": (first, second, third),
        "dmy": (third, second, first),
        "mdy": (third, first, second),
    }[order]
    year += 2000 if year < 100 else 0
    hour, minute, *seconds = (int(part) for part in match["time"].split(":"))
    afternoon = match["noon"] in ("下午", "晚上") or (match["ampm"] or "").lower().startswith("p")
    morning = match["noon"] in ("上午", "凌晨") or (match["ampm"] or "").lower().startswith("a")
    if afternoon and hour < 12:
        hour += 12
    elif morning and hour == 12:
        hour = 0
    try:
        return datetime(year, month, day, hour, minute, seconds[0] if seconds else 0)
    except ValueError:
        return None
