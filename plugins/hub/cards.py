"""Share cards: the 1200x630 PNG a chat app or a feed reader shows beside a link.

Drawn at build time with Pillow in a CJK font found on the system (Debian's
fonts-noto-cjk, which the README and CI install) or named by ``HUB_CARD_FONT``.
The drawing is deterministic: the same card and font give the same bytes. A card
is written through the build's output writer with a memo key of what it shows,
so an unchanged card is kept from the last build (``OutputFiles.reuse``), not
drawn again; there is no cache of cards besides the output folder.
"""

from __future__ import annotations

import io
import os
import shutil
import subprocess
from collections.abc import Iterable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from functools import cached_property
from itertools import repeat
from pathlib import Path
from typing import Any

from PIL import Image, ImageDraw, ImageFont

from .background import Background
from .errors import SettingsError, describe
from .output import OutputFiles, stage
from .store import code_identity, digest
from .workers import pool, pooled

WIDTH, HEIGHT = 1200, 630
# Where CJK fonts live on common systems, bold first (Debian/Ubuntu, Fedora, macOS, Windows)
FONT_PATHS = (
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc",
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/google-noto-cjk/NotoSansCJK-Bold.ttc",
    "/usr/share/fonts/noto-cjk/NotoSansCJK-Bold.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/System/Library/Fonts/PingFang.ttc",
    "C:/Windows/Fonts/msyhbd.ttc",
    "C:/Windows/Fonts/msyh.ttc",
)
NO_LINE_START = "，。、；：！？）》」』”’,.;:!?)"
BACKGROUND, INK, MUTED, ACCENT = "#f8f7f3", "#1d2126", "#585f68", "#0b6566"
MARGIN = 80
COLOURS = 32  # of the palette a card is saved with
PARALLEL_FROM = 64  # cards to draw; below this, starting worker processes costs more


@dataclass(frozen=True)
class Card:
    """What one card shows; ``path`` is where it goes in the output (``share/…png``)."""

    path: str
    label: str  # 分享实录, 活动, 周报 …
    title: str
    lines: tuple[str, ...] = ()  # date, group, people: one line each, under the title


def find_font(settings: dict[str, Any]) -> Path:
    """``HUB_CARD_FONT`` (relative to the folder holding content/), else one of
    FONT_PATHS, else a CJK font fontconfig knows."""
    chosen: Path | None = settings.get("HUB_CARD_FONT")  # a Path: the setting's check made it
    if chosen:
        path = chosen
        if not path.is_absolute():  # beside content/, where the settings file is
            path = Path(settings["PATH"]).resolve().parent / path
        if not path.is_file():
            raise SettingsError(
                "HUB_CARD_FONT: expected a font file (.ttf, .otf or .ttc), "
                f"found {describe(str(chosen))}, which does not exist"
            )
        return path
    found = [Path(path) for path in FONT_PATHS if Path(path).is_file()]
    if not found and shutil.which("fc-match"):
        matched = subprocess.run(
            ["fc-match", "-f", "%{file}", ":lang=zh-cn"],
            capture_output=True,
            text=True,
            check=False,
        ).stdout.strip()
        if matched and Path(matched).is_file():
            found.append(Path(matched))
    if not found:
        raise SettingsError(
            "HUB_CARD_FONT: expected a CJK font for share cards, found none on this system; "
            "install fonts-noto-cjk or set HUB_CARD_FONT to a .ttf/.otf/.ttc file"
        )
    return found[0]


