"""What every format's parser produces: messages with their sender, lines and parts."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime

from qunzhi.hub.progress import Progress

TEXT_FORMATS = ("qq", "wechat", "plain", "whatsapp")
FORMATS = (
    *TEXT_FORMATS,
    "qq-mht",
    "qce",
    "echotrace",
    "memotrace",
    "memotrace-html",
    "chatlab",
    "chatlab-jsonl",
    "telegram",
    "discord",
)
FORMAT_LABELS = {
    "qq": "QQ message export",
    "wechat": "WeChat chat text",
    "plain": "pasted transcript",
    "whatsapp": "WhatsApp chat export",
    "qq-mht": "QQ message export (.mht)",
    "qce": "qq-chat-exporter JSON",
    "echotrace": "EchoTrace/WeFlow WeChat JSON",
    "memotrace": "MemoTrace WeChat CSV",
    "memotrace-html": "MemoTrace WeChat HTML",
    "chatlab": "ChatLab JSON",
    "chatlab-jsonl": "ChatLab JSONL",
    "telegram": "Telegram Desktop result.json",
    "discord": "DiscordChatExporter JSON",
}
PLATFORMS = {
    "qq": "qq",
    "qq-mht": "qq",
    "qce": "qq",
    "wechat": "wechat",
    "echotrace": "wechat",
    "memotrace": "wechat",
    "memotrace-html": "wechat",
    "whatsapp": "whatsapp",
    "telegram": "telegram",
    "discord": "discord",
}


@dataclass(slots=True)
class Reply:
    """What a message answers (引用): who said it and the start of what they said."""

    name: str
    text: str


@dataclass(slots=True)
class Forward:
    """A merged forward (合并转发): its title and the (speaker, text) lines it carries."""

    title: str
    items: list[tuple[str, str]] = field(default_factory=list)


@dataclass(slots=True)
class Link:
    """A link or card: its title and address."""

    title: str
    url: str


@dataclass(slots=True)
class Media:
    """A picture, voice, video or file: its kind (图片, 语音 …), a label, a file if exported."""

    kind: str
    label: str = ""
    path: str | None = None


Part = Reply | Forward | Link | Media


@dataclass(slots=True)
class Message:
    """One message: who sent it (as written), when, its text lines and structured parts."""

    name: str
    line: int
    at: datetime | None = None
    clock: str | None = None  # a time written without a date (pasted text: "[20:31]")
    ident: str | None = None  # QQ number, e-mail or account id: identity, never printed
    lines: list[str] = field(default_factory=list)
    parts: list[Part] = field(default_factory=list)
    system: str | None = None  # a structured export's system event, by kind
    mentions: tuple[str, ...] = ()  # names of members @-mentioned, as written after "@"

    @property
    def sender(self) -> str:
        """Who sent it: one account whatever its nickname that day, else the name."""
        return self.ident or self.name


@dataclass
class Parsed:
    """A parsed export: messages in order (a list, or a stream for large files)."""

    format: str
    messages: Iterable[Message] = field(default_factory=list)
    dropped: Counter[str] = field(default_factory=Counter)
    chat: str | None = None  # the chat's name (QQ's 消息对象, a JSON export's group name)
    preamble: list[str] = field(default_factory=list)  # pasted text before the first turn
    base: str | None = None  # folder that media paths in the export are relative to
    attachments: dict[str, bytes] = field(default_factory=dict)  # pictures inside the file
    progress: Progress | None = None  # a stream's progress bar, by bytes read

    def stream(self) -> Iterator[Message]:
        return iter(self.messages)
