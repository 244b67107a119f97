"""Results kept between builds, by key: what a build did not use is dropped.

A build recomputes only what changed when each costly step (Markdown, analysis,
topics …) keeps its results here, keyed by a digest of exactly what the result
depends on. The cache is a folder of marshal files (plain data, fast), the keys
spread over ``SHARDS`` of them, so that a build that changed one document rewrites
one shard, not every result of a 10,000-document hub. Each shard carries an
``identity`` (a digest of the code version and settings the results depend on);
one that cannot be read, or was written under another identity, is ignored.
"""

from __future__ import annotations

import hashlib
import marshal
import os
import zlib
from pathlib import Path
from typing import Any

SHARDS = 32


def digest(*parts: Any) -> str:
    """A short stable key for plain values (their ``repr``)."""
    return hashlib.blake2b(repr(parts).encode(), digest_size=16).hexdigest()


def write_whole(path: Path, data: bytes) -> None:
    """Write ``path`` aside, then move it into place: a reader never sees half a file."""
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    temporary.write_bytes(data)
    temporary.replace(path)


def _shard(key: str) -> int:
    return zlib.crc32(key.encode()) % SHARDS


class KeptCache:
    """Values by key, read from the folder ``path`` when its identity matches; ``fresh``
    ignores what is there."""

    def __init__(self, path: Path | None, identity: str, fresh: bool = False) -> None:
        self.path, self.identity = path, identity
        self._known: dict[str, Any] = {}
        self._keys: list[set[str]] = [set() for _ in range(SHARDS)]  # as read, per shard
        self._dirty: set[int] = set()  # shards whose values were put anew
        self.used: dict[str, Any] = {}
        if path is not None and not fresh and path.is_dir():
            for number in range(SHARDS):
                try:
                    written, known = marshal.loads((path / f"{number:02d}.marshal").read_bytes())
                except (OSError, EOFError, ValueError, TypeError):
                    continue
                if written == identity and isinstance(known, dict):
                    self._known.update(known)
                    self._keys[number] = set(known)

    def get(self, key: str) -> Any:
        """The value kept for ``key``, or None; a value got is kept for the next build."""
        found = self.used.get(key)
        if found is None:
            found = self._known.get(key)
            if found is not None:
                self.used[key] = found
        return found

    def put(self, key: str, value: Any) -> None:
        if self._known.get(key) is not value:
            self._dirty.add(_shard(key))
        self.used[key] = value

    def save(self) -> None:
        """Write the shards whose keys or values this build changed; each aside, then moved."""
        if self.path is None:
            return
        shards: list[dict[str, Any]] = [{} for _ in range(SHARDS)]
        for key, value in self.used.items():
            shards[_shard(key)][key] = value
        changed = [
            number
            for number, values in enumerate(shards)
            if number in self._dirty or values.keys() != self._keys[number]
        ]
        if not changed:
            return
        if self.path.is_file():  # a single-file cache of an earlier version
            self.path.unlink()
        self.path.mkdir(parents=True, exist_ok=True)
        for number in changed:
            data = marshal.dumps((self.identity, shards[number]))
            write_whole(self.path / f"{number:02d}.marshal", data)
