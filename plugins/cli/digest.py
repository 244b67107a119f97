"""``qunzhi digest``: print a digest to stdout, so an editor can read it before the build."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from qunzhi.digests.archive import Digests
from qunzhi.digests.send import digest_text, newsletter_html
from qunzhi.hub.errors import Diagnostics, UsageError
from qunzhi.hub.hub import load_hub
from qunzhi.hub.settings import check_group

from .options import add_common, load_settings

FORMATS = ("text", "html", "md")


def add_parser(commands: Any) -> None:
    parser = commands.add_parser(
        "digest",
        help="print a weekly or monthly digest",
        description="Print the digest of a week or month, for the whole hub or one group, "
        "as the build would make it (the same content, the same words). Exit status: 0 "
        "printed, 1 content errors, 2 bad settings, usage, or a period without a digest.",
    )
    parser.add_argument(
        "--period",
        metavar="PERIOD",
        help="a week like 2016-W01 or a month like 2016-01 "
        "(default: the latest period with content)",
    )
    parser.add_argument("--group", metavar="ID", help="a group id (default: the whole hub)")
    parser.add_argument(
        "--format",
        choices=FORMATS,
        default="text",
        help="text (default), html (the self-contained newsletter) or md (Markdown)",
    )
    add_common(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    settings = load_settings(args)
    if args.group is not None:
        check_group("digest", settings, args.group)
    diagnostics = Diagnostics(strict=bool(settings["HUB_STRICT"]))
    hub = load_hub(settings, diagnostics)
    digests = Digests(hub, diagnostics)
    diagnostics.report()
    if diagnostics.failed():
        print(f"qunzhi: digest: {diagnostics.summary()}", file=sys.stderr)
        return 1
    group = hub.groups[args.group] if args.group is not None else None
    digest = _choose(digests, args.period, group)
    siteurl = str(settings.get("SITEURL") or "")
    if args.format == "html":
        sys.stdout.write(newsletter_html(digest, siteurl, str(settings.get("SITENAME") or "")))
    else:
        sys.stdout.write(digest_text(digest, siteurl, markdown=args.format == "md"))
    return 0


def _choose(digests: Digests, written: str | None, group: Any) -> Any:
    scope = f" for group {group.id}" if group is not None else ""
    if written is None:
        latest = digests.latest(group)
        if latest is None:
            raise UsageError(f"digest: no period has published content{scope}")
        return latest
    try:
        period = digests.calendar.parse(written)
    except ValueError as problem:
        raise UsageError(f"digest: --period: {problem}") from None
    if period.kind not in digests.kinds:
        raise UsageError(f"digest: --period: {period.kind}ly digests are off in HUB_DIGEST_PERIODS")
    digest = digests.find(period, group)
    if digest is None:
        raise UsageError(
            f"digest: --period: {written} has no published content{scope} "
            "(or has not begun); try another period"
        )
    return digest
