"""Time the feeds of synthetic hubs: planning (entries, absolute HTML) and writing.

Makes each corpus with gen_corpus.py (kept in --work and reused), reads the hub and
makes its digests once (their times are shown for scale: they are the build's and the
digests plugin's, not the feeds'), then times the feeds plugin's two steps, the weekly
and monthly feeds included, with full content and with summaries, and prints a table:

    python scripts/bench_feeds.py --sizes 1000 10000
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

import gen_corpus
from pelican.settings import read_settings

from qunzhi.digests.archive import Digests
from qunzhi.feeds.catalogue import build_catalogue
from qunzhi.feeds.entries import EntryMaker
from qunzhi.feeds.writer import FeedWriter
from qunzhi.hub.errors import Diagnostics
from qunzhi.hub.hub import Hub, load_hub
from qunzhi.hub.settings import check_settings

BASE = "https://bench.example.org"


def corpus(work: Path, size: int) -> Path:
    folder = work / str(size)
    if not (folder / "pelicanconf.py").is_file():
        code = gen_corpus.main([str(size), str(folder)])
        if code:
            raise SystemExit(code)
    return folder


def read(folder: Path) -> tuple[dict, Hub, float]:
    """The corpus's settings (published at BASE) and hub, and the seconds reading took."""
    settings = read_settings(
        str(folder / "pelicanconf.py"), override={"SITEURL": BASE, "HUB_PUBLISH": True}
    )
    check_settings(settings)
    started = time.perf_counter()
    hub = load_hub(settings, Diagnostics())
    return settings, hub, time.perf_counter() - started


def measure(settings: dict, hub: Hub, digests: Digests, output: Path) -> dict[str, float]:
    """Plan (entries, absolute HTML) and write (feedgen, files) every feed, timed."""
    started = time.perf_counter()
    maker = EntryMaker(settings, BASE + "/", hub.now)
    catalogue = build_catalogue(hub, maker, settings["HUB_FEEDS"], int(settings["HUB_FEED_ITEMS"]))
    digesting = time.perf_counter()
    catalogue.add_digests(digests)
    digest_feeds = time.perf_counter() - digesting
    planned = time.perf_counter() - started

    started = time.perf_counter()
    writer = FeedWriter(settings, BASE + "/", hub.now)
    size = 0
    for feed in catalogue.feeds:
        for path, document in zip(
            (feed.atom_path, feed.rss_path), writer.write(feed.info, feed.entries), strict=True
        ):
            target = output / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(document)
            size += len(document)
    written = time.perf_counter() - started
    return {
        "feeds": len(catalogue.feeds) * 2,
        "entries": sum(len(feed.entries) for feed in catalogue.feeds) * 2,
        "plan": planned,
        "digest feeds": digest_feeds,
        "write": written,
        "mb": size / 1e6,
    }


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Time feed planning and writing.")
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--work", type=Path, help="where corpora are made and kept")
    args = parser.parse_args(argv)
    work = args.work or Path(tempfile.mkdtemp(prefix="bench-feeds-"))
    header = (
        f"{'documents':>9}  {'published':>9}  {'read hub s':>10}  {'digests s':>9}  "
        f"{'content':>7}  {'files':>5}  "
        f"{'entries':>7}  {'MB':>5}  {'plan s':>6}  {'of which digests':>16}  {'write s':>7}  "
        f"{'feeds s':>7}"
    )
    print(header)
    print("-" * len(header))
    for size in args.sizes:
        settings, hub, seconds = read(corpus(work, size))
        started = time.perf_counter()
        digests = Digests(hub)
        digesting = time.perf_counter() - started
        for content in ("full", "summary"):
            settings["HUB_FEED_CONTENT"] = content
            with tempfile.TemporaryDirectory() as output:
                m = measure(settings, hub, digests, Path(output))
            print(
                f"{size:>9}  {len(hub.published):>9}  {seconds:>10.2f}  {digesting:>9.2f}  "
                f"{content:>7}  "
                f"{m['feeds']:>5}  {m['entries']:>7}  {m['mb']:>5.1f}  {m['plan']:>6.2f}  "
                f"{m['digest feeds']:>16.2f}  "
                f"{m['write']:>7.2f}  {m['plan'] + m['write']:>7.2f}"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
