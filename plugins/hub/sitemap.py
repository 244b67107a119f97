"""``sitemap.xml`` for search engines, made with ``xml.etree``; published pages only."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterable

NAMESPACE = "http://www.sitemaps.org/schemas/sitemap/0.9"


def sitemap(siteurl: str, urls: Iterable[tuple[str, str | None]]) -> bytes:
    """``urls`` are (site-relative URL, ISO date or None); ``siteurl`` must be absolute."""
    urlset = ET.Element("urlset", xmlns=NAMESPACE)
    for url, modified in urls:
        entry = ET.SubElement(urlset, "url")
        ET.SubElement(entry, "loc").text = f"{siteurl.rstrip('/')}/{url}"
        if modified:
            ET.SubElement(entry, "lastmod").text = modified
    ET.indent(urlset)
    return ET.tostring(urlset, encoding="utf-8", xml_declaration=True) + b"\n"
