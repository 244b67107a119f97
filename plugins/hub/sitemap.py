"""What crawlers and phones read about the site as a whole: ``sitemap.xml`` (made with
``xml.etree``; published pages only), ``robots.txt`` and the web app manifest."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from typing import Any

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


def robots(siteurl: str) -> bytes:
    """Every page may be crawled; the sitemap's address where the site has an absolute one."""
    lines = ["User-agent: *", "Allow: /"]
    if siteurl.startswith(("http://", "https://")):
        lines.append(f"Sitemap: {siteurl.rstrip('/')}/sitemap.xml")
    return ("\n".join(lines) + "\n").encode()


def web_manifest(settings: dict[str, Any]) -> bytes:
    """``site.webmanifest``: the name and icons a phone shows for a page saved to its home
    screen."""
    siteurl = str(settings.get("SITEURL") or "")
    name = str(settings.get("SITENAME") or "")
    manifest = {
        "name": name,
        "short_name": name[:12],
        "description": str(settings.get("SITESUBTITLE") or name),
        "lang": "zh-CN",
        "start_url": f"{siteurl}/",
        "display": "browser",
        "background_color": "#f8f7f3",
        "theme_color": "#0b6566",
        "icons": [
            {"src": f"{siteurl}/theme/{icon}", "sizes": size, "type": "image/png"}
            for icon, size in (("icon-192.png", "192x192"), ("icon-512.png", "512x512"))
        ],
    }
    return json.dumps(manifest, ensure_ascii=False, indent=1).encode() + b"\n"
