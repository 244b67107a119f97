"""The digest archive and a digest as a reader sees them: chart and quotes, phone and desktop."""

from __future__ import annotations

from pathlib import Path

import pytest

WIDTHS = [(360, 740), (1280, 900)]


@pytest.mark.parametrize(("width", "height"), WIDTHS)
def test_archive_leads_to_a_digest_with_chart_and_quotes(browser, served, width, height, tmp_path):
    page = browser.new_page(viewport={"width": width, "height": height})
    page.goto(served + "/")
    page.locator("header nav a[href='/digests/']").click()
    page.wait_for_url(served + "/digests/")
    assert page.locator("h1").inner_text() == "摘要"
    page.screenshot(path=str(Path(tmp_path) / f"digests-{width}.png"), full_page=True)
    page.locator("a[href='/digests/2015/w53/']").first.click()
    page.wait_for_url(served + "/digests/2015/w53/")
    assert page.locator("h1").inner_text() == "2015年第53周周报"
    chart = page.locator("svg.digest-chart")
    assert chart.is_visible()
    box = chart.bounding_box()
    assert box is not None and box["width"] > 200 and box["height"] > 60
    assert chart.locator("title").first.text_content() == "2015年第53周每日发言段数"
    quotes = page.locator(".digest-quote blockquote")
    assert quotes.count() == 2
    assert quotes.first.inner_text() == "群聊是会流走的河。"
    overflow = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0, f"the digest scrolls sideways by {overflow}px at {width}px"
    page.screenshot(path=str(Path(tmp_path) / f"digest-{width}.png"), full_page=True)
    page.close()


LABEL_SIZES = """() => {
  const svg = document.querySelector('svg.digest-chart');
  const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
  const texts = [...svg.querySelectorAll('text')];
  const axis = texts.filter((t) => /^(周.|\\d+日)$/.test(t.textContent));
  const sizes = axis.map((t) => parseFloat(getComputedStyle(t).fontSize) * scale);
  const body = parseFloat(getComputedStyle(document.body).fontSize);
  return [Math.min(...sizes), Math.max(...sizes), body];
}"""


@pytest.mark.parametrize(("width", "height"), WIDTHS)
@pytest.mark.parametrize(
    "path", ["digests/2015/w53/", "digests/2016/01/", "digests/2016/01/newsletter.html"]
)
def test_chart_day_labels_are_no_bigger_than_the_text_and_readable_on_a_phone(
    browser, served, width, height, path
):
    page = browser.new_page(viewport={"width": width, "height": height})
    page.goto(f"{served}/{path}")
    smallest, largest, body = page.evaluate(LABEL_SIZES)
    page.close()
    assert smallest <= largest  # there are day labels (else min() is Infinity)
    # the SVG scales its text with its width: a month chart at 36rem drew 20px labels
    assert largest <= body, f"{path} at {width}px: day labels {largest:.1f}px, text {body}px"
    assert smallest >= 11, f"{path} at {width}px: day labels {smallest:.1f}px"
