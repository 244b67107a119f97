"""Turn parsing on its own: what opens a turn and what does not."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from qunzhi.hub.members import Person
from qunzhi.hub.render import Renderer
from qunzhi.hub.transcript import converse, lay_out

KNOWN = {"老王": Person("老王"), "Hong": Person("Hong"), "小红": Person("小红")}
DAY = datetime(2016, 1, 3, 20, 0, tzinfo=ZoneInfo("Asia/Shanghai"))


def conversation(body: str):
    renderer = Renderer({"MARKDOWN": {"extension_configs": {"markdown.extensions.extra": {}}}})
    return converse(lay_out(body, 10, KNOWN.get, KNOWN.get), renderer, DAY, "")


def test_name_alone_on_its_line_opens_a_turn_and_keeps_following_lines():
    result = conversation("老王：\n第一句。\n第二句。\n")
    assert [(turn.person.written, turn.line) for turn in result.turns] == [("老王", 10)]
    assert "第一句。\n第二句。" in result.html


def test_full_date_time_stamp():
    result = conversation("[2016-01-03 20:31] 小红：你好\n")
    assert result.turns[0].time == "2016-01-03 20:31"
    assert 'datetime="2016-01-03T20:31:00+08:00"' in result.html


def test_code_blocks_urls_and_unknown_names_never_open_turns():
    body = (
        "老王：看这段代码\n\n```\n小红：这在代码里\n\n小红：还在代码里\n```\n\n"
        "https://example.org/a:b 是链接\n\nHong Kong: 不是 Hong\n\n注意：普通文字\n"
    )
    result = conversation(body)
    assert [turn.person.written for turn in result.turns] == ["老王"]
    assert "小红：这在代码里" in result.html and "注意：普通文字" in result.html


def test_quote_outside_any_turn_is_unattributed_unless_named():
    result = conversation("> 无名的话。\n\n> 有名的话。\n> ——小红\n")
    assert [quote.person and quote.person.written for quote in result.quotes] == [None, "小红"]
    assert '<blockquote class="quote" id="quote-1"><p>无名的话。</p><footer><span' in result.html
    assert 'id="quote-2" data-speaker="小红"' in result.html


def test_turn_counts_and_characters():
    result = conversation("老王：一二三\n\n小红：四五\n\n老王：六\n")
    stats = [(person.written, turns, chars) for person, turns, chars in result.speaker_stats()]
    assert stats == [("老王", 2, 4), ("小红", 1, 2)]


def test_pasted_chat_lines_without_blank_lines_are_separate_turns():
    result = conversation("老王：第一条\n小红：第二条\n接着第二条\n注意：还是第二条\n")
    assert [(turn.person.written, turn.line) for turn in result.turns] == [
        ("老王", 10),
        ("小红", 11),
    ]
    assert "注意：还是第二条" in result.html.split('id="turn-2"')[1]


def test_footnotes_and_reference_links_survive_one_pass_conversion():
    result = conversation(
        "老王：见注释[^1]和[链接][r]。\n\n小红：好。\n\n"
        "[r]: https://example.org\n\n[^1]: 注释内容。\n"
    )
    assert 'href="https://example.org"' in result.html
    assert "注释内容。" in result.html
    assert len(result.turns) == 2


def test_quote_right_under_a_turn_line_is_still_a_quote():
    result = conversation("老王：看这句\n> 名言在此\n小红：好\n")
    assert [turn.person.written for turn in result.turns] == ["老王", "小红"]
    assert [(quote.person.written, quote.turn) for quote in result.quotes] == [("老王", 1)]


def test_turn_stamps_use_the_offset_the_date_was_written_in():
    tokyo = datetime(2016, 1, 3, 20, 0, tzinfo=ZoneInfo("Asia/Tokyo"))
    renderer = Renderer({})
    result = converse(lay_out("[20:01] 老王：早\n", 1, KNOWN.get, KNOWN.get), renderer, tokyo, "")
    assert 'datetime="2016-01-03T20:01:00+09:00"' in result.html
