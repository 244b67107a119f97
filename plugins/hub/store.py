"""The build store: everything a build keeps for the next one, in one folder.

A costly step (front matter, Markdown, conversations, topics, digest renderings,
feed entries, search words …) keeps its results under keys that digest exactly
what each result was made from, in a named ``Step`` of the store. A step's
identity is the identity of the code that computes it, derived from the source of
its modules and every qunzhi module they import (and the versions of the other
distributions they import), plus the settings it names: a change to any of that
code, in this repository or a hub's fork of it, makes the step start empty, with
no version constant to bump by hand.

``BuildStore`` is opened once per build (``BuildStore.of``), saved once when the
build succeeds (``save``), and drops at that point every step, key and folder the
build did not use. ``fresh`` (``qunzhi build --full``, ``HUB_FULL_REBUILD``) opens
an empty store.

Results are plain data in ``marshal`` files (fast, no code), a step's keys spread
over ``SHARDS`` files so that one edit rewrites one shard; a shard written under
another identity is ignored, and one that cannot be read is computed again with a
warning, never a failure. A cache path that holds the wrong kind of thing (a file
where a folder should be, or the reverse) is replaced when it is next written.
"""

from __future__ import annotations

import ast
import fcntl
import hashlib
import importlib.metadata
import logging
import marshal
import os
import shutil
import sys
import zlib
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from typing import Any

logger = logging.getLogger(__name__)

FORMAT = 1  # of the store's own files: marshal shards as (identity, {key: value})
SHARDS = 32
OUTPUTS = "outputs"  # the output manifests, one per output folder (hub.output)
ROOT = "qunzhi-store"  # under CACHE_PATH, which a hub may share with other tools
# what earlier versions kept at the top of CACHE_PATH, removed by the first save
LEGACY = ("*.marshal", "output-*.json", "search")


def digest(*parts: Any) -> str:
    """A short stable key for plain values (their ``repr``)."""
    return hashlib.blake2b(repr(parts).encode(), digest_size=16).hexdigest()


def write_whole(path: Path, data: bytes) -> None:
    """Write ``path`` aside, then move it into place: a reader never sees half a file.
    A folder where the file should be is replaced; an error names ``path``."""
    make_folder(path.parent)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        temporary.write_bytes(data)
        if path.is_dir() and not path.is_symlink():  # its reader said it could not read it
            shutil.rmtree(path)
        temporary.replace(path)
    except OSError as error:
        temporary.unlink(missing_ok=True)
        raise named(error, path) from error


def named(error: OSError, path: Path) -> OSError:
    """``error`` naming ``path`` when it names no file (a write that filled the disk)."""
    if error.filename is not None:
        return error
    return type(error)(error.errno, error.strerror or str(error), str(path))


def make_folder(path: Path) -> Path:
    """``path`` as a folder, made when missing; a file (or a dangling link) where it, or
    a folder above it, should be is replaced (whoever read it there said so)."""
    if path.is_dir():
        return path
    if path.exists() or path.is_symlink():
        path.unlink()
    elif path.parent != path:
        make_folder(path.parent)
    path.mkdir(exist_ok=True)
    return path


@contextmanager
def locked(path: Path, waiting: str = "") -> Iterator[None]:
    """An exclusive ``flock`` on ``path`` while the block runs. The kernel releases it when
    the file is closed or its process ends, however it ends, so it is never stale.
    ``waiting``: what to log, with the holder's process id, when another process holds it
    (the call then waits for it)."""
    make_folder(path.parent)
    if path.is_dir() and not path.is_symlink():
        logger.warning("store: %s: expected a file, found a folder; replaced", path)
        shutil.rmtree(path)
    with path.open("a+", encoding="utf-8") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            if waiting:
                lock.seek(0)
                holder = lock.read().strip() or "?"
                logger.warning("%s (process %s holds %s)", waiting, holder, path)
            fcntl.flock(lock, fcntl.LOCK_EX)
        if waiting:  # for the message of the next one to wait
            lock.truncate(0)
            lock.write(f"{os.getpid()}\n")
            lock.flush()
        yield


def code_identity(*modules: str) -> str:
    """The identity of the code of ``modules``: their source, the source of every qunzhi
    module they import, directly or not, and the versions of the distributions they
    import, as the running process loaded them (one computation per process)."""
    return _code_identity(tuple(sorted(set(modules))))


