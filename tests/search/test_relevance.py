"""The demo hub's relevance set through the index of record (the CLI's and API's search)."""

from __future__ import annotations

import pytest
from search.relevance import judged, recall_at_3, turn_found

from qunzhi.search.index import SearchIndex
from qunzhi.search.searching import Filters, search


@pytest.fixture(scope="module")
def ranked(demo) -> dict[str, list[str]]:
    index = SearchIndex(demo.root / ".qunzhi-cache" / "qunzhi-store" / "search-index")
    with index.searcher() as searcher:
        return {
            item.query: [hit.url for hit in search(searcher, item.query, Filters(), 10)]
            for item in judged()
        }


def test_the_relevance_set_is_large_and_varied():
    items = judged()
    assert len(items) >= 25
    kinds = {item.kind for item in items}
    assert {"word", "phrase", "name", "alias", "traditional", "mixed", "turn"} <= kinds


def test_recall_at_3_of_the_index_is_at_least_0_9(ranked):
    items = judged()
    recall = sum(recall_at_3(item, ranked[item.query]) for item in items) / len(items)
    misses = [
        (item.query, item.expect, ranked[item.query][:3])
        for item in items
        if recall_at_3(item, ranked[item.query]) < 1
    ]
    assert recall >= 0.9, misses


def test_turn_level_hits_link_to_the_judged_turn(ranked):
    items = [item for item in judged() if item.turn]
    found = [item for item in items if turn_found(item, ranked[item.query])]
    missed = [
        (item.query, item.turn, ranked[item.query][:3]) for item in items if item not in found
    ]
    assert len(found) / len(items) >= 0.8, missed
