"""A one-line progress counter on stderr, shown only when stderr is a terminal."""

from __future__ import annotations

import sys
import time
from typing import TextIO


class Progress:
    """``label 1234/10000`` rewritten in place at most ten times a second."""

    def __init__(self, label: str, total: int, stream: TextIO | None = None) -> None:
        self.label, self.total = label, total
        self.stream = stream or sys.stderr
        self.enabled = self.stream.isatty() and total > 0
        self._shown = 0.0

    def step(self, done: int) -> None:
        if not self.enabled:
            return
        now = time.monotonic()
        if now - self._shown >= 0.1 or done == self.total:
            self._shown = now
            self.stream.write(f"\r{self.label} {done}/{self.total}")
            self.stream.flush()

    def close(self) -> None:
        if self.enabled:
            self.stream.write("\r\x1b[K")
            self.stream.flush()
