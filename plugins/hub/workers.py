"""Worker processes that end with the build that started them, however it ends.

The build converts Markdown, draws share cards and updates the search index on every
core (``concurrent.futures`` over ``forkserver`` processes). A worker waits on its
task queue, which does not close when the build's process is killed (``kill -9``):
the forkserver keeps it open. So each worker also watches the build's process (a
``pidfd`` that becomes readable when that process ends; a poll of its id where there
is none) and exits at once when it is gone. On Ctrl-C or SIGTERM, the build stops its
pools without waiting for their queued tasks (``stop_all``).
"""

from __future__ import annotations

import multiprocessing
import os
import select
import threading
import time
import weakref
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from typing import Any

_pools: weakref.WeakSet[ProcessPoolExecutor] = weakref.WeakSet()


def pool(workers: int, start: Callable[..., None] | None = None, *args: Any) -> ProcessPoolExecutor:
    """A pool of ``workers`` fresh processes (forkserver: whatever threads the build
    runs), each running ``start(*args)`` first, each ending when this process ends."""
    context = multiprocessing.get_context("forkserver")
    made = ProcessPoolExecutor(
        workers, mp_context=context, initializer=_started, initargs=(os.getpid(), start, args)
    )
    _pools.add(made)
    return made


@contextmanager
def pooled(workers: int, start: Callable[..., None] | None = None, *args: Any) -> Iterator[Any]:
    """``pool`` for one block: on an exception (Ctrl-C included) its workers are stopped
    at once, not after the tasks still queued."""
    made = pool(workers, start, *args)
    try:
        yield made
    except BaseException:
        stop(made)
        raise
    made.shutdown()


def stop(made: ProcessPoolExecutor) -> None:
    """End a pool's workers now: queued tasks are dropped."""
    processes = list((getattr(made, "_processes", None) or {}).values())
    made.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        process.kill()


def stop_all() -> None:
    """End the workers of every pool of this process (an interrupted build)."""
    for made in list(_pools):
        stop(made)


def _started(parent: int, start: Callable[..., None] | None, args: tuple[Any, ...]) -> None:
    threading.Thread(target=_watch, args=(parent,), name="qunzhi-parent", daemon=True).start()
    if start is not None:
        start(*args)


def _watch(parent: int) -> None:
    """Exit this worker as soon as the build's process ``parent`` has ended."""
    try:
        handle = os.pidfd_open(parent)
    except ProcessLookupError:
        os._exit(1)
    except (AttributeError, OSError):  # no pidfd (an old kernel, another system): poll
        while alive(parent):
            time.sleep(0.5)
        os._exit(1)
    select.select([handle], [], [])
    os._exit(1)


def alive(pid: int) -> bool:
    """A process of this id is running (perhaps one we may not signal)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
