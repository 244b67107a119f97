"""One import from start to finish: file → messages → turns → draft text and report data.

Nothing is written here; the command decides between writing the draft and
printing it (``--dry-run``). Bad input raises ``UsageError`` (exit status 2).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from qunzhi.hub.documents import Member
from qunzhi.hub.errors import Diagnostics, UsageError
from qunzhi.hub.members import Directory, name_key
from qunzhi.hub.progress import Progress
from qunzhi.hub.reader import read_document
from qunzhi.hub.schema import Context
from qunzhi.hub.settings import build_now, check_group, site_zone
from qunzhi.hub.values import has_time, parse_datetime

from . import detect, draft, plain, qq, wechat
from .cleaning import SYSTEM_SENDERS, Cleaner
from .messages import FORMAT_LABELS, Message, Parsed
from .redact import Redactor
from .source import problem, read_text
from .speakers import Speaker, SpeakerMap, turn_name
from .turns import Turn, merge

EXAMPLES = {
    "qq": 'lines like "2016-01-01 20:31:05 昵称(12345678)"',
    "wechat": 'lines like "昵称 2016/1/1 20:31" or "2016-01-01 20:31:05 昵称"',
    "plain": "lines starting with a known speaker and a colon (NAME：); "
    "name the speakers with --speakers A,B",
}


@dataclass
class Options:
    """What the command line asks for."""

    path: str
    format: str = "auto"
    group: str | None = None
    title: str | None = None
    speakers: list[str] = field(default_factory=list)
    host: str | None = None
    encoding: str | None = None
    date: str | None = None
    keep_contacts: bool = False
    keep_media: bool = False


@dataclass
class Outcome:
    """The draft and everything the report says about how it was made."""

    options: Options
    format: str
    encoding: str
    messages: int
    turns: list[Turn]
    speakers: list[Speaker]
    host: str | None
    group: str | None
    group_reason: str
    at: datetime
    date_note: str | None
    dropped: Counter[str]
    media: Counter[str]
    redacted: Counter[str]
    introduction: list[str]  # pasted text before the first turn, kept at the top
    broken_members: int
    text: str = ""  # the draft: front matter and body


def run(options: Options, settings: dict[str, Any]) -> Outcome:
    """Read, parse, clean, map and redact one export (``UsageError`` on bad input)."""
    diagnostics = Diagnostics()
    directory = Directory(_members(Path(settings["PATH"]), settings, diagnostics), diagnostics)
    group, group_reason = _group(options.group, settings)
    parsed, encoding = _read(options, directory)
    if group is None or group_reason == "first":
        group, group_reason = _group_by_chat(parsed.chat, settings, group, group_reason)
    cleaner = Cleaner(options.keep_media)
    redactor = Redactor(() if options.keep_contacts else _own_ids(parsed))
    # a nickname may hold a phone number
    speakers = SpeakerMap(directory, None if options.keep_contacts else redactor.redact)
    kept = _clean(parsed, options, speakers, cleaner, redactor)
    speakers.resolve()
    turns = merge(kept)
    at, date_note = _when(options, turns, settings)
    outcome = Outcome(
        options=options,
        format=parsed.format,
        encoding=encoding,
        messages=len(parsed.messages),
        turns=turns,
        speakers=sorted(
            (s for s in speakers.speakers.values() if s.turns),
            key=lambda s: (-s.turns, s.first),
        ),
        host=None,
        group=group,
        group_reason=group_reason,
        at=at,
        date_note=date_note,
        dropped=parsed.dropped + cleaner.dropped,
        media=cleaner.media,
        redacted=redactor.counts,
        introduction=[
            line if options.keep_contacts else redactor.redact(line) for line in parsed.preamble
        ],
        broken_members=len({d.path for d in diagnostics.errors}),
    )
    outcome.host = _host(options.host, outcome.speakers, directory)
    outcome.text = draft.draft_text(outcome, settings, directory)
    return outcome


def _read(options: Options, directory: Directory) -> tuple[Parsed, str]:
    """The file's messages in its format (detected or forced), and its encoding."""
    text, encoding = read_text(options.path, options.encoding)
    lines = text.split("\n")
    names = _declared(options, directory)
    found = detect.detect(lines, names) if options.format == "auto" else options.format
    if found is None:
        raise problem(
            options.path,
            "expected chat messages (a QQ export, WeChat chat text, or lines starting "
            "with a known speaker and a colon), found none; name the speakers with --speakers A,B",
        )
    if options.format != "auto" and not detect.fits(lines, found, names):
        raise problem(
            options.path,
            f"expected a {FORMAT_LABELS[found]} (--format {found}) with {EXAMPLES[found]}, "
            "found none",
        )
    if options.date and found != "plain":
        raise UsageError(
            f"import: --date: expected only for pasted text, which has no dates; "
            f"{options.path} is a {FORMAT_LABELS[found]} with its own"
        )
    return _parse(found, lines, names), encoding


