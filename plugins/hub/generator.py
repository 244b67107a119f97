"""The Pelican generator of the hub: reads the hub in ``generate_context`` and
writes its pages, ``events.ics`` and ``sitemap.xml`` in ``generate_output``.

Content problems are printed one line each and raised before anything is
written, so a failed build writes nothing.
"""

from __future__ import annotations

import logging
from datetime import datetime
from pathlib import Path
from typing import Any

from pelican.generators import Generator

from .calendar import events_calendar
from .documents import TYPES
from .errors import Diagnostics
from .hub import load_hub
from .pages import write_pages
from .schema import When
from .sitemap import sitemap

logger = logging.getLogger(__name__)

ROLE_LABELS = {"owner": "群主", "admin": "管理员", "guest": "嘉宾", "member": "成员"}
KIND_LABELS = {content_type.kind: content_type.label for content_type, _ in TYPES.values()}
WEEKDAYS = "一二三四五六日"
PLATFORM_LABELS = {"wechat": "微信", "qq": "QQ", "offline": "线下", "online": "线上"}


def cn_date(value: When | datetime | None, time: bool | None = None) -> str:
    """``2016年3月12日 19:00``; the time only when the source gave one."""
    if value is None:
        return ""
    moment = value.at if isinstance(value, When) else value
    show_time = value.has_time if isinstance(value, When) and time is None else bool(time)
    text = f"{moment.year}年{moment.month}月{moment.day}日"
    return f"{text} {moment:%H:%M}" if show_time else text


def iso(value: When | datetime) -> str:
    moment = value.at if isinstance(value, When) else value
    return (
        moment.isoformat()
        if not isinstance(value, When) or value.has_time
        else f"{moment:%Y-%m-%d}"
    )


def weekday(value: When | datetime) -> str:
    moment = value.at if isinstance(value, When) else value
    return f"周{WEEKDAYS[moment.weekday()]}"


def duration(seconds: int) -> str:
    hours, rest = divmod(int(seconds), 3600)
    minutes = rest // 60
    return f"{hours}小时{minutes}分钟" if hours else f"{minutes}分钟"


class HubGenerator(Generator):
    """Reads and writes everything under content/ but images/ (Pelican copies those)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.env.filters.update(
            cn_date=cn_date,
            iso=iso,
            weekday=weekday,
            duration=duration,
            role_label=lambda role: ROLE_LABELS.get(role, role),
            kind_label=lambda kind: KIND_LABELS.get(kind, kind),
            place=lambda word: PLATFORM_LABELS.get(str(word).lower(), word),
        )
        self.hub = None

    def generate_context(self) -> None:
        diagnostics = Diagnostics(strict=bool(self.settings.get("HUB_STRICT")))
        self.hub = load_hub(self.settings, diagnostics)
        diagnostics.report()
        diagnostics.raise_if_failed()
        self.context["hub"] = self.hub

    def generate_output(self, writer: Any) -> None:
        written: list[tuple[str, str | None]] = []

        def write(save_as: str, template: str, page_url: str, **variables: Any) -> None:
            writer.write_file(
                save_as,
                self.get_template(template.removesuffix(".html")),
                self.context,
                page_url=page_url,
                **variables,
            )
            if save_as != "404.html":
                doc = variables.get("doc")
                written.append((page_url, f"{doc.date:%Y-%m-%d}" if doc and doc.date else None))

        write_pages(self.hub, write)
        output = Path(self.output_path)
        (output / "events.ics").write_bytes(events_calendar(self.hub))
        siteurl = str(self.settings.get("SITEURL") or "")
        if siteurl.startswith(("http://", "https://")):
            (output / "sitemap.xml").write_bytes(sitemap(siteurl, written))
        else:
            logger.info("hub: no sitemap.xml, SITEURL is not absolute (%r)", siteurl)
