"""The report an editor reads after an import: what was read, written, mapped and dropped."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from qunzhi.hub.errors import display_path

from .cleaning import SYSTEM_LINES
from .job import Outcome
from .messages import FORMAT_LABELS
from .redact import KINDS
from .speakers import Speaker

DROP_ORDER = ["export header", "before the first message", *(kind for kind, _ in SYSTEM_LINES)]


def plural(count: int, word: str) -> str:
    return f"{count} {word}{'s' * (count != 1)}"


def counted(counts: Counter[str], order: list[str]) -> str:
    keys = [key for key in order if counts[key]] + sorted(set(counts) - set(order))
    return ", ".join(f"{counts[key]} {key}" for key in keys if counts[key])


def lines(outcome: Outcome, path: Path | None) -> list[str]:
    """The report, one line each; ``path`` is None for --dry-run."""
    options = outcome.options
    read = (
        f"read {display_path(options.path)}: {FORMAT_LABELS[outcome.format]} "
        f"({outcome.format}, {outcome.encoding}), {plural(outcome.messages, 'message')}"
    )
    where = f"wrote {display_path(path)}" if path else "dry run: nothing written"
    out = [read, f"{where}: {plural(len(outcome.turns), 'turn')}, status: draft"]
    when = f"date: {outcome.at:%Y-%m-%d %H:%M}"
    out.append(f"{when} ({outcome.date_note})" if outcome.date_note else when)
    if outcome.group:
        reason = {"--group": "--group", "first": "the first in HUB_GROUPS; pass --group"}.get(
            outcome.group_reason, outcome.group_reason
        )
        out.append(f"group: {outcome.group} ({reason})")
    out.append(f"speakers ({plural(len(outcome.speakers), 'speaker')}, by turns):")
    for speaker in outcome.speakers:
        out.append(f"  {_mapping(speaker)}, {plural(speaker.turns, 'turn')}")
    if outcome.host:
        out.append(f"host: {outcome.host}")
    dropped = sum(outcome.dropped.values())
    if dropped:
        out.append(f"dropped {plural(dropped, 'line')}: {counted(outcome.dropped, DROP_ORDER)}")
    media = sum(outcome.media.values())
    if media:
        action = "kept as markers" if options.keep_media else "dropped (--keep-media keeps them)"
        out.append(
            f"media placeholders {action}: {media} ("
            + ", ".join(f"{count} [{kind}]" for kind, count in outcome.media.most_common())
            + ")"
        )
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


def _mapping(speaker: Speaker) -> str:
    names = [name or "(no nickname)" for name, _ in speaker.names.most_common()]
    shown = " / ".join(names[:3]) + (" …" if len(names) > 3 else "")
    if speaker.ident:
        kind = "e-mail" if "@" in speaker.ident else "QQ"
        shown += f" ({kind} {speaker.ident})"
    if speaker.member is not None:
        target = f"{speaker.member.id} ({speaker.how})"
        if not speaker.member.published:
            target += f", {speaker.member.status} member: written as {speaker.written}"
        return f"{shown} → {target}"
    kept = "kept as written" if speaker.written == names[0] else f"written as {speaker.written}"
    return f"{shown} → unknown, {kept}"
