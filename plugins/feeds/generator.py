"""The Pelican generator of the feeds: plans them in ``generate_context`` (so every
page can link the feeds that fit it) and writes them in ``generate_output``.

It reads the hub the hub plugin built; Pelican runs every generator's
``generate_context`` before any ``generate_output``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pelican.generators import Generator

from qunzhi.hub.errors import Diagnostics, SettingsError, display_path
from qunzhi.hub.progress import Progress

from .catalogue import Catalogue, build_catalogue
from .entries import EntryMaker, entry_id, feedable
from .links import site_base
from .writer import FeedWriter


class FeedsGenerator(Generator):
    """Writes ``feeds/**.atom.xml``, ``feeds/**.rss.xml`` and the ``/feeds/`` page."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.catalogue: Catalogue | None = None
        self.writer: FeedWriter | None = None

    def generate_context(self) -> None:
        hub = self.context.get("hub")
        if hub is None:
            raise SettingsError('PLUGINS: expected "qunzhi.hub" before "qunzhi.feeds"')
        base = site_base(self.settings)
        maker = EntryMaker(self.settings, base)
        _check_ids(hub, maker.host, Diagnostics(strict=bool(self.settings.get("HUB_STRICT"))))
        self.catalogue = build_catalogue(
            hub, maker, self.settings["HUB_FEEDS"], int(self.settings["HUB_FEED_ITEMS"])
        )
        self.writer = FeedWriter(self.settings, base, hub.now)
        self.context["feeds"] = self.catalogue

    def generate_output(self, writer: Any) -> None:
        output = Path(self.output_path)
        progress = Progress("群志：订阅源", len(self.catalogue.feeds))
        for done, feed in enumerate(self.catalogue.feeds, 1):
            atom, rss = self.writer.write(feed.info, feed.entries)
            for path, document in ((feed.atom_path, atom), (feed.rss_path, rss)):
                target = output / path
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(document)
            progress.step(done)
        progress.close()
        writer.write_file(
            "feeds/index.html",
            self.get_template("feeds"),
            self.context,
            page_url="feeds/",
            section="feeds",
        )


def _check_ids(hub: Any, host: str, diagnostics: Diagnostics) -> None:
    """Two documents with one entry id would be one item to a reader: name both files.

    A published rule set without a date cannot be placed in a feed: say so.
    """
    owners: dict[str, Any] = {}
    for doc in sorted(hub.published, key=lambda d: str(d.source)):
        if doc.kind == "rule" and doc.date is None:
            diagnostics.warn(
                str(doc.source),
                1,
                "effective",
                "expected a date (effective or date) for a rule set; "
                "without one it is left out of the feeds",
            )
        if not feedable(doc):
            continue
        key = "feed_id" if "feed_id" in doc.meta else "file"
        owner = owners.setdefault(entry_id(doc, host), doc)
        if owner is not doc:
            diagnostics.error(
                str(doc.source),
                doc.line(key),
                key,
                f"expected a feed entry id no other document has, found "
                f'"{entry_id(doc, host)}" (also {display_path(owner.source)}); '
                "set feed_id to tell them apart",
            )
    diagnostics.report()
    diagnostics.raise_if_failed()
