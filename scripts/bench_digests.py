"""Time the digests' share of a build in one process (CPU time); print a table.

    python scripts/bench_digests.py SITE [--runs 3]

SITE is a hub folder with ``pelicanconf.py`` and ``content/`` (``scripts/gen_corpus.py
N SITE`` makes one). The hub is read once per build (not timed), with the caches in a
fresh temporary CACHE_PATH; then the steps a build runs for digests are timed:

- gather: ``Digests(hub)``: periods, their contents and the topics;
- feeds: the weekly and monthly feeds' entries (``digest_feeds``), bodies included;
- pages: the digest pages' charts and the ``newsletter.html`` / ``.txt`` files, written
  into a temporary folder (the theme's page itself is Pelican's writer: not timed).

Three builds: cold (no cache), nothing changed, and one transcript edited (a sentence
appended to its last turn, restored afterwards). ``--runs``: medians of that many.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from bench import edit_transcript
from pelican.settings import read_settings

from qunzhi.digests.archive import Digests
from qunzhi.digests.pages import write_digest_pages
from qunzhi.feeds.digestfeeds import digest_feeds
from qunzhi.feeds.entries import EntryMaker
from qunzhi.feeds.links import site_base
from qunzhi.hub.errors import Diagnostics
from qunzhi.hub.hub import load_hub
from qunzhi.hub.settings import check_settings
from qunzhi.hub.store import BuildStore

STEPS = ("gather", "feeds", "pages")
BUILDS = ("cold", "nothing changed", "one transcript edited")


def timed(work: Callable[[], Any]) -> tuple[Any, float]:
    start = time.process_time()
    result = work()
    return result, time.process_time() - start


def build(settings: dict[str, Any], output: Path) -> dict[str, float]:
    """One build's digest steps, in the order a build runs them: seconds of CPU each."""
    store = BuildStore.of(settings)
    hub = load_hub(settings, Diagnostics(), store)
    digests, gather = timed(lambda: Digests(hub, Diagnostics()))
    maker = EntryMaker(settings, site_base(settings), hub.now)
    site = str(settings.get("SITENAME") or "")
    limit = int(settings["HUB_FEED_ITEMS"])
    _, feeds = timed(lambda: list(digest_feeds(digests, maker, site, ["weekly", "monthly"], limit)))
    _, pages = timed(lambda: write_digest_pages(digests, lambda *a, **k: None, output))
    store.save()
    return {"gather": gather, "feeds": feeds, "pages": pages}


def rounds(site: Path, runs: int) -> dict[str, list[dict[str, float]]]:
    found: dict[str, list[dict[str, float]]] = {name: [] for name in BUILDS}
    for number in range(runs):
        with tempfile.TemporaryDirectory(prefix="bench-digests-") as folder:
            settings = read_settings(
                str(site / "pelicanconf.py"),
                override={"PATH": str(site / "content"), "CACHE_PATH": f"{folder}/cache"},
            )
            check_settings(settings)
            output = Path(folder) / "output"
            found["cold"].append(build(settings, output))
            found["nothing changed"].append(build(settings, output))
            edit = edit_transcript(site / "content", number)
            try:
                found["one transcript edited"].append(build(settings, output))
            finally:
                edit.path.write_bytes(edit.original)
    return found


def table(found: dict[str, list[dict[str, float]]]) -> str:
    lines = ["| build | " + " | ".join(STEPS) + " | digests in all |", "|---|" + "---:|" * 4]
    for name, samples in found.items():
        medians = [statistics.median(sample[step] for sample in samples) for step in STEPS]
        cells = " | ".join(f"{value:.2f} s" for value in medians)
        lines.append(f"| {name} | {cells} | {sum(medians):.2f} s |")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("site", type=Path, help="a hub folder: pelicanconf.py and content/")
    parser.add_argument("--runs", type=int, default=1, help="rounds; the table shows medians")
    args = parser.parse_args(argv)
    if not (args.site / "pelicanconf.py").is_file():
        print(
            f"bench_digests: {args.site}: expected a hub folder with pelicanconf.py",
            file=sys.stderr,
        )
        return 2
    print(table(rounds(args.site, args.runs)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
