"""Options every command shares, and reading the settings file they name."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from pelican.settings import get_settings_from_file, read_settings

from qunzhi.defaults import defaults
from qunzhi.hub import ENGINE_SETTINGS
from qunzhi.hub.documents import TYPES
from qunzhi.hub.errors import SettingsError, UsageError
from qunzhi.hub.settings import check_settings

DEFAULT_SETTINGS = "pelicanconf.py"
PELICAN_FEEDS_OFF = {key: value for key, value in ENGINE_SETTINGS.items() if "FEED" in key}


def add_common(parser: argparse.ArgumentParser, content: bool = True) -> None:
    parser.add_argument(
        "--settings",
        metavar="FILE",
        default=DEFAULT_SETTINGS,
        help=f"settings file (default: {DEFAULT_SETTINGS})",
    )
    if content:
        parser.add_argument(
            "--content", metavar="DIR", help="content folder (default: PATH of the settings)"
        )
    parser.add_argument("-v", "--verbose", action="store_true", help="say more about the work")
    parser.add_argument(
        "--debug", action="store_true", help="show debug logs and tracebacks of errors"
    )


def load_settings(
    args: argparse.Namespace, content_label: str = "--content", **override: Any
) -> dict[str, Any]:
    """Read the settings file with command-line overrides; check every HUB_ setting.

    The package's defaults (``qunzhi.defaults``: its theme and plugins, TIMEZONE
    Asia/Shanghai rather than Pelican's UTC …) fill in what the file leaves out, and
    Pelican's feed settings are off, as the hub plugin makes them anyway, so Pelican
    does not warn about them.
    """
    path = Path(args.settings)
    if not path.is_file():
        hint = (
            "this folder is not a hub: make one here with 'qunzhi init', or "
            if args.settings == DEFAULT_SETTINGS
            else ""
        )
        raise UsageError(
            f"{args.settings}: settings file not found; {hint}"
            "run qunzhi in the hub's folder or pass --settings FILE"
        )
    if getattr(args, "content", None):
        content = Path(args.content)
        if not content.is_dir():
            raise UsageError(f"{args.content}: {content_label}: expected a folder, found none")
        if content.resolve().name in TYPES:
            raise UsageError(
                f"{args.content}: {content_label}: expected the content folder that holds "
                f"transcripts/, events/ …, found the {content.resolve().name}/ folder itself; "
                "pass its parent"
            )
        override["PATH"] = str(content.resolve())
    override = {key: value for key, value in override.items() if value is not None}
    try:
        written = get_settings_from_file(str(path))
        missing = {key: value for key, value in defaults().items() if key not in written}
        settings = read_settings(str(path), override={**missing, **PELICAN_FEEDS_OFF, **override})
    except Exception as error:  # the settings file is Python: anything can go wrong in it
        raise SettingsError(f"{args.settings}: cannot be read: {error}") from error
    check_settings(settings, source=args.settings)
    return settings
