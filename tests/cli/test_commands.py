"""The qunzhi command: help, new, build equivalence with pelican, exit codes."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from qunzhi.cli import main


@pytest.mark.parametrize(
    ("command", "options"),
    [
        (
            "build",
            ["--settings FILE", "--content DIR", "--output DIR", "--strict", "-v", "--debug"],
        ),
        ("check", ["DIR", "--settings FILE", "--strict", "-v", "--debug"]),
        ("new", ["TYPE", "TITLE", "--group ID", "--settings FILE", "--content DIR", "--debug"]),
    ],
)
def test_every_command_has_complete_help(command, options, capsys):
    with pytest.raises(SystemExit) as exit_info:
        main([command, "--help"])
    assert exit_info.value.code == 0
    text = capsys.readouterr().out
    assert [option for option in options if option not in text] == []
    assert "Exit status" in text or command == "new"


def test_new_writes_a_draft_with_pinyin_slug_and_date(site, qunzhi):
    result = qunzhi(site, "new", "transcript", "Python 读书会：第3期", "--group", "dushu")

    path = site.content / "transcripts" / "2016-02-01-python-du-shu-hui-di-3-qi.md"
    assert result.code == 0
    assert result.out.strip() == str(path)
    front = yaml.safe_load(path.read_text(encoding="utf-8").split("---")[1])
    assert front["title"] == "Python 读书会：第3期"
    assert front["date"] == "2016-02-01 20:00"  # HUB_NOW's day
    assert front["group"] == "dushu"
    assert front["status"] == "draft"
    assert qunzhi(site, "check").code == 0  # a fresh template is valid content


@pytest.mark.parametrize(
    ("kind", "title", "relative"),
    [
        ("event", "春季 市集", "events/2016-02-01-chun-ji-shi-ji.md"),
        ("群规", "入群须知", "rules/ru-qun-xu-zhi.md"),
        ("member", "王小明", "members/wangxiaoming.md"),
        ("page", "加入我们", "pages/jia-ru-wo-men.md"),
    ],
)
def test_new_puts_each_type_in_its_folder(site, qunzhi, kind, title, relative):
    assert qunzhi(site, "new", kind, title).code == 0
    assert (site.content / relative).is_file()
    assert qunzhi(site, "check").code == 0


def test_new_never_overwrites(site, qunzhi):
    assert qunzhi(site, "new", "page", "关于").code == 0
    path = site.content / "pages" / "guan-yu.md"
    path.write_text("---\ntitle: 我写的\n---\n", encoding="utf-8")

    result = qunzhi(site, "new", "page", "关于")

    assert result.code == 1
    assert result.err.startswith("qunzhi: new: ") and "already exists" in result.err
    assert path.read_text(encoding="utf-8") == "---\ntitle: 我写的\n---\n"


def test_new_rejects_unknown_type(site, qunzhi):
    result = qunzhi(site, "new", "poem", "静夜思")
    assert result.code == 2
    assert result.lines == [
        "qunzhi: new: TYPE: expected transcript, event, rule, member or page, found 'poem'"
    ]


def test_missing_settings_file_is_a_usage_error(site, qunzhi):
    result = qunzhi(site, "build", "--settings", "nope.py")
    assert result.code == 2
    assert result.lines == [
        "qunzhi: nope.py: settings file not found; run qunzhi in the hub's folder or pass "
        "--settings FILE"
    ]


def test_content_and_output_options_override_settings(site, qunzhi, tmp_path):
    moved = tmp_path / "elsewhere"
    site.content.rename(moved)
    out = tmp_path / "public"

    result = qunzhi(site, "build", "--content", str(moved), "--output", str(out))

    assert result.code == 0, result.err
    assert (out / "transcripts" / "kai-chang" / "index.html").is_file()
    assert not site.output.exists()


def test_build_is_quiet_on_success(site, qunzhi):
    (site.content / "transcripts" / "2016" / "2016-01-03-kai-chang.md").write_text(
        (site.content / "transcripts" / "2016" / "2016-01-03-kai-chang.md")
        .read_text(encoding="utf-8")
        .replace("speakers: [李小红, 访客甲]", "speakers: [李小红]"),
        encoding="utf-8",
    )
    result = qunzhi(site, "build")
    assert (result.code, result.out, result.err) == (0, "", "")


def test_pelican_content_and_qunzhi_build_make_the_same_site(site, qunzhi, tmp_path):
    assert qunzhi(site, "build", "--output", str(tmp_path / "ours")).code == 0
    pelican = Path(sys.executable).with_name("pelican")
    subprocess.run(
        [str(pelican), "content", "-s", "pelicanconf.py", "-o", str(tmp_path / "theirs")],
        cwd=site.root,
        check=True,
        capture_output=True,
        env={**os.environ, "COLUMNS": "200"},
    )

    def tree(root: Path) -> dict[str, bytes]:
        return {
            str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()
        }

    ours, theirs = tree(tmp_path / "ours"), tree(tmp_path / "theirs")
    assert len(ours) > 20
    assert ours == theirs


def test_output_retention_survives_the_swap(built, qunzhi):
    with built.settings.open("a", encoding="utf-8") as settings:
        settings.write("\nOUTPUT_RETENTION = ['.git']\n")
    (built.output / ".git").mkdir()
    (built.output / ".git" / "HEAD").write_text("ref: refs/heads/main\n")
    (built.output / "stale.html").write_text("old")

    assert qunzhi(built, "build").code == 0

    assert (built.output / ".git" / "HEAD").read_text() == "ref: refs/heads/main\n"
    assert not (built.output / "stale.html").exists()  # the output is the new build, whole
    assert not list(built.root.glob(".qunzhi-*"))


def test_a_folder_of_other_files_is_never_replaced(site, qunzhi):
    (site.output).mkdir()
    (site.output / "notes.txt").write_text("precious")

    result = qunzhi(site, "build")

    assert result.code == 2
    assert result.lines == [
        f"qunzhi: OUTPUT_PATH: expected an empty folder or one qunzhi built, found other files "
        f"in {site.output.resolve()}; empty it or choose another output folder"
    ]
    assert (site.output / "notes.txt").read_text() == "precious"


@pytest.mark.parametrize(
    ("output", "problem"),
    [
        (".", "expected a folder for the site alone, found one that holds"),
        ("content", "expected a folder for the site alone, found one that holds"),
        ("..", "expected a folder for the site alone, found one that holds"),
        ("content/images/site", "expected a folder outside the content, found one inside"),
    ],
)
def test_output_holding_the_hub_is_refused(site, qunzhi, output, problem):
    result = qunzhi(site, "build", "--output", output)

    assert result.code == 2
    assert problem in result.err
    assert not (site.content / "images" / "site").exists()
    assert (site.content / "pages" / "about.md").is_file()
    assert site.settings.is_file()


def test_template_error_leaves_old_output(built, qunzhi, tmp_path):
    before = built.all_output()
    theme = tmp_path / "theme"
    shutil.copytree(Path(__file__).resolve().parents[2] / "theme", theme)
    broken = "{% extends 'base.html' %}{% block content %}{{ doc.nope() }}{% endblock %}"
    (theme / "templates" / "page.html").write_text(broken)
    with built.settings.open("a", encoding="utf-8") as settings:
        settings.write(f"\nTHEME = {str(theme)!r}\n")

    result = qunzhi(built, "build")

    assert result.code == 1
    assert result.lines[-1].startswith("qunzhi: template error: ")
    assert "nope" in result.lines[-1] and "previous output is untouched" in result.lines[-1]
    assert built.all_output() == before
    assert not list(built.root.glob(".qunzhi-*"))


def test_leftovers_of_killed_builds_are_cleared_but_live_ones_kept(site, qunzhi):
    dead = site.root / ".qunzhi-staging-999999999-x"
    live = site.root / f".qunzhi-staging-{os.getppid()}-y"  # a process that runs
    dead.mkdir()
    live.mkdir()

    assert qunzhi(site, "build").code == 0

    assert not dead.exists()
    assert live.exists()


def test_check_of_a_type_folder_says_to_pass_its_parent(site, qunzhi):
    result = qunzhi(site, "check", "content/transcripts")
    assert result.code == 2
    assert result.lines == [
        "qunzhi: content/transcripts: DIR: expected the content folder that holds transcripts/, "
        "events/ …, found the transcripts/ folder itself; pass its parent"
    ]
