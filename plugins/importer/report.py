"""The report an editor reads after an import: what was read, written, mapped and dropped."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from qunzhi.hub.errors import display_path

from .cleaning import SYSTEM_LINES
from .job import Outcome, Result
from .messages import FORMAT_LABELS
from .redact import KINDS, mask
from .sessions import Session
from .speakers import Speaker

DROP_ORDER = [
    "export header",
    "before the first message",
    "without a time",
    *(kind for kind, _ in SYSTEM_LINES),
]
QQ_FORMATS = frozenset({"qq", "qce", "qq-mht"})


def plural(count: int, word: str) -> str:
    return f"{count} {word}{'s' * (count != 1)}"


def counted(counts: Counter[str], order: list[str]) -> str:
    keys = [key for key in order if counts[key]] + sorted(set(counts) - set(order))
    return ", ".join(f"{counts[key]} {key}" for key in keys if counts[key])


def lines(outcome: Outcome, path: Path | None, images: int = 0) -> list[str]:
    """The report, one line each; ``path`` is None for --dry-run."""
    options = outcome.options
    read = (
        f"read {display_path(options.path)}: {FORMAT_LABELS[outcome.format]} "
        f"({outcome.format}, {outcome.encoding}), {plural(outcome.messages, 'message')}"
    )
    where = f"wrote {display_path(path)}" if path else "dry run: nothing written"
    out = [read]
    if outcome.mixed:
        out.append(f"encoding: {outcome.mixed}")
    out.append(f"{where}: {plural(outcome.turns, 'turn')}, status: draft")
    out += _session(outcome)
    when = f"date: {outcome.at:%Y-%m-%d %H:%M}"
    out.append(f"{when} ({outcome.date_note})" if outcome.date_note else when)
    if outcome.group:
        reason = {"--group": "--group", "first": "the first in HUB_GROUPS; pass --group"}.get(
            outcome.group_reason, outcome.group_reason
        )
        shown = reason if options.keep_contacts else outcome.mask(reason)  # a chat name too
        out.append(f"group: {outcome.group} ({shown})")
    out.append(f"speakers ({plural(len(outcome.speakers), 'speaker')}, by turns):")
    for speaker in outcome.speakers:
        out.append(f"  {_mapping(speaker, outcome)}, {plural(speaker.turns, 'turn')}")
    if outcome.host:
        out.append(f"host: {outcome.host}")
    dropped = sum(outcome.dropped.values())
    if dropped:
        out.append(f"dropped {plural(dropped, 'line')}: {counted(outcome.dropped, DROP_ORDER)}")
    out += _media(outcome, images)
    if outcome.introduction:
        out.append(
            f"kept {plural(len(outcome.introduction), 'line')} before the first turn "
            "as an introduction"
        )
    redacted = sum(outcome.redacted.values())
    if options.keep_contacts:
        out.append("contacts: kept as written (--keep-contacts)")
    else:
        detail = counted(outcome.redacted, list(KINDS))
        out.append(f"contacts redacted: {redacted}" + (f" ({detail})" if detail else ""))
    if outcome.broken_members:
        out.append(
            f"note: {plural(outcome.broken_members, 'member file')} could not be read and "
            "took no part in mapping; run qunzhi check"
        )
    return out


def session_list(result: Result) -> list[str]:
    """``--list``: one line per session, the first line masked."""
    out = [f"{'#':>3}  {'start':16}  {'end':16}  {'messages':>8}  {'speakers':>8}  first line"]
    for session, first in zip(result.sessions, result.first_lines, strict=True):
        out.append(
            f"{session.number:>3}  {_at(session.start):16}  {_at(session.end):16}  "
            f"{session.messages:>8}  {session.speakers:>8}  {first}"
        )
    return out


def _at(moment: object) -> str:
    return f"{moment:%Y-%m-%d %H:%M}" if moment is not None else "(no date)"


def _session(outcome: Outcome) -> list[str]:
    session: Session | None = outcome.session
    if session is not None:
        return [
            f"session {session.number} of {outcome.sessions_found}: {_at(session.start)} to "
            f"{_at(session.end)}, {plural(session.messages, 'message')}"
        ]
    options = outcome.options
    if outcome.sessions_found > 1 and not (options.since or options.until):
        hours = options.gap.total_seconds() / 3600
        return [
            f"note: {outcome.sessions_found} sessions found (silences over {hours:g} h), all in "
            "this draft: --list shows them, --session N imports one"
        ]
    return []


def _media(outcome: Outcome, images: int) -> list[str]:
    out = []
    media = sum(outcome.media.values())
    if media:
        action = (
            "kept as markers"
            if outcome.options.keep_media
            else ("dropped (--keep-media keeps them)")
        )
        out.append(f"media placeholders {action}: {media} ({_kinds(outcome.media)})")
    shown = sum(outcome.shown.values())
    if shown:
        out.append(f"media shown as placeholders: {shown} ({_kinds(outcome.shown)})")
    if outcome.images:
        out.append(
            f"pictures: {len(outcome.images)} under content/images/import/, metadata removed"
            + (f", {images} new" if images else "")
        )
    if outcome.missing_images:
        out.append(f"pictures not found in the export: {outcome.missing_images} (markers instead)")
    return out


def _kinds(counts: Counter[str]) -> str:
    return ", ".join(f"{count} [{kind}]" for kind, count in counts.most_common())


def _mapping(speaker: Speaker, outcome: Outcome) -> str:
    """How a sender was mapped; nicknames and numbers masked unless --keep-contacts."""
    keep = outcome.options.keep_contacts
    names = [
        (name if keep else outcome.mask(name)) or "(no nickname)"
        for name, _ in speaker.names.most_common()
    ]
    shown = " / ".join(names[:3]) + (" …" if len(names) > 3 else "")
    if speaker.ident:
        kind = "e-mail" if "@" in speaker.ident else "QQ" if outcome.format in QQ_FORMATS else "id"
        hidden = mask("e-mail" if kind == "e-mail" else "QQ") if kind != "id" else "hidden"
        shown += f" ({kind} {speaker.ident if keep else hidden})"
    if speaker.member is not None:
        target = f"{speaker.member.id} ({speaker.how})"
        if not speaker.member.published:
            target += f", {speaker.member.status} member: written as {speaker.written}"
        return f"{shown} → {target}"
    kept = "kept as written" if speaker.written == names[0] else f"written as {speaker.written}"
    return f"{shown} → unknown, {kept}"
