"""The output folder, updated in place: only files whose bytes changed are written.

A build hands every file it makes to ``OutputFiles.put``, which compares the
bytes with what the last build wrote there (a manifest of digests, sizes and
modification times kept in the build store, ``BuildStore.outputs``) and stages
only what differs. When the whole build has succeeded, ``commit`` moves the
staged files into the output folder and deletes the files the build no longer
makes; a failed build stages at most, and leaves the output as it was. After a
one-line edit an upload (or a web server's cache) sees a handful of changed
files, not the whole site.

A file in the output folder that does not match the manifest (edited, deleted or
replaced by hand, or left half-done by a killed commit) is written again.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import shutil
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

from pelican.writers import Writer

from .fingerprint import Fingerprint, still_valid
from .store import write_whole

logger = logging.getLogger(__name__)

MANIFEST_VERSION = 2
Entry = tuple[str, int, int, str]  # digest of the bytes, size, st_mtime_ns, memo key or ""


def _digest(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def manifest_path(outputs: Path, output: Path) -> Path:
    """One manifest per output folder: ``--output`` elsewhere keeps its own."""
    name = hashlib.blake2b(str(output).encode(), digest_size=6).hexdigest()
    return outputs / f"{name}.json"


class OutputFiles:
    """This build's files: what changed is staged, what did not is only recorded;
    ``fresh``: keep no file unrendered (``reuse``), as ``--full`` asks."""

    def __init__(self, output: Path, staging: Path, manifest: Path, fresh: bool = False) -> None:
        self.output, self.staging, self.manifest = output, staging, manifest
        self.fresh = fresh
        self.previous: dict[str, Entry] = {}
        self.built_from: str | None = None  # the last build's fingerprint.inputs()
        self.valid_until: str | None = None  # and its Hub.next_change()
        if output.is_dir():
            self._read_manifest()
        self.files: dict[str, str] = {}  # path relative to the output -> digest
        self.memos: dict[str, str] = {}  # path -> what the file was made from (pagememo)
        self.staged: set[str] = set()
        self.reused = 0  # files kept by reuse(), not made again
        self.fingerprint: Fingerprint | None = None  # this build's inputs, when known
        self.until: datetime | None = None  # this build's Hub.next_change(), set by the hub

    def _read_manifest(self) -> None:
        try:
            written = json.loads(self.manifest.read_text(encoding="utf-8"))
            if written.get("version") == MANIFEST_VERSION:
                self.previous = {path: tuple(entry) for path, entry in written["files"].items()}
                self.built_from, self.valid_until = written["inputs"], written["until"]
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            self.previous = {}

    def unchanged(self, inputs: str, now: datetime, retention: list[str]) -> bool:
        """The last build was made from ``inputs``, still holds at ``now``, and the output
        folder is as it left it: every file there, untouched, and no other."""
        if inputs != self.built_from or not still_valid(self.valid_until, now):
            return False
        found = 0
        for path in _output_files(self.output, retention):
            entry = self.previous.get(path)
            if entry is None or not self.intact(path, entry[0]):
                return False
            found += 1
        return found == len(self.previous)

    def intact(self, path: str, digest: str) -> bool:
        """The output holds ``path`` with these bytes, as the last build left it."""
        entry = self.previous.get(path)
        if entry is None or entry[0] != digest:
            return False
        try:
            status = (self.output / path).stat()
        except OSError:
            return False
        return (status.st_size, status.st_mtime_ns) == (entry[1], entry[2])

    def reuse(self, memo: str, *paths: str) -> bool:
        """Keep the files the last build made from the same ``memo`` key, if all are intact."""
        if self.fresh:
            return False
        entries = [self.previous.get(path) for path in paths]
        for path, entry in zip(paths, entries, strict=True):
            if entry is None or entry[3] != memo or path in self.files:
                return False
            if not self.intact(path, entry[0]):
                return False
        for path, entry in zip(paths, entries, strict=True):
            self.files[path], self.memos[path] = entry[0], memo
        self.reused += len(paths)
        return True

    def put(self, path: str, data: bytes, again: bool = False, memo: str = "") -> None:
        """One output file: staged when its bytes differ from the output's.

        ``again``: this build may have written it before (the last write wins).
        ``memo``: what the file was made from, for ``reuse`` by the next build."""
        if path in self.files and not again:
            raise ValueError(f"{path}: written twice in one build")
        self.memos[path] = memo
        if path in self.staged:
            self.staged.discard(path)
            (self.staging / path).unlink()
        digest = _digest(data)
        self.files[path] = digest
        if not self.intact(path, digest):
            target = self.staging / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
            self.staged.add(path)

    def _adopt_staging(self) -> None:
        """Files Pelican itself copied into staging (theme assets, images)."""
        for folder, _, names in os.walk(self.staging):
            for name in names:
                absolute = Path(folder, name)
                path = absolute.relative_to(self.staging).as_posix()
                if path in self.files:
                    continue
                digest = _digest(absolute.read_bytes())
                self.files[path] = digest
                if self.intact(path, digest):
                    absolute.unlink()
                else:
                    self.staged.add(path)

    def _entry(self, path: str, digest: str) -> Entry:
        if path in self.staged:
            status = (self.output / path).stat()
            size, time = status.st_size, status.st_mtime_ns
        else:
            _, size, time, _ = self.previous[path]
        return digest, size, time, self.memos.get(path, "")

    def commit(self, retention: list[str], inputs: str | None) -> None:
        """Move staged files into the output, delete what the build no longer makes, and
        note what the build was made from (``inputs``; None: nothing to skip a build by)."""
        self._adopt_staging()
        self.output.mkdir(parents=True, exist_ok=True)
        for path in sorted(self.staged):
            _replace(self.staging / path, self.output, path)
        deleted = _delete_others(self.output, set(self.files), retention)
        entries = {path: self._entry(path, digest) for path, digest in self.files.items()}
        self.manifest.parent.mkdir(parents=True, exist_ok=True)
        manifest = {
            "version": MANIFEST_VERSION,
            "inputs": inputs if self.until is not None else None,
            "until": self.until.isoformat() if self.until is not None else None,
            "files": entries,
        }
        write_whole(self.manifest, json.dumps(manifest).encode())
        logger.info(
            "hub: %s files made (%s of them kept unrendered), %s written, %s deleted",
            len(self.files),
            self.reused,
            len(self.staged),
            deleted,
        )


def _replace(source: Path, output: Path, path: str) -> None:
    """``os.replace`` into the output, making way where a folder became a file or back."""
    for parent in reversed(Path(path).parents[:-1]):
        folder = output / parent
        if folder.is_file() or folder.is_symlink():
            folder.unlink()
    target = output / path
    target.parent.mkdir(parents=True, exist_ok=True)
    if target.is_dir() and not target.is_symlink():
        shutil.rmtree(target)
    source.replace(target)


def _output_files(output: Path, retention: list[str]) -> Iterator[str]:
    """Every file under ``output``, relative, but OUTPUT_RETENTION's entries (.git …)."""
    for folder, folders, names in os.walk(output):
        relative = Path(folder).relative_to(output)
        if relative == Path():
            folders[:] = [name for name in folders if name not in retention]
            names = [name for name in names if name not in retention]
        for name in names:
            yield (relative / name).as_posix()


