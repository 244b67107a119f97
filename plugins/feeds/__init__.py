"""The feeds plugin: Atom 1.0 and RSS 2.0 feeds of the whole hub, each type, group,
tag and member, and a podcast, made with feedgen, and the ``/feeds/`` page.

Pelican's own feeds stay off (the hub plugin's ENGINE_SETTINGS), so there is
one feed system and no stale duplicates.
"""

from __future__ import annotations

from typing import Any

from pelican import signals

from .generator import FeedsGenerator


def add_generator(pelican: Any, **kwargs: Any) -> type[FeedsGenerator]:
    return FeedsGenerator


def register() -> None:
    signals.get_generators.connect(add_generator)
