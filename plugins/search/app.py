"""The hub as a WSGI application: the built site's files and ``GET /api/search``.

One application for every server: a production server (granian, see
docs/search.md) runs it in several worker processes, and ``qunzhi serve`` runs
it in-process for preview, with live reload when a ``LiveReload`` is given (HTML
pages get the reload script and ``/__qunzhi/events`` streams build results).
GET and HEAD only; every answer says ``nosniff`` and the charset of its text; a
bad parameter is a JSON 400 with one line; an unexpected failure is a 500 whose
traceback goes to the log, never to the client.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Iterable, Iterator
from http import HTTPStatus
from pathlib import Path
from typing import Any
from urllib.parse import quote
from zoneinfo import ZoneInfo

from qunzhi.hub.errors import UsageError

from .api import Searchers, request_filters
from .generator import index_folder
from .index import SearchIndex
from .live import EVENTS_PATH, LiveReload, inject
from .sitefiles import Found, content_type, find, url_path

logger = logging.getLogger(__name__)

API_PATH = "/api/search"
ALLOWED = "GET, HEAD"
KEEP_ALIVE = 15.0  # seconds between SSE comments, so a closed page is noticed
CHUNK = 256 * 1024  # a file larger than this is sent in pieces of this size
JSON = "application/json; charset=utf-8"
PLAIN = "text/plain; charset=utf-8"

StartResponse = Callable[..., Any]


class HubApp:
    """The WSGI application of one built site and its search index."""

    def __init__(
        self, output: Path, index: SearchIndex, zone: ZoneInfo, live: LiveReload | None = None
    ) -> None:
        self.output = output
        self.searchers = Searchers(index)
        self.zone = zone
        self.live = live

    def __call__(self, environ: dict[str, Any], start: StartResponse) -> Iterable[bytes]:
        reply = Reply(start, head=environ.get("REQUEST_METHOD") == "HEAD")
        try:
            return self._answer(environ, reply)
        except Exception:
            logger.exception("serve: %s %r failed", environ.get("REQUEST_METHOD"), _target(environ))
            return reply.error(HTTPStatus.INTERNAL_SERVER_ERROR, "the server failed", api=True)

    def _answer(self, environ: dict[str, Any], reply: Reply) -> Iterable[bytes]:
        raw_path = environ.get("PATH_INFO") or "/"
        api = raw_path.rstrip("/") == API_PATH
        if environ.get("REQUEST_METHOD") not in ("GET", "HEAD"):
            method = str(environ.get("REQUEST_METHOD"))[:20]
            return reply.error(
                HTTPStatus.METHOD_NOT_ALLOWED,
                f"expected GET or HEAD, found {method}",
                api=api,
                headers=[("Allow", ALLOWED)],
            )
        try:
            path = url_path(raw_path)
        except UsageError as error:
            return reply.error(HTTPStatus.BAD_REQUEST, str(error), api=api)
        if api:
            return self._search(environ.get("QUERY_STRING", ""), reply)
        if self.live is not None and path == EVENTS_PATH:
            return reply.send(
                HTTPStatus.OK,
                "text/event-stream; charset=utf-8",
                _events(self.live),
                headers=[("Cache-Control", "no-store")],
            )
        return self._file(find(self.output, path), environ.get("QUERY_STRING", ""), reply)

    def _search(self, query_string: str, reply: Reply) -> Iterable[bytes]:
        try:
            text, filters, limit = request_filters(query_string, self.zone)
            hits = self.searchers.search(text, filters, limit)
        except UsageError as error:
            return reply.error(HTTPStatus.BAD_REQUEST, str(error), api=True)
        found = {"query": text, "count": len(hits), "results": [hit.as_json() for hit in hits]}
        return reply.json(HTTPStatus.OK, found)

    def _file(self, found: Found, query_string: str, reply: Reply) -> Iterable[bytes]:
        if found.redirect is not None:
            where = quote(found.redirect) + (f"?{query_string}" if query_string else "")
            return reply.send(
                HTTPStatus.MOVED_PERMANENTLY, PLAIN, [b""], headers=[("Location", where)]
            )
        if found.file is None:
            return self._not_found(reply)
        try:
            size = found.file.stat().st_size
            if self.live is not None and found.file.suffix == ".html":
                body = inject(found.file.read_bytes())
                return reply.send(HTTPStatus.OK, content_type(found.file), [body])
            if size <= CHUNK or reply.head:
                body = b"" if reply.head else found.file.read_bytes()
                return reply.send(HTTPStatus.OK, content_type(found.file), [body], length=size)
            pieces = _pieces(found.file.open("rb"))
        except FileNotFoundError:  # removed by a build since it was found
            return self._not_found(reply)
        return reply.send(HTTPStatus.OK, content_type(found.file), pieces, length=size)

    def _not_found(self, reply: Reply) -> Iterable[bytes]:
        """The site's own 404.html, or one line when the site has none."""
        page = find(self.output, "/404.html").file
        try:
            body = page.read_bytes() if page is not None else None
        except OSError:
            body = None
        if body is None:
            return reply.error(HTTPStatus.NOT_FOUND, "not found")
        return reply.send(HTTPStatus.NOT_FOUND, content_type(Path("404.html")), [body])


