"""Documentation keeps up with the code: every HUB_ setting and command has its heading."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from qunzhi.cli import COMMANDS
from qunzhi.hub.settings import SETTINGS

DOCS = Path(__file__).resolve().parents[2] / "docs"


def headings(name: str) -> set[str]:
    text = (DOCS / name).read_text(encoding="utf-8")
    return {match.strip() for match in re.findall(r"^#+ (.+)$", text, flags=re.MULTILINE)}


@pytest.mark.parametrize("setting", [setting.name for setting in SETTINGS])
def test_every_hub_setting_is_documented(setting):
    assert setting in headings("settings.md")


@pytest.mark.parametrize(
    "command",
    # a module may name its command (qunzhi import lives in importing.py: a keyword)
    [getattr(module, "NAME", module.__name__.rsplit(".", 1)[1]) for module in COMMANDS],
)
def test_every_command_is_documented(command):
    assert f"qunzhi {command}" in headings("cli.md")


def test_editor_guide_is_bilingual():
    text = (DOCS / "content.md").read_text(encoding="utf-8")
    for phrase in ("分享实录", "front matter", "注意", "status: draft", "qunzhi check"):
        assert phrase in text


def test_the_help_shown_in_cli_md_is_the_real_help():
    from qunzhi.cli import parser

    assert parser().format_help().strip() in (DOCS / "cli.md").read_text(encoding="utf-8")
