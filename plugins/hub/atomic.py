"""Build into a staging folder and swap it in for the output only when the whole build
succeeds.

A failed build (content errors, a template error, an interrupt, a full disk) leaves
the previous output exactly as it was, which ``qunzhi build`` and ``pelican content``
both get because this wraps ``Pelican.run`` itself. Staging holds the files whose
bytes changed (``output.OutputFiles``) and hard links to the others, and replaces the
output in one step (``generations``); a build whose inputs are those of the last one
stops after checking them (``fingerprint``). One build of a hub at a time: a second
one waits for the first (a lock in the build store).
"""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from .build import BUILD, Build
from .errors import UsageError
from .fingerprint import fingerprint, with_store
from .generations import RETIRED_PREFIX, recover
from .output import OutputFiles, OutputWriter, manifest_path
from .settings import build_now
from .store import locked, make_folder, named
from .workers import alive

logger = logging.getLogger(__name__)

MARKER = ".qunzhi-output"
MARKER_TEXT = "Built by qunzhi: the next build updates this whole folder.\n"
STAGING_PREFIX = ".qunzhi-staging-"


def _prefix(kind: str) -> str:
    return f"{kind}{os.getpid()}-"


def output_problem(output: Path, protected: list[Path]) -> str | None:
    """Why ``output`` must not be updated by a build, or None when it may.

    A build deletes every file there it did not make, so it must not hold the content or the
    working directory (where the settings file usually is), nor sit inside the
    content (the next read would find the site there), and a non-empty folder
    must carry the marker an earlier build left (anything else would be lost).
    """
    output = output.resolve()
    content, *others = (path.resolve() for path in protected)
    for path in (content, *others):
        if path == output or output in path.parents:
            return f"expected a folder for the site alone, found one that holds {path}"
    if content in output.parents:
        return f"expected a folder outside the content, found one inside {content}"
    if output.exists() and not output.is_dir():
        return f"expected a folder, found a file at {output}"
    if output.is_dir() and any(output.iterdir()) and not (output / MARKER).exists():
        return (
            f"expected an empty folder or one qunzhi built, found other files in {output}; "
            "empty it or choose another output folder"
        )
    return None


def clear_leftovers(parent: Path) -> None:
    """Staging folders of builds that were killed mid-way (a new site half made, or the
    previous one not yet deleted), and old sites a swap could not delete.

    Folder names carry the builder's process id, so a build running beside
    this one in the same parent folder (of another hub) keeps its staging folder; this
    process builds one site at a time, so its own are leftovers too.
    """
    for leftover in (*parent.glob(f"{STAGING_PREFIX}*"), *parent.glob(f"{RETIRED_PREFIX}*")):
        pid, site = [*leftover.name.split("-", 3)[2:], "", ""][:2]
        if leftover.name.startswith(RETIRED_PREFIX) and not (parent / site).exists():
            continue  # the only copy of a site whose build was stopped (``recover``)
        if not pid.isdigit() or int(pid) == os.getpid() or not alive(int(pid)):
            shutil.rmtree(leftover, ignore_errors=True)


def build_writer(pelican: Any) -> type[OutputWriter] | None:
    """Pelican's ``get_writer`` signal, sent once every generator has its context: the
    build's content problems are printed and stop it here, before anything is written;
    else the writer that hands each file to the build's ``OutputFiles``."""
    build = pelican.settings.get(BUILD)
    if not isinstance(build, Build) or build.files is None:
        return None
    build.check()
    return type("BuildWriter", (OutputWriter,), {"files": build.files})


def make_atomic(pelican: Any) -> None:
    """Make ``pelican.run`` write into staging and commit the result on success."""
    original_run: Callable[[], None] = pelican.run

    def run() -> None:
        output = Path(pelican.output_path).resolve()
        protected = [Path(pelican.path), Path.cwd()]  # the content first
        problem = output_problem(output, protected)
        if problem:
            raise UsageError(f"OUTPUT_PATH: {problem}")
        build = Build.start(pelican.settings)
        store, outputs = build.store, build.store.outputs()
        assert store.folder is not None and outputs is not None  # opened from settings
        waiting = f"hub: waiting for another build of this hub to finish ({output})"
        # beside the store, not in it: the store's state is an input of the build
        with locked(store.folder.with_name(f"{store.folder.name}.lock"), waiting):
            output.parent.mkdir(parents=True, exist_ok=True)
            if outputs.exists() and not outputs.is_dir():  # before the store is fingerprinted
                logger.warning("hub: %s: expected a folder, found a file; replaced", outputs)
                make_folder(outputs)
            recover(output)
            clear_leftovers(output.parent)
            _build(build, output, outputs)

    def _build(build: Build, output: Path, outputs: Path) -> None:
        store = build.store
        assert store.folder is not None
        staging = Path(tempfile.mkdtemp(prefix=_prefix(STAGING_PREFIX), dir=output.parent))
        staging.chmod(0o755)  # mkdtemp's 0700 would hide the site from a web server
        files = OutputFiles(output, staging, manifest_path(outputs, output), fresh=store.fresh)
        retention = list(pelican.output_retention or [])
        if not store.fresh:
            files.fingerprint = fingerprint(pelican.settings)
            built_from = with_store(files.fingerprint.inputs, store.folder, outputs)
            if files.unchanged(built_from, build_now(pelican.settings), retention):
                logger.info("hub: nothing changed since the last build of %s", output)
                shutil.rmtree(staging, ignore_errors=True)
                return
        build.files = files
        pelican.output_path = str(staging)
        pelican.settings[BUILD] = build
        try:
            original_run()
            build.background.finish()  # share cards drawn while pages were rendered
            files.put(MARKER, MARKER_TEXT.encode())
            store.save()
            # the store as this build leaves it, with the inputs as it read them
            inputs = files.fingerprint.inputs if files.fingerprint else None
            files.commit(retention, with_store(inputs, store.folder, outputs) if inputs else None)
        except KeyboardInterrupt as stop:  # Ctrl-C or SIGTERM: say which site is there
            if files.landed():
                stop.add_note("the new site was already in place")
            raise
        except OSError as error:
            raise named(error, staging) from error
        finally:
            build.background.close()
            pelican.settings.pop(BUILD, None)
            pelican.output_path = str(output)
            shutil.rmtree(staging, ignore_errors=True)

    pelican.run = run
