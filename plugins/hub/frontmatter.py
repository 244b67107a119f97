"""Bytes to text, text to YAML front matter and Markdown body, with line numbers.

Chat logs reach editors in GBK as often as in UTF-8, so files are decoded as
UTF-8 and else as GB18030 (a superset of GBK). The YAML loader follows YAML 1.2's
core schema: dates and ``1:30:00`` stay text (YAML 1.1 would turn them into
timestamps and sexagesimal numbers), ``yes``/``no`` stay words, and every scalar
keeps the text it was written as, so ``title: 1984`` is the title "1984".
"""

from __future__ import annotations

import contextlib
import marshal
import re
from dataclasses import dataclass, field
from typing import Any

import yaml

from .store import BuildStore, Step, digest

UTF8_BOM = b"\xef\xbb\xbf"
BINARY_CHARACTERS = re.compile(r"[\x00-\x08\x0e-\x1f]")
# What YAML refuses typed is refused escaped too ("\x1b[31m", "\x00", a lone "\ud800")
ESCAPED_CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
FENCE = "---"


class ReadProblem(Exception):
    """A problem that stops one file from being read: line, key and message."""

    def __init__(self, line: int, key: str, message: str) -> None:
        super().__init__(message)
        self.line, self.key, self.message = line, key, message


def decode(raw: bytes) -> tuple[str, str]:
    """Text and the encoding it was read in (``utf-8`` or ``gb18030``)."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ReadProblem(1, "encoding", "expected UTF-8 or GB18030 text, found UTF-16")
    if raw.startswith(UTF8_BOM):
        raw = raw[len(UTF8_BOM) :]
    try:
        text, encoding = raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as utf8_error:
        try:
            text, encoding = raw.decode("gb18030"), "gb18030"
        except UnicodeDecodeError:
            line = raw[: utf8_error.start].count(b"\n") + 1
            raise ReadProblem(
                line,
                "encoding",
                "expected UTF-8 or GB18030 text, found bytes that are neither "
                f"(first at byte {utf8_error.start}); save the file as UTF-8",
            ) from None
    binary = BINARY_CHARACTERS.search(text)
    if binary:
        line = text.count("\n", 0, binary.start()) + 1
        raise ReadProblem(line, "encoding", "expected text, found binary data")
    return text.replace("\r\n", "\n").replace("\r", "\n"), encoding


class _Loader(yaml.SafeLoader):
    """SafeLoader with YAML 1.2 core-schema implicit types (see module docstring)."""


class _FastLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """The same on libyaml when PyYAML has it: several times faster on large hubs.

    Its error texts differ, so a file that fails is parsed again with ``_Loader``
    and every editor sees the same message.
    """


_CORE_RESOLVERS = (
    ("tag:yaml.org,2002:bool", r"^(?:true|True|TRUE|false|False|FALSE)$", "tTfF"),
    ("tag:yaml.org,2002:int", r"^[-+]?[0-9]+$", "-+0123456789"),
    (
        "tag:yaml.org,2002:float",
        r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
        r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$",
        "-+0123456789.",
    ),
)
for _loader in (_Loader, _FastLoader):
    _loader.yaml_implicit_resolvers = {
        first: [(tag, regexp) for tag, regexp in resolvers if tag.endswith(("null", "merge"))]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }
    for _tag, _pattern, _first in _CORE_RESOLVERS:
        _loader.add_implicit_resolver(_tag, re.compile(_pattern), list(_first))

Path = tuple[str | int, ...]


@dataclass
class FrontMatter:
    """The front matter's values, with the line and written text of each."""

    data: dict[str, Any]
    lines: dict[Path, int] = field(default_factory=dict)
    texts: dict[Path, str] = field(default_factory=dict)
    start_line: int = 1

    def line(self, *path: str | int) -> int:
        """Line of a key or list item, falling back to its parent, then to the block start."""
        while path:
            if path in self.lines:
                return self.lines[path]
            path = path[:-1]
        return self.start_line

    def text(self, *path: str | int) -> str | None:
        """The scalar as written (``2016.10`` stays "2016.10"), or None for non-scalars."""
        return self.texts.get(path)


@dataclass
class Document:
    """A source file split into front matter and Markdown body."""

    front: FrontMatter
    body: str
    body_line: int
    duplicates: list[tuple[int, str, int]] = field(default_factory=list)


def split(text: str, kept: Step | None = None) -> Document:
    """Split ``---`` YAML ``---`` from the body; raise ReadProblem with the line at fault.

    ``kept``: front matter parsed by an earlier build, by its text (see ``_load``)."""
    if not text.strip():
        raise ReadProblem(
            1, "file", "expected front matter between two --- lines, found an empty file"
        )
    lines = text.split("\n")
    if lines[0].rstrip() != FENCE:
        first = lines[0].strip()[:40]
        raise ReadProblem(
            1, "front matter", f'expected a first line "---" opening YAML, found "{first}"'
        )
    for index in range(1, len(lines)):
        if lines[index].rstrip() in (FENCE, "..."):
            break
    else:
        raise ReadProblem(
            len(lines), "front matter", 'expected a closing "---" line, found the end of the file'
        )
    yaml_text = "\n".join(lines[1:index])
    front, duplicates = _load(yaml_text, 2, kept)
    body = "\n".join(lines[index + 1 :])
    return Document(front, body, body_line=index + 2, duplicates=duplicates)


