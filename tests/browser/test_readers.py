"""Issue 14 as a reader meets it, on the demo hub at 360 and 1280 px: search that pages
and stays still, a phone layout that leads with the conversation, share previews and
going on reading. Screenshots land in the test's tmp_path."""

from __future__ import annotations

import base64
import io
import json
from pathlib import Path
from urllib.parse import quote
from urllib.request import urlopen

import pytest
from PIL import Image

WIDTHS = [(360, 780), (1280, 900)]
TRANSCRIPT = "/transcripts/kapian-biji-rumen/"
# every kind of page a reader can land on
PAGE_TYPES = [
    "/",
    TRANSCRIPT,
    "/events/chunri-zaowu-shiji/",
    "/rules/qianxing-qungui/",
    "/members/zhouyiming/",
    "/groups/qianxing/",
    "/tags/",
    "/archives/2026/",
    "/search/?q=" + quote("读书"),
    "/digests/2026/w11/",
    "/feeds/",
    "/about/",
]
# what a finger taps that is not a link inside running text
TAP_TARGETS = (
    ".site-nav a, .brand, .search-link, .breadcrumbs a, .turn-link, a.turn-speaker, .rule-link,"
    " .tags a, .pager a, .going-on a, .quote-links a, .quote-links button, .calendar-links a"
)
SHIFTS = """() => new Promise((done) => {
  let total = 0;
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) if (!entry.hadRecentInput) total += entry.value;
  }).observe({ type: "layout-shift", buffered: true });
  setTimeout(() => done(total), 300);
})"""


def open_page(browser, width: int, height: int, scheme: str = "light"):
    page = browser.new_page(viewport={"width": width, "height": height}, color_scheme=scheme)
    page.problems = []  # console errors and failed requests
    page.on("console", lambda m: m.type == "error" and page.problems.append(m.text))
    page.on(
        "response",
        lambda r: r.status >= 400 and page.problems.append(f"HTTP {r.status} {r.url}"),
    )
    return page


def wait_for_results(page, text: str) -> None:
    page.wait_for_function(
        "text => document.getElementById('search-results').dataset.query === text", arg=text
    )


@pytest.mark.parametrize(("width", "height"), WIDTHS)
def test_search_pages_through_results_without_moving_or_failing(
    browser, demo_served, width, height, tmp_path
):
    page = open_page(browser, width, height)
    page.goto(f"{demo_served}/search/?q={quote('读书')}")
    wait_for_results(page, "读书")
    assert page.evaluate(SHIFTS) == 0, "the page moved while results loaded"
    first = page.locator("#search-results > li").count()
    assert first == 10
    assert "找到 13 条结果" in page.inner_text("#search-status")
    page.screenshot(path=str(Path(tmp_path) / f"search-{width}.png"))
    page.click("#search-pager a[rel=next]")
    page.wait_for_url("**page=2")
    wait_for_results(page, "读书")
    assert page.locator("#search-results > li").count() == 3
    assert page.get_attribute("#search-results", "start") == "11"  # result 11 leads page 2
    assert "第 11–13 条" in page.inner_text("#search-status")
    page.go_back()
    page.wait_for_function("() => !location.search.includes('page=')")
    wait_for_results(page, "读书")
    assert page.locator("#search-results > li").count() == 10
    # the address opens page 2 directly
    page.goto(f"{demo_served}/search/?q={quote('读书')}&page=2")
    wait_for_results(page, "读书")
    assert page.locator("#search-results > li").count() == 3
    assert page.problems == []
    page.close()


def test_search_follows_typing_after_a_pause(browser, demo_served):
    page = open_page(browser, 360, 780)
    page.goto(f"{demo_served}/search/")
    page.locator("#search-query").press_sequentially("卡片", delay=40)
    wait_for_results(page, "卡片")  # no Enter pressed
    assert page.locator("#search-results > li").count() > 0
    assert page.url.endswith(f"?q={quote('卡片')}")
    assert page.problems == [], "a shard the manifest does not list was asked for"
    page.close()


def test_without_javascript_the_search_box_says_what_to_do(browser, demo_served):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{demo_served}/search/?q={quote('读书')}")
    assert "需要打开 JavaScript" in page.inner_text("#search-status")
    assert page.get_attribute("#search-form", "action") == "/search/"
    context.close()


@pytest.mark.parametrize(("width", "height"), WIDTHS)
def test_a_phone_leads_with_the_conversation_and_the_next_events(
    browser, demo_served, width, height, tmp_path
):
    page = open_page(browser, width, height)
    page.goto(demo_served + TRANSCRIPT)
    header = page.locator(".site-header").bounding_box()
    assert header["height"] <= 60, f"header {header['height']}px: more than one row"
    assert page.locator(".turn").first.bounding_box()["y"] < 780
    if width == 360:
        # the search is one tap away, the box itself is not in the way
        assert page.locator(".search-link").is_visible()
        assert not page.locator("#header-search").is_visible()
    page.screenshot(path=str(Path(tmp_path) / f"transcript-{width}.png"))
    page.goto(demo_served + "/")
    upcoming = page.locator("#upcoming-title").bounding_box()["y"]
    recent = page.locator("#recent-title").bounding_box()["y"]
    assert upcoming < (recent if width == 360 else 900)
    page.screenshot(path=str(Path(tmp_path) / f"home-{width}.png"), full_page=True)
    page.goto(f"{demo_served}/search/?q={quote('读书')}")
    wait_for_results(page, "读书")
    assert page.locator("#search-results > li").first.bounding_box()["y"] < 600
    page.close()