class Reply:
    """Starts a WSGI response with the headers every answer carries; no body on HEAD."""

    def __init__(self, start: StartResponse, head: bool) -> None:
        self.start = start
        self.head = head

    def send(
        self,
        status: HTTPStatus,
        kind: str,
        body: Iterable[bytes],
        headers: list[tuple[str, str]] | None = None,
        length: int | None = None,
    ) -> Iterable[bytes]:
        if length is None and isinstance(body, list):
            length = sum(len(piece) for piece in body)
        sent = [("Content-Type", kind), ("X-Content-Type-Options", "nosniff"), *(headers or [])]
        if length is not None:
            sent.append(("Content-Length", str(length)))
        self.start(f"{status.value} {status.phrase}", sent)
        if self.head:
            close = getattr(body, "close", None)
            if close is not None:
                close()
            return [b""]
        return body

    def json(self, status: HTTPStatus, value: Any, **extra: Any) -> Iterable[bytes]:
        body = json.dumps(value, ensure_ascii=False).encode()
        no_store = [("Cache-Control", "no-store"), *extra.pop("headers", [])]
        return self.send(status, JSON, [body], headers=no_store, **extra)

    def error(
        self,
        status: HTTPStatus,
        message: str,
        api: bool = False,
        headers: list[tuple[str, str]] | None = None,
    ) -> Iterable[bytes]:
        """One line: JSON ``{"error": …}`` for the API, plain text for anything else."""
        if api:
            return self.json(status, {"error": message}, headers=headers or [])
        return self.send(status, PLAIN, [f"{message}\n".encode()], headers=headers)


def _pieces(file: Any) -> Iterator[bytes]:
    with file:
        while piece := file.read(CHUNK):
            yield piece


def _events(live: LiveReload) -> Iterator[bytes]:
    """The build state, then each new one, until the page goes away or the server stops."""
    seen, event = live.state()
    yield f"retry: 1000\n\n{event}".encode()
    while (news := live.wait(seen, KEEP_ALIVE)) is not None:
        seen, event = news
        yield (event or ": still here\n\n").encode()


def _target(environ: dict[str, Any]) -> str:
    query = environ.get("QUERY_STRING")
    return str(environ.get("PATH_INFO", "")) + (f"?{query}" if query else "")


def built_site(settings: dict[str, Any]) -> tuple[Path, SearchIndex]:
    """The output folder and the search index; a UsageError when either is not built.
    The folder is not resolved: when it is a link that a build swaps, each request
    follows the link as it is then."""
    site = Path(settings["OUTPUT_PATH"]).absolute()
    index = SearchIndex(index_folder(settings))
    if not (site / "index.html").is_file() or index.problem() is not None:
        raise UsageError(f"{site}: expected a built site and its search index; run qunzhi build")
    return site, index
