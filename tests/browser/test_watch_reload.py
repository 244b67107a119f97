"""``qunzhi serve --watch`` in Chromium: a save reloads the open page where the reader was;
a content error shows over the page, which keeps the previous text until it is fixed."""

from __future__ import annotations

from pathlib import Path

import pytest

TRANSCRIPT = "transcripts/2016/2016-01-03-kai-chang.md"
TITLE = "开场分享：社群的记忆"


def edit(site, old: str, new: str) -> None:
    path = site.content / TRANSCRIPT
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def reloaded_twice(page, loads: list[int], heading: str) -> None:
    """A save reloads the page twice: the saved page's preview, then the whole rebuild."""
    page.locator("h1", has_text=heading).wait_for(timeout=15_000)
    for _ in range(150):
        if len(loads) >= 2:
            break
        page.wait_for_timeout(100)
    assert len(loads) == 2, loads
    loads.clear()
    settled(page)


def settled(page) -> None:
    """Wait for the page, its fonts (they move the text) and its event stream."""
    page.wait_for_function("document.readyState === 'complete'")
    page.wait_for_function("document.fonts.status === 'loaded'")
    page.wait_for_timeout(400)


def test_a_save_reloads_the_page_where_the_reader_was(browser, site, watching):
    page = browser.new_page(viewport={"width": 360, "height": 400})
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(f"{watching.base}/transcripts/kai-chang/#turn-2")
    settled(page)
    loads: list[int] = []
    page.on("load", lambda _page: loads.append(1))
    turn = "document.getElementById('turn-2').getBoundingClientRect().top"
    before = page.evaluate(turn)
    assert page.evaluate("window.scrollY") > 0
    edit(site, f"title: {TITLE}", "title: 开场分享：社群的记忆（修订）")
    reloaded_twice(page, loads, "（修订）")
    # the browser's own jump to #turn-2 lands a few pixels apart from run to run; the title's
    # new line (33 px) is what must not push the turn down
    assert abs(page.evaluate(turn) - before) <= 12
    assert page.url.endswith("#turn-2")

    third = "document.getElementById('turn-3').getBoundingClientRect().top"
    page.evaluate(f"window.scrollBy(0, {third} - 150)")
    before = page.evaluate(third)
    edit(site, "（修订）", "（又一次修订，这回标题长得要折成好几行才放得下）")
    reloaded_twice(page, loads, "又一次")
    assert abs(page.evaluate(third) - before) <= 4  # sub-pixel rounding; a line is 24 px
    page.close()
    assert all(url.startswith(watching.base) for url in requests), "a request left the host"


@pytest.mark.parametrize(("width", "height"), [(360, 740), (1280, 900)])
def test_a_content_error_shows_over_the_page_until_fixed(
    browser, site, watching, width, height, tmp_path
):
    page = browser.new_page(viewport={"width": width, "height": height})
    page.goto(f"{watching.base}/transcripts/kai-chang/")
    page.evaluate("window.notReloaded = true")
    page.wait_for_timeout(300)
    edit(site, f"title: {TITLE}", "titel: 坏了")
    overlay = page.locator("#qunzhi-build-errors")
    overlay.wait_for(timeout=15_000)
    assert "title: expected a title, found nothing" in overlay.locator("pre").inner_text()
    assert "构建失败" in overlay.locator("strong").inner_text()
    assert page.evaluate("window.notReloaded") is True
    assert page.locator("h1").first.inner_text() == TITLE
    page.screenshot(path=str(Path(tmp_path) / f"watch-error-{width}.png"))
    edit(site, "titel: 坏了", "title: 修好了")
    page.locator("h1", has_text="修好了").wait_for(timeout=15_000)
    assert page.locator("#qunzhi-build-errors").count() == 0
    page.close()
