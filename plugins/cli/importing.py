"""``qunzhi import FILE``: a chat export (QQ, WeChat, Telegram …) to transcript drafts.

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
from qunzhi.importer.job import Options, Result
from qunzhi.importer.job import run as run_import
from qunzhi.importer.messages import FORMATS
from qunzhi.importer.sessions import parse_gap, parse_sessions

from .options import add_common, load_settings

NAME = "import"
logger = logging.getLogger(__name__)


def add_parser(commands: Any) -> None:
    parser = commands.add_parser(
        NAME,
        help="turn a chat export into a transcript draft",
        description="Read a chat export (QQ message manager .txt or .mht, qq-chat-exporter "
        "JSON, EchoTrace/WeFlow JSON, MemoTrace CSV/HTML, WeChat chat text, ChatLab JSON/JSONL, "
        "Telegram result.json, DiscordChatExporter JSON, WhatsApp .txt, or a pasted "
        "transcript of NAME：text lines), cut it into sessions at long silences, drop system "
        "lines, merge each speaker's consecutive messages into one turn, map speakers to "
        "members, mask personal numbers and addresses, and write new transcript drafts "
        "(status: draft) under transcripts/YEAR/ in the content folder; then print a report. "
        "No file is ever replaced. Exit status: 0 written, 2 bad input or usage "
        "(nothing written).",
    )
    parser.add_argument("file", metavar="FILE", help="the chat export (.txt, .json, .csv …)")
    parser.add_argument(
        "--format",
        choices=("auto", *FORMATS),
        default="auto",
        metavar="FORMAT",
        help=f"format of FILE: {', '.join(FORMATS)} (default: auto, detected from its content)",
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
        help="copy the export's pictures under images/import/ (metadata removed) and show "
        "them; keep [图片] [表情] placeholders as markers 〔图片〕",
    )
    parser.add_argument(
        "--anonymise",
        "--anonymize",
        action="store_true",
        help="write speakers who are not members as 成员A, 成员B …",
    )
    parser.add_argument(
        "--list",
        action="store_true",
        dest="list_sessions",
        help="list the sessions found (number, start, end, messages, speakers, first line) "
        "and write nothing",
    )
    parser.add_argument(
        "--gap",
        metavar="TIME",
        default="2h",
        help="a silence longer than this starts a new session: 2h, 90m, 30 (default: 2h)",
    )
    parser.add_argument(
        "--session",
        metavar="N",
        help="import session N (see --list); 2,5 or 2-4 or all make one draft per session",
    )
    parser.add_argument(
        "--from", dest="since", metavar="DATE", help="import messages from this date or time"
    )
    parser.add_argument(
        "--until", metavar="DATE", help="import messages until this time (a date: its end)"
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
    options.anonymise = args.anonymise
    options.gap = parse_gap(args.gap)
    options.since, options.until = args.since, args.until
    options.list_sessions = args.list_sessions
    if args.session is not None:
        options.sessions = parse_sessions(args.session)
        options.every_session = options.sessions is None
    started = time.monotonic()
    result = run_import(options, settings)
    try:
        _finish(args, settings, result)
    finally:
        result.close()
    logger.info("imported in %.2f s", time.monotonic() - started)
    return 0


def _finish(args: argparse.Namespace, settings: dict[str, Any], result: Result) -> None:
    """Print the session list, or place (print) each draft and its report."""
    if args.list_sessions:
        for line in report.session_list(result):
            print(line)
        return
    content = Path(settings["PATH"])
    stream = sys.stderr if args.dry_run else sys.stdout
    for number, outcome in enumerate(result.outcomes):
        assert outcome.draft is not None
        if args.dry_run:
            for chunk in outcome.draft.chunks():
                sys.stdout.write(chunk)
            path, images = None, 0
        else:
            images = draft.write_images(outcome, content)
            path = draft.write(outcome, content)
        for line in report.lines(outcome, path, images)[1 if number else 0 :]:
            print(line, file=stream)
