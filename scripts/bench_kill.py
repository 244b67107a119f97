"""Stop a build at ten points and check what it leaves (issue 17, §5).

    python scripts/bench_kill.py [--docs 1000] [--change edit|sitename] [--signals kill,term,int]

Generates the corpus (scripts/gen_corpus.py) and builds it (the old site), then builds it
from nothing after a change, the reference new site: ``edit`` appends a sentence to the
first published transcript (as bench.py's one-edit round: a few files written, every other
file hard-linked), ``sitename`` edits SITENAME (every page made again: minutes a build at
1,000 documents on a busy machine). Then, for each signal, ten times: a copy of the old
hub (hard links: a build never writes into an existing file) gets the change and is built
again, and the build is stopped at one of ten points: seven moments spread over an
unstopped build's duration (process start-up included), and three in its commit (halfway
through hard-linking the unchanged files, just before the swap, just after it), where
the build sends the signal to itself. After each stop the output is compared, file by
file, with the old site and the new one; the processes of the build's session still
running 5 s later are counted (then ended); the next build is compared with the build from
nothing. Prints a Markdown table (not a test: it takes about half an hour at 1,000
documents with ``edit``).
"""

from __future__ import annotations

import argparse
import hashlib
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

import gen_corpus
from bench import edit_transcript

from qunzhi.hub.output import manifest_path

SIGNALS = {"kill": signal.SIGKILL, "term": signal.SIGTERM, "int": signal.SIGINT}
CHANGE = '\nSITENAME = "改过名的群志"\n'
MOMENTS = (0.05, 0.15, 0.3, 0.45, 0.6, 0.75, 0.9)  # of an unstopped build's wall time
CACHE = ".qunzhi-cache/qunzhi-store"  # gen_corpus.py's CACHE_PATH
MADE = re.compile(r"hub: (\d+) files made .*?, (\d+) written")

# `qunzhi build` whose commit sends SIGNAL to its own process at the COUNT-th call of
# NAME (a function of qunzhi.hub.output), before it runs or just after it returned.
STOPPED = """
import os, signal, sys
signal.signal(signal.SIGINT, signal.default_int_handler)  # as in a terminal, even from `&`
from qunzhi.cli import main
from qunzhi.hub import output
where, name, number, count = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
real, calls = getattr(output, name), [0]
def wrapped(*args, **kwargs):
    calls[0] += 1
    if where == "before" and calls[0] == count:
        os.kill(os.getpid(), number)
    result = real(*args, **kwargs)
    if where == "after" and calls[0] == count:
        os.kill(os.getpid(), number)
    return result
setattr(output, name, wrapped)
sys.exit(main(["build"]))
"""
# (a command started with `&` by a shell without job control ignores SIGINT: not here)
INTERRUPTIBLE = "import signal; signal.signal(signal.SIGINT, signal.default_int_handler)"
BUILD = [
    sys.executable,
    "-c",
    f"{INTERRUPTIBLE}; import sys; from qunzhi.cli import main; sys.exit(main())",
]


