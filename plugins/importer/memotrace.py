"""MemoTrace (留痕, once WeChatMsg) CSV: one row a message, WeChat's own type numbers.

Columns ``localId, TalkerId, Type, SubType, IsSender, CreateTime, Status,
StrContent, StrTime, Remark, NickName, Sender``: ``Type`` 1 text, 3 image, 34
voice, 43 video, 47 sticker, 48 location, 49 app message (``SubType`` 5 link,
6 file, 19 merged forward, 57 reply), 10000 system. The speaker is ``Remark``
when set, else ``NickName``; ``Sender`` (else ``TalkerId``) is the account.
"""

from __future__ import annotations

import csv
import io
import re
from datetime import tzinfo

from .cleaning import system_kind
from .jsonstream import moment
from .messages import Forward, Link, Media, Message, Parsed
from .source import problem

REQUIRED = ("Type", "StrContent", "NickName")
TIMES = ("CreateTime", "StrTime")
MEDIA_TYPES = {3: "图片", 34: "语音", 43: "视频", 47: "表情", 48: "位置", 42: "名片", 50: "通话"}
URL_IN = re.compile(r"https?://\S+")


def looks_like(first_line: str) -> bool:
    return all(column in first_line for column in ("StrContent", "StrTime", "Type"))


def parse(path: str, text: str, zone: tzinfo) -> Parsed:
    rows = csv.reader(io.StringIO(text, newline=""))
    header = next(rows, [])
    missing = [name for name in REQUIRED if name not in header]
    if missing or not any(name in header for name in TIMES):
        wanted = ", ".join([*REQUIRED, "CreateTime or StrTime"])
        raise problem(
            path,
            f"line 1: expected a MemoTrace CSV with columns {wanted}, found "
            f"{', '.join(header[:12]) or 'no header'}",
        )
    column = {name: index for index, name in enumerate(header)}
    parsed = Parsed("memotrace")
    for number, row in enumerate(rows, 2):
        if not any(cell.strip() for cell in row):
            continue
        if len(row) < len(header):
            raise problem(path, f"line {number}: expected {len(header)} columns, found {len(row)}")

        def cell(name: str, row: list[str] = row) -> str:
            return row[column[name]].strip() if name in column else ""

        at = moment(cell("StrTime"), zone) or moment(cell("CreateTime"), zone)
        if at is None:
            raise problem(
                path,
                f"line {number}: StrTime: expected a time like 2016-01-03 20:00:12, "
                f"found {cell('StrTime')!r}",
            )
        name = cell("Remark") or cell("NickName")
        message = Message(name, number, at=at, ident=cell("Sender") or cell("TalkerId") or None)
        _fill(message, cell("Type"), cell("SubType"), cell("StrContent"))
        parsed.messages.append(message)  # type: ignore[attr-defined]
    return parsed


def _fill(message: Message, kind_text: str, sub_text: str, content: str) -> None:
    kind = int(kind_text) if kind_text.isdigit() else 1
    sub = int(sub_text) if sub_text.isdigit() else 0
    if kind in (10000, 10002):
        message.system = system_kind(content) or "other system line"
    elif kind in MEDIA_TYPES:
        message.parts.append(Media(MEDIA_TYPES[kind]))
    elif kind == 49 and sub in (5, 33, 36):
        found = URL_IN.search(content)
        title = URL_IN.sub("", content).strip()
        message.parts.append(Link(title, found.group()) if found else Media("链接", title))
    elif kind == 49 and sub == 6:
        message.parts.append(Media("文件", content))
    elif kind == 49 and sub == 19:
        message.parts.append(Forward(content))
    else:
        message.lines = content.split("\n") if content else []
