"""The bad-input matrix: each case is one hostile or impossible input and the one line
the build must answer it with (``file:line: key``), found by the audits of issue 17.

A case names the file it writes (under content/), its text, the ``file:line: key``
its single error line starts with, and a fragment of the message. Cases whose only
problem is a warning run with ``--strict``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class Case:
    id: str
    relative: str  # written under content/
    text: str | bytes
    where: str  # "file:line: key" the one error line starts with (relative to content/)
    says: str  # a fragment of its message
    strict: bool = False
    setup: Callable[[Path, Path], None] | None = field(default=None, compare=False)


def transcript(front: str, body: str = "老王：大家好。\n") -> str:
    return f"---\ntitle: 测试实录\ndate: 2016-01-20 20:00\ngroup: paoge\n{front}---\n{body}"


def event(front: str, body: str = "活动正文。\n") -> str:
    return f"---\ntitle: 测试活动\ndate: 2016-01-21 14:00\ngroup: paoge\n{front}---\n{body}"


def member(front: str, body: str = "成员介绍。\n") -> str:
    return f"---\nname: 测试成员\n{front}---\n{body}"


def rules(front: str, body: str = "1. 友善\n2. 守时\n") -> str:
    return f"---\ntitle: 测试群规\ngroup: paoge\n{front}---\n{body}"


T = "transcripts/2016/2016-01-20-ceshi.md"
E = "events/2016-01-21-ceshi.md"
M = "members/ceshi.md"
R = "rules/ceshi-qungui.md"
P = "pages/ceshi.md"


def _dates() -> Iterator[Case]:
    # dates outside the documented range, impossible days, times and offsets: every key
    bad = [
        ("year-1", "0001-01-01", "between 1900-01-01 and 9998-12-31"),
        ("year-9999", "9999-12-31", "between 1900-01-01 and 9998-12-31"),
        ("year-9999-late", "9999-12-31 23:00", "between 1900-01-01 and 9998-12-31"),
        ("year-1899", "1899-12-31", "between 1900-01-01 and 9998-12-31"),
        ("offset-25h", "2016-01-20 20:00+25:00", "expected a date like"),
        ("offset-15h", "2016-01-20 20:00+15:00", "expected a date like"),
        ("offset-minutes-60", "2016-01-20 20:00+08:60", "expected a date like"),
        ("offset-negative-24h", "2016-01-20 20:00-24:00", "expected a date like"),
        ("feb-30", "2016-02-30", "expected a date like"),
        ("month-13", "2016-13-01", "expected a date like"),
        ("hour-25", "2016-01-20 25:00", "expected a date like"),
        ("minute-61", "2016-01-20 20:61", "expected a date like"),
        ("chinese-date", "二〇一六年一月", "expected a date like"),
    ]
    for name, value, says in bad:
        yield Case(
            f"date-{name}",
            T,
            transcript("").replace("2016-01-20 20:00", value),
            f"{T}:3: date",
            says,
        )
    for name, value, says in bad[:6]:
        yield Case(f"end-{name}", E, event(f"end: {value}\n"), f"{E}:5: end", says)
        yield Case(f"joined-{name}", M, member(f"joined: {value}\n"), f"{M}:3: joined", says)
        yield Case(
            f"effective-{name}", R, rules(f"effective: {value}\n"), f"{R}:4: effective", says
        )
    yield Case(
        "history-date-year-9999",
        R,
        rules("version: 2\nhistory:\n  - version: 2\n    date: 9999-12-31\n"),
        f"{R}:7: history",
        "between 1900-01-01",
    )
    yield Case(
        "event-end-before-start",
        E,
        event("end: 2016-01-21 13:00\n"),
        f"{E}:5: end",
        "expected a time after the start",
    )


ESCAPES = [
    ("escape-esc", r"\x1b[31m红字\x07", "U+001B"),
    ("escape-nul", r"标题\x00", "U+0000"),
    ("escape-bell", r"响铃\a", "U+0007"),
    ("escape-lone-surrogate", r"\ud800", "U+D800"),
    ("escape-del", r"删除\x7f", "U+007F"),
    ("escape-c1", r"\x9b2J", "U+009B"),
    ("escape-noncharacter", r"\uffff", "U+FFFF"),
    ("escape-backspace", r"退格\b", "U+0008"),
]


def _escapes() -> Iterator[Case]:
    # YAML escapes obey the text rule of typed characters, in every kind of value
    for name, escape, says in ESCAPES:
        text = f'---\ntitle: "{escape}"\ndate: 2016-01-20 20:00\ngroup: paoge\n---\n正文\n'
        yield Case(f"title-{name}", T, text, f"{T}:2: title", says)
    for name, escape, says in ESCAPES[:4]:
        yield Case(
            f"tag-{name}", T, transcript(f'tags: [读书, "{escape}"]\n'), f"{T}:5: tags", says
        )
        yield Case(f"alias-{name}", M, member(f'aliases: ["{escape}"]\n'), f"{M}:3: aliases", says)
        yield Case(
            f"slug-{name}", P, f'---\ntitle: 页\nslug: "{escape}"\n---\n', f"{P}:3: slug", says
        )
        yield Case(
            f"status-{name}",
            P,
            f'---\ntitle: 页\nstatus: "{escape}"\n---\n',
            f"{P}:3: status",
            says,
        )
    yield Case(
        "key-escape-esc",
        P,
        '---\ntitle: 页\n"\\x1b[2J": 1\n---\n',
        f"{P}:3: front matter",
        "U+001B",
    )
    yield Case(
        "history-note-escape",
        R,
        rules('version: 2\nhistory:\n  - version: 2\n    note: "\\x1b]0;标题\\x07"\n'),
        f"{R}:7: history",
        "U+001B",
    )


def _slugs() -> Iterator[Case]:
    for name, control in [
        ("rlo", "\\u202e"),
        ("lro", "\\u202d"),
        ("rli", "\\u2067"),
        ("pdi", "\\u2069"),
        ("lrm", "\\u200e"),
        ("zero-width-space", "\\u200b"),
    ]:
        text = f'---\ntitle: 页\nslug: "abc{control}gnp.exe"\n---\n'
        yield Case(f"slug-bidi-{name}", P, text, f"{P}:3: slug", "control characters")
    yield Case("slug-newline", P, '---\ntitle: 页\nslug: "a\\nb"\n---\n', f"{P}:3: slug", "a\\nb")
    yield Case(
        "slug-slash", P, "---\ntitle: 页\nslug: a/b\n---\n", f"{P}:3: slug", "without spaces"
    )
    yield Case("slug-dot", P, "---\ntitle: 页\nslug: ..\n---\n", f"{P}:3: slug", "dot")
    yield Case(
        "slug-reserved", P, "---\ntitle: 页\nslug: feeds\n---\n", f"{P}:3: slug", "hub does not use"
    )

    def nfd_twin(content: Path, outside: Path) -> None:
        nfc = "caf\u00e9"
        (content / "pages" / f"{nfc}.md").write_text("---\ntitle: 咖啡 NFC\n---\n", "utf-8")

    yield Case(
        "slug-nfc-nfd-same-page",
        "pages/cafe\u0301.md",
        "---\ntitle: 咖啡 NFD\n---\n",
        "pages/caf\u00e9.md:1: file",  # the NFD name sorts first and keeps the URL
        "no other document uses",
        setup=nfd_twin,
    )


def _urls() -> Iterator[Case]:
    for name, value in [
        ("parent-path", "../../etc/passwd"),
        ("absolute-path", "/etc/passwd"),
        ("javascript", "javascript:alert(1)"),
        ("data", "data:image/svg+xml;base64,PHN2Zz4="),
        ("climbs-out", "images/../../secret.png"),
        ("file-url", "file:///etc/passwd"),
        ("protocol-relative", "//evil.example/a.png"),
    ]:
        yield Case(f"avatar-{name}", M, member(f"avatar: {value}\n"), f"{M}:3: avatar", "images/")
    for name, value in [("javascript", "javascript:alert(1)"), ("vbscript", "vbscript:msgbox")]:
        yield Case(f"audio-{name}", T, transcript(f"audio: {value}\n"), f"{T}:5: audio", "URL")
        yield Case(f"signup-{name}", E, event(f"signup: {value}\n"), f"{E}:5: signup", "URL")
        yield Case(f"links-{name}", M, member(f"links:\n  主页: {value}\n"), f"{M}:4: links", "URL")


def _bodies() -> Iterator[Case]:
    deep_list = "\n".join(" " * (4 * level) + "- 层" for level in range(40)) + "\n"
    yield Case(
        "nested-lists-40", P, f"---\ntitle: 页\n---\n{deep_list}", f"{P}:28: body", "levels deep"
    )
    yield Case(
        "nested-markers-2000",
        P,
        "---\ntitle: 页\n---\n" + "- " * 2000 + "底\n",
        f"{P}:4: body",
        "found 2000",
    )
    yield Case(
        "nested-quotes-2000",
        P,
        "---\ntitle: 页\n---\n" + "> " * 2000 + "底\n",
        f"{P}:4: body",
        "found 2000",
    )
    yield Case(
        "nested-tabs-100",
        P,
        "---\ntitle: 页\n---\n- a\n" + "\t" * 100 + "- b\n",
        f"{P}:5: body",
        "levels deep",
    )
    yield Case(
        "file-5mb",
        P,
        "---\ntitle: 页\n---\n" + ("很长的一段话。" * 20 + "\n\n") * 12000,
        f"{P}:1: file",
        "at most 4 MB",
    )
    for name, stamp in [
        ("25-61", "25:61"),
        ("24-00", "24:00"),
        ("12-60", "12:60"),
        ("feb-30", "2016-02-30 20:00"),
    ]:
        yield Case(
            f"turn-time-{name}",
            T,
            transcript("", f"[{stamp}] 老王：大家好。\n"),
            f"{T}:6: time",
            f"[{stamp}]",
        )
    yield Case(
        "turn-zero-width-speaker",
        T,
        transcript("", "老\u200b王：大家好。\n"),
        f"{T}:6: warning: body",
        "zero-width",
        strict=True,
    )
    yield Case(
        "name-zero-width",
        M,
        "---\nname: 林\u200b晓雨\n---\n",
        f"{M}:2: warning: name",
        "zero-width",
        strict=True,
    )
    yield Case(
        "transcript-no-turns",
        T,
        transcript("", "林晓雨：我没有成员页。\n"),
        f"{T}:6: warning: body",
        "found none",
        strict=True,
    )
    yield Case(
        "rules-without-list", R, rules("", "没有编号的群规。\n"), f"{R}:5: body", "ordered list"
    )


def _structure() -> Iterator[Case]:
    yield Case("binary-nul", P, b"---\ntitle: x\n---\n\x00\x01", f"{P}:4: encoding", "binary")
    yield Case("utf16", P, "---\ntitle: x\n---\n".encode("utf-16"), f"{P}:1: encoding", "UTF-16")
    yield Case(
        "not-utf8-nor-gb", P, b"---\ntitle: \xff\xfe\xff\n---\n", f"{P}:2: encoding", "neither"
    )
    yield Case("no-front-matter", P, "# 标题\n", f"{P}:1: front matter", "---")
    yield Case("unclosed-front-matter", P, "---\ntitle: x\n", f"{P}:3: front matter", "closing")
    yield Case("empty-file", P, "", f"{P}:1: file", "empty file")
    yield Case("front-matter-list", P, "---\n- a\n---\n", f"{P}:2: front matter", "a list")
    yield Case("yaml-alias", P, "---\ntitle: &a 页\nsummary: *a\n---\n", f"{P}:3: summary", "alias")
    yield Case(
        "yaml-tag-python",
        P,
        "---\ntitle: !!python/object:os.system x\n---\n",
        f"{P}:2: title",
        "YAML",
    )
    yield Case("yaml-duplicate-key", P, "---\ntitle: a\ntitle: b\n---\n", f"{P}:3: title", "once")
    yield Case(
        "yaml-tab-indent", P, "---\ntitle: a\n\tsummary: b\n---\n", f"{P}:3: summary", "YAML"
    )
    yield Case("missing-title", P, "---\nsummary: 无题\n---\n", f"{P}:1: title", "found nothing")
    yield Case("title-mapping", P, "---\ntitle: {a: 1}\n---\n", f"{P}:2: title", "expected text")
    yield Case("title-empty-string", P, '---\ntitle: ""\n---\n', f"{P}:2: title", "expected text")
    yield Case(
        "status-unknown", P, "---\ntitle: a\nstatus: secret\n---\n", f"{P}:3: status", "one of"
    )
    yield Case("capacity-negative", E, event("capacity: -3\n"), f"{E}:5: capacity", "whole number")
    yield Case(
        "duration-45h", T, transcript("duration: '45:00:00'\n"), f"{T}:5: duration", "HH:MM:SS"
    )
    yield Case(
        "unknown-group",
        T,
        transcript("").replace("paoge", "paoga"),
        f"{T}:4: group",
        "did you mean",
    )
    yield Case(
        "member-file-name",
        "members/王五.md",
        "---\nname: 王五\n---\n",
        "members/王五.md:1: file",
        "member id",
    )
    yield Case(
        "member-name-taken",
        M,
        "---\nname: 王建国\n---\n",
        "members/wangjianguo.md:2: name",  # ceshi.md sorts first: the older file is told
        "also claimed by content/members/ceshi.md",
    )
    yield Case(
        "wrong-folder",
        "notes/a.md",
        "---\ntitle: a\n---\n",
        "notes/a.md:1: folder",
        "expected one of",
    )
    yield Case("not-markdown", "pages/a.html", "<script>x</script>", "pages/a.html:1: file", ".md")
    yield Case(
        "digest-week-54",
        "digests/2016-W54.md",
        "---\ntitle: a\n---\n",
        "digests/2016-W54.md:1: file",
        "a week like",
    )


def _links_outside(kind: str) -> Callable[[Path, Path], None]:
    """A symlink from inside content/ to a file or folder outside the hub."""

    def setup(content: Path, outside: Path) -> None:
        secret = outside / "ssh"
        secret.mkdir(exist_ok=True)
        (secret / "id_rsa").write_text("SECRET-KEY", "utf-8")
        (secret / "note.md").write_text("---\ntitle: 外面\n---\n", "utf-8")
        targets = {
            "images-folder": (content / "images" / "ssh", secret),
            "images-file": (content / "images" / "key.png", secret / "id_rsa"),
            "transcripts-folder": (content / "transcripts" / "ext", secret),
            "pages-file": (content / "pages" / "note.md", secret / "note.md"),
            "dangling": (content / "images" / "gone.png", outside / "nothing-here"),
        }
        link, target = targets[kind]
        link.parent.mkdir(parents=True, exist_ok=True)
        link.symlink_to(target)

    return setup


def _symlinks() -> Iterator[Case]:
    where = {
        "images-folder": "images/ssh",
        "images-file": "images/key.png",
        "transcripts-folder": "transcripts/ext",
        "pages-file": "pages/note.md",
        "dangling": "images/gone.png",
    }
    for kind, path in where.items():
        yield Case(
            f"symlink-out-{kind}", "", "", f"{path}:1: file", "link", setup=_links_outside(kind)
        )


CASES = [*_dates(), *_escapes(), *_slugs(), *_urls(), *_bodies(), *_structure(), *_symlinks()]
