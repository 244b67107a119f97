"""The hub plugin: content types, validation, pages, events calendar and sitemap.

Pelican's own article, page, draft and feed output is switched off: the hub reads
all of content/ itself, and draft and private documents are never written.
"""

from __future__ import annotations

import copy
from typing import Any

from pelican import signals

from .atomic import build_writer, make_atomic
from .generator import HubGenerator
from .settings import check_settings
from .themefolders import layer_own_theme
from .withheld import drop_withheld

ENGINE_SETTINGS: dict[str, Any] = {
    "ARTICLE_PATHS": [],
    "PAGE_PATHS": [],
    "DIRECT_TEMPLATES": [],
    "TEMPLATE_PAGES": {},
    "DRAFT_SAVE_AS": "",
    "DRAFT_LANG_SAVE_AS": "",
    "DRAFT_PAGE_SAVE_AS": "",
    "DRAFT_PAGE_LANG_SAVE_AS": "",
    "FEED_ATOM": None,
    "FEED_RSS": None,
    "FEED_ALL_ATOM": None,
    "FEED_ALL_RSS": None,
    "CATEGORY_FEED_ATOM": None,
    "CATEGORY_FEED_RSS": None,
    "AUTHOR_FEED_ATOM": None,
    "AUTHOR_FEED_RSS": None,
    "TAG_FEED_ATOM": None,
    "TAG_FEED_RSS": None,
    "TRANSLATION_FEED_ATOM": None,
    "TRANSLATION_FEED_RSS": None,
    "RELATIVE_URLS": False,
}


def configure(pelican: Any, **kwargs: Any) -> None:
    """Check the hub settings, switch off Pelican's own content output, layer the hub's
    own theme/ over THEME, build atomically."""
    check_settings(pelican.settings)
    pelican.settings.update(copy.deepcopy(ENGINE_SETTINGS))
    layer_own_theme(pelican.settings)
    # Titles and names are text, not HTML: escape them; rendered Markdown is Markup.
    pelican.settings["JINJA_ENVIRONMENT"] = {
        **pelican.settings.get("JINJA_ENVIRONMENT", {}),
        "autoescape": True,
    }
    make_atomic(pelican)


def add_generator(pelican: Any, **kwargs: Any) -> type[HubGenerator]:
    return HubGenerator


def register() -> None:
    signals.initialized.connect(configure)
    signals.get_generators.connect(add_generator)
    signals.get_writer.connect(build_writer)
    signals.static_generator_finalized.connect(drop_withheld)
