"""Work a build starts on other cores and finishes just before its output is committed.

A first build draws thousands of share cards, which takes worker processes about as
long as the build's own process takes to render every page. Drawn in between, the
build's process waited for them; started when the cards are known and collected at
the end of the build, they are drawn while pages, feeds and digests are rendered.
A build that fails stops the work it started.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from concurrent.futures import ProcessPoolExecutor

from .workers import stop


class Background:
    """The work one build left running: pools by what they run, results to put."""

    def __init__(self) -> None:
        self._pools: dict[Hashable, ProcessPoolExecutor] = {}
        self._then: list[Callable[[], None]] = []

    def pool(self, key: Hashable, make: Callable[[], ProcessPoolExecutor]) -> ProcessPoolExecutor:
        """The build's pool for ``key`` (one per kind of work), made on first use."""
        if key not in self._pools:
            self._pools[key] = make()
        return self._pools[key]

    def then(self, finish: Callable[[], None]) -> None:
        """Call ``finish`` (which waits for its results and puts them) at the end."""
        self._then.append(finish)

    def finish(self) -> None:
        """Wait for every piece of work, in the order it was started, and put its results."""
        while self._then:
            self._then.pop(0)()
        pools, self._pools = self._pools, {}
        for pool in pools.values():
            pool.shutdown()

    def close(self) -> None:
        """Stop what is left (a failed build): its workers end now, their tasks dropped."""
        self._then.clear()
        pools, self._pools = self._pools, {}
        for pool in pools.values():
            stop(pool)
