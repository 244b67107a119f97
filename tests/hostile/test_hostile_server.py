"""The site and /api/search facing hostile clients, on both servers that run the application:
granian as docs/search.md deploys it, and ``qunzhi serve``'s preview server.

Methods, encodings, traversal, symlinks out of ``output/``, headers, slow and idle
clients, a burst of connections. Requests are sent as raw bytes, so nothing is
normalised on the way; every target is 127.0.0.1 and every wait is bounded.
"""

from __future__ import annotations

import asyncio
import importlib.util
import json
import socket
import sys
import threading
from collections.abc import Coroutine, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import quote
from zoneinfo import ZoneInfo

import pytest

from qunzhi.cli import main
from qunzhi.search import server as preview
from qunzhi.search.index import SearchIndex

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "scripts"))
import bench_server  # noqa: E402  the benchmark's clients and the deployed command

# The shared fixtures' helpers, by path: another folder's conftest.py may own the name.
_spec = importlib.util.spec_from_file_location("qunzhi_tests_conftest", REPO / "tests/conftest.py")
shared = sys.modules.setdefault(_spec.name, importlib.util.module_from_spec(_spec))
_spec.loader.exec_module(shared)
Site = shared.Site

T = TypeVar("T")
SECRET = "SECRET-OUTSIDE-THE-SITE"
ASKED = "/api/search?q=" + quote("老王")


def run_apart(work: Coroutine[Any, Any, T]) -> T:
    """``asyncio.run`` in a thread of its own: a browser test's session may hold an event
    loop running in this one."""
    with ThreadPoolExecutor(1) as thread:
        return thread.submit(asyncio.run, work).result()


@dataclass
class Answer:
    status: int
    headers: dict[str, str]
    body: bytes


def ask(port: int, head: bytes, timeout: float = 10) -> Answer:
    """Send ``head`` (a request line and headers, as bytes) and read the whole answer."""
    with socket.create_connection(("127.0.0.1", port), timeout=timeout) as connection:
        connection.sendall(head)
        received = b""
        while chunk := connection.recv(65536):
            received += chunk
    top, _, body = received.partition(b"\r\n\r\n")
    lines = top.decode("latin-1").split("\r\n")
    headers = {
        name.lower(): value.strip()
        for name, _, value in (line.partition(":") for line in lines[1:])
    }
    return Answer(int(lines[0].split()[1]), headers, body)


def request(port: int, target: str | bytes, method: str = "GET") -> Answer:
    raw = target if isinstance(target, bytes) else target.encode()
    return ask(
        port,
        method.encode() + b" " + raw + b" HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n",
    )


@pytest.fixture(scope="module")
def hub(tmp_path_factory: pytest.TempPathFactory) -> Site:
    """The fixture hub built once, with hostile things put into its output afterwards."""
    site = shared.copy_fixture(shared.FIXTURE, tmp_path_factory.mktemp("hostile-server"))
    assert main(["build", "--settings", str(site.settings)]) == 0
    outside = site.root / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_text(SECRET, encoding="utf-8")
    (outside / "index.html").write_text(f"<p>{SECRET}</p>", encoding="utf-8")
    (site.output / "passwd").symlink_to("/etc/passwd")
    (site.output / "secret.txt").symlink_to(outside / "secret.txt")
    (site.output / "leak").symlink_to(outside)
    (site.output / "about-again").symlink_to(site.output / "about")  # stays inside
    (site.output / "loop").symlink_to(site.output / "loop")
    (site.output / "资料").mkdir()
    (site.output / "资料" / "说明.txt").write_text("中文名字的文件", encoding="utf-8")
    (site.output / "empty-folder").mkdir()
    return site


def _preview(hub: Site) -> Iterator[int]:
    index = SearchIndex(hub.root / "cache" / "qunzhi-store" / "search-index")
    server = preview.make_server(hub.output, index, ZoneInfo("Asia/Shanghai"), "127.0.0.1", 0)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield server.server_address[1]
    server.shutdown()
    server.server_close()


def _granian(hub: Site) -> Iterator[int]:
    process, port = bench_server.start("granian", hub.root)
    yield port
    bench_server.stop(process)


