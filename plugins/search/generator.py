"""The Pelican generator of search: updates the index, exports the static search, /search/."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from pelican.generators import Generator

from qunzhi.hub.build import Build
from qunzhi.hub.filters import FILTERS
from qunzhi.hub.store import BuildStore

from .analysis import HubTokenizer
from .index import Analysed, Changes, SearchIndex
from .indexing import Indexing, Job
from .records import SEARCHED_KINDS, Record, names, records
from .static import PageWords, export, page_words

logger = logging.getLogger(__name__)


INDEX = "search-index"  # the index's own folder in the build store


def index_folder(settings: dict[str, Any], store: BuildStore | None = None) -> Path:
    """The index of record, in the build store under CACHE_PATH."""
    folder = (store or BuildStore.of(settings, writable=False)).own_folder(INDEX)
    assert folder is not None  # a store opened from settings has a folder
    return folder


def update_index(
    hub: Any, settings: dict[str, Any], analysed: Analysed | None = None
) -> tuple[SearchIndex, list[Record]]:
    """Bring the index up to date with the hub, here and now (``qunzhi search``)."""
    found = records(hub)
    store = BuildStore.of(settings, writable=False)
    searched = SearchIndex(index_folder(settings, store))
    changes = searched.update(found, names(hub), full=store.fresh, analysed=analysed)
    log_changes(len(found), changes)
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
        build = Build.of_context(self.context, "qunzhi.search")
        if build.diagnostics.failed():
            return  # the build stops before any output: the index stays as it is
        hub = self.context["hub"]
        self.found, self.segmented = records(hub), names(hub)
        full = build.store.fresh
        job = Job(index_folder(self.settings, build.store), self.found, self.segmented, full)
        self.indexing = Indexing(job, int(self.settings["HUB_JOBS"]))

    def generate_output(self, writer: Any) -> None:
        assert self.indexing is not None
        hub = self.context["hub"]
        done = self.indexing.result()
        log_changes(len(self.found), done.changes)
        # each page's words for the static search, by content; they depend on the names too
        kept = Build.of_context(self.context, "qunzhi.search").store.step(
            "search-pages", self.segmented, code=["qunzhi.search.static", "qunzhi.search.index"]
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
