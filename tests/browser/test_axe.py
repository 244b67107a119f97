"""axe-core finds no accessibility violation on any page type, newsletter included, at
360 and 1280 px, in the light and the dark scheme.

axe-core comes from npm (``.ci/run`` installs it globally); without it the test is
skipped locally and fails in CI, like the browser tests.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from browser.test_readers import PAGE_TYPES, WIDTHS

PAGES = [*PAGE_TYPES, "/digests/2026/03/newsletter.html", "/404.html"]


@pytest.fixture(scope="session")
def axe_script() -> str:
    npm = shutil.which("npm")
    root = (
        subprocess.run([npm, "root", "-g"], capture_output=True, text=True, check=False)
        if npm
        else None
    )
    script = Path(root.stdout.strip()) / "axe-core" / "axe.min.js" if root else None
    if script is None or not script.is_file():
        if os.environ.get("CI"):
            pytest.fail("axe-core is not installed; .ci/run installs it with npm")
        pytest.skip("axe-core is not installed (npm install -g axe-core)")
    return script.read_text(encoding="utf-8")


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize(("width", "height"), WIDTHS)
def test_no_axe_violations(browser, demo_served, axe_script, width, height, scheme):
    page = browser.new_page(viewport={"width": width, "height": height}, color_scheme=scheme)
    found = []
    for path in PAGES:
        page.goto(demo_served + path)
        if "search" in path:
            page.wait_for_selector("#search-results[data-query]")
        page.add_script_tag(content=axe_script)
        result = page.evaluate("axe.run(document, { resultTypes: ['violations'] })")
        found += [
            f"{path}: {v['id']} ({len(v['nodes'])}): {v['nodes'][0]['target']}"
            for v in result["violations"]
        ]
    page.close()
    assert found == []
