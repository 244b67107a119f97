"""EchoTrace's and WeFlow's WeChat JSON: ``session`` and ``messages`` (WeFlow adds ``weflow``).

``{"session": {"wxid", "nickname", "remark", "displayName", "type": "群聊"}, "messages":
[{"localId", "createTime" (Unix seconds), "formattedTime", "type": "文本消息", "content",
"isSend" (null for the system), "senderUsername", "senderDisplayName"}]}``. The
message type is a Chinese word (文本消息, 图片消息, 引用消息, 聊天记录合并转发 …).
"""

from __future__ import annotations

import re
from datetime import tzinfo
from typing import Any

from .cleaning import system_kind
from .jsonstream import Reader, each, moment, part, text_of
from .messages import Forward, Link, Media, Message, Parsed

MEDIA_TYPES = {
    "图片消息": "图片",
    "语音消息": "语音",
    "视频消息": "视频",
    "文件消息": "文件",
    "动画表情": "表情",
    "名片消息": "名片",
    "位置消息": "位置",
    "小程序分享": "小程序",
    "视频号直播卡片": "视频号",
    "音视频通话": "通话",
}
LINK_TYPES = frozenset({"卡片式链接", "图文消息", "链接消息"})
SYSTEM_TYPES = {"系统消息": None, "红包卡片": "red packet", "转账卡片": "red packet",
                "拍一拍": "pat-pat", "撤回消息": "recalled a message"}  # fmt: skip
URL_IN = re.compile(r"https?://\S+")


def parse(reader: Reader, zone: tzinfo) -> Parsed:
    head = reader.head({"session", "weflow"})
    session = part(head, "session")
    chat = text_of(session.get("displayName") or session.get("remark") or session.get("nickname"))
    parsed = Parsed("echotrace", chat=chat or None)
    parsed.messages = each(reader, parsed, lambda item, number: _message(item, number, zone))
    return parsed


def _message(item: dict[str, Any], number: int, zone: tzinfo) -> Message | None:
    at = moment(item.get("createTime"), zone) or moment(item.get("formattedTime"), zone)
    if at is None:
        return None
    name = text_of(item.get("senderDisplayName")) or text_of(item.get("senderUsername"))
    message = Message(name, number, at=at, ident=text_of(item.get("senderUsername")) or None)
    _fill(message, text_of(item.get("type")), text_of(item.get("content")).strip(), item)
    return message


def _fill(message: Message, kind: str, content: str, item: dict[str, Any]) -> None:
    if kind in SYSTEM_TYPES or item.get("isSend", 0) is None:
        message.system = SYSTEM_TYPES.get(kind) or system_kind(content) or "other system line"
    elif kind in MEDIA_TYPES:
        label = content if kind in ("文件消息", "位置消息", "小程序分享", "名片消息") else ""
        message.parts.append(Media(MEDIA_TYPES[kind], label))
    elif kind in LINK_TYPES:
        found = URL_IN.search(content)
        title = URL_IN.sub("", content).strip()
        message.parts.append(Link(title, found.group()) if found else Media("链接", title))
    elif kind == "聊天记录合并转发":
        title, *rows = content.split("\n")
        message.parts.append(Forward(title.strip(), [_row(row) for row in rows if row.strip()]))
    else:  # 文本消息, 引用消息 (its own words) and kinds not listed
        message.lines = content.split("\n") if content else []


def _row(row: str) -> tuple[str, str]:
    """``昵称: 文本`` of a forward's summary line, or the line alone."""
    name, colon, text = row.strip().partition(":")
    if not colon:
        name, colon, text = row.strip().partition("：")
    return (name.strip(), text.strip()) if colon and len(name) <= 20 else ("", row.strip())
