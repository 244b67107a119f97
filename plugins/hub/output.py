"""The output folder, made again whole: only files whose bytes changed are written.

A build hands every file it makes to ``OutputFiles.put``, which compares the
bytes with what the last build wrote there (a manifest of digests, sizes and
modification times kept in the build store, ``BuildStore.outputs``) and stages
only what differs. When the whole build has succeeded, ``commit`` makes the staging
folder the complete new site (every unchanged file a hard link to the current one)
and swaps it in for the output in one step (``generations``); a failed or stopped
build stages at most, and leaves the output as it was. After a one-line edit an
upload (or a web server's cache) sees a handful of changed files, not the whole site:
the others keep their inode and modification time.

A file in the output folder that does not match the manifest (edited, deleted or
replaced by hand) is written again.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import shutil
import stat
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

from pelican.writers import Writer

from .fingerprint import Fingerprint, still_valid
from .generations import link_or_copy, link_tree, swap_in
from .store import write_whole

logger = logging.getLogger(__name__)

MANIFEST_VERSION = 2
Entry = tuple[str, int, int, str]  # digest of the bytes, size, st_mtime_ns, memo key or ""


def file_digest(data: bytes) -> str:
    """What the manifest records of a file's bytes."""
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def stage(staging: str, path: str, data: bytes) -> str:
    """Write ``data`` at ``path`` in a build's staging folder from any process (a worker
    drawing cards), returning its digest for ``OutputFiles.placed``."""
    target = Path(staging, path)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(data)
    return file_digest(data)


def manifest_path(outputs: Path, output: Path) -> Path:
    """One manifest per output folder: ``--output`` elsewhere keeps its own."""
    name = hashlib.blake2b(str(output).encode(), digest_size=6).hexdigest()
    return outputs / f"{name}.json"


