"""``qunzhi serve``: the hub's WSGI application on a small in-process server, for preview.

The application is the one production servers run (``qunzhi.search.app``); only
the server differs: the standard library's, one thread per connection, so live
reload's event streams each hold their own and the watcher shares the process.
It still closes connections that say nothing for ``IDLE_SECONDS`` and keeps a
deep listen backlog, but it is for this machine: deploy with granian
(docs/search.md).
"""

from __future__ import annotations

import logging
from pathlib import Path
from socketserver import ThreadingMixIn
from typing import Any
from wsgiref.simple_server import ServerHandler, WSGIRequestHandler, WSGIServer
from zoneinfo import ZoneInfo

from .app import HubApp
from .index import SearchIndex
from .live import LiveReload

logger = logging.getLogger(__name__)

IDLE_SECONDS = 20.0
BACKLOG = 1024


class _Handler(ServerHandler):
    server_software = "qunzhi"

    def log_exception(self, exc_info: Any) -> None:
        logger.error("serve: the response failed", exc_info=exc_info)


class _RequestHandler(WSGIRequestHandler):
    """One request per connection (HTTP/1.0 style); quiet unless ``-v``."""

    timeout = IDLE_SECONDS
    server_version = "qunzhi"

    def handle(self) -> None:
        try:
            self.raw_requestline = self.rfile.readline(65537)
        except TimeoutError:
            return  # an idle connection: closed
        if len(self.raw_requestline) > 65536:
            self.requestline = self.request_version = self.command = ""
            self.send_error(414)
            return
        if not self.parse_request():
            return
        handler = _Handler(self.rfile, self.wfile, self.get_stderr(), self.get_environ())
        handler.request_handler = self  # type: ignore[attr-defined]
        handler.run(self.server.get_app())  # type: ignore[attr-defined]

    def log_message(self, format: str, *args: Any) -> None:
        logger.info("%s %s", self.address_string(), format % args)


class PreviewServer(ThreadingMixIn, WSGIServer):
    daemon_threads = True
    request_queue_size = BACKLOG

    def handle_error(self, request: Any, client_address: Any) -> None:
        logger.debug("serve: a connection from %s failed", client_address, exc_info=True)


def make_server(
    output: Path,
    index: SearchIndex,
    zone: ZoneInfo,
    host: str,
    port: int,
    live: LiveReload | None = None,
) -> PreviewServer:
    """The preview server; with ``live``, pages reload when ``live`` is told of a new build."""
    server = PreviewServer((host, port), _RequestHandler)
    server.set_app(HubApp(output, index, zone, live))
    return server
