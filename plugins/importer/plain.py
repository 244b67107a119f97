"""Pasted transcripts: each turn begins ``NAME：`` (or ``NAME:``), maybe after ``[20:31]``.

Web copies run turns together in one paragraph ("甲：……。乙：……"), so a turn may
also begin inside a line, after a sentence end or a space. Only a declared
speaker begins a turn (``--speakers``, ``--host``, a member's id, name or alias),
so "注意：" or "举例：" inside a message never splits it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from .messages import Message, Parsed

# what may stand right before a turn that begins inside a line
BOUNDARY = r"(?:^|(?<=[\s。！？!?；;…~～」』”\"）)】]))"
CLOCK = r"(?:\[(?P<clock>\d{1,2}:\d{2}(?::\d{2})?)\]\s*)?"


def opener(names: Iterable[str]) -> re.Pattern[str] | None:
    """A pattern for ``[time] NAME：`` of the given names, longest first; None for none."""
    unique = sorted({name.strip() for name in names if name.strip()}, key=len, reverse=True)
    if not unique:
        return None
    alternatives = "|".join(re.escape(name) for name in unique)
    return re.compile(rf"{BOUNDARY}\s*{CLOCK}(?P<name>{alternatives})\s*[:：]\s*", re.IGNORECASE)


def parse(lines: list[str], names: Iterable[str]) -> Parsed:
    """Turns of a pasted transcript; text before the first turn is kept as a preamble."""
    parsed = Parsed("plain")
    pattern = opener(names)
    current: Message | None = None
    for number, line in enumerate(lines, 1):
        matches = list(pattern.finditer(line)) if pattern and line.strip() else []
        start = 0
        for match in matches:
            before = line[start : match.start()].strip()
            if before:
                _add(parsed, current, before)
            current = Message(match["name"], number, clock=match["clock"])
            parsed.messages.append(current)
            start = match.end()
        _add(parsed, current, line[start:] if matches else line)
    return parsed


def _add(parsed: Parsed, current: Message | None, text: str) -> None:
    if current is not None:
        current.lines.append(text)
    elif text.strip():
        parsed.preamble.append(text.strip())


def count_turns(lines: list[str], names: Iterable[str]) -> int:
    pattern = opener(names)
    return sum(1 for line in lines if pattern and pattern.search(line)) if pattern else 0
