"""The digest pages of a build: each digest, its newsletter files, and the archives."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from qunzhi.hub.background import Background
from qunzhi.hub.cards import Card, CardMaker
from qunzhi.hub.filters import cn_date
from qunzhi.hub.sharing import card_path

from .archive import Digests

Write = Callable[..., None]
WriteText = Callable[[str, str], None]  # a file: path relative to the output, text


def write_digest_pages(
    digests: Digests,
    write: Write,
    write_text: WriteText,
    writer: Any = None,
    background: Background | None = None,
) -> None:
    """Pages through ``write`` (the theme's templates); newsletter files through ``write_text``;
    each digest's share card through ``writer`` (``CardMaker.write_all``: on every core when
    many are new, as a first build's hundreds of weeks are, in the build's ``background``)."""
    settings = digests.hub.settings
    siteurl = str(settings.get("SITEURL") or "")
    sitename = str(settings.get("SITENAME") or "")
    for group in [None, *digests.hub.groups.values()]:
        scope = digests.scope(group)
        if not scope and group is not None:
            continue
        base = "digests/" if group is None else f"{group.url}digests/"
        write(
            f"{base}index.html",
            "digests.html",
            page_url=base,
            heading="摘要" if group is None else f"{group.name} · 摘要",
            group=group,
            years=digests.years(group),
            latest=digests.latest(group),
        )
    made = digests.renderings
    cards: list[Card] = []
    for digest in digests.all:
        if writer is not None:
            period = f"{cn_date(digest.period.start)}—{cn_date(digest.period.last)}"
            counts = f"{len(digest.transcripts)} 篇分享 · {len(digest.events_held)} 场活动"
            label = "周报" if digest.period.kind == "week" else "月报"
            lines = (period, counts, sitename)
            cards.append(Card(card_path(digest.url), label, digest.title, lines))
        last = min(digest.period.last, digests.hub.now)
        write(
            f"{digest.url}index.html",
            "digest.html",
            page_url=digest.url,
            digest=digest,
            chart=made.chart(digest),
            modified=f"{last:%Y-%m-%d}",
            made_from=(made.page(digest), f"{last:%Y-%m-%d}"),
        )
        write_text(f"{digest.url}newsletter.html", made.newsletter(digest, siteurl, sitename))
        write_text(f"{digest.url}newsletter.txt", made.text(digest, siteurl))
    if cards:
        CardMaker(settings).write_all(writer, cards, int(settings["HUB_JOBS"]), background)
