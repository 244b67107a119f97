"""A hub of one's own, as a new organiser makes it: the wheel installed into a fresh
virtualenv outside the repository, ``qunzhi init`` with flags, ``qunzhi build --strict``,
the home page in Chromium through ``qunzhi serve``; then the hub's own ``theme/``
overrides one template and one CSS file.

The wheel is built once per session (``pip wheel --no-deps`` from a copy of the sources);
the virtualenv installs its dependencies from the package registry (or pip's cache).
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import venv
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.error import URLError
from urllib.request import urlopen

import pytest

REPO = Path(__file__).resolve().parents[2]
SOURCES = ("pyproject.toml", "README.md", "plugins", "theme")
NOW = "1796300000"  # 2026-12-03 in Asia/Shanghai: the example event is upcoming
NAME = "潜行读书会"
INIT = [
    "--name",
    NAME,
    "--url",
    "https://dushu.example.org",
    "--group",
    "qianxing",
    NAME,
    "wechat",
]


@pytest.fixture(scope="session")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The wheel of the sources as they are (a copy: no build/ of an earlier build)."""
    source = tmp_path_factory.mktemp("source")
    for name in SOURCES:
        if (REPO / name).is_dir():
            ignore = shutil.ignore_patterns("__pycache__")
            shutil.copytree(REPO / name, source / name, ignore=ignore)
        else:
            shutil.copy(REPO / name, source / name)
    wheels = tmp_path_factory.mktemp("wheels")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(wheels), str(source)],
        check=True,
        capture_output=True,
    )
    (built,) = wheels.glob("qunzhi-*.whl")
    return built


