"""``qunzhi check``: validate content like a build does, and write nothing."""

from __future__ import annotations

import argparse
import logging
import sys
from typing import Any

from qunzhi.digests.archive import Digests
from qunzhi.feeds.checks import check_feeds, feed_host
from qunzhi.hub.errors import Diagnostics, display_path, visible
from qunzhi.hub.hub import Hub, load_hub
from qunzhi.hub.sanitise import raw_html_lines

from .options import add_common, load_settings

logger = logging.getLogger(__name__)


def add_parser(commands: Any) -> None:
    parser = commands.add_parser(
        "check",
        help="validate content without building",
        description="Read and validate every document, print each problem as "
        "file:line: key: message, and write nothing. Exit status: 0 no errors, "
        "1 errors (or warnings with --strict), 2 bad settings or usage.",
    )
    parser.add_argument(
        "dir", nargs="?", metavar="DIR", help="content folder (default: PATH of the settings)"
    )
    add_common(parser, content=False)
    parser.add_argument("--strict", action="store_true", help="treat warnings as errors")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    args.content = args.dir
    settings = load_settings(args, content_label="DIR")
    diagnostics = Diagnostics(strict=args.strict or bool(settings["HUB_STRICT"]))
    hub = load_hub(settings, diagnostics)
    if "qunzhi.digests" in settings.get("PLUGINS", []):
        Digests(hub, diagnostics)  # a note for a period without content: as the build says
    if "qunzhi.feeds" in settings.get("PLUGINS", []):
        check_feeds(hub, feed_host(settings), diagnostics)
    diagnostics.report()
    if settings.get("HUB_TRUSTED_HTML"):
        list_raw_html(hub)
    files = f"{hub.file_count} file{'s' * (hub.file_count != 1)}"
    if diagnostics.items:
        print(f"qunzhi: {files} checked: {diagnostics.summary()}", file=sys.stderr)
    else:
        logger.info("%s checked: no problems", files)
    return 1 if diagnostics.failed() else 0


def list_raw_html(hub: Hub) -> None:
    """Under HUB_TRUSTED_HTML, each file whose body keeps raw HTML, at its first such line."""
    for doc in sorted(hub.docs, key=lambda doc: str(doc.source)):
        lines = list(raw_html_lines(doc.body, doc.body_line))
        if lines:
            more = f" and {len(lines) - 1} more line{'s' * (len(lines) > 2)}" * (len(lines) > 1)
            note = f"{display_path(doc.source)}:{lines[0]}: note: body: raw HTML kept as written"
            print(visible(f"{note} (HUB_TRUSTED_HTML is True){more}"), file=sys.stderr)
