"""Time ``qunzhi serve --watch`` as an editor feels it: save a one-line edit, see the page.

Generates a hub of N documents with gen_corpus.py (or reuses --hub), starts
``qunzhi serve --watch`` on it, opens a transcript in headless Chromium, then
appends a line to the transcript several times and waits for the new text on the
page. It prints the median save-to-reloaded-page time next to the preview and the
whole rebuild times the server reported, and, for the choice of an in-process
rebuild, what a separate ``qunzhi build`` process costs for the same edit and what
its imports alone cost.
"""

from __future__ import annotations

import argparse
import queue
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Sequence
from pathlib import Path

HERE = Path(__file__).resolve().parent
QUNZHI = [sys.executable, "-c", "import sys; from qunzhi.cli import main; sys.exit(main())"]
IMPORTS = "import pelican, qunzhi.cli, qunzhi.hub, qunzhi.search, qunzhi.feeds, qunzhi.digests"
SERVING = re.compile(r"serving .* at (http://[^/]+)/")
REBUILT = re.compile(r"rebuilt in ([\d.]+) s")
PREVIEWED = re.compile(r"previewed .* in ([\d.]+) s")


class Server:
    """``qunzhi serve --watch`` in a child process; its stderr lines in a queue."""

    def __init__(self, hub: Path) -> None:
        self.process = subprocess.Popen(
            [*QUNZHI, "serve", "--watch", "--port", "0"],
            cwd=hub,
            stderr=subprocess.PIPE,
            stdout=subprocess.DEVNULL,
            text=True,
        )
        self.lines: queue.Queue[str] = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()
        self.base = self.wait_for(SERVING, 600).group(1)

    def _read(self) -> None:
        assert self.process.stderr is not None
        for line in self.process.stderr:
            self.lines.put(line.rstrip("\n"))

    def wait_for(self, pattern: re.Pattern[str], timeout: float) -> re.Match[str]:
        deadline = time.monotonic() + timeout
        while True:
            line = self.lines.get(timeout=max(0.1, deadline - time.monotonic()))
            if match := pattern.search(line):
                return match
            if line.startswith("qunzhi:") and "fail" in line:
                raise SystemExit(f"bench_watch.py: {line}")

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=30)


def transcript(hub: Path) -> tuple[Path, str]:
    """A published transcript and its page URL (the slug is the file name after the date)."""
    for path in sorted((hub / "content" / "transcripts").rglob("*.md")):
        slug = path.stem[11:]
        if (hub / "output" / "transcripts" / slug / "index.html").is_file():
            return path, f"transcripts/{slug}/"
    raise SystemExit("bench_watch.py: no published transcript in the built hub")


def editor_timings(hub: Path, edits: int) -> tuple[list[float], list[float], list[float]]:
    """Save-to-page seconds, the server's preview and rebuild seconds, per edit."""
    from playwright.sync_api import sync_playwright

    server = Server(hub)
    path, url = transcript(hub)
    felt, previewed, rebuilt = [], [], []
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=shutil.which("chromium"),
                args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
            )
            page = browser.new_page()
            page.goto(f"{server.base}/{url}")
            page.wait_for_timeout(500)  # the event stream is open
            for number in range(1, edits + 1):
                marker = f"计时修改第{number}次"
                started = time.monotonic()
                with path.open("a", encoding="utf-8") as file:
                    file.write(f"\n阿韩：{marker}。\n")
                page.get_by_text(marker).wait_for(timeout=120_000)
                felt.append(time.monotonic() - started)
                previewed.append(float(server.wait_for(PREVIEWED, 120).group(1)))
                rebuilt.append(float(server.wait_for(REBUILT, 120).group(1)))
                page.wait_for_timeout(300)
            browser.close()
    finally:
        server.stop()
    return felt, previewed, rebuilt


def process_timings(hub: Path, runs: int) -> tuple[list[float], list[float]]:
    """Seconds of ``qunzhi build`` in a new process after a one-line edit, and of its imports."""
    path, _url = transcript(hub)
    builds, imports = [], []
    for number in range(1, runs + 1):
        with path.open("a", encoding="utf-8") as file:
            file.write(f"\n阿韩：进程计时第{number}次。\n")
        started = time.monotonic()
        subprocess.run([*QUNZHI, "build"], cwd=hub, check=True, stderr=subprocess.DEVNULL)
        builds.append(time.monotonic() - started)
        started = time.monotonic()
        subprocess.run([sys.executable, "-c", IMPORTS], check=True)
        imports.append(time.monotonic() - started)
    return builds, imports


def row(name: str, values: list[float]) -> str:
    median = statistics.median(values)
    return f"| {name} | {median:.2f} | {min(values):.2f} | {max(values):.2f} | {len(values)} |"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="bench_watch.py", description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=1000, help="documents (default 1000)")
    parser.add_argument("--edits", type=int, default=5, help="timed saves (default 5)")
    parser.add_argument("--hub", type=Path, help="reuse this generated hub (kept)")
    args = parser.parse_args(argv)
    if shutil.which("chromium") is None:
        print("bench_watch.py: chromium is not installed", file=sys.stderr)
        return 2
    temporary = None
    hub = args.hub
    if hub is None or not (hub / "content").is_dir():
        if hub is None:
            temporary = tempfile.TemporaryDirectory(prefix="bench-watch-")
            hub = Path(temporary.name)
        subprocess.run([sys.executable, str(HERE / "gen_corpus.py"), str(args.docs), str(hub)])
    try:
        felt, previewed, rebuilt = editor_timings(hub, args.edits)
        builds, imports = process_timings(hub, 2)
    finally:
        if temporary is not None:
            temporary.cleanup()
    rest = [one - two for one, two in zip(felt, previewed, strict=True)]
    print(f"qunzhi serve --watch, {args.docs} documents, one-line edit of a transcript (s)\n")
    print("| figure | median | min | max | runs |\n|---|---|---|---|---|")
    print(row("save to reloaded page (Chromium)", felt))
    print(row("of which the saved page's preview", previewed))
    print(row("of which the rest (watch, event, reload, page load)", rest))
    print(row("the whole in-process rebuild that follows", rebuilt))
    print(row("`qunzhi build` in a new process instead", builds))
    print(row("of which its imports alone", imports))
    return 0


if __name__ == "__main__":
    sys.exit(main())