@pytest.fixture(scope="module", params=["granian", "preview"])
def port(request: pytest.FixtureRequest, hub: Site) -> Iterator[int]:
    yield from (_granian if request.param == "granian" else _preview)(hub)


@pytest.mark.parametrize(
    "target",
    [
        b"/../../../../etc/passwd",
        b"/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
        b"/..%2f..%2f..%2f..%2fetc%2fpasswd",
        b"/about/../../../../etc/passwd",
        b"/%2e%2e%5c%2e%2e%5cetc%5cpasswd",
        b"//etc/passwd",
        b"/passwd",
        b"/secret.txt",
        b"/leak/secret.txt",
        b"/leak/",
        b"/leak",
        b"/%6c%65%61%6b/secret.txt",
        b"/loop/x",
        b"/.qunzhi-output",
        b"/%2equnzhi-output",
        b"/%c0%ae%c0%ae/%c0%ae%c0%ae/etc/passwd",
        b"/%00",
        b"/index.html%00.txt",
        b"/%ff",
        b"/" + b"a" * 5000,
    ],
    ids=lambda target: target.decode()[:40],
)
def test_nothing_outside_the_site_is_served(port, target):
    answer = request(port, target)
    assert answer.status in (400, 404, 414)
    assert b"root:" not in answer.body
    assert SECRET.encode() not in answer.body
    assert answer.headers["x-content-type-options"] == "nosniff"


def test_a_link_that_stays_inside_the_site_is_followed(port, hub):
    answer = request(port, "/about-again/")
    assert answer.status == 200
    assert answer.body == (hub.output / "about" / "index.html").read_bytes()


def test_nul_is_answered_with_400(port):
    answer = request(port, "/%00")
    assert answer.status == 400
    assert answer.body.decode().count("\n") == 1


@pytest.mark.parametrize("target", ["/empty-folder/", "/empty-folder", "/资料/", "/feeds"])
def test_folders_are_never_listed_and_the_404_is_the_sites(port, hub, target):
    answer = request(port, quote(target))
    assert answer.status in (301, 404)
    if answer.status == 301:  # a folder with its index.html: to the slash
        assert answer.headers["location"] == quote(target) + "/"
        return
    assert answer.body == (hub.output / "404.html").read_bytes()
    assert answer.headers["content-type"] == "text/html; charset=utf-8"


