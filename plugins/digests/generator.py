"""The Pelican generator of digests: writes the pages of the digests gathered
after every generator's ``generate_context`` (see ``gather_digests``)."""

from __future__ import annotations

from typing import Any

from pelican.generators import Generator

from qunzhi.hub.build import Build
from qunzhi.hub.filters import FILTERS
from qunzhi.hub.generator import PageWriter
from qunzhi.hub.pagememo import page_memo

from .archive import Digests
from .pages import write_digest_pages


def gather_digests(generators: list[Generator], **kwargs: Any) -> None:
    """Make the build's digests once the hub is read, before any page is written, so
    that the hub's own pages (a group's page) can link to them: ``context["digests"]``.
    With HUB_DIGEST_PERIODS empty there is none, and no digest page or link."""
    for generator in generators:
        if generator.context.get("hub") is not None:
            build_digests(generator.context)
            return


def build_digests(context: dict[str, Any]) -> Digests | None:
    """The digests of the build whose context this is, made on the first call.

    Other plugins' receivers of ``all_generators_finalized`` (the digest feeds) call
    it too: blinker does not order receivers, so whichever runs first makes them.
    """
    if "digests" in context:
        return context["digests"]
    hub = context.get("hub")
    if hub is None or not hub.settings["HUB_DIGEST_PERIODS"]:
        return None
    build = Build.of_context(context, "qunzhi.digests")
    context["digests"] = Digests(hub, build.diagnostics)  # its problems: Build.check
    return context["digests"]


class DigestGenerator(Generator):
    """Writes digest pages, newsletter files and archives with the theme's templates."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.env.filters.update(FILTERS)

    def generate_output(self, writer: Any) -> None:
        digests: Digests | None = self.context.get("digests")
        if digests is None:
            return  # digests are off, or the hub plugin is: there is nothing to digest
        write = PageWriter(self, writer, digests.hub, page_memo(self, writer, digests.hub))
        background = Build.of_context(self.context, "qunzhi.digests").background
        write_digest_pages(digests, write, writer.write_text, writer, background)
        write.write_sitemap()
