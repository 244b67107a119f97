"""What a large import cannot hold in memory, in an unnamed file beside the drafts.

A million messages as Python objects take a gigabyte. A draft's messages cannot
be written as they stream by: masking a message needs every sender of the
export known, and a speaker's name in the draft is the nickname they used most.
So they are pickled here in chunks, read back once the export has been read,
and each draft's finished text is written here too, to be copied into place
only when every draft of the run is complete. The file has no name (it is
unlinked as it is made): nothing is left behind, whatever happens. Only what
this process pickled is ever unpickled.
"""

from __future__ import annotations

import codecs
import pickle
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, Generic, TypeVar

CHUNK = 2000  # messages pickled together: one seek and one load per chunk
BUFFER = 256 * 1024  # characters of draft text gathered before each write
READ = 1024 * 1024  # bytes copied at a time

T = TypeVar("T")


class Spool:
    """One anonymous file, opened the first time something does not fit in memory."""

    def __init__(self, folder: Path | None) -> None:
        self.folder = folder if folder is not None and folder.is_dir() else None
        self._file: IO[bytes] | None = None

    @property
    def file(self) -> IO[bytes]:
        if self._file is None:
            try:
                self._file = tempfile.TemporaryFile(dir=self.folder, prefix=".qunzhi-import-")  # noqa: SIM115 (closed by close())
            except OSError:  # a content folder we may not write to (--dry-run)
                self._file = tempfile.TemporaryFile(prefix="qunzhi-import-")  # noqa: SIM115
        return self._file

    def dump(self, value: object) -> int:
        """Append ``value`` pickled; its offset."""
        offset = self.file.seek(0, 2)
        pickle.dump(value, self.file, pickle.HIGHEST_PROTOCOL)
        return offset

    def load(self, offset: int) -> Any:
        self.file.seek(offset)
        return pickle.load(self.file)  # our own pickle, in an unnamed file

    def close(self) -> None:
        if self._file is not None:
            self._file.close()
            self._file = None


class Spill(Generic[T]):
    """A list that keeps at most ``CHUNK`` items in memory and the rest in a spool."""

    def __init__(self, spool: Spool) -> None:
        self.spool = spool
        self.chunks: list[int] = []
        self.tail: list[T] = []
        self.count = 0

    def append(self, item: T) -> None:
        self.tail.append(item)
        self.count += 1
        if len(self.tail) >= CHUNK:
            self.flush()

    def flush(self) -> None:
        """Spool what is in memory (a list that will grow no more: a session that ended)."""
        if self.tail:
            self.chunks.append(self.spool.dump(self.tail))
            self.tail = []

    def __len__(self) -> int:
        return self.count

    def __iter__(self) -> Iterator[T]:
        for offset in self.chunks:
            yield from self.spool.load(offset)
        yield from self.tail

    def clear(self) -> None:
        self.chunks, self.tail, self.count = [], [], 0


@dataclass
class Text:
    """A draft's text in a spool: ``start`` to ``end``, UTF-8."""

    spool: Spool
    start: int
    end: int

    def chunks(self) -> Iterator[str]:
        decoder = codecs.getincrementaldecoder("utf-8")()
        position = self.start
        while position < self.end:
            self.spool.file.seek(position)
            data = self.spool.file.read(min(READ, self.end - position))
            position += len(data)
            yield decoder.decode(data, final=position >= self.end)


class TextWriter:
    """Appends one draft's text to a spool, in large writes."""

    def __init__(self, spool: Spool) -> None:
        self.spool = spool
        self.start = spool.file.seek(0, 2)
        self._pieces: list[str] = []
        self._size = 0

    def write(self, text: str) -> None:
        self._pieces.append(text)
        self._size += len(text)
        if self._size >= BUFFER:
            self._flush()

    def close(self) -> Text:
        self._flush()
        return Text(self.spool, self.start, self.spool.file.tell())

    def _flush(self) -> None:
        if self._pieces:
            self.spool.file.write("".join(self._pieces).encode("utf-8"))
            self._pieces, self._size = [], 0
