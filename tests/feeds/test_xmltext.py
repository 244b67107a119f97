"""Text pasted from chats carries characters XML forbids; no feed write may fail on them."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
from feedcheck import feed_files, parsed
from lxml import etree

from qunzhi.feeds.entries import Author, Category, Entry
from qunzhi.feeds.links import absolute_html
from qunzhi.feeds.writer import FeedInfo, FeedWriter
from qunzhi.feeds.xmltext import xml_safe

FORBIDDEN = "\x00\x01\x08\x0b\x0c\x0e\x1f\ufffe\uffff\ud800\udfff"


@pytest.mark.parametrize("char", list(FORBIDDEN))
def test_each_forbidden_character_is_removed(char):
    assert xml_safe(f"群{char}志") == "群志"


def test_allowed_characters_are_kept_as_written():
    text = "tab\tnewline\ncr\r 全角，emoji 🎉 U+FFFD \ufffd 私用区 \ue000 DEL \x7f"
    assert xml_safe(text) == text


def test_links_are_made_absolute_after_cleaning():
    html = absolute_html(
        '<p>看\x01<a href="../b/">这里</a><img src="/images/a.png"></p>', "http://h.org/t/a/"
    )
    assert (
        html == '<p>看<a href="http://h.org/t/b/">这里</a><img src="http://h.org/images/a.png"></p>'
    )


def test_the_writer_cleans_every_string_it_is_given():
    dirty = "坏\x00\ud800\ufffe字"
    when = datetime(2016, 1, 3, 20, 0, tzinfo=timezone(timedelta(hours=8)))
    entry = Entry(
        id="tag:h.org,2016-01-03:transcripts/a",
        title=dirty,
        link="http://h.org/transcripts/a/",
        published=when,
        updated=when,
        summary=dirty,
        content=f"<p>{dirty}</p>",
        authors=[Author(dirty, "http://h.org/members/a/")],
        categories=[Category(dirty)],
    )
    writer = FeedWriter({"SITENAME": dirty, "SITEURL": "http://h.org"}, "http://h.org/", when)
    info = FeedInfo("feeds/all", dirty, dirty, "")
    for document in writer.write(info, [entry]):
        text = etree.tostring(etree.fromstring(document), encoding="unicode")
        assert "坏字" in text and not any(char in text for char in FORBIDDEN)


def test_feeds_are_written_from_content_full_of_forbidden_characters(site, qunzhi):
    # A body carries raw the characters the reader lets through (vertical tab, form feed,
    # U+FFFE/U+FFFF); YAML escapes of control characters are refused in front matter
    # since issue 17 (tests/hostile), so the values here carry only U+FFFE/U+FFFF.
    site.write(
        "members/kongzhi.md",
        '---\nname: "控制者"\naliases: ["坏字"]\njoined: 2016-01-15\n---\n简介\x0b里也有\ufffe。\n',
    )
    site.write(
        "transcripts/2016/2016-01-25-luan-ma.md",
        '---\ntitle: "乱码标题"\ndate: 2016-01-25 20:00\ngroup: paoge\n'
        'host: 控制者\ntags: ["标签"]\nsummary: "摘要"\n---\n'
        "控制者：聊天记录里有\x0c换页符和\uffff非字符。\n",
    )
    result = qunzhi(site, "build")
    assert result.code == 0, result.err
    for path, data in feed_files(site.output).items():
        etree.fromstring(data)  # well-formed XML 1.0
        assert not any(char.encode("utf-8", "surrogatepass") in data for char in FORBIDDEN), path
    entries = {e.title: e for e in parsed(site.output, "feeds/all.atom.xml").entries}
    entry = entries["乱码标题"]
    assert entry.summary == "摘要"
    assert [tag.term for tag in entry.tags] == ["标签"]
    assert [author.name for author in entry.authors] == ["控制者"]
    assert "换页符和非字符" in entry.content[0].value
    assert "新成员：控制者" in entries
