"""``qunzhi serve --watch``: rebuild on save, in this process, and tell the open pages.

The rebuild runs in the serving process: a new ``qunzhi build`` would pay about
1 s of imports (Pelican, the plugins, the segmenter) before any work, the whole
budget of an editor's preview. Each build still gets a fresh ``Pelican`` and
fresh settings; its plugins register again, which blinker makes harmless (one
connection per receiver function, checked by a test), and memory stays flat (157 MB
after one build of the test hub, 159 MB after thirty). The folders are watched
with watchfiles; changes that arrive during a build are gathered into the next.
"""

from __future__ import annotations

import argparse
import io
import logging
import queue
import sys
import threading
import time
from contextlib import redirect_stderr
from pathlib import Path
from typing import Any, TextIO

import jinja2
import watchfiles

from qunzhi.hub.errors import HubError, display_path
from qunzhi.hub.generator import HubGenerator
from qunzhi.hub.preview import preview_page
from qunzhi.hub.themefolders import theme_folders
from qunzhi.search.live import BuildResult, LiveReload

from .build import build_override, build_site, template_message
from .options import load_settings

logger = logging.getLogger(__name__)

DEBOUNCE_MS = 50  # an editor's save is a burst of events; watchfiles waits 1.6 s by default


class _Tee(io.TextIOBase):
    """Write to stderr as usual and keep a copy: the build's one-line problems."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.copy = io.StringIO()

    def write(self, text: str) -> int:
        self.copy.write(text)
        return self.stream.write(text)

    def flush(self) -> None:
        self.stream.flush()


class Watcher:
    """Watches the content, the theme and the settings file; rebuilds; publishes."""

    def __init__(self, args: argparse.Namespace, live: LiveReload) -> None:
        self.args = args
        self.live = live
        self.stop_event = threading.Event()
        self._changes: queue.Queue[set[str] | None] = queue.Queue()
        self._content = Path()
        self._last: HubGenerator | None = None  # the last good build's, for previews

    def build(self, changed: list[str]) -> BuildResult:
        """Build once; a failure leaves the previous site and comes back as errors."""
        started = time.monotonic()
        tee = _Tee(sys.stderr)
        errors: list[str] = []
        self._last = None  # not kept alive through the build: it would double the memory
        generators: list[Any] = []
        try:
            with redirect_stderr(tee):
                settings = load_settings(self.args, **build_override(self.args))
                self._content = Path(settings["PATH"])
                build_site(settings, verbose=self.args.verbose, keep=generators)
                self._last = next((g for g in generators if isinstance(g, HubGenerator)), None)
        except HubError as error:
            errors = [line for line in tee.copy.getvalue().splitlines() if line.strip()]
            errors.append(str(error))
        except jinja2.TemplateError as error:
            errors = [template_message(error)]
        except Exception as error:  # a bug must not stop the preview: say it, keep serving
            logger.exception("watch: the rebuild failed unexpectedly")
            errors = [f"unexpected error: {error!r} (the traceback is in the terminal)"]
        return BuildResult(not errors, round(time.monotonic() - started, 3), changed, errors)

    def start(self, settings: dict[str, Any]) -> list[Path]:
        """Start watching and rebuilding in daemon threads; the watched paths."""
        self._content = Path(settings["PATH"])
        folders = [self._content, *theme_folders(settings)]
        settings_file = Path(self.args.settings).resolve()
        self._spawn(self._rebuild_forever)
        self._spawn(self._watch, folders, True, watchfiles.DefaultFilter())
        self._spawn(
            self._watch,
            [settings_file.parent],
            False,  # not the hub's folder with the output in it: its settings file alone
            lambda _change, path: Path(path) == settings_file,
        )
        return [*folders, settings_file]

    def stop(self) -> None:
        self.stop_event.set()
        self._changes.put(None)

    def _spawn(self, target: Any, *args: Any) -> None:
        threading.Thread(target=target, args=args, daemon=True, name="qunzhi-watch").start()

    def _watch(self, paths: list[Path], recursive: bool, only: Any) -> None:
        for changes in watchfiles.watch(
            *paths,
            watch_filter=only,
            debounce=DEBOUNCE_MS,
            stop_event=self.stop_event,
            raise_interrupt=False,
            recursive=recursive,
        ):
            saved = _saved(changes)
            if saved:
                self._changes.put(saved)

    def _rebuild_forever(self) -> None:
        while (changed := self._changes.get()) is not None:
            while not self._changes.empty():  # saves during the last build: one more build
                more = self._changes.get_nowait()
                if more is None:
                    return
                changed |= more
            logger.info("watch: changed %s", ", ".join(sorted(changed)))
            self.preview(changed)
            result = self.build(sorted(changed))
            print(self.describe(result), file=sys.stderr)
            self.live.publish(result)

    def preview(self, changed: set[str]) -> None:
        """One saved document's page at once, before the whole rebuild (``preview_page``)."""
        if len(changed) != 1 or self._last is None:
            return
        started = time.monotonic()
        try:
            output = Path(self._last.settings["OUTPUT_PATH"])
            url = preview_page(self._last, Path(next(iter(changed))), output)
        except Exception:  # the whole rebuild that follows reports any real problem
            logger.debug("watch: no preview", exc_info=True)
            return
        if url is not None:
            seconds = round(time.monotonic() - started, 3)
            name = self._name(next(iter(changed)))
            print(f"qunzhi: previewed {name} in {seconds:.2f} s (/{url})", file=sys.stderr)
            self.live.publish(BuildResult(True, seconds, sorted(changed), [], preview=True))

    def describe(self, result: BuildResult) -> str:
        """The one line a rebuild prints: how long, and which file set it off."""
        names = [self._name(path) for path in result.changed]
        what = names[0] if names else ""
        if len(names) > 1:
            what += f" and {len(names) - 1} more"
        if result.ok:
            return f"qunzhi: rebuilt in {result.seconds:.2f} s ({what})"
        return (
            f"qunzhi: rebuild failed ({what}): {result.errors[-1]}; still serving the previous site"
        )

    def _name(self, path: str) -> str:
        try:
            return str(Path(path).relative_to(self._content.resolve()))
        except ValueError:
            return display_path(path)


def _saved(changes: set[tuple[watchfiles.Change, str]]) -> set[str]:
    """The paths that changed, without an editor's temporary files (made and gone again)."""
    added = {path for change, path in changes if change == watchfiles.Change.added}
    return {path for _change, path in changes if path not in added or Path(path).exists()}
