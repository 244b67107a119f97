"""Any front matter and body (hypothesis generates them) gives a build or one-line
errors, never a traceback, and ``qunzhi check`` agrees with ``qunzhi build``."""

from __future__ import annotations

import re
import shutil
import tempfile
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

ERROR_LINE = re.compile(r"^content/\S+:\d+: (?!warning: )")
KEYS = [
    *("title", "date", "end", "tags", "group", "summary", "slug", "status", "host"),
    *("speakers", "audio", "duration", "capacity", "signup", "effective", "version", "history"),
    *("name", "aliases", "avatar", "joined", "links", "role"),
]
FOLDERS = ["transcripts", "events", "rules", "members", "pages", "digests"]
SETTINGS = """\
SITENAME = "性质测试"
SITEURL = ""
TIMEZONE = "Asia/Shanghai"
PATH = "content"
OUTPUT_PATH = "output"
THEME = {theme!r}
PLUGINS = ["qunzhi.hub", "qunzhi.digests", "qunzhi.feeds", "qunzhi.search"]
HUB_NOW = "2016-02-01 12:00"
HUB_GROUPS = {{"paoge": {{"name": "炮哥有约"}}}}
HUB_JOBS = 1
"""
MEMBER = "---\nname: 王建国\naliases: [老王]\n---\n群主。\n"
# what chat logs and hostile pull requests hold: CJK, Markdown, HTML, controls, bidi
ALPHABET = list("王老建国：:[]>#*-—`|!()<>/\\\"'&;=\n\t 1234567890abcé\u0301")
ALPHABET += ["\u200b", "\u202e", "\x1b", "\x00", "\x7f", "\ufeff"]
SCALARS = st.one_of(
    st.text(ALPHABET, max_size=30),
    st.sampled_from(
        ["2016-01-03 20:00", "9999-12-31", "0001-01-01", "2016-02-30", "2016-01-03 20:00+25:00"]
    ),
    st.integers(-(10**20), 10**20),
    st.booleans(),
    st.none(),
)
VALUES = st.recursive(
    SCALARS,
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.sampled_from(KEYS), inner, max_size=3)
    ),
    max_leaves=6,
)
FRONT = st.one_of(
    st.dictionaries(st.sampled_from(KEYS), VALUES, max_size=6).map(
        lambda data: yaml.safe_dump(data, allow_unicode=True)
    ),
    st.text(ALPHABET, max_size=60),  # not even YAML, often
)
BODY = st.lists(
    st.one_of(
        st.text(ALPHABET, max_size=40),
        st.sampled_from(
            ["老王：你好", "[25:61] 老王：晚", "> 引用\n> —— 老王", "1. 第一条", "```\n代码"]
        ),
    ),
    max_size=6,
).map("\n\n".join)


def _run(main, root: Path, command: str, capsys) -> tuple[int, list[str]]:
    code = main([command, "--settings", str(root / "pelicanconf.py")])
    captured = capsys.readouterr()
    return code, [line for line in captured.err.splitlines() if line.strip()]


@settings(
    max_examples=30,
    derandomize=True,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(folder=st.sampled_from(FOLDERS), front=FRONT, body=BODY)
def test_any_document_builds_or_fails_in_one_line_each(folder, front, body, capsys, monkeypatch):
    from qunzhi.cli import main

    theme = Path(__file__).resolve().parents[2] / "theme"
    root = Path(tempfile.mkdtemp(prefix="qunzhi-property-"))
    try:
        (root / "pelicanconf.py").write_text(SETTINGS.format(theme=str(theme)), "utf-8")
        (root / "content" / "members").mkdir(parents=True)
        (root / "content" / "members" / "wangjianguo.md").write_text(MEMBER, "utf-8")
        name = "2016-W02.md" if folder == "digests" else "ceshi.md"
        target = root / "content" / folder / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(f"---\n{front}\n---\n{body}\n", "utf-8", errors="surrogatepass")
        monkeypatch.chdir(root)
        checked, check_lines = _run(main, root, "check", capsys)
        built, build_lines = _run(main, root, "build", capsys)
    finally:
        shutil.rmtree(root, ignore_errors=True)
    for lines in (check_lines, build_lines):
        assert not any("Traceback" in line for line in lines), lines
        assert all(line.isprintable() for line in lines), lines
    assert built in (0, 1), build_lines
    assert checked == built, (check_lines, build_lines)
    errors = [line for line in build_lines if ERROR_LINE.match(line)]
    assert errors == [line for line in check_lines if ERROR_LINE.match(line)]
    if built:
        assert errors, build_lines  # a failed build says where
