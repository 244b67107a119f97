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
# Every date in this range builds: digests, feeds and calendars add days and weeks to it
FIRST_YEAR, LAST_YEAR = 1900, 9998
DATE_RANGE = f"between {FIRST_YEAR}-01-01 and {LAST_YEAR}-12-31"
LONGEST_OFFSET = 14 * 60  # minutes: UTC+14:00 (Kiribati) and UTC-12:00 are the extremes
# Reorder the text around them: a slug "abc\u202egnp.exe" reads as another name
BIDI_CONTROLS = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
ZERO_WIDTH = re.compile("[\u200b\u200c\u200d\u2060\ufeff]")
AVATAR_PATH = re.compile(r"^/?images/[^\s\\\"'<>?#]+$")


def parse_datetime(text: str, zone: tzinfo | None) -> datetime | None:
    """An ISO 8601 date or date-time, in ``zone`` unless it carries an offset (naive
    with no zone)."""
    match = DATE_PATTERN.match(text.strip())
    if not match:
        return None
    try:
        day = date.fromisoformat(match["date"])
        clock = time.fromisoformat(match["time"].zfill(5)) if match["time"] else time()
    except ValueError:
        return None
    if not FIRST_YEAR <= day.year <= LAST_YEAR:
        return None
    value = datetime.combine(day, clock)
    offset = match["offset"]
    if offset:
        if offset != "Z" and ":" not in offset:
            offset = f"{offset[:3]}:{offset[3:]}"
        if offset != "Z":
            hours, minutes = int(offset[1:3]), int(offset[4:6])
            if minutes >= 60 or hours * 60 + minutes > LONGEST_OFFSET:
                return None
        return datetime.fromisoformat(f"{value.isoformat()}{offset.replace('Z', '+00:00')}")
    return value.replace(tzinfo=zone)


def date_in_range(text: str) -> bool:
    """False for a date written right but outside the documented range."""
    match = DATE_PATTERN.match(text.strip())
    return not match or FIRST_YEAR <= int(match["date"][:4]) <= LAST_YEAR


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
    control = BIDI_CONTROLS.search(slug) or ZERO_WIDTH.search(slug)
    if control:
        return (
            "expected a URL part without invisible or bidirectional control characters, "
            f'found U+{ord(control.group()):04X} in "{slug}"'
        )
    return None


def zero_width_message(written: str, what: str = "a name") -> str:
    """The warning for a name whose zero-width characters are left out."""
    return (
        f'expected {what} without zero-width characters, found "{written}"; '
        f'read as "{ZERO_WIDTH.sub("", written)}"'
    )


def is_avatar(value: str) -> bool:
    """An http(s) URL, or a path under images/ that does not climb out of it."""
    if value.startswith(("http://", "https://")):
        return is_url(value)
    return bool(AVATAR_PATH.match(value)) and ".." not in value.split("/")


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
