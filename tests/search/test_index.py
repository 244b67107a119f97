"""The index of record: built from published content, updated incrementally, never a crash."""

from __future__ import annotations

import json
import logging
from datetime import UTC, datetime

from qunzhi.cli import main
from qunzhi.search.index import SearchIndex
from qunzhi.search.searching import Filters, search

KAI_CHANG = "transcripts/kai-chang/"


def index_of(site) -> SearchIndex:
    return SearchIndex(site.root / "cache" / "qunzhi-store" / "search-index")


def urls(site, text: str, **filters) -> list[str]:
    with index_of(site).searcher() as searcher:
        return [hit.url for hit in search(searcher, text, Filters(**filters), 10)]


def test_a_build_indexes_every_published_page(built):
    with index_of(built).searcher() as searcher:
        urls = {fields["url"] for fields in searcher.all_stored_fields()}
    assert urls == {
        KAI_CHANG,
        "events/nian-hui/",
        "events/shalong/",
        "rules/paoge-qungui/",
        "members/lixiaohong/",
        "members/wangjianguo/",
        "members/zhaolei/",
        "about/",
    }


def test_a_hit_links_to_the_turn_that_holds_the_words(built):
    assert urls(built, "第一次来") == [f"{KAI_CHANG}#turn-3"]
    assert urls(built, "邀请") == [f"{KAI_CHANG}#turn-2"]


def test_members_are_found_by_name_and_alias(built):
    assert urls(built, "李小红")[0] == "members/lixiaohong/"
    assert "members/lixiaohong/" in urls(built, "Hong")


def test_only_changed_documents_are_analysed_again(site, qunzhi, caplog):
    assert qunzhi(site, "build").code == 0
    site.write(
        "transcripts/2016/2016-01-03-kai-chang.md",
        (site.content / "transcripts/2016/2016-01-03-kai-chang.md")
        .read_text(encoding="utf-8")
        .replace("我是第一次来。", "我是第一次来，带了风筝。"),
    )
    (site.content / "pages/about.md").unlink()
    with caplog.at_level(logging.INFO, logger="qunzhi.search"):
        assert qunzhi(site, "build").code == 0
    assert "1 added" not in caplog.text
    assert "0 added, 1 changed, 1 removed" in caplog.text
    assert urls(site, "风筝") == [f"{KAI_CHANG}#turn-3"]
    assert urls(site, "测试社区") == []


def test_a_document_turned_draft_leaves_the_index(site, qunzhi):
    assert qunzhi(site, "build").code == 0
    assert urls(site, "年会") == ["events/nian-hui/"]
    path = site.content / "events/2016-01-10-nian-hui.md"
    path.write_text(
        path.read_text(encoding="utf-8").replace("tags:", "status: draft\ntags:"), encoding="utf-8"
    )
    assert qunzhi(site, "build").code == 0
    assert urls(site, "年会") == []


def test_a_damaged_index_is_rebuilt_with_a_warning(built, qunzhi, caplog):
    for segment in (built.root / "cache" / "qunzhi-store" / "search-index").glob("*.seg"):
        segment.write_bytes(b"\0garbage")
    result = qunzhi(built, "build")
    assert result.code == 0, result.err
    assert "search: rebuilding the search index (the index in" in caplog.text
    assert urls(built, "第一次来") == [f"{KAI_CHANG}#turn-3"]


def test_full_rebuild_on_request(built, qunzhi, caplog):
    with caplog.at_level(logging.INFO, logger="qunzhi.search"):
        assert qunzhi(built, "build", "--full").code == 0
    assert "(rebuilt)" in caplog.text
    caplog.clear()
    assert qunzhi(built, "build").code == 0
    assert "rebuilding" not in caplog.text and "(rebuilt)" not in caplog.text


def test_filters_narrow_the_hits(built):
    # 老王 is 王建国's alias: he spoke at the 年会 and hosted the 沙龙 (group dushu)
    assert set(urls(built, "老王", kind="event")) == {"events/nian-hui/", "events/shalong/"}
    assert urls(built, "老王", kind="活动", group="dushu") == ["events/shalong/"]
    # 磊子 (zhaolei) hosted the 年会 and edited the 开场 transcript
    named = {"events/nian-hui/", KAI_CHANG}
    assert {url.split("#")[0] for url in urls(built, "老王", member="磊子")} == named
    assert {url.split("#")[0] for url in urls(built, "老王", member="zhaolei")} == named
    assert [url.split("#")[0] for url in urls(built, "老王", tag="读书")] == [KAI_CHANG]
    assert urls(built, "老王", since=datetime(2016, 3, 1, tzinfo=UTC)) == ["events/shalong/"]
    assert "events/shalong/" not in urls(built, "老王", until=datetime(2016, 3, 1, tzinfo=UTC))


def test_no_word_of_a_draft_or_private_document_is_exported(built):
    """The privacy test looks for whole strings; search data holds words, so look for those."""
    secret_words = {"秘密", "私密", "草稿", "隐士", "隐身人", "si-ren", "cao-gao", "yinshi"}
    shards = (built.output / "search" / "terms").glob("*.json")
    vocabulary = {word for shard in shards for word in json.loads(shard.read_text("utf-8"))}
    assert vocabulary and not vocabulary & secret_words
    passages = "".join(
        page.read_text("utf-8") for page in (built.output / "search" / "pages").glob("*.json")
    )
    assert not [word for word in secret_words if word in passages]
    with index_of(built).searcher() as searcher:
        indexed = {
            term.decode()
            for field in ("title", "body", "people", "tags")
            for term in searcher.reader().lexicon(field)
        }
    assert indexed and not indexed & secret_words


def test_the_default_cache_is_beside_the_content_not_in_the_working_folder(
    site, tmp_path, monkeypatch
):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    assert main(["build", "--settings", str(site.settings)]) == 0
    assert (site.root / "cache" / "qunzhi-store" / "search-index" / "hashes.json").is_file()
    assert not (elsewhere / "cache").exists()