@cache
def _code_identity(modules: tuple[str, ...]) -> str:
    found = hashlib.blake2b(sys.version.encode(), digest_size=16)
    seen: set[str] = set()
    outside: set[str] = set()
    todo = list(modules)
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        module = _module(name)
        if module is None:
            if name.partition(".")[0] != _OWN:
                outside.add(name.partition(".")[0])
            else:  # one of ours that is not a module: a name ``from x import`` took
                todo.append(name.rpartition(".")[0])
            continue
        source, imports = module
        found.update(f"{name}\0{source}\0".encode())
        todo.extend(imports)
    for version in sorted(set(_versions(outside))):  # a distribution may be found twice
        found.update(version.encode())
    return found.hexdigest()


_OWN = __name__.partition(".")[0]  # "qunzhi"


@cache
def _module(name: str) -> tuple[str, tuple[str, ...]] | None:
    """One of our modules' source digest and what it imports, read and parsed once per
    process however many steps' code it belongs to; None for any other module."""
    path = _source(name)
    if path is None:
        return None
    source = path.read_bytes()
    imports = tuple(_imports(name, path.name == "__init__.py", source))
    return hashlib.blake2b(source, digest_size=16).hexdigest(), imports


def _source(name: str) -> Path | None:
    """The source file of one of our modules, or None for any other module."""
    if name.partition(".")[0] != _OWN:
        return None
    module = sys.modules.get(name)
    if module is None:
        try:
            module = __import__(name, fromlist=["_"])
        except ImportError:
            return None  # ``from package import name`` named an attribute, not a module
    origin = getattr(module, "__file__", None)
    return Path(origin) if origin and origin.endswith(".py") else None


def _imports(name: str, package: bool, source: bytes) -> Iterable[str]:
    """The modules one module imports, as absolute names: ``from x import y`` yields
    ``x`` and ``x.y`` (when ``x.y`` is no module, the caller takes ``x``), but
    ``from . import y`` only the package's ``y``: a sibling, not the package itself."""
    base = name if package else name.rpartition(".")[0]
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            parent = base
            for _ in range(node.level - 1):
                parent = parent.rpartition(".")[0]
            module = node.module or ""
            absolute = (f"{parent}.{module}" if module else parent) if node.level else module
            if module:
                yield absolute
            if absolute.partition(".")[0] == _OWN:
                yield from (f"{absolute}.{alias.name}" for alias in node.names)


def _versions(modules: set[str]) -> Iterable[str]:
    """``name=version`` of the distributions that provide these top-level modules."""
    providers = _providers()
    for module in modules:
        for name in providers.get(module, ()):
            try:
                yield f"{name}={importlib.metadata.version(name)}"
            except importlib.metadata.PackageNotFoundError:
                continue


@cache
def _providers() -> Mapping[str, list[str]]:
    return importlib.metadata.packages_distributions()


def _shard(key: str) -> int:
    return zlib.crc32(key.encode()) % SHARDS


class Step:
    """One step's results by key, read from its folder when their identity matches;
    a result got or put is kept for the next build, any other is dropped at save."""

    def __init__(self, path: Path | None, identity: str, fresh: bool = False) -> None:
        self.path, self.identity = path, identity
        self._known: dict[str, Any] = {}
        self._keys: list[set[str]] = [set() for _ in range(SHARDS)]  # as read, per shard
        self._dirty: set[int] = set()  # shards whose values were put anew
        self.used: dict[str, Any] = {}
        if path is not None and not fresh and path.is_dir():
            self._read(path)
        elif path is not None and not fresh and (path.exists() or path.is_symlink()):
            logger.warning("store: %s: expected a folder, found a file; computed again", path)

    def _read(self, path: Path) -> None:
        unread = []
        for number in range(SHARDS):
            shard = path / f"{number:02d}.marshal"
            try:
                written, known = marshal.loads(shard.read_bytes())
            except FileNotFoundError:
                continue
            except (OSError, EOFError, ValueError, TypeError):
                unread.append(shard.name)
                self._dirty.add(number)  # written again, whatever this build puts there
                continue
            if written == self.identity and isinstance(known, dict):
                self._known.update(known)
                self._keys[number] = set(known)
        if unread:
            logger.warning(
                "store: %s: %s could not be read; what they kept is computed again",
                path,
                ", ".join(unread),
            )

    @property
    def reused(self) -> int:
        """How many results this build took from an earlier one."""
        return sum(1 for key, value in self.used.items() if self._known.get(key) is value)

    def get(self, key: str) -> Any:
        """The value kept for ``key``, or None."""
        found = self.used.get(key)
        if found is None:
            found = self._known.get(key)
            if found is not None:
                self.used[key] = found
        return found

    def recall(self, key: str, now: Callable[[Any], str]) -> Any:
        """The value kept for ``key`` by ``remember``, if what it read is as it was
        (``now(reads)`` gives the digest it was kept with), else None."""
        found = self.used.get(key) or self._known.get(key)
        if found is None:
            return None
        reads, then, value = found
        if now(reads) != then:
            return None
        self.used[key] = found
        return value

    def remember(self, key: str, reads: Any, now: str, value: Any) -> None:
        """Keep ``value``, which read ``reads`` (plain data) while they digested to ``now``:
        a later build takes it back while they still do, whatever else changed."""
        self.put(key, (reads, now, value))

    def put(self, key: str, value: Any) -> None:
        if self._known.get(key) is not value:
            self._dirty.add(_shard(key))
        self.used[key] = value

    def save(self) -> None:
        """Write the shards whose keys or values this build changed; each aside, then moved."""
        if self.path is None:
            return
        shards: list[dict[str, Any]] = [{} for _ in range(SHARDS)]
        for key, value in self.used.items():
            shards[_shard(key)][key] = value
        changed = [
            number
            for number, values in enumerate(shards)
            if number in self._dirty or values.keys() != self._keys[number]
        ]
        if not changed:
            return
        make_folder(self.path)
        for number in changed:
            data = marshal.dumps((self.identity, shards[number]))
            write_whole(self.path / f"{number:02d}.marshal", data)


