"""The Pelican generator of search: updates the index, exports the static search, /search/."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from pelican.generators import Generator

from qunzhi.hub.filters import FILTERS
from qunzhi.hub.keptcache import KeptCache, digest
from qunzhi.hub.settings import cache_folder

from . import index, static
from .analysis import HubTokenizer
from .index import Analysed, Changes, SearchIndex
from .indexing import Indexing, Job
from .records import SEARCHED_KINDS, Record, names, records
from .static import PageWords, export, page_words

logger = logging.getLogger(__name__)


def index_folder(settings: dict[str, Any]) -> Path:
    """The index of record lives in CACHE_PATH."""
    return cache_folder(settings) / "search"


def update_index(
    hub: Any, settings: dict[str, Any], analysed: Analysed | None = None
) -> tuple[SearchIndex, list[Record]]:
    """Bring the index up to date with the hub, here and now (``qunzhi search``)."""
    found = records(hub)
    searched = SearchIndex(index_folder(settings))
    full = bool(settings.get("HUB_FULL_REBUILD"))
    log_changes(len(found), searched.update(found, names(hub), full=full, analysed=analysed))
    return searched, found


def log_changes(pages: int, changes: Changes) -> None:
    logger.info(
        "search: %s pages, %s added, %s changed, %s removed, %s unchanged%s",
        pages,
        changes.added,
        changes.changed,
        changes.removed,
        changes.kept,
        " (rebuilt)" if changes.rebuilt else "",
    )


class SearchGenerator(Generator):
    """Runs after the hub generator has read the hub (``context["hub"]``)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.env.filters.update(FILTERS)
        self.found: list[Record] = []
        self.segmented: tuple[str, ...] = ()
        self.indexing: Indexing | None = None

    def generate_context(self) -> None:
        """Start updating the index as soon as the hub is read: with much to index, a
        worker process does it while the other generators write their pages."""
        hub = self.context["hub"]
        self.found, self.segmented = records(hub), names(hub)
        full = bool(self.settings.get("HUB_FULL_REBUILD"))
        job = Job(index_folder(self.settings), self.found, self.segmented, full)
        self.indexing = Indexing(job, int(self.settings["HUB_JOBS"]))

    def generate_output(self, writer: Any) -> None:
        assert self.indexing is not None
        hub = self.context["hub"]
        done = self.indexing.result()
        log_changes(len(self.found), done.changes)
        # each page's words for the static search, by content; they depend on the names too
        kept = KeptCache(
            cache_folder(self.settings) / "search-pages.marshal",
            digest(static.VERSION, index.FORMAT, self.segmented),
            fresh=bool(self.settings.get("HUB_FULL_REBUILD")),
        )
        analyze = HubTokenizer(self.segmented).words  # for pages neither kept nor indexed now
        pages = []
        for record in self.found:
            plain = kept.get(record.digest) or done.words.get(record.url)
            if plain is None:
                plain = page_words(record, {}, analyze).plain()
            kept.put(record.digest, plain)
            pages.append(PageWords(*plain))
        groups = {group.id: group.name for group in hub.groups.values()}
        written = export(
            lambda name, data: writer.write_bytes(f"search/{name}", data),
            self.found,
            pages,
            groups,
            list(SEARCHED_KINDS),
            kept,
        )
        kept.save()
        logger.info(
            "search: static search of %s pages, %s words, %s files, %s bytes",
            written.pages,
            written.words,
            written.files,
            written.bytes,
        )
        writer.write_file(
            "search/index.html",
            self.get_template("search"),
            self.context,
            page_url="search/",
            section="search",
            kinds=SEARCHED_KINDS,
        )
