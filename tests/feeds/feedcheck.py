"""Helpers of the feed tests: the feed files of a built site, parsed as readers parse them."""

from __future__ import annotations

import re
from pathlib import Path

import feedparser

ROOT = Path(__file__).resolve().parents[2]
ZONED_ATOM = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:Z|[+-]\d\d:\d\d)$")
ZONED_RSS = re.compile(r"^\w{3}, \d\d \w{3} \d{4} \d\d:\d\d:\d\d [+-]\d{4}$")


def check_feed(data: bytes, base: str) -> feedparser.FeedParserDict:
    """What every feed must be: well-formed, linked, zoned; returns the parsed feed."""
    feed = feedparser.parse(data)
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.feed.title
    assert feed.feed.link.startswith(base)
    for entry in feed.entries:
        assert entry.title and entry.summary
        assert entry.link.startswith(base), entry.link
        assert entry.id.startswith("tag:"), entry.id
        if feed.version == "atom10":
            assert ZONED_ATOM.match(entry.published) and ZONED_ATOM.match(entry.updated)
        else:
            assert ZONED_RSS.match(entry.published), entry.published
        for url in re.findall(
            r'(?:href|src)="([^"]*)"', entry.get("content", [{}])[0].get("value", "")
        ):
            assert url.startswith(("http://", "https://")), url
    return feed


def feed_files(output: Path) -> dict[str, bytes]:
    """Every feed file of a built site, by path under the output folder."""
    return {
        str(path.relative_to(output)): path.read_bytes()
        for path in sorted((output / "feeds").rglob("*.xml"))
    }


def parsed(output: Path, path: str) -> feedparser.FeedParserDict:
    return feedparser.parse((output / path).read_bytes())
