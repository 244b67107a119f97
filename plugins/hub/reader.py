"""Find the content files and read each into a validated document.

Every problem becomes a diagnostic with file and line; a file that cannot be
read is reported, never skipped in silence.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

from .documents import STATIC_FOLDERS, TYPES, Doc, Member
from .errors import Diagnostics
from .frontmatter import ReadProblem, decode, split
from .schema import Context, FieldProblem, unknown_key_message
from .values import DATE_EXPECTED, ID_PATTERN, slug_problem

DATE_PREFIX = re.compile(r"^\d{4}-\d{2}-\d{2}-")
DIGEST_PERIOD = re.compile(r"^\d{4}-(W(0[1-9]|[1-4]\d|5[0-3])|(0[1-9]|1[0-2]))$")
KNOWN_FOLDERS = (*TYPES, *STATIC_FOLDERS)


def content_files(root: Path, diagnostics: Diagnostics) -> Iterator[tuple[str, Path]]:
    """Markdown files by top folder, in a stable order; anything else is an error."""
    for path in sorted(root.rglob("*")):
        relative = path.relative_to(root)
        if any(part.startswith(".") for part in relative.parts) or path.is_dir():
            continue
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
    ``kept``: front matters parsed before (``frontmatter.front_matter_cache``)."""
    content_type, cls = TYPES[folder]
    try:
        text, encoding = decode(path.read_bytes())
        parsed = split(text, kept)
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
    slug = meta.get("slug") or DATE_PREFIX.sub("", path.stem)
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
