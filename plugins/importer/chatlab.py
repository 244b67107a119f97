"""ChatLab's exchange format, as JSON (``chatlab``, ``meta``, ``members``, ``messages``) and JSONL.

A message is ``{"sender": platformId, "accountName", "groupNickname"?, "timestamp"
(Unix seconds), "type": number, "content"}``; JSONL writes one object a line with
``_type`` ``header``, ``member`` or ``message`` (``#`` lines are comments).
Types: 0 text, 1 image, 2 voice, 3 video, 4 file, 5 emoji, 7 link, 8 location,
20 red packet, 21 transfer, 22 poke, 23 call, 24 share, 25 reply, 26 forward,
27 contact, 80 system, 81 recall, 99 other.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from datetime import tzinfo
from pathlib import Path
from typing import Any

from .cleaning import system_kind
from .jsonstream import Reader, each, moment, part, text_of
from .messages import Forward, Link, Media, Message, Parsed
from .source import problem

MEDIA_TYPES = {1: "图片", 2: "语音", 3: "视频", 4: "文件", 5: "表情", 8: "位置", 23: "通话",
               27: "名片"}  # fmt: skip
SYSTEM_TYPES = {20: "red packet", 21: "red packet", 22: "pat-pat", 80: None,
                81: "recalled a message"}  # fmt: skip
URL_IN = re.compile(r"https?://\S+")


def parse(reader: Reader, zone: tzinfo) -> Parsed:
    head = reader.head({"meta", "members"})
    meta = part(head, "meta")
    parsed = Parsed("chatlab", chat=text_of(meta.get("name")) or None)
    parsed.messages = each(reader, parsed, lambda item, number: _message(item, number, zone))
    return parsed


def parse_lines(path: str, zone: tzinfo) -> Parsed:
    parsed = Parsed("chatlab-jsonl")
    parsed.messages = _lines(path, zone, parsed)
    first = next(_records(path), (0, {}))[1]
    meta = part(first, "meta")
    parsed.chat = text_of(meta.get("name")) or None
    return parsed


def _records(path: str) -> Iterator[tuple[int, dict[str, Any]]]:
    with Path(path).open("rb") as file:
        for number, raw in enumerate(file, 1):
            line = raw.decode("utf-8-sig" if number == 1 else "utf-8", "replace").strip()
            if not line or line.startswith("#"):
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as error:
                raise problem(
                    path,
                    f"line {number} column {error.colno}: expected a JSON object, "
                    f"{error.msg.lower()}",
                ) from None
            if not isinstance(record, dict):
                raise problem(path, f"line {number}: expected a JSON object, found {line[:20]!r}")
            yield number, record


def _lines(path: str, zone: tzinfo, parsed: Parsed) -> Iterator[Message]:
    for number, record in _records(path):
        if record.get("_type") == "message":
            message = _message(record, number, zone)
            if message is None:
                parsed.dropped["without a time"] += 1
            else:
                yield message


def _message(item: dict[str, Any], number: int, zone: tzinfo) -> Message | None:
    at = moment(item.get("timestamp"), zone)
    if at is None:
        return None
    name = text_of(item.get("groupNickname")) or text_of(item.get("accountName"))
    message = Message(name, number, at=at, ident=text_of(item.get("sender")) or None)
    content = text_of(item.get("content")).strip()
    kind = item.get("type") if isinstance(item.get("type"), int) else 0
    if kind in SYSTEM_TYPES:
        message.system = SYSTEM_TYPES[kind] or system_kind(content) or "other system line"
    elif kind in MEDIA_TYPES:
        message.parts.append(Media(MEDIA_TYPES[kind], "" if content.startswith("[") else content))
    elif kind in (7, 24):
        found = URL_IN.search(content)
        title = URL_IN.sub("", content).strip()
        message.parts.append(Link(title, found.group()) if found else Media("链接", title))
    elif kind == 26:
        message.parts.append(Forward(content))
    else:
        message.lines = content.split("\n") if content else []
    return message
