"""The settings every hub starts from: the packaged theme, the plugins and the folders.

A hub's ``pelicanconf.py`` begins with ``from qunzhi.defaults import *`` so that
``pelican content`` and ``qunzhi build`` make the same site; ``qunzhi`` fills in
whatever a settings file leaves out from here too.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from qunzhi.hub.settings import DEFAULT_TIMEZONE

__all__ = [
    "AUTHOR_FEED_ATOM",
    "AUTHOR_FEED_RSS",
    "CACHE_PATH",
    "CATEGORY_FEED_ATOM",
    "DEFAULT_LANG",
    "FEED_ALL_ATOM",
    "OUTPUT_PATH",
    "PATH",
    "PLUGINS",
    "STATIC_PATHS",
    "THEME",
    "TIMEZONE",
    "TRANSLATION_FEED_ATOM",
]

PACKAGE = Path(__file__).resolve().parent


def packaged_theme() -> Path:
    """The theme the package carries: ``qunzhi/theme/`` once installed from a wheel;
    in a checkout (an editable install) the repository's ``theme/``, which
    pyproject.toml maps to that place."""
    installed = PACKAGE / "theme"
    return installed if installed.is_dir() else PACKAGE.parent / "theme"


PATH = "content"
OUTPUT_PATH = "output"
# the search index and other caches, kept between builds (safe to delete)
CACHE_PATH = ".qunzhi-cache"
THEME = str(packaged_theme())
STATIC_PATHS = ["images"]
PLUGINS = ["qunzhi.hub", "qunzhi.digests", "qunzhi.feeds", "qunzhi.search"]
TIMEZONE = DEFAULT_TIMEZONE
DEFAULT_LANG = "zh-CN"
# Pelican's own feeds are off (the hub plugin switches them off too; saying so here
# keeps Pelican from warning about feeds without SITEURL).
FEED_ALL_ATOM = CATEGORY_FEED_ATOM = AUTHOR_FEED_ATOM = AUTHOR_FEED_RSS = None
TRANSLATION_FEED_ATOM = None


# What ``qunzhi`` fills in for a settings file that does not import this module: the
# theme, the plugins and the language. Its folders keep Pelican's defaults (and its
# caches stay where they were), as before there were package defaults.
FILLED_IN = ("THEME", "PLUGINS", "TIMEZONE", "DEFAULT_LANG")


def defaults() -> dict[str, Any]:
    """The settings ``qunzhi`` fills in, by name."""
    return {name: globals()[name] for name in FILLED_IN}
