"""The digests plugin: weekly and monthly digests of the hub and of each group,
archived under ``/digests/``, each also as a newsletter (HTML with inline CSS, and
plain text). Needs the hub plugin (``qunzhi.hub``) before it in PLUGINS.
"""

from __future__ import annotations

from typing import Any

from pelican import signals

from qunzhi.hub.build import require

from .generator import DigestGenerator, gather_digests


def add_generator(pelican: Any, **kwargs: Any) -> type[DigestGenerator]:
    return DigestGenerator


def check_plugins(pelican: Any, **kwargs: Any) -> None:
    require(pelican, "qunzhi.digests", "qunzhi.hub")


def register() -> None:
    signals.initialized.connect(check_plugins)
    signals.all_generators_finalized.connect(gather_digests)
    signals.get_generators.connect(add_generator)
