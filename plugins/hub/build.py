"""One build: what every plugin of it shares, in one object passed explicitly.

The hub, feeds, digests and search plugins of one Pelican build find it in their
generators' context (``Build.of_context``): the settings, checked and converted
(``settings.check_settings``: each setting's check returns the value the build uses),
the build store (what is kept between builds), one ``Diagnostics`` for every content
problem of the build, the output files, and the work left running on other cores
(``background``).
``check`` prints every problem of the build in one round, with one count, before
anything is written: exactly what ``qunzhi check`` prints for the same content.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .background import Background
from .errors import Diagnostics, SettingsError
from .output import OutputFiles
from .store import BuildStore

# The key under which Pelican's settings carry the build while it runs, and so every
# generator's context (Pelican's context starts as a copy of the settings).
BUILD = "QUNZHI_BUILD"


@dataclass(eq=False)
class Build:
    settings: dict[str, Any]
    store: BuildStore
    diagnostics: Diagnostics
    files: OutputFiles | None = None
    background: Background = field(default_factory=Background)  # finished before the commit

    @classmethod
    def start(cls, settings: dict[str, Any]) -> Build:
        diagnostics = Diagnostics(strict=bool(settings.get("HUB_STRICT")))
        return cls(settings, BuildStore.of(settings), diagnostics)

    @staticmethod
    def of_context(context: dict[str, Any], plugin: str) -> Build:
        """The build a generator belongs to (the hub plugin starts it)."""
        build = context.get(BUILD)
        if not isinstance(build, Build):
            raise SettingsError(f'PLUGINS: expected "qunzhi.hub" in PLUGINS with "{plugin}"')
        return build

    def check(self) -> None:
        """Print every content problem of the build, one line each, and stop the build
        (``ContentError``) when there are errors (or warnings under ``--strict``)."""
        self.diagnostics.report()
        self.diagnostics.raise_if_failed()


def require(pelican: Any, plugin: str, *needed: str) -> None:
    """At start-up (``initialized``): the plugins ``plugin`` needs are in PLUGINS before
    it, or one line says so. Receivers stay connected from build to build in one
    process, so a build without ``plugin`` in PLUGINS is left alone."""
    names = [getattr(entry, "__name__", str(entry)) for entry in pelican.settings["PLUGINS"] or []]
    if plugin not in names:
        return
    before = names[: names.index(plugin)]
    for name in needed:
        if name not in before:
            found = ", ".join(f'"{entry}"' for entry in names)
            raise SettingsError(f'PLUGINS: expected "{name}" before "{plugin}", found [{found}]')
