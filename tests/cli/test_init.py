"""``qunzhi init``: a new hub from flags or answers, its examples built strictly; a folder
that is not a hub says how to make one; ``qunzhi --version``."""

from __future__ import annotations

import importlib.metadata
import runpy
import sys
from pathlib import Path

import pytest

from qunzhi.cli import init, main

NOW = "1796300000"  # 2026-12-03 (Thursday) in Asia/Shanghai
FLAGS = [
    "--name",
    "潜行读书会",
    "--url",
    "https://dushu.example.org",
    "--group",
    "qianxing",
    "潜行读书会",
    "wechat",
    "--group",
    "zaowu",
    "周末造物社",
    "qq",
]


@pytest.fixture(autouse=True)
def fixed_now(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", NOW)
    monkeypatch.setattr(init, "on_terminal", lambda: False)
    # publishconf.py imports pelicanconf: not another hub's, cached by an earlier test
    monkeypatch.delitem(sys.modules, "pelicanconf", raising=False)


def settings_of(path: Path) -> dict:
    return runpy.run_path(str(path))


def test_init_with_flags_writes_a_hub_whose_examples_build_strictly(tmp_path, qunzhi, site_at):
    hub = site_at(tmp_path / "dushu")
    result = qunzhi(site_at(tmp_path), "init", "dushu", *FLAGS)

    assert (result.code, result.err) == (0, "")
    assert result.out.splitlines() == [
        "qunzhi: a new hub in dushu: 14 files, 7 of them examples",
        "the examples' names hold 'shili' (示例): rm content/*/*shili* content/digests/*",
        "next: cd dushu && qunzhi build && qunzhi serve",
    ]
    written = sorted(
        path.relative_to(hub.root).as_posix() for path in hub.root.rglob("*") if path.is_file()
    )
    assert written == [
        ".github/workflows/publish.yml",
        ".gitignore",
        ".gitlab-ci.yml",
        "README.md",
        "content/digests/2026-W49.md",
        "content/events/2026-12-17-shili-jianmianhui.md",
        "content/members/shili-chenyizhou.md",
        "content/members/shili-linxiaoman.md",
        "content/pages/shili-guanyu.md",
        "content/rules/shili-qungui.md",
        "content/transcripts/2026-11-30-shili-fenxiang.md",
        "pelicanconf.py",
        "publishconf.py",
        "requirements.txt",
    ]
    settings = settings_of(hub.settings)
    assert settings["SITENAME"] == "潜行读书会"
    assert settings["HUB_GROUPS"] == {
        "qianxing": {"name": "潜行读书会", "platform": "wechat"},
        "zaowu": {"name": "周末造物社", "platform": "qq"},
    }
    assert settings["PLUGINS"][0] == "qunzhi.hub"  # from qunzhi.defaults
    version = importlib.metadata.version("qunzhi")
    assert f"qunzhi=={version}" in (hub.root / "requirements.txt").read_text(encoding="utf-8")
    for example in hub.content.rglob("*.md"):  # every example says it is one
        assert "示例" in example.read_text(encoding="utf-8"), example

    assert qunzhi(hub, "check").code == 0
    built = qunzhi(hub, "build", "--strict")
    assert built.code == 0, built.err
    home = hub.page("")
    assert "【示例】第一次分享：把群聊整理成实录" in home
    assert "【示例】线下见面会：先认识一下" in (hub.output / "events.ics").read_text()  # upcoming
    transcript = hub.page("transcripts/shili-fenxiang")
    assert "陈一舟" in transcript
    assert "整理不是照抄" in transcript
    assert (hub.output / "members" / "shili-linxiaoman" / "index.html").is_file()
    assert (hub.output / "rules" / "shili-qungui" / "index.html").is_file()

    published = qunzhi(hub, "build", "--strict", "--settings", "publishconf.py")
    assert (published.code, published.err) == (0, "")
    sitemap = (hub.output / "sitemap.xml").read_text(encoding="utf-8")
    assert "https://dushu.example.org/transcripts/shili-fenxiang/" in sitemap


def test_empty_hub_builds_and_holds_no_examples(tmp_path, qunzhi, site_at):
    hub = site_at(tmp_path / "hub")
    (hub.root / ".git").mkdir(parents=True)  # a clone of an empty repository counts as empty
    result = qunzhi(site_at(tmp_path), "init", "hub", "--empty", "--name", "空站")

    assert result.code == 0
    assert "0 of them examples" in result.out
    assert hub.content.is_dir()
    assert not [path for path in hub.content.rglob("*") if path.is_file()]
    assert settings_of(hub.settings)["HUB_GROUPS"] == {}
    assert qunzhi(hub, "build", "--strict").code == 0
    assert "空站" in hub.page("")


def test_a_folder_that_is_not_empty_is_refused_unless_forced(tmp_path, qunzhi, site_at):
    (tmp_path / "hub").mkdir()
    (tmp_path / "hub" / "notes.txt").write_text("precious", encoding="utf-8")

    result = qunzhi(site_at(tmp_path), "init", "hub")

    assert result.code == 2
    assert result.lines == [
        "qunzhi: hub: not empty; qunzhi init writes a new hub into an empty or new folder "
        "(--force writes into this one, replacing files of the same names)"
    ]
    assert sorted(path.name for path in (tmp_path / "hub").iterdir()) == ["notes.txt"]

    forced = qunzhi(site_at(tmp_path), "init", "hub", "--force", "--name", "旧文件夹")
    assert forced.code == 0
    assert (tmp_path / "hub" / "notes.txt").read_text(encoding="utf-8") == "precious"
    assert settings_of(tmp_path / "hub" / "pelicanconf.py")["SITENAME"] == "旧文件夹"


@pytest.mark.parametrize(
    ("flags", "message"),
    [
        (
            ["--url", "hub.example.org"],
            "init: --url: expected an absolute address like https://hub.example.org, "
            "found 'hub.example.org'",
        ),
        (
            ["--timezone", "Beijing"],
            "init: --timezone: expected an IANA time zone like Asia/Shanghai, found 'Beijing'",
        ),
        (
            ["--group", "读书", "读书会", "wechat"],
            "init: --group: expected lowercase letters, digits, - and _ like dushu, found '读书'",
        ),
        (
            ["--group", "a", "甲", "qq", "--group", "a", "乙", "qq"],
            "init: --group: expected each group id once, found ['a', 'a']",
        ),
    ],
)
def test_bad_answers_are_one_line_and_write_nothing(tmp_path, qunzhi, site_at, flags, message):
    result = qunzhi(site_at(tmp_path), "init", "hub", *flags)

    assert result.code == 2
    assert result.lines == [f"qunzhi: {message}"]
    assert not (tmp_path / "hub").exists()


def test_on_a_terminal_it_asks_and_asks_again(tmp_path, qunzhi, site_at, monkeypatch):
    monkeypatch.setattr(init, "on_terminal", lambda: True)
    answers = iter(
        ["造物社", "ftp://nope", "https://zaowu.example.org", "", "zaowu", "周末造物社", "qq", ""]
    )
    prompts = []

    def answer(prompt: str) -> str:
        prompts.append(prompt)
        return next(answers)

    monkeypatch.setattr("builtins.input", answer)
    result = qunzhi(site_at(tmp_path), "init", "hub")

    assert result.code == 0
    assert prompts[0] == "站点名称 · site name [hub]: "
    assert prompts[1] == prompts[2] == "发布地址 · published address [https://hub.example.org]: "
    assert "expected an absolute address" in result.err  # said why, then asked again
    assert prompts[3] == "时区 · time zone [Asia/Shanghai]: "  # Enter: the default
    settings = settings_of(tmp_path / "hub" / "pelicanconf.py")
    assert (settings["SITENAME"], settings["TIMEZONE"]) == ("造物社", "Asia/Shanghai")
    assert settings["HUB_GROUPS"] == {"zaowu": {"name": "周末造物社", "platform": "qq"}}
    published = settings_of(tmp_path / "hub" / "publishconf.py")
    assert published["SITEURL"] == "https://zaowu.example.org"


def test_build_outside_a_hub_says_how_to_make_one(tmp_path, qunzhi, site_at):
    result = qunzhi(site_at(tmp_path), "build")

    assert result.code == 2
    assert result.lines == [
        "qunzhi: pelicanconf.py: settings file not found; this folder is not a hub: make one "
        "here with 'qunzhi init', or run qunzhi in the hub's folder or pass --settings FILE"
    ]


def test_version_names_the_installed_package(capsys):
    with pytest.raises(SystemExit) as stopped:
        main(["--version"])

    assert stopped.value.code == 0
    printed = capsys.readouterr().out.strip()
    assert printed.startswith(f"qunzhi {importlib.metadata.version('qunzhi')} (Pelican ")
