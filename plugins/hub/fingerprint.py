"""What a build is made from, as one digest: the same digest makes the same site.

A rebuild whose content, theme, settings, code and "now" are those of the last
successful build, into an output folder left as that build wrote it, would write
the same bytes; ``qunzhi build`` then stops after this check (``make``'s rule, on
file contents rather than times, so a checkout or a save without a change does
not count). "Now" counts through ``Hub.next_change``: a clock build stays valid
only until a document's date, an event's end or a digest period's end passes.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import qunzhi

from .themefolders import theme_folders

# Distributions whose version changes what a build writes.
ENGINES = ("pelican", "markdown", "jinja2", "pyyaml", "feedgen", "whoosh-reloaded", "rjieba")
ADDRESS = re.compile(r" at 0x[0-9a-f]+")


@dataclass(frozen=True)
class Fingerprint:
    """A build's inputs: ``inputs`` covers all of them; ``engine`` all but the content
    (settings, theme, code, engine versions); ``content`` is each content file's digest."""

    inputs: str
    engine: str
    content: dict[str, str]


def _files(root: Path) -> Iterable[Path]:
    for folder, folders, names in os.walk(root):
        folders[:] = sorted(name for name in folders if name != "__pycache__")
        for name in sorted(names):
            yield Path(folder, name)


def _stamp(path: Path, root: Path) -> str:
    """A file by name, size and modification time: code and caches, read whole by others."""
    status = path.stat()
    return f"{path.relative_to(root).as_posix()}\0{status.st_size}:{status.st_mtime_ns}\0"


def _bytes_digest(path: Path) -> str:
    return hashlib.blake2b(path.read_bytes(), digest_size=16).hexdigest()


def _versions() -> str:
    found = []
    for name in ENGINES:
        try:
            found.append(f"{name}={importlib.metadata.version(name)}")
        except importlib.metadata.PackageNotFoundError:
            found.append(f"{name}=-")
    return ",".join(found)


def fingerprint(settings: dict[str, Any]) -> Fingerprint:
    """Digest everything a build reads: content and theme by bytes, the installed code by
    size and time, the settings (without memory addresses) and the engines' versions."""
    engine = hashlib.blake2b(digest_size=16)
    engine.update(
        ADDRESS.sub("", repr(sorted(settings.items(), key=lambda item: item[0]))).encode()
    )
    engine.update(_versions().encode())
    for layer, theme in enumerate(theme_folders(settings)):
        for path in _files(theme):
            name = path.relative_to(theme).as_posix()
            engine.update(f"{layer}\0{name}\0{_bytes_digest(path)}".encode())
    code = Path(qunzhi.__file__).parent
    for path in _files(code):
        engine.update(_stamp(path, code).encode())
    root = Path(settings["PATH"])
    content = {  # a link to nowhere is the content check's error, not a traceback here
        path.relative_to(root).as_posix(): _bytes_digest(path)
        for path in _files(root)
        if path.exists()
    }
    everything = hashlib.blake2b(engine.digest(), digest_size=16)
    everything.update(repr(sorted(content.items())).encode())
    return Fingerprint(everything.hexdigest(), engine.hexdigest(), content)


def with_store(inputs: str, store: Path, outputs: Path) -> str:
    """``inputs`` and the state of the build store (the search index …), by size and
    time, but its ``outputs`` (the manifests, not an input): a store deleted or damaged
    since the last build is a reason to build."""
    digest = hashlib.blake2b(inputs.encode(), digest_size=16)
    if store.is_dir():
        for path in _files(store):
            if outputs not in path.parents:
                digest.update(_stamp(path, store).encode())
    return digest.hexdigest()


def still_valid(until: str | None, now: datetime) -> bool:
    """The last build's site still holds at ``now`` (``until``: its ``Hub.next_change``)."""
    return until is not None and now < datetime.fromisoformat(until)