def _clean(
    parsed: Parsed,
    options: Options,
    speakers: SpeakerMap,
    cleaner: Cleaner,
    redactor: Redactor,
) -> list[tuple[Message, Speaker, list[str]]]:
    """Each message's kept lines, redacted, with its speaker; a progress bar on a terminal."""
    kept: list[tuple[Message, Speaker, list[str]]] = []
    progress = Progress("群志：导入", len(parsed.messages))
    for index, message in enumerate(parsed.messages):
        lines = cleaner.clean(message)
        if lines:
            if not options.keep_contacts:
                lines = [redactor.redact(line) for line in lines]
            kept.append((message, speakers.add(message, index), lines))
        progress.step(index + 1)
    progress.close()
    if not kept:
        raise problem(
            options.path,
            f"expected chat messages with text, found {len(parsed.messages)} messages "
            "that were all system lines or media placeholders",
        )
    return kept


def _own_ids(parsed: Parsed) -> set[str]:
    """The QQ numbers and e-mail of the export's senders, the system's (10000) left out."""
    return {m.ident for m in parsed.messages if m.ident and m.ident not in SYSTEM_SENDERS}


def _members(content: Path, settings: dict[str, Any], diagnostics: Diagnostics) -> list[Member]:
    """The hub's member files, read as a build reads them (any status)."""
    context = Context(zone=site_zone(settings), groups=tuple(settings.get("HUB_GROUPS") or {}))
    members = []
    for path in sorted((content / "members").glob("*.md")):
        doc = read_document(path, "members", context, diagnostics)
        if isinstance(doc, Member):
            members.append(doc)
    return members


def _declared(options: Options, directory: Directory) -> list[str]:
    """Names that may open a turn in pasted text: given speakers, host, member references."""
    names = [*options.speakers, *([options.host] if options.host else [])]
    for member in directory.members:
        names += [member.id, member.name, *member.aliases]
    return names


def _parse(found: str, lines: list[str], names: list[str]) -> Parsed:
    if found == "qq":
        return qq.parse(lines)
    if found == "wechat":
        return wechat.parse(lines)
    return plain.parse(lines, names)


def _group(chosen: str | None, settings: dict[str, Any]) -> tuple[str | None, str]:
    groups = list(settings.get("HUB_GROUPS") or {})
    if chosen is not None:
        check_group("import", settings, chosen)
        return chosen, "--group"
    return (groups[0], "first") if groups else (None, "")


def _group_by_chat(
    chat: str | None, settings: dict[str, Any], group: str | None, reason: str
) -> tuple[str | None, str]:
    """The group whose name is the QQ export's 消息对象, else the first one."""
    for group_id, group_settings in (settings.get("HUB_GROUPS") or {}).items():
        if chat and name_key(str(group_settings.get("name", ""))) == name_key(chat):
            return group_id, f"the export's 消息对象 {chat}"
    return group, reason


def _when(
    options: Options, turns: list[Turn], settings: dict[str, Any]
) -> tuple[datetime, str | None]:
    """The transcript's date: its first message, or --date / today for pasted text."""
    if turns[0].at is not None:
        return turns[0].at, None
    zone = site_zone(settings)
    clock = next((turn.clock for turn in turns if turn.clock), None)
    if options.date:
        given = parse_datetime(options.date, zone)
        if given is None:
            raise UsageError(
                f"import: --date: expected a date like 2016-03-12 or 2016-03-12 19:00, "
                f"found {options.date!r}"
            )
        if has_time(options.date) or clock is None:
            return given.replace(tzinfo=None), None
        day, note = given, None
    else:
        day = build_now(settings)
        note = "pasted text has no date: today's is used; correct date or pass --date"
    hour, minute = (int(part) for part in (clock or "20:00").split(":")[:2])
    return day.replace(hour=hour, minute=minute, second=0, microsecond=0, tzinfo=None), note


def _host(given: str | None, speakers: list[Speaker], directory: Directory) -> str | None:
    """The host as the draft writes it: the speaker it names, else the member, else as given."""
    if not given:
        return None
    key, member = name_key(given), directory.find(given)
    for speaker in speakers:
        names = {name_key(name) for name in speaker.names} | {name_key(speaker.written)}
        if key in names or given == speaker.ident or (member and member is speaker.member):
            return speaker.written
    if member is not None and member.published:
        return member.name
    return turn_name(given) or given
