"""Build into a staging folder and swap it in only when the whole build succeeded.

A failed build (content errors, a template error, an interrupt) leaves the
previous output exactly as it was, which ``qunzhi build`` and ``pelican content``
both get because the swap wraps ``Pelican.run`` itself.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

STAGING_PREFIX = ".qunzhi-staging-"
RETIRED_PREFIX = ".qunzhi-retired-"


def _prefix(kind: str) -> str:
    return f"{kind}{os.getpid()}-"


def swap_in(staging: Path, output: Path, retention: list[str]) -> None:
    """Replace ``output`` by ``staging``, carrying over OUTPUT_RETENTION entries (.git …)."""
    retired = None
    if output.exists():
        for name in retention:
            kept = output / name
            if kept.exists() and not (staging / name).exists():
                kept.rename(staging / name)
        retired = Path(tempfile.mkdtemp(prefix=_prefix(RETIRED_PREFIX), dir=output.parent))
        output.rename(retired / "old")
    staging.rename(output)
    if retired is not None:
        shutil.rmtree(retired, ignore_errors=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def clear_leftovers(parent: Path) -> None:
    """Staging and retired folders of builds that were killed mid-way.

    Folder names carry the builder's process id, so a build running beside
    this one in the same parent folder keeps its staging folder.
    """
    for leftover in (*parent.glob(f"{STAGING_PREFIX}*"), *parent.glob(f"{RETIRED_PREFIX}*")):
        pid = leftover.name.split("-")[2]
        if not pid.isdigit() or not _alive(int(pid)):
            shutil.rmtree(leftover, ignore_errors=True)


def make_atomic(pelican: Any) -> None:
    """Make ``pelican.run`` write into staging and swap the result in on success."""
    original_run: Callable[[], None] = pelican.run

    def run() -> None:
        output = Path(pelican.output_path).resolve()
        output.parent.mkdir(parents=True, exist_ok=True)
        clear_leftovers(output.parent)
        staging = Path(tempfile.mkdtemp(prefix=_prefix(STAGING_PREFIX), dir=output.parent))
        staging.chmod(0o755)  # mkdtemp's 0700 would hide the site from a web server
        pelican.output_path = str(staging)
        try:
            original_run()
            swap_in(staging, output, list(pelican.output_retention or []))
        finally:
            pelican.output_path = str(output)
            shutil.rmtree(staging, ignore_errors=True)

    pelican.run = run
