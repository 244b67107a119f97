"""Mask contact details written in messages: mobile numbers, e-mail, QQ numbers, WeChat ids.

Each is replaced by a visible mask (``〔手机号已隐藏〕``) and counted by kind.
Numbers need a label (``QQ：``, ``微信号：``) or a mobile's exact shape (11
digits from 13x-19x, maybe +86, spaces or dashes, no digit either side), so
dates, times, prices and years are left alone. QQ numbers and e-mail addresses
of the export's own headers are masked wherever they appear in the text, except
a number that is an amount of money (``¥10001``, ``10001.5 元``).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

KINDS = {
    "mobile": "手机号",
    "e-mail": "邮箱",
    "QQ": "QQ号",
    "WeChat": "微信号",
}
EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
WXID = re.compile(r"(?<![A-Za-z0-9_])wxid_[A-Za-z0-9_-]{4,}")
LABEL_GAP = r"\s*(?:号码?|账号)?\s*(?:[:：是为=]|\s)\s*"
WECHAT_WORD = r"(?:微信号?|[Vv][Xx]|[Ww][Xx]|[Vv]信|weixin|WeChat|wechat)"
WECHAT = re.compile(
    r"(?P<label>(?<![A-Za-z])"
    + WECHAT_WORD
    + LABEL_GAP
    + r")(?P<id>[A-Za-z][-_A-Za-z0-9]{5,19})(?![-_A-Za-z0-9])"
)
# "QQ/微信：…", "QQ（微信同号）：…": one number for both
ALSO_WECHAT = (
    rf"(?:\s*(?:[/／、&]|和|或)\s*{WECHAT_WORD}(?:同号|都|也)?|\s*[（(]{WECHAT_WORD}?同号[）)])?"
)
QQ = re.compile(
    r"(?P<label>(?<![A-Za-z])(?:[Qq]{2}|扣扣|企鹅号?)"
    + ALSO_WECHAT
    + LABEL_GAP
    + r")(?P<id>[1-9]\d{4,10})(?!\d)"
)
# a bare number that is a known QQ number is still kept when it is an amount of money:
# a currency sign before it, or a decimal part or a unit after it
NOT_PRICE_BEFORE = r"(?<![¥￥$€£])(?<![¥￥$€£]\s)"
NOT_PRICE_AFTER = r"(?![.,]\d|\s*(?:[元块圆刀%％]|美元|[万千百]元))"
MOBILE = re.compile(r"(?<![\d+])(?:(?:\+|00)?86[-\s]?)?1[3-9]\d(?:[-\s]?\d{4}){2}(?!\d)")


class Redactor:
    """Masks contacts in text and counts them; ``known`` are the export's own ids."""

    def __init__(self, known: Iterable[str] = ()) -> None:
        self.counts: Counter[str] = Counter()
        ids = sorted({item for item in known if item}, key=len, reverse=True)
        self._known = (
            re.compile(
                NOT_PRICE_BEFORE
                + r"(?<![\w@.,])(?:"
                + "|".join(map(re.escape, ids))
                + r")(?![\w@])"
                + NOT_PRICE_AFTER
            )
            if ids
            else None
        )

    def redact(self, text: str) -> str:
        if self._known is not None:
            text = self._known.sub(self._mask_known, text)
        if "@" in text:
            text = EMAIL.sub(lambda _: self._mask("e-mail"), text)
        if "wxid_" in text:
            text = WXID.sub(lambda _: self._mask("WeChat"), text)
        text = WECHAT.sub(lambda m: m["label"] + self._mask("WeChat"), text)
        text = QQ.sub(lambda m: m["label"] + self._mask("QQ"), text)
        return MOBILE.sub(lambda _: self._mask("mobile"), text)

    def _mask_known(self, match: re.Match[str]) -> str:
        return self._mask("e-mail" if "@" in match.group() else "QQ")

    def _mask(self, kind: str) -> str:
        self.counts[kind] += 1
        return f"〔{KINDS[kind]}已隐藏〕"
