"""The output folder replaced whole, in one step: a reader (or a host's upload) never sees
half of one site and half of another.

A build makes the new site in a folder beside the output (``.qunzhi-staging-…``): the
files whose bytes changed are written there, and every other file is a hard link to the
same file of the current site (no bytes copied, the same inode and modification time,
so an upload or ``rsync`` still sees only the changed files). Then one
``renameat2(RENAME_EXCHANGE)`` swaps the two folders: at every instant ``output`` is
the complete old site or the complete new one, a real folder either way, whatever
stops the build (``kill -9``, a full disk). The old site, now at the staging name, is
deleted after the swap, or by the next build when this one was killed first.

Where the exchange is not supported (a file system or a system without it), the swap
is two renames with an instant between them when ``output`` is missing; a build
stopped in that instant leaves the old site complete at ``.qunzhi-retired-…``, which
the next build puts back first (``recover``).
"""

from __future__ import annotations

import ctypes
import errno
import logging
import os
import shutil
import sys
from pathlib import Path

logger = logging.getLogger(__name__)

RETIRED_PREFIX = ".qunzhi-retired-"
_AT_FDCWD = -100
_RENAME_EXCHANGE = 2
_UNSUPPORTED = {errno.EINVAL, errno.ENOSYS, errno.ENOTSUP, errno.EOPNOTSUPP}


def link_or_copy(source: Path, target: Path) -> None:
    """``target`` as the same file as ``source``: a hard link, or a copy (with its
    modification time) where a link cannot be made (an immutable file, a file system
    without hard links)."""
    try:
        os.link(source, target, follow_symlinks=False)
    except OSError:
        shutil.copy2(source, target, follow_symlinks=False)


def link_tree(source: Path, target: Path) -> None:
    """A folder kept across builds (OUTPUT_RETENTION: ``.git`` …) carried into the new
    site: its folders made again, its files hard links."""
    if source.is_dir() and not source.is_symlink():
        shutil.copytree(source, target, symlinks=True, copy_function=link_or_copy)
    else:
        link_or_copy(source, target)


def _exchange(first: Path, second: Path) -> bool:
    """Swap two paths in one system call; False where the system cannot."""
    if not sys.platform.startswith("linux"):
        return False
    renameat2 = getattr(ctypes.CDLL(None, use_errno=True), "renameat2", None)
    if renameat2 is None:
        return False
    done = renameat2(
        _AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second), _RENAME_EXCHANGE
    )
    if done == 0:
        return True
    number = ctypes.get_errno()
    if number in _UNSUPPORTED:
        return False
    raise OSError(number, os.strerror(number), str(second), None, str(first))


def swap_in(new: Path, output: Path) -> Path | None:
    """Put the folder ``new`` at ``output``; where the previous site is now (to delete),
    None when there was none."""
    if not output.exists() and not output.is_symlink():
        new.rename(output)
        return None
    if _exchange(new, output):
        return new
    retired = output.with_name(f"{RETIRED_PREFIX}{os.getpid()}-{output.name}")
    output.rename(retired)
    new.rename(output)  # stopped before this: ``recover`` puts the old site back
    return retired


def recover(output: Path) -> None:
    """Put the previous site back when a build was stopped between the two renames of
    ``swap_in`` (where the exchange is not supported) and ``output`` is missing."""
    if output.exists() or output.is_symlink():
        return
    for retired in sorted(output.parent.glob(f"{RETIRED_PREFIX}*-{output.name}")):
        if retired.is_dir():
            retired.rename(output)
            logger.warning(
                "hub: %s was missing (a build was stopped while it swapped the sites); "
                "the previous site is back",
                output,
            )
            return
