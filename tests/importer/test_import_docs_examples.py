"""The examples in docs/import.md are what the command produces on the fixture hub."""

from __future__ import annotations

import re
from pathlib import Path

DOC = (Path(__file__).resolve().parents[2] / "docs" / "import.md").read_text(encoding="utf-8")
BLOCK = re.compile(r"^```(\w+)\n(.*?)^```$", re.MULTILINE | re.DOTALL)


def blocks(heading: str) -> list[tuple[str, str]]:
    """(language, text) of the code blocks in one ### section of the guide."""
    start = DOC.index(f"### {heading}")
    end = re.compile(r"\n##+ ").search(DOC, start + 1)
    return BLOCK.findall(DOC[start : end.start() if end else None])


def body(draft: str) -> str:
    return draft.split("---\n", 2)[2].lstrip("\n")


def test_qq_example(site, qunzhi, chat):
    (_, log), (_, expected) = blocks("1.1")
    chat("读书角.txt", log.replace("\n", "\r\n").encode("gbk"))

    result = qunzhi(
        site, "import", "读书角.txt", "--title", "读书会怎么办", "--host", "老王",
        "--speakers", "小红",
    )  # fmt: skip

    assert result.code == 0, result.err
    written = site.content / "transcripts/2016/2016-01-03-du-shu-hui-zen-me-ban.md"
    assert written.read_text(encoding="utf-8") == expected
    section = DOC[DOC.index("## 3. 报告") :]
    report = re.search(r"```console\n\$ qunzhi import 读书角.txt .*?\n(.*?)```", section, re.DOTALL)
    assert result.out == report.group(1)


def test_wechat_examples(site, qunzhi, chat):
    (_, name_first), (_, time_first), (_, expected) = blocks("1.2")
    for name, log in (("a.txt", name_first), ("b.txt", time_first)):
        chat(name, log)
        result = qunzhi(site, "import", name, "--dry-run")
        assert body(result.out) == expected


def test_pasted_example(site, qunzhi, chat):
    (_, log), (_, expected) = blocks("1.3")
    chat("实录.txt", log)

    result = qunzhi(
        site, "import", "实录.txt", "--speakers", "陈老师", "--host", "老王",
        "--date", "2016-01-17 20:00", "--dry-run",
    )  # fmt: skip

    assert body(result.out) == expected


def test_qq_chat_exporter_example(site, qunzhi, chat):
    (_, export), (_, expected) = blocks("1.5")
    chat("读书角.json", export)

    result = qunzhi(site, "import", "读书角.json", "--dry-run")

    assert result.code == 0, result.err
    assert body(result.out) == expected


def test_memotrace_html_example(site, qunzhi, chat):
    (_, page), (_, expected) = blocks("1.13")
    chat("读书角.html", page)

    result = qunzhi(site, "import", "读书角.html", "--dry-run")

    assert result.code == 0, result.err
    assert body(result.out) == expected
