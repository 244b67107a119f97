"""Open an export in its format, detected or forced, as a stream of messages.

JSON exports and MemoTrace's HTML pages are streamed (``jsonstream``,
``memotrace_html``); text exports (QQ .txt, WeChat
text, WhatsApp, pasted text), CSV and .mht files are read whole, as they are
a fraction of the size for the same chat.
"""

from __future__ import annotations

from datetime import tzinfo
from pathlib import Path
from typing import TYPE_CHECKING

from qunzhi.hub.errors import UsageError
from qunzhi.hub.progress import Progress

from . import (
    chatlab,
    detect,
    discord,
    echotrace,
    memotrace,
    memotrace_html,
    mht,
    plain,
    qce,
    qq,
    telegram,
    wechat,
    whatsapp,
)
from .jsonstream import Reader
from .messages import FORMAT_LABELS, TEXT_FORMATS, Parsed
from .source import problem, read_text

if TYPE_CHECKING:
    from .job import Options

EXAMPLES = {
    "qq": 'lines like "2016-01-01 20:31:05 昵称(12345678)"',
    "wechat": 'lines like "昵称 2016/1/1 20:31" or "2016-01-01 20:31:05 昵称"',
    "whatsapp": 'lines like "2016/1/1 20:31 - 昵称: 文本" or "[2016/1/1 20:31:05] 昵称: 文本"',
    "plain": "lines starting with a known speaker and a colon (NAME：); "
    "name the speakers with --speakers A,B",
}
JSON_PARSERS = {
    "qce": qce.parse,
    "echotrace": echotrace.parse,
    "chatlab": chatlab.parse,
    "telegram": telegram.parse,
    "discord": discord.parse,
}
SNIFFED_JSON = (
    "expected a chat export in JSON from a tool qunzhi reads (qq-chat-exporter, "
    "EchoTrace/WeFlow, ChatLab, Telegram, DiscordChatExporter), found JSON of another shape; "
    "pass --format if you know which it is"
)


def read(options: Options, names: list[str], zone: tzinfo) -> tuple[Parsed, str]:
    """The export's messages (a stream for JSON) and the encoding it was read in."""
    sniffed = detect.sniff(options.path)
    chosen = options.format if options.format != "auto" else sniffed
    if chosen == "json":
        raise problem(options.path, SNIFFED_JSON)
    if options.date and chosen not in (None, "plain"):
        _no_date(options, chosen)
    if chosen in JSON_PARSERS or chosen == "chatlab-jsonl":
        _exists(options.path)
        if sniffed not in (chosen, "json") and options.format != "auto":
            raise problem(
                options.path,
                f"expected a {FORMAT_LABELS[chosen]} (--format {chosen}), found "
                f"{FORMAT_LABELS.get(sniffed or '', 'text')}",
            )
        return _json(options.path, chosen, zone), "utf-8"
    if chosen == "memotrace-html":
        _exists(options.path)
        if sniffed != chosen:
            raise problem(
                options.path,
                f"expected a {FORMAT_LABELS[chosen]} (--format {chosen}), found "
                f"{FORMAT_LABELS.get(sniffed or '', 'text')}",
            )
        return memotrace_html.parse(options.path, zone), "utf-8"
    if chosen == "qq-mht":
        _exists(options.path)
        return mht.parse(Path(options.path).read_bytes()), "mime"
    text, encoding = read_text(options.path, options.encoding)
    if chosen == "memotrace":
        return memotrace.parse(options.path, text, zone), encoding
    return _text(options, text.split("\n"), names), encoding


def _json(path: str, chosen: str, zone: tzinfo) -> Parsed:
    progress = Progress("群志：导入", Path(path).stat().st_size)
    if chosen == "chatlab-jsonl":
        return chatlab.parse_lines(path, zone)
    parsed = JSON_PARSERS[chosen](Reader(path, progress.step), zone)
    parsed.base = str(Path(path).parent)
    parsed.progress = progress
    return parsed


def _text(options: Options, lines: list[str], names: list[str]) -> Parsed:
    found = detect.detect(lines, names) if options.format == "auto" else options.format
    if found is None:
        raise problem(
            options.path,
            "expected chat messages (a QQ export, WeChat chat text, or lines starting "
            "with a known speaker and a colon), found none; name the speakers with --speakers A,B",
        )
    if found not in TEXT_FORMATS:
        raise problem(
            options.path, f"expected a {FORMAT_LABELS[found]} (--format {found}), found text"
        )
    if options.format != "auto" and not detect.fits(lines, found, names):
        raise problem(
            options.path,
            f"expected a {FORMAT_LABELS[found]} (--format {found}) with {EXAMPLES[found]}, "
            "found none",
        )
    if options.date and found != "plain":
        _no_date(options, found)
    parsed = {"qq": qq.parse, "wechat": wechat.parse, "whatsapp": whatsapp.parse}.get(found)
    return parsed(lines) if parsed else plain.parse(lines, names)


def _no_date(options: Options, found: str) -> None:
    raise UsageError(
        f"import: --date: expected only for pasted text, which has no dates; "
        f"{options.path} is a {FORMAT_LABELS[found]} with its own"
    )


def _exists(path: str) -> None:
    file = Path(path)
    if not file.is_file():
        read_text(path)  # its one-line error: nothing there, or a folder
