"""The static search's table of traditional characters, made in one OpenCC call."""

from __future__ import annotations

from qunzhi.hub.words import fold
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
