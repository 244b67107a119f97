"""One import from start to finish: file → messages → sessions → turns → drafts and reports.

No draft is placed here (only an unnamed spool is written); the command
decides between placing the drafts and printing them (``--dry-run``). Bad
input raises ``UsageError`` (exit status 2).
The export is read as a stream: only the messages of the drafts asked for
are kept, with a summary of every session for ``--list``, and those are kept
in a spool on disk, not in memory. Once the export is read (every sender
known, so masking is exact), each draft is counted (turns per speaker, for the
front matter) and rendered turn by turn into the spool.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta
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

from . import draft
from .cleaning import SYSTEM_SENDERS, Cleaner
from .kinds import short
from .media import Images
from .messages import Message, Parsed, Part
from .reading import read
from .redact import Redactor
from .sessions import DEFAULT_GAP, SHOWN, Cutter, Selection, Session
from .source import problem
from .speakers import Speaker, SpeakerMap, turn_name
from .spool import Spill, Spool, Text, TextWriter
from .turns import Entry, Turn, merge


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
    anonymise: bool = False
    gap: timedelta = DEFAULT_GAP
    sessions: set[int] | None = None  # --session: these; None with every_session: all
    every_session: bool = False
    since: str | None = None
    until: str | None = None
    list_sessions: bool = False


@dataclass
class Outcome:
    """One draft and everything the report says about how it was made."""

    options: Options
    format: str
    encoding: str
    messages: int
    turns: int
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
    shown: Counter[str] = field(default_factory=Counter)  # placeholders always shown
    missing_images: int = 0  # --keep-media pictures whose file was not found
    session: Session | None = None  # the session this draft is, when cut by session
    sessions_found: int = 1
    mixed: str | None = None
    mask: Callable[[str], str] = str  # masks a nickname for the report (counting nothing)
    draft: Text | None = None  # the draft, front matter and body, in the run's spool
    images: dict[str, bytes] = field(default_factory=dict)  # path under content/ → bytes


@dataclass
class Result:
    """Every draft of one run, and the sessions found in the export."""

    outcomes: list[Outcome]
    sessions: list[Session]
    first_lines: list[str]  # each session's first line, masked
    spool: Spool | None = None  # holds the drafts' text until ``close``

    def close(self) -> None:
        if self.spool is not None:
            self.spool.close()


NO_PARTS: list[Part] = []  # shared, never changed: what a message without parts keeps


@dataclass(slots=True)
class Kept:
    """A cleaned message of a draft, before masking: masking needs every sender known."""

    speaker: str  # the speaker's key in the draft's SpeakerMap (a spool holds no objects)
    at: datetime | None
    clock: str | None
    lines: list[str]
    parts: list[Part]
    mentions: tuple[str, ...]


@dataclass
class Bucket:
    """One draft being gathered: its speakers, what was dropped, its kept messages."""

    speakers: SpeakerMap
    cleaner: Cleaner
    kept: Spill[Kept]


def run(options: Options, settings: dict[str, Any]) -> Result:
    """Read, cut, clean, map and redact one export (``UsageError`` on bad input)."""
    folder = Path(settings["PATH"])
    kept, drafts = Spool(folder), Spool(folder)
    try:
        result = _run(options, settings, kept, drafts)
    except BaseException:
        drafts.close()
        raise
    finally:
        kept.close()
    result.spool = drafts
    return result


def _run(options: Options, settings: dict[str, Any], spool: Spool, drafts: Spool) -> Result:
    diagnostics = Diagnostics()
    directory = Directory(_members(Path(settings["PATH"]), settings, diagnostics), diagnostics)
    zone = site_zone(settings)
    group, group_reason = _group(options.group, settings)
    selection = _selection(options, zone)
    parsed, encoding = read(options, _declared(options, directory), zone)
    if group is None or group_reason == "first":
        group, group_reason = _group_by_chat(
            parsed.chat, settings, group, group_reason, parsed.format in ("qq", "qq-mht")
        )
    gatherer = Gatherer(selection, directory, options, spool)
    cutter, buckets = gatherer.cutter, gatherer.buckets
    known: set[str] = set()  # the senders' QQ numbers and e-mail: masked anywhere in the text
    qq_numbers = parsed.format in ("qq", "qce")  # other formats' ids (Discord's 101) are not
    count = 0
    listed = parsed.messages if isinstance(parsed.messages, list) else None
    progress = parsed.progress or Progress("群志：导入", len(listed) if listed else 0)
    for count, message in enumerate(parsed.stream(), 1):
        ident = message.ident
        if (
            ident
            and ident not in SYSTEM_SENDERS
            and not message.system
            and (qq_numbers or "@" in ident)
        ):
            known.add(ident)
        gatherer.take(message, count)
        if listed:
            progress.step(count)
    progress.close()
    redactor = Redactor(() if options.keep_contacts else known)
    first_lines = [
        short(line if options.keep_contacts else redactor.redact(line), SHOWN)
        for line in (session.first_line for session in cutter.sessions)
    ]
    if options.list_sessions:
        return Result([], cutter.sessions, first_lines)
    _check_selection(options, selection, cutter.sessions, buckets, count)
    outcomes = []
    for key, bucket in sorted(buckets.items()):
        composer = Composer(options, settings, directory, parsed, bucket, known)
        if not composer.count_turns():
            continue  # only pictures, dropped: nothing to read
        outcome = composer.outcome(count, encoding)
        outcome.group, outcome.group_reason = group, group_reason
        outcome.broken_members = len({d.path for d in diagnostics.errors})
        outcome.sessions_found = len(cutter.sessions)
        if selection.by_session:
            outcome.session = cutter.sessions[key - 1]
        writer = TextWriter(drafts)
        draft.compose(outcome, settings, directory, composer.turns(), writer)
        outcome.draft = writer.close()
        outcome.missing_images = composer.images.missing
        outcomes.append(outcome)
    if not outcomes:
        raise _only_placeholders(options, count)
    return Result(outcomes, cutter.sessions, first_lines)


class Gatherer:
    """Places each message in its session and keeps, cleaned, those of the drafts asked for."""

    def __init__(
        self, selection: Selection, directory: Directory, options: Options, spool: Spool
    ) -> None:
        self.cutter = Cutter(options.gap)
        self.selection = selection
        self.directory = directory
        self.options = options
        self.spool = spool
        self.buckets: dict[int, Bucket] = {}
        self.probe = Cleaner(options.keep_media)  # one message's counts, then moved

    def take(self, message: Message, index: int) -> None:
        at, cutter, selection = message.at, self.cutter, self.selection
        if message.system or message.sender in SYSTEM_SENDERS or message.name in SYSTEM_SENDERS:
            key = selection.key(cutter.current(at), at)
            if key is not None and message.system:
                self.bucket(key).cleaner.dropped[message.system] += 1
            elif key is not None:
                self.bucket(key).cleaner.clean(message)
            return
        lines = self.probe.clean(message)
        if lines or message.parts:
            first = lines[0] if lines else ""
            key = selection.key(
                cutter.place(at, message.ident or name_key(message.name), first), at
            )
        else:
            key = selection.key(cutter.current(at), at)
        if key is None:
            self.probe.forget()
            return
        bucket = self.bucket(key)
        bucket.cleaner.absorb(self.probe)
        if lines or message.parts:
            speaker = bucket.speakers.add(message, index)
            bucket.kept.append(
                Kept(speaker.key, at, message.clock, lines, message.parts, message.mentions)
            )

    def bucket(self, key: int) -> Bucket:
        bucket = self.buckets.get(key)
        if bucket is None:
            for earlier in self.buckets.values():  # sessions that ended (--session all)
                earlier.kept.flush()
            speakers = SpeakerMap(self.directory, anonymise=self.options.anonymise)
            cleaner = Cleaner(self.options.keep_media)
            bucket = self.buckets[key] = Bucket(speakers, cleaner, Spill(self.spool))
        return bucket


NO_LINES: list[str] = []
ONE_LINE = [""]  # what counting turns needs of a message that renders: that it does


class Composer:
    """One bucket made into a draft: speakers resolved, turns counted, then rendered."""

    def __init__(
        self,
        options: Options,
        settings: dict[str, Any],
        directory: Directory,
        parsed: Parsed,
        bucket: Bucket,
        known: set[str],
    ) -> None:
        self.options, self.settings, self.directory = options, settings, directory
        self.parsed, self.bucket, self.known = parsed, bucket, known
        self.redactor = Redactor(() if options.keep_contacts else known)
        self.speakers = bucket.speakers
        if not options.keep_contacts:
            self.speakers.redact = self.redactor.redact  # a nickname may hold a phone number
        self.speakers.resolve()
        self.images = Images(parsed, options.keep_media)
        self.first: Turn | None = None
        self.clock: str | None = None  # the first turn's clock (pasted text without dates)

    def count_turns(self) -> int:
        """Each speaker's turns, before anything is rendered: the front matter lists them."""
        keep_media, by_key = self.options.keep_media, self.speakers.speakers
        stubs = (
            (
                by_key[e.speaker],
                e.at,
                e.clock,
                ONE_LINE if draft.renders(e, keep_media) else NO_LINES,
            )
            for e in self.bucket.kept
        )
        turns = 0
        for turn in merge(stubs):
            turn.lines = NO_LINES  # a turn of a million messages holds no million stubs
            turn.speaker.turns += 1
            turns += 1
            self.first = self.first or turn
            self.clock = self.clock or turn.clock
        return turns

    def turns(self) -> Iterator[Turn]:
        """The turns, masked, as they are rendered from the spool."""
        options, by_key, cleaner = self.options, self.speakers.speakers, self.bucket.cleaner
        mask = (lambda line: line) if options.keep_contacts else self.redactor.redact

        def entries() -> Iterator[Entry]:
            for e in self.bucket.kept:
                lines = draft.lines_of(e, self.speakers, self.directory, self.images, cleaner, mask)
                yield by_key[e.speaker], e.at, e.clock, [mask(line) for line in lines]

        yield from merge(entries())
        self.bucket.kept.clear()

    def outcome(self, count: int, encoding: str) -> Outcome:
        options, redactor, cleaner = self.options, self.redactor, self.bucket.cleaner
        assert self.first is not None  # count_turns found some
        at, date_note = _when(options, self.first.at, self.clock, self.settings)
        speakers = sorted(
            (s for s in self.speakers.speakers.values() if s.turns),
            key=lambda s: (-s.turns, s.first),
        )
        outcome = Outcome(
            options=options,
            format=self.parsed.format,
            encoding=encoding.split(",")[0] if encoding.startswith("mixed") else encoding,
            messages=count,
            turns=sum(speaker.turns for speaker in speakers),
            speakers=speakers,
            host=None,
            group=None,
            group_reason="",
            at=at,
            date_note=date_note,
            dropped=self.parsed.dropped + cleaner.dropped,
            media=cleaner.media,
            shown=cleaner.shown,
            redacted=redactor.counts,
            introduction=[
                line if options.keep_contacts else redactor.redact(line)
                for line in self.parsed.preamble
            ],
            broken_members=0,
            mixed=encoding if encoding.startswith("mixed") else None,
            images=self.images.files,
        )
        outcome.host = _host(options.host, outcome.speakers, self.directory)
        outcome.mask = Redactor(self.known).redact
        return outcome


