"""The typed schema of every ``HUB_`` setting, checked once at start-up.

Every setting has a default, a docstring (the docs test reads them) and a check that
returns the value converted to what the build uses (a date-time, a tuple, a path), as
MkDocs' config options do, or raises ``Invalid``; ``check_settings`` puts the converted
values in the settings and reports every problem together, one line each. A check takes
what it returns, so settings checked twice (by ``qunzhi`` and by Pelican) stay the same.
"""

from __future__ import annotations

import copy
import difflib
import os
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from .errors import SettingsError, UsageError, describe
from .values import ID_PATTERN, parse_datetime

GROUP_KEYS = ("name", "platform", "description")
FEED_KINDS = (
    "all",
    "transcripts",
    "events",
    "rules",
    "joined",
    "groups",
    "tags",
    "members",
    "podcast",
    "weekly",
    "monthly",
)  # the feeds plugin makes one feed (Atom and RSS) per kind, or one per group, tag, member
FEED_CONTENT = ("full", "summary")
DEFAULT_TIMEZONE = "Asia/Shanghai"  # the contract's default, not Pelican's UTC
ABSOLUTE_URL = re.compile(r"^https?://[^/\s]+(/\S*)?$")


class Invalid(ValueError):
    """A setting's value the build cannot use: the message is ``expected …, found …``."""


@dataclass(frozen=True)
class Setting:
    """One hub setting: its name, default, documentation and check, which returns the
    value converted for the build or raises ``Invalid``."""

    name: str
    default: Any
    doc: str
    check: Callable[[Any], Any]


