"""The transcript draft: front matter in the contract's key order, turns as Markdown, a file.

The file is named the way ``qunzhi new`` names one (date, pinyin slug of the
title) in a folder for the year, and never replaces anything: a name whose
slug another transcript already uses gets ``-2``, ``-3`` … The text is written
as it is rendered (a million messages make tens of megabytes) and the file
appears whole or not at all: it is written under a hidden name beside its
place and hard-linked there, which fails rather than replace a file.
"""

from __future__ import annotations

import os
import re
import tempfile
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from qunzhi.cli.new import file_stem, front_text
from qunzhi.hub.errors import UsageError
from qunzhi.hub.members import Directory, name_key
from qunzhi.hub.reader import DATE_PREFIX
from qunzhi.hub.values import pinyin_slug

from .cleaning import VISIBLE, Cleaner
from .kinds import render
from .markdown import paragraph
from .media import Images
from .messages import PLATFORMS, Media, Reply
from .speakers import SpeakerMap
from .spool import TextWriter
from .turns import Turn

if TYPE_CHECKING:
    from .job import Kept, Outcome

MENTION = re.compile(r"@(?P<name>[^\s@\u2005\u2006:：,，。!！?？、()（）]{1,24})")
SOMEONE = "某成员"  # an @-mentioned person who is neither a member nor a speaker, anonymised

DEFAULT_TITLE = "待定标题"
TRIES = 1000


def front_matter(outcome: Outcome, settings: dict[str, Any]) -> dict[str, Any]:
    """Keys in the order the content contract lists them; only keys with a value."""
    options = outcome.options
    front: dict[str, Any] = {
        "title": options.title or DEFAULT_TITLE,
        "date": f"{outcome.at:%Y-%m-%d %H:%M}",
        "tags": [],
    }
    if outcome.group:
        front["group"] = outcome.group
    front["status"] = "draft"
    if outcome.host:
        front["host"] = outcome.host
    front["speakers"] = speaker_list(outcome)
    platform = PLATFORMS.get(outcome.format)
    groups = settings.get("HUB_GROUPS") or {}
    platform = platform or groups.get(outcome.group, {}).get("platform")
    if platform:
        front["platform"] = platform
    return front


def speaker_list(outcome: Outcome) -> list[str]:
    """Speakers by turns, the host left out.

    With ``--speakers`` only those, plus anyone else who is not a member: a
    name opens a turn only if it is a member or listed, so none may be missing.
    """
    host = name_key(outcome.host or "")
    declared = {name_key(name) for name in outcome.options.speakers}
    listed = []
    for speaker in outcome.speakers:
        if name_key(speaker.written) == host:
            continue
        names = {name_key(name) for name in speaker.names} | {name_key(speaker.written)}
        member = speaker.member
        if member is not None:
            names |= {name_key(member.id), name_key(member.name)}
        if not declared or names & declared or member is None or not member.published:
            listed.append(speaker.written)
    return list(dict.fromkeys(listed))


def body(
    outcome: Outcome, directory: Directory, front: dict[str, Any], turns: Iterable[Turn]
) -> Iterator[str]:
    """The conversation as Markdown paragraphs: one per message line, turns with stamps."""
    openers = {name_key(name) for name in [*front["speakers"], front.get("host") or ""] if name}

    def opens_turn(name: str) -> bool:
        return name_key(name) in openers or directory.find(name) is not None

    for line in outcome.introduction:
        yield paragraph(line, opens_turn)
    for turn in turns:
        lines = [paragraph(line, opens_turn) for line in turn.lines]
        yield f"{turn.stamp(outcome.at)}{turn.speaker.written}：{lines[0]}"
        yield from lines[1:]


def renders(entry: Kept, keep_media: bool) -> bool:
    """Whether ``lines_of`` gives a kept message any line: a picture alone is dropped."""
    return bool(entry.lines) or any(
        keep_media or not isinstance(part, Media) or part.kind in VISIBLE for part in entry.parts
    )


def lines_of(
    entry: Kept,
    speakers: SpeakerMap,
    directory: Directory,
    images: Images,
    cleaner: Cleaner,
    mask: Callable[[str], str],
) -> list[str]:
    """A kept message as draft lines: a reply first, then its text, then its other parts."""
    rename = renamer(speakers, directory)
    mentioned = set(entry.mentions)

    def mention(match: re.Match[str]) -> str:
        name = match["name"]
        known = name in mentioned or speakers.find(name) or directory.find(name)
        return f"@{rename(name)}" if known else match.group()

    lines = [MENTION.sub(mention, line) if "@" in line else line for line in entry.lines]
    before: list[str] = []
    after: list[str] = []
    for part in entry.parts:
        if isinstance(part, Reply):
            before += render(part, rename, images, mask)
        elif isinstance(part, Media) and part.kind not in VISIBLE:
            cleaner.media[part.kind] += 1
            shown = images(part)
            if shown is not None or cleaner.keep_media:
                after.append(shown or f"〔{part.kind}〕")
        else:
            if isinstance(part, Media):
                cleaner.shown[part.kind] += 1
            after += render(part, rename, images, mask)
    return before + lines + after


def renamer(speakers: SpeakerMap, directory: Directory) -> Callable[[str], str]:
    """How the draft writes a person named in a reply, forward or @-mention."""

    def rename(name: str) -> str:
        speaker = speakers.find(name)
        if speaker is not None:
            return speaker.written
        member = directory.find(name)
        if member is not None and member.published:
            return member.name
        return SOMEONE if speakers.anonymise else name

    return rename


def compose(
    outcome: Outcome,
    settings: dict[str, Any],
    directory: Directory,
    turns: Iterable[Turn],
    out: TextWriter,
) -> None:
    """The draft, front matter then turns, written to ``out`` as the turns come."""
    front = front_matter(outcome, settings)
    out.write(front_text(front))
    for number, piece in enumerate(body(outcome, directory, front, turns)):
        out.write(f"\n\n{piece}" if number else piece)
    out.write("\n")


def check_title(title: str | None) -> None:
    if not pinyin_slug(title or DEFAULT_TITLE):
        raise UsageError(
            f"import: --title: expected words to make a URL slug from, found {title!r}"
        )


def write_images(outcome: Outcome, content: Path) -> int:
    """Copy the draft's pictures (named by digest: one already there is the same picture)."""
    written = 0
    for name, data in outcome.images.items():
        path = content / name
        if path.exists():
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        written += 1
    return written


def write(outcome: Outcome, content: Path) -> Path:
    """Place the draft under transcripts/YEAR/ with a name and slug no other file has."""
    title = outcome.options.title or DEFAULT_TITLE
    folder = content / "transcripts"
    stem = file_stem("transcripts", title, f"{outcome.at:%Y-%m-%d}")
    taken = {DATE_PREFIX.sub("", path.stem).casefold() for path in folder.rglob("*.md")}
    year = folder / f"{outcome.at:%Y}"
    year.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile(
        "w", encoding="utf-8", dir=year, prefix=".qunzhi-import-", suffix=".part", delete=False
    ) as handle:
        hidden = Path(handle.name)
        try:
            for chunk in outcome.draft.chunks():
                handle.write(chunk)
        except BaseException:
            hidden.unlink()
            raise
    try:
        for number in range(1, TRIES):
            name = stem if number == 1 else f"{stem}-{number}"
            if DATE_PREFIX.sub("", name).casefold() in taken:
                continue
            path = year / f"{name}.md"
            try:
                os.link(hidden, path)
            except FileExistsError:
                continue
            return path
    finally:
        hidden.unlink()
    raise UsageError(f"import: {folder}: expected a free file name, found {TRIES} taken")
