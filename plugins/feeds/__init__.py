"""The feeds plugin: Atom 1.0 and RSS 2.0 feeds of the whole hub, each type, group,
tag and member, a podcast and the weekly and monthly digests, made with feedgen,
and the ``/feeds/`` page.

Pelican's own feeds stay off (the hub plugin's ENGINE_SETTINGS), so there is
one feed system and no stale duplicates.
"""

from __future__ import annotations

from typing import Any

from pelican import signals

from qunzhi.hub.build import require

from .generator import FeedsGenerator, add_digest_feeds


def add_generator(pelican: Any, **kwargs: Any) -> type[FeedsGenerator]:
    return FeedsGenerator


def check_plugins(pelican: Any, **kwargs: Any) -> None:
    require(pelican, "qunzhi.feeds", "qunzhi.hub")


def register() -> None:
    signals.initialized.connect(check_plugins)
    signals.get_generators.connect(add_generator)
    signals.all_generators_finalized.connect(add_digest_feeds)
