"""Find the content files and read each into a validated document.

Every problem becomes a diagnostic with file and line; a file that cannot be
read is reported, never skipped in silence.
"""

from __future__ import annotations

import os
import re
import unicodedata
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

from .documents import STATIC_FOLDERS, TYPES, Doc, Member
from .errors import Diagnostics
from .frontmatter import ReadProblem, decode, split
from .render import FENCE
from .schema import Context, FieldProblem, unknown_key_message
from .values import DATE_EXPECTED, ID_PATTERN, ZERO_WIDTH, slug_problem, zero_width_message

DATE_PREFIX = re.compile(r"^\d{4}-\d{2}-\d{2}-")
DIGEST_PERIOD = re.compile(r"^\d{4}-(W(0[1-9]|[1-4]\d|5[0-3])|(0[1-9]|1[0-2]))$")
KNOWN_FOLDERS = (*TYPES, *STATIC_FOLDERS)
# A document is a session, not a book: past these, Markdown's time and memory run away
LARGEST_FILE = 4 * 1024 * 1024  # bytes
DEEPEST_NESTING = 24  # levels of nested lists and quotes
# what opens a level at the start of a line: an indent, a quote mark, a list marker
NESTING = re.compile(r"^(?:\s*(?:>|[-*+](?=\s)|\d{1,9}[.)](?=\s)))+")
MARKER = re.compile(r">|[-*+]|\d{1,9}[.)]")
NAMES = ("name", "aliases", "host", "speakers", "editor")


def hub_files(root: Path, diagnostics: Diagnostics) -> list[Path]:
    """Every file under ``root``, symlinks that stay inside it followed (folders too), in a
    stable order; a link that leads out of it, or nowhere, is an error naming it."""
    inside = root.resolve()
    found: list[Path] = []
    seen: set[Path] = set()

    def walk(folder: Path) -> None:
        real = folder.resolve()
        if real in seen:  # a link back up: each folder once
            return
        seen.add(real)
        for entry in sorted(os.scandir(folder), key=lambda entry: entry.name):
            path = Path(entry.path)
            if entry.name.startswith("."):
                continue
            if entry.is_symlink():
                target = path.resolve()
                if not target.exists() or not target.is_relative_to(inside):
                    where = "nowhere" if not target.exists() else f"to {target}, outside"
                    diagnostics.error(
                        str(path),
                        1,
                        "file",
                        f"expected a link that stays inside {root.name}/, found a link {where}; "
                        "copy the file in or remove the link",
                    )
                    continue
            if entry.is_dir():
                walk(path)
            else:
                found.append(path)

    walk(root)
    return found


def content_files(root: Path, diagnostics: Diagnostics) -> Iterator[tuple[str, Path]]:
    """Markdown files by top folder, in a stable order; anything else is an error."""
    for path in hub_files(root, diagnostics):
        relative = path.relative_to(root)
        folder = relative.parts[0] if len(relative.parts) > 1 else ""
        if folder in STATIC_FOLDERS:
            continue
        if folder not in TYPES:
            found = f'"{folder}"' if folder else "a file at the top of content/"
            diagnostics.error(
                str(path), 1, "folder", f"expected one of {', '.join(KNOWN_FOLDERS)}, found {found}"
            )
        elif path.suffix.lower() != ".md":
            diagnostics.error(
                str(path),
                1,
                "file",
                f'expected a Markdown file ending in .md, found "{path.suffix or path.name}"',
            )
        else:
            yield folder, path


