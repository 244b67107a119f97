"""Which format an export is in, from its first lines: QQ, WeChat, or pasted text."""

from __future__ import annotations

from collections.abc import Iterable

from . import plain, qq, wechat

SAMPLE = 4000  # lines: a header appears within the first few dozen of any export


def detect(lines: list[str], names: Iterable[str]) -> str | None:
    """``qq``, ``wechat`` or ``plain``, or None when nothing looks like a message."""
    sample = lines[:SAMPLE]
    qq_headers, wechat_headers = qq.count_headers(sample), wechat.count_headers(sample)
    if qq_headers and qq_headers >= wechat_headers:
        return "qq"
    if wechat_headers:
        return "wechat"
    if plain.count_turns(sample, names):
        return "plain"
    return None


def fits(lines: list[str], chosen: str, names: Iterable[str]) -> bool:
    """Whether a file has at least one message in the format forced with --format."""
    if chosen == "qq":
        return qq.count_headers(lines) > 0
    if chosen == "wechat":
        return wechat.count_headers(lines) > 0
    return plain.count_turns(lines, names) > 0
