"""Feed entries: what a reader sees of one item, whatever made it.

An ``Entry`` is plain data (id, title, link, times, people, tags, HTML,
summary, enclosure); the writer turns any list of them into Atom and RSS. This
module makes entries from hub documents; digests make theirs the same way.

Entry ids are tag URIs (RFC 4151) built from the host of SITEURL, the day the
document was first published and the file's identity, so editing a title or a
``slug`` never changes them (docs/feeds.md says which edits do).

No entry is dated after the build's "now" (``hub.now``): an upcoming event's
announcement, or a rule set that takes effect next month, is dated ``now``, the
latest moment the build can vouch for, never its future date (docs/feeds.md).
"""

from __future__ import annotations

import mimetypes
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any
from urllib.parse import quote, urljoin, urlsplit

import lxml.html

from qunzhi.hub.documents import Doc, Event, Member, RuleSet, Transcript
from qunzhi.hub.reader import DATE_PREFIX
from qunzhi.hub.store import Step, digest

from .links import absolute_html

FEED_KINDS_OF_DOCS = ("transcript", "event", "rule", "member")


@dataclass(frozen=True)
class Author:
    name: str
    uri: str | None = None


@dataclass(frozen=True)
class Category:
    term: str
    tag: bool = True  # a tag is in the scheme SITEURL/tags/; a digest's topic has none


@dataclass(frozen=True)
class Enclosure:
    url: str
    length: int
    type: str
    seconds: int | None = None  # itunes:duration


@dataclass
class Entry:
    """One item of a feed, ready to write: every URL absolute, every time zoned."""

    id: str
    title: str
    link: str
    published: datetime
    updated: datetime
    summary: str
    content: str = ""  # full HTML; empty when feeds carry summaries only
    authors: list[Author] = field(default_factory=list)
    categories: list[Category] = field(default_factory=list)
    enclosure: Enclosure | None = None


def feedable(doc: Doc) -> bool:
    """Dated transcripts, events and rule sets, and members with a ``joined`` date."""
    return doc.kind in FEED_KINDS_OF_DOCS and doc.published and doc.date is not None


def identity(doc: Doc) -> str:
    """What an entry id keeps of the file: ``feed_id``, else the name without its date."""
    return DATE_PREFIX.sub("", doc.meta.get("feed_id") or doc.source.stem)


def entry_id(doc: Doc, host: str) -> str:
    """``tag:HOST,YYYY-MM-DD:FOLDER/IDENTITY``; a rule set's version is news: ``…/vVERSION``."""
    specific = f"{doc.type.folder}/{identity(doc)}"
    if isinstance(doc, RuleSet) and doc.meta.get("version"):
        specific += f"/v{doc.meta['version']}"
    return f"tag:{host},{doc.date:%Y-%m-%d}:{quote(specific, safe='/-._~')}"


class EntryMaker:
    """Entries of one build, made once per document and shared by every feed."""

    def __init__(
        self, settings: dict[str, Any], base: str, now: datetime, kept: Step | None = None
    ) -> None:
        self.base = base
        self.kept = kept or Step(None, "")  # absolute HTML by (HTML, link) digest
        self.now = now  # hub.now: no entry is dated later
        self.host = urlsplit(base).hostname or "localhost"
        self.full = settings["HUB_FEED_CONTENT"] == "full"
        self.content_path = Path(settings["PATH"])
        self._made: dict[int, Entry] = {}

    def url(self, relative: str) -> str:
        return urljoin(self.base, relative)

    def entry(self, doc: Doc) -> Entry:
        made = self._made.get(id(doc))
        if made is None:
            made = self._made[id(doc)] = self._make(doc)
        return made

    def published(self, doc: Doc) -> datetime:
        """When the feed says ``doc`` came out: its date, or now if that is later."""
        return min(doc.date, self.now)

    def _make(self, doc: Doc) -> Entry:
        link = self.url(doc.url)
        return Entry(
            id=entry_id(doc, self.host),
            title=_title(doc),
            link=link,
            published=self.published(doc),
            updated=min(_updated(doc), self.now),
            summary=doc.summary,
            content=self._absolute(_intro(doc) + str(doc.content), link) if self.full else "",
            authors=self._authors(doc),
            categories=[Category(tag.name) for tag in doc.tags],
            enclosure=self._enclosure(doc) if isinstance(doc, Transcript) else None,
        )

    def _absolute(self, markup: str, link: str) -> str:
        key = digest(markup, link)
        found = self.kept.get(key)
        if found is None:
            found = absolute_html(markup, link)
            self.kept.put(key, found)
        return found

    def _authors(self, doc: Doc) -> list[Author]:
        if isinstance(doc, Member):
            return [Author(doc.name, self.url(doc.url))]
        people = [doc.host, *doc.speakers] if isinstance(doc, Transcript | Event) else []
        if not any(people) and doc.editor is not None:
            people = [doc.editor]
        unique = {person.key: person for person in people if person is not None}
        return [
            Author(person.name, self.url(person.url) if person.url else None)
            for person in unique.values()
        ]

    def _enclosure(self, doc: Transcript) -> Enclosure | None:
        audio = doc.meta.get("audio")
        if not audio:
            return None
        url = self.url(audio)
        kind = mimetypes.guess_type(urlsplit(url).path)[0] or "audio/mpeg"
        return Enclosure(url, _local_size(self.content_path, audio), kind, doc.meta.get("duration"))


def _title(doc: Doc) -> str:
    if isinstance(doc, Member):
        return f"新成员：{doc.name}"
    if isinstance(doc, RuleSet) and doc.meta.get("version"):
        return f"{doc.title}（第 {doc.meta['version']} 版）"
    return doc.title


def _updated(doc: Doc) -> datetime:
    """A past event's recap is written after it ends; everything else is as published."""
    if isinstance(doc, Event) and not doc.upcoming and doc.end is not None:
        return max(doc.end, doc.date)
    return doc.date


def _intro(doc: Doc) -> str:
    """A rule set's note for its current version, written in ``history``, heads the entry."""
    if not isinstance(doc, RuleSet):
        return ""
    version = doc.meta.get("version")
    for change in doc.meta.get("history", []):
        if change["version"] == version and change.get("note"):
            paragraph = lxml.html.Element("p")
            paragraph.text = f"本版修订：{change['note']}"
            return lxml.html.tostring(paragraph, encoding="unicode")
    return ""


def _local_size(content: Path, audio: str) -> int:
    """Bytes of a recording kept with the content (``/images/x.mp3``), else 0.

    RSS requires a length; for a recording elsewhere it is unknown without a
    download, and the RSS Best Practices Profile asks for 0 then.
    """
    if not audio.startswith("/") or audio.startswith("//"):
        return 0
    path = content / audio.lstrip("/")
    return path.stat().st_size if path.is_file() else 0
