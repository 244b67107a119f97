"""What feeds keep between builds: entry HTML made absolute.

Rewriting each entry's links with lxml and serialising every feed with feedgen
were most of the feeds' share of a build that changed nothing. An entry's HTML
depends only on the document's HTML and its link: it is kept under a digest of
those, in CACHE_PATH, with the libraries' versions and VERSION as the identity.
A feed's two documents depend only on what the feed says about itself, its date
and its entries, and the site's name, language and URL (``FeedWriter.key``): the
output folder keeps them, and a build that makes the same key reuses the files
the last build wrote (``OutputFiles.reuse``) instead of a copy held in memory.
"""

from __future__ import annotations

from importlib.metadata import version
from typing import Any

from lxml import etree

from qunzhi.hub.keptcache import KeptCache, digest
from qunzhi.hub.settings import cache_folder

VERSION = 1


def libraries() -> str:
    """What kept feed results depend on besides their own inputs."""
    return digest(VERSION, etree.LXML_VERSION, version("feedgen"))


def entry_cache(settings: dict[str, Any]) -> KeptCache:
    """The cache of absolute entry HTML."""
    fresh = bool(settings.get("HUB_FULL_REBUILD"))
    return KeptCache(cache_folder(settings) / "feed-entries.marshal", libraries(), fresh)
