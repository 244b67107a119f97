"""Chat-log fixtures for import tests, written for these tests; binary forms made here."""

from __future__ import annotations

import codecs
import shutil
from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"


class Logs:
    """The fixture logs, and the byte forms of the QQ export made from its text."""

    @staticmethod
    def text(name: str) -> str:
        return (FIXTURES / name).read_text(encoding="utf-8")

    def qq_gbk_crlf(self) -> bytes:
        return self.text("qq_export.txt").replace("\n", "\r\n").encode("gbk")

    def qq_utf8_bom(self) -> bytes:
        return codecs.BOM_UTF8 + self.text("qq_export.txt").encode("utf-8")


@pytest.fixture
def logs() -> Logs:
    return Logs()


@pytest.fixture
def chat(site):
    """Put a chat log next to the hub (not in content/) as text or bytes; return its name."""

    def put(name: str, data: str | bytes) -> str:
        path = site.root / name
        path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
        return name

    return put


@pytest.fixture
def export(site):
    """Copy a fixture export (with the pictures it points at) next to the hub; its name."""

    def put(name: str) -> str:
        shutil.copytree(FIXTURES, site.root / "exports", dirs_exist_ok=True)
        return f"exports/{name}"

    return put
