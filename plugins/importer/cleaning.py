"""Drop what the chat app wrote rather than a person: system lines and media placeholders.

Each dropped line is counted by kind for the report. Patterns are anchored to
whole lines and to the wording the apps use (``"张三" 拍了拍 "李四"``), so a
person writing "他拍了拍我的肩膀" keeps the sentence.
"""

from __future__ import annotations

import re
from collections import Counter

from .messages import Message

SYSTEM_SENDERS = frozenset({"10000", "1000000", "系统消息", "系统提示"})
_QUOTED = r"(?:\"[^\"]{1,40}\"|“[^”]{1,40}”|我|你)"
SYSTEM_LINES: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "joined the group",
        re.compile(
            r"^(?!欢迎)(?:.{1,60}?(?:加入了?本群|加入了?群聊|已加入群聊|已加入该群)"
            rf"|{_QUOTED}\s*(?:通过扫描.{{0,30}}二维码|邀请.{{1,80}})加入了?群聊.*)[。.!！]?$"
        ),
    ),
    (
        "left the group",
        re.compile(
            r"^.{1,80}?(?:退出了群聊|退出了本群|已退出该群|已退群|被移出(?:了)?(?:群聊|本群)"
            r"|移出了群聊|被管理员移出.*)[。.!！]?$"
        ),
    ),
    (
        "recalled a message",
        re.compile(r"^.{0,60}?撤回了一条(?:成员的)?消息[。.]?(?:\s*重新编辑)?$"),
    ),
    (
        "red packet",
        re.compile(
            r"^(?:\[(?:QQ|微信)?红包\].*|.{1,60}?领取了.{0,60}?红包[。.!！]?|你的红包已被领完.*"
            r"|.{0,40}发了一个红包.*)$"
        ),
    ),
    (
        "pat-pat",
        re.compile(rf"^{_QUOTED}\s*(?:拍了拍|戳了戳)\s*{_QUOTED}\s*(?:的.{{0,20}})?[。.!！]?$"),
    ),
    (
        "other system line",
        re.compile(
            r"^(?:.{1,60}?(?:修改了?群名称?为?.*|开启了全员禁言|关闭了全员禁言|被(?:管理员)?禁言.{0,20}"
            r"|被解除禁言|成为(?:了)?(?:新)?(?:群主|管理员))|[-—=\s]*以下是新消息[-—=\s]*"
            r"|.{1,60}?已成为新群主|.{1,60}?与群里其他人都不是(?:微信)?朋友关系.*)[。.!！]?$"
        ),
    ),
)
# every system line holds one of these: most lines skip the patterns after one search
KEYWORDS = re.compile(r"群|撤回|红包|拍了拍|戳了戳|禁言|新消息|管理员|朋友关系")
MEDIA_NAMES = "图片|表情|动画表情|语音|视频|文件|链接|位置|名片|小程序|聊天记录|音乐|闪照"
# what a reader misses without: always shown as a placeholder (pictures need --keep-media)
VISIBLE = frozenset({"语音", "视频", "文件", "链接", "位置", "名片", "小程序", "聊天记录", "音乐",
                     "通话", "音频", "视频号", "卡片"})  # fmt: skip
MEDIA = re.compile(rf"\[(?P<kind>{MEDIA_NAMES})\](?:\s*\d+(?:''|\"|″|秒))?")


def system_kind(text: str) -> str | None:
    """The kind of system line ``text`` is, or None for a person's words."""
    if not KEYWORDS.search(text):
        return None
    for kind, pattern in SYSTEM_LINES:
        if pattern.match(text):
            return kind
    return None


class Cleaner:
    """Cleans messages one by one and counts what it dropped (or marked) by kind."""

    def __init__(self, keep_media: bool) -> None:
        self.keep_media = keep_media
        self.dropped: Counter[str] = Counter()
        self.media: Counter[str] = Counter()  # pictures and stickers: dropped or markers
        self.shown: Counter[str] = Counter()  # voice, video, files …: always placeholders

    def absorb(self, other: Cleaner) -> None:
        """Add what ``other`` counted (one message's cleaning) and clear it."""
        for mine, seen in (
            (self.dropped, other.dropped),
            (self.media, other.media),
            (self.shown, other.shown),
        ):
            if seen:
                mine.update(seen)
        other.forget()

    def forget(self) -> None:
        for counts in (self.dropped, self.media, self.shown):
            if counts:
                counts.clear()

    def clean(self, message: Message) -> list[str]:
        """The message's lines worth keeping, stripped; empty when nothing is left."""
        kept: list[str] = []
        from_system = message.sender in SYSTEM_SENDERS or message.name in SYSTEM_SENDERS
        for line in message.lines:
            text = line.strip()
            if not text:
                continue
            kind = system_kind(text)
            if kind is None and from_system:
                kind = "other system line"
            if kind is not None:
                self.dropped[kind] += 1
                continue
            if "[" in text:
                text = MEDIA.sub(self._media, text).strip()
            if text:
                kept.append(text)
        return kept

    def _media(self, match: re.Match[str]) -> str:
        kind = match["kind"]
        if kind in VISIBLE:
            self.shown[kind] += 1
            return f"〔{kind}〕"
        self.media[kind] += 1
        return f"〔{kind}〕" if self.keep_media else ""
