"""WeChat chat text, as export tools write it and as the desktop app copies it.

Two header styles: ``昵称 2016/1/1 20:31`` (desktop copy: name first) and
``2016-01-01 20:31:05 昵称`` (export tools: time first); the text follows on
the next lines. A log is written in one style, the one most of its headers
have: a line in the other style is a quote inside a message, not a header.
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
    """A WeChat header line (either style), never a QQ one; a nickname may start with digits."""
    starts_with_date = line[:2].isdigit()
    if starts_with_date and QQ_HEADER.match(line):
        return None
    match = TIME_FIRST.match(line) if starts_with_date else None
    return match or (NAME_FIRST.match(line) if line[-1:].isdigit() else None)


def in_one_style(matches: list[re.Match[str] | None]) -> list[re.Match[str] | None]:
    """Only the headers in the style most of them have (time first on a tie)."""
    time_first = sum(1 for match in matches if match and match.re is TIME_FIRST)
    name_first = sum(1 for match in matches if match and match.re is NAME_FIRST)
    chosen = TIME_FIRST if time_first >= name_first else NAME_FIRST
    return [match if match and match.re is chosen else None for match in matches]


def parse(lines: list[str]) -> Parsed:
    parsed = Parsed("wechat")
    current: Message | None = None
    headers = in_one_style([header(line.rstrip()) for line in lines])
    for number, (line, match) in enumerate(zip(lines, headers, strict=True), 1):
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
