"""Which file of the built site a URL path names, if any, and how to label it.

The site's folder is the only thing served: a path is decoded as UTF-8, refused
with NUL or control characters, ``..`` or hidden names (the ``.qunzhi-output``
marker), and resolved with every symlink followed; it must still lie inside the
folder as resolved now (``output/`` itself may be a link swapped by a build).
A folder is served as its ``index.html`` and never listed.
"""

from __future__ import annotations

import mimetypes
import re
from dataclasses import dataclass
from pathlib import Path

from qunzhi.hub.errors import UsageError

# Fixed here rather than read from the machine's mime.types, so every server says the same.
TYPES = {
    ".html": "text/html",
    ".css": "text/css",
    ".js": "text/javascript",
    ".json": "application/json",
    ".webmanifest": "application/manifest+json",
    ".xml": "application/xml",
    ".atom": "application/atom+xml",
    ".rss": "application/rss+xml",
    ".ics": "text/calendar",
    ".txt": "text/plain",
    ".md": "text/markdown",
    ".svg": "image/svg+xml",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".gif": "image/gif",
    ".webp": "image/webp",
    ".avif": "image/avif",
    ".ico": "image/x-icon",
    ".woff": "font/woff",
    ".woff2": "font/woff2",
    ".mp3": "audio/mpeg",
    ".m4a": "audio/mp4",
    ".ogg": "audio/ogg",
    ".pdf": "application/pdf",
}
TEXT_TYPES = re.compile(
    r"text/.*|application/(json|xml|[\w.-]+\+(xml|json)|javascript)|image/svg\+xml"
)
UNSAFE = re.compile(r"[\x00-\x1f\x7f]")


def content_type(path: Path) -> str:
    """The Content-Type of a served file; every text kind says it is UTF-8."""
    suffix = path.suffix.lower()
    kind = TYPES.get(suffix) or mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    return f"{kind}; charset=utf-8" if TEXT_TYPES.fullmatch(kind) else kind


@dataclass(frozen=True)
class Found:
    """A URL path's answer: a file to send, a folder to redirect to (its URL with the
    slash), or neither (not found)."""

    file: Path | None = None
    redirect: str | None = None


def url_path(raw: str) -> str:
    """The path of a WSGI ``PATH_INFO`` as text: servers hand it over decoded as
    Latin-1 (PEP 3333), the browser sent UTF-8; a UsageError if it is not text."""
    try:
        data = raw.encode("latin-1")
    except UnicodeEncodeError:  # a server that decoded it already
        text = raw
    else:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            raise UsageError("expected a UTF-8 path, found other bytes") from None
    if UNSAFE.search(text):
        raise UsageError(f"expected a path without control characters, found {text[:80]!r}")
    return text


def find(root: Path, path: str) -> Found:
    """What ``path`` (decoded, starting with /) names inside the site folder ``root``."""
    parts = [part for part in path.split("/") if part]
    if any(part.startswith(".") or "\\" in part for part in parts):
        return Found()
    try:
        top = root.resolve()
        target = top.joinpath(*parts).resolve()
        if not target.is_relative_to(top):
            return Found()  # a link that leads out of the site
        if target.is_dir():
            index = (target / "index.html").resolve()
            if not index.is_relative_to(top) or not index.is_file():
                return Found()  # no listing, nor a hint that the folder is there
            if parts and not path.endswith("/"):
                return Found(redirect="/" + "/".join(parts) + "/")  # never //host/
            return Found(file=index)
        return Found(file=target) if target.is_file() else Found()
    except (OSError, RuntimeError):  # a name too long, a loop of links
        return Found()
