"""``qunzhi init [DIR]``: a new hub of one's own, like ``pelican-quickstart``.

It asks on a terminal (or takes flags) for the site's name, address, time zone and
groups, then writes the starter files of ``starter/``: the settings, one short
example of each content type (``--empty``: none), a README for the hub's editors,
``.gitignore`` and the CI files that publish to GitHub Pages or GitLab Pages.
"""

from __future__ import annotations

import argparse
import importlib.metadata
import json
import sys
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from qunzhi.hub.errors import UsageError
from qunzhi.hub.settings import DEFAULT_TIMEZONE, build_now, is_absolute_url
from qunzhi.hub.values import ID_PATTERN

STARTER = Path(__file__).resolve().parent / "starter"
EXAMPLES = "content"  # the starter's folder of example documents
DEFAULT_URL = "https://hub.example.org"
DEFAULT_PLATFORM = "wechat"


def add_parser(commands: Any) -> None:
    parser = commands.add_parser(
        "init",
        help="make a new hub in a folder",
        description="Write a new hub into DIR (default: the current folder): pelicanconf.py, "
        "publishconf.py, content/ with one example of each type, README.md, .gitignore, "
        "requirements.txt and CI files for GitHub Pages and GitLab Pages. On a terminal it "
        "asks for what the flags leave out; otherwise it takes the defaults.",
    )
    parser.add_argument("dir", metavar="DIR", nargs="?", default=".", help="the hub's folder")
    parser.add_argument("--name", metavar="TEXT", help="site name (SITENAME)")
    parser.add_argument(
        "--url",
        metavar="URL",
        help=f"the published address (SITEURL of publishconf.py; default: {DEFAULT_URL})",
    )
    parser.add_argument(
        "--timezone", metavar="ZONE", help=f"IANA time zone (default: {DEFAULT_TIMEZONE})"
    )
    parser.add_argument(
        "--group",
        nargs=3,
        action="append",
        metavar=("ID", "NAME", "PLATFORM"),
        help="a group of the community, e.g. --group dushu 读书会 wechat (repeat for more)",
    )
    parser.add_argument("--empty", action="store_true", help="no example content")
    parser.add_argument(
        "--force", action="store_true", help="write into a folder that is not empty"
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="list every file written")
    parser.add_argument("--debug", action="store_true", help="show tracebacks of errors")
    parser.set_defaults(run=run)


def check_url(value: str) -> str | None:
    if is_absolute_url(value):
        return None
    return f"expected an absolute address like {DEFAULT_URL}, found {value!r}"


def check_zone(value: str) -> str | None:
    try:
        ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError):
        return f"expected an IANA time zone like {DEFAULT_TIMEZONE}, found {value!r}"
    return None


def check_group_id(value: str) -> str | None:
    if ID_PATTERN.match(value):
        return None
    return f"expected lowercase letters, digits, - and _ like dushu, found {value!r}"


def check_text(value: str) -> str | None:
    return None if value.strip() else "expected some text, found nothing"


def on_terminal() -> bool:
    """Questions are asked only of a person: stdin and stdout are a terminal."""
    return sys.stdin.isatty() and sys.stdout.isatty()


def ask(prompt: str, default: str, check: Callable[[str], str | None]) -> str:
    """One question on the terminal, asked again until the answer passes ``check``."""
    while True:
        shown = f" [{default}]" if default else ""
        answer = input(f"{prompt}{shown}: ").strip() or default
        problem = check(answer)
        if problem is None:
            return answer
        print(f"  {problem}", file=sys.stderr)


def ask_groups() -> list[list[str]]:
    groups = []
    while True:
        group_id = ask("群 id（直接回车结束）· group id (Enter to finish)", "", lambda _: None)
        if not group_id:
            return groups
        if problem := check_group_id(group_id):
            print(f"  {problem}", file=sys.stderr)
            continue
        name = ask("  群名称 · group name", "", check_text)
        platform = ask("  平台 · platform (wechat, qq, offline …)", DEFAULT_PLATFORM, check_text)
        groups.append([group_id, name, platform])


def answers(args: argparse.Namespace, folder: Path, interactive: bool) -> dict[str, Any]:
    """The site's name, address, time zone and groups: from flags, else asked, else defaults."""
    name = args.name
    url, zone = args.url, args.timezone
    groups = args.group
    if interactive:
        name = name or ask("站点名称 · site name", folder.resolve().name, check_text)
        url = url or ask("发布地址 · published address", DEFAULT_URL, check_url)
        zone = zone or ask("时区 · time zone", DEFAULT_TIMEZONE, check_zone)
        groups = groups if groups is not None else ask_groups()
    name, url, zone, groups = (
        name or folder.resolve().name,
        url or DEFAULT_URL,
        zone or DEFAULT_TIMEZONE,
        groups or [],
    )
    checks = [("--name", check_text(name)), ("--url", check_url(url))]
    checks.append(("--timezone", check_zone(zone)))
    checks += [("--group", check_group_id(group_id)) for group_id, _, _ in groups]
    checks += [("--group", check_text(group_name)) for _, group_name, _ in groups]
    for flag, problem in checks:
        if problem:
            raise UsageError(f"init: {flag}: {problem}")
    ids = [group_id for group_id, _, _ in groups]
    if len(set(ids)) != len(ids):
        raise UsageError(f"init: --group: expected each group id once, found {ids}")
    return {"name": name, "url": url, "zone": zone, "groups": groups}


