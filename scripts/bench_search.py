"""Benchmark the hub's search against plain Whoosh and jieba's own analyzer; print a table.

    python scripts/bench_search.py [--docs 1000,10000] [--queries 40] [--keep DIR]

For each corpus size it generates the corpus (scripts/gen_corpus.py), builds it
with ``qunzhi build`` (the site, the index of record and the static search), and
then measures, on the same records (pages and transcript turns):

- index build time: ours (rjieba, folding, stems), Whoosh's default analyzer, and
  jieba's ChineseAnalyzer (``pip install jieba``), each from scratch;
- segmentation alone: rjieba against jieba on the same text;
- query latency, warm (one open searcher), p50 and p95 over the query set;
- the static search: export time, files, bytes, and the bytes one query transfers
  in headless Chromium (a fresh page per query: manifest, shards, result pages).

Nothing here runs in CI: it takes minutes at 10,000 documents.
"""

from __future__ import annotations

import argparse
import functools
import os
import platform
import random
import shutil
import statistics
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Sequence
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import quote

import corpus_words as cw
import gen_corpus
from pelican.settings import read_settings
from whoosh import index as whoosh_index
from whoosh.analysis import StandardAnalyzer
from whoosh.fields import ID, TEXT, Schema
from whoosh.qparser import OrGroup, QueryParser

from qunzhi.cli import main as qunzhi
from qunzhi.hub.errors import Diagnostics
from qunzhi.hub.hub import load_hub
from qunzhi.hub.settings import check_settings
from qunzhi.hub.words import Analyser, fold
from qunzhi.search.index import SearchIndex
from qunzhi.search.records import SEARCHED_KINDS, names, records
from qunzhi.search.searching import Filters, search
from qunzhi.search.static import export, page_words

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]


def write_into(folder: Path) -> Any:
    """The export's files written into ``folder``, as a build's output writer would."""

    def write(name: str, data: bytes) -> None:
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)

    return write


def timed(work: Callable[[], Any]) -> tuple[float, Any]:
    started = time.perf_counter()
    result = work()
    return time.perf_counter() - started, result


def queries(count: int, seed: int = 7) -> list[str]:
    """Words and pairs of words of the corpus's own topics, as readers would type them."""
    rng = random.Random(seed)
    found = []
    for _ in range(count):
        topic = rng.choice(cw.TOPICS)
        words = rng.sample(topic.nouns, 2)
        found.append(words[0] if rng.random() < 0.6 else " ".join(words))
    return found


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def latency(run: Callable[[str], Any], asked: list[str], repeat: int = 5) -> tuple[float, float]:
    """p50 and p95 in milliseconds, after one warm-up round."""
    for text in asked:
        run(text)
    samples = []
    for _ in range(repeat):
        for text in asked:
            started = time.perf_counter()
            run(text)
            samples.append((time.perf_counter() - started) * 1000)
    return percentile(samples, 0.5), percentile(samples, 0.95)


def plain_whoosh(folder: Path, entries: list, analyzer: Any) -> tuple[float, Any]:
    """A Whoosh index of the same records with another analyzer, from scratch."""
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    schema = Schema(
        id=ID(unique=True, stored=True),
        title=TEXT(analyzer=analyzer, stored=True),
        people=TEXT(analyzer=analyzer),
        body=TEXT(analyzer=analyzer),
    )
    index = whoosh_index.create_in(str(folder), schema)

    def build() -> None:
        writer = index.writer(limitmb=256)
        for record in entries:
            writer.add_document(
                id=record.url, title=record.title, people=record.people, body=record.body
            )
        writer.commit()

    seconds, _ = timed(build)
    return seconds, index


def whoosh_latency(index: Any, asked: list[str]) -> tuple[float, float]:
    parser = QueryParser("body", index.schema, group=OrGroup)
    with index.searcher() as searcher:
        return latency(lambda text: list(searcher.search(parser.parse(text), limit=10)), asked)


def static_bytes(site: Path, asked: list[str]) -> tuple[list[int], int]:
    """JSON bytes each query transfers on a fresh page, and the page + script bytes."""
    from playwright.sync_api import sync_playwright

    class Quiet(SimpleHTTPRequestHandler):
        def log_message(self, format: str, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    per_query = []
    page_bytes = 0
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=shutil.which("chromium"), args=CHROMIUM_ARGS
            )
            for text in asked:
                page = browser.new_context().new_page()
                sizes: dict[str, int] = {}
                page.on(
                    "response",
                    lambda response, sizes=sizes: sizes.__setitem__(
                        response.url, len(response.body())
                    ),
                )
                page.goto(f"{base}/search/?q={quote(text)}")
                page.wait_for_selector("#search-results[data-query]")
                per_query.append(sum(n for url, n in sizes.items() if url.endswith(".json")))
                page_bytes = sum(
                    n for url, n in sizes.items() if "/search/?" in url or url.endswith(".js")
                )
                page.context.close()
            browser.close()
    finally:
        server.shutdown()
        server.server_close()
    return per_query, page_bytes