def _selection(options: Options, zone: Any) -> Selection:
    """The sessions or time window asked for (``--session``, ``--from``, ``--until``)."""
    if (options.sessions is not None or options.every_session) and (options.since or options.until):
        raise UsageError(
            "import: --session: expected either --session or --from/--until, found both"
        )
    since = _moment("--from", options.since, zone, end=False)
    until = _moment("--until", options.until, zone, end=True)
    if since and until and until <= since:
        raise UsageError(
            f"import: --until: expected a time after --from {options.since}, found {options.until}"
        )
    return Selection(
        options.sessions, options.every_session, since, until, nothing=options.list_sessions
    )


def _moment(flag: str, text: str | None, zone: Any, end: bool) -> datetime | None:
    if not text:
        return None
    value = parse_datetime(text, zone)
    if value is None:
        raise UsageError(
            f"import: {flag}: expected a date like 2016-03-12 or 2016-03-12 19:00, found {text!r}"
        )
    value = value.astimezone(zone).replace(tzinfo=None) if value.tzinfo else value
    return value + timedelta(days=1) if end and not has_time(text) else value


def _check_selection(
    options: Options,
    selection: Selection,
    sessions: list[Session],
    buckets: dict[int, Bucket],
    count: int,
) -> None:
    """One line when what was asked for is not there: nothing is written then."""
    if selection.by_session and not selection.every_session:
        missing = sorted((selection.sessions or set()) - {s.number for s in sessions})
        if missing:
            raise UsageError(
                f"import: --session {missing[0]}: expected a session from 1 to {len(sessions)} "
                f"of {options.path} (see --list), found none"
            )
    if (selection.since or selection.until) and not any(b.kept for b in buckets.values()):
        window = f"from {options.since or 'the start'} until {options.until or 'the end'}"
        raise problem(
            options.path,
            f"expected messages {window}, found an empty session (--list shows the sessions)",
        )
    if not any(bucket.kept for bucket in buckets.values()):
        raise _only_placeholders(options, count)


