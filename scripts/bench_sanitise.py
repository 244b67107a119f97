"""The sanitiser's share of a cold build: how much of it is nh3 cleaning bodies.

For each corpus size (scripts/gen_corpus.py) it prints one row of a table:

- the cold build in one process (HUB_JOBS=1, fresh CACHE_PATH) with the time spent in
  ``Sanitiser.clean`` measured inside it, and that time's share of the build;
- the cold build as an editor runs it (all cores), sanitising and with HUB_TRUSTED_HTML.

    .venv/bin/python scripts/bench_sanitise.py --docs 1000,10000
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def _corpus(size: int, folder: Path) -> Path:
    subprocess.run(
        [sys.executable, str(REPO / "scripts" / "gen_corpus.py"), str(size), str(folder)],
        check=True,
    )
    return folder


def _settings(corpus: Path, extra: str) -> Path:
    path = corpus / f"bench-{abs(hash(extra))}.py"
    base = (corpus / "pelicanconf.py").read_text("utf-8")
    path.write_text(f"{base}\n{extra}\n", "utf-8")
    return path


def _fresh(corpus: Path) -> Path:
    shutil.rmtree(corpus / ".qunzhi-cache", ignore_errors=True)
    output = corpus / "bench-output"
    shutil.rmtree(output, ignore_errors=True)
    return output


def in_process(corpus: Path) -> tuple[float, float]:
    """(build seconds, seconds inside Sanitiser.clean) of a cold one-process build."""
    code = f"""
import sys, time
from qunzhi.hub import sanitise
spent = [0.0]
clean = sanitise.Sanitiser.clean
def timed(self, markup):
    started = time.perf_counter()
    try:
        return clean(self, markup)
    finally:
        spent[0] += time.perf_counter() - started
sanitise.Sanitiser.clean = timed
from qunzhi.cli import main
started = time.perf_counter()
code = main(["build", "--settings", {str(_settings(corpus, "HUB_JOBS = 1"))!r},
             "--output", {str(_fresh(corpus))!r}])
print(time.perf_counter() - started, spent[0], code)
"""
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=corpus, capture_output=True, text=True, check=True
    )
    build, spent, status = done.stdout.split()[-3:]
    if status != "0":
        raise SystemExit(f"bench_sanitise.py: the build failed:\n{done.stderr}")
    return float(build), float(spent)


def cold_build(corpus: Path, extra: str) -> float:
    settings = _settings(corpus, extra)
    output = _fresh(corpus)
    started = time.perf_counter()
    subprocess.run(
        [
            str(Path(sys.executable).with_name("qunzhi")),
            "build",
            "--settings",
            str(settings),
            "--output",
            str(output),
        ],
        cwd=corpus,
        check=True,
        stderr=subprocess.DEVNULL,
    )
    return time.perf_counter() - started


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--docs", default="1000", help="corpus sizes, comma-separated")
    parser.add_argument(
        "--one-process", action="store_true", help="only the one-process build (no all-cores rows)"
    )
    args = parser.parse_args(argv)
    sizes = [int(size) for size in args.docs.split(",")]
    print(f"{os.cpu_count()} cores")
    print(
        "| docs | one process: build s | sanitiser s | share | all cores: sanitised s | trusted s |"
    )
    print("|---:|---:|---:|---:|---:|---:|")
    for size in sizes:
        with tempfile.TemporaryDirectory(prefix="bench-sanitise-") as folder:
            corpus = _corpus(size, Path(folder) / "corpus")
            build, spent = in_process(corpus)
            cores = "| – | – |"
            if not args.one_process:
                sanitised = cold_build(corpus, "")
                trusted = cold_build(corpus, "HUB_TRUSTED_HTML = True")
                cores = f"| {sanitised:.1f} | {trusted:.1f} |"
            print(
                f"| {size:,} | {build:.1f} | {spent:.2f} | {spent / build:.1%} {cores}",
                flush=True,
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
