"""Mask personal numbers and addresses written in messages, keeping the words around them.

Each find is replaced by a visible mask (``〔手机号已隐藏〕``) and counted by kind.
The text is first folded one character for one (full-width ``１３８`` and
``＠．`` to ASCII), so every writing matches the same patterns and every span
found in the folded text is the same span in the original. Boundaries are
digits and ASCII letters only, never ``\\w``: Chinese text touching a number
(``加我20002``, ``发到xm@example.com``) is a boundary, and the words stay.

Numbers need a label (``QQ：``, ``微信号：``) or a shape of their own: a mobile
(11 digits from 13x-19x, maybe +86/0086, dots, spaces or dashes), a landline
with its area code, an 18-digit ID card whose check digit is right, a bank card
whose Luhn sum is right. Dates, times, prices, years and short order numbers
have none of these. A URL stays a working URL: only the values of token-like
query parameters are replaced. QQ numbers and e-mail addresses of the export's
own senders are masked wherever they appear, except as amounts of money.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from urllib.parse import parse_qsl

KINDS = {
    "mobile": "手机号",
    "phone": "电话",
    "e-mail": "邮箱",
    "QQ": "QQ号",
    "WeChat": "微信号",
    "ID card": "身份证号",
    "bank card": "银行卡号",
    "URL token": "链接令牌",
}
URL_MASK = "REDACTED"  # stays a valid query value, so the link still opens

# full-width ASCII (U+FF01-FF5E) and the ideographic space, one character each; not the
# full-width comma, a Chinese sentence's comma that never stands inside a number
FOLD = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F) if code != 0xFF0C} | {0x3000: 0x20}

DIGIT_BEFORE = r"(?<![0-9])"
DIGIT_AFTER = r"(?![0-9])"
SEP = r"[-\s.]?"
MOBILE = re.compile(
    DIGIT_BEFORE
    + r"(?<!\+)(?:(?:\+|00)86[-\s.]?|\(\+?86\)\s?)?1[3-9][0-9](?:"
    + SEP
    + r"[0-9]{4}){2}"
    + DIGIT_AFTER
)
LANDLINE = re.compile(
    DIGIT_BEFORE
    + r"(?:(?:\+|00)86[-\s]?0?[1-9][0-9]{1,2}[-\s]?|\(0[1-9][0-9]{1,2}\)\s?|0[1-9][0-9]{1,2}[-\s])"
    r"[2-9][0-9]{2,3}[-\s]?[0-9]{4}" + DIGIT_AFTER
)
# a number abroad: "+1 416 555 0199", "+44 20 7946 0958" (China's +86 is a mobile or landline)
ABROAD = re.compile(
    DIGIT_BEFORE
    + r"\+(?!86)[1-9][0-9]{0,2}(?:[-\s.]?\(?[0-9]{1,4}\)?){2,4}[-\s.]?[0-9]{3,4}"
    + DIGIT_AFTER
)
PHONE_LABEL = re.compile(
    r"(?P<label>(?:电话|座机|固话|[Tt]el|TEL)\s*(?:号码?)?\s*[:：是为]?\s*)(?P<id>[2-9][0-9]{6,7})"
    + DIGIT_AFTER
)
CJK = "\u3400-\u9fff\uf900-\ufaff"
CJK_TLD = "中国|中國|公司|网络|網絡|香港|台湾|台灣|澳门|澳門|新加坡|在线|集团|商城|网店|中文网"
DOMAIN = rf"(?:[A-Za-z0-9-]+|xn--[A-Za-z0-9-]+|[{CJK}]{{1,12}})"
EMAIL = re.compile(
    rf"(?P<local>(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]+|[{CJK}]{{1,8}})@"
    rf"(?:{DOMAIN}\.)+(?:[A-Za-z]{{2,}}(?![A-Za-z0-9-])|xn--[A-Za-z0-9-]{{2,}}|(?:{CJK_TLD}))"
)
# words that lead into a Chinese local part and are not part of it
EMAIL_LEAD = re.compile(
    r"^(?:(?:请|可以|麻烦)?(?:发|寄|写信|投稿|联系)(?:邮件)?(?:到|给|至)?|邮箱(?:是|为)?|是|到|给)"
)
WXID = re.compile(r"(?<![A-Za-z0-9_])wxid_[A-Za-z0-9_-]{4,}")
LABEL_GAP = r"\s*(?:号码?|账号|帳號)?\s*(?:[:：是为=]|\s)\s*"
WECHAT_WORD = (
    r"(?:(?:微|威|薇|徽|维|卫)信号?|[Vv]信号?|[Vv][Xx]|[Ww][Xx]|weixin|WeiXin|[Ww]e[Cc]hat)"
)
WECHAT = re.compile(
    r"(?P<label>(?<![A-Za-z])(?:"
    + WECHAT_WORD
    + LABEL_GAP
    + r"|(?:[微威薇徽维卫Vv]信号|[Vv][Xx]号)\s*[:：是为]?\s*"
    + r"|(?:(?<=加)|(?<=加我))[Vv]\s*[:：]?\s*|(?<![A-Za-z0-9])[Vv]\s*[:：]\s*))"
    r"(?P<id>[A-Za-z][-_A-Za-z0-9]{5,19})(?![-_A-Za-z0-9])"
)
# "QQ/微信：…", "QQ（微信同号）：…": one number for both
ALSO_WECHAT = (
    rf"(?:\s*(?:[/、&]|和|或)\s*{WECHAT_WORD}(?:同号|都|也)?|\s*[(（]{WECHAT_WORD}?同号[)）])?"
)
QQ = re.compile(
    r"(?P<label>(?:(?<![A-Za-z])(?:[Qq]{2}|[Qq](?=号))|扣扣|企鹅号?)"
    + ALSO_WECHAT
    + f"(?:{LABEL_GAP})?"
    + r"|(?:加我|加好友|我的号|我的账号)(?:是|为)?\s*[:：]?\s*)(?P<id>[1-9][0-9]{4,10})"
    + DIGIT_AFTER
)
ID_CARD = re.compile(
    DIGIT_BEFORE
    + r"[1-9][0-9]{5}[-\s]?(?:18|19|20)[0-9]{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12][0-9]|3[01])"
    r"[-\s]?[0-9]{3}[0-9Xx]" + r"(?![0-9A-Za-z])"
)
BANK_CARD = re.compile(
    DIGIT_BEFORE
    + r"(?:[0-9]{4}(?:[-\s][0-9]{4}){3}(?:[-\s]?[0-9]{1,3})?|[0-9]{16,19})"
    + DIGIT_AFTER
)
# ASCII only: Chinese text or punctuation right after a link ends it
URL = re.compile(r"https?://[A-Za-z0-9\-._~:/?#@!$&'*+,;=%]+(?<![.,;:!?'])", re.IGNORECASE)
SECRET_PARAMS = frozenset(
    [
        "token",
        "access_token",
        "refresh_token",
        "auth",
        "authorization",
        "key",
        "apikey",
        "api_key",
        "secret",
        "sig",
        "signature",
        "sign",
        "code",
        "ticket",
        "session",
        "sessionid",
        "sid",
        "password",
        "pwd",
        "passwd",
        "pass",
        "skey",
        "p_skey",
        "uin",
        "qq",
        "phone",
        "mobile",
        "tel",
        "email",
        "mail",
        "openid",
        "unionid",
        "uid",
        "userid",
        "user_id",
        "wxid",
    ]
)
LONG_VALUE = re.compile(r"^(?=.*[0-9])(?=.*[A-Za-z])[A-Za-z0-9_\-.~%]{20,}$")
# a bare number that is a known QQ number is still kept when it is an amount of money:
# a currency sign before it, or a decimal part or a unit after it
NOT_PRICE_BEFORE = r"(?<![¥￥$€£])(?<![¥￥$€£]\s)"
NOT_PRICE_AFTER = r"(?![.,][0-9]|\s*(?:[元块圆刀%]|美元|[万千百]元))"
KNOWN_NUMBER = re.compile(
    NOT_PRICE_BEFORE + r"(?<![A-Za-z0-9_@.,+-])[0-9]+(?![A-Za-z0-9_@])" + NOT_PRICE_AFTER
)
ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
ID_CHECK = "10X98765432"


def fold(text: str) -> str:
    """``text`` with full-width ASCII as ASCII, the same length, so spans carry over."""
    return text.translate(FOLD)


def digits(text: str) -> str:
    return "".join(ch for ch in text if ch.isdigit() or ch in "Xx").upper()


def id_card_valid(text: str) -> bool:
    """An 18-digit resident ID number whose last character is its ISO 7064 check."""
    number = digits(text)
    if len(number) != 18 or not number[:17].isdigit():
        return False
    total = sum(int(digit) * weight for digit, weight in zip(number, ID_WEIGHTS, strict=False))
    return ID_CHECK[total % 11] == number[17]


def luhn_valid(text: str) -> bool:
    number = [int(ch) for ch in text if ch.isdigit()]
    if not 16 <= len(number) <= 19 or len(set(number)) == 1:
        return False
    total = 0
    for index, digit in enumerate(reversed(number)):
        if index % 2:
            digit = digit * 2 - 9 if digit > 4 else digit * 2
        total += digit
    return total % 10 == 0


Span = tuple[int, int, str]  # start, end, kind


class Redactor:
    """Masks contacts in text and counts them; ``known`` are the export's own ids."""

    def __init__(self, known: Iterable[str] = ()) -> None:
        self.counts: Counter[str] = Counter()
        ids = {fold(item) for item in known if item}
        # a QQ number is a whole run of digits: one pattern and a set lookup, however many
        # senders (an alternation of 20,000 numbers is tried at every character)
        self._numbers = {item for item in ids if item.isdigit()}
        others = sorted(ids - self._numbers, key=len, reverse=True)
        self._known = (
            re.compile(
                NOT_PRICE_BEFORE
                + r"(?<![A-Za-z0-9_@.,+-])(?:"
                + "|".join(map(re.escape, others))
                + r")(?![A-Za-z0-9_@])"
                + NOT_PRICE_AFTER
            )
            if others
            else None
        )

    def redact(self, text: str) -> str:
        folded = fold(text)
        spans, urls = self._url_spans(folded)
        for finder in (self._known_spans, _pattern_spans):
            for span in finder(folded):
                if not any(start < span[1] and span[0] < end for start, end in urls):
                    spans.append(span)
        return self._apply(text, _without_overlaps(spans))

    def _known_spans(self, folded: str) -> Iterable[Span]:
        if self._numbers:
            for match in KNOWN_NUMBER.finditer(folded):
                if match.group() in self._numbers:
                    yield match.start(), match.end(), "QQ"
        if self._known is not None:
            for match in self._known.finditer(folded):
                yield match.start(), match.end(), "e-mail" if "@" in match.group() else "QQ"

    def _url_spans(self, folded: str) -> tuple[list[Span], list[tuple[int, int]]]:
        """Masks of secret query values, and every URL's extent (no other mask enters one)."""
        spans: list[Span] = []
        urls: list[tuple[int, int]] = []
        if "://" not in folded:
            return spans, urls
        for match in URL.finditer(folded):
            urls.append((match.start(), match.end()))
            url = match.group()
            query_at = url.find("?")
            if query_at < 0:
                continue
            offset = match.start() + query_at + 1
            for part in url[query_at + 1 :].split("#")[0].split("&"):
                name, _, value = part.partition("=")
                if value and _secret(name, value):
                    start = offset + len(name) + 1
                    spans.append((start, start + len(value), "URL token"))
                offset += len(part) + 1
        return spans, urls

    def _apply(self, text: str, spans: list[Span]) -> str:
        out, at = [], 0
        for start, end, kind in spans:
            self.counts[kind] += 1
            out += [text[at:start], URL_MASK if kind == "URL token" else mask(kind)]
            at = end
        return "".join([*out, text[at:]])


