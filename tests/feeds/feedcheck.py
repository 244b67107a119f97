"""Helpers of the feed tests: the feed files of a built site, parsed as readers parse them."""

from __future__ import annotations

from pathlib import Path

import feedparser

ROOT = Path(__file__).resolve().parents[2]


def feed_files(output: Path) -> dict[str, bytes]:
    """Every feed file of a built site, by path under the output folder."""
    return {
        str(path.relative_to(output)): path.read_bytes()
        for path in sorted((output / "feeds").rglob("*.xml"))
    }


def parsed(output: Path, path: str) -> feedparser.FeedParserDict:
    return feedparser.parse((output / path).read_bytes())
