"""What feeds keep between builds: entry HTML made absolute, and whole feed documents.

Rewriting each entry's links with lxml and serialising every feed with feedgen
were most of the feeds' share of a build that changed nothing. An entry's HTML
depends only on the document's HTML and its link; a feed's two documents only
on what the feed says about itself, its date and its entries (and the site's
name, language and URL, which the writer puts in the key): each is kept under a
digest of exactly those, in CACHE_PATH, with the libraries' versions and VERSION
as the identity.
"""

from __future__ import annotations

from importlib.metadata import version
from typing import Any

from lxml import etree

from qunzhi.hub.keptcache import KeptCache, digest
from qunzhi.hub.settings import cache_folder

VERSION = 1


def kept_caches(settings: dict[str, Any]) -> tuple[KeptCache, KeptCache]:
    """The cache of absolute entry HTML and the cache of feed documents."""
    folder = cache_folder(settings)
    fresh = bool(settings.get("HUB_FULL_REBUILD"))
    libraries = (VERSION, etree.LXML_VERSION, version("feedgen"))
    return (
        KeptCache(folder / "feed-entries.marshal", digest(*libraries), fresh),
        KeptCache(folder / "feed-documents.marshal", digest(*libraries), fresh),
    )
