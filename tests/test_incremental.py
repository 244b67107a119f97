"""Caches never change what a build makes: after edits, additions and deletions, a build
that reuses the last build's caches and output writes the same bytes as a build from
nothing."""

from __future__ import annotations

import logging
import re
import shutil
from pathlib import Path

from pelican.writers import Writer

from qunzhi.hub import markdowncache, workers
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
    with SearchIndex(site.root / "cache" / "qunzhi-store" / "search-index").searcher() as searcher:
        return {
            fields["url"]: (fields["title"], fields["kind"], fields["group"], stored_text(fields))
            for fields in searcher.all_stored_fields()
        }


def replace(site, relative: str, old: str, new: str) -> None:
    path = site.content / relative
    text = path.read_text(encoding="utf-8")
    assert old in text, (relative, old)
    path.write_text(text.replace(old, new), encoding="utf-8")


def append(path: Path, text: str) -> None:
    with path.open("a", encoding="utf-8") as file:
        file.write(text)


def replace_settings(site, old: str, new: str) -> None:
    text = site.settings.read_text(encoding="utf-8")
    assert old in text, old
    site.settings.write_text(text.replace(old, new), encoding="utf-8")


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
    (
        "retitle a transcript a digest lists",  # its page is kept only while its data is
        lambda site: replace(site, TRANSCRIPT, "title: ", "title: 重写的 "),
    ),
    (
        "rename a member a transcript names",
        lambda site: replace(site, "members/wangjianguo.md", "name: 王建国", "name: 王建华"),
    ),
    (
        "retitle a page every footer lists",
        lambda site: replace(site, "pages/about.md", "关于我们", "关于本群"),
    ),
    (
        "tag a transcript with a new tag",
        lambda site: replace(
            site, TRANSCRIPT, "tags: [社群运营, 读书]", "tags: [社群运营, 读书, 风筝]"
        ),
    ),
    (
        "an event ends",
        lambda site: site.settings.write_text(
            site.settings.read_text(encoding="utf-8").replace(
                "2016-02-01 12:00", "2016-03-13 09:00"
            ),
            encoding="utf-8",
        ),
    ),
    (
        "a member's new alias, a topic word",  # a name: cut whole, and no more a topic
        lambda site: replace(site, "members/lixiaohong.md", "  - Hong\n", "  - Hong\n  - 记忆\n"),
    ),
    (
        "a new tag on another document",  # a new word: other texts are cut otherwise
        lambda site: replace(
            site, "transcripts/2016/2016-01-20-xin-ren.md", "host:", "tags: [社群的记忆]\nhost:"
        ),
    ),
    (
        "a guest speaker named like a topic",  # no new word for the segmenter, one person more
        lambda site: (
            replace(site, TRANSCRIPT, "访客甲]", "访客甲, 回顾]"),
            replace(site, TRANSCRIPT, "## 问答环节\n", "[20:06] 回顾：我来晚了。\n\n## 问答环节\n"),
        ),
    ),
    (
        "edit a digest note",
        lambda site: replace(site, "digests/2016-W01.md", "编辑的话。", "开场很热闹。"),
    ),
    (
        "rename a member",  # shown by the new name wherever the old one is written
        lambda site: replace(
            site,
            "members/lixiaohong.md",
            "name: 李小红\naliases:\n",
            "name: 李晓红\naliases:\n  - 李小红\n",
        ),
    ),
    ("rename the site", lambda site: append(site.settings, '\nSITENAME = "新名字的群志"\n')),
    # a transcript's turns and links depend on the member directory, kept or not
    (
        "give a member an alias",
        lambda site: replace(site, "members/zhaolei.md", "[磊子]", "[磊子, 访客甲]"),
    ),
    (
        "make a member private",
        lambda site: replace(site, "members/wangjianguo.md", "role:", "status: private\nrole:"),
    ),
    # feeds are kept whole: the site's address is in every one
    (
        "give the site an address",
        lambda site: replace_settings(
            site, 'SITEURL = ""', 'SITEURL = "https://qun.example.org/sub"'
        ),
    ),
    ("delete an event", lambda site: (site.content / "events/2016-01-10-nian-hui.md").unlink()),
    ("delete a member", lambda site: (site.content / "members/zhaolei.md").unlink()),
    # new words for the segmenter: the index is rebuilt and kept page words are dropped
    ("add a tag the text uses", lambda site: replace(site, TRANSCRIPT, "风筝]", "风筝, 流走的河]")),
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
    kept = ("markdown", "conversations", "front-matter", "feed-entries")
    for name in kept:
        assert (site.root / "cache" / "qunzhi-store" / name).is_dir(), name


def test_markdown_converted_by_worker_processes_is_the_same(site, qunzhi, tmp_path, monkeypatch):
    serial = fresh_build(site, qunzhi, tmp_path / "serial").all_output()
    monkeypatch.setattr(markdowncache, "PARALLEL_FROM", 1)  # the fixture has a few texts only
    with site.settings.open("a", encoding="utf-8") as settings:
        settings.write("\nHUB_JOBS = 2\n")
    started = []
    monkeypatch.setattr(workers, "ProcessPoolExecutor", spy(started))
    parallel = fresh_build(site, qunzhi, tmp_path / "parallel").all_output()
    assert started == [2]
    assert parallel == serial


def spy(started: list[int]):
    real = workers.ProcessPoolExecutor

    def make(workers: int, **options):
        started.append(workers)
        return real(workers, **options)

    return make


def test_a_renamed_member_lays_out_and_renders_again_only_what_names_them(
    site, qunzhi, caplog, monkeypatch
):
    assert qunzhi(site, "build").code == 0
    bodies = [*site.content.glob("transcripts/*/*.md"), *site.content.glob("events/*.md")]
    naming = [path for path in bodies if re.search("李小红|小红|Hong", path.read_text("utf-8"))]
    assert 0 < len(naming) < len(bodies)
    replace(site, "members/lixiaohong.md", "name: 李小红\n", "name: 李晓红\n")
    replace(site, "members/lixiaohong.md", "aliases:\n", "aliases:\n  - 李小红\n")
    rendered = []
    write_file = Writer.write_file

    def recording(self, name, *args, **kwargs):
        rendered.append(name)
        return write_file(self, name, *args, **kwargs)

    monkeypatch.setattr(Writer, "write_file", recording)
    caplog.set_level(logging.INFO, logger="qunzhi.hub.store")
    assert qunzhi(site, "build").code == 0
    # store: STEP: N reused, M made
    steps = {record.args[0]: record.args[1:] for record in caplog.records if record.args}
    reused, made = steps["conversations"]
    assert (reused, made) == (len(bodies) - len(naming), len(naming))
    # the page that shows her is rendered again; one that does not is kept as it was
    assert "transcripts/kai-chang/index.html" in rendered
    assert "events/nian-hui/index.html" not in rendered
    assert "members/lixiaohong/index.html" in rendered
    assert "members/yinshi/index.html" not in rendered  # named nowhere she is
    page = site.output / "transcripts/kai-chang/index.html"
    assert "李晓红" in page.read_text("utf-8")