class BuildStore:
    """What one build reads of earlier builds and keeps for later ones.

    ``folder`` None keeps nothing (a test, a preview); ``writable`` False reads what
    is kept and never changes it (``qunzhi check``, ``qunzhi search``)."""

    def __init__(self, folder: Path | None, fresh: bool = False, writable: bool = True) -> None:
        self.folder, self.fresh, self.writable = folder, fresh, writable
        self.steps: dict[str, Step] = {}
        self._folders: set[str] = set()

    @classmethod
    def of(cls, settings: Mapping[str, Any], writable: bool = True) -> BuildStore:
        """The store of the hub these settings build: ``CACHE_PATH/qunzhi-store``."""
        from .settings import cache_folder  # settings imports nothing of the store

        fresh = bool(settings.get("HUB_FULL_REBUILD"))
        return cls(cache_folder(settings) / ROOT, fresh, writable)

    def step(self, name: str, *made_with: Any, code: Iterable[str]) -> Step:
        """The step ``name``, whose results ``code`` (module names) computes and which
        depend, besides each result's key, on ``made_with`` (settings, word lists …)."""
        identity = digest(FORMAT, code_identity(*code), made_with)
        found = self.steps.get(name)
        if found is not None and found.identity == identity:
            return found
        path = self.folder / name if self.folder is not None else None
        found = self.steps[name] = Step(path, identity, fresh=self.fresh)
        return found

    def own_folder(self, name: str) -> Path | None:
        """A folder that one part of the build manages itself (the search index), kept
        while builds use it."""
        self._folders.add(name)
        return self.folder / name if self.folder is not None else None

    def outputs(self) -> Path | None:
        """Where the output manifests are: one per output folder, never dropped."""
        return self.folder / OUTPUTS if self.folder is not None else None

    def save(self) -> None:
        """Keep what this build used, and only that: called once, when the build succeeded."""
        if self.folder is None or not self.writable:
            return
        for name, step in sorted(self.steps.items()):
            if self.fresh and step.path is not None:
                remove(step.path)  # nothing an earlier build kept survives a full build
            step.save()
            reused = step.reused
            logger.info("store: %s: %s reused, %s made", name, reused, len(step.used) - reused)
        used = {*self.steps, *self._folders, OUTPUTS}
        if self.folder.is_dir():
            for entry in self.folder.iterdir():
                # a folder's own lock (search-index.lock) and hidden work files stay
                if entry.name.partition(".")[0] not in used and not entry.name.startswith("."):
                    remove(entry)
        for pattern in LEGACY:
            for entry in self.folder.parent.glob(pattern):
                if entry.suffix or (entry / "hashes.json").exists():  # ours, not another tool's
                    remove(entry)


def remove(entry: Path) -> None:
    """A file, link or folder of the store, whichever it is."""
    if entry.is_dir() and not entry.is_symlink():
        shutil.rmtree(entry, ignore_errors=True)
    else:
        entry.unlink(missing_ok=True)
