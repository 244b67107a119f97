"""How long hostile documents take: build time against a document's size (it should grow
linearly), and how fast oversized and over-nested files are refused.

    .venv/bin/python scripts/bench_hostile.py --sizes 0.5,1,2,4

Each row builds a one-member hub holding one page and one transcript of SIZE MB (fresh
CACHE_PATH); the refusals are `qunzhi check` of a 20 MB page and of 2,000 nested lists.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SETTINGS = """\
SITENAME = "测量"
PATH = "content"
OUTPUT_PATH = "output"
CACHE_PATH = "cache"
THEME = {theme!r}
PLUGINS = ["qunzhi.hub", "qunzhi.digests", "qunzhi.feeds", "qunzhi.search"]
HUB_NOW = "2016-02-01 12:00"
"""
PARAGRAPH = "我们把群聊里最好的分享留下来，**整理**成可以搜索的页面，[链接](/about/)。\n\n"
TURN = "[20:01] 老王：今天聊聊卡片笔记，先说说为什么要记。\n\n> 记下来，才算发生过。\n\n"


def _hub(folder: Path, page: str, transcript: str) -> Path:
    (folder / "pelicanconf.py").write_text(SETTINGS.format(theme=str(REPO / "theme")), "utf-8")
    content = folder / "content"
    for sub in ("members", "pages", "transcripts"):
        (content / sub).mkdir(parents=True)
    (content / "members" / "wang.md").write_text("---\nname: 老王\n---\n", "utf-8")
    (content / "pages" / "big.md").write_text(f"---\ntitle: 大页\n---\n{page}", "utf-8")
    (content / "transcripts" / "big.md").write_text(
        f"---\ntitle: 大实录\ndate: 2016-01-03 20:00\nhost: 老王\n---\n{transcript}", "utf-8"
    )
    return folder


def _run(folder: Path, *command: str) -> tuple[float, int]:
    started = time.perf_counter()
    done = subprocess.run(
        [str(Path(sys.executable).with_name("qunzhi")), *command],
        cwd=folder,
        capture_output=True,
    )
    return time.perf_counter() - started, done.returncode


def _repeat(text: str, megabytes: float) -> str:
    return text * max(1, int(megabytes * 1024 * 1024 / len(text.encode())))


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="0.5,1,2,4", help="MB per document, comma-separated")
    args = parser.parse_args(argv)
    print("| MB per document | check s | build s | build s per MB |")
    print("|---:|---:|---:|---:|")
    for size in (float(text) for text in args.sizes.split(",")):
        megabytes = min(size, 3.99)
        with tempfile.TemporaryDirectory() as folder:
            hub = _hub(Path(folder), _repeat(PARAGRAPH, megabytes), _repeat(TURN, megabytes))
            checked, _ = _run(hub, "check")
            built, code = _run(hub, "build")
            status = "" if code == 0 else f" (exit {code})"
            print(f"| {size:g} | {checked:.1f} | {built:.1f}{status} | {built / size:.1f} |")
    print()
    print("| refused | exit | seconds |")
    print("|---|---:|---:|")
    refusals = {
        "a 20 MB page": _repeat(PARAGRAPH, 20),
        "2,000 nested lists": "- " * 2000 + "底\n",
        "2,000 nested quotes": "> " * 2000 + "底\n",
    }
    for name, page in refusals.items():
        with tempfile.TemporaryDirectory() as folder:
            hub = _hub(Path(folder), page, TURN)
            seconds, code = _run(hub, "check")
            print(f"| {name} | {code} | {seconds:.2f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
