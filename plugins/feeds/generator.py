"""The Pelican generator of the feeds: plans them in ``generate_context`` (so every
page can link the feeds that fit it) and writes them in ``generate_output``.

It reads the hub the hub plugin built; Pelican runs every generator's
``generate_context`` before any ``generate_output``. The digests (plugin
``qunzhi.digests``) are made between the two, on ``all_generators_finalized``:
``add_digest_feeds`` adds their feeds to the catalogue then, before any page is
written, so digest pages can name them.
"""

from __future__ import annotations

from typing import Any

from pelican.generators import Generator

from qunzhi.digests.generator import build_digests
from qunzhi.hub.build import Build
from qunzhi.hub.errors import SettingsError
from qunzhi.hub.filters import FILTERS
from qunzhi.hub.progress import Progress

from .catalogue import Catalogue, build_catalogue
from .checks import check_feeds
from .entries import EntryMaker
from .links import site_base
from .writer import FeedWriter

DIGESTS_PLUGIN = "qunzhi.digests"


def add_digest_feeds(generators: list[Generator], **kwargs: Any) -> None:
    """The weekly and monthly feeds, when PLUGINS has the digests plugin: without it
    they are simply not built. (PLUGINS, not the generators present: receivers stay
    connected from build to build in one process, a test session's for one.)"""
    feeds = next((g for g in generators if isinstance(g, FeedsGenerator)), None)
    if feeds is None or feeds.catalogue is None:
        return
    plugins = feeds.settings.get("PLUGINS") or []
    if DIGESTS_PLUGIN in (getattr(plugin, "__name__", plugin) for plugin in plugins):
        digests = build_digests(feeds.context)  # made once, whichever receiver runs first
        if digests is not None:
            feeds.catalogue.add_digests(digests)


class FeedsGenerator(Generator):
    """Writes ``feeds/**.atom.xml``, ``feeds/**.rss.xml`` and the ``/feeds/`` page."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.env.filters.update(FILTERS)  # the /feeds/ page's head: breadcrumbs, asset URLs
        self.catalogue: Catalogue | None = None
        self.writer: FeedWriter | None = None

    def generate_context(self) -> None:
        hub = self.context.get("hub")
        if hub is None:
            raise SettingsError('PLUGINS: expected "qunzhi.hub" before "qunzhi.feeds"')
        base = site_base(self.settings)
        now = hub.now.replace(microsecond=0)  # the clock's; feed dates are to the second
        build = Build.of_context(self.context, "qunzhi.feeds")
        # absolute entry HTML, by the digest of the entry's HTML and link
        kept = build.store.step("feed-entries", code=["qunzhi.feeds.entries"])
        maker = EntryMaker(self.settings, base, now, kept)
        check_feeds(hub, maker.host, build.diagnostics)
        if build.diagnostics.failed():
            return  # the build stops before any output (Build.check): no catalogue
        self.catalogue = build_catalogue(
            hub,
            maker,
            self.settings["HUB_FEEDS"],
            int(self.settings["HUB_FEED_ITEMS"]),
            self.settings["HUB_FEED_SUMMARIES"],
            int(self.settings["HUB_FEED_MAX_BYTES"]),
        )
        self.writer = FeedWriter(self.settings, base, now)
        self.context["feeds"] = self.catalogue

    def generate_output(self, writer: Any) -> None:
        progress = Progress("群志：订阅源", len(self.catalogue.feeds))
        files = getattr(writer, "files", None)  # qunzhi's OutputWriter: keeps unchanged feeds
        for done, feed in enumerate(self.catalogue.feeds, 1):
            key = self.writer.key(feed.info, feed.entries)
            if files is None or not files.reuse(key, feed.atom_path, feed.rss_path):
                atom, rss = self.writer.write(feed.info, feed.entries)
                writer.write_bytes(feed.atom_path, atom, memo=key)
                writer.write_bytes(feed.rss_path, rss, memo=key)
            progress.step(done)
        progress.close()
        writer.write_file(
            "feeds/index.html",
            self.get_template("feeds"),
            self.context,
            page_url="feeds/",
            section="feeds",
        )
