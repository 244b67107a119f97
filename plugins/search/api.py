"""``GET /api/search``: the query string read strictly, and searchers without a lock.

Every request thread keeps its own Whoosh searcher (Whoosh does not promise that
one is safe across threads), so queries run side by side, one per core with a
server's worker processes; each is reopened when a build has changed the index.
Anything wrong with a parameter is a UsageError whose one line the server sends
back as a 400.
"""

from __future__ import annotations

import re
import threading
from datetime import datetime
from typing import Any
from urllib.parse import unquote_to_bytes
from zoneinfo import ZoneInfo

from qunzhi.hub.errors import UsageError

from .index import SearchIndex, whoosh_date
from .searching import Filters, Hit, kind_of, search, search_day

MAX_LIMIT = 50
PARAMETERS = ("q", "type", "group", "member", "tag", "since", "until", "limit")
LIMIT = re.compile(r"[0-9]{1,3}")
CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
SHOWN = 60  # characters of a bad value repeated in the message


class Searchers:
    """One open searcher per thread, reopened when the index changes."""

    def __init__(self, index: SearchIndex) -> None:
        self.index = index
        self._mine = threading.local()

    def search(self, text: str, filters: Filters, limit: int) -> list[Hit]:
        return search(self._current(), text, filters, limit)

    def _current(self) -> Any:
        """This thread's searcher, or a new one when a build has written the index since.

        Every update rewrites ``hashes.json``, and a full rebuild swaps in a new folder
        whose generation numbers start again, so its change time tells, not Whoosh's
        ``up_to_date()``; and not ``refresh()``, which reuses the readers of unchanged
        segments with their old deletions (an edited page would be found twice)."""
        mine = self._mine
        version = self.index.version()
        searcher = getattr(mine, "searcher", None)
        if searcher is not None and version == mine.version:
            return searcher
        if searcher is not None:
            searcher.close()
        mine.searcher, mine.version = self.index.open_searcher(), version
        return mine.searcher


def parameters(query_string: str) -> dict[str, str]:
    """The parameters of a WSGI ``QUERY_STRING``: percent-encoded or raw UTF-8 (which
    servers hand over decoded as Latin-1), each known and given once."""
    try:
        raw = query_string.encode("latin-1")
    except UnicodeEncodeError:  # a server that decoded it as UTF-8 already
        raw = query_string.encode("utf-8")
    found: dict[str, str] = {}
    for pair in raw.split(b"&"):
        if not pair:
            continue
        key_bytes, _, value_bytes = (
            unquote_to_bytes(part.replace(b"+", b" ")) for part in pair.partition(b"=")
        )
        try:
            key, value = key_bytes.decode("utf-8"), value_bytes.decode("utf-8")
        except UnicodeDecodeError:
            name = key_bytes.decode("utf-8", "replace")[:SHOWN]
            raise UsageError(f"expected UTF-8 text in {name}=, found other bytes") from None
        if key not in PARAMETERS:
            raise UsageError(f"expected parameters {', '.join(PARAMETERS)}, found {key[:SHOWN]!r}")
        if key in found:
            raise UsageError(f"expected one {key}=, found it twice")
        if CONTROL.search(value):
            raise UsageError(f"expected {key}= without control characters, found {_shown(value)}")
        found[key] = value.strip()
    return found


def request_filters(query_string: str, zone: ZoneInfo) -> tuple[str, Filters, int]:
    """The query, filters and limit of ``/api/search?q=…``; a UsageError says what is wrong."""
    given = parameters(query_string)
    text = given.get("q", "")
    if not text:
        raise UsageError("expected a query in q=, found none")
    limit_text = given.get("limit") or "10"
    if not LIMIT.fullmatch(limit_text) or not 1 <= int(limit_text) <= MAX_LIMIT:
        raise UsageError(f"expected limit= between 1 and {MAX_LIMIT}, found {_shown(limit_text)}")
    dates: dict[str, datetime | None] = {}
    for key in ("since", "until"):
        written = given.get(key)
        dates[key] = search_day(written, zone, end=key == "until") if written else None
        if written and dates[key] is None:
            raise UsageError(f"expected {key}= a date like 2016-01-01, found {_shown(written)}")
    since, until = dates["since"], dates["until"]
    if since and until and whoosh_date(until) < whoosh_date(since):
        raise UsageError(
            f"expected until= on or after since={given['since']}, found {given['until']}"
        )
    kind = given.get("type") or None
    filters = Filters(
        kind=kind_of(kind) if kind else None,
        group=given.get("group") or None,
        member=given.get("member") or None,
        tag=given.get("tag") or None,
        since=since,
        until=until,
    )
    return text, filters, int(limit_text)


def _shown(value: str) -> str:
    """A bad value as the one-line message repeats it: quoted, escaped, not too long."""
    return repr(value if len(value) <= SHOWN else value[:SHOWN] + "…")
