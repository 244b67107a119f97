"""Results kept between builds, by key: what a build did not use is dropped.

A build recomputes only what changed when each costly step (Markdown, analysis,
topics …) keeps its results here, keyed by a digest of exactly what the result
depends on. The file is marshal (plain data, fast); it carries an ``identity``
(a digest of the code version and settings the results depend on), and one that
cannot be read, or was written under another identity, is ignored.
"""

from __future__ import annotations

import hashlib
import marshal
import os
from pathlib import Path
from typing import Any


def digest(*parts: Any) -> str:
    """A short stable key for plain values (their ``repr``)."""
    return hashlib.blake2b(repr(parts).encode(), digest_size=16).hexdigest()


class KeptCache:
    """Values by key, read from ``path`` when its identity matches; ``fresh`` ignores it."""

    def __init__(self, path: Path | None, identity: str, fresh: bool = False) -> None:
        self.path, self.identity = path, identity
        self._known: dict[str, Any] = {}
        self.used: dict[str, Any] = {}
        if path is not None and not fresh:
            try:
                written, known = marshal.loads(path.read_bytes())
                if written == identity:
                    self._known = known
            except (OSError, EOFError, ValueError, TypeError):
                pass

    def get(self, key: str) -> Any:
        """The value kept for ``key``, or None; a value got is kept for the next build."""
        found = self.used.get(key)
        if found is None:
            found = self._known.get(key)
            if found is not None:
                self.used[key] = found
        return found

    def put(self, key: str, value: Any) -> None:
        self.used[key] = value

    def save(self) -> None:
        """Write this build's values, if they differ from what was read; aside, then moved."""
        if self.path is None or self.used.keys() == self._known.keys():
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        temporary = self.path.with_name(f"{self.path.name}.{os.getpid()}.tmp")
        temporary.write_bytes(marshal.dumps((self.identity, self.used)))
        temporary.replace(self.path)
