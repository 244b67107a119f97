"""QQ's message manager export as a web archive (.mht): HTML rows, pictures inline.

A MIME ``multipart/related`` file: the HTML part is a table with a row per
date (``日期: 2016-01-03``) and a row per message (the nickname in a floated
``div``, the time after it, the text in the next ``div``); pictures are
``<IMG src="{…}.dat">`` with the image bytes in their own MIME parts.
"""

from __future__ import annotations

import email
import email.policy
import re
from datetime import datetime
from html.parser import HTMLParser

from .messages import Media, Message, Parsed
from .qq import header_time

DATE_ROW = re.compile(r"日期[:：]\s*(\d{4}-\d{1,2}-\d{1,2})")
TIME = re.compile(r"(\d{1,2}:\d{2}:\d{2})\s*$")
CHAT = re.compile(r"消息对象[:：]\s*(.+)$")


def looks_like(head: bytes) -> bool:
    lowered = head[:4096].lower()
    return b"multipart/related" in lowered or (b"<html" in lowered and "消息记录".encode() in head)


def parse(raw: bytes) -> Parsed:
    """Messages of the archive; its pictures are kept on ``Parsed.attachments``."""
    html, attachments = _parts(raw)
    rows = _Rows()
    rows.feed(html)
    rows.close()
    parsed = Parsed("qq-mht")
    parsed.attachments = attachments
    day: str | None = None
    for number, (cells, images) in enumerate(rows.rows, 1):
        text = "\n".join(cells).strip()
        date = DATE_ROW.search(text)
        chat = CHAT.search(text)
        if date:
            day = date.group(1)
            continue
        if chat:
            parsed.chat = chat.group(1).strip()
        split = _header(cells)
        if split is None or day is None:
            parsed.dropped["export header"] += bool(text)
            continue
        name, clock, body = split
        message = Message(name, number, at=header_time(day, clock) or datetime(1970, 1, 1))
        message.lines = "\n".join(body).strip().split("\n")
        message.parts = [Media("图片", "", f"mht:{src}") for src in images]
        parsed.messages.append(message)  # type: ignore[attr-defined]
    return parsed


def _header(cells: list[str]) -> tuple[str, str, list[str]] | None:
    """(nickname, time, text blocks) of a message row: the time is its own block or ends one."""
    if len(cells) >= 2 and TIME.fullmatch(cells[1]):
        return cells[0], cells[1], cells[2:]
    found = TIME.search(cells[0]) if cells else None
    if found is None or len(cells) < 2:
        return None
    return cells[0][: found.start()].strip(), found.group(1), cells[1:]


def _parts(raw: bytes) -> tuple[str, dict[str, bytes]]:
    if b"<html" in raw[:200].lower():
        return raw.decode("utf-8", "replace"), {}
    archive = email.message_from_bytes(raw, policy=email.policy.default)
    html, attachments = "", {}
    for part in archive.walk():
        if part.is_multipart():
            continue
        payload = part.get_payload(decode=True) or b""
        if part.get_content_type() == "text/html" and not html:
            html = payload.decode(part.get_content_charset() or "utf-8", "replace")
        elif part.get_content_maintype() == "image":
            name = part.get("Content-Location") or part.get("Content-ID") or ""
            attachments[name.strip("<>")] = payload
    return html, attachments


class _Rows(HTMLParser):
    """Each table row as its text blocks (one per ``div``/``td``) and its image sources."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.rows: list[tuple[list[str], list[str]]] = []
        self._cells: list[str] | None = None
        self._images: list[str] = []
        self._text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "tr":
            self._cells, self._images, self._text = [], [], []
        elif tag in ("div", "td") and self._cells is not None:
            self._flush()
        elif tag == "br":
            self._text.append("\n")
        elif tag == "img" and self._cells is not None:
            source = dict(attrs).get("src")
            if source:
                self._images.append(source)

    def handle_endtag(self, tag: str) -> None:
        if tag in ("div", "td") and self._cells is not None:
            self._flush()
        elif tag == "tr" and self._cells is not None:
            self._flush()
            self.rows.append((self._cells, self._images))
            self._cells = None

    def handle_data(self, data: str) -> None:
        if self._cells is not None:
            self._text.append(data)

    def _flush(self) -> None:
        text = "".join(self._text).strip()
        if text and self._cells is not None:
            self._cells.append(text)
        self._text = []
