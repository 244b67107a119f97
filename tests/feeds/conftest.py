"""The demo hub built once, in publish mode, for the feed tests."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from feedcheck import ROOT

from qunzhi.cli import main


@pytest.fixture(scope="session")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo hub built with publishconf.py (HUB_PUBLISH, https://hub.example.org)."""
    output = tmp_path_factory.mktemp("demo") / "output"
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(ROOT)
        # publishconf.py imports pelicanconf: not the fixture hub's, cached by an earlier test
        patch.delitem(sys.modules, "pelicanconf", raising=False)
        patch.setenv("SOURCE_DATE_EPOCH", "1785542400")  # 2026-08-01: past and upcoming events
        code = main(["build", "--settings", "publishconf.py", "--output", str(output)])
    assert code == 0
    return output
