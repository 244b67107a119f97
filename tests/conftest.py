"""Shared fixtures: copy a fixture hub into tmp_path and run qunzhi on it."""

from __future__ import annotations

import shutil
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from http.server import ThreadingHTTPServer
from pathlib import Path
from urllib.request import urlopen

import pytest

from qunzhi.cli import main, parser
from qunzhi.cli.build import build_override
from qunzhi.cli.options import load_settings
from qunzhi.cli.watch import Watcher
from qunzhi.hub.settings import site_zone
from qunzhi.search.generator import index_folder
from qunzhi.search.index import SearchIndex
from qunzhi.search.live import LiveReload
from qunzhi.search.server import make_server

FIXTURE = Path(__file__).parent / "hub" / "fixture"
DIGESTS_FIXTURE = Path(__file__).parent / "digests" / "fixture"
REPO = Path(__file__).resolve().parents[1]
THEME = REPO / "theme"


@dataclass
class Site:
    """A throw-away hub: settings file, content folder and output folder."""

    root: Path

    @property
    def settings(self) -> Path:
        return self.root / "pelicanconf.py"

    @property
    def content(self) -> Path:
        return self.root / "content"

    @property
    def output(self) -> Path:
        return self.root / "output"

    def write(self, relative: str, text: str | bytes) -> Path:
        path = self.content / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8")
        return path

    def page(self, url: str) -> str:
        return (self.output / url / "index.html").read_text(encoding="utf-8")

    def leaks(self, secrets: list[str]) -> list[tuple[str, str]]:
        """(file, secret) for every secret found in an output file's name or bytes."""
        return [
            (name, secret)
            for name, data in self.all_output().items()
            for secret in secrets
            if secret.encode() in data or secret in name
        ]

    def all_output(self) -> dict[str, bytes]:
        return {
            str(path.relative_to(self.output)): path.read_bytes()
            for path in sorted(self.output.rglob("*"))
            if path.is_file()
        }


@dataclass
class Result:
    code: int
    out: str
    err: str

    @property
    def lines(self) -> list[str]:
        return [line for line in self.err.splitlines() if line.strip()]


def copy_fixture(source: Path, tmp_path: Path) -> Site:
    shutil.copytree(source, tmp_path / "hub", ignore=shutil.ignore_patterns("output"))
    copied = Site(tmp_path / "hub")
    with copied.settings.open("a", encoding="utf-8") as settings:
        settings.write(f"\nTHEME = {str(THEME)!r}\n")
    return copied


@pytest.fixture
def site(tmp_path: Path) -> Site:
    return copy_fixture(FIXTURE, tmp_path)


@pytest.fixture
def digest_site(tmp_path: Path) -> Site:
    """The digests fixture: January and February 2016, a Sunday 23:30 transcript,
    drafts and private transcripts, a rule set whose history holds the old text."""
    return copy_fixture(DIGESTS_FIXTURE, tmp_path)


@pytest.fixture
def qunzhi(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch):
    """Run the qunzhi command in-process, in the site's folder."""

    def run(site: Site, *args: str) -> Result:
        monkeypatch.chdir(site.root)
        code = main(list(args))
        captured = capsys.readouterr()
        return Result(code, captured.out, captured.err)

    return run


@pytest.fixture
def built(site: Site, qunzhi) -> Site:
    result = qunzhi(site, "build")
    assert result.code == 0, result.err
    return site


@pytest.fixture(scope="session")
def hostile_built(tmp_path_factory: pytest.TempPathFactory) -> Site:
    """The fixture hub without its one warning (an unknown speaker), built with --strict
    once per test session; read-only: ``hostile_site`` copies it."""
    site = copy_fixture(FIXTURE, tmp_path_factory.mktemp("fixture"))
    opening = site.content / "transcripts/2016/2016-01-03-kai-chang.md"
    opening.write_text(opening.read_text("utf-8").replace(", 访客甲]", "]"), "utf-8")
    assert main(["build", "--strict", "--settings", str(site.settings)]) == 0
    return site


@pytest.fixture
def hostile_site(hostile_built: Site, tmp_path: Path) -> Site:
    """A copy of the built fixture hub, output and caches included (tests/hostile)."""
    shutil.copytree(hostile_built.root, tmp_path / "hub", symlinks=True)
    return Site(tmp_path / "hub")


@pytest.fixture(scope="session")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Site:
    """The README's demo hub, built once per test session (read-only for tests)."""
    root = tmp_path_factory.mktemp("demo")
    shutil.copytree(REPO / "content", root / "content")
    settings = (REPO / "pelicanconf.py").read_text(encoding="utf-8")
    (root / "pelicanconf.py").write_text(f"{settings}\nTHEME = {str(THEME)!r}\n", "utf-8")
    assert main(["build", "--strict", "--settings", str(root / "pelicanconf.py")]) == 0
    return Site(root)


@dataclass
class Watching:
    """A hub served by ``qunzhi serve --watch``."""

    base: str
    live: LiveReload
    watcher: Watcher
    server: ThreadingHTTPServer

    def get(self, path: str) -> str:
        with urlopen(f"{self.base}/{path}", timeout=10) as response:
            return response.read().decode()


@pytest.fixture
def watching(site, monkeypatch) -> Iterator[Watching]:
    """The fixture hub served with --watch, as ``qunzhi serve --watch`` wires it."""
    monkeypatch.chdir(site.root)
    args = parser().parse_args(
        ["serve", "--watch", "--port", "0", "--settings", str(site.settings)]
    )
    live = LiveReload()
    watcher = Watcher(args, live)
    first = watcher.build([])
    assert first.ok, first.errors
    live.publish(first)
    settings = load_settings(args, **build_override(args))
    index = SearchIndex(index_folder(settings))
    server = make_server(site.output, index, site_zone(settings), "127.0.0.1", 0, live)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    watcher.start(settings)
    time.sleep(0.3)  # the watchers are set up
    yield Watching(f"http://127.0.0.1:{server.server_address[1]}", live, watcher, server)
    watcher.stop()
    live.close()
    server.shutdown()
    server.server_close()


@pytest.fixture
def site_at() -> type[Site]:
    """``Site`` for a folder a test made itself (``qunzhi init``): test modules cannot
    import it, as tests/browser/conftest.py shadows this module's name."""
    return Site
