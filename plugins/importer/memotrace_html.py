"""MemoTrace (留痕, once WeChatMsg) HTML export: the messages are a JavaScript array in the page.

WeChatMsg's HTML exporter (``app/util/exporter/exporter_html.py`` of LC044/WeChatMsg)
writes its page template (``app/resources/data/template.html``) in two halves around
the array ``const chatMessages = [`` … ``];`` and one object literal per message
between them: ``{ type:1, text: '…', is_send:0, avatar_path:'…', timestamp:1452429000,
is_chatroom:1, displayname:'老王'},`` with unquoted keys and single-quoted strings
with backslash escapes; text is HTML-escaped, and WeChat's emoji are ``<img …
id="微笑" class="emoji_img">``. Types: 0 system, 1 text, 3 picture or sticker, 34
voice (``voice_to_text``), 43 video, 50 call, 49 with ``sub_type`` 57 reply
(``refer_text`` is ``名字：原话``), 6 file (``file_name``), 5 card (``title``, ``url``),
3 music (``title``, ``link_url``), 2000 transfer.

The array is data, never run: a tokenizer for exactly this literal grammar reads
it object by object from a stream, so a large page takes bounded memory.
"""

from __future__ import annotations

import codecs
import html
import re
from collections.abc import Iterator
from datetime import tzinfo
from pathlib import Path
from typing import IO, Any

from qunzhi.hub.progress import Progress

from .cleaning import system_kind
from .jsonstream import moment
from .messages import Link, Media, Message, Parsed, Reply
from .source import problem

START = re.compile(r"\b(?:const|let|var)\s+chatMessages\s*=\s*\[")
TITLE = re.compile(r"<title>(.*?)</title>", re.DOTALL | re.IGNORECASE)
PAGE = re.compile(rb"^\s*(?:<!doctype\s+html|<html)", re.IGNORECASE)
STRING = r"'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\""
VALUE = rf"{STRING}|-?[0-9]+(?:\.[0-9]+)?(?:[eE][-+]?[0-9]+)?|true|false|null|None|undefined"
# one way only to match each blank: a failing object is given up in linear time (blanks that
# two patterns could share would be tried in every split, exponentially)
FIELD = re.compile(rf"(?P<key>[A-Za-z_$][\w$]*)\s*:\s*(?P<value>{VALUE})\s*(?:,\s*)?", re.DOTALL)
OBJECT = re.compile(rf"\{{\s*(?:{FIELD.pattern})*\}}", re.DOTALL)
BETWEEN = re.compile(r"[\s,]*")
ESCAPE = re.compile(r"\\(u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|.)", re.DOTALL)
ESCAPES = {"n": "\n", "r": "\r", "t": "\t", "b": "\b", "f": "\f", "v": "\v", "0": "\0"}
EMOJI = re.compile(r'<img\b[^<>]*?\bid="([^"<>]{1,12})"[^<>]*?class="emoji_img"[^<>]*>')
CHUNK = 1024 * 1024  # characters read at a time
LONGEST = 16 * 1024 * 1024  # characters of one message: more is not an export's
MEDIA_TYPES = {43: "视频", 50: "通话"}
NOT_SHOWN = frozenset({"", "None", "null", "undefined"})  # what the exporter writes for nothing
SYSTEM_SUB_TYPES = {2000: "red packet"}  # a transfer, counted with red packets


def looks_like(head: bytes) -> bool:
    """An HTML page (``START`` not in its head: the parser says what it lacks)."""
    return PAGE.match(head.removeprefix(b"\xef\xbb\xbf")) is not None


def parse(path: str, zone: tzinfo) -> Parsed:
    progress = Progress("群志：导入", Path(path).stat().st_size)
    reader = Literals(path, progress.step)
    parsed = Parsed("memotrace-html", chat=reader.title, base=str(Path(path).parent))
    parsed.progress = progress
    parsed.messages = _messages(reader, parsed, zone)
    return parsed


def _messages(reader: Literals, parsed: Parsed, zone: tzinfo) -> Iterator[Message]:
    for number, item in enumerate(reader.items(), 1):
        at = moment(item.get("timestamp"), zone)
        if at is None:
            parsed.dropped["without a time"] += 1
            continue
        message = Message(_text(item.get("displayname")), number, at=at)
        _fill(message, item)
        yield message


def _fill(message: Message, item: dict[str, Any]) -> None:
    kind, sub = _number(item.get("type")), _number(item.get("sub_type"))
    text = _text(item.get("text"))
    if kind == 0 or (kind == 49 and sub in SYSTEM_SUB_TYPES):
        message.system = SYSTEM_SUB_TYPES.get(sub) or system_kind(text) or "other system line"
    elif kind == 3:
        message.parts.append(_picture(text))
    elif kind == 34:
        said = _text(item.get("voice_to_text"))
        message.parts.append(Media("语音", "" if said in NOT_SHOWN else said))
    elif kind in MEDIA_TYPES:
        message.parts.append(Media(MEDIA_TYPES[kind], text if kind == 50 else ""))
    elif kind == 49 and sub == 57:
        name, colon, said = _text(item.get("refer_text")).partition("：")
        if colon:
            message.parts.append(Reply(name.strip(), said.strip()))
        message.lines = text.split("\n") if text else []
    elif kind == 49 and sub == 6:
        message.parts.append(Media("文件", _text(item.get("file_name"))))
    elif kind == 49 and sub in (3, 5):
        title, url = _text(item.get("title")), _text(item.get("url") or item.get("link_url"))
        message.parts.append(Link(title, url) if url else Media("链接", title))
    else:
        message.lines = text.split("\n") if text else []


