"""The ``qunzhi`` command: build, check and start documents of a hub.

Only this layer catches ``HubError``: it prints the message on stderr and exits
non-zero; a traceback is shown only with ``--debug``.
"""

from __future__ import annotations

import argparse
import importlib.metadata
import logging
import os
import platform
import sys
from collections.abc import Sequence

import jinja2

from qunzhi.hub.errors import HubError, visible

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


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    level = logging.DEBUG if args.debug else logging.INFO if args.verbose else logging.WARNING
    logging.basicConfig(level=level, format="%(levelname)s: %(message)s", stream=sys.stderr)
    try:
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
    except KeyboardInterrupt:
        print("qunzhi: interrupted; the previous output is untouched", file=sys.stderr)
        return 130
