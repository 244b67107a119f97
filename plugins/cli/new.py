"""``qunzhi new TYPE "标题"``: start a document from a template, as a draft.

The file goes into the type's folder with today's date (HUB_NOW when set) and a
pinyin slug; an existing file is never overwritten.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

import yaml

from qunzhi.hub.errors import HubError, UsageError
from qunzhi.hub.settings import build_now, check_group
from qunzhi.hub.values import pinyin_slug

from .options import add_common, load_settings

TYPE_NAMES = {
    "transcript": "transcripts",
    "分享": "transcripts",
    "event": "events",
    "活动": "events",
    "rule": "rules",
    "群规": "rules",
    "member": "members",
    "成员": "members",
    "page": "pages",
    "页面": "pages",
}
for _folder in set(TYPE_NAMES.values()):
    TYPE_NAMES[_folder] = _folder

BODIES = {
    "transcripts": "## 开场\n\n{host}：大家好，今天我们请到……\n\n## 主题分享\n\n"
    "{host}：（每段发言以“名字：”开头；名字是成员的 id、名字或别名。）\n\n"
    "> 值得摘出来的一句话写成引用，就是精彩语录。\n\n## 问答环节\n\n",
    "events": "## 活动安排\n\n1. 19:00 签到\n2. 19:30 分享\n3. 21:00 自由交流\n\n## 报名须知\n\n",
    "rules": "欢迎入群，请先读完以下几条：\n\n1. 第一条规则。\n2. 第二条规则。\n",
    "members": "一两段自我介绍：在做什么，在群里能帮大家什么。\n",
    "pages": "页面正文。\n",
}


class _Dumper(yaml.SafeDumper):
    """Leaves a key to fill in as ``host:`` rather than ``host: null``."""


_Dumper.add_representer(
    type(None), lambda dumper, _: dumper.represent_scalar("tag:yaml.org,2002:null", "")
)


def add_parser(commands: Any) -> None:
    parser = commands.add_parser(
        "new",
        help="start a new document from a template",
        description="Write a new draft (status: draft) for TYPE into the content folder "
        "and print its path. TYPE: transcript, event, rule, member or page "
        "(or 分享, 活动, 群规, 成员, 页面).",
    )
    parser.add_argument("type", metavar="TYPE", help="kind of document")
    parser.add_argument("title", metavar="TITLE", help='title, or the name of a member: "标题"')
    parser.add_argument("--group", metavar="ID", help="group id (default: the first in HUB_GROUPS)")
    add_common(parser)
    parser.set_defaults(run=run)


def front_matter(folder: str, title: str, day: str, group: str | None) -> dict[str, Any]:
    """The keys an editor fills in for each type, with sensible starting values."""
    if folder == "members":
        return {"name": title, "aliases": [], "role": "member", "joined": day, "status": "draft"}
    front: dict[str, Any] = {"title": title}
    if folder in ("transcripts", "events"):
        front["date"] = f"{day} 20:00"
    if folder == "rules":
        front.update(
            version="1", effective=day, history=[{"version": "1", "date": day, "note": "首次发布"}]
        )
    if group and folder in ("transcripts", "events", "rules"):
        front["group"] = group
    if folder == "transcripts":
        front.update(host=None, speakers=[], platform="wechat")
    if folder == "events":
        front.update(location=None, host=None)
    if folder != "pages":
        front["tags"] = []
    front["status"] = "draft"
    return front


def file_stem(folder: str, title: str, day: str) -> str:
    """The file name without .md: a pinyin slug, dated for transcripts and events."""
    slug = pinyin_slug(title)
    if folder == "members":
        return slug.replace("-", "")
    if folder in ("transcripts", "events"):
        return f"{day}-{slug}"
    return slug


def document_text(front: dict[str, Any], body: str) -> str:
    """Front matter dumped by PyYAML in the given key order, then the body."""
    return front_text(front) + body


def front_text(front: dict[str, Any]) -> str:
    """The front matter block and the blank line a body follows."""
    dumped = yaml.dump(front, Dumper=_Dumper, allow_unicode=True, sort_keys=False)
    return f"---\n{dumped}---\n\n"


def write_new(path: Path, text: str) -> None:
    """Write a file that must not exist yet (FileExistsError otherwise, nothing written)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("x", encoding="utf-8") as handle:
        handle.write(text)


def run(args: argparse.Namespace) -> int:
    folder = TYPE_NAMES.get(args.type.lower())
    if folder is None:
        raise UsageError(
            f"new: TYPE: expected transcript, event, rule, member or page, found {args.type!r}"
        )
    settings = load_settings(args)
    if not pinyin_slug(args.title):
        raise UsageError(
            f"new: TITLE: expected words to make a URL slug from, found {args.title!r}"
        )
    groups = list(settings["HUB_GROUPS"])
    group = args.group or (groups[0] if groups else None)
    if group is not None:
        check_group("new", settings, group)
    day = f"{build_now(settings):%Y-%m-%d}"
    path = Path(settings["PATH"]) / folder / f"{file_stem(folder, args.title, day)}.md"
    front = front_matter(folder, args.title, day, group)
    body = BODIES[folder].format(host="主持人名字")
    try:
        write_new(path, document_text(front, body))
    except FileExistsError:
        raise HubError(
            f"new: {path}: already exists; choose another title or edit that file"
        ) from None
    print(path)
    return 0
