"""Rule anchors: numbered from the editor's first number, continued across lists."""

from __future__ import annotations

import re

from qunzhi.hub.render import Renderer


def rules(text: str) -> tuple[list[str], int]:
    html, count = Renderer({}).rules(text)
    return re.findall(r'<li id="(rule-\d+)">', html), count


def test_rules_number_from_one_and_continue_across_lists():
    assert rules("1. 甲\n2. 乙\n\n## 附则\n\n1. 丙\n") == (["rule-1", "rule-2", "rule-3"], 3)


def test_first_number_written_by_the_editor_is_kept():
    assert rules("3. 甲\n4. 乙\n") == (["rule-3", "rule-4"], 4)
