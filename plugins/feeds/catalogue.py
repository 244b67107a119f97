"""Every feed of a hub: which exist, what each lists, and which fit a page.

Each kind of feed is a function from the hub to ``(FeedInfo, items)`` pairs,
items being hub documents or ready ``Entry`` objects; the digest kinds
(``digestfeeds.DIGEST_FEEDS``) come from the build's digests, which exist only
after every ``generate_context``, and are added then (``Catalogue.add_digests``).
HUB_FEEDS picks the kinds.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from qunzhi.hub.documents import Doc, Member, Transcript
from qunzhi.hub.hub import Group, Hub

from .digestfeeds import DIGEST_FEEDS, digest_feeds
from .entries import Entry, EntryMaker, feedable
from .writer import FeedInfo

if TYPE_CHECKING:
    from qunzhi.digests.archive import Digests

TYPE_FEEDS = {
    "transcripts": ("分享实录", "每一场分享的实录"),
    "events": ("活动", "活动预告和回顾"),
    "rules": ("群规修订", "群规的每一个新版本"),
}
SECTIONS = (
    ("全站", ("all", "transcripts", "events", "rules", "joined", "podcast")),
    ("摘要", tuple(DIGEST_FEEDS)),
    ("小组", ("groups",)),
    ("标签", ("tags",)),
    ("成员", ("members",)),
)

Found = Iterator[tuple[FeedInfo, Iterable[Doc | Entry]]]
# what a feed document adds to an entry's text: id, dates, link, author, categories …
ENTRY_MARKUP = 1_000


@dataclass
class Feed:
    """One feed: how it describes itself and its entries, newest first."""

    kind: str
    info: FeedInfo
    entries: list[Entry]

    @property
    def title(self) -> str:
        return self.info.title

    @property
    def label(self) -> str:
        return self.info.label or self.info.title

    @property
    def atom_path(self) -> str:
        return self.info.atom_path

    @property
    def rss_path(self) -> str:
        return self.info.rss_path


def _info(site: str, path: str, label: str, subtitle: str, page_url: str, **more) -> FeedInfo:
    """Titles name the site (a reader lists many feeds); ``/feeds/`` shows the label."""
    return FeedInfo(f"feeds/{path}", f"{site}：{label}", subtitle, page_url, label=label, **more)


def _all(hub: Hub, site: str) -> Found:
    yield _info(site, "all", "全部更新", f"{site}的全部新内容", ""), hub.published


def _of_type(folder: str) -> Callable[[Hub, str], Found]:
    def found(hub: Hub, site: str) -> Found:
        label, subtitle = TYPE_FEEDS[folder]
        yield _info(site, folder, label, subtitle, f"{folder}/"), hub.of_type(folder)

    return found


def _joined(hub: Hub, site: str) -> Found:
    yield _info(site, "joined", "新成员", "新加入的成员", "members/"), hub.members


def _podcast(hub: Hub, site: str) -> Found:
    info = _info(site, "podcast", "分享录音", "有录音的分享实录", "transcripts/", podcast=True)
    yield info, (doc for doc in hub.of_type("transcripts") if doc.meta.get("audio"))


def _groups(hub: Hub, site: str) -> Found:
    for group in hub.groups.values():
        subtitle = group.description or f"{group.name}的分享、活动和群规"
        yield _info(site, f"groups/{group.id}", group.name, subtitle, group.url), group.docs


def _tags(hub: Hub, site: str) -> Found:
    for tag in hub.tags:
        info = _info(
            site, f"tags/{tag.slug}", f"标签「{tag.name}」", f"标为「{tag.name}」的内容", tag.url
        )
        yield info, tag.docs


def _members(hub: Hub, site: str) -> Found:
    for member in hub.members:
        docs = [
            *member.hosted,
            *(doc for doc, _ in member.spoke),
            *(doc for doc, _ in member.quotes),
            *(doc for doc, _ in member.events),
        ]
        subtitle = f"{member.name}主持、发言和被引用的内容"
        yield _info(site, f"members/{member.id}", member.name, subtitle, member.url), docs


KINDS: dict[str, Callable[[Hub, str], Found]] = {
    "all": _all,
    **{folder: _of_type(folder) for folder in TYPE_FEEDS},
    "joined": _joined,
    "podcast": _podcast,
    "groups": _groups,
    "tags": _tags,
    "members": _members,
}


class Catalogue:
    """The feeds of one build, by path, for the writer, ``/feeds/`` and page heads."""

    def __init__(
        self,
        feeds: list[Feed],
        maker: EntryMaker,
        kinds: Sequence[str],
        limit: int,
        summaries: Sequence[str] = (),
        max_bytes: int | None = None,
    ) -> None:
        """``summaries``: kinds whose entries carry no content; ``max_bytes``: about how
        big one feed may be (HUB_FEED_SUMMARIES, HUB_FEED_MAX_BYTES)."""
        self.feeds = feeds
        self._by_path = {feed.info.path: feed for feed in feeds}
        self.maker, self.kinds, self.limit = maker, kinds, limit
        self.summaries, self.max_bytes = frozenset(summaries), max_bytes

    def add_digests(self, digests: Digests) -> None:
        """The weekly and monthly feeds HUB_FEEDS asks for, once the digests are made."""
        site = _site(digests.hub)
        for kind, info, entries in digest_feeds(digests, self.maker, site, self.kinds, self.limit):
            self._add(kind, [(info, entries)])

    def _add(self, kind: str, found: Iterable[tuple[FeedInfo, Iterable[Doc | Entry]]]) -> None:
        """Each feed of ``found`` that has at least one entry, once (by path)."""
        for info, items in found:
            if info.path in self._by_path:
                continue
            entries = newest_entries(self.maker, items, self.limit)
            if kind in self.summaries:
                entries = [replace(entry, content="") for entry in entries]
            if self.max_bytes is not None:
                entries = fitting(entries, self.max_bytes)
            if entries:
                feed = Feed(kind, info, entries)
                self.feeds.append(feed)
                self._by_path[info.path] = feed

    def get(self, path: str) -> Feed | None:
        return self._by_path.get(f"feeds/{path}")

    def sections(self) -> list[tuple[str, list[Feed]]]:
        """The feeds of ``/feeds/`` under their headings, in the order of the catalogue."""
        listed = []
        for heading, kinds in SECTIONS:
            feeds = [feed for feed in self.feeds if feed.kind in kinds]
            if feeds:
                listed.append((heading, feeds))
        return listed

    def alternates(
        self,
        doc: Any = None,
        group: Any = None,
        tag: Any = None,
        section: Any = "",
        page_url: Any = "",
        digest: Any = None,
    ) -> list[Feed]:
        """Feeds that fit a page, for ``<link rel="alternate">``: the site's feed first.

        Templates pass what they have; a variable a page lacks arrives undefined (falsy).
        """
        wanted = ["all"]
        if digest:
            wanted += _digest_paths(digest.group, digest.period.kind == "month")
        elif page_url and page_url == (f"{group.url}digests/" if group else "digests/"):
            wanted += _digest_paths(group or None, False)  # a digest archive
        if isinstance(doc, Member):
            wanted.append(f"members/{doc.id}")
        elif isinstance(doc, Doc):
            wanted.append(doc.type.folder)
            if isinstance(doc, Transcript) and doc.meta.get("audio"):
                wanted.append("podcast")
            if doc.group is not None:
                wanted.append(f"groups/{doc.group.id}")
        if group:
            wanted.append(f"groups/{group.id}")
        if tag:
            wanted.append(f"tags/{tag.slug}")
        if section and str(section) in TYPE_FEEDS:
            wanted.append(str(section))
        if page_url == "members/":
            wanted.append("joined")
        feeds = (self.get(path) for path in dict.fromkeys(wanted))
        return [feed for feed in feeds if feed is not None]


def _site(hub: Hub) -> str:
    return str(hub.settings.get("SITENAME") or "群志")


def _digest_paths(group: Group | None, monthly_first: bool) -> list[str]:
    """The digest feeds of the hub (``group`` None) or a group, the page's kind first."""
    folder = "" if group is None else f"groups/{group.id}/"
    kinds = list(DIGEST_FEEDS)
    return [folder + kind for kind in (reversed(kinds) if monthly_first else kinds)]


