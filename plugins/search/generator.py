"""The Pelican generator of search: updates the index, exports the static search, /search/."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from pelican.generators import Generator

from qunzhi.hub.filters import FILTERS
from qunzhi.hub.settings import cache_folder

from .index import Analysed, SearchIndex
from .records import SEARCHED_KINDS, Record, names, records
from .static import PageWordsCache, export, page_words

logger = logging.getLogger(__name__)


def index_folder(settings: dict[str, Any]) -> Path:
    """The index of record lives in CACHE_PATH."""
    return cache_folder(settings) / "search"


def update_index(
    hub: Any, settings: dict[str, Any], analysed: Analysed | None = None
) -> tuple[SearchIndex, list[Record]]:
    """Bring the index up to date with the hub; the records are also the static export's."""
    found = records(hub)
    index = SearchIndex(index_folder(settings))
    full = bool(settings.get("HUB_FULL_REBUILD"))
    changes = index.update(found, names(hub), full=full, analysed=analysed)
    logger.info(
        "search: %s pages, %s added, %s changed, %s removed, %s unchanged%s",
        len(found),
        changes.added,
        changes.changed,
        changes.removed,
        changes.kept,
        " (rebuilt)" if changes.rebuilt else "",
    )
    return index, found


class SearchGenerator(Generator):
    """Runs after the hub generator has read the hub (``context["hub"]``)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.env.filters.update(FILTERS)

    def generate_context(self) -> None:
        pass

    def generate_output(self, writer: Any) -> None:
        hub = self.context["hub"]
        cache = PageWordsCache(
            index_folder(self.settings).with_name("search-pages.marshal"),
            fresh=bool(self.settings.get("HUB_FULL_REBUILD")),
        )

        def analysed(record: Record, words: dict[str, Any], analyze: Any) -> None:
            cache.put(record, page_words(record, words, analyze))  # one analysis for both

        index, found = update_index(hub, self.settings, analysed)
        with index.searcher() as searcher:
            tokenizer = searcher.schema["body"].analyzer
        pages = [cache.words(record, tokenizer.words) for record in found]
        groups = {group.id: group.name for group in hub.groups.values()}
        written = export(
            lambda name, data: writer.write_bytes(f"search/{name}", data),
            found,
            pages,
            groups,
            list(SEARCHED_KINDS),
        )
        cache.save()
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
