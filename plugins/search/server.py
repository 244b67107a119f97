"""``qunzhi serve``: the built site and ``GET /api/search`` on one local HTTP server.

One searcher is shared by the request threads behind a lock (Whoosh does not
promise thread safety), and it is refreshed when a build has changed the index.
Any bad query gets a 400 with a one-line message, an unexpected failure a 500 with
no traceback in the response (it goes to stderr). With live reload (``serve --watch``)
HTML pages get the reload script and ``/__qunzhi/events`` streams build results.
"""

from __future__ import annotations

import json
import logging
import threading
from datetime import datetime
from functools import partial
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit
from zoneinfo import ZoneInfo

from qunzhi.hub.errors import UsageError

from .index import SearchIndex
from .live import EVENTS_PATH, LiveReload, inject
from .searching import Filters, Hit, search, search_day

logger = logging.getLogger(__name__)

MAX_LIMIT = 50
KEEP_ALIVE = 15.0  # seconds between SSE comments, so a closed page is noticed


class SharedSearcher:
    """One open searcher for every request thread, reopened when the index changes."""

    def __init__(self, index: SearchIndex) -> None:
        self.index = index
        self._lock = threading.Lock()
        self._searcher: Any = None
        self._version: tuple[int, int] | None = None

    def search(self, text: str, filters: Filters, limit: int) -> list[Hit]:
        with self._lock:
            return search(self._current(), text, filters, limit)

    def _current(self) -> Any:
        """The open searcher, or a new one when a build has written the index since.

        Every update rewrites ``hashes.json``, and a full rebuild swaps in a new folder
        whose generation numbers start again, so its change time tells, not Whoosh's
        ``up_to_date()``; and not ``refresh()``, which reuses the readers of unchanged
        segments with their old deletions (an edited page would be found twice)."""
        version = self.index.version()
        if self._searcher is not None and version == self._version:
            return self._searcher
        if self._searcher is not None:
            self._searcher.close()
        self._searcher, self._version = self.index.open_searcher(), version
        return self._searcher


def request_filters(params: dict[str, list[str]], zone: ZoneInfo) -> tuple[str, Filters, int]:
    """The query, filters and limit of ``/api/search?q=…``; a UsageError says what is wrong."""
    text = _one(params, "q")
    if not text:
        raise UsageError("expected a query in q=, found none")
    limit_text = _one(params, "limit") or "10"
    if not limit_text.isdigit() or not 1 <= int(limit_text) <= MAX_LIMIT:
        raise UsageError(f"expected limit= between 1 and {MAX_LIMIT}, found {limit_text!r}")
    dates: dict[str, datetime | None] = {}
    for key in ("since", "until"):
        written = _one(params, key)
        dates[key] = search_day(written, zone, end=key == "until") if written else None
        if written and dates[key] is None:
            raise UsageError(f"expected {key}= a date like 2016-01-01, found {written!r}")
    filters = Filters(
        kind=_one(params, "type"),
        group=_one(params, "group"),
        member=_one(params, "member"),
        tag=_one(params, "tag"),
        since=dates["since"],
        until=dates["until"],
    )
    return text, filters, int(limit_text)


def _one(params: dict[str, list[str]], key: str) -> str | None:
    values = params.get(key)
    return values[-1].strip() if values else None


class HubHandler(SimpleHTTPRequestHandler):
    """Static files of the output folder, and the search API."""

    searcher: SharedSearcher
    zone: ZoneInfo
    live: LiveReload | None = None

    def do_GET(self) -> None:
        parts = urlsplit(self.path)
        if self.live is not None and parts.path == EVENTS_PATH:
            self._events(self.live)
            return
        page = self._page(parts.path) if self.live is not None else None
        if page is not None:
            self._send(HTTPStatus.OK, "text/html; charset=utf-8", inject(page.read_bytes()))
            return
        if parts.path.rstrip("/") != "/api/search":
            super().do_GET()
            return
        try:
            text, filters, limit = request_filters(parse_qs(parts.query), self.zone)
            hits = self.searcher.search(text, filters, limit)
        except UsageError as error:
            self._json(HTTPStatus.BAD_REQUEST, {"error": str(error)})
            return
        except Exception:
            logger.exception("search: /api/search failed for %r", self.path)
            self._json(HTTPStatus.INTERNAL_SERVER_ERROR, {"error": "the search failed"})
            return
        self._json(
            HTTPStatus.OK,
            {"query": text, "count": len(hits), "results": [hit.as_json() for hit in hits]},
        )

    def _json(self, status: HTTPStatus, value: Any) -> None:
        body = json.dumps(value, ensure_ascii=False).encode()
        self._send(status, "application/json; charset=utf-8", body)

    def _send(self, status: HTTPStatus, kind: str, body: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(body)

    def _page(self, url_path: str) -> Path | None:
        """The HTML file a GET of ``url_path`` serves, or None for anything else
        (folders without their slash are redirected by the static handler)."""
        path = Path(self.translate_path(url_path))
        if path.is_dir():
            if not url_path.endswith("/"):
                return None
            path = path / "index.html"
        return path if path.suffix == ".html" and path.is_file() else None

    def _events(self, live: LiveReload) -> None:
        """Stream the build state until the page goes away or the server stops."""
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", "text/event-stream; charset=utf-8")
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        seen, event = live.state()
        try:
            self.wfile.write(f"retry: 1000\n\n{event}".encode())
            self.wfile.flush()
            while (news := live.wait(seen, KEEP_ALIVE)) is not None:
                seen, event = news
                self.wfile.write((event or ": still here\n\n").encode())
                self.wfile.flush()
        except (BrokenPipeError, ConnectionResetError):
            return  # the page was closed or reloaded

    def log_message(self, format: str, *args: Any) -> None:
        logger.info("%s %s", self.address_string(), format % args)


def make_server(
    output: Path,
    index: SearchIndex,
    zone: ZoneInfo,
    host: str,
    port: int,
    live: LiveReload | None = None,
) -> ThreadingHTTPServer:
    """The server; with ``live``, pages reload when ``live`` is told of a new build."""
    attributes = {"searcher": SharedSearcher(index), "zone": zone, "live": live}
    handler = type("Handler", (HubHandler,), attributes)
    server = ThreadingHTTPServer((host, port), partial(handler, directory=str(output)))
    server.daemon_threads = True
    return server
