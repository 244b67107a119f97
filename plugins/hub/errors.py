"""One exception family and the collector of content problems.

Content problems are collected for a whole run, printed one line each, and only
then turned into a failure, so an editor fixes every problem in one pass.
"""

from __future__ import annotations

import os
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO


class HubError(Exception):
    """Base of every error the hub reports to a person; the CLI prints only its message."""

    exitcode = 1


class SettingsError(HubError):
    """The settings file is wrong; raised at start-up before anything is read."""

    exitcode = 2


class UsageError(HubError):
    """A command was called wrongly (unknown type, missing folder …)."""

    exitcode = 2


class ContentError(HubError):
    """Content has errors (or warnings under ``--strict``); the previous output is untouched."""


# C0 and C1 controls, line and paragraph separators, bidi and zero-width controls, surrogates
INVISIBLE = re.compile(
    "[\x00-\x1f\x7f-\x9f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff\ud800-\udfff]"
)


def visible(text: str) -> str:
    """Text for a terminal line: every control character spelled out (``\\x1b``, ``\\n``),
    so a value can neither clear the screen nor break the one-line message."""
    return INVISIBLE.sub(lambda found: found.group().encode("unicode_escape").decode(), text)


def display_path(path: str | os.PathLike[str]) -> str:
    """Path as an editor sees it: relative to the working directory when below it."""
    path = Path(path)
    for here, there in ((Path.cwd().absolute(), path.absolute()), (Path.cwd().resolve(), None)):
        there = there or path.parent.resolve() / path.name  # a link is named, not followed
        if there.is_relative_to(here):
            return str(there.relative_to(here))
    return str(path)


def describe(value: object) -> str:
    """Name a YAML value the way an error message quotes what was found."""
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return f'"{value}"' if value else "an empty string"
    if isinstance(value, int | float):
        return f"the number {value}"
    if isinstance(value, list):
        return f"a list of {len(value)}" if value else "an empty list"
    if isinstance(value, dict):
        return "a mapping (key: value pairs)"
    return f'"{value}"'


@dataclass(frozen=True, order=True)
class Diagnostic:
    """One problem at one place: ``file:line: key: message``."""

    path: str
    line: int
    key: str
    message: str
    warning: bool = False

    def __str__(self) -> str:
        level = "warning: " if self.warning else ""
        return visible(f"{display_path(self.path)}:{self.line}: {level}{self.key}: {self.message}")


@dataclass
class Diagnostics:
    """Problems of one build, errors and warnings, in the order of the files."""

    strict: bool = False
    items: list[Diagnostic] = field(default_factory=list)

    def error(self, path: str, line: int, key: str, message: str) -> None:
        self.items.append(Diagnostic(str(path), line, key, message))

    def warn(self, path: str, line: int, key: str, message: str) -> None:
        self.items.append(Diagnostic(str(path), line, key, message, warning=True))

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.items if not d.warning]

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in self.items if d.warning]

    def failed(self) -> bool:
        return bool(self.errors) or (self.strict and bool(self.warnings))

    def report(self, stream: TextIO | None = None) -> None:
        """Print every problem, one line each, sorted by file and line."""
        stream = stream or sys.stderr
        for diagnostic in sorted(set(self.items)):
            print(diagnostic, file=stream)

    def summary(self) -> str:
        errors, warnings = len(self.errors), len(self.warnings)
        text = f"{errors} error{'s' * (errors != 1)}, {warnings} warning{'s' * (warnings != 1)}"
        if self.strict and warnings:
            text += " (warnings are errors with --strict)"
        return text

    def raise_if_failed(self) -> None:
        if self.failed():
            raise ContentError(f"content has {self.summary()}; nothing was written")