def groups_literal(groups: list[list[str]]) -> str:
    """HUB_GROUPS as Python source (JSON strings are Python string literals)."""
    if not groups:
        return "{}"
    lines = [
        f"    {json.dumps(group_id)}: "
        f'{{"name": {json.dumps(name, ensure_ascii=False)}, '
        f'"platform": {json.dumps(platform, ensure_ascii=False)}}},'
        for group_id, name, platform in groups
    ]
    return "{\n" + "\n".join(lines) + "\n}"


def placeholders(site: dict[str, Any], today: date) -> dict[str, str]:
    """What the starter's ``@NAME@`` marks stand for. The example transcript is three
    days old; the example event is two weeks ahead, so the first build announces it."""
    transcript_day = today - timedelta(days=3)
    year, week, _ = transcript_day.isocalendar()
    groups = site["groups"]
    return {
        "@SITENAME@": json.dumps(site["name"], ensure_ascii=False),
        "@SITEURL@": json.dumps(site["url"], ensure_ascii=False),
        "@TIMEZONE@": json.dumps(site["zone"]),
        "@GROUPS@": groups_literal(groups),
        "@GROUP@": groups[0][0] if groups else "",
        "@PLATFORM@": groups[0][2] if groups else DEFAULT_PLATFORM,
        "@VERSION@": importlib.metadata.version("qunzhi"),
        "@TODAY@": today.isoformat(),
        "@TRANSCRIPT_DAY@": transcript_day.isoformat(),
        "@EVENT_DAY@": (today + timedelta(days=14)).isoformat(),
        "@WEEK@": f"{year}-W{week:02d}",
    }


def destination(relative: Path, marks: dict[str, str]) -> Path:
    """``dot-gitignore`` is ``.gitignore``, ``pelicanconf.py.in`` is ``pelicanconf.py``;
    ``@NAME@`` marks in names are filled in."""
    parts = []
    for part in relative.parts:
        if part.startswith("dot-"):
            part = "." + part.removeprefix("dot-")
        for mark, value in marks.items():
            part = part.replace(mark, value)
        parts.append(part.removesuffix(".in"))
    return Path(*parts)


def fill(text: str, marks: dict[str, str]) -> str:
    """The marks filled in; a line about the group goes when the hub has no groups."""
    if not marks["@GROUP@"]:
        text = "".join(line for line in text.splitlines(True) if "@GROUP@" not in line)
    for mark, value in marks.items():
        text = text.replace(mark, value)
    return text


def starter_files(empty: bool) -> list[Path]:
    files = sorted(path for path in STARTER.rglob("*") if path.is_file())
    if empty:
        files = [path for path in files if path.relative_to(STARTER).parts[0] != EXAMPLES]
    return files


def run(args: argparse.Namespace) -> int:
    folder = Path(args.dir)
    if folder.exists() and not folder.is_dir():
        raise UsageError(f"{args.dir}: DIR: expected a folder, found a file")
    # a folder holding only .git is empty: a fresh clone of an empty repository
    if folder.is_dir() and any(p.name != ".git" for p in folder.iterdir()) and not args.force:
        raise UsageError(
            f"{args.dir}: not empty; qunzhi init writes a new hub into an empty or new folder "
            "(--force writes into this one, replacing files of the same names)"
        )
    site = answers(args, folder, on_terminal())
    marks = placeholders(site, build_now({"TIMEZONE": site["zone"]}).date())
    written = []
    for source in starter_files(args.empty):
        target = folder / destination(source.relative_to(STARTER), marks)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(fill(source.read_text(encoding="utf-8"), marks), encoding="utf-8")
        written.append(target)
    (folder / "content").mkdir(parents=True, exist_ok=True)
    if args.verbose:
        for path in written:
            print(path)
    examples = sum(1 for path in written if path.relative_to(folder).parts[0] == EXAMPLES)
    print(f"qunzhi: a new hub in {folder}: {len(written)} files, {examples} of them examples")
    if examples:
        print("the examples' names hold 'shili' (示例): rm content/*/*shili* content/digests/*")
    where = "" if folder.resolve() == Path.cwd() else f"cd {folder} && "
    print(f"next: {where}qunzhi build && qunzhi serve")
    return 0