def _positive_int(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise Invalid(f"expected a whole number of at least 1, found {describe(value)}")
    return value


def _bool(value: Any) -> bool:
    if not isinstance(value, bool):
        raise Invalid(f"expected True or False, found {describe(value)}")
    return value


def _now(value: Any) -> datetime | None:
    """A date-time, in TIMEZONE (``build_now``) unless it carries an offset."""
    if value is None or isinstance(value, datetime):
        return value
    parsed = parse_datetime(value, None) if isinstance(value, str) else None
    if parsed is None:
        raise Invalid(
            f"expected None or a date-time like 2016-03-12 19:00, found {describe(value)}"
        )
    return parsed


def _groups(value: Any) -> dict[str, dict[str, Any]]:
    if not isinstance(value, Mapping):
        raise Invalid(
            f"expected a mapping of group id to {{name, platform}}, found {describe(value)}"
        )
    for group_id, group in value.items():
        if not isinstance(group_id, str) or not ID_PATTERN.match(group_id):
            raise Invalid(
                "expected group ids of lowercase letters, digits, - and _, "
                f"found {describe(group_id)}"
            )
        if not isinstance(group, Mapping) or not isinstance(group.get("name"), str):
            raise Invalid(
                f'expected {{"name": "…"}} for group "{group_id}", found {describe(group)}'
            )
        unknown = sorted(set(group) - set(GROUP_KEYS))
        if unknown:
            raise Invalid(
                f'expected only {", ".join(GROUP_KEYS)} for group "{group_id}", '
                f'found "{unknown[0]}"'
            )
    return {group_id: dict(group) for group_id, group in value.items()}


DIGEST_KINDS = ("week", "month")
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


def _digest_periods(value: Any) -> tuple[str, ...]:
    if (
        not isinstance(value, list | tuple)
        or any(item not in DIGEST_KINDS for item in value)
        or len(set(value)) != len(value)
    ):
        raise Invalid(
            f"expected a list of 'week'/'month' like [\"week\", \"month\"], found {describe(value)}"
        )
    return tuple(value)


def _weekday(value: Any) -> str:
    if value not in WEEKDAYS:
        raise Invalid(f'expected a day name like "monday" or "sunday", found {describe(value)}')
    return value


def _count(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise Invalid(f"expected a whole number of at least 0, found {describe(value)}")
    return value


def _feed_kinds(value: Any) -> tuple[str, ...]:
    known = "/".join(f"'{kind}'" for kind in FEED_KINDS)
    if not isinstance(value, list | tuple):
        raise Invalid(f"expected a list of {known}, found {describe(value)}")
    for kind in value:
        if kind not in FEED_KINDS:
            raise Invalid(f"expected a list of {known}, found {describe(kind)}")
    return tuple(dict.fromkeys(value))


def _feed_content(value: Any) -> str:
    if value not in FEED_CONTENT:
        raise Invalid(f"expected 'full' or 'summary', found {describe(value)}")
    return value


def _font(value: Any) -> Path | None:
    """The font's path as written; ``cards.find_font`` takes a relative one from the
    folder holding content/."""
    if value is None or isinstance(value, Path):
        return value
    if isinstance(value, str) and value.strip():
        return Path(value.strip()).expanduser()
    raise Invalid(
        f"expected None or the path of a .ttf, .otf or .ttc font file, found {describe(value)}"
    )


SETTINGS: tuple[Setting, ...] = (
    Setting(
        "HUB_GROUPS",
        {},
        "The community's groups: id (used in URLs and in the `group` key) mapped to "
        '`{"name": "炮哥有约", "platform": "wechat", "description": "…"}`. '
        "With two or more groups, transcripts, events and rules must name theirs.",
        _groups,
    ),
    Setting(
        "HUB_NOW",
        None,
        'The build\'s "now" (which events are upcoming), e.g. "2016-03-12 19:00". '
        "None means the SOURCE_DATE_EPOCH environment variable if set, else the clock.",
        _now,
    ),
    Setting(
        "HUB_STRICT",
        False,
        "Treat warnings (unknown keys, unknown member references) as errors; "
        "`qunzhi build --strict` sets it.",
        _bool,
    ),
    Setting(
        "HUB_FULL_REBUILD",
        False,
        "Start from an empty build store: reuse nothing kept by earlier builds, rebuild the "
        "search index, make every page and feed again; `qunzhi build --full` sets it.",
        _bool,
    ),
    Setting(
        "HUB_JOBS",
        0,
        "Processes that convert Markdown when a build has many new texts: 0 for one per "
        "CPU core, 1 for none besides the build's own.",
        _count,
    ),
    Setting(
        "HUB_TRUSTED_HTML",
        False,
        "Keep raw HTML in bodies as written instead of passing every rendered body through "
        "the sanitiser's allowlist (docs/security.md). Only for a hub whose every editor and "
        "contributor is trusted; `qunzhi check` then lists the files that use raw HTML.",
        _bool,
    ),
    Setting("HUB_HOME_RECENT", 12, "How many new documents the home page lists.", _positive_int),
    Setting(
        "HUB_PAGE_SIZE", 30, "Documents per page of an index (type, group, tag).", _positive_int
    ),
    Setting(
        "HUB_SUMMARY_LENGTH",
        120,
        "Characters of text kept for a summary derived from the body.",
        _positive_int,
    ),
    Setting(
        "HUB_DIGEST_PERIODS",
        ["week", "month"],
        'Which digests to make: `["week", "month"]`, one of them, or `[]` for none.',
        _digest_periods,
    ),
    Setting(
        "HUB_DIGEST_WEEK_START",
        "monday",
        'First day of a digest week, such as `"monday"` (ISO weeks) or `"sunday"`; '
        "a week keeps the name (2016-W01) of the ISO week that holds most of its days.",
        _weekday,
    ),
    Setting(
        "HUB_DIGEST_QUOTES",
        2,
        "Highlighted quotes shown under each transcript in a digest (0 for none).",
        _count,
    ),
    Setting("HUB_DIGEST_TOPICS", 8, "Topics (key terms) listed in a digest (0 for none).", _count),
    Setting(
        "HUB_PUBLISH",
        False,
        "Publish mode: set True in publishconf.py. SITEURL must then be an absolute "
        "http(s) URL (feeds, sitemap and calendar need it); building fails otherwise.",
        _bool,
    ),
    Setting(
        "HUB_FEEDS",
        list(FEED_KINDS),
        "Which feeds to build (each as Atom and RSS): any of " + ", ".join(FEED_KINDS) + ".",
        _feed_kinds,
    ),
    Setting("HUB_FEED_ITEMS", 20, "Entries per feed, newest first.", _positive_int),
    Setting(
        "HUB_FEED_CONTENT",
        "full",
        "'full': every entry carries the whole HTML text; 'summary': only the summary.",
        _feed_content,
    ),
    Setting(
        "HUB_FEED_SUMMARIES",
        ["members", "tags"],
        "Feed kinds whose entries carry only the summary and the link, whatever "
        "HUB_FEED_CONTENT says: one feed per member and per tag repeats the site's text "
        "many times over. `[]` for full content everywhere.",
        _feed_kinds,
    ),
    Setting(
        "HUB_FEED_MAX_BYTES",
        1_000_000,
        "About how many bytes one feed may hold: the oldest entries past it are left out "
        "(a feed keeps at least its newest entry).",
        _positive_int,
    ),
    Setting(
        "HUB_CARD_FONT",
        None,
        "The font of the share cards (1200x630 PNGs beside each transcript, event, member and "
        "digest page): a .ttf, .otf or .ttc file with Chinese characters. None finds one on "
        "the system (Noto Sans CJK from fonts-noto-cjk first); the build fails, saying so, "
        "when there is none.",
        _font,
    ),
)

SETTINGS_BY_NAME = {setting.name: setting for setting in SETTINGS}


def convert_settings(settings: dict[str, Any]) -> list[str]:
    """Put each hub setting's converted value in ``settings``; return every problem, as
    ``NAME: expected …, found …`` (a setting with a problem keeps its value)."""
    problems = []
    for name in sorted(key for key in settings if key.startswith("HUB_")):
        setting = SETTINGS_BY_NAME.get(name)
        if setting is None:
            close = difflib.get_close_matches(name, SETTINGS_BY_NAME, n=1)
            hint = f', did you mean "{close[0]}"?' if close else ""
            problems.append(f"{name}: unknown hub setting{hint}")
            continue
        try:
            settings[name] = setting.check(settings[name])
        except Invalid as problem:
            problems.append(f"{name}: {problem}")
    siteurl = settings.get("SITEURL") or ""
    if settings.get("HUB_PUBLISH") is True and not is_absolute_url(siteurl):
        problems.append(
            "SITEURL: expected an absolute URL like https://hub.example.org when HUB_PUBLISH "
            f"is True, found {describe(siteurl)}"
        )
    timezone = settings.get("TIMEZONE", DEFAULT_TIMEZONE)
    try:
        ZoneInfo(str(timezone))
    except (ZoneInfoNotFoundError, ValueError):
        problems.append(
            f"TIMEZONE: expected an IANA time zone like Asia/Shanghai, found {describe(timezone)}"
        )
    return problems


def check_settings(settings: dict[str, Any], source: str = "settings") -> None:
    """Fill in the default of every hub setting the settings file leaves out and convert
    them in place, or raise one SettingsError that lists every problem, one line each."""
    for setting in SETTINGS:
        settings.setdefault(setting.name, copy.deepcopy(setting.default))
    problems = convert_settings(settings)
    if problems:
        raise SettingsError("\n".join(f"{source}: {problem}" for problem in problems))


def is_absolute_url(value: Any) -> bool:
    """An http(s) URL with a host: what feeds, the sitemap and the calendar can link to."""
    return isinstance(value, str) and bool(ABSOLUTE_URL.match(value))


def check_group(command: str, settings: Mapping[str, Any], chosen: str) -> None:
    """A ``--group`` of a command must name a group of HUB_GROUPS."""
    groups = list(settings.get("HUB_GROUPS") or {})
    if chosen not in groups:
        known = ", ".join(groups) if groups else "none (HUB_GROUPS is empty)"
        raise UsageError(f"{command}: --group: expected one of {known}, found {chosen!r}")


def cache_folder(settings: Mapping[str, Any]) -> Path:
    """Pelican's CACHE_PATH. Pelican makes one written in the settings file absolute; its
    default ("cache") would be taken from the working folder, so one hub's caches could
    be found by another: it is taken beside the content folder instead."""
    cache = Path(settings.get("CACHE_PATH") or "cache")
    return cache if cache.is_absolute() else Path(settings["PATH"]).parent / cache


def site_zone(settings: Mapping[str, Any]) -> ZoneInfo:
    return ZoneInfo(str(settings.get("TIMEZONE") or DEFAULT_TIMEZONE))


def build_now(settings: Mapping[str, Any]) -> datetime:
    """The reproducible "now": HUB_NOW (checked: a date-time), else SOURCE_DATE_EPOCH,
    else the clock."""
    zone = site_zone(settings)
    value = settings.get("HUB_NOW")
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=zone)
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), UTC).astimezone(zone)
    return datetime.now(zone)
