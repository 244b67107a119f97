"""Absolute URLs for feed readers: the site's base, and links inside entry HTML.

A feed is read away from the site, so ``/images/a.png`` or ``../x/`` in a
document's HTML must become full URLs; lxml's HTML parser rewrites them.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any

import lxml.html

from qunzhi.hub.settings import is_absolute_url

from .xmltext import xml_safe

logger = logging.getLogger(__name__)

DEVELOPMENT_BASE = "http://localhost:8000/"  # where `pelican --listen` serves the output


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
    """``markup`` with every link and image URL made absolute against ``page``."""
    markup = xml_safe(markup)
    if not markup.strip():
        return markup
    fragments = lxml.html.fragments_fromstring(markup)
    holder = lxml.html.Element("div")
    text = ""
    for fragment in fragments:
        if isinstance(fragment, str):  # text before the first element
            text += fragment
        else:
            holder.append(fragment)
    holder.text = text or None
    holder.make_links_absolute(page, resolve_base_href=False)
    inner = lxml.html.tostring(holder, encoding="unicode")
    return inner[len("<div>") : -len("</div>")]
