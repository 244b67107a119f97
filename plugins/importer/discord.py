"""DiscordChatExporter's JSON: ``guild``, ``channel``, ``messages`` with authors and attachments.

``{"guild": {"name"}, "channel": {"name"}, "messages": [{"id", "type": "Default" |
"Reply" | "GuildMemberJoin" …, "timestamp": ISO 8601 with offset, "content", "author":
{"id", "name", "nickname"}, "attachments": [{"fileName", "url"}], "embeds": [{"title",
"url"}], "stickers": [{"name"}], "mentions": [{"name", "nickname"}], "reference":
{"messageId"}}]}``.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import tzinfo
from pathlib import PurePosixPath
from typing import Any

from .jsonstream import Reader, each, moment, part, text_of
from .kinds import Recent
from .messages import Link, Media, Message, Parsed

IMAGES = frozenset({".jpg", ".jpeg", ".png", ".gif", ".webp", ".bmp"})
SYSTEM_TYPES = {
    "GuildMemberJoin": "joined the group",
    "RecipientAdd": "joined the group",
    "RecipientRemove": "left the group",
}


def parse(reader: Reader, zone: tzinfo) -> Parsed:
    head = reader.head({"guild", "channel"})
    channel = part(head, "channel")
    guild = part(head, "guild")
    parsed = Parsed("discord", chat=text_of(channel.get("name") or guild.get("name")) or None)
    recent = Recent()
    parsed.messages = each(reader, parsed, lambda item, n: _message(item, n, zone, recent))
    return parsed


def _message(item: dict[str, Any], number: int, zone: tzinfo, recent: Recent) -> Message | None:
    at = moment(item.get("timestamp"), zone)
    if at is None:
        return None
    author = part(item, "author")
    name = text_of(author.get("nickname") or author.get("name"))
    message = Message(name, number, at=at, ident=text_of(author.get("id")) or None)
    text = text_of(item.get("content")).strip()
    kind = text_of(item.get("type")) or "Default"
    if kind not in ("Default", "Reply"):
        message.system = SYSTEM_TYPES.get(kind, "other system line")
        return message
    answered = recent.reply(part(item, "reference").get("messageId"))
    if answered is not None:
        message.parts.append(answered)
    recent.add(item.get("id"), name, text)
    message.mentions = tuple(_mentioned(item))
    message.lines = text.split("\n") if text else []
    message.parts += _attachments(item)
    return message


def _mentioned(item: dict[str, Any]) -> Iterator[str]:
    for person in item.get("mentions") or []:
        if isinstance(person, dict):
            yield text_of(person.get("nickname") or person.get("name"))


def _attachments(item: dict[str, Any]) -> list[Link | Media]:
    parts: list[Link | Media] = []
    for attachment in item.get("attachments") or []:
        if not isinstance(attachment, dict):
            continue
        name = text_of(attachment.get("fileName"))
        url = text_of(attachment.get("url"))
        local = None if url.startswith(("http://", "https://")) else url or None
        image = PurePosixPath(name.casefold()).suffix in IMAGES
        parts.append(Media("图片", "", local) if image else Media("文件", name))
    for embed in item.get("embeds") or []:
        if isinstance(embed, dict) and embed.get("url"):
            parts.append(Link(text_of(embed.get("title")), text_of(embed["url"])))
    for sticker in item.get("stickers") or []:
        if isinstance(sticker, dict):
            parts.append(Media("表情", text_of(sticker.get("name"))))
    return parts