@pytest.mark.parametrize(("width", "height"), WIDTHS)
def test_tap_targets_are_44_pixels(browser, demo_served, width, height):
    page = open_page(browser, width, height)
    small = []
    for path in [TRANSCRIPT, "/rules/qianxing-qungui/", "/events/chunri-zaowu-shiji/", "/"]:
        page.goto(demo_served + path)
        found = page.evaluate(
            """selector => [...document.querySelectorAll(selector)]
                .filter((e) => e.getClientRects().length)
                .map((e) => { const r = e.getBoundingClientRect();
                              return [e.className || e.tagName, e.textContent.trim().slice(0, 12),
                                      Math.round(r.width), Math.round(r.height)]; })""",
            TAP_TARGETS,
        )
        assert len(found) > 5, path
        small += [(path, *target) for target in found if target[2] < 44 or target[3] < 44]
    assert small == []
    page.close()


CARD_PAGES = {
    TRANSCRIPT: "DiscussionForumPosting",
    "/events/chunri-zaowu-shiji/": "Event",
    "/members/zhouyiming/": "Person",
    "/digests/2026/w11/": None,
}


def test_each_kind_has_a_share_card_and_json_ld(browser, demo_served):
    page = open_page(browser, 1280, 900)
    for path, kind in CARD_PAGES.items():
        page.goto(demo_served + path)
        image = page.get_attribute("meta[property='og:image']", "content")
        assert image.endswith(f"{path}card.png")
        assert page.get_attribute("meta[name='twitter:card']", "content") == "summary_large_image"
        description = page.get_attribute("meta[name=description]", "content")
        assert description and description != "把群聊里最好的分享、活动和群规留下来"
        assert page.get_attribute("meta[property='og:description']", "content") == description
        with (
            urlopen(demo_served + image, timeout=10) as response,
            Image.open(io.BytesIO(response.read())) as card,
        ):
            assert (card.format, card.size) == ("PNG", (1200, 630))
        found = [
            json.loads(script)
            for script in page.eval_on_selector_all(
                "script[type='application/ld+json']", "all => all.map((s) => s.textContent)"
            )
        ]
        types = [item["@type"] for item in found]
        assert "BreadcrumbList" in types
        if kind:
            assert kind in types
            item = next(item for item in found if item["@type"] == kind)
            assert item["url"].endswith(path)
        crumbs = next(item for item in found if item["@type"] == "BreadcrumbList")
        names = [entry["name"] for entry in crumbs["itemListElement"]]
        assert names[0] == "首页"
        assert page.locator(".breadcrumbs li").all_inner_texts() == names
    page.close()


def test_a_quote_card_is_drawn_in_the_browser_to_save(browser, demo_served, tmp_path):
    page = open_page(browser, 360, 780)
    page.goto(demo_served + TRANSCRIPT)
    button = page.locator("#quote-1 button.quote-card")
    assert button.inner_text() == "金句卡片"
    box = button.bounding_box()
    assert box["width"] >= 44 and box["height"] >= 44
    button.click()
    dialog = page.locator("dialog.card-dialog")
    assert dialog.is_visible()
    image = dialog.locator("img")
    assert image.evaluate("img => [img.naturalWidth, img.naturalHeight]") == [1200, 630]
    words = page.evaluate(
        """() => { const quote = document.querySelector('#quote-1').cloneNode(true);
        quote.querySelector('footer').remove(); return quote.textContent.trim(); }"""
    )
    assert image.get_attribute("alt") == f"金句卡片：{words}"
    save = dialog.locator("a[download]")
    assert save.get_attribute("download") == "kapian-biji-rumen-quote-1.png"
    source = image.get_attribute("src")
    assert save.get_attribute("href") == source
    page.screenshot(path=tmp_path / "quote-card-dialog.png")
    header, data = source.split(",", 1)
    assert header == "data:image/png;base64"
    with Image.open(io.BytesIO(base64.b64decode(data))) as drawn:
        drawn.save(tmp_path / "quote-card.png")
        picture = drawn.convert("RGB")
    assert picture.size == (1200, 630)
    assert picture.getpixel((8, 315)) == (0x0B, 0x65, 0x66)  # the accent bar of card.png
    assert picture.getpixel((1190, 620)) == (0xF8, 0xF7, 0xF3)
    colours = {colour: count for count, colour in picture.getcolors(1200 * 630)}
    assert colours[(0x1D, 0x21, 0x26)] > 2_000  # the quote's words, in ink
    assert colours[(0xA3, 0x47, 0x1C)] > 200  # the opening quotation mark
    page.keyboard.press("Escape")
    assert not dialog.is_visible()
    assert page.evaluate("document.activeElement.matches('#quote-1 button.quote-card')")
    assert page.problems == []
    page.close()


def test_a_transcript_leads_on_to_its_neighbours(browser, demo_served, tmp_path):
    page = open_page(browser, 1280, 900)
    page.goto(demo_served + TRANSCRIPT)
    assert "阅读" in page.inner_text(".facts")
    following = page.locator(".prev-next a[rel=next]")
    title = following.inner_text().split("\n")[-1].strip()
    following.click()
    page.wait_for_load_state()
    assert title in page.locator("h1").inner_text()
    back = page.locator(".prev-next a[rel=prev]").get_attribute("href")
    assert back == TRANSCRIPT
    related = page.locator(".related a")
    assert 1 <= related.count() <= 3
    page.screenshot(path=str(Path(tmp_path) / "going-on.png"), full_page=True)
    page.close()


def test_copy_link_copies_the_turns_address(browser, demo_served):
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto(demo_served + TRANSCRIPT)
    page.click("#turn-2 .turn-link")
    page.wait_for_url("**#turn-2")
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied == f"{demo_served}{TRANSCRIPT}#turn-2"
    context.close()
