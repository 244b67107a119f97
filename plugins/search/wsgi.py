"""The application a production server imports: ``qunzhi.search.wsgi:create``.

granian calls it once in each worker process (``--factory``), gunicorn as
``'qunzhi.search.wsgi:create()'``. The hub is named by the environment, as a
service manager sets it: ``QUNZHI_SETTINGS`` (default ``pelicanconf.py`` in the
working folder) and, optionally, ``QUNZHI_OUTPUT`` for a site built elsewhere.
A worker that finds no built site or no usable index stops with one line.
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path
from typing import Any

from qunzhi.cli.options import DEFAULT_SETTINGS, load_settings
from qunzhi.hub.errors import UsageError
from qunzhi.hub.settings import site_zone

from .app import HubApp
from .generator import index_folder
from .index import SearchIndex


def create() -> HubApp:
    settings_file = os.environ.get("QUNZHI_SETTINGS") or DEFAULT_SETTINGS
    output = os.environ.get("QUNZHI_OUTPUT")
    return hub_app(settings_file, Path(output) if output else None)


def hub_app(settings_file: str, output: Path | None = None) -> HubApp:
    """The application for the hub of ``settings_file``, serving its output folder (or
    ``output``)."""
    override = {"OUTPUT_PATH": str(output.absolute())} if output else {}
    settings = load_settings(argparse.Namespace(settings=settings_file), **override)
    site, index = built_site(settings)
    return HubApp(site, index, site_zone(settings))


def built_site(settings: dict[str, Any]) -> tuple[Path, SearchIndex]:
    """The output folder and the search index; a UsageError when either is not built.
    The folder is not resolved: when it is a link that a build swaps, each request
    follows the link as it is then."""
    site = Path(settings["OUTPUT_PATH"]).absolute()
    index = SearchIndex(index_folder(settings))
    if not (site / "index.html").is_file() or index.problem() is not None:
        raise UsageError(f"{site}: expected a built site and its search index; run qunzhi build")
    return site, index
