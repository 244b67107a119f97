"""Digests of the fixture hub as a reader finds them: sections, counts, boundaries,
the editor's note, archive links, stability, and nothing from drafts or private documents."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest

SECRETS = [
    "草稿里的分享",  # draft transcript: title
    "火星基地",  # its words (a topic if it leaked)
    "草稿语录不该出现",  # its quote
    "私密的讨论",  # private transcript
    "深海潜艇",
    "私密语录不该出现",
    "二月的私密讨论",  # the only document of 2016-W06
    "隐士甲",  # a private member who joined in January
    "隐身人",
    "yinshi",
]


@pytest.fixture
def digest_built(digest_site, qunzhi):
    result = qunzhi(digest_site, "build")
    assert result.code == 0, result.err
    return digest_site


def article(page: str) -> str:
    return re.search(r'<article class="doc digest".*?</article>', page, re.DOTALL).group(0)


def test_week_digest_sections_and_counts(digest_built):
    page = digest_built.page("digests/2016/w01")
    assert '<h1 id="doc-title">2016年第1周周报</h1>' in page
    assert "分享实录（1）" in page and "社群运营入门" in page
    assert "复盘是社群的记忆。" in page and "第二句语录：留存靠坚持。" in page
    assert "第三句语录不该进摘要" not in page  # HUB_DIGEST_QUOTES = 2
    assert "活动回顾（1）" in page and "年会" in page and "25 人参加" in page
    speakers = re.findall(r'<tr data-speaker="([^"]+)">.*?<td>(\d+)</td>', page)
    assert speakers == [("wangjianguo", "3"), ("lixiaohong", "2")]
    topics = re.findall(
        r"<li>([^<]+)</li>", page.split('class="digest-topics"')[1].split("</ul>")[0]
    )
    assert topics[:2] == ["留存", "复盘"]
    assert "new-members" not in page and "新成员" not in page


def test_period_boundaries_are_in_the_site_time_zone(digest_built):
    week2 = digest_built.page("digests/2016/w02")
    assert "深夜读书会：慢读" in week2  # Sunday 2016-01-17 23:30 in Shanghai
    assert "周一零点场" not in week2  # 2016-01-17T16:30Z is Monday 00:30 in Shanghai
    assert "周一零点场" in digest_built.page("digests/2016/w03")
    january = digest_built.page("digests/2016/01")
    assert "分享实录（3）" in january
    assert not (digest_built.output / "digests/2016/w06").exists()  # only a private transcript
    assert not (digest_built.output / "digests/2016/03").exists()  # has not begun on HUB_NOW


def test_editor_note_highlights_come_first(digest_built):
    page = article(digest_built.page("digests/2016/w02"))
    assert "第二周：慢下来" in page and "<strong>慢读</strong>" in page
    featured = page.index("编辑推荐")
    assert featured < page.index("二月分享：做播客") < page.index("分享实录")  # from another week
    assert 'class="doc-item digest-transcript is-featured"' in page
    assert "新成员（1）" in page and "李小红" in page
    assert "编辑写的本周摘要" not in page  # the note's summary is for lists and feeds
    archive = digest_built.page("digests")
    assert "一月编辑按语" not in archive
    assert "编辑的话" not in digest_built.page(
        "groups/dushu/digests/2016/w02"
    )  # notes are hub-wide


def test_rule_changes_and_upcoming_events(digest_built):
    page = digest_built.page("digests/2016/w03")
    assert "群规更新" in page and "第 2 版" in page and "广告条款收紧，新增预告规则" in page
    changed = re.findall(
        r'<li class="rule-(\w+)"><span class="badge">\w+</span> (?:<a [^>]+>)?(?:原)?第(\d)条', page
    )
    # in rule-number order (removed rules, by their old number, last)
    assert changed == [("changed", "2"), ("added", "3"), ("changed", "4"), ("removed", "3")]
    # a rule's nested list is read as sentences, not as literal "- " markers
    assert "第4条</a> 晚上十一点后安静。急事除外；周末晚一小时。</li>" in page
    assert " - " not in article(page)
    html = (digest_built.output / "digests/2016/w03/newsletter.html").read_text(encoding="utf-8")
    text = (digest_built.output / "digests/2016/w03/newsletter.txt").read_text(encoding="utf-8")
    expected = [
        "修改第2条：不发任何广告，包括拼团。",
        "新增第3条：分享之前先预告。",
        "修改第4条：晚上十一点后安静。急事除外；周末晚一小时。",
        "删除原第3条：禁止刷屏。",
    ]
    for output in (html, text):
        assert [output.index(line) for line in expected] == sorted(
            output.index(line) for line in expected
        )
    week8 = digest_built.page("digests/2016/w08")
    assert "即将举行（1）" in week8 and "读书沙龙" in week8 and "本期尚未结束" in week8


def test_archive_and_previous_next_links(digest_built):
    archive = digest_built.page("digests")
    links = re.findall(r'href="https://hub.example.org/(digests/[^"]+)"', archive)
    assert links[:6] == [
        "digests/2016/w08/",  # latest
        "digests/2016/02/",
        "digests/2016/w08/",
        "digests/2016/w05/",
        "digests/2016/01/",
        "digests/2016/w03/",
    ]
    page = digest_built.page("digests/2016/w03")
    assert 'rel="prev" href="https://hub.example.org/digests/2016/w02/"' in page
    assert 'rel="next" href="https://hub.example.org/digests/2016/w05/"' in page
    group = digest_built.page("groups/paoge")
    assert 'href="https://hub.example.org/groups/paoge/digests/"' in group
    assert "groups/paoge/digests/2016/w05/" in group
    nav = digest_built.page("")
    assert '<a href="https://hub.example.org/digests/">摘要</a>' in nav
    sitemap = ET.fromstring((digest_built.output / "sitemap.xml").read_bytes())
    locs = {loc.text for loc in sitemap.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")}
    assert "https://hub.example.org/digests/2016/w02/" in locs
    assert "https://hub.example.org/groups/dushu/digests/2016/01/" in locs
    assert "https://hub.example.org/transcripts/yunying-rumen/" in locs


def test_newsletter_files_are_self_contained(digest_built):
    page = digest_built.page("digests/2016/w01")
    assert 'href="https://hub.example.org/digests/2016/w01/newsletter.html"' in page
    html = (digest_built.output / "digests/2016/w01/newsletter.html").read_text(encoding="utf-8")
    assert "<link" not in html and "<script" not in html and "<style" not in html
    assert 'style="' in html and "<svg" in html
    assert 'href="https://hub.example.org/transcripts/yunying-rumen/"' in html
    text = (digest_built.output / "digests/2016/w01/newsletter.txt").read_text(encoding="utf-8")
    assert text.startswith("2016年第1周周报\n")
    assert "<" not in text and "复盘是社群的记忆。" in text
    assert "- 王建国：3 段" in text


def test_same_content_same_bytes_and_other_periods_change_nothing(digest_site, qunzhi):
    def digests() -> dict[str, bytes]:
        assert qunzhi(digest_site, "build").code == 0
        return {name: data for name, data in digest_site.all_output().items() if "digests/" in name}

    first, second = digests(), digests()
    assert first == second
    digest_site.write(
        "transcripts/2016-02-20-xin-de.md",
        "---\ntitle: 新的一篇\ndate: 2016-02-20 20:00\ngroup: paoge\nhost: 老王\n---\n"
        "老王：讲讲复盘和留存，还有烘焙。\n",
    )
    third = digests()
    january = [name for name in first if "/2016/01/" in name or "/2016/w0" in name]
    for name in january:
        if name.endswith(("newsletter.html", "newsletter.txt")):
            assert third[name] == first[name], name
        elif name.endswith("index.html") and "w07" not in name and "/02/" not in name:
            before, after = (article(d.decode()) for d in (first[name], third[name]))
            assert before == after, name
    assert "digests/2016/w07/index.html" in third


def test_drafts_and_private_documents_contribute_nothing(digest_built):
    assert digest_built.leaks(SECRETS) == []
    week1 = digest_built.page("digests/2016/w01")
    assert "分享实录（1）" in week1  # not 3: the draft and the private one are not counted
    assert "2016-W06" not in digest_built.page("digests")


def test_a_note_for_a_period_without_content_warns(digest_site, qunzhi):
    digest_site.write("digests/2016-W06.md", "---\ntitle: 空的一周\n---\n没有内容。\n")
    result = qunzhi(digest_site, "build")
    assert result.code == 0
    assert (
        "content/digests/2016-W06.md:1: warning: file: expected a week with published content, "
        "found none (or its digests are switched off in HUB_DIGEST_PERIODS); the note is not shown"
    ) in result.lines
    assert qunzhi(digest_site, "build", "--strict").code == 1


def test_check_warns_like_the_build_and_a_missing_iso_week_is_an_error(digest_site, qunzhi):
    digest_site.write("digests/2016-W06.md", "---\ntitle: 空的一周\n---\n没有内容。\n")
    digest_site.write("digests/2016-W53.md", "---\ntitle: 不存在的一周\n---\n")
    result = qunzhi(digest_site, "check")
    assert result.code == 1
    assert result.lines[:2] == [
        "content/digests/2016-W06.md:1: warning: file: expected a week with published content, "
        "found none (or its digests are switched off in HUB_DIGEST_PERIODS); the note is not shown",
        "content/digests/2016-W53.md:1: file: expected a week of 2016 (it has 52 ISO weeks), "
        'found "2016-W53.md"',
    ]
