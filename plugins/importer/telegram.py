"""Telegram Desktop's chat export as JSON (``result.json`` of one chat).

``{"name", "type": "private_supergroup", "id", "messages": [{"id", "type": "message" |
"service", "date": "2016-01-03T20:00:12", "date_unixtime": "1451822412", "from",
"from_id", "reply_to_message_id"?, "forwarded_from"?, "photo"?, "file"?, "media_type"?,
"text": "…" or ["…", {"type": "link" | "text_link" | "mention" …, "text", "href"?}]}]}``.
"""

from __future__ import annotations

from datetime import tzinfo
from typing import Any

from .jsonstream import Reader, each, moment, text_of
from .kinds import Recent, markdown_link
from .messages import Forward, Media, Message, Parsed

MEDIA_TYPES = {
    "voice_message": "语音",
    "audio_file": "音频",
    "video_file": "视频",
    "video_message": "视频",
    "animation": "动画表情",
    "sticker": "表情",
}
ACTIONS = {
    "invite_members": "joined the group",
    "join_group_by_link": "joined the group",
    "join_group_by_request": "joined the group",
    "remove_members": "left the group",
}


def parse(reader: Reader, zone: tzinfo) -> Parsed:
    head = reader.head({"name", "type"})
    parsed = Parsed("telegram", chat=text_of(head.get("name")) or None)
    recent = Recent()
    parsed.messages = each(reader, parsed, lambda item, n: _message(item, n, zone, recent))
    return parsed


def _message(item: dict[str, Any], number: int, zone: tzinfo, recent: Recent) -> Message | None:
    at = moment(item.get("date_unixtime"), zone) or moment(item.get("date"), zone)
    if at is None:
        return None
    name = text_of(item.get("from") or item.get("actor"))
    message = Message(name, number, at=at, ident=text_of(item.get("from_id")) or None)
    text, mentions = _text(item.get("text"))
    message.mentions = tuple(mentions)
    if item.get("type") == "service":
        message.system = ACTIONS.get(text_of(item.get("action")), "other system line")
        return message
    answered = recent.reply(item.get("reply_to_message_id"))
    if answered is not None:
        message.parts.append(answered)
    recent.add(item.get("id"), name, text)
    message.parts += _media(item)
    if item.get("forwarded_from"):
        source = text_of(item["forwarded_from"])
        message.parts.append(Forward(f"转发自 {source}", [(source, text)]))
    else:
        message.lines = text.split("\n") if text else []
    return message


def _text(value: Any) -> tuple[str, list[str]]:
    """Plain text with links as Markdown links, and the names @-mentioned."""
    if not isinstance(value, list):
        return text_of(value).strip(), []
    out: list[str] = []
    mentions: list[str] = []
    for piece in value:
        if not isinstance(piece, dict):
            out.append(text_of(piece))
            continue
        kind, text = piece.get("type"), text_of(piece.get("text"))
        if kind == "text_link":
            out.append(markdown_link(text, text_of(piece.get("href"))))
        elif kind == "link":
            out.append(markdown_link(text, text))
        elif kind in ("mention", "mention_name"):
            name = text.lstrip("@")
            mentions.append(name)
            out.append(f"@{name}")
        else:
            out.append(text)
    return "".join(out).strip(), mentions


def _media(item: dict[str, Any]) -> list[Media]:
    if item.get("photo"):
        return [Media("图片", "", text_of(item["photo"]))]
    kind = text_of(item.get("media_type"))
    if kind in MEDIA_TYPES:
        seconds = item.get("duration_seconds")
        label = (
            text_of(item.get("sticker_emoji"))
            if kind == "sticker"
            else f"{seconds} 秒"
            if isinstance(seconds, int) and seconds > 0
            else ""
        )
        return [Media(MEDIA_TYPES[kind], label)]
    if item.get("file"):
        return [Media("文件", text_of(item.get("file_name")) or text_of(item["file"]))]
    return []
