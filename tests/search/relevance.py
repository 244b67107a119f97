"""The relevance set (relevance.yaml) and how a ranking is scored against it.

Used by the tests and by scripts/search_relevance.py, which prints the table."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

RELEVANCE = Path(__file__).with_name("relevance.yaml")


@dataclass(frozen=True)
class Judged:
    query: str
    expect: tuple[str, ...]
    kind: str
    turn: str | None = None


def judged() -> list[Judged]:
    items = yaml.safe_load(RELEVANCE.read_text(encoding="utf-8"))
    return [
        Judged(item["query"], tuple(item["expect"]), item["kind"], item.get("turn"))
        for item in items
    ]


def recall_at_3(item: Judged, ranked: list[str]) -> float:
    """Share of the expected pages among the first three hits (turn anchors ignored)."""
    top = [url.split("#")[0] for url in ranked[:3]]
    return sum(url in top for url in item.expect) / len(item.expect)


def turn_found(item: Judged, ranked: list[str]) -> bool:
    """Whether the hit for the judged turn's page links to that very turn."""
    page = item.turn.split("#")[0] if item.turn else None
    return any(url == item.turn for url in ranked if url.split("#")[0] == page)


def overlap_at_10(one: list[str], other: list[str]) -> float:
    first, second = {u.split("#")[0] for u in one[:10]}, {u.split("#")[0] for u in other[:10]}
    return len(first & second) / max(1, len(first | second))
