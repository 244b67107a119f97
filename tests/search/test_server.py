"""``qunzhi serve``'s /api/search: JSON answers, 400 for bad queries, safe under concurrency."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from urllib.error import HTTPError
from urllib.parse import quote
from urllib.request import urlopen
from zoneinfo import ZoneInfo

import pytest

from qunzhi.search.index import SearchIndex
from qunzhi.search.server import make_server


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
