"""Markdown converted once: kept between builds, and converted on every core when new.

Converting Markdown is most of a build's work. The HTML of a text depends only on
the text, the MARKDOWN setting, SITEURL, HUB_TRUSTED_HTML and the converter's code
(the sanitiser's allowlist, Markdown's and nh3's versions included), so it is kept in the
build store's step "markdown" and a build converts
only texts it has not seen. When there are many, worker processes convert them.
"""

from __future__ import annotations

import hashlib
import logging
import os
from collections.abc import Iterable
from typing import Any

from .store import BuildStore, Step
from .workers import pooled

logger = logging.getLogger(__name__)

# Below this many new texts, starting worker processes costs more than it saves.
PARALLEL_FROM = 200
Source = tuple[str, str]  # ("prose" | "rules", Markdown text)


def source_key(kind: str, text: str) -> str:
    return hashlib.blake2b(f"{kind}\0{text}".encode(), digest_size=16).hexdigest()


def made_with(settings: dict[str, Any]) -> tuple[str, Any, bool]:
    """What the HTML of a text depends on besides the text and the code."""
    markdown = repr(settings.get("MARKDOWN"))
    return markdown, settings.get("SITEURL"), bool(settings.get("HUB_TRUSTED_HTML"))


def markdown_step(store: BuildStore, settings: dict[str, Any]) -> Step:
    """Converted texts by ``source_key()``."""
    return store.step("markdown", *made_with(settings), code=["qunzhi.hub.render"])


def convert_all(sources: Iterable[Source], settings: dict[str, Any], jobs: int) -> dict[str, Any]:
    """Convert texts on ``jobs`` processes (0: one per core); results by key."""
    todo = list(dict.fromkeys(sources))
    workers = min(jobs or os.cpu_count() or 1, len(todo))
    if workers < 2 or len(todo) < PARALLEL_FROM:
        converter = _converter(settings)
        return {source_key(*source): converter(source) for source in todo}
    wanted = {key: settings.get(key) for key in ("MARKDOWN", "SITEURL", "HUB_TRUSTED_HTML")}
    with pooled(workers, _start, wanted) as pool:
        converted = pool.map(_convert, todo, chunksize=max(1, len(todo) // (workers * 8)))
        return {source_key(*source): value for source, value in zip(todo, converted, strict=True)}


def _converter(settings: dict[str, Any]) -> Any:
    from .render import Renderer  # render imports this module

    renderer = Renderer(settings)
    return lambda source: renderer.convert(*source)


_worker: Any = None  # each worker process's converter, made once when it starts


def _start(settings: dict[str, Any]) -> None:
    global _worker
    _worker = _converter(settings)


def _convert(source: Source) -> Any:
    return _worker(source)
