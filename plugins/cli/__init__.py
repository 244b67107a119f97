"""The ``qunzhi`` command: build, check and start documents of a hub.

Only this layer catches ``HubError``: it prints the message on stderr and exits
non-zero; a traceback is shown only with ``--debug``. So are an I/O error (a full
disk, a read-only folder: one line naming the path, exit 1), Ctrl-C (exit 130) and
SIGTERM, which stops a command as Ctrl-C does (exit 143, 128 + the signal's number).
"""

from __future__ import annotations

import argparse
import importlib.metadata
import logging
import os
import platform
import signal
import sys
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

import jinja2

from qunzhi.hub.errors import HubError, display_path, visible
from qunzhi.hub.workers import stop_all

from . import build, check, digest, importing, init, new, search, serve

COMMANDS = (init, build, check, new, importing, digest, search, serve)


def version() -> str:
    """``qunzhi --version``: this package's version, and the engine's and Python's."""
    pelican = importlib.metadata.version("pelican")
    return (
        f"qunzhi {importlib.metadata.version('qunzhi')} "
        f"(Pelican {pelican}, Python {platform.python_version()})"
    )


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(
        prog="qunzhi",
        description="群志 (Qunzhi): publish a community's memory as a static site.",
        epilog="Run 'qunzhi COMMAND --help' for the options of a command.",
    )
    top.add_argument("--version", action="version", version=version())
    commands = top.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for module in COMMANDS:
        module.add_parser(commands)
    return top


class Terminated(KeyboardInterrupt):
    """SIGTERM, raised where the command runs, so that it stops as on Ctrl-C."""


def _terminated(number: int, frame: Any) -> None:
    raise Terminated


@contextmanager
def _term_as_interrupt() -> Iterator[None]:
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGTERM, _terminated)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def io_message(error: OSError) -> str:
    """An I/O error as one line: the path (both, for a rename), then the reason."""
    paths = [display_path(name) for name in (error.filename, error.filename2) if name]
    reason = error.strerror or str(error)
    return ": ".join([*([" -> ".join(paths)] if paths else []), reason])


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    level = logging.DEBUG if args.debug else logging.INFO if args.verbose else logging.WARNING
    logging.basicConfig(level=level, format="%(levelname)s: %(message)s", stream=sys.stderr)
    untouched = "; the previous output is untouched" if args.command == "build" else ""
    try:
        with _term_as_interrupt():
            return int(args.run(args))
    except HubError as error:
        if args.debug:
            raise
        lines = f"qunzhi: {error}".split("\n")  # one line per problem, each kept one line
        print("\n".join(visible(line) for line in lines), file=sys.stderr)
        return error.exitcode
    except jinja2.TemplateError as error:
        if args.debug:
            raise
        print(
            f"qunzhi: {build.template_message(error)}; the previous output is untouched",
            file=sys.stderr,
        )
        return 1
    except BrokenPipeError:  # qunzhi search … | head: the reader has gone, as with grep
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
    except OSError as error:
        if args.debug:
            raise
        print(visible(f"qunzhi: {io_message(error)}{untouched}"), file=sys.stderr)
        return 1
    except KeyboardInterrupt as error:
        stop_all()  # the workers of a pool, which would run their queued tasks first
        stopped = "terminated" if isinstance(error, Terminated) else "interrupted"
        outcome = "; ".join(getattr(error, "__notes__", ())) or "the previous output is untouched"
        print(f"qunzhi: {stopped}; {outcome}", file=sys.stderr)
        return 143 if isinstance(error, Terminated) else 130