def _picture(text: str) -> Media:
    """A picture's file beside the page (``./image/…``); a sticker or lost picture is a URL."""
    if text.startswith(("http://", "https://")):
        return Media("图片" if "404" in text else "表情")
    return Media("图片", path=text if text and ":" not in text else None)


def _number(value: Any) -> int:
    return value if isinstance(value, int) and not isinstance(value, bool) else -1


def _text(value: Any) -> str:
    """A string of the page as typed: emoji images back to ``[微笑]``, HTML entities decoded."""
    text = "" if value is None else value if isinstance(value, str) else str(value)
    return "" if text in NOT_SHOWN else html.unescape(EMOJI.sub(r"[\1]", text)).strip()


class Literals:
    """The page's ``chatMessages`` array, read as object literals from a stream of text."""

    def __init__(self, path: str, progress: Any = None) -> None:
        self.path = path
        self.progress = progress
        self._file: IO[bytes] | None = None
        self._decoder = codecs.getincrementaldecoder("utf-8")()
        self._buffer = ""
        self._position = 0  # in the buffer
        self._dropped_bytes = 0  # bytes of the file before the buffer
        self._read = 0
        self._end = False
        self.title = self._head()

    def _head(self) -> str | None:
        """Read up to the array's opening bracket; the page's ``<title>`` (the chat's name)."""
        try:
            self._file = Path(self.path).open("rb")  # noqa: SIM115 (closed by items())
        except OSError as error:
            raise problem(self.path, f"expected a readable file ({error.strerror})") from None
        while (found := START.search(self._buffer)) is None:
            if self._end:
                self._file.close()
                raise problem(
                    self.path,
                    "expected a MemoTrace (留痕) HTML export with its messages in "
                    "'const chatMessages = [', found a page without them; export the chat "
                    "again as HTML, or as CSV",
                )
            self._more()
        title = TITLE.search(self._buffer, 0, found.start())
        self._position = found.end()
        return (html.unescape(title[1]).strip() or None) if title else None

    def items(self) -> Iterator[dict[str, Any]]:
        assert self._file is not None
        with self._file:
            number = 0
            while True:
                self._skip()
                if self._buffer.startswith("]", self._position):
                    return
                match = OBJECT.match(self._buffer, self._position)
                while match is None or (match.end() == len(self._buffer) and not self._end):
                    if match is None and (
                        self._end or len(self._buffer) - self._position > LONGEST
                    ):
                        raise self._broken(number + 1)
                    self._more()
                    match = OBJECT.match(self._buffer, self._position)
                number += 1
                yield self._object(match.group())
                self._position = match.end()
                if self.progress and number % 2000 == 0:
                    self.progress(self._read)

    def _object(self, text: str) -> dict[str, Any]:
        found: dict[str, Any] = {}
        for field in FIELD.finditer(text, 1, len(text) - 1):
            found[field["key"]] = _value(field["value"])
        return found

    def _skip(self) -> None:
        """Past commas and blanks, reading on while only those are left."""
        while True:
            self._position = BETWEEN.match(self._buffer, self._position).end()  # type: ignore[union-attr]
            if self._position < len(self._buffer) or self._end:
                return
            self._more()

    def _more(self) -> None:
        assert self._file is not None
        kept = self._buffer[self._position :]
        self._dropped_bytes += len(self._buffer[: self._position].encode("utf-8"))
        try:
            data = self._file.read(CHUNK)
            self._read += len(data)
            text = self._decoder.decode(data, final=not data)
        except UnicodeDecodeError as error:
            byte = self._read - len(data) + error.start
            raise problem(
                self.path, f"expected UTF-8 text, found other bytes (near byte {byte})"
            ) from None
        self._end = not data
        self._buffer, self._position = kept + text, 0

    def _broken(self, number: int) -> Exception:
        byte = self._dropped_bytes + len(self._buffer[: self._position].encode("utf-8"))
        where = f"message {number} (byte {byte})"
        rest = self._buffer[self._position :]
        if self._end and "}" not in rest and "]" not in rest:
            found = "the end of the file in the middle (truncated?)"
        else:
            found = repr(rest[:30])
        return problem(
            self.path, f"{where}: expected a message like {{ type:1, text: '…' }}, found {found}"
        )


def _value(token: str) -> Any:
    if token[0] in "'\"":
        return ESCAPE.sub(_unescape, token[1:-1])
    if token in ("true", "false"):
        return token == "true"
    if token in ("null", "None", "undefined"):
        return None
    return float(token) if any(ch in token for ch in ".eE") else int(token)


def _unescape(match: re.Match[str]) -> str:
    code = match[1]
    if len(code) > 1:
        return chr(int(code[1:], 16))
    return ESCAPES.get(code, code)
