"""The keys each content type accepts, and their checks: the contract in code.

Each check turns a front-matter value into a Python value or raises
``FieldProblem`` with "expected …, found …"; the reader adds file, line and key.
"""

from __future__ import annotations

import difflib
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, tzinfo
from typing import Any

from .errors import describe
from .frontmatter import FrontMatter
from .values import (
    DATE_EXPECTED,
    DATE_RANGE,
    date_in_range,
    has_time,
    is_avatar,
    is_url,
    parse_datetime,
    parse_duration,
    slug_problem,
)

STATUSES = ("published", "draft", "private")
ROLES = ("owner", "admin", "guest", "member")


class FieldProblem(Exception):
    """A value that breaks the contract; ``path`` points below the key when it helps."""

    def __init__(self, message: str, *path: str | int) -> None:
        super().__init__(message)
        self.message, self.path = message, path


@dataclass(frozen=True)
class When:
    """A date from front matter: the moment, and whether a time of day was given."""

    at: datetime
    has_time: bool
    written: datetime | None = None  # as written, in its own offset (turn stamps use it)


@dataclass(frozen=True)
class Context:
    """What checks need to know about the site."""

    zone: tzinfo
    groups: tuple[str, ...]


Check = Callable[[FrontMatter, str, Context], Any]


def _text(front: FrontMatter, key: str, context: Context, *path: str | int) -> str:
    value = front.data[key] if not path else _get(front.data[key], path)
    if isinstance(value, str | int | float) and not isinstance(value, bool):
        text = value if isinstance(value, str) else front.text(key, *path)
        if text and text.strip():
            # one spelling of each name: café typed on macOS (NFD) is the café of Windows
            return unicodedata.normalize("NFC", text.strip())
    raise FieldProblem(f"expected text, found {describe(value)}", *path)


def _get(value: Any, path: tuple[str | int, ...]) -> Any:
    for part in path:
        value = value[part]
    return value


def text(front: FrontMatter, key: str, context: Context) -> str:
    return _text(front, key, context)


def text_list(front: FrontMatter, key: str, context: Context) -> list[str]:
    value = front.data[key]
    if isinstance(value, str):
        return [value.strip()] if value.strip() else []
    if not isinstance(value, list):
        raise FieldProblem(f"expected a list of text like [读书, 写作], found {describe(value)}")
    items = []
    for position, item in enumerate(value):
        if isinstance(item, list | dict) or item is None or isinstance(item, bool):
            raise FieldProblem(f"expected text in the list, found {describe(item)}", position)
        items.append(_text(front, key, context, position))
    return list(dict.fromkeys(items))


def _when(value: Any, context: Context, *path: str | int) -> When:
    if isinstance(value, str):
        parsed = parse_datetime(value, context.zone)
        if parsed is not None:
            return When(parsed.astimezone(context.zone), has_time(value), parsed)
        if not date_in_range(value):
            raise FieldProblem(f"expected a date {DATE_RANGE}, found {describe(value)}", *path)
    raise FieldProblem(f"{DATE_EXPECTED}, found {describe(value)}", *path)


def date(front: FrontMatter, key: str, context: Context) -> When:
    return _when(front.data[key], context)


def url(front: FrontMatter, key: str, context: Context) -> str:
    value = front.data[key]
    if isinstance(value, str) and is_url(value.strip()):
        return value.strip()
    raise FieldProblem(f"expected a URL like https://example.org/…, found {describe(value)}")


def avatar(front: FrontMatter, key: str, context: Context) -> str:
    written = _text(front, key, context)
    if is_avatar(written):
        return written
    raise FieldProblem(
        "expected an image path under images/ like images/avatar.png or an https:// URL, "
        f"found {describe(front.data[key])}"
    )


def count(front: FrontMatter, key: str, context: Context) -> int:
    value = front.data[key]
    if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
        return value
    raise FieldProblem(f"expected a whole number like 30, found {describe(value)}")


def duration(front: FrontMatter, key: str, context: Context) -> int:
    seconds = parse_duration(front.data[key])
    if seconds is None:
        raise FieldProblem(
            f'expected "HH:MM:SS", "H:MM" or minutes like 90, found {describe(front.data[key])}'
        )
    return seconds


def boolean(front: FrontMatter, key: str, context: Context) -> bool:
    value = front.data[key]
    if isinstance(value, bool):
        return value
    raise FieldProblem(f"expected true or false, found {describe(value)}")


def _choice(choices: tuple[str, ...]) -> Check:
    def check(front: FrontMatter, key: str, context: Context) -> str:
        value = front.data[key]
        if isinstance(value, str) and value.strip() in choices:
            return value.strip()
        raise FieldProblem(f"expected one of {', '.join(choices)}, found {describe(value)}")

    return check


def group(front: FrontMatter, key: str, context: Context) -> str:
    value = front.data[key]
    written = _text(front, key, context)
    if written in context.groups:
        return written
    if not context.groups:
        raise FieldProblem(f"expected no group (HUB_GROUPS is empty), found {describe(value)}")
    hint = difflib.get_close_matches(written, context.groups, n=1)
    declared = ", ".join(f'"{g}"' for g in context.groups)
    suggestion = f' (did you mean "{hint[0]}"?)' if hint else ""
    raise FieldProblem(
        f"expected a group declared in HUB_GROUPS: {declared}, found {describe(value)}{suggestion}"
    )


