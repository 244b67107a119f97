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
import sys
from pathlib import Path

from qunzhi.cli.options import DEFAULT_SETTINGS, load_settings
from qunzhi.hub.errors import HubError
from qunzhi.hub.settings import site_zone

from .app import HubApp, built_site


def create() -> HubApp:
    settings_file = os.environ.get("QUNZHI_SETTINGS") or DEFAULT_SETTINGS
    output = os.environ.get("QUNZHI_OUTPUT")
    try:
        return hub_app(settings_file, Path(output) if output else None)
    except HubError as error:  # one line in the service's log, not a traceback
        print(f"qunzhi: {error}", file=sys.stderr)
        raise SystemExit(error.exitcode) from None


def hub_app(settings_file: str, output: Path | None = None) -> HubApp:
    """The application for the hub of ``settings_file``, serving its output folder (or
    ``output``)."""
    override = {"OUTPUT_PATH": str(output.absolute())} if output else {}
    settings = load_settings(argparse.Namespace(settings=settings_file), **override)
    site, index = built_site(settings)
    return HubApp(site, index, site_zone(settings))
