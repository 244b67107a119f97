"""Digests ready to send: self-contained HTML (inline CSS, absolute links) for a
newsletter or a WeChat official-account post, plain text, and Markdown.

The same ``Digest`` feeds the site's page, these renderings and ``qunzhi digest``;
none of them reads anything but the digest, so they are as stable as it is.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from functools import cache

import jinja2
from markupsafe import Markup

from qunzhi.hub.filters import FILTERS, cn_date
from qunzhi.hub.render import plain_text

from .chart import activity_svg
from .gather import Digest
from .rules import RULE_LABELS

BLOCK_END = re.compile(r"</(?:p|li|h[1-6]|blockquote|pre)>")
INLINE_TAG = re.compile(r"</?(?:strong|em|b|i|a|code|span)\b[^>]*>")  # no space for these


def site_link(siteurl: str, url: str) -> str:
    """An absolute link when SITEURL is one, else a site-absolute path."""
    return f"{siteurl.rstrip('/')}/{url}"


def chart_input(digest: Digest) -> tuple[list[tuple[date, int]], str, str]:
    """What a digest's activity chart is drawn from: (day, turns), its title and id."""
    return (
        digest.activity,
        f"{digest.period.title}每日发言段数",
        f"chart-{digest.period.id.lower()}",
    )


def chart(digest: Digest) -> Markup:
    """The activity chart of a digest as inline SVG (safe: made by ``xml.etree``)."""
    return Markup(activity_svg(*chart_input(digest)))


@cache
def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("qunzhi.digests", "templates"),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(FILTERS)
    env.globals["RULE_LABELS"] = RULE_LABELS
    return env


def _render(name: str, digest: Digest, siteurl: str, sitename: str, made: Markup | None) -> str:
    return (
        _environment()
        .get_template(name)
        .render(
            digest=digest,
            chart=chart(digest) if made is None else made,
            link=lambda url: site_link(siteurl, url),
            SITENAME=sitename,
        )
    )


def newsletter_html(digest: Digest, siteurl: str, sitename: str, made: Markup | None = None) -> str:
    """A whole HTML document with inline styles, readable when pasted or mailed alone.
    ``made``: the digest's ``chart`` when the caller has it already."""
    return _render("newsletter.html", digest, siteurl, sitename, made)


def digest_html(digest: Digest, siteurl: str, sitename: str, made: Markup | None = None) -> Markup:
    """The digest as one ``<div>`` with inline styles and absolute links: the content
    of a feed entry, or anything else that embeds a digest in another page."""
    return Markup(_render("digest_body.html", digest, siteurl, sitename, made).strip())


class _Plain:
    """Plain text: headings underlined, links after the words."""

    def __init__(self, link: Callable[[str], str]) -> None:
        self.link = link

    def heading(self, text: str, level: int) -> list[str]:
        return [text, ("=" if level == 1 else "-") * (2 * len(text))]

    def linked(self, text: str, url: str) -> str:
        return f"{text}（{self.link(url)}）"

    def quote(self, text: str, who: str) -> str:
        return f"    “{text}”{f' —— {who}' if who else ''}"

    def note(self, digest: Digest) -> str:
        """The note's paragraphs, list items and headings as plain lines."""
        if digest.note is None:
            return ""
        content = INLINE_TAG.sub("", digest.note.content)
        blocks = (plain_text(block) for block in BLOCK_END.split(content))
        return "\n\n".join(block for block in blocks if block)


class _Markdown(_Plain):
    def heading(self, text: str, level: int) -> list[str]:
        return [f"{'#' * level} {text}"]

    def linked(self, text: str, url: str) -> str:
        return f"[{text}]({self.link(url)})"

    def quote(self, text: str, who: str) -> str:
        return f"  > {text}{f' —— {who}' if who else ''}"

    def note(self, digest: Digest) -> str:
        return digest.note.body.strip() if digest.note else ""


def digest_text(digest: Digest, siteurl: str, markdown: bool = False) -> str:
    """The digest as plain text (``markdown=False``) or Markdown, ending with a newline."""
    style = (_Markdown if markdown else _Plain)(lambda url: site_link(siteurl, url))
    lines = [*style.heading(digest.title, 1), ""]
    span = f"{cn_date(digest.period.start)}—{cn_date(digest.period.last)}"
    lines += [span + ("（本期尚未结束）" if digest.in_progress else ""), ""]
    if digest.note is not None:
        if digest.note_title:
            lines += [*style.heading(digest.note_title, 2), ""]
        lines += [style.note(digest), ""]
    if digest.featured:
        lines += [*style.heading("编辑推荐", 2), ""]
        lines += [f"- {style.linked(doc.title, doc.url)}" for doc in digest.featured] + [""]
    if digest.transcripts:
        lines += [*style.heading("分享实录", 2), ""]
        for item in digest.transcripts:
            doc = item.doc
            mark = "【推荐】" if item.featured else ""
            lines.append(f"- {mark}{style.linked(doc.title, doc.url)}，{cn_date(doc.when)}")
            people = []
            if doc.host is not None:
                people.append(f"主持：{doc.host.name}")
            if doc.speakers:
                people.append(f"嘉宾：{'、'.join(p.name for p in doc.speakers)}")
            if people:
                lines.append(f"  {'；'.join(people)}")
            if doc.summary:
                lines.append(f"  {doc.summary}")
            for quote in item.quotes:
                lines.append(style.quote(quote.text, quote.person.name if quote.person else ""))
        lines.append("")
    for heading, events in (("活动回顾", digest.events_held), ("即将举行", digest.events_upcoming)):
        if events:
            lines += [*style.heading(heading, 2), ""]
            for event in events:
                place = (
                    f"，{FILTERS['place'](event.meta['location'])}"
                    if event.meta.get("location")
                    else ""
                )
                lines.append(
                    f"- {style.linked(event.title, event.url)}，{cn_date(event.when)}{place}"
                )
            lines.append("")
    if digest.rule_changes:
        lines += [*style.heading("群规更新", 2), ""]
        for change in digest.rule_changes:
            version = f"第 {change.version} 版" if change.version else "新版本"
            note = f"：{change.note}" if change.note else ""
            lines.append(f"- {style.linked(change.doc.title, change.doc.url)} {version}{note}")
            lines += [
                f"  {RULE_LABELS[kind]}第{number}条：{text}"
                for kind, number, text in change.entries
            ]
        lines.append("")
    if digest.members:
        lines += [*style.heading("新成员", 2), ""]
        lines += [f"- {style.linked(member.name, member.url)}" for member in digest.members] + [""]
    if digest.speakers:
        lines += [*style.heading("发言最多", 2), ""]
        lines += [f"- {person.name}：{turns} 段" for person, turns in digest.speakers] + [""]
    if digest.topics:
        lines += [*style.heading("本期话题", 2), "", "、".join(digest.topics), ""]
    if digest.turns:
        lines += [*style.heading("每日发言", 2), ""]
        lines += [
            f"- {day.month}月{day.day}日：{turns} 段" for day, turns in digest.activity if turns
        ]
        lines.append("")
    lines.append(f"在网站上阅读：{site_link(siteurl, digest.url)}")
    return "\n".join(lines) + "\n"
