"""Pictures in documents: their size from the file, lazy loading, and resized copies.

An ``<img>`` whose ``src`` is a file under content/images/ gets the file's
``width`` and ``height`` (no jump when it loads), ``loading="lazy"`` unless it
opens the text (the first screen), and a ``srcset`` of WebP copies 480, 960 and
1440 pixels wide (those narrower than the file), so a phone fetches a picture the
size it shows. Only plain attributes are added, which an HTML allowlist keeps.
Copies are written through the output writer with a memo key of the file's
bytes: an unchanged picture is kept from the last build, not resized again.
"""

from __future__ import annotations

import hashlib
import html
import io
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PIL import Image

from .store import code_identity, digest

WIDTHS = (480, 960, 1440)
SIZES = "(min-width: 48rem) 40em, 100vw"
EAGER_WITHIN = 600  # characters of HTML: an image this early is on the first screen
TAG = re.compile(r"<img\b[^>]*>")
ATTRIBUTE = re.compile(r'\s([a-z-]+)="([^"]*)"')


@dataclass(frozen=True)
class Copy:
    """A resized copy to write: where, from which file, how wide."""

    path: str
    source: Path
    width: int


class Images:
    """The pictures of one build: sizes read once per file, copies to write."""

    def __init__(self, settings: dict[str, Any]) -> None:
        self.root = Path(settings["PATH"]).resolve()
        self.siteurl = str(settings.get("SITEURL") or "").rstrip("/")
        self.sizes: dict[Path, tuple[int, int] | None] = {}
        self.copies: dict[str, Copy] = {}

    def rewrite(self, text: str) -> tuple[str, tuple[tuple[str, int, int], ...]]:
        """``text`` with its local pictures sized; and (src, width, height) of each."""
        if "<img" not in text:
            return text, ()
        found: list[tuple[str, int, int]] = []

        def sized(match: re.Match[str]) -> str:
            tag = match.group(0)
            attributes = dict(ATTRIBUTE.findall(tag))
            source = html.unescape(attributes.get("src", ""))
            file = self._file(source)
            size = self._size(file) if file is not None else None
            if file is None or size is None:
                return tag
            width, height = size
            found.append((source, width, height))
            added = {"loading": "lazy" if match.start() > EAGER_WITHIN else "eager"}
            added["decoding"] = "async"
            if "width" not in attributes and "height" not in attributes:
                added["width"], added["height"] = str(width), str(height)
            srcset = self._srcset(file, source, width)
            if srcset and "srcset" not in attributes:
                added["srcset"], added["sizes"] = srcset, SIZES
            extra = "".join(
                f' {name}="{html.escape(value, quote=True)}"'
                for name, value in added.items()
                if name not in attributes
            )
            end = -2 if tag.endswith("/>") else -1
            return f"{tag[:end].rstrip()}{extra}{tag[end:]}"

        return TAG.sub(sized, text), tuple(found)

    def _file(self, source: str) -> Path | None:
        local = source.removeprefix(self.siteurl) if self.siteurl else source
        if "://" in local or local.startswith("//"):
            return None
        local = local.split("?", 1)[0].split("#", 1)[0].lstrip("/")
        while local.startswith("../"):
            local = local[3:]
        if not local.startswith("images/"):
            return None
        file = (self.root / local).resolve()
        return file if file.is_relative_to(self.root / "images") and file.is_file() else None

    def _size(self, file: Path) -> tuple[int, int] | None:
        if file not in self.sizes:
            try:
                with Image.open(file) as picture:
                    self.sizes[file] = picture.size
            except (OSError, ValueError):
                self.sizes[file] = None  # not a picture Pillow reads: left as written
        return self.sizes[file]

    def _srcset(self, file: Path, source: str, width: int) -> str:
        relative = file.relative_to(self.root).as_posix()
        stem = relative.rsplit(".", 1)[0]
        prefix = source[: len(source) - len(relative)] if source.endswith(relative) else "/"
        entries = []
        for wanted in WIDTHS:
            if wanted >= width:
                break
            path = f"{stem}.{wanted}w.webp"
            self.copies[path] = Copy(path, file, wanted)
            entries.append(f"{prefix}{path} {wanted}w")
        if not entries:
            return ""
        return ", ".join([*entries, f"{source} {width}w"])

    def write(self, writer: Any) -> None:
        """Write this build's copies; a copy of unchanged bytes is kept from the last build."""
        sources: dict[Path, str] = {}
        for copy in self.copies.values():
            if copy.source not in sources:
                data = copy.source.read_bytes()
                sources[copy.source] = hashlib.blake2b(data, digest_size=16).hexdigest()
            memo = digest(code_identity(__name__), sources[copy.source], copy.width)
            if writer.files.reuse(memo, copy.path):
                continue
            writer.write_bytes(copy.path, resized(copy.source, copy.width), memo=memo)


def resized(source: Path, width: int) -> bytes:
    """A WebP copy ``width`` pixels wide; the same file gives the same bytes."""
    with Image.open(source) as picture:
        picture.load()
        height = round(picture.height * width / picture.width)
        mode = "RGBA" if "A" in picture.getbands() or picture.mode == "P" else "RGB"
        smaller = picture.convert(mode).resize((width, height), Image.Resampling.LANCZOS)
    out = io.BytesIO()
    smaller.save(out, "WEBP", quality=80, method=4)
    return out.getvalue()
