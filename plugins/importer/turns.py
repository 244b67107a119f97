"""Consecutive messages of one speaker become one turn with the first time stamp."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime

from .speakers import Speaker


@dataclass(slots=True)
class Turn:
    speaker: Speaker
    at: datetime | None
    clock: str | None
    lines: list[str] = field(default_factory=list)

    def stamp(self, day: datetime) -> str:
        """``[20:31]``, or ``[2016-01-02 00:05]`` on a later day than the transcript's."""
        if self.at is None:
            return f"[{self.clock}] " if self.clock else ""
        if self.at.date() == day.date():
            return f"[{self.at:%H:%M}] "
        return f"[{self.at:%Y-%m-%d %H:%M}] "


Entry = tuple[Speaker, datetime | None, str | None, list[str]]  # speaker, time, clock, lines


def merge(kept: Iterable[Entry]) -> Iterator[Turn]:
    """Turns from cleaned messages, each given once the next one starts (or the end)."""
    turn: Turn | None = None
    for speaker, at, clock, lines in kept:
        if not lines:
            continue
        if turn is not None and turn.speaker.person == speaker.person:
            turn.lines.extend(lines)
            continue
        if turn is not None:
            yield turn
        turn = Turn(speaker, at, clock, list(lines))
    if turn is not None:
        yield turn