def tree(folder: Path) -> dict[str, str]:
    return {
        path.relative_to(folder).as_posix(): hashlib.blake2b(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def build(hub: Path, *args: str) -> tuple[float, str]:
    started = time.monotonic()
    done = subprocess.run([*BUILD, "build", *args], cwd=hub, capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"bench_kill.py: the build of {hub} failed: {done.stderr[-2000:]}")
    return time.monotonic() - started, done.stderr


def apply(change: str, hub: Path) -> None:
    if change == "edit":
        edit_transcript(hub / "content", 1)
    else:
        with (hub / "pelicanconf.py").open("a", encoding="utf-8") as settings:
            settings.write(CHANGE)


def copy_hub(source: Path, target: Path, change: str) -> Path:
    """The hub with its output and caches, as hard links (its content copied); the change
    applied."""
    subprocess.run(["cp", "-al", str(source), str(target)], check=True)
    shutil.rmtree(target / "content")  # edited in place: not shared with the old hub
    shutil.copytree(source / "content", target / "content")
    (target / "pelicanconf.py").unlink()
    shutil.copy(source / "pelicanconf.py", target / "pelicanconf.py")
    for lock in target.rglob("*.lock"):
        lock.unlink()  # a lock file is written in place: each copy has its own
    outputs = target / CACHE / "outputs"  # a manifest is kept per output path
    manifest_path(outputs, (source / "output").resolve()).rename(
        manifest_path(outputs, (target / "output").resolve())
    )
    apply(change, target)
    return target


def in_session(session: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        try:
            fields = (entry / "stat").read_text().rpartition(")")[2].split()
        except (OSError, ValueError):
            continue
        if entry.name.isdigit() and fields[0] != "Z" and int(fields[3]) == session:
            found.append(int(entry.name))
    return found


def trial(hub: Path, number: int, point: tuple[str, ...], duration: float) -> tuple[int, int]:
    """One stopped build: the exit status and the processes alive 5 s after the stop."""
    if point[0] == "at":
        process = subprocess.Popen(
            [*BUILD, "build"],
            cwd=hub,
            start_new_session=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        time.sleep(float(point[1]) * duration)
        os.kill(process.pid, number)
    else:
        where, name, count = point
        process = subprocess.Popen(
            [sys.executable, "-c", STOPPED, where, name, str(number), count],
            cwd=hub,
            start_new_session=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
    code = process.wait(timeout=600)
    time.sleep(5)
    alive = in_session(process.pid)
    for pid in alive:
        os.kill(pid, signal.SIGKILL)
    return code, len(alive)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="bench_kill.py", description=__doc__)
    parser.add_argument("--docs", type=int, default=1000, help="corpus size (default 1000)")
    parser.add_argument("--signals", default="kill,term,int", help="of kill, term, int")
    parser.add_argument("--change", choices=("edit", "sitename"), default="edit")
    parser.add_argument("--keep", type=Path, help="work folder to keep (default: temporary)")
    args = parser.parse_args(argv)
    names = args.signals.split(",")
    if not set(names) <= set(SIGNALS):
        parser.error(f"--signals: expected some of {', '.join(SIGNALS)}")
    work = args.keep or Path(tempfile.mkdtemp(prefix="qunzhi-bench-kill-"))
    try:
        return run(work.resolve(), args.docs, names, args.change)
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)


def run(work: Path, docs: int, names: list[str], change: str) -> int:
    old_hub = work / "old"
    if not old_hub.is_dir():
        gen_corpus.main([str(docs), str(old_hub)])
    build(old_hub)  # nothing to do when it was built
    old = tree(old_hub / "output")
    fresh = work / f"fresh-{change}"
    if not (fresh / "output").is_dir():
        fresh.mkdir(parents=True)
        shutil.copytree(old_hub / "content", fresh / "content")
        shutil.copy(old_hub / "pelicanconf.py", fresh / "pelicanconf.py")
        apply(change, fresh)
        build(fresh)
    new = tree(fresh / "output")
    reference = copy_hub(old_hub, work / "reference", change)
    duration, log = build(reference, "-v")
    made, written = map(int, MADE.findall(log)[-1])
    same = tree(reference / "output") == new
    shutil.rmtree(reference)
    print(
        f"{docs:,} documents, {len(old):,} files; change: {change}; an unstopped build: "
        f"{duration:.1f} s, {written:,} files written, {made - written:,} linked, "
        f"output {'≡' if same else '≠'} a build from nothing; load {os.getloadavg()[0]:.2f}",
        flush=True,
    )
    points = [("at", str(moment)) for moment in MOMENTS] + [
        ("before", "link_or_copy", str(max(1, (made - written) // 2))),
        ("before", "swap_in", "1"),
        ("after", "swap_in", "1"),
    ]
    print("\n| signal | point | exit | output | alive after 5 s | next build |")
    print("|---|---|---:|---|---:|---|", flush=True)
    score: dict[str, list[int]] = {}
    for name in names:
        for number, point in enumerate(points):
            hub = copy_hub(old_hub, work / f"trial-{name}-{number}", change)
            code, alive = trial(hub, SIGNALS[name], point, duration)
            found = tree(hub / "output")
            state = "old" if found == old else "new" if found == new else "MIXED"
            build(hub)
            again = tree(hub / "output") == new
            shutil.rmtree(hub)
            kept = score.setdefault(name, [0, 0, 0])
            kept[0] += state != "MIXED"
            kept[1] += alive == 0
            kept[2] += again
            where = f"{float(point[1]):.0%} of the build" if point[0] == "at" else " ".join(point)
            equal = "≡ fresh" if again else "≠"
            print(f"| {name} | {where} | {code} | {state} | {alive} | {equal} |", flush=True)
    print("\n| signal | output old or new | 0 processes alive | next build ≡ fresh |")
    print("|---|---:|---:|---:|")
    for name, (whole, none, equal) in score.items():
        total = len(points)
        print(f"| {name} | {whole}/{total} | {none}/{total} | {equal}/{total} |")
    print(f"\nload average at the end: {os.getloadavg()[0]:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
