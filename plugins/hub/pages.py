"""Every page of the site: which file, which template, which variables.

Each published document gets its page; types, groups, tags and archives get
paginated indexes with clean URLs (``/tags/du-shu/page/2/``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from .documents import TYPES, Doc, Event
from .hub import Hub
from .progress import Progress
from .reading import WITH_NEIGHBOURS, Neighbours

TEMPLATES = {
    "transcript": "transcript.html",
    "event": "event.html",
    "rule": "rules.html",
    "member": "member.html",
    "page": "page.html",
}


@dataclass(frozen=True)
class Pager:
    """One page of a long list, with the links a reader follows to the others."""

    number: int
    count: int
    items: Sequence[Any]
    base: str
    total: int

    def url(self, number: int) -> str:
        return self.base if number == 1 else f"{self.base}page/{number}/"

    @property
    def previous_url(self) -> str | None:
        return self.url(self.number - 1) if self.number > 1 else None

    @property
    def next_url(self) -> str | None:
        return self.url(self.number + 1) if self.number < self.count else None


def paginate(items: Sequence[Any], base: str, size: int) -> Iterator[Pager]:
    count = max(1, -(-len(items) // size))
    for number in range(1, count + 1):
        chunk = items[(number - 1) * size : number * size]
        yield Pager(number, count, chunk, base, len(items))


Write = Callable[..., None]


def write_pages(hub: Hub, write: Write, neighbours: Neighbours | None = None) -> None:
    """Call ``write(save_as, template, **variables)`` for every HTML page."""
    size = int(hub.settings["HUB_PAGE_SIZE"])
    write(
        "index.html",
        "index.html",
        recent=hub.recent[: int(hub.settings["HUB_HOME_RECENT"])],
        upcoming=hub.upcoming,
        page_url="",
    )
    write("404.html", "404.html", page_url="404.html")
    pages = [doc for doc in hub.published if doc.kind in TEMPLATES]
    progress = Progress("群志：写出", len(pages))
    neighbours = neighbours or Neighbours(hub)
    for done, doc in enumerate(pages, 1):
        # previous, next, related and reading time: plain data, part of the page's memo key
        going = {"around": neighbours.around(doc)} if doc.kind in WITH_NEIGHBOURS else {}
        write(doc.save_as, TEMPLATES[doc.kind], doc=doc, page_url=doc.url, **going)
        progress.step(done)
    progress.close()
    _write_lists(hub, write, size)


def _list(write: Write, base: str, docs: Sequence[Doc], size: int, **variables: Any) -> None:
    for pager in paginate(docs, base, size):
        write(
            f"{pager.url(pager.number)}index.html",
            "list.html",
            pager=pager,
            page_url=pager.url(pager.number),
            **variables,
        )


def _write_lists(hub: Hub, write: Write, size: int) -> None:
    for folder in ("transcripts", "rules"):
        heading = TYPES[folder][0].label
        _list(write, f"{folder}/", hub.of_type(folder), size, heading=heading, section=folder)
    past = [doc for doc in hub.of_type("events") if isinstance(doc, Event) and not doc.upcoming]
    _list(
        write,
        "events/",
        past,
        size,
        heading=TYPES["events"][0].label,
        section="events",
        unit="场往期活动",
        upcoming=hub.upcoming,
    )
    write("members/index.html", "members.html", members=hub.members, page_url="members/")
    write("groups/index.html", "groups.html", page_url="groups/")
    for group in hub.groups.values():
        rules = [doc for doc in group.docs if doc.kind == "rule"]
        upcoming = [event for event in hub.upcoming if event.group is group]
        _list(
            write,
            group.url,
            # rules and upcoming events have their own sections above the list
            [
                doc
                for doc in group.docs
                if doc.kind not in ("member", "rule") and not getattr(doc, "upcoming", False)
            ],
            size,
            heading=group.name,
            section="groups",
            group=group,
            rules=rules,
            upcoming=upcoming,
        )
    write("tags/index.html", "tags.html", page_url="tags/")
    for tag in hub.tags:
        _list(write, tag.url, tag.docs, size, heading=f"标签：{tag.name}", section="tags", tag=tag)
    archives = hub.archives()
    write("archives/index.html", "archives.html", archives=archives, page_url="archives/")
    for year, months in archives.items():
        docs = [doc for month_docs in months.values() for doc in month_docs]
        _list(
            write,
            f"archives/{year}/",
            docs,
            size,
            heading=f"{year}年",
            section="archives",
            year=year,
            months=months,
        )
        for month, month_docs in months.items():
            _list(
                write,
                f"archives/{year}/{month:02d}/",
                month_docs,
                size,
                heading=f"{year}年{month}月",
                section="archives",
                year=year,
            )
