"""Read a chat export into text: UTF-8 (with or without BOM), GBK/GB18030, or UTF-16.

Encodings are tried the way the content reader tries them (``hub.frontmatter``),
so an export that would read as content reads here too; only a file's problems
are worded for the import command.
"""

from __future__ import annotations

import codecs
from pathlib import Path

from qunzhi.hub.errors import UsageError
from qunzhi.hub.frontmatter import ReadProblem, decode

UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
SNIFF = 8192  # NUL bytes in the first 8 KiB: an image, archive or database, not text


def problem(path: str, message: str) -> UsageError:
    """The one-line error of a file the import cannot use (exit status 2)."""
    return UsageError(f"import: {path}: {message}")


def read_text(path: str, encoding: str | None = None) -> tuple[str, str]:
    """The file's text with ``\\n`` line ends, and the encoding it was read in."""
    text, found = _decode(path, _read_bytes(path), encoding)
    if not text.strip():  # no bytes, blank lines, or a byte order mark alone
        raise problem(path, "expected a chat log, found an empty file")
    return text, found


def _decode(path: str, raw: bytes, encoding: str | None) -> tuple[str, str]:
    if raw.startswith(UTF16_BOMS) and encoding is None:
        encoding = "utf-16"
    if b"\x00" in raw[:SNIFF] and encoding is None:
        raise problem(path, "expected a text file, found binary data (NUL bytes)")
    if encoding is not None:
        return _decode_as(path, raw, encoding), codecs.lookup(encoding).name
    try:
        return decode(raw)
    except ReadProblem as error:
        if "binary" in error.message:
            raise problem(
                path, f"expected a text file, found binary data (line {error.line})"
            ) from None
        position = _first_bad_byte(raw)
        raise problem(
            path,
            "expected UTF-8 or GBK/GB18030 text, found bytes that are neither "
            f"(first at byte {position}); pass --encoding if you know the encoding",
        ) from None


def _read_bytes(path: str) -> bytes:
    file = Path(path)
    if not file.exists():
        raise problem(path, "expected a chat log file, found nothing at this path")
    if not file.is_file():
        raise problem(path, "expected a chat log file, found a folder")
    try:
        return file.read_bytes()
    except OSError as error:
        raise problem(
            path, f"expected a readable file, found one that cannot be read ({error.strerror})"
        ) from None


def _decode_as(path: str, raw: bytes, encoding: str) -> str:
    try:
        codecs.lookup(encoding)
    except LookupError:
        raise UsageError(
            f"import: --encoding: expected an encoding such as utf-8, gbk or gb18030, "
            f"found {encoding!r}"
        ) from None
    try:
        text = raw.decode(encoding)
    except UnicodeDecodeError as error:
        raise problem(
            path,
            f"expected text in {encoding} (--encoding), found bytes that are not "
            f"(first at byte {error.start})",
        ) from None
    text = text.removeprefix("\ufeff")
    if "\x00" in text:
        raise problem(path, "expected a text file, found binary data (NUL characters)")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _first_bad_byte(raw: bytes) -> int:
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError as error:
        return error.start
    return 0
