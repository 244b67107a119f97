"""One edited document's page, made at once from the last build (``serve --watch``).

A whole rebuild after a save takes seconds at 1,000 documents, and the editor is
looking at the page of the document they saved. When a save changed only that
document's text (the same file, type, slug and publication, with tags the hub
already has, and no problem to report), its page is rendered against the last
build's hub and written into the output before the whole rebuild starts, which
then brings the lists, feeds, digests and search up to date. Anything else (a new,
renamed or deleted file, a member, a rule set, an error) waits for the rebuild.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from markupsafe import Markup

from .conversations import Conversations
from .errors import Diagnostics
from .hub import _link, _render
from .pages import TEMPLATES
from .reader import Context, read_document
from .reading import WITH_NEIGHBOURS, Neighbours
from .render import Renderer
from .settings import site_zone
from .store import write_whole

PREVIEWED = ("transcript", "event", "page")


def preview_page(generator: Any, path: Path, output: Path) -> str | None:
    """Write the page of the document saved at ``path`` into ``output``, rendered with the
    last build's hub (``generator``: its HubGenerator); the page's URL, or None when only a
    whole build can show the edit."""
    hub = generator.hub
    path = path.resolve()
    old = next((doc for doc in hub.published if doc.source.resolve() == path), None)
    if old is None or old.kind not in PREVIEWED:
        return None
    settings = hub.settings
    diagnostics = Diagnostics(strict=bool(settings.get("HUB_STRICT")))
    context = Context(zone=site_zone(settings), groups=tuple(settings.get("HUB_GROUPS") or {}))
    doc = read_document(old.source, old.type.folder, context, diagnostics)
    if doc is None or diagnostics.failed() or (doc.slug, doc.published) != (old.slug, True):
        return None
    tags = {tag.name: tag for tag in hub.tags}
    if any(name not in tags for name in doc.meta.get("tags", [])):
        return None
    _link(doc, hub, diagnostics)
    renderer = Renderer(settings)
    # this one document is laid out afresh: nothing kept is read
    fresh = Conversations(settings, hub.directory, renderer.cache)
    _render(doc, hub, renderer, diagnostics, fresh)
    if diagnostics.failed():  # warnings: the whole rebuild reports them
        return None
    doc.tags = [tags[name] for name in doc.meta.get("tags", [])]
    template = generator.get_template(TEMPLATES[doc.kind].removesuffix(".html"))
    content, doc.images = generator.images.rewrite(doc.content)
    doc.content = Markup(content)
    variables = {**generator.context, "localsiteurl": None, "doc": doc, "page_url": doc.url}
    if doc.kind in WITH_NEIGHBOURS:
        neighbours = generator.neighbours or Neighbours(hub)
        variables["around"] = neighbours.around(doc, was=old)
    html = template.render(variables)
    target = output / doc.save_as
    target.parent.mkdir(parents=True, exist_ok=True)
    write_whole(target, html.encode("utf-8"))
    return doc.url
