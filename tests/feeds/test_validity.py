"""Every feed passes the strict validator of scripts/validate_feeds.py (RFC 4287's RELAX NG
schema for Atom, the RSS 2.0 profile for RSS), and the validator catches what it must."""

from __future__ import annotations

import importlib
from types import ModuleType

import pytest
from feedcheck import ROOT
from lxml import etree


@pytest.fixture(scope="module")
def validator() -> ModuleType:
    with pytest.MonkeyPatch.context() as patch:
        patch.syspath_prepend(str(ROOT / "scripts"))
        return importlib.import_module("validate_feeds")


def test_every_feed_of_the_demo_hub_is_valid(validator, demo):
    results = validator.validate(demo)
    assert len(results) > 40
    assert {path: problems for path, problems in results.items() if problems} == {}


def test_every_feed_of_the_fixture_hub_with_a_podcast_is_valid(validator, site, qunzhi):
    site.write("images/talk.mp3", b"ID3" + b"\0" * 97)
    site.write(
        "transcripts/2016/2016-01-20-lu-yin.md",
        "---\ntitle: 有录音的一场\ndate: 2016-01-20 20:00\ngroup: dushu\n"
        "audio: /images/talk.mp3\n---\n正文。\n",
    )
    assert qunzhi(site, "build").code == 0
    results = validator.validate(site.output)
    assert "feeds/podcast.rss.xml" in results and "feeds/podcast.atom.xml" in results
    assert {path: problems for path, problems in results.items() if problems} == {}


def test_the_command_prints_one_line_per_feed_and_a_summary(validator, built, capsys):
    assert validator.main([str(built.output)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert "ok    feeds/all.atom.xml  (Atom 1.0, RFC 4287 RELAX NG)" in lines
    assert "ok    feeds/all.rss.xml  (RSS 2.0 profile)" in lines
    assert lines[-1] == "13 Atom and 13 RSS feeds: 0 with problems"


ATOM = """<feed xmlns="http://www.w3.org/2005/Atom"><id>http://h.org/f</id><title>群</title>
<updated>{updated}</updated>{author}<link href="http://h.org/" rel="alternate"/>
<entry>{entry_id}<title>一</title><updated>2016-01-01T00:00:00+08:00</updated>
<link href="{link}"/></entry></feed>"""
GOOD = {
    "updated": "2016-01-01T00:00:00+08:00",
    "author": "<author><name>群</name></author>",
    "entry_id": "<id>tag:h.org,2016-01-01:a</id>",
    "link": "http://h.org/a/",
}


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        ({}, None),
        ({"entry_id": ""}, "Element entry failed to validate content"),
        ({"updated": "2016-01-01T00:00:00"}, "is not an RFC 3339 date with a zone"),
        ({"author": ""}, "must have an atom:author"),
        ({"link": "/a/"}, "is not absolute"),
    ],
)
def test_the_atom_checks_catch_broken_feeds(validator, change, problem):
    document = etree.ElementTree(etree.fromstring(ATOM.format(**{**GOOD, **change})))
    schema = etree.RelaxNG(etree.parse(str(validator.SCHEMA)))
    problems = validator.atom_problems(document, schema)
    if problem is None:
        assert problems == []
    else:
        assert any(problem in found for found in problems), problems


RSS = """<rss version="2.0"><channel><title>群</title><link>http://h.org/</link>
<description>说明</description><item><title>一</title><link>http://h.org/a/</link>
{guid}<pubDate>{date}</pubDate>{enclosure}</item></channel></rss>"""
GOOD_RSS = {
    "guid": '<guid isPermaLink="false">tag:h.org,2016-01-01:a</guid>',
    "date": "Fri, 01 Jan 2016 00:00:00 +0800",
    "enclosure": '<enclosure url="http://h.org/a.mp3" length="10" type="audio/mpeg"/>',
}


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        ({}, None),
        ({"guid": "<guid>tag:h.org,2016-01-01:a</guid>"}, "is a permalink but not a URL"),
        ({"date": "2016-01-01T00:00:00+08:00"}, "is not an RFC 822 date"),
        ({"enclosure": '<enclosure url="http://h.org/a.mp3" type="audio/mpeg"/>'}, "length"),
        ({"enclosure": "<author>王建国</author>"}, "not an e-mail address"),
        ({"enclosure": "<published>x</published>"}, "RSS 2.0 does not define"),
    ],
)
def test_the_rss_checks_catch_broken_feeds(validator, change, problem):
    document = etree.ElementTree(etree.fromstring(RSS.format(**{**GOOD_RSS, **change})))
    problems = validator.rss_problems(document)
    if problem is None:
        assert problems == []
    else:
        assert any(problem in found for found in problems), problems
