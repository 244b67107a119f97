"""What changed in a rule set: which rules were added, changed or removed.

A rule is a top-level item of the ordered list (as the hub numbers them). When
the ``history`` entry of the previous version carries its ``text``, the two
lists are aligned with ``difflib`` so that a rule inserted in the middle is one
addition, not a change of every rule after it.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from typing import Any

from qunzhi.hub.documents import RuleSet
from qunzhi.hub.render import SPACE

ITEM = re.compile(r"^(?P<number>\d+)[.)]\s+(?P<text>.*)$")
SUB_ITEM = re.compile(r"^(?:[-*+]|\d+[.)])\s+")  # a nested list's marker, not rule text
CLOSING = "。；;，,：:."  # punctuation a sub-item ends with, replaced by the joining "；"
SIMILAR = 0.5  # a rule whose text is half the same is a changed rule, not a new one
RULE_LABELS = {"added": "新增", "changed": "修改", "removed": "删除原"}  # before "第N条"
MARKUP = re.compile(r"[*_`]+|\[([^\]]*)\]\([^)]*\)")


@dataclass
class RuleChange:
    """A new version of a rule set in a period, and what it changed."""

    doc: RuleSet
    version: str
    note: str
    previous: str | None = None
    compared: bool = False
    added: list[tuple[int, str]] = field(default_factory=list)
    changed: list[tuple[int, str]] = field(default_factory=list)
    removed: list[tuple[int, str]] = field(default_factory=list)

    @property
    def entries(self) -> list[tuple[str, int, str]]:
        """Every change as ``(kind, number, text)`` in the order a reader checks them
        against the rules: added and changed rules by their new number, then the
        removed ones by their old number (they are no longer in the new text)."""
        current = [("added", *rule) for rule in self.added]
        current += [("changed", *rule) for rule in self.changed]
        current.sort(key=lambda entry: entry[1])
        return current + sorted((("removed", *rule) for rule in self.removed), key=lambda e: e[1])


def rule_items(markdown: str) -> tuple[int, list[str]]:
    """The first rule's number (the hub numbers from it) and the top-level items of
    a rule text's ordered lists, as one line of plain text each (a nested list's
    items follow the rule's own text, joined with "；" and without their markers)."""
    first = 0
    items: list[list[list[str]]] = []
    current: list[list[str]] | None = None
    for line in markdown.split("\n"):
        match = ITEM.match(line)
        if match:
            first = first or int(match["number"])
            current = [[match["text"]]]
            items.append(current)
        elif current is not None and line.startswith((" ", "\t")) and line.strip():
            text = line.strip()
            marker = SUB_ITEM.match(text)
            if marker:
                current.append([text[marker.end() :]])
            else:
                current[-1].append(text)
        elif line.strip():
            current = None  # text after the list is not part of a rule
    return max(first, 1), [_rule_text(parts) for parts in items]


def _rule_text(parts: list[list[str]]) -> str:
    """A rule's own text, then its sub-items: "甲。乙；丙。", or "甲：乙；丙" when the
    rule's text does not end a sentence."""
    lead, *subs = (_plain(" ".join(lines)) for lines in parts)
    subs = [sub for sub in subs if sub]
    if not subs:
        return lead
    last = subs[-1]
    joined = "；".join([*(sub.rstrip(CLOSING) for sub in subs[:-1]), last])
    if not lead:
        return joined
    return lead + ("" if lead[-1] in "。！？：:；" else "：") + joined


def _plain(text: str) -> str:
    return SPACE.sub(" ", MARKUP.sub(lambda m: m.group(1) or "", text)).strip()


def rule_change(doc: RuleSet) -> RuleChange:
    """The change a rule set's current version made, from its ``history``."""
    version = str(doc.meta.get("version") or "")
    history: list[dict[str, Any]] = doc.meta.get("history", [])
    position = next((n for n, entry in enumerate(history) if entry["version"] == version), None)
    current = history[position] if position is not None else {}
    older = history[position + 1] if position is not None and position + 1 < len(history) else {}
    change = RuleChange(doc, version, current.get("note", ""), older.get("version"))
    if "text" in older:
        change.compared = True
        _compare(change, *rule_items(older["text"]), *rule_items(doc.body))
    return change


def _compare(
    change: RuleChange, old_start: int, old: list[str], new_start: int, new: list[str]
) -> None:
    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    for tag, old_first, old_last, new_first, new_last in matcher.get_opcodes():
        if tag == "equal":
            continue
        pairs = _pair(old[old_first:old_last], new[new_first:new_last])
        for n in range(new_first, new_last):
            if n - new_first in pairs.values():
                change.changed.append((new_start + n, new[n]))
            else:
                change.added.append((new_start + n, new[n]))
        for n in range(old_first, old_last):
            if n - old_first not in pairs:
                change.removed.append((old_start + n, old[n]))


def _pair(old: list[str], new: list[str]) -> dict[int, int]:
    """Old rule to new rule where one is an edit of the other (half the characters
    alike), most alike first; the rest were added or removed."""
    scored = sorted(
        (
            (-difflib.SequenceMatcher(a=before, b=after, autojunk=False).ratio(), o, n)
            for o, before in enumerate(old)
            for n, after in enumerate(new)
        ),
    )
    pairs: dict[int, int] = {}
    for score, o, n in scored:
        if -score >= SIMILAR and o not in pairs and n not in pairs.values():
            pairs[o] = n
    return pairs
