"""The hub's own ``theme/`` over the theme it builds with, file by file.

A hub overrides one template or one static file of the packaged theme by putting
a file of the same name in its ``theme/templates/`` or ``theme/static/`` (beside
``content/``), as MkDocs' ``custom_dir`` does; everything else comes from THEME.
Pelican does the layering: THEME_TEMPLATES_OVERRIDES for templates (a template
may extend the original as ``"!theme/base.html"``), and a second entry of
THEME_STATIC_PATHS copied over the first for static files.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

OWN_THEME = "theme"


def own_theme(settings: dict[str, Any]) -> Path | None:
    """The hub's ``theme/`` beside its content folder, unless it is THEME itself (a hub
    that names its own full theme as THEME has nothing to layer)."""
    own = Path(settings["PATH"]).parent / OWN_THEME
    if not own.is_dir() or own.resolve() == Path(settings["THEME"]).resolve():
        return None
    return own


def theme_folders(settings: dict[str, Any]) -> list[Path]:
    """Every folder a build reads theme files from (to watch and to fingerprint)."""
    own = own_theme(settings)
    return [Path(settings["THEME"]), *([own] if own else [])]


def layer_own_theme(settings: dict[str, Any]) -> None:
    """Put the hub's own templates and static files in front of THEME's."""
    own = own_theme(settings)
    if own is None:
        return
    templates, static = own / "templates", own / "static"
    if templates.is_dir() and str(templates) not in settings["THEME_TEMPLATES_OVERRIDES"]:
        settings["THEME_TEMPLATES_OVERRIDES"] = [
            str(templates),
            *settings["THEME_TEMPLATES_OVERRIDES"],
        ]
    if static.is_dir() and str(static) not in settings["THEME_STATIC_PATHS"]:
        settings["THEME_STATIC_PATHS"] = [*settings["THEME_STATIC_PATHS"], str(static)]
