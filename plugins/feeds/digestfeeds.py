"""The digest feeds: weekly and monthly digests, one entry per period that has ended.

A digest of a running period still changes (a new transcript, a new quote), so it
is left out until ``hub.now`` passes its end: a reader then gets each period once,
complete. The hub's digests go to ``feeds/weekly`` and ``feeds/monthly``; each
group's to ``feeds/groups/<id>/weekly`` and ``…/monthly``, apart from the group's
own feed, which would otherwise list every document twice (itself and in a digest).

Digests come from the digests plugin (``qunzhi.digests``), made after every
generator's ``generate_context``; without that plugin there are no digest feeds.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import datetime, timedelta
from typing import TYPE_CHECKING
from urllib.parse import quote

from .entries import Author, Category, Entry, EntryMaker
from .links import absolute_html
from .writer import FeedInfo

if TYPE_CHECKING:
    from qunzhi.digests.archive import Digests
    from qunzhi.digests.gather import Digest

DIGEST_FEEDS = {"weekly": ("week", "周报"), "monthly": ("month", "月报")}  # kind: period, label


def published(digest: Digest) -> datetime:
    """The period's last second, in the site's time zone: when the digest is complete."""
    return digest.period.end - timedelta(seconds=1)


def digest_entry_id(digest: Digest, host: str) -> str:
    """``tag:HOST,2016-01-04:digests/2016-W01`` (a group's: ``digests/paoge/2016-W01``).

    The period names the entry, so a period is one entry whatever is edited in it.
    """
    return f"tag:{host},{digest.period.start:%Y-%m-%d}:digests/{quote(digest.id, safe='/-._~')}"


def digest_entry(digests: Digests, digest: Digest, maker: EntryMaker, site: str) -> Entry:
    """A digest as a feed entry: the newsletter body as content, its summary, topics as
    categories (words of the period, not tags: no scheme), the site as author."""
    link = maker.url(digest.url)
    when = published(digest)
    content = ""
    if maker.full:
        body = digests.renderings.body(digest, maker.base, site)
        content = absolute_html(str(body), link)
    return Entry(
        id=digest_entry_id(digest, maker.host),
        title=digest.title,
        link=link,
        published=when,
        updated=when,  # an ended period's content is fixed: see docs/feeds.md
        summary=digest.summary,
        content=content,
        authors=[Author(site, maker.base)],
        categories=[Category(word, tag=False) for word in digest.topics],
    )


def digest_feeds(
    digests: Digests, maker: EntryMaker, site: str, kinds: Iterable[str], limit: int
) -> Iterator[tuple[str, FeedInfo, list[Entry]]]:
    """``(kind, info, entries)`` of the kinds asked for (``weekly``, ``monthly``): the
    hub's, then each group's, so that a group's two feeds are listed together.

    Only the ``limit`` newest periods are rendered: years of weeks make hundreds of
    digests, and rendering one is the costly part."""
    for group in [None, *digests.hub.groups.values()]:
        for kind in (kind for kind in DIGEST_FEEDS if kind in kinds):
            period, label = DIGEST_FEEDS[kind]
            ended = [digest for digest in digests.of(period, group) if not digest.in_progress]
            entries = [digest_entry(digests, digest, maker, site) for digest in ended[-limit:]]
            scope = site if group is None else group.name
            name = label if group is None else f"{group.name} · {label}"
            path = kind if group is None else f"groups/{group.id}/{kind}"
            page = "digests/" if group is None else f"{group.url}digests/"
            subtitle = f"{scope}每{'周' if period == 'week' else '月'}的摘要，每期结束后发布"
            info = FeedInfo(f"feeds/{path}", f"{site}：{name}", subtitle, page, label=name)
            yield kind, info, entries
