"""What a shared link shows and what search engines read: breadcrumbs, JSON-LD, cards.

Every page has a trail of breadcrumbs (home, its section, itself) shown at its top
and given as a ``BreadcrumbList``; document pages add their own JSON-LD (``Event``,
``DiscussionForumPosting``, ``Person``). The JSON comes from ``json.dumps``, escaped
for a ``<script>`` element. Share cards (``cards.py``) sit beside their page
(``transcripts/x/card.png``); a quote's card is drawn by the reader's browser when asked
for (``theme/static/js/quote-card.js``): one PNG per quote made at build time was 12,305
files and 234 MB of a 10,000-document site.
"""

from __future__ import annotations

import json
from typing import Any

from markupsafe import Markup

from .background import Background
from .cards import Card, CardMaker
from .documents import Doc, Event, Member, Transcript

SECTIONS = {
    "transcripts": "分享实录",
    "events": "活动",
    "rules": "群规",
    "members": "成员",
    "groups": "小组",
    "tags": "标签",
    "archives": "归档",
    "digests": "摘要",
    "feeds": "订阅",
    "search": "搜索",
}
CARD_KINDS = ("transcript", "event", "member")
SITE_CARD = "card.png"

Crumb = tuple[str, str]  # name, site-relative URL ("" for the home page)


def card_path(page_url: str) -> str:
    """Where the share card of the page at ``page_url`` (a folder URL) is written."""
    return f"{page_url}card.png"


def trail(page_url: str, title: str) -> list[Crumb]:
    """Home, the section, the levels between, the page itself (``title``)."""
    crumbs: list[Crumb] = [("首页", "")]
    parts = [part for part in page_url.split("/") if part]
    if not parts or parts == ["404.html"]:
        return crumbs
    number = None
    if len(parts) > 2 and parts[-2] == "page":
        number, parts = parts[-1], parts[:-2]
    if parts[0] in SECTIONS:
        crumbs.append((SECTIONS[parts[0]], f"{parts[0]}/"))
    if parts[0] == "archives" and len(parts) > 1:
        crumbs.append((f"{parts[1]}年", f"archives/{parts[1]}/"))
        if len(parts) > 2:
            crumbs.append((f"{parts[1]}年{int(parts[2])}月", f"archives/{parts[1]}/{parts[2]}/"))
    elif len(parts) > 1 or parts[0] not in SECTIONS:
        crumbs.append((title, "/".join(parts) + "/"))
    if number is not None:
        crumbs.append((f"第{number}页", page_url))
    return crumbs


def json_ld(value: Any) -> Markup:
    """A ``<script type="application/ld+json">`` holding ``value``; ``<`` is escaped so
    no text from content can close the element."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return Markup(f'<script type="application/ld+json">{text}</script>')


def breadcrumb_list(crumbs: list[Crumb], base: str) -> dict[str, Any]:
    return {
        "@context": "https://schema.org",
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": number, "name": name, "item": f"{base}/{url}"}
            for number, (name, url) in enumerate(crumbs, 1)
        ],
    }


def _person(person: Any, base: str) -> dict[str, Any]:
    found: dict[str, Any] = {"@type": "Person", "name": person.name}
    if person.url:
        found["url"] = f"{base}/{person.url}"
    return found


def structured(doc: Doc, base: str, image: str, sitename: str) -> dict[str, Any] | None:
    """The JSON-LD of a document's page (``base``: SITEURL; ``image``: its card's URL)."""
    url = f"{base}/{doc.url}"
    common = {"@context": "https://schema.org", "url": url, "image": image}
    if isinstance(doc, Transcript):
        found = {
            **common,
            "@type": "DiscussionForumPosting",
            "headline": doc.title,
            "text": doc.summary,
            "datePublished": doc.date.isoformat() if doc.date else None,
            "author": _person(doc.host or (doc.speakers[0] if doc.speakers else None), base)
            if doc.host or doc.speakers
            else {"@type": "Organization", "name": sitename},
            "commentCount": len(doc.turns),
            "keywords": [tag.name for tag in doc.tags],
        }
        return {key: value for key, value in found.items() if value not in (None, [])}
    if isinstance(doc, Event):
        location = str(doc.meta.get("location") or "")
        online = location.lower() in ("online", "线上", "")
        found = {
            **common,
            "@type": "Event",
            "name": doc.title,
            "description": doc.summary,
            "startDate": doc.date.isoformat() if doc.date else None,
            "endDate": doc.end.isoformat() if doc.end else None,
            "eventAttendanceMode": "https://schema.org/"
            + ("OnlineEventAttendanceMode" if online else "OfflineEventAttendanceMode"),
            "eventStatus": "https://schema.org/EventScheduled",
            "location": {"@type": "VirtualLocation", "url": url}
            if online
            else {"@type": "Place", "name": location, "address": location},
            "organizer": {"@type": "Organization", "name": sitename, "url": f"{base}/"},
        }
        if doc.speakers:
            found["performer"] = [_person(person, base) for person in doc.speakers]
        return {key: value for key, value in found.items() if value is not None}
    if isinstance(doc, Member):
        found = {**common, "@type": "Person", "name": doc.name}
        if doc.aliases:
            found["alternateName"] = doc.aliases
        if doc.meta.get("title"):
            found["jobTitle"] = doc.meta["title"]
        if doc.meta.get("org"):
            found["worksFor"] = {"@type": "Organization", "name": doc.meta["org"]}
        return found
    return None


def doc_cards(doc: Doc, sitename: str) -> list[Card]:
    """The share card of a transcript, event or member page."""
    from .filters import cn_date

    if doc.kind not in CARD_KINDS:
        return []
    lines: list[str] = []
    if isinstance(doc, Transcript | Event):
        lines.append(
            " · ".join(
                bit for bit in (cn_date(doc.when), doc.group.name if doc.group else "") if bit
            )
        )
        people = [doc.host] if doc.host else []
        people += [person for person in doc.speakers if person not in people]
        if people:
            lines.append("、".join(person.name for person in people[:4]))
    if isinstance(doc, Member):
        job = " · ".join(str(doc.meta[key]) for key in ("title", "org") if doc.meta.get(key))
        if job:
            lines.append(job)
    lines.append(sitename)
    label = {"transcript": "分享实录", "event": "活动", "member": "成员"}[doc.kind]
    return [Card(card_path(doc.url), label, doc.title, tuple(lines))]


def write_cards(hub: Any, writer: Any, background: Background | None = None) -> None:
    """The share cards of every published document, and the site's own card (drawn in
    the ``background`` when it is given)."""
    sitename = str(hub.settings.get("SITENAME") or "")
    maker = CardMaker(hub.settings)
    subtitle = str(hub.settings.get("SITESUBTITLE") or "")
    cards = [Card(SITE_CARD, "群志", sitename, (subtitle,) if subtitle else ())]
    cards += [card for doc in hub.published for card in doc_cards(doc, sitename)]
    maker.write_all(writer, cards, int(hub.settings.get("HUB_JOBS") or 0), background)
