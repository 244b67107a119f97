"""Search: the Whoosh index of record in CACHE_PATH, and the static search of the site.

Both are made from published documents only, by the same Chinese-aware analysis;
``qunzhi search`` and ``qunzhi serve``'s ``/api/search`` query the index.
"""

from __future__ import annotations

from typing import Any

from pelican import signals

from qunzhi.hub.build import require

from .generator import SearchGenerator


def add_generator(pelican: Any, **kwargs: Any) -> type[SearchGenerator]:
    return SearchGenerator


def check_plugins(pelican: Any, **kwargs: Any) -> None:
    require(pelican, "qunzhi.search", "qunzhi.hub")


def register() -> None:
    signals.initialized.connect(check_plugins)
    signals.get_generators.connect(add_generator)
