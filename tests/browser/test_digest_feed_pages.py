"""The digest feeds as a person meets them: under 摘要 on /feeds/, and the weekly feed
opened in the browser as a readable list of weeks."""

from __future__ import annotations

import pytest
from test_feed_pages import WIDTHS, shot


@pytest.mark.parametrize(("width", "height"), WIDTHS)
def test_the_feeds_page_has_a_digest_section(browser, served, width, height, tmp_path):
    page = browser.new_page(viewport={"width": width, "height": height})
    page.goto(served + "/feeds/")
    heading = page.locator("h2", has_text="摘要")
    assert heading.is_visible()
    section = page.locator("section", has=heading)
    titles = section.locator(".feed-title").all_inner_texts()
    assert titles == ["周报", "月报", "炮哥有约 · 周报", "炮哥有约 · 月报"]
    rss = section.locator("li").first.locator("a", has_text="RSS")
    assert rss.get_attribute("href") == "/feeds/weekly.rss.xml" and rss.is_visible()
    overflow = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0, f"/feeds/ scrolls sideways by {overflow}px at {width}px"
    heading.scroll_into_view_if_needed()
    shot(page, tmp_path, f"feeds-digests-{width}", full_page=False)
    page.close()


@pytest.mark.parametrize(("width", "height"), WIDTHS)
def test_the_weekly_feed_in_the_browser_lists_the_weeks(browser, served, width, height, tmp_path):
    page = browser.new_page(viewport={"width": width, "height": height})
    page.goto(served + "/feeds/weekly.atom.xml")
    titles = page.locator("entry > title")
    assert [titles.nth(n).text_content() for n in range(titles.count())] == [
        "2016年第1周周报",
        "2015年第53周周报",
        "2015年第23周周报",
    ]
    size = titles.first.evaluate("e => parseFloat(getComputedStyle(e).fontSize)")
    assert size >= 17  # styled by feed.css
    assert page.locator("entry > summary").first.is_visible()
    shot(page, tmp_path, f"feeds_weekly-{width}", full_page=False)
    page.close()
