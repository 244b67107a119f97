"""Absolute URLs for feed readers: the site's base, and links inside entry HTML.

A feed is read away from the site, so ``/images/a.png`` or ``../x/`` in a
document's HTML must become full URLs; lxml's HTML parser rewrites them.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any
from urllib.parse import urljoin

import lxml.html

from qunzhi.hub.settings import is_absolute_url

from .xmltext import xml_safe

logger = logging.getLogger(__name__)

DEVELOPMENT_BASE = "http://localhost:8000/"  # where `pelican --listen` serves the output
# classes of links that only make sense on the page: a turn's and a quote's permalink
PAGE_ONLY = frozenset({"turn-link", "quote-link"})


def site_base(settings: Mapping[str, Any]) -> str:
    """SITEURL with a final slash, or the development base (with a warning) without one.

    Publish mode (HUB_PUBLISH) never gets here without an absolute SITEURL: the
    settings check refuses it.
    """
    siteurl = str(settings.get("SITEURL") or "")
    if is_absolute_url(siteurl):
        return siteurl.rstrip("/") + "/"
    logger.warning(
        "feeds: SITEURL is %s, not an absolute URL: feeds link to %s for now; "
        "set SITEURL (and HUB_PUBLISH = True) in publishconf.py to publish",
        repr(siteurl) if siteurl else "empty",
        DEVELOPMENT_BASE,
    )
    return DEVELOPMENT_BASE


def absolute_html(markup: str, page: str) -> str:
    """``markup`` for a feed reader: every ``href`` and ``src`` absolute against ``page``,
    and the turn anchors (``#12`` after each speaker) left out, noise outside the page."""
    markup = xml_safe(markup)
    if not markup.strip():
        return markup
    holder = lxml.html.fragment_fromstring(markup, create_parent="div")
    origin = page[: page.index("/", page.index("//") + 2)]
    for element in holder.xpath(".//*[@href or @src]"):
        if PAGE_ONLY.intersection((element.get("class") or "").split()):
            element.drop_tree()  # keeps its tail text
            continue
        for attribute in ("href", "src"):
            value = element.get(attribute)
            if value is not None:
                # xml_safe again: an entity (&#14;) in raw HTML decodes to a control character
                element.set(attribute, xml_safe(_absolute(value.strip(), page, origin)))
        srcset = element.get("srcset")
        if srcset:  # a picture's resized copies (hub.images): "url 480w, url 960w"
            candidates = (entry.strip().split(" ", 1) for entry in srcset.split(","))
            element.set(
                "srcset",
                ", ".join(
                    " ".join([_absolute(url, page, origin), *rest]) for url, *rest in candidates
                ),
            )
    inner = lxml.html.tostring(holder, encoding="unicode")
    return inner[len("<div>") : -len("</div>")]


def _absolute(url: str, page: str, origin: str) -> str:
    """The common shapes without ``urljoin`` (a transcript has hundreds of links)."""
    if url.startswith(("https://", "http://", "mailto:", "data:", "tel:")):
        return url
    if url.startswith("#"):
        return page.split("#")[0] + url
    if url.startswith("/") and not url.startswith("//"):
        return origin + url
    return urljoin(page, url)