@pytest.fixture(scope="session")
def installed(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh virtualenv outside the repository with the wheel installed: its bin/."""
    home = tmp_path_factory.mktemp("venv") / "qunzhi"
    venv.create(home, with_pip=True)
    bin_folder = home / "bin"
    subprocess.run(
        [str(bin_folder / "python"), "-m", "pip", "install", "-q", str(wheel)],
        check=True,
        capture_output=True,
        env=environment(),
    )
    return bin_folder


def environment() -> dict[str, str]:
    """The organiser's shell: no PYTHONPATH into the checkout, a fixed "now"."""
    env = {key: value for key, value in os.environ.items() if key != "PYTHONPATH"}
    return {**env, "SOURCE_DATE_EPOCH": NOW, "PIP_DISABLE_PIP_VERSION_CHECK": "1"}


def qunzhi(installed: Path, cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(installed / "qunzhi"), *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
        stdin=subprocess.DEVNULL,
        env=environment(),
    )


@pytest.fixture(scope="session")
def hub(installed: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """``qunzhi init`` with flags, then ``qunzhi build --strict``, as the organiser types."""
    home = tmp_path_factory.mktemp("organiser")
    made = qunzhi(installed, home, "init", "dushu", *INIT)
    assert made.returncode == 0, made.stderr
    built = qunzhi(installed, home / "dushu", "build", "--strict")
    assert built.returncode == 0, built.stderr
    return home / "dushu"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def serve(installed: Path, hub: Path) -> Iterator[str]:
    """``qunzhi serve`` of the installed package, on a free localhost port."""
    port = free_port()
    server = subprocess.Popen(
        [str(installed / "qunzhi"), "serve", "--host", "127.0.0.1", "--port", str(port)],
        cwd=hub,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        stdin=subprocess.DEVNULL,
        env=environment(),
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                with urlopen(base + "/", timeout=2):
                    break
            except (URLError, ConnectionError):
                assert server.poll() is None, "qunzhi serve stopped"
                assert time.monotonic() < deadline, "qunzhi serve did not answer in 30 s"
                time.sleep(0.2)
        yield base
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_wheel_carries_the_whole_theme_and_the_starter(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())

    theme = {
        "qunzhi/theme/" + path.relative_to(REPO / "theme").as_posix()
        for path in (REPO / "theme").rglob("*")
        if path.is_file()
    }
    assert theme <= names
    assert "qunzhi/theme/templates/base.html" in theme
    assert "qunzhi/defaults.py" in names
    assert "qunzhi/cli/starter/dot-github/workflows/publish.yml" in names
    assert "qunzhi/cli/starter/pelicanconf.py.in" in names


def test_installed_qunzhi_runs_from_the_virtualenv_not_the_checkout(installed, wheel):
    where = subprocess.run(
        [
            str(installed / "python"),
            "-c",
            "import qunzhi.defaults as d; print(d.__file__); print(d.THEME)",
        ],
        cwd=installed,
        capture_output=True,
        text=True,
        check=True,
        env=environment(),
    ).stdout.split()
    venv_root = installed.parent
    assert all(Path(path).is_relative_to(venv_root) for path in where), where
    assert (Path(where[1]) / "templates" / "index.html").is_file()
    version = wheel.name.split("-")[1]
    shown = qunzhi(installed, installed, "--version")
    assert shown.stdout.startswith(f"qunzhi {version} (Pelican ")


def test_new_hub_builds_strictly_and_its_home_page_shows_in_chromium(
    installed, hub, browser, tmp_path
):
    published = qunzhi(installed, hub, "build", "--strict", "--settings", "publishconf.py")
    assert (published.returncode, published.stderr) == (0, "")
    assert qunzhi(installed, hub, "build", "--strict").returncode == 0  # back to the dev site

    with serve(installed, hub) as base:
        page = browser.new_page(viewport={"width": 390, "height": 844})
        failed: list[str] = []
        page.on("requestfailed", lambda request: failed.append(request.url))
        page.on("response", lambda response: response.ok or failed.append(response.url))
        page.goto(base + "/")
        assert page.locator("h1").first.inner_text() == NAME
        assert page.title() == NAME
        recent = page.locator(".home-recent")
        assert recent.get_by_text("【示例】第一次分享：把群聊整理成实录").is_visible()
        upcoming = page.get_by_text("【示例】线下见面会：先认识一下").first
        assert upcoming.is_visible()
        # the packaged style sheet is in force: the page is laid out, not browser defaults
        assert page.evaluate("getComputedStyle(document.body).marginTop") != "8px"
        overflow = page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 0
        page.screenshot(path=str(tmp_path / "home.png"), full_page=True)
        page.close()
    assert failed == []


OWN_TEMPLATE = """{% extends "!theme/index.html" %}
{% block content %}<p class="own-note">本站自己的首页说明</p>{{ super() }}{% endblock %}
"""
OWN_RULE = "\n.own-note { color: rgb(180, 30, 30); }\n"


def test_own_theme_overrides_one_template_and_one_css_file(installed, hub, browser, tmp_path):
    mine = tmp_path / "dushu"
    shutil.copytree(hub, mine)  # built once already: its output and cache are in play
    packaged = installed.parent.glob("lib/python*/site-packages/qunzhi/theme")
    theme = next(packaged)
    own_css = (theme / "static" / "css" / "hub.css").read_text(encoding="utf-8") + OWN_RULE
    (mine / "theme" / "templates").mkdir(parents=True)
    (mine / "theme" / "templates" / "index.html").write_text(OWN_TEMPLATE, encoding="utf-8")
    (mine / "theme" / "static" / "css").mkdir(parents=True)
    (mine / "theme" / "static" / "css" / "hub.css").write_text(own_css, encoding="utf-8")

    built = qunzhi(installed, mine, "build", "--strict")

    assert built.returncode == 0, built.stderr
    output = mine / "output"
    assert (output / "theme" / "css" / "hub.css").read_text(encoding="utf-8") == own_css
    for kept in ("css/feed.css", "js/search.js", "favicon.svg"):  # the rest: packaged
        assert (output / "theme" / kept).read_bytes() == (theme / "static" / kept).read_bytes()
    home = (output / "index.html").read_text(encoding="utf-8")
    assert "本站自己的首页说明" in home
    assert "【示例】第一次分享" in home  # super(): the packaged page is all there
    assert "本站自己的首页说明" not in (output / "archives" / "index.html").read_text("utf-8")

    with serve(installed, mine) as base:
        page = browser.new_page(viewport={"width": 390, "height": 844})
        page.goto(base + "/")
        note = page.locator(".own-note")
        assert note.is_visible()
        assert note.evaluate("element => getComputedStyle(element).color") == "rgb(180, 30, 30)"
        page.screenshot(path=str(tmp_path / "own-theme.png"), full_page=True)
        page.close()
