"""``qunzhi search`` as an editor uses it: text and JSON, filters, exit codes, messages."""

from __future__ import annotations

import json

import pytest

KAI_CHANG = "transcripts/kai-chang/"


def test_results_are_numbered_with_a_marked_snippet(built, qunzhi):
    result = qunzhi(built, "search", "第一次来")
    assert result.code == 0, result.err
    assert result.out.splitlines() == [
        "1. 开场分享：社群的记忆 · 访客甲  [分享实录 · 炮哥有约 · 2016-01-03]",
        f"   /{KAI_CHANG}#turn-3",
        "   我是【第一次来】。",
    ]


def test_json_is_the_documented_list(built, qunzhi):
    result = qunzhi(built, "search", "社群的记忆", "--json")
    assert result.code == 0, result.err
    hits = json.loads(result.out)
    assert hits and all(
        set(hit) == {"url", "title", "type", "group", "date", "score", "snippet"} for hit in hits
    )
    assert hits[0]["url"].startswith(KAI_CHANG)
    assert (hits[0]["type"], hits[0]["group"], hits[0]["date"]) == (
        "transcript",
        "paoge",
        "2016-01-03",
    )
    assert hits[0]["score"] > 0


def test_traditional_and_full_width_queries_find_simplified_text(built, qunzhi):
    for query in ("社群的記憶", "ＨＯＮＧ"):
        result = qunzhi(built, "search", query, "--json")
        assert result.code == 0, (query, result.err)
        assert json.loads(result.out), query


def test_a_phrase_must_stand_as_written(built, qunzhi):
    assert qunzhi(built, "search", '"社群的记忆"').code == 0
    # both words are in the transcript, but never in this order
    result = qunzhi(built, "search", '"记忆社群"')
    assert (result.code, result.out) == (1, "")


def test_nothing_found_is_exit_1_and_silent(built, qunzhi):
    result = qunzhi(built, "search", "完全不存在的词语组合")
    assert (result.code, result.out, result.err) == (1, "", "")


def test_drafts_and_private_documents_are_never_found(built, qunzhi):
    for secret in ("草稿秘密词", "私密秘密词", "私人讨论", "隐士甲", "隐身人", "草稿活动秘密"):
        result = qunzhi(built, "search", secret, "--json")
        urls = [hit["url"] for hit in json.loads(result.out or "[]")]
        assert not [url for url in urls if "cao-gao" in url or "si-ren" in url or "yinshi" in url]
        assert secret not in result.out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ['"没有配对'],
            'qunzhi: expected a closing " for the phrase, found none; remove the quote',
        ),
        (
            ["OR AND -"],
            "qunzhi: expected words to search for, found only operators or punctuation "
            "in 'OR AND -'",
        ),
        (
            ["笔" * 201],
            "qunzhi: expected a query of at most 200 characters, found 201; search for a few words",
        ),
        (
            ["老王", "--type", "视频"],
            "qunzhi: expected a type (transcript, event, rule, member, page), found '视频'",
        ),
        (
            ["老王", "--group", "nope"],
            "qunzhi: --group: expected a group id of the settings (paoge, dushu), found 'nope'",
        ),
        (
            ["老王", "--since", "上周"],
            "qunzhi: --since: expected a date like 2016-01-01, found '上周'",
        ),
        (
            ["老王", "--limit", "0"],
            "qunzhi: --limit: expected a whole number of at least 1, found 0",
        ),
    ],
)
def test_bad_queries_are_one_line_and_exit_2(built, qunzhi, args, message):
    result = qunzhi(built, "search", *args)
    assert (result.code, result.out, result.lines) == (2, "", [message])


def test_without_an_index_it_is_made_from_the_content(site, qunzhi):
    result = qunzhi(site, "search", "第一次来")
    assert result.code == 0
    assert result.lines == ["qunzhi: making the search index from the content (no index yet)"]
    assert f"/{KAI_CHANG}#turn-3" in result.out
    assert not site.output.exists()  # a search builds no site
