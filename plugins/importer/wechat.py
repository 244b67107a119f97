"""WeChat chat text, as export tools write it and as the desktop app copies it.

Two header styles: ``昵称 2016/1/1 20:31`` (desktop copy: name first) and
``2016-01-01 20:31:05 昵称`` (export tools: time first); the text follows on
the next lines.
"""

from __future__ import annotations

import re

from .messages import Message, Parsed
from .qq import HEADER as QQ_HEADER
from .qq import header_time

NAME_FIRST = re.compile(
    r"^(?P<name>\S.*?)\s+(?P<date>\d{4}[/-]\d{1,2}[/-]\d{1,2})\s+"
    r"(?P<time>\d{1,2}:\d{2}(?::\d{2})?)$"
)
TIME_FIRST = re.compile(
    r"^(?P<date>\d{4}[/-]\d{1,2}[/-]\d{1,2})\s+(?P<time>\d{1,2}:\d{2}(?::\d{2})?)\s+"
    r"(?P<name>\S.*?)$"
)


def header(line: str) -> re.Match[str] | None:
    """A WeChat header line (either style), never a QQ one."""
    if line[:2].isdigit():
        if QQ_HEADER.match(line):
            return None
        return TIME_FIRST.match(line)
    return NAME_FIRST.match(line) if line[-1:].isdigit() else None


def parse(lines: list[str]) -> Parsed:
    parsed = Parsed("wechat")
    current: Message | None = None
    for number, line in enumerate(lines, 1):
        match = header(line.rstrip())
        at = header_time(match["date"], match["time"]) if match else None
        if match and at is not None:
            current = Message(match["name"].strip(), number, at=at)
            parsed.messages.append(current)
        elif current is not None:
            current.lines.append(line)
        elif line.strip():
            parsed.dropped["before the first message"] += 1
    return parsed


def count_headers(lines: list[str]) -> int:
    return sum(1 for line in lines if line and header(line.rstrip()))
