"""Parsing of the scalar values the contract allows: dates, durations, slugs, URLs.

The YAML loader keeps dates as text, so every date goes through one parser with
one error message and the site's time zone.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime, time, tzinfo

DATE_PATTERN = re.compile(
    r"^(?P<date>\d{4}-\d{2}-\d{2})"
    r"(?:[T ](?P<time>\d{1,2}:\d{2}(?::\d{2})?)(?P<offset>Z|[+-]\d{2}:?\d{2})?)?$"
)
LONGEST_DURATION = 24 * 3600  # a sharing session, not a festival: "45:00" is a typo
DURATION_PATTERN = re.compile(r"^(\d+):(\d{2})(?::(\d{2}))?$")
URL_PATTERN = re.compile(r"^(https?://[^\s/\"'<>]+[^\s\"'<>]*|/[^\s\"'<>]*)$")
SLUG_FORBIDDEN = re.compile(r"[\s/\\?#%<>\"']")
ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9_-]*$")  # member and group ids: URL parts
DATE_EXPECTED = "expected a date like 2016-03-12 or 2016-03-12 19:00"


def parse_datetime(text: str, zone: tzinfo) -> datetime | None:
    """An ISO 8601 date or date-time, in ``zone`` unless it carries an offset."""
    match = DATE_PATTERN.match(text.strip())
    if not match:
        return None
    try:
        day = date.fromisoformat(match["date"])
        clock = time.fromisoformat(match["time"].zfill(5)) if match["time"] else time()
    except ValueError:
        return None
    value = datetime.combine(day, clock)
    offset = match["offset"]
    if offset:
        if offset != "Z" and ":" not in offset:
            offset = f"{offset[:3]}:{offset[3:]}"
        return datetime.fromisoformat(f"{value.isoformat()}{offset.replace('Z', '+00:00')}")
    return value.replace(tzinfo=zone)


def has_time(text: str) -> bool:
    """Whether a date text names a time of day (else it is a whole day)."""
    match = DATE_PATTERN.match(text.strip())
    return bool(match and match["time"])


def parse_duration(value: object) -> int | None:
    """Seconds from ``HH:MM:SS``, ``H:MM`` (a session is hours long) or minutes."""
    seconds = _duration_seconds(value)
    return seconds if seconds is not None and seconds <= LONGEST_DURATION else None


def _duration_seconds(value: object) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float) and value >= 0:
        return round(value * 60)
    if isinstance(value, str):
        if value.strip().isdigit():
            return int(value) * 60
        match = DURATION_PATTERN.match(value.strip())
        if match:
            hours, minutes, seconds = (int(part or 0) for part in match.groups())
            if minutes < 60 and seconds < 60:
                return hours * 3600 + minutes * 60 + seconds
    return None


def is_url(value: str) -> bool:
    return bool(URL_PATTERN.match(value))


def slug_problem(slug: str) -> str | None:
    """Why a slug cannot be a URL part, or None when it can."""
    if not slug:
        return "expected a URL part, found an empty string"
    if SLUG_FORBIDDEN.search(slug) or slug.startswith("."):
        return (
            "expected a URL part without spaces, / ? # % or quotes, "
            f'not starting with a dot, found "{slug}"'
        )
    return None


def pinyin_slug(text: str, limit: int = 60) -> str:
    """A readable ASCII slug: Chinese as toneless pinyin, Latin lower-cased.

    ``pinyin_slug("Python 读书会：第3期")`` is ``"python-du-shu-hui-di-3-qi"``.
    """
    from pypinyin import Style, lazy_pinyin  # its dictionaries take a while to load

    text = unicodedata.normalize("NFKC", text)
    words = lazy_pinyin(text, style=Style.NORMAL)
    parts: list[str] = []
    for word in words:
        for piece in re.split(r"[^0-9a-zA-Z]+", word.lower()):
            if piece:
                parts.append(piece)
    slug = "-".join(parts)
    if len(slug) > limit:
        slug = slug[:limit].rsplit("-", 1)[0] or slug[:limit]
    return slug
