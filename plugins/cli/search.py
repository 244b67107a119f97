"""``qunzhi search``: the hub's search index from the terminal, as text or JSON."""

from __future__ import annotations

import argparse
import html
import json
import re
import sys
from datetime import datetime
from typing import Any

from qunzhi.hub.errors import Diagnostics, UsageError
from qunzhi.hub.filters import KIND_LABELS
from qunzhi.hub.hub import load_hub
from qunzhi.hub.settings import site_zone
from qunzhi.search.generator import index_folder, update_index
from qunzhi.search.index import SearchIndex
from qunzhi.search.searching import Filters, Hit, search, search_day

from .options import add_common, load_settings

MARK = re.compile(r"<mark[^>]*>(.*?)</mark>")


def add_parser(commands: Any) -> None:
    parser = commands.add_parser(
        "search",
        help="search the hub",
        description="Search published content with the index the build keeps in CACHE_PATH "
        "(made from the content first if there is none). Every word must match; "
        '"a phrase" matches in order, -word excludes, OR joins alternatives. '
        "Exit status: 0 found, 1 nothing found, 2 bad query, settings or usage.",
    )
    parser.add_argument("query", metavar="QUERY", help="words to search for, e.g. 卡片盒笔记")
    parser.add_argument("--type", metavar="T", help="transcript, event, rule, member or page")
    parser.add_argument("--group", metavar="G", help="group id")
    parser.add_argument("--member", metavar="M", help="pages naming this member (id, name, alias)")
    parser.add_argument("--tag", metavar="T", help="pages with this tag")
    parser.add_argument("--since", metavar="D", help="from this date on (2016-01-01)")
    parser.add_argument("--until", metavar="D", help="up to this date (inclusive)")
    parser.add_argument("--limit", metavar="N", type=int, default=10, help="results (default 10)")
    parser.add_argument("--json", action="store_true", help="print a JSON list of results")
    add_common(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    settings = load_settings(args)
    if args.limit < 1:
        raise UsageError(f"--limit: expected a whole number of at least 1, found {args.limit}")
    zone = site_zone(settings)
    filters = Filters(
        kind=args.type,
        group=args.group,
        member=args.member,
        tag=args.tag,
        since=_day(args.since, "--since", zone, end=False),
        until=_day(args.until, "--until", zone, end=True),
    )
    if args.group and args.group not in (settings.get("HUB_GROUPS") or {}):
        known = ", ".join(settings.get("HUB_GROUPS") or {}) or "none"
        raise UsageError(
            f"--group: expected a group id of the settings ({known}), found {args.group!r}"
        )
    index = SearchIndex(index_folder(settings))
    problem = index.problem()
    if problem is not None:
        print(f"qunzhi: making the search index from the content ({problem})", file=sys.stderr)
        diagnostics = Diagnostics()
        hub = load_hub(settings, diagnostics)
        if diagnostics.failed():  # warnings are the build's and check's business
            diagnostics.report()
            diagnostics.raise_if_failed()
        update_index(hub, settings)
    with index.searcher() as searcher:
        hits = search(searcher, args.query, filters, args.limit)
    if args.json:
        json.dump([hit.as_json() for hit in hits], sys.stdout, ensure_ascii=False, indent=2)
        print()
    else:
        groups = {key: group["name"] for key, group in (settings.get("HUB_GROUPS") or {}).items()}
        _print(hits, str(settings.get("SITEURL") or ""), groups, sys.stdout.isatty())
    return 0 if hits else 1


def _day(text: str | None, option: str, zone: Any, end: bool) -> datetime | None:
    if text is None:
        return None
    moment = search_day(text, zone, end)
    if moment is None:
        raise UsageError(f"{option}: expected a date like 2016-01-01, found {text!r}")
    return moment


def _print(hits: list[Hit], siteurl: str, groups: dict[str, str], colour: bool) -> None:
    mark = r"\033[1;33m\1\033[0m" if colour else r"【\1】"
    for number, hit in enumerate(hits, 1):
        group = groups.get(hit.group, hit.group)
        about = " · ".join(filter(None, [KIND_LABELS.get(hit.type, hit.type), group, hit.date]))
        print(f"{number}. {hit.title}  [{about}]")
        print(f"   {siteurl}/{hit.url}")
        print(f"   {html.unescape(MARK.sub(mark, hit.snippet))}")