def mask(kind: str) -> str:
    return f"〔{KINDS[kind]}已隐藏〕"


def _secret(name: str, value: str) -> bool:
    pairs = parse_qsl(f"{name}={value}", keep_blank_values=True)
    key = (pairs[0][0] if pairs else name).strip().casefold()
    return (
        key in SECRET_PARAMS
        or key.endswith(("token", "secret", "key"))
        or bool(LONG_VALUE.match(value))
    )


def _pattern_spans(folded: str) -> Iterable[Span]:
    """Every find of the shaped and labelled patterns, most specific kinds first."""
    has_digit = any(ch.isdigit() for ch in folded)
    if "@" in folded:
        for match in EMAIL.finditer(folded):
            local = match["local"]
            lead = EMAIL_LEAD.match(local) if not local.isascii() else None
            start = match.start() + (lead.end() if lead and lead.end() < len(local) else 0)
            yield start, match.end(), "e-mail"
    if "wxid_" in folded:
        yield from ((m.start(), m.end(), "WeChat") for m in WXID.finditer(folded))
    yield from ((m.start("id"), m.end("id"), "WeChat") for m in WECHAT.finditer(folded))
    if not has_digit:
        return
    for match in ID_CARD.finditer(folded):
        if id_card_valid(match.group()):
            yield match.start(), match.end(), "ID card"
    for match in BANK_CARD.finditer(folded):
        if luhn_valid(match.group()):
            yield match.start(), match.end(), "bank card"
    yield from ((m.start(), m.end(), "mobile") for m in MOBILE.finditer(folded))
    yield from ((m.start("id"), m.end("id"), "QQ") for m in QQ.finditer(folded))
    yield from ((m.start(), m.end(), "phone") for m in LANDLINE.finditer(folded))
    yield from ((m.start(), m.end(), "phone") for m in ABROAD.finditer(folded))
    yield from ((m.start("id"), m.end("id"), "phone") for m in PHONE_LABEL.finditer(folded))


def _without_overlaps(spans: list[Span]) -> list[Span]:
    """Spans in text order; of two that overlap, the one found first (more specific) wins."""
    chosen: list[Span] = []
    for span in spans:
        if not any(span[0] < end and start < span[1] for start, end, _ in chosen):
            chosen.append(span)
    return sorted(chosen)
