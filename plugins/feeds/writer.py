"""Atom 1.0 and RSS 2.0 from a list of entries, made by feedgen.

One writer per build; it turns each ``Entry`` into a feedgen entry once and
shares it between every feed that lists it. Every string passes ``xml_safe``
here, the one door into feedgen. Each file names a CSS stylesheet, so a
browser shows a readable page instead of raw XML (docs/feeds.md says why CSS
and not XSLT).
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from urllib.parse import urlsplit

from feedgen.entry import FeedEntry
from feedgen.feed import FeedGenerator
from lxml import etree

from qunzhi.hub.store import code_identity, digest

from .entries import Entry
from .xmltext import xml_safe

STYLESHEET = "theme/css/feed.css"
ATOM = "http://www.w3.org/2005/Atom"
GENERATOR = "群志 Qunzhi"


@dataclass(frozen=True)
class FeedInfo:
    """What a feed says about itself; ``path`` is without ``.atom.xml`` / ``.rss.xml``."""

    path: str
    title: str
    subtitle: str
    page_url: str
    podcast: bool = False
    label: str = ""  # the title without the site's name, for the site's own pages

    @property
    def atom_path(self) -> str:
        return f"{self.path}.atom.xml"

    @property
    def rss_path(self) -> str:
        return f"{self.path}.rss.xml"


class FeedWriter:
    """Writes feeds of one site: its base URL, name, language and stylesheet."""

    def __init__(self, settings: dict[str, Any], base: str, now: datetime) -> None:
        self.base = base
        self.site = xml_safe(str(settings.get("SITENAME") or "群志"))
        self.language = str(settings.get("DEFAULT_LANG") or "zh-CN")
        # root-relative: it works wherever the site is served, a local preview too
        prefix = urlsplit(str(settings.get("SITEURL") or "")).path.rstrip("/")
        self.stylesheet = f'type="text/css" href="{prefix}/{STYLESHEET}"'
        self.now = now
        self._entries: dict[tuple[str, bool], FeedEntry] = {}
        self.identity = code_identity(__name__)
        self._digests: dict[int, str] = {}  # entries by id(): one entry is in many feeds

    def key(self, info: FeedInfo, entries: Sequence[Entry]) -> str:
        """What a feed's two documents are made from: the output keeps them under it and the
        next build reuses them when it is the same (``OutputFiles.reuse``)."""
        return digest(
            self.identity,
            self.base,
            self.site,
            self.language,
            self.stylesheet,
            info,
            self._updated(entries),
            [self._digest(entry) for entry in entries],
        )

    def write(self, info: FeedInfo, entries: Sequence[Entry]) -> tuple[bytes, bytes]:
        """The Atom and the RSS document of one feed."""
        return self._write(info, entries, self._updated(entries))

    def _updated(self, entries: Sequence[Entry]) -> datetime:
        # entries are dated no later than now; a feed that says it changed later would lie
        return min(max((entry.updated for entry in entries), default=self.now), self.now)

    def _digest(self, entry: Entry) -> str:
        found = self._digests.get(id(entry))
        if found is None:
            found = self._digests[id(entry)] = digest(entry)
        return found

    def _write(
        self, info: FeedInfo, entries: Sequence[Entry], updated: datetime
    ) -> tuple[bytes, bytes]:
        feed = FeedGenerator()
        feed.load_extension("dc", atom=False, rss=True)
        if info.podcast:
            feed.load_extension("podcast", atom=False, rss=True)
            feed.podcast.itunes_author(self.site)
            feed.podcast.itunes_summary(xml_safe(info.subtitle))
            feed.podcast.itunes_explicit("no")
            feed.podcast.itunes_category("Society & Culture")
        atom_url, rss_url = self.base + info.atom_path, self.base + info.rss_path
        feed.id(atom_url)
        feed.title(xml_safe(info.title))
        feed.subtitle(xml_safe(info.subtitle))
        feed.author({"name": self.site})
        feed.language(self.language)
        feed.generator(GENERATOR)
        feed.updated(updated)
        feed.lastBuildDate(updated)
        for entry in entries:
            feed.add_entry(self._feed_entry(entry, info.podcast), order="append")
        page = {"href": self.base + info.page_url, "rel": "alternate", "type": "text/html"}
        # feedgen takes RSS's <link> from the last link: the page, after self
        feed.link([{"href": atom_url, "rel": "self"}, page], replace=True)
        atom = self._document(feed._create_atom()[0], entries)
        feed.link([{"href": rss_url, "rel": "self"}, page], replace=True)
        rss = self._document(feed._create_rss()[0], ())
        return atom, rss

    def _document(self, root: etree._Element, entries: Sequence[Entry]) -> bytes:
        """Serialise feedgen's tree with the stylesheet and whole Atom links.

        ``atom_str()`` and ``rss_str()`` are ``tostring`` of these trees; taking the
        tree first saves parsing the output again (a third of the writing time).
        """
        _entry_links(root, entries)
        root.addprevious(etree.ProcessingInstruction("xml-stylesheet", self.stylesheet))
        return etree.tostring(root.getroottree(), encoding="UTF-8", xml_declaration=True)

    def _feed_entry(self, entry: Entry, podcast: bool) -> FeedEntry:
        key = (entry.id, podcast, bool(entry.content))  # summary-only kinds share ids
        made = self._entries.get(key)
        if made is None:
            made = self._entries[key] = self._make(entry, podcast)
        return made

    def _make(self, entry: Entry, podcast: bool) -> FeedEntry:
        made = FeedEntry()
        made.load_extension("dc", atom=False, rss=True)
        made.id(entry.id)
        made.title(xml_safe(entry.title))
        made.link(href=entry.link, rel="alternate", type="text/html")
        made.published(entry.published)
        made.updated(entry.updated)
        for author in entry.authors:
            name = xml_safe(author.name)
            made.author({"name": name, **({"uri": author.uri} if author.uri else {})})
            made.dc.dc_creator(name)  # RSS <author> must be an e-mail address
        for category in entry.categories:
            term = xml_safe(category.term)
            scheme = {"scheme": self.base + "tags/"} if category.tag else {}
            made.category(term=term, label=term, **scheme)
        summary = xml_safe(entry.summary)
        if entry.content:
            made.content(xml_safe(entry.content), type="html")  # RSS: content:encoded
        # RSS: description, which readers take for HTML: the plain-text summary escaped (a
        # summary "<img src=x onerror=…>" is text, never an image); Atom says type="html"
        made.summary(html.escape(summary, quote=False), type="html")
        if entry.enclosure is not None:
            made.enclosure(entry.enclosure.url, str(entry.enclosure.length), entry.enclosure.type)
        if podcast:
            made.load_extension("podcast", atom=False, rss=True)
            made.podcast.itunes_summary(summary)
            if entry.authors:
                made.podcast.itunes_author(xml_safe(entry.authors[0].name))
            if entry.enclosure is not None and entry.enclosure.seconds:
                made.podcast.itunes_duration(str(entry.enclosure.seconds))
        return made


def _entry_links(feed: etree._Element, entries: Sequence[Entry]) -> None:
    """Give Atom entry links their ``rel``, ``type`` and ``length``.

    feedgen 1.0.0 writes an entry's ``<link>`` with ``href`` only (a loop variable
    is shadowed in ``FeedEntry.atom_entry``), which would make the enclosure a
    second alternate link, something RFC 4287 forbids.
    """
    # feedgen names elements without a namespace and declares Atom's as the default
    for element, entry in zip(feed.iter("entry", f"{{{ATOM}}}entry"), entries, strict=True):
        page, *enclosures = element.iter("link", f"{{{ATOM}}}link")
        page.set("rel", "alternate")
        page.set("type", "text/html")
        if entry.enclosure is not None:
            (link,) = enclosures
            link.set("rel", "enclosure")
            link.set("type", entry.enclosure.type)
            if entry.enclosure.length:
                link.set("length", str(entry.enclosure.length))
