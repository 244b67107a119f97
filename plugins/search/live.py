"""Live reload for ``qunzhi serve --watch``: build results pushed to open pages.

The watcher publishes each rebuild here; every open page holds one Server-Sent
Events connection (``/__qunzhi/events``) whose thread waits on the condition and
sends the new state. The script that listens is injected into HTML responses by
the server only, never written into the built files.
"""

from __future__ import annotations

import json
import re
import threading
import uuid
from dataclasses import asdict, dataclass, field
from pathlib import Path

EVENTS_PATH = "/__qunzhi/events"
SCRIPT = (Path(__file__).parent / "reload.js").read_text(encoding="utf-8")
BODY_END = re.compile(rb"</body\s*>", re.IGNORECASE)


@dataclass(frozen=True)
class BuildResult:
    """One rebuild: whether the site was replaced, how long it took, what went wrong."""

    ok: bool
    seconds: float
    changed: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    preview: bool = False  # only the saved document's page, before the whole rebuild


class LiveReload:
    """The latest build state and the pages waiting for the next one."""

    def __init__(self) -> None:
        self._changed = threading.Condition()
        self._generation = 0
        self._site = uuid.uuid4().hex  # a new id for each site swapped in
        self._last: BuildResult | None = None
        self._closed = False

    def publish(self, result: BuildResult) -> None:
        with self._changed:
            self._generation += 1
            self._last = result
            if result.ok:
                self._site = uuid.uuid4().hex
            self._changed.notify_all()

    def close(self) -> None:
        """Wake every waiting connection so the server can stop at once."""
        with self._changed:
            self._closed = True
            self._changed.notify_all()

    def state(self) -> tuple[int, str]:
        """The generation to wait after, and the event that tells the current state."""
        with self._changed:
            return self._generation, self._event()

    def wait(self, seen: int, timeout: float) -> tuple[int, str | None] | None:
        """The next generation and its event after ``seen``; (seen, None) on timeout;
        None once closed."""
        with self._changed:
            self._changed.wait_for(lambda: self._closed or self._generation > seen, timeout)
            if self._closed:
                return None
            if self._generation == seen:
                return seen, None
            return self._generation, self._event()

    def _event(self) -> str:
        """One SSE message: the id of the site being served and the latest build."""
        last = asdict(self._last) if self._last else {"ok": True, "errors": []}
        data = json.dumps({"site": self._site, **last}, ensure_ascii=False)
        return f"event: state\ndata: {data}\n\n"


def inject(html: bytes) -> bytes:
    """The page with the reload script before its last ``</body>`` (or at the end)."""
    tag = f"<script>{SCRIPT}</script>".encode()
    ends = list(BODY_END.finditer(html))
    if not ends:
        return html + tag
    where = ends[-1].start()
    return html[:where] + tag + html[where:]
