"""Cutting a long export into sessions: a silence longer than the gap starts a new one.

The cut is made while the export streams by (each message's session depends
only on the one before), so ``--list`` and ``--session N`` read a year of chat
in one pass and keep only what they need: a summary per session, and the
messages of the sessions asked for.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta

from qunzhi.hub.errors import UsageError

DEFAULT_GAP = timedelta(hours=2)
GAP = re.compile(r"^(?P<number>\d+(?:\.\d+)?)\s*(?P<unit>[smhd]?|min)$", re.IGNORECASE)
UNITS = {"s": 1, "": 60, "min": 60, "m": 60, "h": 3600, "d": 86400}
FIRST_KEPT = 200  # characters of a session's first line kept for --list
SHOWN = 40  # of which --list shows this many, masked first (a cut number would leak digits)
SPAN = re.compile(r"^(?P<first>\d+)(?:-(?P<last>\d+))?$")


def parse_gap(text: str) -> timedelta:
    """``--gap``: ``2h``, ``90m``, ``45min``, ``30`` (minutes), ``1d``."""
    match = GAP.match(text.strip())
    if match is None or float(match["number"]) <= 0:
        raise UsageError(
            f"import: --gap: expected a silence like 2h, 90m or 30 (minutes), found {text!r}"
        )
    return timedelta(seconds=float(match["number"]) * UNITS[match["unit"].lower()])


def parse_sessions(text: str) -> set[int] | None:
    """``--session``: ``3``, ``2,5``, ``2-4`` or ``all`` (None: every session)."""
    if text.strip().casefold() == "all":
        return None
    numbers: set[int] = set()
    for piece in text.replace("，", ",").split(","):
        match = SPAN.match(piece.strip())
        if match is None or int(match["first"]) < 1:
            raise UsageError(
                f"import: --session: expected session numbers like 3, 2,5, 2-4 or all "
                f"(see --list), found {text!r}"
            )
        last = int(match["last"] or match["first"])
        numbers |= set(range(int(match["first"]), last + 1))
    return numbers


@dataclass
class Session:
    """What ``--list`` shows of one session."""

    number: int
    start: datetime | None
    end: datetime | None
    messages: int = 0
    speakers: int = 0
    first_line: str = ""


class Cutter:
    """Numbers sessions as messages arrive in time order, and summarises each."""

    def __init__(self, gap: timedelta) -> None:
        self.gap = gap
        self.sessions: list[Session] = []
        self._senders: set[str] = set()  # of the open session only: 500 sets would not fit

    def current(self, at: datetime | None) -> int:
        """The session a system line at ``at`` belongs to (it never opens one)."""
        return self.sessions[-1].number if self.sessions else 1

    def place(self, at: datetime | None, sender: str, first_line: str) -> int:
        """The session of a person's message at ``at`` (1, 2 …), opening one after a gap."""
        last = self.sessions[-1] if self.sessions else None
        if last is None or (at is not None and last.end is not None and at - last.end > self.gap):
            last = Session(len(self.sessions) + 1, at, at)
            self.sessions.append(last)
            self._senders = set()
        if at is not None:
            last.end = max(last.end, at) if last.end else at
        last.messages += 1
        if sender not in self._senders:
            self._senders.add(sender)
            last.speakers += 1
        if not last.first_line and first_line.strip():
            last.first_line = first_line[:FIRST_KEPT]  # shortened once masked
        return last.number


@dataclass
class Selection:
    """Which draft a message goes to: the session asked for, a time window, or one for all."""

    sessions: set[int] | None = None
    every_session: bool = False  # --session all: one draft per session
    since: datetime | None = None
    until: datetime | None = None
    nothing: bool = False  # --list: only the summaries

    @property
    def by_session(self) -> bool:
        return self.every_session or self.sessions is not None

    def key(self, number: int, at: datetime | None) -> int | None:
        """The draft's key (its session number, or 0), or None when not imported."""
        if self.nothing:
            return None
        if self.by_session:
            return number if self.every_session or number in (self.sessions or ()) else None
        if self.since is None and self.until is None:
            return 0
        if at is None:
            return None
        if self.since is not None and at < self.since:
            return None
        return None if self.until is not None and at >= self.until else 0
