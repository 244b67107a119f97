"""The Pelican generator of the hub: reads the hub in ``generate_context`` and
writes its pages, share cards, image copies, calendars, ``robots.txt``, the web
manifest and ``sitemap.xml`` in ``generate_output``.

Content problems go to the build's one ``Diagnostics``, printed with those of the
feeds and digests before anything is written (``Build.check``), so a failed build
writes nothing.
"""

from __future__ import annotations

import logging
from typing import Any

from markupsafe import Markup
from pelican.generators import Generator

from .build import Build
from .calendar import events_calendar
from .filters import FILTERS
from .hub import Hub, load_hub
from .images import Images
from .output import OutputWriter
from .pagememo import PageMemo, page_memo
from .pages import write_pages
from .reading import Neighbours
from .sharing import write_cards
from .sitemap import robots, sitemap, web_manifest

logger = logging.getLogger(__name__)


class PageWriter:
    """Writes theme pages for one generator and records them on the hub's per-build
    list of pages, from which ``sitemap.xml`` is (re)written: whichever generator
    writes last leaves a sitemap of every page of the build."""

    def __init__(
        self, generator: Generator, writer: Any, hub: Hub, memo: PageMemo | None = None
    ) -> None:
        self.generator, self.writer, self.hub, self.memo = generator, writer, hub, memo

    def __call__(
        self, save_as: str, template: str, page_url: str, made_from: Any = None, **variables: Any
    ) -> None:
        """Write one page; ``made_from``: what it shows besides what every page shows, when
        the page can say (its bytes are then kept while that is unchanged: ``pagememo``)."""
        key = self.memo.key(template, page_url, variables, made_from) if self.memo else ""
        if not (key and self.writer.files.reuse(key, save_as)):
            self.writer.memo = key
            try:
                self.writer.write_file(
                    save_as,
                    self.generator.get_template(template.removesuffix(".html")),
                    self.generator.context,
                    page_url=page_url,
                    **variables,
                )
            finally:
                self.writer.memo = ""
        if save_as != "404.html":
            self.hub.written[page_url] = variables.get("modified") or self._modified(variables)

    def _modified(self, variables: dict[str, Any]) -> str | None:
        """The sitemap's ``<lastmod>``: the document's date; for a list its newest item's;
        else the newest published document's (never later than the build's now)."""
        doc = variables.get("doc")
        pager = variables.get("pager")
        shown = [doc] if doc is not None else list(pager.items) if pager is not None else []
        dates = [d.date for d in shown if d.date is not None]
        dates = dates or [d.date for d in self.hub.recent[:1]]
        return f"{min(max(dates), self.hub.now):%Y-%m-%d}" if dates else None

    def write_sitemap(self) -> None:
        siteurl = str(self.generator.settings.get("SITEURL") or "")
        if siteurl.startswith(("http://", "https://")):
            urls = sorted(self.hub.written.items())
            self.writer.write_bytes("sitemap.xml", sitemap(siteurl, urls), again=True)
        else:
            logger.info("hub: no sitemap.xml, SITEURL is not absolute (%r)", siteurl)


class HubGenerator(Generator):
    """Reads and writes everything under content/ but images/ (Pelican copies those)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.env.filters.update(FILTERS)
        self.hub: Hub | None = None
        self.images = Images(self.settings)
        self.neighbours: Neighbours | None = None  # kept for a preview (preview.py)

    def generate_context(self) -> None:
        build = Build.of_context(self.context, "qunzhi.hub")
        self.hub = load_hub(self.settings, build.diagnostics, build.store)
        for doc in self.hub.published:  # before feeds and digests read the HTML
            content, doc.images = self.images.rewrite(doc.content)
            if doc.images:
                doc.content = Markup(content)
        self.context["hub"] = self.hub

    def generate_output(self, writer: Any) -> None:
        assert self.hub is not None
        if isinstance(writer, OutputWriter):
            writer.files.until = self.hub.next_change()
        write = PageWriter(self, writer, self.hub, page_memo(self, writer, self.hub))
        self.neighbours = Neighbours(self.hub)
        write_pages(self.hub, write, self.neighbours)
        writer.write_bytes("events.ics", events_calendar(self.hub))
        for event in self.hub.upcoming:
            writer.write_bytes(f"{event.url}event.ics", events_calendar(self.hub, [event]))
        write_cards(self.hub, writer, Build.of_context(self.context, "qunzhi.hub").background)
        self.images.write(writer)
        siteurl = str(self.settings.get("SITEURL") or "")
        writer.write_bytes("robots.txt", robots(siteurl))
        writer.write_bytes("site.webmanifest", web_manifest(self.settings))
        write.write_sitemap()
