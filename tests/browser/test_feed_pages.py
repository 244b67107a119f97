"""Feeds as a person meets them in a browser: the /feeds/ page, and a feed file opened
directly, styled by feed.css into a readable list instead of raw XML."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

WIDTHS = [(360, 740), (1280, 900)]
SHOTS = Path(os.environ.get("QUNZHI_SHOTS", "")) if os.environ.get("QUNZHI_SHOTS") else None


def shot(page, tmp_path: Path, name: str, full_page: bool = True) -> None:
    """Save a screenshot (to $QUNZHI_SHOTS when set, to look at)."""
    folder = SHOTS or tmp_path
    folder.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(folder / f"{name}.png"), full_page=full_page)


@pytest.mark.parametrize(("width", "height"), WIDTHS)
def test_the_feeds_page_lists_feeds_with_subscribe_links(browser, served, width, height, tmp_path):
    page = browser.new_page(viewport={"width": width, "height": height})
    page.goto(served + "/")
    page.locator("footer a[href='/feeds/']").click()
    page.wait_for_url(served + "/feeds/")
    assert page.locator("h1").inner_text() == "订阅"
    first = page.locator(".feed-list li").first
    assert first.locator(".feed-title").inner_text() == "全部更新"
    assert first.locator("a", has_text="Atom").get_attribute("href") == "/feeds/all.atom.xml"
    assert first.locator("a", has_text="RSS").is_visible()
    overflow = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0, f"/feeds/ scrolls sideways by {overflow}px at {width}px"
    shot(page, tmp_path, f"feeds-page-{width}")
    page.close()


@pytest.mark.parametrize("path", ["/feeds/all.atom.xml", "/feeds/groups/paoge.rss.xml"])
@pytest.mark.parametrize(("width", "height"), WIDTHS)
def test_a_feed_opened_in_the_browser_shows_readable_titles(
    browser, served, path, width, height, tmp_path
):
    page = browser.new_page(viewport={"width": width, "height": height})
    page.goto(served + path)
    kind, summary, body = (
        ("entry", "summary", "content")
        if path.endswith(".atom.xml")
        else ("item", "description", "encoded")
    )
    titles = page.locator(f"{kind} > title")  # XML elements: text_content, not inner_text
    assert titles.count() >= 3
    assert titles.first.text_content() in ("春季沙龙", "年会回顾")
    box = titles.first.bounding_box()
    assert box is not None and box["height"] > 0 and box["width"] > 0
    size = titles.first.evaluate("e => parseFloat(getComputedStyle(e).fontSize)")
    assert size >= 17  # styled by feed.css, not the browser's raw XML tree
    assert page.locator(f"{kind} > {summary}").first.is_visible()
    hidden = page.evaluate(
        f"[...document.querySelectorAll('{kind} > *')].filter(e => e.localName === '{body}')"
        ".every(e => getComputedStyle(e).display === 'none')"
    )
    assert hidden  # the escaped HTML body would read as markup: it is not shown
    overflow = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0, f"{path} scrolls sideways by {overflow}px at {width}px"
    # a full-page screenshot of an XML document never finishes in Chromium: the viewport
    shot(page, tmp_path, f"{path.strip('/').replace('/', '_')}-{width}", full_page=False)
    page.close()
