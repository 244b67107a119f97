"""Content problems only feeds have, reported like every other content problem.

``qunzhi check`` runs them too (when PLUGINS has qunzhi.feeds), so an editor meets
them before a build does.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from urllib.parse import urlsplit

from qunzhi.hub.documents import Doc
from qunzhi.hub.errors import Diagnostics, display_path
from qunzhi.hub.hub import Hub
from qunzhi.hub.settings import is_absolute_url

from .entries import entry_id, feedable


def feed_host(settings: Mapping[str, Any]) -> str:
    """The host entry ids are made with: SITEURL's, or localhost in development."""
    siteurl = str(settings.get("SITEURL") or "")
    return (urlsplit(siteurl).hostname if is_absolute_url(siteurl) else None) or "localhost"


def check_feeds(hub: Hub, host: str, diagnostics: Diagnostics) -> None:
    """Two documents with one entry id would be one item to a reader: name both files.

    A published rule set without a date cannot be placed in a feed: say so.
    """
    owners: dict[str, Doc] = {}
    for doc in sorted(hub.published, key=lambda d: str(d.source)):
        if doc.kind == "rule" and doc.date is None:
            diagnostics.warn(
                str(doc.source),
                1,
                "effective",
                "expected a date (effective or date) for a rule set; "
                "without one it is left out of the feeds",
            )
        if not feedable(doc):
            continue
        key = "feed_id" if "feed_id" in doc.meta else "file"
        owner = owners.setdefault(entry_id(doc, host), doc)
        if owner is not doc:
            diagnostics.error(
                str(doc.source),
                doc.line(key),
                key,
                f"expected a feed entry id no other document has, found "
                f'"{entry_id(doc, host)}" (also {display_path(owner.source)}); '
                "set feed_id to tell them apart",
            )
