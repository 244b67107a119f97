"""Benchmark the search API and the site's pages on real servers; print a table.

    python scripts/bench_server.py [--docs 1000] [--servers granian,gunicorn]
                                   [--seconds 20] [--clients 50] [--site DIR]

It generates a corpus (scripts/gen_corpus.py) and builds it (or takes a built hub,
``--site``), then starts each server on 127.0.0.1 as docs/search.md deploys it and
measures, with a client of its own (asyncio, HTTP/1.1 keep-alive):

- the API and the pages: one client, then ``--clients`` at once, ``--seconds``
  each: requests per second, p50 and p99 latency, errors (any status but 200, a
  reset, a timeout of 10 s); the ratio of the two rates;
- 300 slow clients holding connections (a request's first line, then nothing),
  and the time an ordinary API request takes meanwhile, on a new connection;
- how long an idle connection stays open: silent from the start, and after one
  answered request (waits at most 70 s);
- a burst: 1,000 connections opened at once, one request each: errors.

Only loopback addresses are used; every loop is bounded by a count or a deadline.
The machine is shared: run it when it is quiet, and say the load with the figures.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import random
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote
from urllib.request import urlopen

import gen_corpus
from bench_search import queries

from qunzhi.cli import main as qunzhi

HOST = "127.0.0.1"
TIMEOUT = 10.0  # a request not answered by then is an error
VENV_BIN = Path(sys.executable).parent
WORKERS = 2  # one per core


# granian as docs/search.md deploys it (its systemd unit and container say exactly these):
# a worker per core, a few threads each (the GIL lets one run at a time; reading and writing
# is granian's Rust code), 10 s to send a request's head, an idle keep-alive connection included.
GRANIAN_OPTIONS = [
    *("--interface", "wsgi", "--factory", "--workers", str(WORKERS), "--blocking-threads", "2"),
    *("--backlog", "2048", "--http", "1", "--no-ws", "--http1-header-read-timeout", "10000"),
    "--respawn-failed-workers",
]


def server_command(name: str, port: int) -> list[str]:
    """The command docs/search.md deploys with (granian), and the alternatives measured."""
    if name == "granian":
        return [
            str(VENV_BIN / "granian"),
            *GRANIAN_OPTIONS,
            *("--host", HOST, "--port", str(port), "qunzhi.search.wsgi:create"),
        ]
    if name == "gunicorn":
        return [
            str(VENV_BIN / "gunicorn"),
            *("--workers", str(WORKERS), "--worker-class", "gthread", "--threads", "8"),
            *("--backlog", "2048", "--keep-alive", "5", "--timeout", "30"),
            *("--bind", f"{HOST}:{port}", "qunzhi.search.wsgi:create()"),
        ]
    if name == "waitress":
        return [
            str(VENV_BIN / "waitress-serve"),
            *("--threads", "8", "--channel-timeout", "20", "--connection-limit", "2000"),
            *("--backlog", "2048", "--listen", f"{HOST}:{port}"),
            *("--call", "qunzhi.search.wsgi:create"),
        ]
    if name == "preview":  # qunzhi serve itself
        return [str(VENV_BIN / "qunzhi"), "serve", "--port", str(port)]
    raise SystemExit(f"bench_server: unknown server {name!r}")


@dataclass
class Run:
    """The answers of one load: latencies of the good ones, a count of the bad."""

    seconds: float = 0.0
    latencies: list[float] = field(default_factory=list)
    errors: int = 0

    @property
    def rate(self) -> float:
        return len(self.latencies) / self.seconds if self.seconds else 0.0

    def ms(self, share: float) -> float:
        if not self.latencies:
            return float("nan")
        ordered = sorted(self.latencies)
        return 1000 * ordered[min(len(ordered) - 1, int(share * len(ordered)))]


class Connection:
    """One keep-alive HTTP/1.1 connection; opened again when the server closes it."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.streams: tuple[asyncio.StreamReader, asyncio.StreamWriter] | None = None

    async def get(self, target: str) -> int:
        if self.streams is None:
            self.streams = await asyncio.open_connection(HOST, self.port)
        reader, writer = self.streams
        writer.write(f"GET {target} HTTP/1.1\r\nHost: {HOST}\r\n\r\n".encode())
        await writer.drain()
        head = await reader.readuntil(b"\r\n\r\n")
        lines = head.decode("latin-1").split("\r\n")
        status = int(lines[0].split()[1])
        fields = dict(line.lower().split(": ", 1) for line in lines[1:] if ": " in line)
        await reader.readexactly(int(fields.get("content-length", "0")))
        if fields.get("connection") == "close" or lines[0].startswith("HTTP/1.0"):
            self.close()
        return status

    def close(self) -> None:
        if self.streams is not None:
            self.streams[1].close()
            self.streams = None

    async def aclose(self) -> None:
        writer = self.streams[1] if self.streams else None
        self.close()
        if writer is not None:
            with contextlib.suppress(OSError):
                await writer.wait_closed()


