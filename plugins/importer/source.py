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
    mixed = _mixed(raw)
    if mixed is not None:
        return mixed
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


def _mixed(raw: bytes) -> tuple[str, str] | None:
    """A file whose lines are in UTF-8 and GB18030 both, decoded line by line, or None.

    Such a file is valid GB18030 as a whole (most UTF-8 byte pairs are), so read
    whole it would turn every UTF-8 line to nonsense without a word.
    """
    body = raw.removeprefix(codecs.BOM_UTF8)
    try:
        body.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        return None
    lines, utf8, other = [], 0, 0
    for line in body.split(b"\n"):
        try:
            decoded = line.decode("utf-8")
        except UnicodeDecodeError:
            decoded = None
        if decoded is not None and _looks_utf8(decoded):
            lines.append(decoded)
            utf8 += not line.isascii()
        else:
            try:
                lines.append(line.decode("gb18030"))
            except UnicodeDecodeError:
                return None  # neither: the caller's error names the byte
            other += 1
    if not utf8:
        return None
    text = "\n".join(lines).replace("\r\n", "\n").replace("\r", "\n")
    return text, f"mixed, decoded line by line: {utf8} UTF-8 lines, {other} GB18030 lines"


def _looks_utf8(text: str) -> bool:
    """Chinese in UTF-8 is mostly three-byte characters; GBK bytes read as UTF-8 are not.

    (``图片`` in GBK is valid UTF-8 too, as two Greek and Latin letters.)
    """
    wide = sum(1 for ch in text if ord(ch) >= 0x800)
    narrow = sum(1 for ch in text if 0x80 <= ord(ch) < 0x800)
    return wide >= narrow


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
