"""Message kinds as the draft shows them: replies, merged forwards, links, media, mentions.

A reply becomes a short quoted line with its speaker (``〔回复 李小红「…」〕``),
never a blockquote: a blockquote in a transcript is a highlighted quote of
the turn's speaker. A merged forward becomes an indented list under its
title; a link or card a Markdown link with its title (http and https only);
voice, video and files visible placeholders. Pictures are placeholders too,
or, with ``--keep-media``, images under ``content/images/``.
"""

from __future__ import annotations

import re
from collections import OrderedDict
from collections.abc import Callable

from .messages import Forward, Link, Media, Part, Reply

SHORT = 30  # characters of a replied-to message shown in the reply line
KEPT = 200  # characters of each recent message kept, to mask before shortening
WEB = re.compile(r"^https?://[^\s<>\"]+$", re.IGNORECASE)
LINK_TEXT = re.compile(r"([\[\]\\])")


def short(text: str, limit: int = SHORT) -> str:
    """One line of at most ``limit`` characters, … when cut."""
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def markdown_link(title: str, url: str) -> str:
    """``[title](url)`` for a web address; anything else stays visible text."""
    title = " ".join(title.split()) or url
    if not WEB.match(url):
        return title if title == url else f"{title} {url}"
    escaped = LINK_TEXT.sub(r"\\\1", title)
    return f"[{escaped}]({url.replace(')', '%29')})"


def render(
    part: Part,
    rename: Callable[[str], str],
    image: Callable[[Media], str | None],
    mask: Callable[[str], str],
) -> list[str]:
    """A part's Markdown lines; ``rename`` gives a speaker's name in the draft.

    Quoted text is masked before it is shortened: a number cut in half would no
    longer look like one, and half a phone number would be left.
    """
    if isinstance(part, Reply):
        said = short(mask(part.text)) or "…"
        return [f"〔回复 {rename(part.name)}「{said}」〕" if part.name else f"〔回复「{said}」〕"]
    if isinstance(part, Forward):
        rows = [
            f"- {rename(name)}：{short(mask(text), 200)}" if name else f"- {short(mask(text), 200)}"
            for name, text in part.items
            if text.strip()
        ]
        title = f"〔合并转发：{part.title}〕" if part.title else "〔合并转发〕"
        return [title, "\n".join(rows)] if rows else [title]  # a list needs its own paragraph
    if isinstance(part, Link):
        return [markdown_link(part.title, part.url)]
    shown = image(part)
    if shown is not None:
        return [shown]
    return [f"〔{part.kind}：{part.label}〕" if part.label else f"〔{part.kind}〕"]


class Recent:
    """The last messages by id, so a reply can say what it answers in bounded memory."""

    def __init__(self, keep: int = 20000) -> None:
        self.keep = keep
        self._said: OrderedDict[str, tuple[str, str]] = OrderedDict()

    def add(self, ident: object, name: str, text: str) -> None:
        if ident is None or ident == "":
            return
        self._said[str(ident)] = (name, text[:KEPT])  # shortened once masked
        if len(self._said) > self.keep:
            self._said.popitem(last=False)

    def reply(self, ident: object) -> Reply | None:
        found = self._said.get(str(ident)) if ident not in (None, "") else None
        return Reply(*found) if found else None
