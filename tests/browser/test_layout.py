"""Pages as a reader sees them: phone and desktop widths, no sideways scroll, right headings."""

from __future__ import annotations

from pathlib import Path

import pytest

PAGES = [
    ("/", "测试群志"),
    ("/transcripts/kai-chang/", "开场分享：社群的记忆"),
    ("/members/wangjianguo/", "王建国"),
    ("/events/shalong/", "春季沙龙"),
]
WIDTHS = [(360, 740), (1280, 900)]


@pytest.mark.parametrize(("width", "height"), WIDTHS)
def test_pages_fit_the_screen_and_show_their_heading(browser, served, width, height, tmp_path):
    page = browser.new_page(viewport={"width": width, "height": height})
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    for path, heading in PAGES:
        page.goto(served + path)
        assert page.locator("h1").first.inner_text() == heading
        overflow = page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 0, f"{path} scrolls sideways by {overflow}px at {width}px"
        assert page.locator("header nav a[href='/transcripts/']").is_visible()
        shot = Path(tmp_path) / f"{path.strip('/').replace('/', '_') or 'home'}-{width}.png"
        page.screenshot(path=str(shot), full_page=True)
    page.close()
    assert all(url.startswith(served) for url in requests), "a page asked for another host"


def test_turn_anchor_and_speaker_link_work(browser, served):
    page = browser.new_page(viewport={"width": 360, "height": 740})
    page.goto(served + "/transcripts/kai-chang/#turn-2")
    turn = page.locator("#turn-2")
    assert turn.get_attribute("data-speaker") == "lixiaohong"
    assert turn.locator(".turn-speaker").inner_text() == "李小红"
    turn.locator(".turn-speaker").click()
    page.wait_for_url(served + "/members/lixiaohong/")
    assert page.locator("h1").inner_text() == "李小红"
    page.close()
