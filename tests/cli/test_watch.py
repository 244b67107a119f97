"""``qunzhi serve --watch``: rebuild on save, push the result to open pages, keep the old
site when the content is wrong, and never write the reload script into the site."""

from __future__ import annotations

import json
import queue
import threading
import time
from urllib.error import HTTPError
from urllib.parse import quote
from urllib.request import urlopen

import pytest
from pelican import signals

from qunzhi.hub.settings import site_zone
from qunzhi.search.index import SearchIndex
from qunzhi.search.live import EVENTS_PATH, inject
from qunzhi.search.server import make_server

TRANSCRIPT = "transcripts/2016/2016-01-03-kai-chang.md"
PAGE = "transcripts/kai-chang/"


class Events:
    """The SSE messages of one /__qunzhi/events connection, read by a thread."""

    def __init__(self, base: str) -> None:
        self.response = urlopen(f"{base}{EVENTS_PATH}", timeout=30)
        self.messages: queue.Queue[dict | None] = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        kind = None
        for raw in self.response:
            line = raw.decode().rstrip("\n")
            if line.startswith("event: "):
                kind = line.removeprefix("event: ")
            elif line.startswith("data: ") and kind == "state":
                self.messages.put(json.loads(line.removeprefix("data: ")))
        self.messages.put(None)  # the server closed the stream

    def next(self, timeout: float = 30) -> dict | None:
        return self.messages.get(timeout=timeout)


def edit(site, old: str, new: str) -> None:
    path = site.content / TRANSCRIPT
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_a_saved_transcript_is_rebuilt_served_and_announced(site, watching, capsys):
    events = Events(watching.base)
    first = events.next()
    assert first["ok"] is True
    assert "开场白修订版" not in watching.get(PAGE)
    edit(site, "title: ", "title: 开场白修订版 ")
    previewed = events.next()  # the saved page alone, at once
    assert (previewed["ok"], previewed["preview"]) == (True, True)
    assert previewed["changed"] == [str(site.content / TRANSCRIPT)]
    assert previewed["site"] != first["site"]
    rebuilt = events.next()  # then the whole site
    assert (rebuilt["ok"], rebuilt["preview"]) == (True, False)
    assert rebuilt["site"] != previewed["site"]
    assert rebuilt["site"] != first["site"]  # the page reloads on a new site id
    assert rebuilt["changed"] == [str(site.content / TRANSCRIPT)]
    page = watching.get(PAGE)
    assert "开场白修订版" in page
    assert EVENTS_PATH in page  # the served page listens for the next build
    found = json.loads(watching.get(f"api/search?q={quote('开场白修订版')}"))
    assert [hit["url"] for hit in found["results"]] == [PAGE]  # the rebuilt index answers
    err = capsys.readouterr().err
    assert f"qunzhi: rebuilt in {rebuilt['seconds']:.2f} s ({TRANSCRIPT})" in err
    assert f"qunzhi: previewed {TRANSCRIPT} in {previewed['seconds']:.2f} s (/{PAGE})" in err


def test_a_content_error_keeps_the_old_site_and_sends_the_errors(site, watching, capsys):
    events = Events(watching.base)
    first = events.next()
    before = watching.get(PAGE)
    edit(site, "title: ", "titel: ")
    failed = events.next()
    assert failed["ok"] is False
    assert failed["site"] == first["site"]  # the open page is not reloaded
    assert f"content/{TRANSCRIPT}:1: title: expected a title, found nothing" in failed["errors"]
    assert failed["errors"][-1].startswith("content has 1 error")
    assert watching.get(PAGE) == before
    err = capsys.readouterr().err
    assert f"qunzhi: rebuild failed ({TRANSCRIPT}): content has 1 error" in err
    assert "still serving the previous site" in err
    # a page opened now learns of the errors at once
    assert Events(watching.base).next()["ok"] is False
    edit(site, "titel: ", "title: ")
    fixed = events.next()
    assert fixed["ok"] is True
    assert fixed["site"] != first["site"]


def test_the_reload_script_is_never_written_into_the_site(site, watching):
    edit(site, "title: ", "title: 改过 ")
    events = Events(watching.base)
    events.next()
    assert events.next()["ok"] is True
    assert [name for name, data in site.all_output().items() if b"__qunzhi" in data] == []
    assert EVENTS_PATH in watching.get("")
    css = next(name for name in site.all_output() if name.endswith(".css"))
    assert watching.get(css).encode() == (site.output / css).read_bytes()


def test_shutdown_is_prompt_with_pages_listening(watching):
    events = Events(watching.base)
    assert events.next()["ok"] is True
    started = time.monotonic()
    watching.live.close()
    watching.server.shutdown()
    assert events.next(timeout=5) is None  # the stream ended
    assert time.monotonic() - started < 2


def test_rebuilding_in_process_does_not_connect_receivers_twice(watching):
    watcher = watching.watcher

    def connected() -> dict[str, int]:
        return {
            name: len(signal.receivers)
            for name in dir(signals)
            if isinstance(signal := getattr(signals, name), signals.Signal)
        }

    after_one = connected()
    assert sum(after_one.values()) > 0
    assert watcher.build([]).ok
    assert watcher.build([]).ok
    assert connected() == after_one


def test_without_watch_pages_are_served_as_built(built):
    index = SearchIndex(built.root / "cache" / "qunzhi-store" / "search-index")
    server = make_server(built.output, index, site_zone({}), "127.0.0.1", 0)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        with urlopen(f"{base}/{PAGE}", timeout=10) as response:
            assert response.read() == built.page(PAGE).encode()
        with pytest.raises(HTTPError) as error:
            urlopen(f"{base}{EVENTS_PATH}", timeout=10)
        assert error.value.code == 404
        error.value.close()
    finally:
        server.shutdown()
        server.server_close()


def test_the_script_goes_before_the_last_body_end():
    page = inject(b"<html><body><p>&lt;/body&gt;</p></BODY ></html>")
    assert page.startswith(b"<html><body><p>&lt;/body&gt;</p><script>")
    assert page.endswith(b"</script></BODY ></html>")
    assert inject(b"<p>bare</p>").startswith(b"<p>bare</p><script>")
    assert b"</script>" not in page[page.index(b"<script>") : -len(b"</script></BODY ></html>")]


def test_watch_with_broken_content_and_no_site_yet_says_what_to_fix(site, qunzhi):
    path = site.content / TRANSCRIPT
    path.write_text(path.read_text(encoding="utf-8").replace("title: ", "titel: "), "utf-8")
    result = qunzhi(site, "serve", "--watch", "--port", "0")
    assert result.code == 1
    assert f"content/{TRANSCRIPT}:1: title: expected a title, found nothing" in result.lines
    assert result.lines[-1] == (
        "qunzhi: content has 1 error, 2 warnings; nothing was written; "
        "fix it and run qunzhi serve --watch again"
    )
    assert not site.output.exists()
