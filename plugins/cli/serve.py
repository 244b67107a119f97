"""``qunzhi serve``: preview the built site and its search API on this machine."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from qunzhi.hub.errors import ContentError, UsageError, display_path
from qunzhi.hub.settings import site_zone
from qunzhi.search.app import built_site
from qunzhi.search.live import LiveReload
from qunzhi.search.server import make_server

from .build import build_override
from .options import add_common, load_settings
from .watch import Watcher


def add_parser(commands: Any) -> None:
    parser = commands.add_parser(
        "serve",
        help="serve the built site and the search API",
        description="Serve the output folder over HTTP, with GET /api/search?q=…&type=…"
        "&group=…&member=…&tag=…&since=…&until=…&limit=… answering JSON from the search "
        "index. Run 'qunzhi build' first, or use --watch. Stop with Ctrl-C.",
    )
    parser.add_argument(
        "--watch",
        action="store_true",
        help="build now, rebuild when the content, the theme or the settings file change, "
        "and reload the open pages (a failed rebuild keeps the previous site and shows "
        "its errors on the page)",
    )
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on")
    parser.add_argument("--port", type=int, default=8000, help="port (default 8000)")
    parser.add_argument("--output", metavar="DIR", help="site folder (default: OUTPUT_PATH)")
    add_common(parser, content=False)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    settings = load_settings(args, **build_override(args))
    output = Path(settings["OUTPUT_PATH"])
    live = watcher = None
    if args.watch:
        live = LiveReload()
        watcher = Watcher(args, live)
        first = watcher.build([])
        live.publish(first)
        if first.ok:
            print(f"qunzhi: built in {first.seconds:.2f} s", file=sys.stderr)
        elif not (output / "index.html").is_file():
            raise ContentError(f"{first.errors[-1]}; fix it and run qunzhi serve --watch again")
        else:
            print(f"qunzhi: {first.errors[-1]}; serving the previous site", file=sys.stderr)
    output, index = built_site(settings)
    try:
        server = make_server(output, index, site_zone(settings), args.host, args.port, live)
    except OSError as error:
        raise UsageError(f"--port {args.port}: cannot listen on {args.host}: {error}") from error
    host, port = server.server_address[:2]
    watching = ""
    if watcher is not None:
        paths = watcher.start(settings)
        watching = f"; watching {', '.join(display_path(path) for path in paths)}"
    print(
        f"qunzhi: serving {display_path(output)} at http://{host}:{port}/{watching} (Ctrl-C stops)",
        file=sys.stderr,
    )
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        print("qunzhi: stopped", file=sys.stderr)
    finally:
        if watcher is not None and live is not None:
            watcher.stop()
            live.close()
        server.server_close()
    return 0
