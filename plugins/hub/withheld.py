"""Which pictures under content/images/ are published: none that only a draft shows.

Pelican copies STATIC_PATHS whole; a member's private avatar or the screenshot of a
draft would then be on the site. A file under images/ is published when a
published document uses it (in its body, as ``avatar`` or ``audio``) or when no
document uses it at all (a logo, a file linked from the theme).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any
from urllib.parse import unquote

from .documents import Doc

IMAGE_REF = re.compile(r"""images/([^"'\s?#<>()]+)""")


def used_images(doc: Doc) -> set[str]:
    """Paths below images/ that a document's HTML or front matter points at."""
    written = " ".join(
        [str(doc.content), *(str(doc.meta.get(key) or "") for key in ("avatar", "audio"))]
    )
    return {unquote(found).replace("&amp;", "&") for found in IMAGE_REF.findall(written)}


def withheld(docs: Iterable[Doc]) -> set[str]:
    """Paths below images/ used by drafts or private documents and by nothing published."""
    shown: set[str] = set()
    hidden: set[str] = set()
    for doc in docs:
        (shown if doc.published else hidden).update(used_images(doc))
    return hidden - shown


def drop_withheld(generator: Any, **kwargs: Any) -> None:
    """``static_generator_finalized``: take the withheld pictures off Pelican's copy list."""
    hub = generator.context.get("hub")
    if hub is None:
        return
    images = Path(generator.settings["PATH"]).absolute() / "images"
    generator.staticfiles[:] = [
        static
        for static in generator.staticfiles
        if _below(Path(static.source_path).absolute(), images) not in hub.withheld_images
    ]


def _below(path: Path, folder: Path) -> str | None:
    return path.relative_to(folder).as_posix() if path.is_relative_to(folder) else None