@pytest.mark.parametrize("method", ["POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "FOO"])
@pytest.mark.parametrize("target", ["/", ASKED])
def test_other_methods_get_405_with_allow(port, method, target):
    answer = request(port, target, method)
    assert answer.status == 405
    assert answer.headers["allow"] == "GET, HEAD"
    if target == ASKED:
        assert json.loads(answer.body) == {"error": f"expected GET or HEAD, found {method}"}


@pytest.mark.parametrize("target", ["/", "/feeds/all.atom.xml", ASKED])
def test_head_gives_the_headers_of_get_without_a_body(port, target):
    got, head = request(port, target), request(port, target, "HEAD")
    assert (got.status, head.status) == (200, 200)
    assert head.body == b""
    assert head.headers["content-type"] == got.headers["content-type"]
    assert head.headers["content-length"] == str(len(got.body))


def test_a_query_is_utf8_raw_or_percent_encoded(port):
    encoded = request(port, ASKED)
    raw = request(port, "/api/search?q=老王".encode())
    assert encoded.status == raw.status == 200
    assert json.loads(raw.body) == json.loads(encoded.body)
    assert json.loads(raw.body)["count"] > 0
    path = request(port, "/资料/说明.txt".encode())
    assert (path.status, path.body.decode()) == (200, "中文名字的文件")
    assert request(port, quote("/资料/说明.txt")).body == path.body


@pytest.mark.parametrize(
    "query",
    [
        "q=%22%22",
        "q=%E2%80%9C%E2%80%9D",
        "q=a&limit=%C2%B2",
        "q=a&limit=%EF%BC%95",
        "q=a&limit=0",
        "q=a&limit=99999999999999999999",
        "q=",
        "q=%20%20",
        "q=%E8%80",
        "q=%FF",
        "q=%00",
        "q=a%1b%5b2J",
        "q=a&since=2016-02-30",
        "q=a&since=2016-02-01&until=2016-01-01",
        "q=a&type=%3Cscript%3E",
        "q=a&q=b",
        "q=a&debug=1",
        "q=" + "%E8%80%81" * 300,
    ],
    ids=lambda query: (query if isinstance(query, str) else query.decode("latin-1"))[:40],
)
def test_a_bad_parameter_is_a_json_400_with_one_line(port, query):
    raw = query if isinstance(query, bytes) else query.encode()
    answer = request(port, b"/api/search?" + raw)
    assert answer.status == 400
    assert answer.headers["content-type"] == "application/json; charset=utf-8"
    message = json.loads(answer.body)["error"]
    assert message.startswith("expected ")
    assert "\n" not in message and "\x1b" not in message


def test_a_query_that_is_not_utf8_is_a_400(port):
    answer = request(port, b"/api/search?q=\xe8\xff")
    assert answer.status == 400  # from the application, or from granian's own parser
    if answer.headers.get("content-type") == "application/json; charset=utf-8":
        assert json.loads(answer.body) == {"error": "expected UTF-8 text in q=, found other bytes"}


@pytest.mark.parametrize("dates", ["since=0001-01-01", "until=9999-12-31", "until=0001-01-01"])
def test_extreme_dates_search_instead_of_failing(port, dates):
    answer = request(port, f"{ASKED}&{dates}")
    assert answer.status == 200
    assert json.loads(answer.body)["query"] == "老王"


@pytest.mark.parametrize(
    ("target", "kind"),
    [
        ("/", "text/html; charset=utf-8"),
        ("/404.html", "text/html; charset=utf-8"),
        ("/feeds/all.atom.xml", "application/xml; charset=utf-8"),
        ("/events.ics", "text/calendar; charset=utf-8"),
        ("/search/manifest.json", "application/json; charset=utf-8"),
        ("/资料/说明.txt", "text/plain; charset=utf-8"),
        (ASKED, "application/json; charset=utf-8"),
    ],
)
def test_text_says_its_charset_and_nothing_is_sniffed(port, hub, target, kind):
    answer = request(port, quote(target, safe="/?=%"))
    assert answer.status == 200
    assert answer.headers["content-type"] == kind
    assert answer.headers["x-content-type-options"] == "nosniff"


def test_every_text_file_of_the_site_says_utf8(port, hub):
    kinds = {}
    for path in sorted(hub.output.rglob("*")):
        if path.is_file() and not path.is_symlink() and path.suffix not in kinds:
            relative = path.relative_to(hub.output).as_posix()
            if not relative.startswith("."):
                kinds[path.suffix] = request(port, quote(f"/{relative}")).headers["content-type"]
    assert {".html", ".css", ".js", ".json", ".xml", ".ics", ".svg", ".txt"} <= set(kinds)
    for suffix, kind in kinds.items():
        if suffix != ".png":
            assert kind.endswith("; charset=utf-8"), (suffix, kind)


def test_an_ordinary_request_is_answered_while_300_slow_clients_hold_connections(port):
    took, held, refused = run_apart(bench_server.slow_clients(port, ASKED, holders=300))
    assert (held, refused) == (300, 0)
    assert took <= 1.0


def test_a_burst_of_connections_is_held_by_the_backlog(port):
    assert run_apart(bench_server.burst(port, "/", count=400)) == 0


def test_idle_connections_are_closed_by_granian(hub):
    server = _granian(hub)
    port = next(server)

    async def both() -> list[float]:
        return await asyncio.gather(
            bench_server.idle_close(port, after_request=False, limit=30),
            bench_server.idle_close(port, after_request=True, limit=30),
        )

    try:
        silent, used = run_apart(both())
    finally:
        next(server, None)
    assert silent <= 30 and used <= 30


def test_idle_connections_are_closed_by_the_preview_server(hub, monkeypatch):
    monkeypatch.setattr(preview._RequestHandler, "timeout", 0.5)
    server = _preview(hub)
    port = next(server)
    try:
        silent = run_apart(bench_server.idle_close(port, after_request=False, limit=10))
    finally:
        next(server, None)
    assert silent <= 2
