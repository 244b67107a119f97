"""Time ``qunzhi import`` on generated 100,000-message QQ and WeChat exports.

Writes a tiny hub and two deterministic exports (QQ in GB18030 with CRLF, WeChat
in UTF-8) into a temporary folder, imports each in a fresh process, and prints
a table: messages, seconds, messages per second, peak RSS of that process.

    .venv/bin/python scripts/bench_import.py [--messages 100000]
"""

from __future__ import annotations

import argparse
import os
import random
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from datetime import datetime, timedelta
from pathlib import Path

THEME = Path(__file__).resolve().parents[1] / "theme"
SETTINGS = f"""
SITENAME = "基准"
PATH = "content"
THEME = {str(THEME)!r}
HUB_NOW = "2016-06-01 12:00"
HUB_GROUPS = {{"bench": {{"name": "基准群", "platform": "qq"}}}}
"""
MEMBERS = {"laowang": ("王建国", ["老王"]), "lixiaohong": ("李小红", ["小红", "20002"])}
WORDS = (
    "今天聊读书笔记怎么做", "我觉得卡片比摘抄有用", "注意：周四晚上八点开始",
    "有人读过《乡土中国》吗", "举例：我上周写了三张卡片", "同意楼上", "哈哈哈",
    "链接在群公告里", "下次活动在杭州", "谢谢分享！", "这个问题我也想问",
)  # fmt: skip
SYSTEM = ('"路人{n}"通过扫描二维码加入群聊', "路人{n}撤回了一条消息", '"路人{n}" 拍了拍 "老王"')


def messages(count: int, seed: int = 3) -> list[tuple[datetime, str, str, list[str]]]:
    """(time, nickname, QQ number, lines): one sender in seven is a member."""
    rng = random.Random(seed)
    moment = datetime(2016, 1, 1, 20, 0)
    out = []
    for index in range(count):
        moment += timedelta(seconds=rng.randint(1, 40))
        sender = rng.randint(0, 199)
        name, number = (
            (["老王", "小红"][sender % 2], str(10001 + sender % 2))
            if sender < 30
            else (
                f"群友{sender}",
                str(30000 + sender),
            )
        )
        lines = [rng.choice(WORDS) for _ in range(rng.choice((1, 1, 1, 2, 3)))]
        if index % 50 == 0:
            lines.append("[图片]")
        if index % 500 == 0:
            lines.append("电话 138-1234-5678")
        if index % 97 == 0:
            lines = [rng.choice(SYSTEM).format(n=index)]
        out.append((moment, name, number, lines))
    return out


def write_hub(root: Path) -> None:
    (root / "pelicanconf.py").write_text(SETTINGS, encoding="utf-8")
    for member_id, (name, aliases) in MEMBERS.items():
        path = root / "content" / "members" / f"{member_id}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"---\nname: {name}\naliases: {aliases}\n---\n", encoding="utf-8")


def write_exports(root: Path, count: int) -> dict[str, Path]:
    rows = messages(count)
    qq = [
        "消息记录（此消息记录为文本格式，不支持重新导入）",
        "",
        "=" * 64,
        "消息对象:基准群",
        "=" * 64,
        "",
    ]
    wechat = []
    for moment, name, number, lines in rows:
        qq += [f"{moment:%Y-%m-%d %H:%M:%S} {name}({number})", *lines, ""]
        wechat += [f"{name} {moment.year}/{moment.month}/{moment.day} {moment:%H:%M}", *lines]
    paths = {"qq": root / "qq.txt", "wechat": root / "wechat.txt"}
    paths["qq"].write_bytes("\r\n".join(qq).encode("gb18030"))
    paths["wechat"].write_text("\n".join(wechat), encoding="utf-8")
    return paths


def run_one(root: Path, export: Path) -> tuple[float, int]:
    """Seconds and peak RSS (KiB) of one ``qunzhi import`` in its own process."""
    qunzhi = Path(sys.executable).with_name("qunzhi")
    command = [str(qunzhi), "import", str(export), "--title", export.stem]
    started = time.monotonic()
    process = subprocess.Popen(command, cwd=root, stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.monotonic() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise SystemExit(f"bench_import: {export.name}: qunzhi import exited {process.returncode}")
    return seconds, usage.ru_maxrss


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--messages", type=int, default=100_000, help="messages per export")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="qunzhi-bench-import-") as folder:
        root = Path(folder)
        write_hub(root)
        exports = write_exports(root, args.messages)
        print(
            f"{'format':<8} {'messages':>9} {'MB':>6} {'seconds':>8} {'msg/s':>9} {'peak RSS':>9}"
        )
        for name, export in exports.items():
            seconds, rss = run_one(root, export)
            size = export.stat().st_size / 1e6
            print(
                f"{name:<8} {args.messages:>9,} {size:>6.1f} {seconds:>8.2f} "
                f"{args.messages / seconds:>9,.0f} {rss / 1024:>7.0f} MB"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