async def load(port: int, targets: list[str], clients: int, seconds: float) -> Run:
    """``clients`` connections asking for ``targets`` in turn until the deadline."""
    run = Run()
    deadline = time.perf_counter() + seconds
    rng = random.Random(clients)

    async def client() -> None:
        connection = Connection(port)
        while time.perf_counter() < deadline:
            started = time.perf_counter()
            try:
                status = await asyncio.wait_for(connection.get(rng.choice(targets)), TIMEOUT)
            except (TimeoutError, OSError, asyncio.IncompleteReadError, ValueError):
                run.errors += 1
                connection.close()
                continue
            if status == 200:
                run.latencies.append(time.perf_counter() - started)
            else:
                run.errors += 1
        await connection.aclose()

    started = time.perf_counter()
    await asyncio.gather(*(client() for _ in range(clients)))
    run.seconds = time.perf_counter() - started
    return run


async def slow_clients(port: int, target: str, holders: int = 300) -> tuple[float, int, int]:
    """The seconds an ordinary request takes while ``holders`` connections have sent a
    first line and nothing more; and how many of them were held, how many refused."""
    held: list[asyncio.StreamWriter] = []
    refused = 0
    for _ in range(holders):
        try:
            _, writer = await asyncio.wait_for(asyncio.open_connection(HOST, port), TIMEOUT)
        except (TimeoutError, OSError):
            refused += 1
            continue
        writer.write(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n")  # and no end of the head
        held.append(writer)
    await asyncio.sleep(1.0)
    started = time.perf_counter()
    status = await ask_once(port, target, TIMEOUT)
    took = time.perf_counter() - started if status == 200 else float("inf")
    for writer in held:
        writer.close()
    await asyncio.gather(*(writer.wait_closed() for writer in held), return_exceptions=True)
    return took, len(held), refused


async def ask_once(port: int, target: str, timeout: float) -> int:
    """The status of one request on a new connection, closed after; 0 if none came."""
    connection = Connection(port)
    try:
        return await asyncio.wait_for(connection.get(target), timeout)
    except (TimeoutError, OSError, asyncio.IncompleteReadError, ValueError):
        return 0
    finally:
        await connection.aclose()


async def idle_close(port: int, after_request: bool, limit: float = 70.0) -> float:
    """Seconds until the server closes a connection that says nothing (inf: still open)."""
    reader, writer = await asyncio.open_connection(HOST, port)
    if after_request:
        writer.write(f"GET / HTTP/1.1\r\nHost: {HOST}\r\n\r\n".encode())
        head = await reader.readuntil(b"\r\n\r\n")
        length = next(
            int(line.split(b":", 1)[1])
            for line in head.split(b"\r\n")
            if line.lower().startswith(b"content-length:")
        )
        await reader.readexactly(length)
    started = time.perf_counter()
    try:
        while await asyncio.wait_for(reader.read(4096), limit):
            pass  # a 408 or a closing line before the end: still the close
    except TimeoutError:
        return float("inf")
    except OSError:
        pass  # reset: closed as well
    finally:
        writer.close()
        with contextlib.suppress(OSError):
            await writer.wait_closed()
    return time.perf_counter() - started


async def burst(port: int, target: str, count: int = 1000) -> int:
    """Errors among ``count`` connections opened at once, one request each."""
    results = await asyncio.gather(*(ask_once(port, target, 30) for _ in range(count)))
    return sum(1 for result in results if result != 200)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


def start(name: str, site: Path) -> tuple[subprocess.Popen[bytes], int]:
    port = free_port()
    environment = {**os.environ, "QUNZHI_SETTINGS": str(site / "pelicanconf.py")}
    process = subprocess.Popen(
        server_command(name, port),
        cwd=site,
        env=environment,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with urlopen(f"http://{HOST}:{port}/api/search?q=a", timeout=2):
                return process, port
        except OSError:
            if process.poll() is not None:
                raise SystemExit(f"bench_server: {name} exited with {process.returncode}") from None
            time.sleep(0.3)
    stop(process)
    raise SystemExit(f"bench_server: {name} did not answer within 60 s")


def stop(process: subprocess.Popen[bytes]) -> None:
    process.terminate()
    try:
        process.wait(15)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(5)


def page_targets(output: Path, count: int = 400) -> list[str]:
    """The addresses of ``count`` pages of the site, picked at random, as links have them."""
    folders = sorted(page.parent.relative_to(output) for page in output.rglob("index.html"))
    chosen = random.Random(3).sample(folders, min(count, len(folders)))
    return [f"/{quote(folder.as_posix())}/".replace("/./", "/") for folder in chosen]


def api_targets(count: int = 40) -> list[str]:
    return [f"/api/search?q={quote(text)}" for text in queries(count)]


def measure(name: str, site: Path, seconds: float, clients: int) -> list[list[str]]:
    """The table's rows for one server."""
    process, port = start(name, site)
    rows = []
    try:
        targets = {"API": api_targets(), "pages": page_targets(site / "output")}
        for what, asked in targets.items():
            asyncio.run(load(port, asked, 1, 2))  # warm every worker's searcher and caches
            asyncio.run(load(port, asked, clients, 2))
            one = asyncio.run(load(port, asked, 1, seconds))
            many = asyncio.run(load(port, asked, clients, seconds))
            for label, run in ((f"{what}, 1 client", one), (f"{what}, {clients} clients", many)):
                ratio = f"{many.rate / one.rate:.2f}x" if run is many and one.rate else ""
                rows.append(
                    [
                        name,
                        label,
                        f"{run.rate:.0f}",
                        ratio,
                        f"{run.ms(0.5):.1f}",
                        f"{run.ms(0.99):.1f}",
                        str(run.errors),
                    ]
                )
        took, held, refused = asyncio.run(slow_clients(port, targets["API"][0]))
        rows.append(
            [
                name,
                f"1 API request, {held} slow clients held ({refused} refused)",
                "",
                "",
                f"{took * 1000:.0f}",
                "",
                "0" if took < TIMEOUT else "1",
            ]
        )
        silent = asyncio.run(idle_close(port, after_request=False))
        used = asyncio.run(idle_close(port, after_request=True))
        rows.append(
            [
                name,
                f"idle closed after (s): silent {silent:.1f}, after a request {used:.1f}",
                "",
                "",
                "",
                "",
                "",
            ]
        )
        errors = asyncio.run(burst(port, targets["pages"][0]))
        rows.append([name, "burst: 1000 connections at once", "", "", "", "", str(errors)])
    finally:
        stop(process)
    return rows


def prepare(docs: int, work: Path) -> Path:
    site = work / "hub"
    gen_corpus.main([str(docs), str(site)])
    if qunzhi(["build", "--settings", str(site / "pelicanconf.py")]) != 0:
        raise SystemExit("bench_server: the corpus did not build")
    return site


def table(rows: list[list[str]]) -> str:
    head = ["server", "load", "req/s", "vs 1", "p50 ms", "p99 ms", "errors"]
    lines = [f"| {' | '.join(head)} |", "|" + "---|" * len(head)]
    lines += [f"| {' | '.join(row)} |" for row in rows]
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=1000, help="corpus size (default 1000)")
    parser.add_argument("--servers", default="granian,gunicorn", help="comma-separated")
    parser.add_argument("--seconds", type=float, default=20.0, help="each load (default 20)")
    parser.add_argument("--clients", type=int, default=50, help="concurrent clients")
    parser.add_argument("--site", type=Path, help="a hub built already (skips the corpus)")
    args = parser.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="bench-server-"))
    try:
        site = args.site.resolve() if args.site else prepare(args.docs, work)
        rows = []
        for name in args.servers.split(","):
            print(f"bench_server: {name} …", file=sys.stderr)
            rows += measure(name, site, args.seconds, args.clients)
        load_now = ", ".join(f"{value:.1f}" for value in os.getloadavg())
        print(f"{os.cpu_count()} cores, load average {load_now} at the end")
        print(table(rows))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
