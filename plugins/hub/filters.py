"""Jinja filters of the theme: Chinese dates, labels and durations.

Every generator that renders theme templates (the hub's pages, digests) and the
commands that render outside a build use the same ones.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from datetime import datetime
from functools import lru_cache
from pathlib import Path
from typing import Any

from . import sharing
from .documents import TYPES
from .schema import When

ROLE_LABELS = {"owner": "群主", "admin": "管理员", "guest": "嘉宾", "member": "成员"}
KIND_LABELS = {content_type.kind: content_type.label for content_type, _ in TYPES.values()}
WEEKDAYS = "一二三四五六日"
PLATFORM_LABELS = {"wechat": "微信", "qq": "QQ", "offline": "线下", "online": "线上"}
# keys of a member's `contact` map as readers see them
CONTACT_LABELS = {
    "email": "邮箱",
    "mail": "邮箱",
    "wechat": "微信",
    "weixin": "微信",
    "phone": "电话",
    "mobile": "手机",
    "tel": "电话",
    "qq": "QQ",
    "weibo": "微博",
}


def cn_date(value: When | datetime | None, time: bool | None = None) -> str:
    """``2016年3月12日 19:00``; the time only when the source gave one."""
    if value is None:
        return ""
    moment = value.at if isinstance(value, When) else value
    show_time = value.has_time if isinstance(value, When) and time is None else bool(time)
    text = f"{moment.year}年{moment.month}月{moment.day}日"
    return f"{text} {moment:%H:%M}" if show_time else text


def iso(value: When | datetime) -> str:
    """HTML's date or date-time: at most milliseconds (``23:59:59.999``), as validators want."""
    moment = value.at if isinstance(value, When) else value
    if isinstance(value, When) and not value.has_time:
        return f"{moment:%Y-%m-%d}"
    return moment.isoformat(timespec="milliseconds" if moment.microsecond else "auto")


def asset(path: str, theme: str, siteurl: str) -> str:
    """A theme file's URL with a digest of its bytes: a new version is a new URL, so
    browsers and CDNs may keep each one for ever."""
    file = Path(theme) / "static" / path
    status = file.stat()
    return f"{siteurl}/theme/{path}?v={_version(file, status.st_size, status.st_mtime_ns)}"


@lru_cache(maxsize=256)
def _version(file: Path, size: int, modified: int) -> str:
    """A file's digest, read once while its size and time stay (every page asks for the
    same few; ``serve --watch`` sees an edited one)."""
    return hashlib.blake2b(file.read_bytes(), digest_size=5).hexdigest()


def weekday(value: When | datetime) -> str:
    moment = value.at if isinstance(value, When) else value
    return f"周{WEEKDAYS[moment.weekday()]}"


def duration(seconds: int) -> str:
    hours, rest = divmod(int(seconds), 3600)
    minutes = rest // 60
    return f"{hours}小时{minutes}分钟" if hours else f"{minutes}分钟"


FILTERS: dict[str, Callable[..., Any]] = {
    "cn_date": cn_date,
    "iso": iso,
    "weekday": weekday,
    "duration": duration,
    "role_label": lambda role: ROLE_LABELS.get(role, role),
    "kind_label": lambda kind: KIND_LABELS.get(kind, kind),
    "place": lambda word: PLATFORM_LABELS.get(str(word).lower(), word),
    "contact_label": lambda key: CONTACT_LABELS.get(str(key).lower(), key),
    "asset": asset,
    "trail": sharing.trail,
    "json_ld": sharing.json_ld,
    "breadcrumb_list": sharing.breadcrumb_list,
    "structured": sharing.structured,
    "card_path": sharing.card_path,
}
