"""The static search, used as a reader uses it: the header box, the /search/ page, filters."""

from __future__ import annotations

from urllib.parse import quote

from search.relevance import judged, overlap_at_10, recall_at_3

from qunzhi.search.index import SearchIndex
from qunzhi.search.searching import Filters, search


def results(page, base: str) -> list[str]:
    return [
        link.get_attribute("href").removeprefix(f"{base}/")
        for link in page.query_selector_all("#search-results a.result-title")
    ]


def ask(page, text: str) -> None:
    """Type a query into the search page's box and wait until its results are shown."""
    page.fill("#search-query", text)
    page.press("#search-query", "Enter")
    page.wait_for_function(
        "text => document.getElementById('search-results').dataset.query === text", arg=text
    )


def test_the_header_box_finds_a_turn_and_links_to_it(browser, served):
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    page.goto(f"{served}/members/")
    page.fill("#header-search", "第一次来")
    page.press("#header-search", "Enter")
    page.wait_for_selector("#search-results[data-query]")
    assert page.url == f"{served}/search/?q={quote('第一次来')}"
    assert results(page, served) == ["transcripts/kai-chang/#turn-3"]
    assert page.inner_text("#search-results mark") == "第一次来"
    page.click("#search-results a.result-title")
    page.wait_for_url(f"{served}/transcripts/kai-chang/#turn-3")
    assert page.get_attribute("#turn-3", "data-speaker") == "访客甲"


def test_on_a_phone_search_is_one_tap_away(browser, served):
    page = browser.new_page(viewport={"width": 360, "height": 800})
    page.goto(f"{served}/members/")
    assert not page.is_visible("#header-search")  # the one-row header has an icon instead
    page.click(".search-link")
    page.wait_for_url(f"{served}/search/")
    assert page.evaluate("document.activeElement.id") == "search-query"
    page.keyboard.type("第一次来")
    page.keyboard.press("Enter")
    page.wait_for_selector("#search-results[data-query]")
    assert results(page, served) == ["transcripts/kai-chang/#turn-3"]


def test_filters_and_the_address_can_be_shared(browser, served):
    page = browser.new_page()
    page.goto(f"{served}/search/?q={quote('老王')}&type=event&group=dushu")
    page.wait_for_selector("#search-results[data-query]")
    assert results(page, served) == ["events/shalong/"]
    assert page.input_value("#search-type") == "event"
    page.select_option("#search-group", "")
    page.wait_for_function("() => location.search.indexOf('group') === -1")
    page.wait_for_selector("#search-results[data-query]")
    assert set(results(page, served)) == {"events/shalong/", "events/nian-hui/"}


def test_bad_queries_get_a_message_not_an_error(browser, served):
    page = browser.new_page()
    page.goto(f"{served}/search/")
    ask(page, '"没有配对')
    assert "引号没有配对" in page.inner_text("#search-status")
    ask(page, "OR -")
    assert "请输入要搜索的词语" in page.inner_text("#search-status")
    assert results(page, served) == []


def test_nothing_private_is_found(browser, served):
    page = browser.new_page()
    page.goto(f"{served}/search/")
    for secret in ("草稿秘密词", "私密秘密词", "隐士甲", "隐身人"):
        ask(page, secret)
        assert results(page, served) == [], secret


def test_static_search_meets_the_relevance_set(browser, demo, demo_served):
    page = browser.new_page()
    page.goto(f"{demo_served}/search/")
    items = judged()
    static = {}
    for item in items:
        ask(page, item.query)
        static[item.query] = results(page, demo_served)
    index = SearchIndex(demo.root / ".qunzhi-cache" / "qunzhi-store" / "search-index")
    with index.searcher() as searcher:
        terminal = {
            item.query: [hit.url for hit in search(searcher, item.query, Filters(), 10)]
            for item in items
        }
    recall = sum(recall_at_3(item, static[item.query]) for item in items) / len(items)
    overlap = sum(overlap_at_10(static[i.query], terminal[i.query]) for i in items) / len(items)
    misses = [
        (i.query, i.expect, static[i.query][:3])
        for i in items
        if recall_at_3(i, static[i.query]) < 1
    ]
    assert recall >= 0.9, misses
    assert overlap >= 0.6, overlap