def _only_placeholders(options: Options, count: int) -> UsageError:
    return problem(
        options.path,
        f"expected chat messages with text, found {count} messages "
        "that were all system lines or media placeholders",
    )


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


def _group(chosen: str | None, settings: dict[str, Any]) -> tuple[str | None, str]:
    groups = list(settings.get("HUB_GROUPS") or {})
    if chosen is not None:
        check_group("import", settings, chosen)
        return chosen, "--group"
    return (groups[0], "first") if groups else (None, "")


def _group_by_chat(
    chat: str | None, settings: dict[str, Any], group: str | None, reason: str, qq_text: bool
) -> tuple[str | None, str]:
    """The group whose name is the export's chat (QQ's 消息对象), else the first one."""
    for group_id, group_settings in (settings.get("HUB_GROUPS") or {}).items():
        if chat and name_key(str(group_settings.get("name", ""))) == name_key(chat):
            return group_id, f"the export's {'消息对象' if qq_text else 'chat name'} {chat}"
    return group, reason


def _when(
    options: Options, first: datetime | None, clock: str | None, settings: dict[str, Any]
) -> tuple[datetime, str | None]:
    """The transcript's date: its first turn's, or --date / today for pasted text.

    ``clock`` is the first time of day a turn gives (pasted text: ``[20:31]``).
    """
    if first is not None:
        return first, None
    zone = site_zone(settings)
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
