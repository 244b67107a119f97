"""Feeds a person finds: autodiscovery in every page's head, the /feeds/ page, the footer
link; and the settings that choose feeds, their length and their content."""

from __future__ import annotations

import logging
import re

from feedcheck import feed_files, parsed
from pelican.log import LimitFilter

DEV_BASE = "http://localhost:8000/"


def alternates(html: str) -> list[tuple[str, str]]:
    """(type, href) of every <link rel="alternate"> of a page."""
    links = re.findall(r'<link rel="alternate" type="([^"]+)" title="[^"]+" href="([^"]+)">', html)
    return [(kind.split("/")[1].split("+")[0], href) for kind, href in links]


def atom_hrefs(html: str) -> list[str]:
    return [href for kind, href in alternates(html) if kind == "atom"]


def test_every_page_links_the_feeds_that_fit_it(built):
    pages = {
        "": ["/feeds/all.atom.xml"],
        "members/wangjianguo/": ["/feeds/all.atom.xml", "/feeds/members/wangjianguo.atom.xml"],
        "groups/paoge/": ["/feeds/all.atom.xml", "/feeds/groups/paoge.atom.xml"],
        "tags/du-shu/": ["/feeds/all.atom.xml", "/feeds/tags/du-shu.atom.xml"],
        "transcripts/": ["/feeds/all.atom.xml", "/feeds/transcripts.atom.xml"],
        "events/": ["/feeds/all.atom.xml", "/feeds/events.atom.xml"],
        "members/": ["/feeds/all.atom.xml", "/feeds/joined.atom.xml"],
        "transcripts/kai-chang/": [
            "/feeds/all.atom.xml",
            "/feeds/transcripts.atom.xml",
            "/feeds/groups/paoge.atom.xml",
        ],
        "rules/paoge-qungui/": [
            "/feeds/all.atom.xml",
            "/feeds/rules.atom.xml",
            "/feeds/groups/paoge.atom.xml",
        ],
    }
    for url, expected in pages.items():
        html = built.page(url)
        assert atom_hrefs(html) == expected, url
        rss = [href for kind, href in alternates(html) if kind == "rss"]
        assert rss == [href.replace(".atom.xml", ".rss.xml") for href in expected], url
    for url, expected in pages.items():  # every linked feed exists
        for href in expected:
            assert (built.output / href.lstrip("/")).is_file(), (url, href)


def test_a_page_without_a_feed_of_its_own_links_the_site_feed(built):
    assert atom_hrefs(built.page("about/")) == ["/feeds/all.atom.xml"]
    assert atom_hrefs(built.page("archives/")) == ["/feeds/all.atom.xml"]
    assert atom_hrefs(built.page("feeds/")) == ["/feeds/all.atom.xml"]


def test_the_feeds_page_lists_every_feed_with_title_and_both_links(built):
    html = built.page("feeds/")
    titles = re.findall(r'<span class="feed-title">([^<]+)</span>', html)
    assert titles[:5] == ["全部更新", "分享实录", "活动", "群规修订", "新成员"]
    assert "炮哥有约" in titles and "标签「读书」" in titles and "王建国" in titles
    headings = re.findall(r'<h2 id="feeds-\d">([^<]+)</h2>', html)
    assert headings == ["全站", "摘要", "小组", "标签", "成员"]
    files = feed_files(built.output)
    assert len(titles) == len(files) // 2
    for path in files:
        assert f'href="/{path}"' in html
    assert '<a href="/feeds/">订阅（RSS/Atom）</a>' in built.page("")


def test_hub_feeds_chooses_the_feeds_and_the_rest_are_not_written(site, qunzhi):
    with site.settings.open("a", encoding="utf-8") as settings:
        settings.write('\nHUB_FEEDS = ["all", "tags"]\n')
    assert qunzhi(site, "build").code == 0
    assert {path.rsplit(".", 2)[0] for path in feed_files(site.output)} == {
        "feeds/all",
        "feeds/tags/she-qun-yun-ying",
        "feeds/tags/du-shu",
        "feeds/tags/xian-xia-huo-dong",
    }
    assert atom_hrefs(site.page("groups/paoge/")) == ["/feeds/all.atom.xml"]


def test_hub_feed_items_limits_every_feed_to_the_newest(site, qunzhi):
    with site.settings.open("a", encoding="utf-8") as settings:
        settings.write("\nHUB_FEED_ITEMS = 2\n")
    assert qunzhi(site, "build").code == 0
    titles = [e.title for e in parsed(site.output, "feeds/all.atom.xml").entries]
    assert titles == ["春季沙龙", "年会回顾"]
    assert len(parsed(site.output, "feeds/groups/paoge.rss.xml").entries) == 2


def test_summary_content_leaves_the_html_out(site, qunzhi):
    with site.settings.open("a", encoding="utf-8") as settings:
        settings.write('\nHUB_FEED_CONTENT = "summary"\n')
    assert qunzhi(site, "build").code == 0
    atom = parsed(site.output, "feeds/transcripts.atom.xml").entries[0]
    assert "content" not in atom and atom.summary.startswith("王建国：大家好")
    rss = (site.output / "feeds/transcripts.rss.xml").read_text(encoding="utf-8")
    assert "content:encoded" not in rss and "<description>王建国：大家好" in rss


def test_publish_mode_without_an_absolute_siteurl_is_a_settings_error(site, qunzhi):
    with site.settings.open("a", encoding="utf-8") as settings:
        settings.write('\nHUB_PUBLISH = True\nSITEURL = "/hub"\n')
    result = qunzhi(site, "build")
    assert (result.code, result.lines) == (
        2,
        [
            "qunzhi: pelicanconf.py: SITEURL: expected an absolute URL like "
            'https://hub.example.org when HUB_PUBLISH is True, found "/hub"'
        ],
    )
    assert not site.output.exists()


def test_development_without_siteurl_warns_once_and_uses_the_fallback(
    site, qunzhi, caplog, monkeypatch
):
    # Pelican's LimitFilter drops a message this process logged before (in another test)
    monkeypatch.setattr(LimitFilter, "_raised_messages", set())
    with caplog.at_level(logging.WARNING):
        assert qunzhi(site, "build").code == 0
    assert [r.getMessage() for r in caplog.records if "SITEURL" in r.getMessage()] == [
        "feeds: SITEURL is empty, not an absolute URL: feeds link to http://localhost:8000/ "
        "for now; set SITEURL (and HUB_PUBLISH = True) in publishconf.py to publish"
    ]
    assert parsed(site.output, "feeds/all.atom.xml").entries[0].link.startswith(DEV_BASE)


def test_a_published_site_links_everything_under_siteurl(site, qunzhi):
    with site.settings.open("a", encoding="utf-8") as settings:
        settings.write('\nHUB_PUBLISH = True\nSITEURL = "https://qun.example.org/hub"\n')
    result = qunzhi(site, "build")
    assert result.code == 0 and "SITEURL" not in result.err
    feed = parsed(site.output, "feeds/all.rss.xml")
    assert feed.feed.link == "https://qun.example.org/hub/"
    assert all(e.link.startswith("https://qun.example.org/hub/") for e in feed.entries)
    assert feed.entries[0].id.startswith("tag:qun.example.org,")
    html = site.page("")
    assert 'href="https://qun.example.org/hub/feeds/all.atom.xml"' in html
    rss = (site.output / "feeds/all.rss.xml").read_text(encoding="utf-8")
    # root-relative, so the stylesheet also loads in a local preview of the published site
    assert '<?xml-stylesheet type="text/css" href="/hub/theme/css/feed.css"?>' in rss
