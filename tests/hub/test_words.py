"""One analysis for search and topics: folding keeps offsets, names stay whole."""

from __future__ import annotations

import pytest

from qunzhi.hub.words import Analyser, fold


@pytest.mark.parametrize(
    ("written", "folded"),
    [
        ("羅輯思維", "罗辑思维"),
        ("ＰＹＴＨＯＮ　編程", "python 编程"),
        ("頭髮乾了", "头发干了"),
        ("讀書會：第１期", "读书会:第1期"),
    ],
)
def test_fold_is_simplified_half_width_lower_case(written: str, folded: str) -> None:
    assert fold(written) == folded
    assert len(fold(written)) == len(written)


def test_traditional_and_simplified_text_give_the_same_words() -> None:
    analyser = Analyser()
    assert analyser.words("我們在讀書會聊羅輯思維") == analyser.words("我们在读书会聊罗辑思维")


def test_offsets_point_into_the_original_text() -> None:
    text = "昨晚「卡片盒筆記」分享，ＰＹＴＨＯＮ也聊了。"
    tokens = Analyser().tokens(text)
    assert ("python", 12, 18) in tokens
    for word, start, end in tokens:
        assert fold(text[start:end]) == word
    assert all(word not in {"「", "，", "。"} for word, _, _ in tokens)


def test_hub_names_stay_one_word() -> None:
    text = "林晓雨和周以宁聊笔记"
    assert "周以宁" not in Analyser().words(text)
    assert Analyser(["林晓雨", "周以宁"]).words(text)[:3] == ["林晓雨", "和", "周以宁"]


def test_search_mode_adds_the_words_inside_long_words() -> None:
    words = [word for word, _, _ in Analyser().tokens("潜行读书会", search=True)]
    assert {"读书", "读书会"} <= set(words)
