"""``qunzhi build``: the same site as ``pelican content``, quiet, with honest exit codes."""

from __future__ import annotations

import argparse
import logging
import time
from pathlib import Path
from typing import Any

import jinja2
from pelican import Pelican, signals
from pelican.log import LimitFilter, console

from .options import add_common, load_settings

logger = logging.getLogger(__name__)


def add_parser(commands: Any) -> None:
    parser = commands.add_parser(
        "build",
        help="build the site",
        description="Build the site into the output folder. The previous output is replaced "
        "only when the whole build succeeds. Exit status: 0 built, 1 content errors, "
        "2 bad settings or usage.",
    )
    add_common(parser)
    parser.add_argument("--output", metavar="DIR", help="output folder (default: OUTPUT_PATH)")
    parser.add_argument("--strict", action="store_true", help="treat warnings as errors")
    parser.add_argument(
        "--full",
        action="store_true",
        help="start from an empty build store: recompute everything, rebuild the search index",
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    settings = load_settings(args, **build_override(args))
    started = time.monotonic()
    build_site(settings, verbose=args.verbose)
    logger.info("built %s in %.2f s", settings["OUTPUT_PATH"], time.monotonic() - started)
    return 0


def build_override(args: argparse.Namespace) -> dict[str, Any]:
    """Settings the command line of ``build`` (and ``serve --watch``) overrides."""
    override: dict[str, Any] = {
        "HUB_STRICT": True if getattr(args, "strict", False) else None,
        "HUB_FULL_REBUILD": True if getattr(args, "full", False) else None,
    }
    if args.output:
        override["OUTPUT_PATH"] = str(Path(args.output).resolve())
    return override


def build_site(
    settings: dict[str, Any], verbose: bool = False, keep: list[Any] | None = None
) -> None:
    """One Pelican build, without Pelican's own summary line unless ``verbose``;
    ``keep`` receives the build's generators (``serve --watch`` previews with them)."""
    quiet = console.quiet
    console.quiet = not verbose  # Pelican's own "Done: 0 articles" line means nothing here
    # Pelican drops a log line it has logged before in this process: each build (several
    # in one `serve --watch`) reports its own
    LimitFilter._raised_messages.clear()
    LimitFilter._group_count.clear()

    def kept(generators: list[Any], **kwargs: Any) -> None:
        keep.extend(generators)

    if keep is not None:
        signals.all_generators_finalized.connect(kept)
    try:
        Pelican(settings).run()
    finally:
        console.quiet = quiet
        signals.all_generators_finalized.disconnect(kept)


def template_message(error: jinja2.TemplateError) -> str:
    """A template error as one line: where in the theme, and what."""
    where = f"{error.filename}:{error.lineno}: " if getattr(error, "lineno", None) else ""
    return f"template error: {where}{error}"
