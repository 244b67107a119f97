"""The transcript draft: front matter in the contract's key order, turns as Markdown, a file.

The file is named the way ``qunzhi new`` names one (date, pinyin slug of the
title) in a folder for the year, and never replaces anything: a name whose
slug another transcript already uses gets ``-2``, ``-3`` …
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from qunzhi.cli.new import document_text, file_stem, write_new
from qunzhi.hub.errors import UsageError
from qunzhi.hub.members import Directory, name_key
from qunzhi.hub.reader import DATE_PREFIX
from qunzhi.hub.values import pinyin_slug

from .markdown import paragraph

if TYPE_CHECKING:
    from .job import Outcome

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
    platform = outcome.format if outcome.format != "plain" else None
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


def body(outcome: Outcome, directory: Directory, front: dict[str, Any]) -> str:
    """The conversation as Markdown: one paragraph per message line, turns with stamps."""
    openers = {name_key(name) for name in [*front["speakers"], front.get("host") or ""] if name}

    def opens_turn(name: str) -> bool:
        return name_key(name) in openers or directory.find(name) is not None

    out = [paragraph(line, opens_turn) for line in outcome.introduction]
    for turn in outcome.turns:
        lines = [paragraph(line, opens_turn) for line in turn.lines]
        out.append(f"{turn.stamp(outcome.at)}{turn.speaker.written}：{lines[0]}")
        out.extend(lines[1:])
    return "\n\n".join(out) + "\n"


def draft_text(outcome: Outcome, settings: dict[str, Any], directory: Directory) -> str:
    front = front_matter(outcome, settings)
    return document_text(front, body(outcome, directory, front))


def check_title(title: str | None) -> None:
    if not pinyin_slug(title or DEFAULT_TITLE):
        raise UsageError(
            f"import: --title: expected words to make a URL slug from, found {title!r}"
        )


def write(outcome: Outcome, text: str, content: Path) -> Path:
    """Write the draft under transcripts/YEAR/ with a name and slug no other file has."""
    title = outcome.options.title or DEFAULT_TITLE
    folder = content / "transcripts"
    stem = file_stem("transcripts", title, f"{outcome.at:%Y-%m-%d}")
    taken = {DATE_PREFIX.sub("", path.stem).casefold() for path in folder.rglob("*.md")}
    for number in range(1, TRIES):
        name = stem if number == 1 else f"{stem}-{number}"
        if DATE_PREFIX.sub("", name).casefold() in taken:
            continue
        path = folder / f"{outcome.at:%Y}" / f"{name}.md"
        try:
            write_new(path, text)
        except FileExistsError:
            continue
        return path
    raise UsageError(f"import: {folder}: expected a free file name, found {TRIES} taken")
