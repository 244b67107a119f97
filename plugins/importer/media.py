"""``--keep-media``: pictures an export carries, copied under ``content/images/import/``.

Each picture is opened with Pillow (anything that is not an image is left
out), turned upright by its EXIF orientation and saved again without its
metadata: EXIF holds where a photo was taken and with which phone. The file
is named by the digest of what is written, so the same picture is one file
however often it was posted. A path in an export may only lead to a file in
the export's own folder: an export is hostile input, like any other.
"""

from __future__ import annotations

import hashlib
import io
from pathlib import Path

from PIL import Image, ImageOps, UnidentifiedImageError

from .messages import Media, Parsed

FOLDER = "images/import"
FORMATS = {"JPEG": "jpg", "PNG": "png", "GIF": "gif", "WEBP": "webp"}
LARGEST = 64 * 1024 * 1024  # bytes: larger files are not pictures from a chat


class Images:
    """Turns picture parts into Markdown images and gathers the files to write."""

    def __init__(self, parsed: Parsed, keep: bool) -> None:
        self.keep = keep
        self.base = Path(parsed.base).resolve() if parsed.base else None
        self.attachments = parsed.attachments
        self.files: dict[str, bytes] = {}  # path under content/ → bytes
        self.missing = 0

    def __call__(self, media: Media) -> str | None:
        """``![图片](/images/import/….jpg)``, or None to show a placeholder instead."""
        if not self.keep or media.kind != "图片" or not media.path:
            return None
        raw = self._bytes(media.path)
        cleaned = clean_image(raw) if raw is not None else None
        if cleaned is None:
            self.missing += 1
            return None
        data, extension = cleaned
        name = f"{FOLDER}/{hashlib.sha256(data).hexdigest()[:16]}.{extension}"
        self.files[name] = data
        return f"![图片](/{name})"

    def _bytes(self, path: str) -> bytes | None:
        if path.startswith("mht:"):
            return self.attachments.get(path[4:])
        if self.base is None:
            return None
        file = (self.base / path).resolve()
        if not file.is_relative_to(self.base) or not file.is_file():
            return None
        if file.stat().st_size > LARGEST:
            return None
        return file.read_bytes()


def clean_image(raw: bytes) -> tuple[bytes, str] | None:
    """The picture saved again upright and without metadata, with its extension."""
    try:
        with Image.open(io.BytesIO(raw)) as image:
            kind = image.format or ""
            if kind not in FORMATS:
                return None
            upright = ImageOps.exif_transpose(image)
            upright.info.clear()
            out = io.BytesIO()
            upright.save(out, format=kind)
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError):
        return None
    return out.getvalue(), FORMATS[kind]
