"""/api/search and the WSGI application: JSON answers, 400 for bad queries, searchers per
thread, PEP 3333, the production entry point and the command that deploys it."""

from __future__ import annotations

import json
import sys
import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.error import HTTPError
from urllib.parse import quote, unquote
from urllib.request import urlopen
from wsgiref.util import setup_testing_defaults
from wsgiref.validate import validator
from zoneinfo import ZoneInfo

import pytest

from qunzhi.search.api import Searchers
from qunzhi.search.app import HubApp
from qunzhi.search.index import SearchIndex
from qunzhi.search.server import make_server
from qunzhi.search.wsgi import create

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "scripts"))
from bench_server import GRANIAN_OPTIONS  # noqa: E402  the command docs/search.md deploys

ZONE = ZoneInfo("Asia/Shanghai")


@pytest.fixture
def api(built) -> Iterator[str]:
    index = SearchIndex(built.root / "cache" / "qunzhi-store" / "search-index")
    server = make_server(built.output, index, ZoneInfo("Asia/Shanghai"), "127.0.0.1", 0)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def get(url: str) -> tuple[int, dict]:
    try:
        with urlopen(url, timeout=10) as response:
            return response.status, json.loads(response.read())
    except HTTPError as error:
        return error.code, json.loads(error.read())


def test_a_query_answers_the_documented_json(api):
    status, body = get(f"{api}/api/search?q={quote('第一次来')}")
    assert status == 200
    assert (body["query"], body["count"]) == ("第一次来", 1)
    assert body["results"][0]["url"] == "transcripts/kai-chang/#turn-3"
    assert "<mark" in body["results"][0]["snippet"]


def test_filters_and_limit(api):
    status, body = get(f"{api}/api/search?q={quote('老王')}&type=event&group=dushu&limit=5")
    assert status == 200
    assert [hit["url"] for hit in body["results"]] == ["events/shalong/"]


@pytest.mark.parametrize(
    ("query", "message"),
    [
        (
            "q=" + quote('"半句'),
            'expected a closing " for the phrase, found none; remove the quote',
        ),
        (
            "q=OR+AND",
            "expected words to search for, found only operators or punctuation in 'OR AND'",
        ),
        (
            "q=" + "x" * 10240,
            "expected a query of at most 200 characters, found 10240; search for a few words",
        ),
        ("q=", "expected a query in q=, found none"),
        ("q=a&limit=500", "expected limit= between 1 and 50, found '500'"),
        ("q=a&since=yesterday", "expected since= a date like 2016-01-01, found 'yesterday'"),
        (
            "q=a&type=video",
            "expected a type (transcript, event, rule, member, page), found 'video'",
        ),
    ],
)
def test_bad_queries_get_400_with_one_line(api, query, message):
    assert get(f"{api}/api/search?{query}") == (400, {"error": message})


def test_concurrent_requests_all_get_their_own_answer(api):
    queries = ["第一次来", "老王", "社群的记忆", "年会", "邀请", "李小红"] * 8

    def ask(text: str) -> tuple[str, int, str]:
        status, body = get(f"{api}/api/search?q={quote(text)}")
        return text, status, body["query"]

    with ThreadPoolExecutor(max_workers=12) as pool:
        answers = list(pool.map(ask, queries))
    assert answers == [(text, 200, text) for text in queries]


def test_the_site_itself_is_served(api):
    with urlopen(f"{api}/transcripts/kai-chang/", timeout=10) as response:
        assert 'id="turn-3"' in response.read().decode()


@pytest.mark.parametrize("full", [False, True])
def test_a_rebuild_is_seen_by_the_next_request(built, qunzhi, api, full):
    assert get(f"{api}/api/search?q={quote('年会')}")[1]["count"] == 1
    path = built.content / "events/2016-01-10-nian-hui.md"
    path.write_text(path.read_text(encoding="utf-8").replace("年会", "周年庆"), encoding="utf-8")
    assert qunzhi(built, "build", *(["--full"] if full else [])).code == 0
    assert get(f"{api}/api/search?q={quote('年会')}")[1]["count"] == 0
    assert get(f"{api}/api/search?q={quote('周年庆')}")[1]["count"] == 1


def test_each_thread_keeps_its_own_searcher_and_no_lock(built):
    searchers = Searchers(SearchIndex(built.root / "cache" / "qunzhi-store" / "search-index"))
    mine = searchers._current()
    assert searchers._current() is mine  # kept while the index is unchanged
    theirs: list[object] = []
    thread = threading.Thread(target=lambda: theirs.append(searchers._current()))
    thread.start()
    thread.join()
    assert theirs[0] is not mine
    assert not any(isinstance(value, type(threading.Lock())) for value in vars(searchers).values())


@pytest.mark.parametrize(
    ("method", "target"),
    [
        ("GET", "/"),
        ("GET", "/transcripts/kai-chang/"),
        ("GET", "/transcripts/kai-chang"),
        ("GET", "/nothing-here/"),
        ("GET", "/api/search?q=%E8%80%81%E7%8E%8B"),
        ("GET", "/api/search?q="),
        ("HEAD", "/"),
        ("HEAD", "/api/search?q=a"),
        ("POST", "/api/search?q=a"),
        ("GET", "/%00"),
    ],
)
def test_the_application_keeps_to_wsgi(built, method, target):
    """PEP 3333's own checker (wsgiref.validate) around every kind of answer."""
    app = validator(
        HubApp(
            built.output, SearchIndex(built.root / "cache" / "qunzhi-store" / "search-index"), ZONE
        )
    )
    path, _, query = target.partition("?")
    environ = {"REQUEST_METHOD": method, "PATH_INFO": unquote(path, "latin-1"), "SCRIPT_NAME": ""}
    environ["QUERY_STRING"] = query
    setup_testing_defaults(environ)
    started: list[str] = []
    body = app(environ, lambda status, headers, exc_info=None: started.append(status))
    try:
        data = b"".join(body)
    finally:
        body.close()
    status = int(started[0].split()[0])
    assert status in (200, 301, 400, 404, 405)
    assert (data == b"") == (method == "HEAD" or status == 301)


def test_a_production_worker_builds_the_application_from_the_environment(built, monkeypatch):
    monkeypatch.setenv("QUNZHI_SETTINGS", str(built.settings))
    monkeypatch.chdir(built.root)
    app = create()
    assert app.output == built.output


def test_a_production_worker_without_a_built_site_stops_with_one_line(site, monkeypatch, capsys):
    monkeypatch.setenv("QUNZHI_SETTINGS", str(site.settings))
    monkeypatch.chdir(site.root)
    with pytest.raises(SystemExit) as stopped:
        create()
    assert stopped.value.code == 2
    assert capsys.readouterr().err == (
        f"qunzhi: {site.output}: expected a built site and its search index; run qunzhi build\n"
    )


def test_the_deployed_command_is_the_one_measured_and_tested():
    """README, the systemd unit and the container run granian exactly as the bench does."""
    options = " ".join(GRANIAN_OPTIONS)
    search_md = (REPO / "docs" / "search.md").read_text(encoding="utf-8")
    assert options in (REPO / "README.md").read_text(encoding="utf-8")
    assert search_md.count(f"granian {options} --host 127.0.0.1 --port 8000") == 2  # sh, unit
    listed = ", ".join(json.dumps(option) for option in GRANIAN_OPTIONS)
    assert f'CMD ["granian", {listed}, "--host", "0.0.0.0"' in search_md
