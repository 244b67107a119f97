"""A document's page kept from the last build when nothing it shows has changed.

Rendering every page again is most of a rebuild after a one-line edit. The page
of a transcript, an event or a plain page shows its own document and, besides,
only what every such page may show: the settings, the theme and the code
(``Fingerprint.engine``), the members (names, aliases, privacy, in turns and
bylines), the tags and the feeds (links), and the footer's pages. Its memo key
is a digest of those and of its own file's bytes (and, for an event, whether it
is still upcoming; its neighbours as ``reading.Around`` shows them; the sizes of its
pictures); the same key means the same bytes, and the output keeps the file the
last build wrote (``OutputFiles.reuse``).

Member pages, rule sets and lists show other documents and are always rendered. A
page that says itself what it is made from (a digest's page: the digest's data and
its neighbours) passes that to ``PageWriter`` and is kept the same way.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .fingerprint import Fingerprint
from .hub import Hub
from .store import digest

KINDS = ("transcript", "event", "page")


class PageMemo:
    """Memo keys of one build's document pages."""

    def __init__(self, hub: Hub, fingerprint: Fingerprint, feeds: Any) -> None:
        self.root = Path(hub.settings["PATH"])
        self.content = fingerprint.content
        members = sorted(
            (path, value) for path, value in self.content.items() if path.startswith("members/")
        )
        self.site = digest(
            fingerprint.engine,
            members,
            [(tag.name, tag.url) for tag in hub.tags],
            [(page.title, page.url) for page in hub.of_type("pages")],
            [(feed.kind, repr(feed.info)) for feed in feeds.feeds] if feeds is not None else None,
        )

    def key(
        self, template: str, page_url: str, variables: dict[str, Any], made_from: Any = None
    ) -> str:
        """The page's memo key, or "" when it depends on more than its own document;
        ``made_from``: what a page shows besides what every page shows, when it says so."""
        if made_from is not None:
            return digest(self.site, template, page_url, made_from)
        doc = variables.get("doc")
        if doc is None or doc.kind not in KINDS or variables.keys() - {"doc", "around"}:
            return ""
        try:
            source = self.content.get(doc.source.relative_to(self.root).as_posix())
        except ValueError:
            return ""
        if source is None:
            return ""
        around = variables.get("around")
        made_from = (source, getattr(doc, "upcoming", None), around, doc.images)
        return digest(self.site, template, page_url, made_from)


def page_memo(generator: Any, writer: Any, hub: Hub) -> PageMemo | None:
    """The build's memo, when its writer is qunzhi's and knows the build's inputs."""
    fingerprint = getattr(getattr(writer, "files", None), "fingerprint", None)
    if fingerprint is None:
        return None
    return PageMemo(hub, fingerprint, generator.context.get("feeds"))
