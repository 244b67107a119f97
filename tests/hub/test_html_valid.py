"""Every page type of the demo build passes the Nu HTML Checker (vnu) with no error.

vnu comes from the ``vnu-jar`` npm package and needs Java; ``.ci/run`` installs both.
Without them the test is skipped locally and fails in CI (``CI`` set), like the
browser tests.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

# one page of every template, the newsletter and the 404 page included
PAGES = [
    "index.html",
    "404.html",
    "transcripts/index.html",
    "transcripts/kapian-biji-rumen/index.html",
    "events/index.html",
    "events/chunri-zaowu-shiji/index.html",
    "events/dongji-zaowu-shiji/index.html",
    "rules/qianxing-qungui/index.html",
    "members/index.html",
    "members/zhouyiming/index.html",
    "groups/index.html",
    "groups/qianxing/index.html",
    "tags/index.html",
    "archives/index.html",
    "archives/2026/index.html",
    "archives/2026/03/index.html",
    "about/index.html",
    "search/index.html",
    "feeds/index.html",
    "digests/index.html",
    "digests/2026/w11/index.html",
    "digests/2026/03/index.html",
    "digests/2026/03/newsletter.html",
]


def vnu_jar() -> Path | None:
    """``VNU_JAR``, else the jar of the npm package installed globally."""
    if os.environ.get("VNU_JAR"):
        return Path(os.environ["VNU_JAR"])
    npm = shutil.which("npm")
    if npm is None:
        return None
    root = subprocess.run([npm, "root", "-g"], capture_output=True, text=True, check=False)
    jar = Path(root.stdout.strip()) / "vnu-jar" / "build" / "dist" / "vnu.jar"
    return jar if jar.is_file() else None


@pytest.fixture(scope="session")
def vnu() -> list[str]:
    jar, java = vnu_jar(), shutil.which("java")
    if jar is None or java is None:
        if os.environ.get("CI"):
            pytest.fail("vnu is not installed; .ci/run installs Java and the vnu-jar npm package")
        pytest.skip("vnu is not installed (npm install -g vnu-jar; needs Java)")
    return [java, "-jar", str(jar)]


def test_every_page_type_has_no_html_error(vnu, demo):
    files = [demo.output / page for page in PAGES]
    missing = [page for page, file in zip(PAGES, files, strict=True) if not file.is_file()]
    assert not missing, f"pages the demo build no longer makes: {missing}"
    checked = subprocess.run(
        [*vnu, "--errors-only", "--format", "json", *map(str, files)],
        capture_output=True,
        text=True,
        check=False,
    )
    messages = json.loads(checked.stderr or checked.stdout)["messages"]
    errors = [
        f"{m.get('url', '').split(str(demo.output))[-1]}:{m.get('lastLine')}: {m['message']}"
        for m in messages
        if m["type"] == "error"
    ]
    assert errors == []
    assert checked.returncode == 0
