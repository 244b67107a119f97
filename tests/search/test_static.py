"""The static search's files: the table of traditional characters, made in one OpenCC
call, and the pages' parts packed into bundles."""

from __future__ import annotations

import json

from qunzhi.hub.words import fold
from qunzhi.search import static
from qunzhi.search.static import traditional_to_simplified


def test_the_table_is_what_folding_each_character_gives():
    one_by_one = {}
    for code in range(0x3400, 0xA000):
        character = chr(code)
        folded = fold(character)
        if folded != character and len(folded) == 1:
            one_by_one[character] = folded
    table = traditional_to_simplified()
    assert table == one_by_one
    assert table["羅"] == "罗" and table["輯"] == "辑" and "罗" not in table


def test_parts_are_packed_into_bundles_and_each_page_finds_all_of_its_parts():
    def part(page: str, number: int, size: int) -> bytes:
        return static._encoded({"p": [[number, page + "字" * size]]})  # 3 bytes a 字

    sizes = {"甲": [3000], "乙": [2000, 2000, 2000], "丙": [10_000], "丁": [30] * 300}
    parts = [[part(page, n, size) for n, size in enumerate(each)] for page, each in sizes.items()]
    numbers, bundles = static._bundles(parts)
    assert sum(map(len, bundles)) == sum(map(len, parts)) == 305
    assert len(bundles) <= 8  # 305 parts, 90 KB
    for bundle in bundles:  # over the budget only when one part is alone
        assert len(bundle) == 1 or sum(map(len, bundle)) + len(bundle) <= static.BUNDLE_BYTES
        assert len(bundle) <= static.SLOTS
    files = [json.loads(b"[" + b",".join(bundle) + b"]") for bundle in bundles]
    for (page, each), number in zip(sizes.items(), numbers, strict=True):
        first = files[number // static.SLOTS][number % static.SLOTS]
        found = [first] + [files[bundle][slot] for bundle, slot in first.get("more", [])]
        assert [chunk["p"][0][0] for chunk in found] == list(range(len(each))), page
        assert all(chunk["p"][0][1].startswith(page) for chunk in found), page
