"""The index of record updated beside the rest of the build, on another core.

Nothing else in a build reads the Whoosh index, so when there is much to index (a
first build, ``--full``, many pages changed), a worker process updates it while the
build renders pages, feeds and digests. The static search needs each page's words:
the worker hands back those of the pages it analysed, from the same analysis the
index used, so a page is segmented once. (The words kept from earlier builds are read
only after the other generators: a large heap early in the build slows every garbage
collection while pages are rendered.) With few pages to index, or ``HUB_JOBS =
1``, the update runs in the build's own process: starting a worker costs more.
"""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Iterator
from concurrent.futures import Future
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from qunzhi.hub.errors import HubError
from qunzhi.hub.workers import pool as worker_pool

from .index import Changes, SearchIndex
from .records import Record
from .static import page_words

logger = logging.getLogger(__name__)

# From this many pages to analyse, a worker process pays for its start (about 0.5 s of
# imports and the segmenter's dictionary, on the other core).
PARALLEL_FROM = 100


class SearchIndexError(HubError):
    """The index could not be updated; the previous index is left as it was."""


@dataclass(frozen=True)
class Job:
    """What to index."""

    folder: Path
    found: list[Record]
    names: tuple[str, ...]
    full: bool


@dataclass(frozen=True)
class Done:
    """What a job did: the update for the log, the words by URL, its log lines."""

    changes: Changes
    words: dict[str, Any]  # PageWords.plain() by URL
    logged: tuple[tuple[str, int, str], ...] = ()  # a worker's (logger, level, message)


def run(job: Job) -> Done:
    """Update the index; hand back the words of each page it analysed (with this build's
    names: an index that keeps a dropped name tells none)."""
    words: dict[str, Any] = {}

    def analysed(record: Record, texts: dict[str, Any], analyze: Any) -> None:
        words[record.url] = page_words(record, texts, analyze).plain()

    changes = SearchIndex(job.folder).update(job.found, job.names, job.full, analysed)
    return Done(changes, words)


def run_in_worker(job: Job) -> Done:
    """``run`` in a worker process, which has no logging set up: its log lines go back
    to the build, to be logged there."""
    with _kept_log() as logged:
        done = run(job)
    return Done(done.changes, done.words, tuple(logged))


class Indexing:
    """One build's update of the index: started as soon as the records are known,
    finished when the static search needs the words."""

    def __init__(self, job: Job, jobs: int) -> None:
        self.job = job
        self._future: Future[Done] | None = None
        if _parallel(job, jobs):
            pool = worker_pool(1)  # ends with the build's process, however it ends
            self._future = pool.submit(run_in_worker, job)
            pool.shutdown(wait=False)  # the worker ends after the job, whatever the build does

    def result(self) -> Done:
        """Wait for the update; any failure is one line, the previous index untouched."""
        started = time.perf_counter()
        try:
            done = run(self.job) if self._future is None else self._future.result()
        except Exception as error:
            reason = str(error) or type(error).__name__
            if isinstance(error, BrokenProcessPool):
                reason = "its worker process ended before it finished"
            raise SearchIndexError(
                f"search: the search index in {self.job.folder} could not be updated ({reason}); "
                "the previous index and output are untouched"
            ) from error
        if self._future is not None:
            logger.debug(
                "search: waited %.2f s for the index worker", time.perf_counter() - started
            )
        for name, level, message in done.logged:
            logging.getLogger(name).log(level, "%s", message)
        return done


def _parallel(job: Job, jobs: int) -> bool:
    if (jobs or os.cpu_count() or 1) < 2:
        return False
    return job.full or SearchIndex(job.folder).pending(job.found, job.names) >= PARALLEL_FROM


class _Kept(logging.Handler):
    def __init__(self) -> None:
        super().__init__()
        self.lines: list[tuple[str, int, str]] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append((record.name, record.levelno, record.getMessage()))


@contextmanager
def _kept_log() -> Iterator[list[tuple[str, int, str]]]:
    """The index's log lines, kept and passed on nowhere."""
    index_logger = logging.getLogger(SearchIndex.__module__)
    kept, propagate = _Kept(), index_logger.propagate
    index_logger.addHandler(kept)
    index_logger.propagate = False
    try:
        yield kept.lines
    finally:
        index_logger.removeHandler(kept)
        index_logger.propagate = propagate