def build_catalogue(
    hub: Hub,
    maker: EntryMaker,
    kinds: Sequence[str],
    limit: int,
    summaries: Sequence[str] = (),
    max_bytes: int | None = None,
) -> Catalogue:
    """Every feed HUB_FEEDS asks for that has at least one entry, but the digest feeds."""
    catalogue = Catalogue([], maker, kinds, limit, summaries, max_bytes)
    site = _site(hub)
    for kind in KINDS:
        if kind in kinds:
            catalogue._add(kind, KINDS[kind](hub, site))
    return catalogue


def newest_entries(maker: EntryMaker, items: Iterable[Doc | Entry], limit: int) -> list[Entry]:
    """The ``limit`` newest items, each once, as entries.

    Items are hub documents (made into entries only when they make the cut: the
    HTML rewrite is the costly part) or entries a kind made itself (digests).
    """
    unique: dict[object, Doc | Entry] = {}
    for item in items:  # an entry id is one item to a reader: never twice in a feed
        if isinstance(item, Entry):
            unique.setdefault(item.id, item)
        elif feedable(item):
            unique.setdefault(id(item), item)
    newest = sorted(unique.values(), key=lambda item: _newness(maker, item), reverse=True)[:limit]
    return [item if isinstance(item, Entry) else maker.entry(item) for item in newest]


def fitting(entries: list[Entry], max_bytes: int) -> list[Entry]:
    """The newest entries whose text and markup come to at most about ``max_bytes``
    (XML escaping adds a little); the newest one whatever its size."""
    total = 0
    for count, entry in enumerate(entries):
        total += ENTRY_MARKUP + sum(
            len(text.encode()) for text in (entry.title, entry.summary, entry.content)
        )
        if total > max_bytes and count:
            return entries[:count]
    return entries


def _newness(maker: EntryMaker, item: Doc | Entry) -> tuple[Any, str]:
    """An item's place in a feed: as the entry will be dated (never after now)."""
    if isinstance(item, Entry):
        return item.published, item.id
    return maker.published(item), str(item.source)