class CardMaker:
    """The share cards of one build, in one font."""

    def __init__(self, settings: dict[str, Any]) -> None:
        self.font_path = find_font(settings)
        status = self.font_path.stat()
        self._faces: dict[int, Any] = {}
        # the drawing's code (Pillow's version included) and the font: a change redraws all
        self.identity = digest(code_identity(__name__), str(self.font_path), status.st_size)

    def memo(self, card: Card) -> str:
        """What the card's bytes are made from: the font, the drawing, what it shows."""
        return digest(self.identity, card)

    def write(self, writer: Any, card: Card) -> None:
        """Put ``card`` into the output: kept from the last build when unchanged."""
        self.write_all(writer, [card], 1)

    def write_all(
        self, writer: Any, cards: list[Card], jobs: int, background: Background | None = None
    ) -> None:
        """Put ``cards`` into the output; those not kept from the last build are drawn, on
        ``jobs`` processes (0: one per core) when there are many (a first build): with
        ``background``, while the build goes on, put when it finishes."""
        todo = [card for card in cards if not writer.files.reuse(self.memo(card), card.path)]
        workers = min(jobs or os.cpu_count() or 1, len(todo))
        if workers < 2 or len(todo) < PARALLEL_FROM:
            self._put(writer, todo, map(self.draw, todo))
            return
        chunks = max(1, len(todo) // (workers * 8))
        if background is None:
            with pooled(workers, _start, str(self.font_path)) as drawing:
                self._put(writer, todo, drawing.map(_draw, todo, chunksize=chunks))
            return
        # Every card is sent to the workers now; each writes its PNGs into staging and
        # answers with their digests, so the build's process neither holds nor hashes them
        # (30,000 cards at 10,000 documents were 600 MB kept until the commit).
        files = writer.files
        drawing = background.pool(("cards", str(self.font_path)), lambda: self._pool(workers))
        staged = drawing.map(_draw_into, todo, repeat(str(files.staging)), chunksize=chunks)
        background.then(lambda: self._placed(files, todo, staged))

    def _put(self, writer: Any, cards: list[Card], drawn: Iterable[bytes]) -> None:
        for card, data in zip(cards, drawn, strict=True):
            writer.write_bytes(card.path, data, memo=self.memo(card))

    def _placed(self, files: OutputFiles, cards: list[Card], digests: Iterable[str]) -> None:
        for card, bytes_digest in zip(cards, digests, strict=True):
            files.placed(card.path, bytes_digest, memo=self.memo(card))

    def _pool(self, workers: int) -> ProcessPoolExecutor:
        """Workers that each load the font once, and end with the build (``workers``)."""
        return pool(workers, _start, str(self.font_path))

    def font(self, size: int) -> Any:
        """The font at ``size``: in a collection, its simplified Chinese face."""
        if size not in self._faces:
            self._faces[size] = ImageFont.truetype(
                str(self.font_path), size, index=self._face_index
            )
        return self._faces[size]

    @cached_property
    def _face_index(self) -> int:
        if self.font_path.suffix.lower() != ".ttc":
            return 0
        for index in range(16):
            try:
                face = ImageFont.truetype(str(self.font_path), 20, index=index)
            except OSError:
                break
            if "SC" in " ".join(face.getname()):
                return index
        return 0

    def draw(self, card: Card) -> bytes:
        """The card as PNG bytes."""
        out = io.BytesIO()
        # Five inks and their anti-aliased edges fit 32 colours: a palette PNG is a third
        # of the RGB file's bytes (75 -> 28 KB), and quantising costs less than it saves
        # in compressing (16 -> 9 ms); past level 3, compressing costs more than it saves.
        self.image(card).quantize(COLOURS, method=Image.Quantize.FASTOCTREE).save(
            out, "PNG", compress_level=3
        )
        return out.getvalue()

    def image(self, card: Card) -> Image.Image:
        """The card drawn in full colour."""
        image = Image.new("RGB", (WIDTH, HEIGHT), BACKGROUND)
        draw = ImageDraw.Draw(image)
        draw.rectangle((0, 0, 18, HEIGHT), fill=ACCENT)
        label_font = self.font(30)
        left, top = MARGIN, 64
        width = draw.textlength(card.label, font=label_font) + 40
        draw.rounded_rectangle((left, top, left + width, top + 52), 26, fill=ACCENT)
        draw.text((left + 20, top + 8), card.label, font=label_font, fill=BACKGROUND)
        top += 100
        room = WIDTH - 2 * MARGIN
        size = 68
        title_font = self.font(size)
        for line in wrap(card.title, title_font, room, 3, draw):
            draw.text((left, top), line, font=title_font, fill=INK)
            top += size + 24
        top = max(top + 16, HEIGHT - 90 - 46 * len(card.lines))
        for line in card.lines[:3]:
            for row in wrap(line, self.font(32), room, 1, draw):
                draw.text((left, top), row, font=self.font(32), fill=MUTED)
            top += 46
        return image


_worker: CardMaker | None = None  # each worker process's maker, made once when it starts


def _start(font: str) -> None:
    global _worker
    _worker = CardMaker({"HUB_CARD_FONT": Path(font)})


def _draw(card: Card) -> bytes:
    assert _worker is not None
    return _worker.draw(card)


def _draw_into(card: Card, staging: str) -> str:
    return stage(staging, card.path, _draw(card))


def wrap(text: str, font: Any, room: float, rows: int, draw: Any) -> list[str]:
    """Lines of at most ``room`` pixels, CJK text broken between any two characters but
    before closing punctuation; the last of ``rows`` lines ends in … when text is left."""
    lines: list[str] = []
    line = ""
    for character in " ".join(text.split()):
        if draw.textlength(line + character, font=font) <= room or (
            character in NO_LINE_START and line
        ):
            line += character
            continue
        lines.append(line.rstrip())
        line = character.lstrip()
        if len(lines) == rows:
            break
    else:
        if line:
            lines.append(line)
        return lines
    last = lines[-1]
    while last and draw.textlength(last + "…", font=font) > room:
        last = last[:-1]
    lines[-1] = last + "…"
    return lines
