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
    assert lines[-1] == "17 Atom and 17 RSS feeds: 0 with problems"


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


RSS = """<rss version="2.0"><channel><title>群</title><link>http://h.org/</link>
<description>说明</description><item><title>一</title><link>http://h.org/a/</link>
{guid}<pubDate>{date}</pubDate>{enclosure}</item></channel></rss>"""
GOOD_RSS = {
    "guid": '<guid isPermaLink="false">tag:h.org,2016-01-01:a</guid>',
    "date": "Fri, 01 Jan 2016 00:00:00 +0800",
    "enclosure": '<enclosure url="http://h.org/a.mp3" length="10" type="audio/mpeg"/>',
}


def problems_of(validator: ModuleType, kind: str, change: dict[str, str]) -> list[str]:
    if kind == "atom":
        document = etree.ElementTree(etree.fromstring(ATOM.format(**{**GOOD, **change})))
        return validator.atom_problems(document, etree.RelaxNG(etree.parse(str(validator.SCHEMA))))
    document = etree.ElementTree(etree.fromstring(RSS.format(**{**GOOD_RSS, **change})))
    return validator.rss_problems(document)


@pytest.mark.parametrize(
    ("kind", "change", "problem"),
    [
        ("atom", {}, None),
        ("atom", {"entry_id": ""}, "Element entry failed to validate content"),
        ("atom", {"updated": "2016-01-01T00:00:00"}, "is not an RFC 3339 date with a zone"),
        ("atom", {"author": ""}, "must have an atom:author"),
        ("atom", {"link": "/a/"}, "is not absolute"),
        ("rss", {}, None),
        ("rss", {"guid": "<guid>tag:h.org,2016-01-01:a</guid>"}, "is a permalink but not a URL"),
        ("rss", {"date": "2016-01-01T00:00:00+08:00"}, "is not an RFC 822 date"),
        ("rss", {"enclosure": '<enclosure url="http://h.org/a.mp3" type="audio/mpeg"/>'}, "length"),
        ("rss", {"enclosure": "<author>王建国</author>"}, "not an e-mail address"),
        ("rss", {"enclosure": "<published>x</published>"}, "RSS 2.0 does not define"),
    ],
)
def test_the_checks_catch_broken_feeds(validator, kind, change, problem):
    problems = problems_of(validator, kind, change)
    if problem is None:
        assert problems == []
    else:
        assert any(problem in found for found in problems), problems