class OutputFiles:
    """This build's files: what changed is staged, what did not is only recorded;
    ``fresh``: keep no file unrendered (``reuse``), as ``--full`` asks."""

    def __init__(self, output: Path, staging: Path, manifest: Path, fresh: bool = False) -> None:
        self.output, self.staging, self.manifest = output, staging, manifest
        self._staging_inode = staging.stat().st_ino if staging.exists() else -1
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
        """The last build's manifest; one that cannot be read is a warning, and every
        output file is written again."""
        try:
            written = json.loads(self.manifest.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return
        except (OSError, ValueError) as error:
            written = error
        if isinstance(written, dict) and written.get("version") != MANIFEST_VERSION:
            return  # an earlier version's: not a problem
        read = _manifest(written)
        if read is None:
            logger.warning(
                "hub: %s: the output manifest could not be read (%s); every output file "
                "is written again",
                self.manifest,
                written if isinstance(written, OSError | ValueError) else "not a manifest",
            )
            return
        self.previous, self.built_from, self.valid_until = read

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
        digest = file_digest(data)
        self.files[path] = digest
        if not self.intact(path, digest):
            target = self.staging / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
            self.staged.add(path)

    def placed(self, path: str, digest: str, memo: str = "") -> None:
        """A file another process wrote into staging itself (``stage``), with the digest of
        its bytes: kept staged when they differ from the output's, as ``put`` would."""
        if path in self.files:
            raise ValueError(f"{path}: written twice in one build")
        self.memos[path], self.files[path] = memo, digest
        if self.intact(path, digest):
            (self.staging / path).unlink()
        else:
            self.staged.add(path)

    def _adopt_staging(self) -> None:
        """Files Pelican itself copied into staging (theme assets, images)."""
        for folder, _, names in os.walk(self.staging):
            for name in names:
                absolute = Path(folder, name)
                path = absolute.relative_to(self.staging).as_posix()
                if path in self.files:
                    continue
                digest = file_digest(absolute.read_bytes())
                self.files[path] = digest
                if self.intact(path, digest):
                    absolute.unlink()
                else:
                    self.staged.add(path)

    def _entry(self, path: str, digest: str) -> Entry:
        if path in self.staged:
            status = (self.staging / path).stat()
            size, time = status.st_size, status.st_mtime_ns
        else:
            _, size, time, _ = self.previous[path]
        return digest, size, time, self.memos.get(path, "")

    def _link_unchanged(self, retention: list[str]) -> None:
        """Make staging the whole site: the files this build did not write again, and
        OUTPUT_RETENTION's entries (``.git`` …), as hard links to the output's."""
        folders: set[Path] = set()
        for path in self.files:
            if path in self.staged:
                continue
            target = self.staging / path
            if target.parent not in folders:
                target.parent.mkdir(parents=True, exist_ok=True)
                folders.add(target.parent)
            link_or_copy(self.output / path, target)
        for name in retention:
            kept, target = self.output / name, self.staging / name
            if (kept.exists() or kept.is_symlink()) and not target.exists():
                link_tree(kept, target)

    def commit(self, retention: list[str], inputs: str | None) -> None:
        """Swap the staging folder, made the whole new site, in for the output, then note
        what the build was made from (``inputs``; None: nothing to skip a build by).
        Once swapped, nothing fails the build: what cannot be tidied is a warning."""
        self._adopt_staging()
        self._link_unchanged(retention)
        entries = {path: self._entry(path, digest) for path, digest in self.files.items()}
        if self.output.is_dir():
            self.staging.chmod(stat.S_IMODE(self.output.stat().st_mode))
        previous = swap_in(self.staging, self.output)
        if previous is not None:
            _delete_previous(previous)
        manifest = {
            "version": MANIFEST_VERSION,
            "inputs": inputs if self.until is not None else None,
            "until": self.until.isoformat() if self.until is not None else None,
            "files": entries,
        }
        try:
            write_whole(self.manifest, json.dumps(manifest).encode())
        except OSError as error:
            logger.warning(
                "hub: %s: %s; the next build writes every output file again",
                error.filename,
                error.strerror,
            )
        logger.info(
            "hub: %s files made (%s of them kept unrendered), %s written, %s deleted",
            len(self.files),
            self.reused,
            len(self.staged),
            sum(1 for path in self.previous if path not in self.files),
        )

    def landed(self) -> bool:
        """The output is this build's new site (``commit`` swapped it in)."""
        try:
            return self.output.stat().st_ino == self._staging_inode
        except OSError:
            return False


def _delete_previous(previous: Path) -> None:
    """The previous site, swapped out; what cannot be deleted (an immutable file) is left
    with a warning, and tried again by the next build (``atomic.clear_leftovers``)."""
    shutil.rmtree(previous, ignore_errors=True)
    if previous.exists():
        logger.warning(
            "hub: %s: the previous site could not be deleted whole; the next build tries again",
            previous,
        )


def _manifest(written: Any) -> tuple[dict[str, Entry], str | None, str | None] | None:
    """The files, inputs and time limit of a manifest as read, or None if it is not one."""
    if not isinstance(written, dict) or not isinstance(written.get("files"), dict):
        return None
    files: dict[str, Entry] = {}
    for path, entry in written["files"].items():
        if not isinstance(entry, list) or [type(part) for part in entry] != [str, int, int, str]:
            return None
        files[path] = (entry[0], entry[1], entry[2], entry[3])
    inputs, until = written.get("inputs"), written.get("until")
    if not isinstance(inputs, str | None) or not isinstance(until, str | None):
        return None
    try:
        if until is not None:
            datetime.fromisoformat(until)
    except ValueError:
        return None
    return files, inputs, until


def _output_files(output: Path, retention: list[str]) -> Iterator[str]:
    """Every file under ``output``, relative, but OUTPUT_RETENTION's entries (.git …)."""
    for folder, folders, names in os.walk(output):
        relative = Path(folder).relative_to(output)
        if relative == Path():
            folders[:] = [name for name in folders if name not in retention]
            names = [name for name in names if name not in retention]
        for name in names:
            yield (relative / name).as_posix()


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
