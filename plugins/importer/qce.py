"""qq-chat-exporter's JSON (QQ NT, through NapCat): versions 3 and 4 and later.

``{"metadata": {"name": "QQChatExporter V4", "version": …}, "chatInfo": {"name",
"type"}, "statistics": …, "messages": [{"id", "timestamp", "time", "sender": {"uid",
"uin", "name", "groupCard"?}, "type", "content": {"text", "elements": [{"type",
"data"}], "resources", "mentions"}, "recalled", "system"}], "avatars"?}``. Version 3
writes ``timestamp`` in milliseconds and ``type`` as ``type_1``; version 4 may
write an ISO time and keeps the nicknames in ``rawMessage`` too.
"""

from __future__ import annotations

from datetime import tzinfo
from typing import Any

from .cleaning import system_kind
from .jsonstream import Reader, each, moment, part, text_of
from .kinds import Recent
from .messages import Forward, Link, Media, Message, Parsed, Reply

MEDIA_KINDS = {"image": "图片", "video": "视频", "audio": "语音", "voice": "语音", "file": "文件"}


def parse(reader: Reader, zone: tzinfo) -> Parsed:
    head = reader.head({"metadata", "chatInfo"})
    chat = part(head, "chatInfo")
    parsed = Parsed("qce", chat=text_of(chat.get("name")) or None)
    recent = Recent()
    parsed.messages = each(reader, parsed, lambda item, n: _message(item, n, zone, recent))
    return parsed


def _message(item: dict[str, Any], number: int, zone: tzinfo, recent: Recent) -> Message | None:
    sender = part(item, "sender")
    raw = part(item, "rawMessage")
    name = (
        text_of(sender.get("groupCard"))
        or text_of(raw.get("sendMemberName"))
        or text_of(sender.get("name"))
        or text_of(raw.get("sendNickName"))
    )
    ident = text_of(sender.get("uin")) or text_of(raw.get("senderUin")) or None
    at = moment(item.get("timestamp"), zone) or moment(item.get("time"), zone)
    if at is None:
        return None
    message = Message(name, number, at=at, ident=ident)
    content = part(item, "content")
    text = _elements(content, message)
    if item.get("recalled") or item.get("isRecalled"):
        message.system = "recalled a message"
    elif item.get("system") or item.get("isSystemMessage"):
        message.system = system_kind(text) or "other system line"
    message.lines = text.split("\n") if text else []
    recent.add(item.get("id") or item.get("messageId"), name, text)
    return message


def _elements(content: dict[str, Any], message: Message) -> str:
    """The message's text, its parts and mentions filled in from its elements."""
    elements = content.get("elements")
    if not isinstance(elements, list) or not elements:
        return text_of(content.get("text"))
    text: list[str] = []
    mentions: list[str] = []
    for element in elements:
        if not isinstance(element, dict):
            continue
        kind = element.get("type")
        data = part(element, "data")
        if kind == "text":
            text.append(text_of(data.get("text")))
        elif kind == "at":
            name = text_of(data.get("name")).lstrip("@")
            text.append(f"@{name}" if name else "")
            if name:
                mentions.append(name)
        elif kind == "reply":
            message.parts.append(_reply(data))
        elif kind in MEDIA_KINDS:
            # a file is known by its name; a voice or video by its length, not "voice.amr"
            seconds = data.get("duration")
            label = (
                text_of(data.get("filename") or data.get("name"))
                if kind == "file"
                else f"{seconds:g} 秒"
                if isinstance(seconds, int | float) and seconds > 0
                else ""
            )
            path = text_of(data.get("localPath")) or None
            message.parts.append(Media(MEDIA_KINDS[kind], label, path))
        elif kind in ("face", "market_face"):
            message.parts.append(Media("表情", text_of(data.get("name")).strip("[]/")))
        elif kind == "forward":
            message.parts.append(_forward(data))
        elif kind == "json":
            title = text_of(data.get("title") or data.get("summary") or data.get("description"))
            url = text_of(data.get("url"))
            message.parts.append(Link(title, url) if url else Media("卡片", title))
        else:  # system, location, markdown …: their text
            text.append(text_of(data.get("text")))
    message.mentions = tuple(mentions)
    return "".join(text).strip()


def _reply(data: dict[str, Any]) -> Reply:
    return Reply(text_of(data.get("senderName")), text_of(data.get("content") or data.get("text")))


def _forward(data: dict[str, Any]) -> Forward:
    forward = Forward(text_of(data.get("title")) or "聊天记录")
    inner = data.get("messages")
    if isinstance(inner, list):
        for item in inner:
            if not isinstance(item, dict):
                continue
            sender = part(item, "sender")
            content = part(item, "content")
            forward.items.append((text_of(sender.get("name")), text_of(content.get("text"))))
    elif isinstance(data.get("preview"), list):
        forward.items = [("", text_of(line)) for line in data["preview"]]
    return forward
