"""Rendered bodies through one allowlist: a member's pull request cannot script the site.

Every body (page, turn, quote, event, rule, member, digest note) is Markdown from
many hands, and Markdown passes raw HTML through. Its HTML goes through nh3 (the
Python binding of Ammonia, a maintained allowlist sanitiser) before it reaches a
page, a feed, a digest or a newsletter: the tags and attributes Markdown and the
theme make are kept, everything else is dropped, and links and images keep only
``http``, ``https``, ``mailto`` and relative URLs. ``HUB_TRUSTED_HTML = True``
keeps raw HTML as written (docs/security.md).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import nh3

URL_SCHEMES = frozenset({"http", "https", "mailto"})
TAGS = frozenset(
    {
        *("p", "br", "hr", "div", "span", "h1", "h2", "h3", "h4", "h5", "h6"),
        *("em", "strong", "b", "i", "u", "s", "del", "ins", "mark", "small", "sub", "sup"),
        *("code", "pre", "kbd", "samp", "var", "blockquote", "q", "cite", "abbr", "dfn"),
        *("ul", "ol", "li", "dl", "dt", "dd", "details", "summary", "time", "footer"),
        *("table", "thead", "tbody", "tfoot", "tr", "th", "td", "caption", "colgroup", "col"),
        *("a", "img", "figure", "figcaption", "picture", "source"),
        *("ruby", "rt", "rp", "wbr"),  # 注音 and line-break hints in CJK text
    }
)
IMAGE = frozenset({"src", "alt", "width", "height", "loading", "decoding", "srcset", "sizes"})
ATTRIBUTES = {
    "*": {"class", "id", "title", "lang"},
    "a": {"href", "name"},
    "img": set(IMAGE),
    "source": {"srcset", "sizes", "type", "media", "width", "height"},
    "ol": {"start", "reversed", "type"},
    "li": {"value"},
    "th": {"align", "colspan", "rowspan", "scope", "style"},
    "td": {"align", "colspan", "rowspan", "style"},
    "col": {"span"},
    "colgroup": {"span"},
    "time": {"datetime"},
    "blockquote": {"cite"},
    "q": {"cite"},
}
# Python-Markdown's tables align columns with style="text-align: …": nothing else of CSS
STYLE_PROPERTIES = frozenset({"text-align"})
SRCSET_URL = re.compile(r"(?:^|,)\s*(\S+)")
SCHEME = re.compile(r"^\s*([a-zA-Z][a-zA-Z0-9+.-]*):")
CONTROL = re.compile(r"[\x00-\x20\x7f]+")


def _allowed_url(url: str) -> bool:
    """Ammonia's own rule for href and src, for srcset (which Ammonia passes unchecked)."""
    scheme = SCHEME.match(CONTROL.sub("", url))
    return scheme is None or scheme.group(1).lower() in URL_SCHEMES


def _srcset(element: str, attribute: str, value: str) -> str | None:
    if attribute != "srcset":
        return value
    urls = SRCSET_URL.findall(value)
    return value if all(_allowed_url(url) for url in urls) else None


def _cleaner(check_srcset: bool) -> nh3.Cleaner:
    return nh3.Cleaner(
        tags=set(TAGS),
        attributes={tag: set(names) for tag, names in ATTRIBUTES.items()},
        url_schemes=set(URL_SCHEMES),
        filter_style_properties=set(STYLE_PROPERTIES),
        link_rel=None,  # our own links keep their markup; none opens a new window
        strip_comments=True,
        attribute_filter=_srcset if check_srcset else None,
    )


class Sanitiser:
    """One allowlist per build; a Python callback checks srcset only where there is one."""

    def __init__(self) -> None:
        self._plain = _cleaner(check_srcset=False)
        self._srcset = _cleaner(check_srcset=True)

    def clean(self, markup: str) -> str:
        cleaner = self._srcset if "srcset" in markup else self._plain
        return cleaner.clean(markup)


FENCE = re.compile(r"^ {0,3}(```|~~~)")
CODE_SPAN = re.compile(r"(`+).+?\1")
RAW_TAG = re.compile(r"<(?:/?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>|!--)")


def raw_html_lines(body: str, first_line: int) -> Iterator[int]:
    """Lines of a Markdown body that hold raw HTML (a tag or a comment outside code)."""
    fenced = False
    for number, line in enumerate(body.split("\n"), first_line):
        if FENCE.match(line):
            fenced = not fenced
            continue
        if fenced:
            continue
        if RAW_TAG.search(CODE_SPAN.sub("", line)):
            yield number