def _delete_others(output: Path, kept: set[str], retention: list[str]) -> int:
    """Delete every file under ``output`` the build did not make, and folders left empty."""
    stale = [path for path in _output_files(output, retention) if path not in kept]
    emptied: set[Path] = set()
    for path in stale:
        (output / path).unlink()
        emptied.update(parent for parent in Path(path).parents if parent != Path())
    for relative in sorted(emptied, key=lambda path: len(path.parts), reverse=True):
        folder = output / relative
        if folder.is_dir() and not any(folder.iterdir()):
            folder.rmdir()
    return len(stale)


class OutputWriter(Writer):
    """Pelican's writer, handing each rendered file to ``OutputFiles`` instead of the disk;
    a build makes a subclass that names its files (``atomic.build_writer``)."""

    files: OutputFiles

    def __init__(self, output_path: str, settings: dict[str, Any]) -> None:
        super().__init__(output_path, settings=settings)
        self.memo = ""  # the memo key of the page being written (PageWriter sets it)

    def _open_w(self, filename: str, encoding: str, override: bool = False) -> Any:
        if filename in self._written_files and not override:
            raise ValueError(f"{filename}: written twice in one build")
        self._written_files.add(filename)
        return _Buffer(self, filename, encoding)

    def write_bytes(self, path: str, data: bytes, again: bool = False, memo: str = "") -> None:
        """A file the build made itself (feeds, search data, sitemap …), relative to the output;
        ``memo``: what it was made from (``OutputFiles.reuse``)."""
        self.files.put(path, data, again, memo)

    def write_text(self, path: str, text: str) -> None:
        self.files.put(path, text.encode("utf-8"))

    def _put(self, filename: str, data: bytes) -> None:
        path = Path(filename).relative_to(self.output_path).as_posix()
        self.files.put(path, data, memo=self.memo)


class _Buffer:
    """What ``open(filename, "w")`` gives Pelican's writer: text, handed over on close."""

    def __init__(self, writer: OutputWriter, filename: str, encoding: str) -> None:
        self.writer, self.filename, self.encoding = writer, filename, encoding
        self.parts: list[str] = []

    def write(self, text: str) -> int:
        self.parts.append(text)
        return len(text)

    def __enter__(self) -> _Buffer:
        return self

    def __exit__(self, kind: Any, *rest: Any) -> None:
        if kind is None:
            self.writer._put(self.filename, "".join(self.parts).encode(self.encoding))