def slug(front: FrontMatter, key: str, context: Context) -> str:
    written = _text(front, key, context)
    problem = slug_problem(written)
    if problem:
        raise FieldProblem(problem)
    return written


def links(front: FrontMatter, key: str, context: Context) -> dict[str, str]:
    value = front.data[key]
    if not isinstance(value, dict):
        raise FieldProblem(f"expected label: URL pairs, found {describe(value)}")
    result = {}
    for label, target in value.items():
        if not isinstance(target, str) or not is_url(target.strip()):
            raise FieldProblem(f"expected a URL for {label}, found {describe(target)}", label)
        result[str(label)] = target.strip()
    return result


def contact(front: FrontMatter, key: str, context: Context) -> str | dict[str, str]:
    value = front.data[key]
    if isinstance(value, dict):
        return {str(label): str(item) for label, item in value.items()}
    return _text(front, key, context)


def history(front: FrontMatter, key: str, context: Context) -> list[dict[str, Any]]:
    value = front.data[key]
    if not isinstance(value, list):
        raise FieldProblem(
            f"expected a list of {{version, date, note, text}}, found {describe(value)}"
        )
    entries = []
    for position, item in enumerate(value):
        if not isinstance(item, dict) or "version" not in item:
            raise FieldProblem(
                f"expected {{version, date, note, text}} in the list, found {describe(item)}",
                position,
            )
        unknown = sorted(set(item) - {"version", "date", "note", "text"})
        if unknown:
            raise FieldProblem(
                f'expected only version, date, note and text, found "{unknown[0]}"',
                position,
                unknown[0],
            )
        entry: dict[str, Any] = {"version": _text(front, key, context, position, "version")}
        if item.get("date") is not None:
            entry["date"] = _when(item["date"], context, position, "date")
        if item.get("note") is not None:
            entry["note"] = _text(front, key, context, position, "note")
        if item.get("text") is not None:  # that version's rules, for digests to compare
            entry["text"] = _text(front, key, context, position, "text")
        entries.append(entry)
    return entries


@dataclass(frozen=True)
class Field:
    name: str
    check: Check
    doc: str


COMMON = (
    Field("title", text, "headline (members use `name`)"),
    Field("date", date, "when it happened; events: when it starts"),
    Field("tags", text_list, "list of tags"),
    Field("group", group, "id of a group declared in HUB_GROUPS"),
    Field("summary", text, "one-paragraph summary; otherwise derived from the text"),
    Field("slug", slug, "URL part; default: the file name without a leading YYYY-MM-DD-"),
    Field("status", _choice(STATUSES), "published (default), draft or private"),
    Field("editor", text, "member reference of whoever curated it"),
    Field("feed_id", slug, "the file name feed entry ids keep after a rename (old name, no .md)"),
)
TRANSCRIPT = (
    Field("host", text, "member reference of the host (主持人)"),
    Field("speakers", text_list, "member references of the main speakers (嘉宾)"),
    Field("platform", text, "wechat, qq, offline, or any word"),
    Field("audio", url, "URL of a recording"),
    Field("duration", duration, "HH:MM:SS or minutes"),
)
EVENT = (
    Field("end", date, "end date-time"),
    Field("location", text, "place, or online"),
    Field("host", text, "member reference of the host"),
    Field("speakers", text_list, "member references of the speakers"),
    Field("capacity", count, "number of places"),
    Field("signup", url, "URL to register"),
    Field("attendees", count, "how many came"),
)
RULES = (
    Field("version", text, "version label, such as 3 or 2016.2"),
    Field("effective", date, "date from which this version applies"),
    Field("history", history, "list of {version, date, note, text}, newest first"),
)
MEMBER = (
    Field("name", text, "display name"),
    Field("aliases", text_list, "other names: 群昵称, 笔名, old names"),
    Field("role", _choice(ROLES), "owner, admin, guest or member (default)"),
    Field("org", text, "organisation"),
    Field("joined", date, "date joined"),
    Field("avatar", avatar, "image path under images/ or URL"),
    Field("links", links, "map of label to URL"),
    Field("contact", contact, "contact details; shown only with public_contact: true"),
    Field("public_contact", boolean, "show contact on the member page"),
)
DIGEST = (
    Field("title", text, "title of the editor's note"),
    Field("highlights", text_list, "slugs of documents to feature first"),
    Field("status", _choice(STATUSES), "published (default), draft or private"),
    Field("summary", text, "one-paragraph summary"),
)


def fields_of(
    extra: tuple[Field, ...], common: bool = True, without: tuple[str, ...] = ()
) -> dict[str, Field]:
    """Type-specific fields win over common ones (a member's `title` is a job title).

    ``without`` drops common keys a type cannot honour (a member's URL is its file
    name), so using them is reported as an unknown key instead of ignored in silence.
    """
    fields = {field.name: field for field in COMMON if field.name not in without} if common else {}
    fields.update({field.name: field for field in extra})
    return fields


def unknown_key_message(key: str, known: dict[str, Field], label: str) -> str:
    hint = difflib.get_close_matches(key, known, n=1, cutoff=0.6)
    suggestion = f', did you mean "{hint[0]}"?' if hint else ""
    return f"unknown key for {label}, ignored{suggestion}"
