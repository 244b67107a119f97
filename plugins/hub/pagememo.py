"""A document's page kept from the last build when nothing it shows has changed.

Rendering every page again is most of a rebuild after a one-line edit. The page
of a transcript, an event or a plain page shows its own document and, besides,
only what every such page may show: the settings, the theme and the code
(``Fingerprint.engine``), the tags and the feeds (links), and the footer's pages.
Its memo key is a digest of those, of its own file's bytes, and of the files of the
members it shows (host, speakers, editor, who speaks in its turns and quotes: a
member renamed renders again the pages that show them, not every page); for an
event, whether it is still upcoming; its neighbours as ``reading.Around`` shows
them; the sizes of its pictures. The same key means the same bytes, and the output
keeps the file the last build wrote (``OutputFiles.reuse``).

A list (a type's, a group's, a tag's, an archive's pages) is kept the same way,
under what it shows: each document it lists by its file, URL, people and whether it
is upcoming, its other variables as plain data, the feeds it links and its group's
latest digest; so is a member's page, under the member's file and the documents it
lists (hosted, spoken in, quoted from, taken part in, edited). Rule sets and the
other indexes show more of the hub and are always rendered. A page that says itself
what it is made from (a digest's page: the digest's data and its neighbours) passes
that to ``PageWriter`` and is kept the same way.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .documents import Doc, Event, Transcript
from .fingerprint import Fingerprint
from .hub import Group, Hub, Tag
from .members import Person
from .pages import Pager
from .store import digest

KINDS = ("transcript", "event", "page")
UNKNOWN = object()  # a value whose shown form a memo key cannot tell
PAGE_ONLY_FEEDS = ("members", "tags")  # feed kinds (qunzhi.feeds.catalogue.KINDS)


class PageMemo:
    """Memo keys of one build's document pages."""

    def __init__(self, hub: Hub, fingerprint: Fingerprint, feeds: Any, digests: Any) -> None:
        self.root = Path(hub.settings["PATH"])
        self.feeds, self.digests = feeds, digests
        self._docs: dict[int, Any] = {}  # id(doc) -> what lists show of it
        self._files: dict[Path, Any] = {}  # content file -> its digest
        self.content = fingerprint.content
        self.site = digest(
            fingerprint.engine,
            [(tag.name, tag.url) for tag in hub.tags],
            [(page.title, page.url) for page in hub.of_type("pages")],
            # a document's page links the feeds of the site, its type and its group; a
            # member's and a tag's feeds are linked from their own pages only
            [
                (feed.kind, repr(feed.info))
                for feed in feeds.feeds
                if feed.kind not in PAGE_ONLY_FEEDS
            ]
            if feeds is not None
            else None,
        )

    def key(
        self, template: str, page_url: str, variables: dict[str, Any], made_from: Any = None
    ) -> str:
        """The page's memo key, or "" when it depends on more than its own document;
        ``made_from``: what a page shows besides what every page shows, when it says so."""
        if made_from is not None:
            return digest(self.site, template, page_url, made_from)
        if template == "list.html":
            return self._list_key(page_url, variables)
        doc = variables.get("doc")
        if doc is not None and doc.kind == "member" and variables.keys() == {"doc"}:
            return self._member_key(page_url, doc)
        if doc is None or doc.kind not in KINDS or variables.keys() - {"doc", "around"}:
            return ""
        shown = self._shown(doc)
        if shown is UNKNOWN:
            return ""
        made_from = (shown, variables.get("around"), doc.images)
        return digest(self.site, template, page_url, made_from)

    def _member_key(self, page_url: str, member: Any) -> str:
        """A member's page shows the member and what they hosted, spoke in, said, took
        part in and edited, each document as a list shows it, and links their feed."""
        quotes = [(item, quote.turn, quote.text) for item, quote in member.quotes]
        shown = self._plain(
            [member, member.hosted, member.spoke, quotes, member.events, member.edited]
        )
        if shown is UNKNOWN:
            return ""
        linked = self._feeds(doc=member, page_url=page_url)
        return digest(self.site, "member.html", page_url, shown, member.images, linked)

    def _list_key(self, page_url: str, variables: dict[str, Any]) -> str:
        shown = self._plain(variables)
        if shown is UNKNOWN:
            return ""
        group, tag = variables.get("group"), variables.get("tag")
        section = variables.get("section", "")
        feeds = self._feeds(group=group, tag=tag, section=section, page_url=page_url)
        latest = self.digests.latest(group) if self.digests is not None and group else None
        linked = feeds, latest and (latest.url, latest.title)
        return digest(self.site, "list.html", page_url, shown, linked)

    def _feeds(self, **page: Any) -> list[str]:
        """The feeds a page links (``Catalogue.alternates``), as they describe themselves."""
        found = self.feeds.alternates(**page) if self.feeds is not None else []
        return [repr(feed.info) for feed in found]

    def _plain(self, value: Any) -> Any:
        """What a list shows of ``value``, as plain data; UNKNOWN when it cannot tell."""
        if isinstance(value, Doc):
            return self._shown(value)
        if isinstance(value, Group):
            return ("group", value.id, value.name, value.platform, value.description)
        if isinstance(value, Tag):
            return ("tag", value.name, value.slug)
        if isinstance(value, Pager):
            return self._plain((value.number, value.count, value.base, value.total, value.items))
        if isinstance(value, dict):
            value = sorted(value.items())
        if isinstance(value, list | tuple):
            parts = [self._plain(part) for part in value]
            return UNKNOWN if any(part is UNKNOWN for part in parts) else parts
        if value is None or isinstance(value, str | int | float):
            return value
        return UNKNOWN

    def _shown(self, doc: Doc) -> Any:
        """A listed document as a list shows it (once per build: it is on many lists)."""
        found = self._docs.get(id(doc))
        if found is None:
            source, people = self._digest(doc.source), self._people(doc)
            found = (doc.url, source, getattr(doc, "upcoming", None), people)
            if source is None or any(digest is None for _, digest in people):
                found = UNKNOWN
            self._docs[id(doc)] = found
        return found

    def _people(self, doc: Doc) -> list[tuple[str, str | None]]:
        """The files, by digest, of the members ``doc``'s page shows."""
        persons: list[Person | None] = [doc.editor]
        if isinstance(doc, Transcript | Event):  # a member's quotes are (document, quote)
            persons += [doc.host, *doc.speakers, *(quote.person for quote in doc.quotes)]
        persons += [turn.person for turn in getattr(doc, "turns", [])]
        members = {
            id(person.member): person.member for person in persons if person and person.member
        }
        files = sorted(str(member.source) for member in members.values())
        return [(path, self._digest(Path(path))) for path in files]

    def _digest(self, source: Path) -> str | None:
        """A content file's digest, or None when it is not one (the key is then "")."""
        found = self._files.get(source, self)  # self: not looked up yet
        if found is self:
            try:
                found = self.content.get(source.relative_to(self.root).as_posix())
            except ValueError:
                found = None
            self._files[source] = found
        return found


def page_memo(generator: Any, writer: Any, hub: Hub) -> PageMemo | None:
    """The build's memo, when its writer is qunzhi's and knows the build's inputs."""
    fingerprint = getattr(getattr(writer, "files", None), "fingerprint", None)
    if fingerprint is None:
        return None
    context = generator.context
    return PageMemo(hub, fingerprint, context.get("feeds"), context.get("digests"))
