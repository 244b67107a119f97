"""QQ's message manager text export (消息管理器 → 导出消息记录 → .txt).

A header block (消息记录, ====, 消息分组, 消息对象), then messages: a line
``2016-01-01 20:31:05 昵称(12345678)`` or ``… 昵称<a@b.c>``, the text on the
following lines, a blank line between messages.
"""

from __future__ import annotations

import re
from datetime import datetime

from .messages import Message, Parsed

HEADER = re.compile(
    r"^(?P<date>\d{4}-\d{1,2}-\d{1,2}) (?P<time>\d{1,2}:\d{2}:\d{2}) (?P<name>.*?)"
    r"(?:\((?P<qq>\d{5,11})\)|<(?P<email>[^<>\s@]+@[^<>\s@]+)>)$"
)
CHAT = re.compile(r"^消息对象[:：]\s*(?P<chat>.+)$")
BLOCK_LINE = re.compile(r"^(?:=+|消息记录.*|消息分组[:：].*|消息对象[:：].*)$")


def header_time(date: str, time: str) -> datetime | None:
    """The moment of a header's date and time, or None when it is no real date."""
    try:
        year, month, day = (int(part) for part in date.replace("/", "-").split("-"))
        hour, minute, *second = (int(part) for part in time.split(":"))
        return datetime(year, month, day, hour, minute, second[0] if second else 0)
    except ValueError:
        return None


def parse(lines: list[str]) -> Parsed:
    """Messages of a QQ export; header lines before the first message are counted."""
    parsed = Parsed("qq")
    current: Message | None = None
    for number, line in enumerate(lines, 1):
        match = HEADER.match(line) if line[:2].isdigit() else None
        at = header_time(match["date"], match["time"]) if match else None
        if match and at is not None:
            current = Message(
                match["name"].strip(), number, at=at, ident=match["qq"] or match["email"]
            )
            parsed.messages.append(current)
        elif current is not None:
            current.lines.append(line)
        elif line.strip():
            chat = CHAT.match(line.strip())
            if chat:
                parsed.chat = chat["chat"].strip()
            parsed.dropped[
                "export header" if BLOCK_LINE.match(line.strip()) else "before the first message"
            ] += 1
    return parsed


def count_headers(lines: list[str]) -> int:
    return sum(1 for line in lines if line[:2].isdigit() and HEADER.match(line))