def read_document(
    path: Path, folder: str, context: Context, diagnostics: Diagnostics, kept: Any = None
) -> Doc | None:
    """One file to one document, or None after reporting why it cannot be read;
    ``kept``: front matters parsed before (``frontmatter.front_matter_step``)."""
    content_type, cls = TYPES[folder]
    try:
        raw = path.read_bytes()
        if len(raw) > LARGEST_FILE:
            raise ReadProblem(
                1,
                "file",
                f"expected at most {LARGEST_FILE // 1024 // 1024} MB, found "
                f"{len(raw) / 1024 / 1024:.1f} MB; split it into several documents",
            )
        text, encoding = decode(raw)
        parsed = split(text, kept)
        _refuse_deep_nesting(parsed.body, parsed.body_line)
    except ReadProblem as problem:
        diagnostics.error(str(path), problem.line, problem.key, problem.message)
        return None
    front = parsed.front
    ok = _name_ok(path, folder, diagnostics)
    for line, key, first in parsed.duplicates:
        diagnostics.error(
            str(path), line, key, f"expected each key once, found it again (first on line {first})"
        )
    if encoding != "utf-8":
        diagnostics.warn(
            str(path), 1, "encoding", "expected UTF-8, found GB18030; read it as GB18030"
        )

    meta = {}
    for key, value in front.data.items():
        field = content_type.fields.get(key)
        if field is None:
            diagnostics.warn(
                str(path),
                front.line(key),
                key,
                unknown_key_message(key, content_type.fields, f"a {content_type.kind}"),
            )
            continue
        if value is None:
            continue
        try:
            meta[key] = field.check(front, key, context)
        except FieldProblem as problem:
            diagnostics.error(str(path), front.line(key, *problem.path), key, problem.message)
            ok = False
    required = list(content_type.required)
    if content_type.grouped and len(context.groups) > 1:
        required.append("group")
    for key in required:
        if front.data.get(key) is None:
            expected = _REQUIRED_EXPECTED.get(key, "expected a value")
            diagnostics.error(str(path), front.line(key), key, f"{expected}, found nothing")
            ok = False
    if "end" in meta and "date" in meta and meta["end"].at < meta["date"].at:
        diagnostics.error(
            str(path),
            front.line("end"),
            "end",
            f"expected a time after the start {front.data['date']}, found {front.data['end']}",
        )
        ok = False
    _strip_zero_width(meta, front, path, diagnostics)
    slug = meta.get("slug") or unicodedata.normalize("NFC", DATE_PREFIX.sub("", path.stem))
    problem = None if "slug" in meta or front.data.get("slug") else slug_problem(slug)
    if problem and cls is not Member:
        diagnostics.error(str(path), 1, "file", f"{problem}; rename the file or set slug")
        ok = False
    if not ok:
        return None
    return cls(
        type=content_type,
        source=path,
        slug=path.stem if cls is Member else slug,
        meta=meta,
        lines={str(key[0]): line for key, line in front.lines.items() if len(key) == 1},
        body=parsed.body,
        body_line=parsed.body_line,
    )


def _refuse_deep_nesting(body: str, first_line: int) -> None:
    """Lists and quotes nested past DEEPEST_NESTING: an error in a moment, not a build
    that runs for minutes and ends in a RecursionError. Fenced code is not nesting."""
    fenced = False
    for number, line in enumerate(body.split("\n"), first_line):
        if FENCE.match(line):
            fenced = not fenced
        if fenced:
            continue
        expanded = line.expandtabs(4)
        prefix = NESTING.match(expanded)
        markers = len(MARKER.findall(prefix.group())) if prefix else 0
        levels = (len(expanded) - len(expanded.lstrip(" "))) // 4 + markers
        if levels > DEEPEST_NESTING:
            raise ReadProblem(
                number,
                "body",
                f"expected lists and quotes nested at most {DEEPEST_NESTING} levels deep, "
                f"found {levels}",
            )


def _strip_zero_width(
    meta: dict[str, Any], front: Any, path: Path, diagnostics: Diagnostics
) -> None:
    """Names with zero-width characters (pasted from chat apps) would never match a
    speaker: strip them, and say so."""
    for key in NAMES:
        value = meta.get(key)
        values = value if isinstance(value, list) else [value]
        if not any(isinstance(item, str) and ZERO_WIDTH.search(item) for item in values):
            continue
        cleaned = [ZERO_WIDTH.sub("", item) for item in values]
        meta[key] = cleaned if isinstance(value, list) else cleaned[0]
        written = next(item for item in values if ZERO_WIDTH.search(item))
        diagnostics.warn(
            str(path),
            front.line(key),
            key,
            zero_width_message(written),
        )


_REQUIRED_EXPECTED = {
    "title": "expected a title",
    "name": "expected the member's display name",
    "date": DATE_EXPECTED,
    "group": "expected a group id (the site has several groups)",
}


def _iso_week_exists(stem: str) -> bool:
    year, week = stem.split("-W")
    try:
        date.fromisocalendar(int(year), int(week), 1)
    except ValueError:
        return False
    return True


def _name_ok(path: Path, folder: str, diagnostics: Diagnostics) -> bool:
    """Member files name the member id; digest notes name their period."""
    if folder == "members" and not ID_PATTERN.match(path.stem):
        diagnostics.error(
            str(path),
            1,
            "file",
            "expected a member id as file name (lowercase letters, digits, - and _, "
            f'like wangxiaoming.md), found "{path.name}"',
        )
        return False
    if folder == "digests" and not DIGEST_PERIOD.match(path.stem):
        diagnostics.error(
            str(path),
            1,
            "file",
            f'expected a week like 2016-W01.md or a month like 2016-01.md, found "{path.name}"',
        )
        return False
    if folder == "digests" and "W" in path.stem and not _iso_week_exists(path.stem):
        year = int(path.stem[:4])
        diagnostics.error(
            str(path),
            1,
            "file",
            f"expected a week of {year} (it has {date(year, 12, 28).isocalendar()[1]} ISO weeks), "
            f'found "{path.name}"',
        )
        return False
    return True
