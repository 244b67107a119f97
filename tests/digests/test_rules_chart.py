"""Rule changes from the history's old text, and the activity chart's SVG."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import date
from pathlib import Path

from qunzhi.digests.chart import activity_svg
from qunzhi.digests.rules import rule_change, rule_items
from qunzhi.hub.documents import TYPES, RuleSet

SVG = "{http://www.w3.org/2000/svg}"


def test_rule_items_number_from_the_first_written_number():
    text = "前言。\n\n3. 友善**发言**。\n    - 子条目\n4. 看[群规](/rules/x/)。\n\n后记。\n"
    assert rule_items(text) == (3, ["友善发言。子条目", "看群规。"])


def test_a_rules_nested_list_is_joined_without_its_markers():
    text = (
        "1. 分享实录会公开。\n    - 不想被写进去的，私聊整理人。\n"
        "    * 可以用昵称\n      代替真名。\n"
        "2. 发言规则\n    1. 友善；\n    2. 不刷屏。\n"
    )
    assert rule_items(text) == (
        1,
        [
            "分享实录会公开。不想被写进去的，私聊整理人；可以用昵称 代替真名。",
            "发言规则：友善；不刷屏。",
        ],
    )


def test_an_inserted_rule_is_one_addition_not_a_change_of_every_later_rule():
    old = "1. 友善发言。\n2. 不发广告。\n3. 禁止刷屏。\n4. 晚上十点后安静。\n"
    new = "1. 友善发言。\n2. 不发任何广告。\n3. 晚上十点后安静。\n4. 分享之前先预告。\n"
    doc = RuleSet(
        TYPES["rules"][0],
        Path("rules/x.md"),
        "x",
        {
            "version": "2",
            "history": [
                {"version": "2", "note": "收紧"},
                {"version": "1", "text": old},
            ],
        },
        {},
        new,
        1,
    )
    change = rule_change(doc)
    assert (change.version, change.note, change.previous, change.compared) == (
        "2",
        "收紧",
        "1",
        True,
    )
    assert change.changed == [(2, "不发任何广告。")]
    assert change.removed == [(3, "禁止刷屏。")]
    assert change.added == [(4, "分享之前先预告。")]


def test_the_chart_has_a_title_labels_and_one_bar_per_day():
    days = [(date(2016, 1, 11 + n), turns) for n, turns in enumerate([0, 3, 0, 0, 0, 0, 7])]
    svg = ET.fromstring(activity_svg(days, "每日发言段数", "chart-x"))
    assert svg.get("role") == "img"
    assert svg.get("aria-labelledby") == "chart-x-title chart-x-desc"
    assert svg.find(f"{SVG}title").text == "每日发言段数"
    assert svg.find(f"{SVG}desc").text == "共 10 段发言：1月12日 3 段，1月17日 7 段"
    bars = svg.findall(f".//{SVG}rect")
    assert len(bars) == 7
    heights = [float(bar.get("height")) for bar in bars]
    assert heights[6] > heights[1] > 0 == heights[0]
    labels = [text.text for text in svg.iter(f"{SVG}text")]
    assert {"周一", "周日", "1/11", "3", "7"} <= set(labels)
