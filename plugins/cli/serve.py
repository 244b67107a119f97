"""``qunzhi serve``: preview the built site and its search API on this machine."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from qunzhi.hub.errors import UsageError
from qunzhi.hub.settings import site_zone
from qunzhi.search.generator import index_folder
from qunzhi.search.index import SearchIndex
from qunzhi.search.server import make_server

from .options import add_common, load_settings


def add_parser(commands: Any) -> None:
    parser = commands.add_parser(
        "serve",
        help="serve the built site and the search API",
        description="Serve the output folder over HTTP, with GET /api/search?q=…&type=…"
        "&group=…&member=…&tag=…&since=…&until=…&limit=… answering JSON from the search "
        "index. Run 'qunzhi build' first. Stop with Ctrl-C.",
    )
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on")
    parser.add_argument("--port", type=int, default=8000, help="port (default 8000)")
    parser.add_argument("--output", metavar="DIR", help="site folder (default: OUTPUT_PATH)")
    add_common(parser, content=False)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    settings = load_settings(args)
    output = Path(args.output or settings["OUTPUT_PATH"])
    index = SearchIndex(index_folder(settings))
    if not (output / "index.html").is_file() or index.problem() is not None:
        raise UsageError(f"{output}: expected a built site and its search index; run qunzhi build")
    try:
        server = make_server(output, index, site_zone(settings), args.host, args.port)
    except OSError as error:
        raise UsageError(f"--port {args.port}: cannot listen on {args.host}: {error}") from error
    host, port = server.server_address[:2]
    print(f"qunzhi: serving {output} at http://{host}:{port}/ (Ctrl-C stops)", file=sys.stderr)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        print("qunzhi: stopped", file=sys.stderr)
    finally:
        server.server_close()
    return 0
