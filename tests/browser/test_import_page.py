"""An imported QQ export, once published, reads as a conversation on a phone and a desktop."""

from __future__ import annotations

import functools
import os
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

FIXTURE = Path(__file__).resolve().parents[1] / "importer" / "fixtures" / "qq_export.txt"
SPEAKERS = ["wangjianguo", "lixiaohong", "星", "路人甲", "zhaolei", "wangjianguo", "lixiaohong"]


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def imported(site, qunzhi) -> Iterator[str]:
    """Base URL of the fixture hub with the QQ fixture imported, published and built."""
    log = site.root / "qq.txt"
    log.write_bytes(FIXTURE.read_text(encoding="utf-8").replace("\n", "\r\n").encode("gbk"))
    assert qunzhi(site, "import", "qq.txt", "--title", "社群的记忆", "--host", "老王").code == 0
    draft = site.content / "transcripts/2016/2016-01-03-she-qun-de-ji-yi.md"
    draft.write_text(
        draft.read_text(encoding="utf-8").replace("status: draft", "status: published"),
        encoding="utf-8",
    )
    assert qunzhi(site, "build").code == 0
    handler = functools.partial(_Quiet, directory=str(site.output))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.mark.parametrize(("width", "height"), [(360, 740), (1280, 900)])
def test_imported_transcript_reads_as_turns(browser, imported, width, height, tmp_path):
    page = browser.new_page(viewport={"width": width, "height": height})
    page.goto(imported + "/transcripts/she-qun-de-ji-yi/")

    turns = page.locator("div.turn")
    assert [turns.nth(i).get_attribute("data-speaker") for i in range(turns.count())] == SPEAKERS
    assert turns.nth(1).locator(".turn-body p").nth(1).inner_text() == (
        "老王：你说的“别刷屏”我第一个同意。"
    )
    assert "<b>加粗</b>不会生效" in turns.nth(3).inner_text()
    assert turns.nth(6).locator("time").get_attribute("datetime") == "2016-01-04T00:10:00+08:00"
    overflow = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0
    shots = Path(os.environ.get("QUNZHI_SHOTS", tmp_path))
    page.screenshot(path=str(shots / f"import-{width}.png"), full_page=True)
    page.close()
