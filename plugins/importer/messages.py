"""What every format's parser produces: messages with their sender and lines."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime

FORMATS = ("qq", "wechat", "plain")
FORMAT_LABELS = {
    "qq": "QQ message export",
    "wechat": "WeChat chat text",
    "plain": "pasted transcript",
}


@dataclass
class Message:
    """One message: who sent it (as written), when, and its text lines."""

    name: str
    line: int
    at: datetime | None = None
    clock: str | None = None  # a time written without a date (pasted text: "[20:31]")
    ident: str | None = None  # QQ number or e-mail of a QQ header: identity, never printed
    lines: list[str] = field(default_factory=list)

    @property
    def sender(self) -> str:
        """Who sent it: one QQ account whatever its nickname that day, else the name."""
        return self.ident or self.name


@dataclass
class Parsed:
    """A parsed export: messages in order, and the lines that were not messages."""

    format: str
    messages: list[Message] = field(default_factory=list)
    dropped: Counter[str] = field(default_factory=Counter)
    chat: str | None = None  # the QQ header's 消息对象: the group's name
    preamble: list[str] = field(default_factory=list)  # pasted text before the first turn