def bench(n: int, work: Path, query_count: int, browser: bool) -> list[tuple[str, str, str]]:
    corpus = work / f"corpus-{n}"
    print(f"[{n}] generating the corpus", file=sys.stderr)
    gen_corpus.main([str(n), str(corpus), "--force"])
    settings_file = corpus / "pelicanconf.py"
    print(f"[{n}] qunzhi build (site, index, static search)", file=sys.stderr)
    build_seconds, code = timed(lambda: qunzhi(["build", "--settings", str(settings_file)]))
    assert code == 0, f"qunzhi build failed with {code}"
    rebuild_seconds, _ = timed(lambda: qunzhi(["build", "--settings", str(settings_file)]))

    settings = read_settings(str(settings_file))
    check_settings(settings)
    hub = load_hub(settings, Diagnostics())
    entries = records(hub)
    units = len(entries)
    turns = sum(len(record.turns) for record in entries)
    characters = sum(len(record.body) for record in entries)
    rows = [
        (
            "pages / transcript turns / characters",
            f"{units} / {turns}",
            f"{characters:,}",
        )
    ]
    rows.append(
        (
            "qunzhi build, cold / again (no change)",
            f"{build_seconds:.1f} s",
            f"{rebuild_seconds:.1f} s",
        )
    )

    print(f"[{n}] indexing: ours, Whoosh default, jieba ChineseAnalyzer", file=sys.stderr)
    shutil.rmtree(work / f"ours-{n}", ignore_errors=True)
    ours = SearchIndex(work / f"ours-{n}")
    ours_seconds, _ = timed(lambda: ours.update(entries, names(hub), full=True))
    default_seconds, default_index = plain_whoosh(
        work / f"default-{n}", entries, StandardAnalyzer()
    )
    try:
        from jieba.analyse import ChineseAnalyzer

        jieba_seconds, jieba_index = plain_whoosh(work / f"jieba-{n}", entries, ChineseAnalyzer())
    except ImportError:
        jieba_seconds, jieba_index = None, None
    rows.append(
        (
            "index from scratch: ours (rjieba)",
            f"{ours_seconds:.1f} s",
            f"{units / ours_seconds:,.0f} pages/s",
        )
    )
    rows.append(
        (
            "index from scratch: Whoosh default analyzer",
            f"{default_seconds:.1f} s",
            f"{units / default_seconds:,.0f} pages/s",
        )
    )
    if jieba_seconds is not None:
        rows.append(
            (
                "index from scratch: jieba ChineseAnalyzer",
                f"{jieba_seconds:.1f} s",
                f"{units / jieba_seconds:,.0f} pages/s",
            )
        )

    text = "\n".join(record.body for record in entries)
    analyser = Analyser(names(hub))
    rjieba_seconds, _ = timed(lambda: analyser.words(text))
    try:
        import jieba

        jieba.initialize()
        jieba_cut_seconds, _ = timed(lambda: jieba.lcut(fold(text)))
        rows.append(
            (
                "segmentation alone: rjieba / jieba",
                f"{rjieba_seconds:.2f} s",
                f"{jieba_cut_seconds:.2f} s",
            )
        )
    except ImportError:
        rows.append(
            ("segmentation alone: rjieba", f"{rjieba_seconds:.2f} s", "jieba not installed")
        )

    asked = queries(query_count)
    with ours.searcher() as searcher:
        p50, p95 = latency(lambda q: search(searcher, q, Filters(), 10), asked)
    rows.append(
        ("query, warm, ours (ranked, snippets): p50 / p95", f"{p50:.1f} ms", f"{p95:.1f} ms")
    )
    p50, p95 = whoosh_latency(default_index, asked)
    rows.append(
        ("query, warm, Whoosh default (no snippets): p50 / p95", f"{p50:.1f} ms", f"{p95:.1f} ms")
    )
    if jieba_index is not None:
        p50, p95 = whoosh_latency(jieba_index, asked)
        rows.append(
            (
                "query, warm, jieba ChineseAnalyzer (no snippets): p50 / p95",
                f"{p50:.1f} ms",
                f"{p95:.1f} ms",
            )
        )

    static_folder = work / f"static-{n}"  # analysed again here, to time the export alone
    with ours.searcher() as searcher:
        analyzer = searcher.schema["body"].analyzer
    groups = {group.id: group.name for group in hub.groups.values()}

    def static() -> Any:
        pages = [page_words(record, {}, analyzer.words) for record in entries]
        return export(write_into(static_folder), entries, pages, groups, list(SEARCHED_KINDS))

    export_seconds, written = timed(static)
    rows.append(
        ("static export: time / files", f"{export_seconds:.1f} s", f"{written.files:,} files")
    )
    rows.append(
        ("static export: words / bytes", f"{written.words:,}", f"{written.bytes / 1e6:.1f} MB")
    )
    if browser and shutil.which("chromium"):
        print(f"[{n}] static queries in Chromium", file=sys.stderr)
        per_query, page_bytes = static_bytes(corpus / "output", asked)
        rows.append(
            (
                "static query, JSON bytes: median / max",
                f"{statistics.median(per_query) / 1000:.0f} KB",
                f"{max(per_query) / 1000:.0f} KB",
            )
        )
        rows.append(
            (
                "static search page + script (cached after the first visit)",
                f"{page_bytes / 1000:.0f} KB",
                "",
            )
        )
    return rows


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", default="1000,10000", help="corpus sizes (default 1000,10000)")
    parser.add_argument("--queries", type=int, default=40, help="queries per measure (default 40)")
    parser.add_argument("--keep", type=Path, help="work folder to keep (default: a temporary one)")
    parser.add_argument("--no-browser", action="store_true", help="skip the Chromium measures")
    args = parser.parse_args(argv)
    sizes = [int(size) for size in args.docs.split(",")]
    work = args.keep or Path(tempfile.mkdtemp(prefix="qunzhi-bench-search-"))
    try:
        tables = {n: bench(n, work, args.queries, not args.no_browser) for n in sizes}
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)
    machine = f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    print(f"# Search benchmark, {time.strftime('%Y-%m-%d')}, {machine}")
    for n, rows in tables.items():
        print(f"\n## {n:,} documents\n\n| measure | value | |\n|---|---|---|")
        for row in rows:
            print("| " + " | ".join(row) + " |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
