"""Caches never change what a build makes: after edits, additions and deletions, a build
that reuses the last build's caches and output writes the same bytes as a build from
nothing."""

from __future__ import annotations

import shutil
from pathlib import Path

from qunzhi.hub import markdowncache
from qunzhi.search.index import SearchIndex, stored_text


def fresh_build(site, qunzhi, where: Path):
    """The same content and settings built in a new folder: no cache, no output."""
    copy = type(site)(where)
    shutil.copytree(site.content, copy.content)
    shutil.copy(site.settings, copy.settings)
    result = qunzhi(copy, "build")
    assert result.code == 0, result.err
    return copy


def indexed(site) -> dict[str, tuple]:
    """What the search index holds, page by page (it is a cache, not part of the output)."""
    with SearchIndex(site.root / "cache" / "search").searcher() as searcher:
        return {
            fields["url"]: (fields["title"], fields["kind"], fields["group"], stored_text(fields))
            for fields in searcher.all_stored_fields()
        }


def replace(site, relative: str, old: str, new: str) -> None:
    path = site.content / relative
    text = path.read_text(encoding="utf-8")
    assert old in text, (relative, old)
    path.write_text(text.replace(old, new), encoding="utf-8")


TRANSCRIPT = "transcripts/2016/2016-01-03-kai-chang.md"

STEPS = [
    (
        "edit a turn",
        lambda site: replace(site, TRANSCRIPT, "我是第一次来。", "我是第一次来，带了风筝。"),
    ),
    (
        "add a transcript",
        lambda site: site.write(
            "transcripts/2016/2016-01-20-xin-ren.md",
            "---\ntitle: 新人介绍\ndate: 2016-01-20 20:00\ngroup: dushu\nhost: 老王\n---\n"
            "[20:01] 老王：欢迎新朋友。\n\n[20:02] 小红：大家好，我做产品。\n",
        ),
    ),
    ("delete an event", lambda site: (site.content / "events/2016-01-10-nian-hui.md").unlink()),
    ("delete a member", lambda site: (site.content / "members/zhaolei.md").unlink()),
    # new words for the segmenter: the index is rebuilt and kept page words are dropped
    ("add a tag the text uses", lambda site: replace(site, TRANSCRIPT, "读书]", "读书, 流走的河]")),
    (
        "rename a group in the settings",
        lambda site: site.settings.write_text(
            site.settings.read_text(encoding="utf-8").replace("炮哥有约", "炮哥夜谈"),
            encoding="utf-8",
        ),
    ),
    (
        "turn a transcript into a draft",
        lambda site: replace(site, TRANSCRIPT, "tags:", "status: draft\ntags:"),
    ),
]


def test_every_build_after_an_edit_equals_a_build_from_nothing(site, qunzhi, tmp_path):
    assert qunzhi(site, "build").code == 0
    for number, (step, change) in enumerate(STEPS):
        change(site)
        result = qunzhi(site, "build")
        assert result.code == 0, (step, result.err)
        incremental = site.all_output()
        rebuilt = fresh_build(site, qunzhi, tmp_path / f"full-{number}")
        full = rebuilt.all_output()
        assert indexed(site) == indexed(rebuilt), step
        differ = sorted(
            name
            for name in incremental.keys() | full.keys()
            if incremental.get(name) != full.get(name)
        )
        assert not differ, (step, differ[:10])
    assert any(Path(name).parts[0] == "search" for name in incremental)  # caches were in play
    assert (site.root / "cache" / "markdown.marshal").is_file()


def test_markdown_converted_by_worker_processes_is_the_same(site, qunzhi, tmp_path, monkeypatch):
    serial = fresh_build(site, qunzhi, tmp_path / "serial").all_output()
    monkeypatch.setattr(markdowncache, "PARALLEL_FROM", 1)  # the fixture has a few texts only
    with site.settings.open("a", encoding="utf-8") as settings:
        settings.write("\nHUB_JOBS = 2\n")
    started = []
    monkeypatch.setattr(markdowncache, "ProcessPoolExecutor", spy(started))
    parallel = fresh_build(site, qunzhi, tmp_path / "parallel").all_output()
    assert started == [2]
    assert parallel == serial


def spy(started: list[int]):
    real = markdowncache.ProcessPoolExecutor

    def make(workers: int, **options):
        started.append(workers)
        return real(workers, **options)

    return make
