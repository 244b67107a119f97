"""``qunzhi import FILE``: a chat export (QQ, WeChat, pasted text) to a transcript draft.

The module is not called ``import`` (a Python keyword); the command is.
"""

from __future__ import annotations

import argparse
import logging
import sys
import time
from pathlib import Path
from typing import Any

from qunzhi.importer import draft, report
from qunzhi.importer.job import Options
from qunzhi.importer.job import run as run_import
from qunzhi.importer.messages import FORMATS

from .options import add_common, load_settings

NAME = "import"
logger = logging.getLogger(__name__)


def add_parser(commands: Any) -> None:
    parser = commands.add_parser(
        NAME,
        help="turn a chat export into a transcript draft",
        description="Read a chat log (QQ message manager export, WeChat chat text, or a "
        "pasted transcript of NAME：text lines), drop system lines, merge each speaker's "
        "consecutive messages into one turn, map speakers to members, redact contact "
        "details, and write a new transcript draft (status: draft) under "
        "transcripts/YEAR/ in the content folder; then print a report. An existing file "
        "is never replaced. Exit status: 0 written, 2 bad input or usage (nothing written).",
    )
    parser.add_argument("file", metavar="FILE", help="the chat log: a .txt export or paste")
    parser.add_argument(
        "--format",
        choices=("auto", *FORMATS),
        default="auto",
        help="format of FILE (default: auto, detected from its lines)",
    )
    parser.add_argument(
        "--group",
        metavar="ID",
        help="group id (default: the one the QQ export names, else the first in HUB_GROUPS)",
    )
    parser.add_argument("--title", metavar="T", help='title (default: "待定标题")')
    parser.add_argument(
        "--speakers",
        metavar="A,B",
        default="",
        help="main speakers (嘉宾), comma-separated; in pasted text only these, --host and "
        "members open turns",
    )
    parser.add_argument("--host", metavar="NAME", help="the host (主持人)")
    parser.add_argument(
        "--encoding",
        metavar="ENC",
        help="encoding of FILE (default: UTF-8, else GBK/GB18030; UTF-16 with a BOM)",
    )
    parser.add_argument(
        "--date",
        metavar="DATE",
        help='date of a pasted transcript, which has none: "2016-01-01 20:00" (default: today)',
    )
    parser.add_argument(
        "--keep-contacts",
        action="store_true",
        help="keep phone numbers, e-mail, QQ numbers and WeChat ids written in messages",
    )
    parser.add_argument(
        "--keep-media",
        action="store_true",
        help="keep [图片] [表情] [语音] … placeholders as visible markers 〔图片〕",
    )
    parser.add_argument(
        "--dry-run",
        action="store_true",
        help="print the draft on stdout (the report on stderr) and write nothing",
    )
    add_common(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    settings = load_settings(args)
    draft.check_title(args.title)
    options = Options(
        path=args.file,
        format=args.format,
        group=args.group,
        title=args.title,
        speakers=[
            name.strip() for name in args.speakers.replace("，", ",").split(",") if name.strip()
        ],
        host=args.host,
        encoding=args.encoding,
        date=args.date,
        keep_contacts=args.keep_contacts,
        keep_media=args.keep_media,
    )
    started = time.monotonic()
    outcome = run_import(options, settings)
    if args.dry_run:
        sys.stdout.write(outcome.text)
        path = None
    else:
        path = draft.write(outcome, outcome.text, Path(settings["PATH"]))
    stream = sys.stderr if args.dry_run else sys.stdout
    for line in report.lines(outcome, path):
        print(line, file=stream)
    logger.info("imported in %.2f s", time.monotonic() - started)
    return 0