def front_matter_step(store: BuildStore) -> Step:
    """Parsed front matters by their text: YAML is most of reading a file that did not change."""
    return store.step("front-matter", yaml.__with_libyaml__, code=[__name__])


def _load(
    yaml_text: str, first_line: int, kept: Step | None = None
) -> tuple[FrontMatter, list[tuple[int, str, int]]]:
    """Only what parsed is kept: a broken front matter is parsed again, for its message."""
    key = digest(yaml_text, first_line)
    found = kept.get(key) if kept is not None else None
    if found is not None:
        data, lines, texts, start_line, duplicates = found
        return FrontMatter(data, lines, texts, start_line), [tuple(d) for d in duplicates]
    try:
        front, duplicates = _load_with(_FastLoader, yaml_text, first_line)
    except ReadProblem:
        front, duplicates = _load_with(_Loader, yaml_text, first_line)
    if kept is not None:
        value = (front.data, front.lines, front.texts, front.start_line, duplicates)
        # a copy (the build's values are never the kept ones) and a check in one: a
        # value marshal cannot hold (none of YAML's safe types) is simply not kept
        with contextlib.suppress(ValueError):
            kept.put(key, marshal.loads(marshal.dumps(value)))
    return front, duplicates


def _load_with(
    loader_class: type[yaml.SafeLoader], yaml_text: str, first_line: int
) -> tuple[FrontMatter, list[tuple[int, str, int]]]:
    front = FrontMatter(data={}, start_line=first_line - 1)
    duplicates: list[tuple[int, str, int]] = []
    try:
        loader = loader_class(yaml_text)  # control characters are refused here already
    except yaml.YAMLError as error:
        raise _yaml_problem(error, yaml_text, first_line) from None
    try:
        node = loader.get_single_node()
        if node is None:
            raise ReadProblem(
                first_line, "front matter", "expected key: value pairs, found nothing"
            )
        if not isinstance(node, yaml.MappingNode):
            found = "a list" if isinstance(node, yaml.SequenceNode) else f'"{node.value}"'
            raise ReadProblem(
                first_line, "front matter", f"expected key: value pairs, found {found}"
            )
        _index(node, (), front, first_line, duplicates, set())
        data = loader.construct_document(node)
    except yaml.YAMLError as error:
        raise _yaml_problem(error, yaml_text, first_line) from None
    finally:
        loader.dispose()
    front.data = {str(key): value for key, value in data.items()}
    return front, duplicates


KEY_AT_LINE_START = re.compile(r"^\s*([A-Za-z_][\w-]*)\s*:")


def _yaml_problem(error: yaml.YAMLError, yaml_text: str, first_line: int) -> ReadProblem:
    """The parser's complaint as file line, key (when the line names one) and message."""
    index = key_index = 0
    if isinstance(error, yaml.MarkedYAMLError):
        mark = error.problem_mark or error.context_mark
        index = mark.line if mark else 0
        # "while parsing a flow sequence" marks where the faulty value began
        key_index = error.context_mark.line if error.context_mark else index
        problem = (error.problem or error.context or "invalid YAML").strip()
        found = problem.removeprefix("found ")
    elif isinstance(error, yaml.reader.ReaderError):
        index = key_index = yaml_text.count("\n", 0, error.position)
        character = error.character if isinstance(error.character, str) else chr(error.character)
        found = f"the control character U+{ord(character):04X}"
    else:
        found = str(error)
    rows = yaml_text.split("\n")
    key_match = KEY_AT_LINE_START.match(rows[key_index]) if key_index < len(rows) else None
    key = key_match.group(1) if key_match else "front matter"
    message = f"expected valid YAML, found {found}"
    if "mapping values are not allowed" in found and key_match:
        message += f'; put the value in quotes: {key}: "…"'
    return ReadProblem(first_line + index, key, message)


def _index(
    node: yaml.Node,
    path: Path,
    front: FrontMatter,
    first_line: int,
    duplicates: list[tuple[int, str, int]],
    seen: set[int],
) -> None:
    """Record the line and written text of every key and item below ``node``.

    Anchors and aliases (``&a`` … ``*a``) are refused: editors do not need them,
    and nested aliases can make a few lines expand to gigabytes.
    """
    if id(node) in seen:
        key = str(path[0]) if path else "front matter"
        line = front.line(*path[:1])  # an alias's own mark points at its anchor
        raise ReadProblem(line, key, "expected plain values, found a YAML alias (*name)")
    seen.add(id(node))
    if isinstance(node, yaml.ScalarNode):
        _refuse_controls(node, path, first_line)
        front.texts[path] = node.value
    elif isinstance(node, yaml.SequenceNode):
        for position, item in enumerate(node.value):
            front.lines[(*path, position)] = first_line + item.start_mark.line
            _index(item, (*path, position), front, first_line, duplicates, seen)
    elif isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            _refuse_controls(key_node, path, first_line)
            key = str(key_node.value)
            line = first_line + key_node.start_mark.line
            if (*path, key) in front.lines and not path:
                duplicates.append((line, key, front.lines[(key,)]))
            front.lines[(*path, key)] = line
            _index(value_node, (*path, key), front, first_line, duplicates, seen)


def _refuse_controls(node: yaml.Node, path: Path, first_line: int) -> None:
    found = ESCAPED_CONTROLS.search(str(node.value)) if isinstance(node.value, str) else None
    if found:
        key = str(path[0]) if path else "front matter"
        raise ReadProblem(
            first_line + node.start_mark.line,
            key,
            f"expected text, found the control character U+{ord(found.group()):04X}",
        )
