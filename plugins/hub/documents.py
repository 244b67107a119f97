"""The content types of the contract and the documents read from them.

A document's type comes from its top folder; this module says which folders
exist, which keys each type takes, and what a read document holds.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from . import schema
from .schema import Field, When


@dataclass(frozen=True)
class ContentType:
    """One top folder of content/: its document class, keys and URLs."""

    folder: str
    kind: str
    label: str
    fields: dict[str, Field]
    required: tuple[str, ...]
    grouped: bool

    def url(self, slug: str) -> str:
        return f"{self.folder}/{slug}/" if self.folder != "pages" else f"{slug}/"


@dataclass(eq=False)
class Doc:
    """A document read from one Markdown file."""

    type: ContentType
    source: Path
    slug: str
    meta: dict[str, Any]
    lines: dict[str, int]
    body: str
    body_line: int
    content: str = ""
    summary: str = ""
    tags: list[Any] = field(default_factory=list)
    group: Any = None
    editor: Any = None
    images: tuple[Any, ...] = ()  # (src, width, height) of its pictures (images.py)

    @property
    def kind(self) -> str:
        return self.type.kind

    @property
    def title(self) -> str:
        return self.meta.get("title") or self.meta.get("name") or self.slug

    @property
    def status(self) -> str:
        return self.meta.get("status", "published")

    @property
    def published(self) -> bool:
        return self.status == "published"

    @property
    def when(self) -> When | None:
        return self.meta.get("date")

    @property
    def date(self) -> Any:
        return self.when.at if self.when else None

    @property
    def url(self) -> str:
        return self.type.url(self.slug)

    @property
    def save_as(self) -> str:
        return f"{self.url}index.html"

    def line(self, key: str) -> int:
        return self.lines.get(key, 1)


@dataclass(eq=False)
class Transcript(Doc):
    host: Any = None
    speakers: list[Any] = field(default_factory=list)
    turns: list[Any] = field(default_factory=list)
    quotes: list[Any] = field(default_factory=list)
    sections: list[Any] = field(default_factory=list)
    speaker_stats: list[Any] = field(default_factory=list)


@dataclass(eq=False)
class Event(Doc):
    host: Any = None
    speakers: list[Any] = field(default_factory=list)
    quotes: list[Any] = field(default_factory=list)
    upcoming: bool = False

    @property
    def end(self) -> Any:
        end = self.meta.get("end")
        return end.at if end else None


@dataclass(eq=False)
class RuleSet(Doc):
    rule_count: int = 0

    @property
    def when(self) -> When | None:
        return self.meta.get("date") or self.meta.get("effective")


@dataclass(eq=False)
class Member(Doc):
    hosted: list[Any] = field(default_factory=list)
    spoke: list[Any] = field(default_factory=list)
    quotes: list[Any] = field(default_factory=list)
    events: list[Any] = field(default_factory=list)
    edited: list[Any] = field(default_factory=list)

    @cached_property
    def id(self) -> str:
        return self.source.stem  # asked for on every turn a member speaks: computed once

    @property
    def name(self) -> str:
        return self.meta["name"]

    @property
    def title(self) -> str:
        """A member's headline is the name; ``meta["title"]`` is the job title."""
        return self.meta["name"]

    @property
    def aliases(self) -> list[str]:
        return self.meta.get("aliases", [])

    @property
    def role(self) -> str:
        return self.meta.get("role", "member")

    @property
    def when(self) -> When | None:
        return self.meta.get("joined")


@dataclass(eq=False)
class Page(Doc):
    pass


@dataclass(eq=False)
class DigestNote(Doc):
    """An editor's note for a week or month (the file name); the digests feature renders it."""


TYPES: dict[str, tuple[ContentType, type[Doc]]] = {
    "transcripts": (
        ContentType(
            "transcripts",
            "transcript",
            "分享实录",
            schema.fields_of(schema.TRANSCRIPT),
            ("title", "date"),
            True,
        ),
        Transcript,
    ),
    "events": (
        ContentType(
            "events", "event", "活动", schema.fields_of(schema.EVENT), ("title", "date"), True
        ),
        Event,
    ),
    "rules": (
        ContentType("rules", "rule", "群规", schema.fields_of(schema.RULES), ("title",), True),
        RuleSet,
    ),
    "members": (
        ContentType(
            "members",
            "member",
            "成员",
            schema.fields_of(schema.MEMBER, without=("date", "slug")),
            ("name",),
            False,
        ),
        Member,
    ),
    "digests": (
        ContentType(
            "digests", "digest", "摘要", schema.fields_of(schema.DIGEST, common=False), (), False
        ),
        DigestNote,
    ),
    "pages": (
        ContentType("pages", "page", "页面", schema.fields_of(()), ("title",), False),
        Page,
    ),
}
STATIC_FOLDERS = ("images",)
LISTED_TYPES = ("transcripts", "events", "rules")
