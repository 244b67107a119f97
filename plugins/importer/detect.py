"""Which format an export is in: JSON exports by their keys, text exports by their lines."""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from . import memotrace, memotrace_html, mht, plain, qq, wechat, whatsapp

SAMPLE = 4000  # lines: a header appears within the first few dozen of any export
HEAD = 256 * 1024  # bytes of a JSON export where its keys show (avatars may come first)
JSON_SIGNS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("chatlab", ('"chatlab"',)),
    ("qce", ('"chatInfo"', "QQChatExporter")),
    ("qce", ('"chatInfo"', '"metadata"')),
    ("echotrace", ('"weflow"',)),
    ("echotrace", ('"session"', '"senderUsername"')),
    ("echotrace", ('"session"', '"senderDisplayName"')),
    ("discord", ('"guild"', '"channel"')),
    ("telegram", ('"messages"', '"date_unixtime"')),
    ("telegram", ('"messages"', '"from_id"')),
)
JSONL_HEADER = re.compile(r'^\s*\{.*"_type"\s*:\s*"header"')


def sniff(path: str) -> str | None:
    """The format a file's first bytes show (JSON, JSONL, CSV, .mht), or None for text."""
    try:
        with Path(path).open("rb") as file:
            head = file.read(HEAD)
    except OSError:
        return None  # the reader names the problem
    text = head.removeprefix(b"\xef\xbb\xbf").decode("utf-8", "ignore")
    first_line = text.lstrip().split("\n", 1)[0]
    records = [line for line in text.split("\n")[:50] if line.strip() and line[:1] != "#"]
    if records and JSONL_HEADER.match(records[0]):
        return "chatlab-jsonl"
    if re.match(r'\{\s*(?:"|\})', text.lstrip()):
        for found, signs in JSON_SIGNS:
            if all(sign in text for sign in signs):
                return found
        return "json"
    page = memotrace_html.looks_like(head)
    if page and memotrace_html.START.search(text):
        return "memotrace-html"
    if memotrace.looks_like(first_line) or path.casefold().endswith(".csv"):
        return "memotrace"
    if mht.looks_like(head):
        return "qq-mht"
    if page:
        return "memotrace-html"  # a page without the messages: its parser says so
    return None


def detect(lines: list[str], names: Iterable[str]) -> str | None:
    """``qq``, ``wechat``, ``whatsapp`` or ``plain``, or None when nothing looks like a message."""
    sample = lines[:SAMPLE]
    qq_headers, wechat_headers = qq.count_headers(sample), wechat.count_headers(sample)
    whatsapp_headers = whatsapp.count_headers(sample)
    if whatsapp_headers and whatsapp_headers >= max(qq_headers, wechat_headers):
        return "whatsapp"
    if qq_headers and qq_headers >= wechat_headers:
        return "qq"
    if wechat_headers:
        return "wechat"
    if plain.count_turns(sample, names):
        return "plain"
    return None


def fits(lines: list[str], chosen: str, names: Iterable[str]) -> bool:
    """Whether a file has at least one message in the text format forced with --format."""
    if chosen == "qq":
        return qq.count_headers(lines) > 0
    if chosen == "wechat":
        return wechat.count_headers(lines) > 0
    if chosen == "whatsapp":
        return whatsapp.count_headers(lines) > 0
    return plain.count_turns(lines, names) > 0
