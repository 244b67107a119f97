"""The demo hub built once, in publish mode, for the feed tests."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest
from feedcheck import ROOT

from qunzhi.cli import main


@pytest.fixture(scope="session")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the demo hub built with publishconf.py (HUB_PUBLISH, https://hub.example.org),
    its store and output in a temporary folder: the repository's own stay as they are."""
    root = tmp_path_factory.mktemp("demo")
    shutil.copytree(ROOT / "content", root / "content")
    for name in ("pelicanconf.py", "publishconf.py"):
        shutil.copy(ROOT / name, root / name)
    with (root / "pelicanconf.py").open("a", encoding="utf-8") as settings:
        settings.write(f"\nTHEME = {str(ROOT / 'theme')!r}\n")
    output = root / "output"
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(root)
        # publishconf.py imports pelicanconf: not the fixture hub's, cached by an earlier test
        patch.delitem(sys.modules, "pelicanconf", raising=False)
        patch.setenv("SOURCE_DATE_EPOCH", "1785542400")  # 2026-08-01: past and upcoming events
        code = main(["build", "--settings", "publishconf.py", "--output", str(output)])
    assert code == 0
    return output
