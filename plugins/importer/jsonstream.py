"""Stream large JSON exports with ijson: the head objects, then one message at a time.

A year of group chat is hundreds of megabytes; ``json.load`` would hold all of
it (and Python objects for it: several times its size). ijson's C backend
yields one message object at a time in constant memory. A parse error becomes
the import's one-line error with the byte offset where the parser stopped.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, tzinfo
from decimal import Decimal
from pathlib import Path
from typing import Any, BinaryIO

import ijson

from qunzhi.hub.errors import UsageError

from .messages import Message, Parsed
from .source import problem

PRECISE = 64 * 1024 * 1024  # files up to this size are re-read to name the line of an error


class Reader:
    """One JSON export: its head values and its messages, read as a stream."""

    def __init__(self, path: str, progress: Callable[[int], None] | None = None) -> None:
        self.path = path
        self.size = Path(path).stat().st_size
        self.progress = progress

    def head(self, wanted: set[str], stop: str = "messages") -> dict[str, Any]:
        """The top-level values named in ``wanted`` that come before the key ``stop``."""
        found: dict[str, Any] = {}
        with self._open() as file:
            builder, key = None, ""
            for prefix, event, value in self._guard(file, ijson.parse(file, use_float=True)):
                if prefix != "":
                    if builder is not None:
                        builder.event(event, value)
                    continue
                if builder is not None and event in ("map_key", "end_map"):
                    found[key], builder = builder.value, None
                if event == "start_array":
                    raise problem(self.path, "expected a JSON object at the top, found a list")
                if event == "end_map" or (event == "map_key" and value == stop):
                    break
                if event == "map_key":
                    key = value
                    builder = ijson.ObjectBuilder() if value in wanted else None
        return found

    def items(self, prefix: str = "messages.item") -> Iterator[dict[str, Any]]:
        """Each value at ``prefix`` (each message), parsed one at a time."""
        with self._open() as file:
            for number, item in enumerate(
                self._guard(file, ijson.items(file, prefix, use_float=True)), 1
            ):
                if not isinstance(item, dict):
                    raise problem(
                        self.path, f"message {number}: expected a JSON object, found {item!r:.20}"
                    )
                if self.progress and number % 2000 == 0:
                    self.progress(file.tell())
                yield item

    def _open(self) -> BinaryIO:
        try:
            file = Path(self.path).open("rb")  # noqa: SIM115 (the callers close it)
        except OSError as error:
            raise problem(self.path, f"expected a readable file ({error.strerror})") from None
        if file.read(3) != b"\xef\xbb\xbf":  # a byte order mark, which yajl refuses
            file.seek(0)
        return file

    def _guard(self, file: BinaryIO, events: Iterator[Any]) -> Iterator[Any]:
        try:
            yield from events
        except ijson.common.IncompleteJSONError as error:
            raise self._broken(file, error) from None
        except UnicodeDecodeError as error:
            raise problem(
                self.path, f"expected UTF-8 JSON, found other bytes (near byte {error.start})"
            ) from None

    def _broken(self, file: BinaryIO, error: Exception) -> UsageError:
        """The parse error as one line, at the line and column Python's parser names."""
        where = f"near byte {file.tell()}"
        if self.size <= PRECISE:
            text = ""
            try:
                text = Path(self.path).read_bytes().decode("utf-8-sig")
                json.loads(text)
            except json.JSONDecodeError as precise:
                offset = len(text[: precise.pos].encode())
                where = f"line {precise.lineno} column {precise.colno} (byte {offset})"
                found = (
                    "found the end of the file in the middle (truncated?)"
                    if not text.rstrip().endswith(("}", "]"))
                    else f"found a syntax error ({precise.msg.lower()})"
                )
                return problem(self.path, f"{where}: expected valid JSON, {found}")
            except (UnicodeDecodeError, RecursionError):
                pass
        first = str(error).strip().splitlines()[0] if str(error).strip() else "invalid JSON"
        truncated = "premature EOF" in first or "Incomplete" in first
        found = "the file ends in the middle (truncated?)" if truncated else first
        return problem(self.path, f"{where}: expected valid JSON, found {found}")


def each(
    reader: Reader, parsed: Parsed, convert: Callable[[dict[str, Any], int], Message | None]
) -> Iterator[Message]:
    """Each message of the stream converted; one without a time (None) is counted, not kept."""
    for number, item in enumerate(reader.items(), 1):
        message = convert(item, number)
        if message is None:
            parsed.dropped["without a time"] += 1
        else:
            yield message


def part(value: Any, key: str) -> dict[str, Any]:
    """``value[key]`` when both are objects, else an empty one: exports leave keys out."""
    found = value.get(key) if isinstance(value, dict) else None
    return found if isinstance(found, dict) else {}


def text_of(value: Any) -> str:
    """A JSON value that should be text, as text (numbers and nulls included)."""
    if value is None:
        return ""
    return value if isinstance(value, str) else str(value)


def moment(value: Any, zone: tzinfo) -> datetime | None:
    """A message time in the site's zone, without offset, from what exports write.

    Unix seconds or milliseconds (number or digits), ISO 8601 with or without an
    offset (without: already local), or ``2016-01-03 20:00:12``.
    """
    if isinstance(value, bool) or value in (None, ""):
        return None
    try:
        if isinstance(value, int | float | Decimal) or (isinstance(value, str) and value.isdigit()):
            seconds = float(value)
            seconds = seconds / 1000 if seconds > 1e11 else seconds
            return datetime.fromtimestamp(seconds, UTC).astimezone(zone).replace(tzinfo=None)
        stamp = datetime.fromisoformat(str(value).strip().replace("Z", "+00:00"))
    except (ValueError, OverflowError, OSError):
        return None
    if stamp.tzinfo is not None:
        stamp = stamp.astimezone(zone).replace(tzinfo=None)
    return stamp.replace(microsecond=0)
